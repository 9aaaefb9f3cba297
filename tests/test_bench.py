"""`panelqa bench`: the synthetic corpus is what the docstring says (fast, a tiny hand-made
index), and one small scale runs end to end (slow, the real index)."""

import numpy as np
import pytest

from eval.bench import SyntheticThreads, _halves, bench_scale, build_scale, table
from index.store import load, write_build
from tests.test_store import CHUNKS, THREADS, VECTORS


@pytest.fixture
def tiny(tmp_path):
    write_build(tmp_path / "base", iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    return tmp_path / "base"


def test_copies_recombine_real_passages_and_are_dated_later(tiny, tmp_path):
    built = build_scale(tiny, 3, tmp_path / "x3")
    assert built["build_seconds"] >= 0 and built["build_peak_rss_mb"] > 0
    index = load(tmp_path / "x3")
    assert len(index.chunks) == 12 and list(index.chunks)[:4] == CHUNKS
    for copy in (1, 2):
        for i, original in enumerate(CHUNKS):
            twin = index.chunks[copy * 4 + i]
            assert twin.id == f"{original.id}~{copy}"
            assert twin.meeting_date.year == original.meeting_date.year + copy
            # The base vectors are the axes, so a copy's vector names its two halves' sources.
            halves = np.flatnonzero(index.vectors[copy * 4 + i] > 0.1)
            partner = next((p for p in halves if p != i), i)
            assert np.isclose(np.linalg.norm(index.vectors[copy * 4 + i]), 1.0)
            assert twin.text.startswith(_halves(original.text)[0])
            assert twin.text.endswith(_halves(CHUNKS[partner].text)[1])
    assert index.threads["a.txt#1~2"] == "T0001" and len(index.thread_members["T0001"]) == 6


def test_synthetic_threads_follow_the_original_within_a_panel_sized_block():
    threads = SyntheticThreads(THREADS)
    assert threads["b.txt#0"] == threads["b.txt#0~7"] == threads["b.txt#0~24"] == "T0001"
    assert threads["b.txt#0~25"] == threads["a.txt#1~49"] == "T0001~1"
    assert threads["a.txt#2~60"] == "T0002~2" and threads.get("a.txt#0~1") is None


def test_table_names_exact_and_approximate_search():
    stages = {s: {"p50": 1.0, "p95": 2.0} for s in ("parse", "embed", "bm25", "dense", "fusion", "answer")}
    row = {
        "scale": 1,
        "chunks": 945,
        "build_seconds": 1,
        "build_peak_rss_mb": 100,
        "load_seconds": 0.1,
        "ask_ms": {"p50": 10, "p95": 20},
        "stage_ms": stages,
        "dense_recall": None,
        "peak_rss_mb": 300,
        "disk_mb": 4,
    }
    cold = {"seconds": 30, "chunks": 945, "chunks_per_second": 31.5}
    report = {
        "ingest": {"export_seconds": 9, "cold": cold, "unchanged": {"seconds": 0.3}},
        "cold_start_seconds": 1.5,
        "scales": [row, {**row, "scale": 1000, "dense_recall": 0.97}],
    }
    lines = table(report).splitlines()
    assert "| exact |" in lines[-2] and "| 0.970 |" in lines[-1]
    assert lines[-1].startswith("| 1000x | 945 |")


@pytest.mark.slow
def test_a_small_scale_runs_end_to_end(index_dir, tmp_path):
    result = bench_scale(index_dir, 2, tmp_path, repeats=1)
    assert result["chunks"] == 2 * len(load(index_dir).chunks)
    assert result["queries"] > 50 and result["dense_recall"] is None
    assert result["ask_ms"]["p95"] >= result["ask_ms"]["p50"] > 0
    assert not (tmp_path / "x2").exists()  # each scale's index is removed after it is measured
