"""Precedent: has the panel raised this before, and what was said, meeting by meeting?

Searches every passage, not only minutes: the reports, strategies and notes taken at a
meeting are where a topic is usually treated at length (the Rural Crime report at the
10 September 2019 meeting). Results are grouped by meeting, then by the item taken there.
The page never claims a topic was not discussed when a passage it shows holds the topic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import count
from typing import TypeVar

from index.text import index_text
from ingest.records import Chunk
from panelqa.text import Period, counted, terms
from retrieval.answer import Answer, Citation
from retrieval.present import citation_dict
from retrieval.query import Filters

DISCUSSED, NOT_STATED, NO_MATCH = "answered", "not_stated", "no_match"


@dataclass(frozen=True)
class Item:
    """One item taken at a meeting (a set of minutes, a report, a strategy) and the passages
    of it that were found."""

    title: str
    source: str
    citations: tuple[Citation, ...]


def meeting_heading(when: date | None, reports_on: Period | None) -> str:
    """'10 September 2019', or for a paper whose meeting is not stated what is known of it:
    'Meeting date not stated: reports on Jul–Sep 2021'."""
    if when:
        return f"{when:%-d %B %Y}"
    return "Meeting date not stated" + (f": reports on {reports_on.label}" if reports_on else "")


@dataclass(frozen=True)
class Meeting:
    """A meeting's items; or, when a paper does not state its meeting, that paper's items
    (`when` None, `reports_on` its period)."""

    when: date | None
    items: tuple[Item, ...]
    reports_on: Period | None = None
    # Shown for its nearest passages only, beside meetings whose passages hold the topic.
    nearest_only: bool = False

    @property
    def heading(self) -> str:
        return meeting_heading(self.when, self.reports_on)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for item in self.items for c in item.citations)


@dataclass(frozen=True)
class CoveredMeeting:
    """A meeting the index holds papers for: which items, and whether its minutes."""

    when: date | None
    items: tuple[tuple[str, str], ...]  # (item title, paper file)
    reports_on: Period | None = None

    @property
    def has_minutes(self) -> bool:
        return any(title.startswith("Minutes") for title, _ in self.items)

    @property
    def heading(self) -> str:
        return meeting_heading(self.when, self.reports_on)


@dataclass(frozen=True)
class Precedent:
    query: str
    outcome: str  # answered (discussed) | not_stated | no_match
    message: str
    meetings: tuple[Meeting, ...]
    answer: Answer


MeetingKey = tuple[date | None, str]
T = TypeVar("T")


def meeting_of(chunk: Chunk) -> MeetingKey:
    """The meeting a passage's item went to; papers whose meeting is not stated each stand
    alone (the 2016 report and the 2021 extract are not one meeting)."""
    return (chunk.meeting_date, "" if chunk.meeting_date else chunk.source)


def _latest_first(placed: dict[MeetingKey, Chunk]) -> list[MeetingKey]:
    """Meetings latest first, as trends order papers: by meeting date, else by the end of
    the period the paper reports on; a paper with neither last."""
    return sorted(
        placed,
        key=lambda key: (
            placed[key].meeting_or_period_end is None,
            -(placed[key].meeting_or_period_end or date.min).toordinal(),
            key[1],
        ),
    )


def grouped(
    pairs: Iterable[tuple[Chunk, T]],
) -> list[tuple[date | None, Period | None, dict[tuple[str, str], list[T]]]]:
    """Values grouped by the meeting their passage's item went to, latest first, then by
    item (title, paper) in the order first seen; with the period of a paper whose meeting
    is not stated."""
    items: dict[MeetingKey, dict[tuple[str, str], list[T]]] = {}
    placed: dict[MeetingKey, Chunk] = {}
    for chunk, value in pairs:
        key = meeting_of(chunk)
        placed.setdefault(key, chunk)
        items.setdefault(key, {}).setdefault((chunk.title, chunk.source), []).append(value)
    return [(key[0], None if key[0] else placed[key].period, items[key]) for key in _latest_first(placed)]


def by_meeting(citations: Iterable[Citation]) -> list[Meeting]:
    """Citations grouped by the meeting their item went to (latest first), then by item in
    order of its best citation; each keeps its citations' rank order."""
    return [
        Meeting(
            when, tuple(Item(title, source, tuple(cites)) for (title, source), cites in items.items()), period
        )
        for when, period, items in grouped((c.hit.chunk, c) for c in citations)
    ]


def numbered_in_order(meetings: Sequence[Meeting]) -> list[Meeting]:
    """The citations numbered 1, 2, 3 … as the page shows them, top to bottom."""
    numbers = count(1)
    return [
        replace(
            meeting,
            items=tuple(
                replace(item, citations=tuple(replace(c, n=next(numbers)) for c in item.citations))
                for item in meeting.items
            ),
        )
        for meeting in meetings
    ]


def coverage(chunks: Sequence[Chunk]) -> list[CoveredMeeting]:
    """Every meeting the index holds papers for, latest first, with its items in paper order."""
    in_order = sorted(chunks, key=lambda c: (c.source, c.ordinal))
    return [
        CoveredMeeting(when, tuple(items), period)
        for when, period, items in grouped((c, c) for c in in_order)
    ]


def discusses(chunk: Chunk, query: str) -> bool:
    """The passage (with its item title) holds every distinctive word of the query."""
    wanted = set(terms(query))
    return bool(wanted) and wanted <= set(terms(f"{chunk.title}\n{index_text(chunk)}"))


def judge(answer: Answer, query: str) -> str:
    """The answers' own judgement, except that 'no match' is never claimed above a passage
    that holds the topic: then the topic was discussed, whatever the scores say."""
    if answer.outcome != DISCUSSED and any(discusses(c.hit.chunk, query) for c in answer.citations):
        return DISCUSSED
    return answer.outcome


def described(meetings: Sequence[Meeting]) -> str:
    """'2 meetings and 1 paper whose meeting is not stated'."""
    dated = sum(1 for m in meetings if m.when)
    parts = [counted(dated, "meeting")] if dated else []
    if undated := len(meetings) - dated:
        parts.append(counted(undated, "paper", "papers") + " whose meeting is not stated")
    return " and ".join(parts) or counted(0, "meeting")


def verdict(outcome: str, answer: Answer, meetings: Sequence[Meeting]) -> str:
    """What the page says above the meetings it shows, counted from those same meetings:
    those holding the topic, and apart, those shown for their nearest passages only."""
    if outcome == DISCUSSED:
        holding = [m for m in meetings if not m.nearest_only]
        nearest = [m for m in meetings if m.nearest_only]
        found = f"Found in the papers of {described(holding)}, latest first."
        return (
            f"{found} Also shown, for their nearest passages only: {described(nearest)}."
            if nearest
            else found
        )
    if outcome == NOT_STATED:
        return f"The papers discuss this topic but do not say {answer.missing or 'what was asked'}."
    return "No paper in the index discusses this. The nearest passages are listed."


def marked_nearest(meetings: Sequence[Meeting], query: str) -> list[Meeting]:
    """The meetings none of whose shown passages holds the topic, marked as shown for
    their nearest passages only, when others' do."""
    holding = [any(discusses(c.hit.chunk, query) for c in m.citations) for m in meetings]
    if not any(holding):
        return list(meetings)
    return [replace(m, nearest_only=not held) for m, held in zip(meetings, holding, strict=True)]


def spread(citations: Iterable[Citation], per_item: int, total: int) -> list[Citation]:
    """The best `per_item` citations of each item, at most `total` in rank order, so one long
    report cannot crowd out the other meetings that raised the topic."""
    kept: list[Citation] = []
    counts: dict[tuple[str, str], int] = {}
    for citation in citations:
        item = (citation.hit.chunk.source, citation.hit.chunk.title)
        counts[item] = counts.get(item, 0) + 1
        if counts[item] <= per_item and len(kept) < total:
            kept.append(citation)
    return kept


def minutes_only(filters: Filters | None) -> Filters:
    return (filters or Filters()).merged(Filters(kinds=("minutes",)))


def precedent(
    engine, query: str, filters: Filters | None = None, per_item: int = 3, total: int = 15
) -> Precedent:
    """Search every passage, and the minutes on their own (a long report can outrank every
    minute that mentions the topic in passing), then group what was found by meeting."""
    answer = engine.ask(query, k=total * per_item, filters=filters)
    minutes = engine.ask(query, k=per_item, filters=minutes_only(filters))
    seen = {c.hit.chunk.id for c in answer.citations + answer.related}
    on_topic = [
        c
        for c in minutes.citations
        if c.hit.chunk.id not in seen and (minutes.outcome == DISCUSSED or discusses(c.hit.chunk, query))
    ]
    chosen = spread(answer.citations + answer.related, per_item, total - len(on_topic)) + on_topic
    meetings = by_meeting(chosen)
    outcome = judge(replace(answer, citations=tuple(chosen)), query)
    if outcome == DISCUSSED:
        # The meetings that raised the topic lead (latest first), then those shown only for
        # their nearest passages: 'drones' opens on the one meeting that discussed drones.
        meetings = sorted(marked_nearest(meetings, query), key=lambda m: m.nearest_only)
    # One numbering for the page, in the order it shows them: the two searches each count from 1.
    meetings = numbered_in_order(meetings)
    return Precedent(query, outcome, verdict(outcome, answer, meetings), tuple(meetings), answer)


def _day(when: date | None) -> str | None:
    return when.isoformat() if when else None


def _period(period: Period | None) -> str | None:
    return period.label if period else None


def precedent_dict(found: Precedent) -> dict:
    """The CLI's JSON: the judgement, then meetings > items > passages (as `ask` cites them)."""
    return {
        "query": found.query,
        "outcome": found.outcome,
        "message": found.message,
        "meetings": [
            {
                "meeting_date": _day(meeting.when),
                "reports_on": _period(meeting.reports_on),
                "nearest_only": meeting.nearest_only,
                "items": [
                    {
                        "title": item.title,
                        "source": item.source,
                        "passages": [citation_dict(c) for c in item.citations],
                    }
                    for item in meeting.items
                ],
            }
            for meeting in found.meetings
        ],
    }


def coverage_dicts(covered: Sequence[CoveredMeeting]) -> list[dict]:
    return [
        {
            "meeting_date": _day(m.when),
            "reports_on": _period(m.reports_on),
            "has_minutes": m.has_minutes,
            "items": [{"title": title, "source": source} for title, source in m.items],
        }
        for m in covered
    ]


def coverage_lines(covered: Sequence[CoveredMeeting]) -> list[str]:
    """'10 September 2019: Rural Crime; …' — one line per meeting, for the page and the CLI."""
    lines = []
    for meeting in covered:
        minutes = "minutes" if meeting.has_minutes else "no minutes"
        titles = "; ".join(title for title, _ in meeting.items)
        lines.append(f"{meeting.heading} ({minutes}): {titles}")
    return lines
