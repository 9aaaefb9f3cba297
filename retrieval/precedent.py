"""Precedent and promises: what the panel said before, meeting by meeting.

Precedent is ordinary retrieval restricted to minutes, grouped by the meeting the minute
records. Promises are the minute sentences in which the Commissioner or officers agreed to
do or provide something, so a scrutiny officer can check what was followed up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.store import Index
from ingest.records import Chunk
from retrieval.answer import Answer, Citation, sentences
from retrieval.query import Filters

MINUTES = ("minutes",)
PROMISE = re.compile(
    r"\b(?:PCC|Commissioner|Chief Constable|Chief Executive|[Oo]fficers?|[Hh]e|[Ss]he) "
    r"(?:agreed|undertook|offered|promised|committed) to\b"
    r"|\b(?:PCC|Commissioner|Chief Constable|Chief Executive|[Oo]fficers?|[Hh]e|[Ss]he) "
    r"(?:would|will|shall) (?:provide|circulate|report|share|update|write|bring|send"
    r"|arrange|confirm|look into|follow up|feed back|respond)"
    r"|\b(?:would|will) be (?:provided|circulated|shared|sent|reported|updated|brought|given)\b"
    r"|\bto be (?:circulated|provided|shared|sent)\b",
    re.I,
)


@dataclass(frozen=True)
class Meeting:
    when: date | None
    title: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Promise:
    chunk: Chunk
    sentence: str  # verbatim from the minute


def minutes_only(filters: Filters | None) -> Filters:
    return (filters or Filters()).merged(Filters(kinds=MINUTES))


def by_meeting(answer: Answer) -> list[Meeting]:
    """The answer's citations grouped by meeting, latest meeting first; each group keeps
    the rank order of its citations."""
    groups: dict[tuple[date | None, str], list[Citation]] = {}
    for citation in answer.citations:
        chunk = citation.hit.chunk
        groups.setdefault((chunk.meeting_date, chunk.title), []).append(citation)
    ordered = sorted(groups.items(), key=lambda item: item[0][0] or date.min, reverse=True)
    return [Meeting(when, title, tuple(cites)) for (when, title), cites in ordered]


def promises(index: Index) -> list[Promise]:
    """Every promise sentence in the minutes, latest meeting first, in minute order."""
    found = [
        Promise(chunk, quote.text)
        for chunk in index.chunks if chunk.kind == "minutes"
        for quote in sentences(chunk.text) if PROMISE.search(quote.text)
    ]
    return sorted(found, key=lambda p: (-(p.chunk.meeting_date or date.min).toordinal(),
                                        p.chunk.source, p.chunk.ordinal))
