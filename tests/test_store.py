"""The memory-mapped index format and dense search, on a tiny hand-made index (fast lane)."""

from datetime import date

import numpy as np
import pytest

import index.dense
from index.dense import DenseIndex, top_positions
from index.store import load, write_build
from ingest.records import Chunk, Period
from panelqa.errors import IndexMismatch
from tests.fakes import make_chunk


def _chunk(
    n: int,
    source: str,
    text: str,
    ref: str | None = None,
    parent: str | None = None,
    kind: str = "narrative",
    period: Period | None = None,
) -> Chunk:
    return make_chunk(
        f"{source}#{n}",
        text,
        source=source,
        title=source.upper(),
        meeting_date=date(2020, 1, n % 28 + 1),
        period=period,
        section="S",
        kind=kind,
        ref=ref,
        page=n,
        parent_ref=parent,
        ordinal=n,
    )


Q3 = Period(date(2019, 10, 1), date(2019, 12, 31))
CHUNKS = [
    _chunk(0, "a.txt", "Police cadets recruited in Worcester"),
    _chunk(1, "a.txt", "Cadets and volunteers: “café” week", ref="A4", kind="plan_row", period=Q3),
    _chunk(2, "a.txt", "Rural crime team expanded", ref="A4.6", kind="plan_row"),
    _chunk(0, "b.txt", "Budget precept consultation", ref="B1", parent="A4", kind="plan_row"),
]
# Unit vectors along the axes: chunk i is (close to) axis i.
VECTORS = np.eye(4, dtype=np.float32)
# a.txt#1 was split: it continues in T0001 and also in T0002 (kept as build_threads makes it).
THREADS = {"a.txt#1": "T0001", "a.txt#2": "T0002", "b.txt#0": "T0001", "also:a.txt#1": "T0002"}


@pytest.fixture
def built(tmp_path):
    write_build(tmp_path, iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    return tmp_path


def test_chunks_come_back_equal_and_in_order(built):
    index = load(built)
    assert list(index.chunks) == CHUNKS
    assert index.chunks[-1] == CHUNKS[-1] and index.chunks[1:3] == CHUNKS[1:3]
    assert index.chunks[np.int64(2)].text == "Rural crime team expanded"
    with pytest.raises(IndexError):
        index.chunks[4]


def test_lookups_by_id_place_and_thread(built):
    index = load(built)
    assert index.position["b.txt#0"] == 3 and "a.txt#9" not in index.position
    assert index.neighbours(CHUNKS[1]) == (CHUNKS[0], CHUNKS[2])
    assert index.neighbours(CHUNKS[3]) == (None, None)
    assert dict(index.threads) == THREADS
    assert index.threads["also:a.txt#1"] == "T0002" and "also:a.txt#2" not in index.threads
    assert index.thread_members["T0001"] == [1, 3] and index.thread_members["T0002"] == [2]


def test_columns_for_filters(built):
    index = load(built)
    assert index.plan_rows.tolist() == [1, 2, 3]
    assert index.kinds.tolist() == ["narrative", "plan_row", "plan_row", "plan_row"]
    assert index.in_sources(["b.txt"]).tolist() == [False, False, False, True]
    assert index.of_kinds(["narrative"]).tolist() == [True, False, False, False]
    assert not index.of_kinds(["minutes"]).any()
    assert index.first_of_each_paper(np.ones(4, dtype=bool)) == [0, 3]
    assert index.first_of_each_paper(np.array([False, True, True, False])) == [1]
    assert index.as_at[1] == date(2019, 12, 31).toordinal() and index.as_at[0] == date(2020, 1, 1).toordinal()
    # A4 names itself, its sub-activity A4.6 and the row whose parent is A4; not B1 alone.
    assert index.named(("A4",)).tolist() == [1, 2, 3]
    assert index.named(("B1",)).tolist() == [3] and index.named(("A4.6",)).tolist() == [2]


def test_bm25_postings_use_stemmed_terms(built):
    index = load(built)
    assert sorted(index.postings("cadet").tolist()) == [0, 1]
    assert index.postings("nowhere").tolist() == []


def test_a_hyphenated_word_is_found_by_its_joined_spelling(tmp_path):
    # 'ongoing' (stem 'ongo') finds 'on-going'; the parts stay terms ('on' is a stop word).
    chunks = [_chunk(0, "a.txt", "173 victims receiving on-going support"), _chunk(1, "a.txt", "Going on")]
    write_build(tmp_path, iter(chunks), np.eye(2, dtype=np.float32), {}, {"model": "all-MiniLM-L6-v2"})
    index = load(tmp_path)
    assert index.postings("ongo").tolist() == [0]
    assert sorted(index.postings("go").tolist()) == [0, 1]


def test_a_truncated_chunk_file_is_detected(built):
    from index.store import current_build

    blob = current_build(built) / "chunks.bin"
    blob.write_bytes(blob.read_bytes()[:-3])
    with pytest.raises(IndexMismatch, match="chunks.bin"):
        load(built)


def test_top_positions_is_a_stable_argsort_prefix():
    scores = np.array([1, 3, 3, 0, 3, 2], dtype=np.float32)
    assert top_positions(scores, 2) == [1, 2]
    assert top_positions(scores, 4) == [1, 2, 4, 5]
    assert top_positions(scores, 9) == [1, 2, 4, 5, 0, 3]


def test_exact_search_with_a_filter():
    vectors = np.eye(3, dtype=np.float32)
    dense = DenseIndex(vectors)
    query = np.array([0.6, 0.8, 0.0], dtype=np.float32)
    assert dense.exact(query, 2) == [1, 0]
    assert dense.search(query, 2, np.array([True, False, True])) == [0, 2]


def test_ivf_is_built_above_the_threshold_and_finds_the_exact_neighbours(tmp_path, monkeypatch):
    monkeypatch.setattr(index.dense, "APPROXIMATE_FROM", 100)
    monkeypatch.setattr(index.dense, "EXACT_WHEN_ALLOWED", 10)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(600, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = (_chunk(i, "c.txt", f"passage {i}") for i in range(600))
    write_build(tmp_path, chunks, vectors, {}, {"model": "all-MiniLM-L6-v2"})
    dense = load(tmp_path).dense
    assert dense.approximate and dense.size == 600
    # nprobe (16) covers every one of the 16 clusters at this size, so IVF is exact here.
    assert dense.search(vectors[7], 5) == dense.exact(vectors[7], 5)
    assert dense.search(vectors[7], 1)[0] == 7
    allowed = np.zeros(600, dtype=bool)
    allowed[300:] = True
    assert all(i >= 300 for i in dense.search(vectors[7], 20, allowed))
