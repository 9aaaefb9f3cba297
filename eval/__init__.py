"""Gold questions, retrieval metrics, baselines and benchmarks."""

import panelqa  # noqa: F401  (first: it settles numpy's threads before numpy loads)
