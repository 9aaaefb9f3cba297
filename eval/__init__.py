"""Gold questions, retrieval metrics, baselines and benchmarks."""
