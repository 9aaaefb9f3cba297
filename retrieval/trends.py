"""Trends: how often a topic comes up, paper by paper and meeting by meeting, over time.

A passage mentions the topic when it holds every distinctive word of it (stemmed, as BM25
sees them), so 'track my crime' counts Track my Crime, not every passage about crime.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from index.store import Index
from ingest.records import Chunk
from panelqa.text import counted, terms

# A title's closing '(October – December 2019)': the bar's label gives the period instead.
PERIOD_IN_TITLE = re.compile(r"\s*\((?=[^()]*\b\d{4}\b)[^()]*\)\s*$")
TITLE_WIDTH = 36  # characters of a title a bar's label keeps, while the labels stay distinct


@dataclass(frozen=True)
class Bar:
    """An item of a paper (a report, a set of minutes) with its passages on the topic."""

    when: date | None  # the meeting the item went to, else the end of the period it covers
    title: str
    source: str
    chunks: tuple[Chunk, ...]

    def label(self, width: int | None = TITLE_WIDTH) -> str:
        """'5 Feb 2020 · Police & Crime Plan Activity and… (Oct–Dec 2019)': the meeting (or
        that it is not stated), the title cut to `width` characters, and the period."""
        first = self.chunks[0]
        held = f"{first.meeting_date:%-d %b %Y}" if first.meeting_date else "meeting not stated"
        title = PERIOD_IN_TITLE.sub("", self.title) if first.period else self.title
        period = f" ({first.period.label})" if first.period else ""
        return f"{held} · {shortened(title, width)}{period}"


def shortened(text: str, width: int | None) -> str:
    """The text cut at a word to at most `width` characters, with '…' when cut."""
    if width is None or len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,:;–-") + "…"


def bar_labels(bars: Sequence[Bar]) -> list[str]:
    """One distinct, short label per bar: titles are cut while that keeps the labels
    distinct; else given whole, and as a last resort with the paper's file."""
    for width in (TITLE_WIDTH, None):
        labels = [bar.label(width) for bar in bars]
        if len(set(labels)) == len(labels):
            return labels
    return [f"{bar.label(None)} · {bar.source}" for bar in bars]


def summary(bars: Sequence[Bar]) -> str:
    """'16 passages in 7 items of 5 papers.': an item is a bar, a paper a file."""
    passages = sum(len(bar.chunks) for bar in bars)
    papers = len({bar.source for bar in bars})
    return f"{counted(passages, 'passage')} in {counted(len(bars), 'item')} of {counted(papers, 'paper')}."


def mentions(index: Index, topic: str) -> list[Bar]:
    """One bar per item of a paper with at least one passage on the topic, oldest first (by
    meeting, else by the period a paper whose meeting is not stated reports on)."""
    words = sorted(set(terms(topic)))
    if not words:
        return []
    holds_all = np.ones(len(index.chunks), dtype=bool)
    for word in words:
        holds_all &= index.holding(word)
    groups: dict[tuple[date | None, str, str], list[Chunk]] = {}
    for position in np.flatnonzero(holds_all):
        chunk = index.chunks[int(position)]
        groups.setdefault((chunk.meeting_or_period_end, chunk.title, chunk.source), []).append(chunk)
    bars = [Bar(when, title, source, tuple(chunks)) for (when, title, source), chunks in groups.items()]
    return sorted(bars, key=lambda bar: (bar.when or date.min, bar.title, bar.source))
