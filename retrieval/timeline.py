"""Timelines: a topic or commitment's passages from every period, latest first.

Not cut off by k: every period whose papers mention the topic gets its best passage.
The reporting period, meeting date and paper are kept apart: an update is placed at the
period it reports on; minutes and papers without a period at their meeting's quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from index.store import Index
from ingest.records import Chunk
from panelqa.text import quarter_of
from retrieval.search import Distinct, Hit, ref_matches

PER_PERIOD = 2
RELEVANCE_MARGIN = 0.12  # how far below the best passage's cosine a period's passage may be
LEXICAL_SHARE = 0.3  # and it must share the question's words: this share of the best BM25


@dataclass(frozen=True)
class TimelineEntry:
    label: str
    as_at: date
    hits: tuple[Hit, ...]


def period_of(chunk: Chunk) -> tuple[str, date] | None:
    if chunk.period:
        return chunk.period.label, chunk.period.end
    if chunk.meeting_date:
        quarter = quarter_of(chunk.meeting_date)
        return quarter.label, quarter.end
    return None


def _thread_mates(index: Index, seeds: list[Hit], vector: np.ndarray) -> list[Hit]:
    threads = {index.threads[h.chunk.id] for h in seeds if h.chunk.id in index.threads}
    mates = [
        Hit(index.chunks[i], 0.0, float(index.vectors[i] @ vector), 0.0, "thread")
        for thread in sorted(threads) for i in index.thread_members[thread]
    ]
    return sorted(mates, key=lambda h: (-h.dense, h.chunk.id))


def gather(index: Index, hits: list[Hit], refs: tuple[str, ...], vector: np.ndarray,
           floor: float, question_terms: list[str]) -> list[Hit]:
    """The passages a timeline draws on: ref rows, same-commitment rows in other papers,
    and every ranked passage close enough to the best one. A row of the same commitment
    in another paper counts when it is close in meaning or uses the question's words: a
    later update often says the same thing in other words."""
    if refs:
        named = [h for h in hits if any(ref_matches(h.chunk, r) for r in refs)]
        return named + _thread_mates(index, named[:3], vector)
    if not hits:
        return []
    best = max(h.dense for h in hits[:5])
    relevant = [
        h for h in hits
        if h.dense >= max(floor, best - RELEVANCE_MARGIN) and h.lexical >= LEXICAL_SHARE
    ]
    seeds = [h for h in relevant if h.chunk.kind == "plan_row"][:3]
    mates = _thread_mates(index, seeds, vector)
    if not mates:
        return relevant
    mate_floor = max(floor, best - 2 * RELEVANCE_MARGIN)
    positions = np.array([index.position[m.chunk.id] for m in mates])
    worded = np.zeros(len(mates), dtype=bool)
    for term in question_terms:
        worded |= np.isin(positions, index.postings(term))
    return relevant + [m for m, uses_words in zip(mates, worded, strict=True)
                       if m.dense >= mate_floor or uses_words]


def build_timeline(hits: list[Hit], max_periods: int) -> list[TimelineEntry]:
    """The latest `max_periods` periods, each with its best passages in rank order: one per
    paper item (a report and the minutes may both speak), none repeating another."""
    placed = [(found, hit) for hit in hits if (found := period_of(hit.chunk))]
    latest = sorted({found for found, _ in placed}, key=lambda found: found[1], reverse=True)
    by_period: dict[tuple[str, date], list[Hit]] = {found: [] for found in latest[:max_periods]}
    distinct = Distinct()
    for found, hit in placed:
        bucket = by_period.get(found)
        if (bucket is not None and len(bucket) < PER_PERIOD
                and all(h.chunk.title != hit.chunk.title for h in bucket)
                and distinct.take(hit.chunk.text)):
            bucket.append(hit)
    return [TimelineEntry(label, end, tuple(found))
            for (label, end), found in by_period.items() if found]
