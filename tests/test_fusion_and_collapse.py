"""Score fusion, ref matching and near-duplicate collapse on tiny hand-made inputs."""

from __future__ import annotations

import random
from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest

from ingest.records import Chunk
from panelqa.text import Period
from retrieval.query import parse_query
from retrieval.search import (
    Distinct,
    Hit,
    collapse,
    may_be_near_duplicates,
    near_duplicate,
    reports_on,
    score_fusion,
)
from tests.fakes import make_chunk


def chunk(id: str, text: str = "", ref: str | None = None, parent_ref: str | None = None) -> Chunk:
    return make_chunk(id, text, ref=ref, parent_ref=parent_ref)


def hit(id: str, text: str) -> Hit:
    return Hit(chunk(id, text), score=0.0, dense=0.0, lexical=0.0, why="bm25")


def test_fusion_is_bm25_over_its_best_plus_weighted_cosine():
    bm25 = np.array([2.0, 1.0, 0.0, 4.0])
    cosines = {0: 0.5, 1: 0.8, 3: 0.2}
    fused = score_fusion(bm25, cosines, [0, 1, 3], dense_weight=0.5)
    # best BM25 is 4: 0 -> 2/4 + 0.5*0.5 = 0.75; 1 -> 1/4 + 0.5*0.8 = 0.65; 3 -> 4/4 + 0.5*0.2 = 1.1
    assert fused == pytest.approx({0: 0.75, 1: 0.65, 3: 1.1})


def test_fusion_without_any_bm25_match_is_the_weighted_cosine():
    # No BM25 score above 0: the scale falls back to 1, so only 0.75 * cosine remains.
    fused = score_fusion(np.zeros(2), {0: 0.4, 1: 0.2}, [0, 1], dense_weight=0.75)
    assert fused == pytest.approx({0: 0.3, 1: 0.15})


TEN = frozenset("one two three four five six seven eight nine ten".split())


def test_near_duplicate_is_jaccard_at_least_nine_tenths():
    assert near_duplicate(TEN, TEN - {"ten"})  # 9 shared / 10 in the union = 0.9
    assert not near_duplicate(TEN, TEN - {"nine", "ten"})  # 8 / 10 = 0.8
    # one word swapped: 8 shared of nine each, 10 in the union = 0.8
    assert not near_duplicate(TEN - {"ten"}, (TEN - {"nine", "ten"}) | {"eleven"})
    assert near_duplicate(frozenset(), frozenset())
    assert not near_duplicate(TEN, frozenset())


def test_distinct_ignores_case_and_punctuation_but_not_new_words():
    seen = Distinct()
    assert seen.take("One two three four five six seven eight nine ten.")
    assert not seen.take("one, two, three, four, five, six, seven, eight, nine -- TEN")
    # 'eleven' added: 10 shared / 11 in the union = 0.909, still a near duplicate.
    assert not seen.take("one two three four five six seven eight nine ten eleven")
    # two words swapped for new ones: 8 / 12 = 0.67, a different passage.
    assert seen.take("one two three four five six seven eight alpha beta")


def test_collapse_keeps_the_best_ranked_of_each_repeated_passage_in_order():
    hits = [
        hit("q3", "Track my Crime went live in June across the force area."),
        hit("other", "The precept rose by five per cent."),
        hit("q4", "Track my Crime went live in June, across the force area"),
    ]
    assert [h.chunk.id for h in collapse(hits)] == ["q3", "other"]


def test_the_signature_bound_excludes_only_sets_that_cannot_be_near_duplicates():
    ten_bits = 0b1111111111
    # Ten words and nine of them: each lacks at most 10 - 0.9 * 19 / 1.9 = 1 and 9 - 9 = 0.
    assert may_be_near_duplicates(10, ten_bits, 9, ten_bits >> 1)
    # Two sets of ten with no bit in common lack ten words each, more than 10 - 9.47.
    assert not may_be_near_duplicates(10, ten_bits, 10, ten_bits << 10)


def test_distinct_agrees_with_comparing_every_pair():
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(40)]
    base = rng.sample(vocabulary, 20)
    texts = []
    for _ in range(300):  # variants of one passage: some near duplicates, most not
        words = set(base)
        for _ in range(rng.randint(0, 4)):
            words.discard(rng.choice(base))
            words.add(rng.choice(vocabulary))
        texts.append(" ".join(sorted(words, key=lambda _: rng.random())))
    kept: list[frozenset[str]] = []
    expected = []
    for text in texts:
        words = frozenset(text.split())
        fresh = not any(near_duplicate(words, other) for other in kept)
        expected.append(fresh)
        if fresh:
            kept.append(words)
    seen = Distinct()
    assert [seen.take(text) for text in texts] == expected
    assert 1 < sum(expected) < len(texts)


def test_the_papers_reporting_on_the_months_asked():
    """'the November 2019 meeting' is reported by the Oct–Dec 2019 paper (period ending in
    the quarter after) or one that went to a meeting within four months; not by Jul–Sep."""
    asked = parse_query("What was the November 2019 holding to account meeting about?").asks_of
    assert asked == Period(date(2019, 11, 1), date(2019, 11, 30))
    ordinal = date.toordinal
    papers = SimpleNamespace(
        as_at=np.array([ordinal(date(2019, 12, 31)), ordinal(date(2019, 9, 30)), 0, 0]),
        meeting=np.array(
            [0, ordinal(date(2019, 9, 10)), ordinal(date(2020, 2, 5)), ordinal(date(2020, 6, 1))]
        ),
    )
    assert reports_on(papers, asked, np.arange(4)).tolist() == [True, False, True, False]
    assert reports_on(papers, asked, np.array([2, 1])).tolist() == [True, False]
    assert parse_query("How many in Oct-Dec 2015?").asks_of == Period(date(2015, 10, 1), date(2015, 12, 31))
    assert parse_query("What was the 2018/19 budget?").asks_of is None  # a year is a filter's


def test_search_adds_the_asked_period_weight_to_the_papers_reporting_on_it(tmp_path):
    from index.store import load, write_build
    from panelqa.settings import RetrievalSettings
    from retrieval.query import QueryPlan
    from retrieval.search import search
    from tests.test_store import CHUNKS, THREADS, VECTORS

    write_build(tmp_path, iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    index, settings = load(tmp_path), RetrievalSettings()

    def scores(asks_of: Period | None) -> dict[str, float]:
        plan = QueryPlan(text="cadets rural budget", asks_of=asks_of)
        return {h.chunk.id: h.score for h in search(index, None, plan, settings, vector=VECTORS[0])}

    plain = scores(None)
    # Every paper here went to a meeting in January 2020, four months after September 2019.
    boosted = scores(Period(date(2019, 9, 1), date(2019, 9, 30)))
    assert boosted == pytest.approx({i: s + settings.asked_period_weight for i, s in plain.items()})
    assert scores(Period(date(2015, 3, 1), date(2015, 3, 31))) == pytest.approx(plain)  # none reports on it
