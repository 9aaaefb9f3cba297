"""Query to ranked, fused, filtered passages: `search(index, embedder, plan, settings) -> list[Hit]`."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np

from index.dense import top_positions
from index.embed import Embedder
from index.store import Index
from ingest.records import Chunk
from panelqa.settings import RetrievalSettings
from panelqa.text import Period, terms
from retrieval.query import Filters, QueryPlan


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # fused score (higher is better)
    dense: float  # cosine similarity of query and passage
    lexical: float  # BM25 score as a share of the best BM25 score for the query (0–1)
    why: str  # which signals found it: 'ref', 'bm25', 'dense', 'thread'
    # A later row of an asked commitment under a ref of its own: the asked ref it carries
    # on ('3.4' for the 2021 plan's C6), so that an answer can say 'C6 (was 3.4)'.
    continues: str | None = None
    # An earlier row of an asked commitment under a ref it later left: the asked ref it
    # became ('C6' for a 3.4 row), so that an answer can say '3.4, later C6'.
    became: str | None = None
    # A row of an asked commitment in a paper that gives it no progress update in any row.
    no_update: bool = False
    # The rows of the same paper an asked commitment's bare 'Refer to 3.1' points to, with
    # their updates: the answer reads those, not the pointer, as the commitment's update.
    referred: tuple[Hit, ...] = ()


@dataclass
class StageTimes:
    """Seconds spent in each stage of one question (read by the benchmark)."""

    seconds: dict[str, float] = field(default_factory=dict)
    mark: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        """Charge the time since the last lap to `stage`."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self.mark
        self.mark = now


def score_fusion(
    bm25_scores: np.ndarray, cosines: Mapping[int, float], candidates: list[int], dense_weight: float
) -> dict[int, float]:
    """BM25 scaled to the query's best score, plus weighted cosine, over the candidates.
    Chosen over RRF by `panelqa eval` (see the README)."""
    top = float(bm25_scores.max()) or 1.0
    return {i: float(bm25_scores[i]) / top + dense_weight * float(cosines[i]) for i in candidates}


def allowed_mask(index: Index, filters: Filters) -> np.ndarray:
    """A passage is in a date window when the period it reports on ends in it, or the
    meeting it went to was held in it."""
    mask = np.ones(len(index.chunks), dtype=bool)
    if filters.since or filters.until:
        low = filters.since.toordinal() if filters.since else 1
        high = filters.until.toordinal() if filters.until else date.max.toordinal()
        in_window = np.zeros(len(index.chunks), dtype=bool)
        for column in (index.as_at, index.meeting):
            in_window |= (column >= low) & (column <= high) & (column > 0)
        mask &= in_window
    if filters.kinds:
        mask &= index.of_kinds(filters.kinds)
    if filters.sources:
        mask &= index.in_sources(filters.sources)
    if filters.refs:
        named = np.zeros(len(index.chunks), dtype=bool)
        named[index.named(tuple(filters.refs))] = True
        mask &= named
    return mask


def reports_on(index: Index, period: Period, rows: np.ndarray) -> np.ndarray:
    """Which of the passages at `rows` are of papers reporting on a period: the period
    they report on ends in it or within the quarter after, or their meeting is in it or
    within four months after it ends."""
    start, end = period.start.toordinal(), period.end.toordinal()
    as_at, meeting = index.as_at[rows], index.meeting[rows]
    return ((as_at >= start) & (as_at <= end + 92)) | ((meeting >= start) & (meeting <= end + 122))


def bm25_scores(index: Index, query_terms: list[str]) -> np.ndarray:
    """BM25 of every passage: the query terms' postings summed with one `bincount` (bm25s's
    own `np.add.at` loop is ~10x slower on the long postings of a large corpus)."""
    matrix, vocab = index.bm25.scores, index.bm25.vocab_dict
    columns = [vocab[t] for t in query_terms if t in vocab]
    if not columns:
        return np.zeros(len(index.chunks), dtype=np.float32)
    spans = [slice(matrix["indptr"][c], matrix["indptr"][c + 1]) for c in columns]
    rows = np.concatenate([matrix["indices"][s] for s in spans])
    weights = np.concatenate([matrix["data"][s] for s in spans])
    return np.bincount(rows, weights, minlength=len(index.chunks)).astype(np.float32)


def bm25_ranking(index: Index, query: str, mask: np.ndarray, n: int) -> tuple[list[int], np.ndarray]:
    scores = np.where(mask, bm25_scores(index, terms(query)), np.float32(0.0))
    matched = np.flatnonzero(scores > 0)  # the postings: ranking them is enough
    return matched[top_positions(scores[matched], n)].tolist(), scores


def dense_ranking(index: Index, vector: np.ndarray, mask: np.ndarray, n: int) -> list[int]:
    return index.dense.search(vector, n, mask)


REF_ROWS_KEPT = 200  # latest rows of a named commitment ranked; at most 63 at the shipped size


def named_rows(index: Index, refs: tuple[str, ...], mask: np.ndarray) -> list[int]:
    """Allowed rows of the named commitments, at most REF_ROWS_KEPT of the latest (all
    rows tied with the last one kept): at 1000x the corpus a ref names thousands."""
    rows = index.named(refs)
    rows = rows[mask[rows]]
    if len(rows) > REF_ROWS_KEPT:
        dates = np.asarray(index.as_at[rows])
        cut = np.partition(-dates, REF_ROWS_KEPT - 1)[REF_ROWS_KEPT - 1]
        rows = rows[-dates <= cut]
    return rows.tolist()


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


DUPLICATE_JACCARD = 0.9


@lru_cache(maxsize=1 << 16)
def _prefix(words: frozenset[str]) -> tuple[str, ...]:
    """Prefix filtering: with every set's words in one global order, two sets with Jaccard
    at least t share a word among their first |set| - ceil(t * |set|) + 1. Longest words
    first: they are the rarest, so few passages share a prefix word by chance."""
    if not words:
        return ("",)
    keep = len(words) - math.ceil(DUPLICATE_JACCARD * len(words)) + 1
    # Longest first, ties in alphabetical order: two sorts on builtin keys, as the sort is stable.
    return tuple(sorted(sorted(words), key=len, reverse=True)[:keep])


def near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    small, large = sorted((len(a), len(b)))
    if small < DUPLICATE_JACCARD * large:  # Jaccard is at most small/large
        return False
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) >= DUPLICATE_JACCARD


SIGNATURE_BITS = 512


@lru_cache(maxsize=1 << 16)
def _signature(words: frozenset[str]) -> int:
    """A bit per word (by its hash, salted per process: signatures are compared within one
    query): a bit one passage sets and another does not comes from a word the other
    lacks, so counting such bits bounds the words it lacks from below, with no set
    operations."""
    bits = 0
    for code in map(hash, words):
        bits |= 1 << (code % SIGNATURE_BITS)
    return bits


def may_be_near_duplicates(size: int, signature: int, other_size: int, other_signature: int) -> bool:
    """False only when two word sets (sizes and signatures) cannot be near duplicates:
    Jaccard o / (a + b - o) >= t needs the overlap o >= t (a + b) / (1 + t), so each set
    lacks at most a - t (a + b) / (1 + t) of the other's words."""
    t = DUPLICATE_JACCARD
    overlap = t * (size + other_size) / (1 + t) - 1e-9  # the margin keeps rounding from excluding
    return (signature & ~other_signature).bit_count() <= size - overlap and (
        other_signature & ~signature
    ).bit_count() <= other_size - overlap


class Distinct:
    """Remembers passages taken so far and tells whether a new one says the same thing as
    one of them. Only passages sharing a prefix word are candidates, and only those whose
    sizes and word signatures allow a near duplicate are compared word by word, so
    checking stays near-linear even with thousands of candidates."""

    def __init__(self) -> None:
        self.words: list[frozenset[str]] = []
        self.sizes: list[int] = []
        self.signatures: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        self.seen: set[frozenset[str]] = set()

    def take(self, text: str) -> bool:
        """True, and remembered, unless `text` nearly duplicates a passage taken before."""
        mine = _word_set(text)
        if mine in self.seen:  # the commonest case, a verbatim repeat, costs one lookup
            return False
        prefix, size, signature = _prefix(mine), len(mine), _signature(mine)
        t, sizes, signatures = DUPLICATE_JACCARD, self.sizes, self.signatures
        for j in {j for word in prefix for j in self.by_word.get(word, ())}:
            other = sizes[j]
            # Jaccard is at most small/large: most rivals fail on size alone, uncompared.
            if (
                t * other <= size
                and t * size <= other
                and may_be_near_duplicates(size, signature, other, signatures[j])
                and near_duplicate(mine, self.words[j])
            ):
                return False
        for word in prefix:
            self.by_word.setdefault(word, []).append(len(self.words))
        self.words.append(mine)
        self.sizes.append(size)
        self.signatures.append(signature)
        self.seen.add(mine)
        return True


def collapse(hits: list[Hit]) -> list[Hit]:
    """Keep the first (best-ranked) of passages that say the same thing; the same commitment
    text repeated every quarter must not crowd out distinct updates."""
    distinct = Distinct()
    return [hit for hit in hits if distinct.take(hit.chunk.text)]


def search(
    index: Index,
    embedder: Embedder,
    plan: QueryPlan,
    retrieval: RetrievalSettings,
    k: int = 0,
    vector: np.ndarray | None = None,
    times: StageTimes | None = None,
) -> list[Hit]:
    """Hybrid search: BM25 and dense candidates fused by calibrated score fusion; rows of a
    commitment the question names come first, latest first. The best `k` (0: all)."""
    candidates, dense_weight = retrieval.candidates, retrieval.dense_weight
    times = times or StageTimes()
    if vector is None:
        vector = embedder.embed([plan.text])[0]
        times.lap("embed")
    mask = allowed_mask(index, plan.filters)
    lexical, bm25_scores = bm25_ranking(index, plan.text, mask, candidates)
    top_bm25 = float(bm25_scores.max()) if len(bm25_scores) and bm25_scores.max() > 0 else 1.0
    times.lap("bm25")
    semantic = dense_ranking(index, vector, mask, candidates)
    ref_rows = named_rows(index, tuple(plan.refs), mask) if plan.refs else []
    # Cosines of the passages that can be returned only: at 100x the corpus a full
    # matrix-vector product would cost more than the FAISS search itself.
    shown = list(dict.fromkeys(lexical + semantic + ref_rows))
    cosines = dict(zip(shown, (index.vectors[shown] @ vector).tolist(), strict=True))
    times.lap("dense")
    fused = score_fusion(bm25_scores, cosines, list(dict.fromkeys(lexical + semantic)), dense_weight)
    if plan.asks_of:
        rows = list(fused)
        reporting = reports_on(index, plan.asks_of, np.array(rows, dtype=np.int64))
        weight = retrieval.asked_period_weight
        fused = {i: fused[i] + weight * bool(on) for i, on in zip(rows, reporting, strict=True)}
    named = set(ref_rows)
    ordered = sorted(ref_rows, key=lambda i: (-index.as_at[i], -fused.get(i, 0.0), index.chunks[i].id))
    rest = sorted((i for i in fused if i not in named), key=lambda i: (-fused[i], index.chunks[i].id))
    hits = []
    for i in [*ordered, *rest]:
        why = (
            "ref"
            if i in named
            else "+".join(name for name, ranking in (("bm25", lexical), ("dense", semantic)) if i in ranking)
        )
        hits.append(
            Hit(index.chunks[i], fused.get(i, 0.0), float(cosines[i]), float(bm25_scores[i]) / top_bm25, why)
        )
    if plan.latest and not plan.refs:
        hits = _latest_first_among_best(hits)
    hits = collapse(hits)
    times.lap("fusion")
    return hits[:k] if k else hits


def _latest_first_among_best(hits: list[Hit], pool: int = 5) -> list[Hit]:
    """For 'latest' questions, the most recent of the best few passages leads."""
    head = sorted(hits[:pool], key=lambda h: -(h.chunk.as_at.toordinal() if h.chunk.as_at else 0))
    return head + hits[pool:]
