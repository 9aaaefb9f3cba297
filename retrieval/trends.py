"""Trends: how often a topic comes up, paper by paper and meeting by meeting, over time.

A passage mentions the topic when it holds every distinctive word of it (stemmed, as BM25
sees them), so 'track my crime' counts Track my Crime, not every passage about crime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from index.store import Index
from ingest.records import Chunk
from panelqa.text import terms


@dataclass(frozen=True)
class Bar:
    when: date | None  # the meeting the paper went to (or the end of the period it covers)
    title: str
    chunks: tuple[Chunk, ...]

    @property
    def label(self) -> str:
        return f"{self.when:%b %Y}" if self.when else "undated"


def mentions(index: Index, topic: str) -> list[Bar]:
    """One bar per paper or meeting with at least one passage on the topic, oldest first."""
    words = sorted(set(terms(topic)))
    if not words:
        return []
    holds_all = np.ones(len(index.chunks), dtype=bool)
    for word in words:
        holds_all &= index.holding(word)
    groups: dict[tuple[date | None, str], list[Chunk]] = {}
    for position in np.flatnonzero(holds_all):
        chunk = index.chunks[int(position)]
        groups.setdefault((chunk.meeting_date or chunk.as_at, chunk.title), []).append(chunk)
    bars = [Bar(when, title, tuple(chunks)) for (when, title), chunks in groups.items()]
    return sorted(bars, key=lambda bar: (bar.when or date.min, bar.title))
