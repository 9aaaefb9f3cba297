"""The panelqa command line and the Streamlit chat."""

import panelqa  # noqa: F401  (first: it settles numpy's threads before numpy loads)
