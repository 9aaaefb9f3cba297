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

from index.text import index_text
from ingest.records import Chunk
from panelqa.text import terms
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


@dataclass(frozen=True)
class Meeting:
    when: date | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CoveredMeeting:
    """A meeting the index holds papers for: which items, and whether its minutes."""

    when: date | None
    items: tuple[tuple[str, str], ...]  # (item title, paper file)

    @property
    def has_minutes(self) -> bool:
        return any(title.startswith("Minutes") for title, _ in self.items)


@dataclass(frozen=True)
class Precedent:
    query: str
    outcome: str  # answered (discussed) | not_stated | no_match
    message: str
    meetings: tuple[Meeting, ...]
    answer: Answer


def _latest_first(when: date | None) -> tuple[bool, int]:
    return (when is None, -(when or date.min).toordinal())  # undated papers last


def by_meeting(citations: Iterable[Citation]) -> list[Meeting]:
    """Citations grouped by the meeting their item went to (latest first, undated last),
    then by item in order of its best citation; each keeps its citations' rank order."""
    grouped: dict[date | None, dict[tuple[str, str], list[Citation]]] = {}
    for citation in citations:
        chunk = citation.hit.chunk
        items = grouped.setdefault(chunk.meeting_date, {})
        items.setdefault((chunk.title, chunk.source), []).append(citation)
    return [
        Meeting(when, tuple(Item(title, source, tuple(cites))
                            for (title, source), cites in grouped[when].items()))
        for when in sorted(grouped, key=_latest_first)
    ]


def coverage(chunks: Sequence[Chunk]) -> list[CoveredMeeting]:
    """Every meeting the index holds papers for, latest first, with its items in paper order."""
    items: dict[date | None, dict[tuple[str, str], None]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.ordinal)):
        items.setdefault(chunk.meeting_date, {})[(chunk.title, chunk.source)] = None
    return [CoveredMeeting(when, tuple(items[when])) for when in sorted(items, key=_latest_first)]


def discusses(chunk: Chunk, query: str) -> bool:
    """The passage (with its item title) holds every distinctive word of the query."""
    wanted = set(terms(query))
    return bool(wanted) and wanted <= set(terms(f"{chunk.title}\n{index_text(chunk)}"))


def judge(answer: Answer, query: str) -> tuple[str, str]:
    """The answers' own judgement, except that 'no match' is never claimed above a passage
    that holds the topic: then the topic was discussed, whatever the scores say."""
    outcome = answer.outcome
    if outcome != DISCUSSED and any(discusses(c.hit.chunk, query) for c in answer.citations):
        outcome = DISCUSSED
    if outcome == DISCUSSED:
        meetings = {c.hit.chunk.meeting_date for c in answer.citations
                    if discusses(c.hit.chunk, query)} or {c.hit.chunk.meeting_date for c in answer.citations}
        return outcome, f"Found in the papers of {len(meetings)} meeting(s), latest first."
    if outcome == NOT_STATED:
        return outcome, f"The papers discuss this topic but do not say {answer.missing or 'what was asked'}."
    return outcome, "No paper in the index discusses this. The nearest passages are listed."


def spread(citations: Iterable[Citation], per_item: int, total: int) -> list[Citation]:
    """The best `per_item` citations of each item, at most `total` in rank order, so one long
    report cannot crowd out the other meetings that raised the topic."""
    kept, counts = [], {}
    for citation in citations:
        item = (citation.hit.chunk.source, citation.hit.chunk.title)
        counts[item] = counts.get(item, 0) + 1
        if counts[item] <= per_item and len(kept) < total:
            kept.append(citation)
    return kept


def minutes_only(filters: Filters | None) -> Filters:
    return (filters or Filters()).merged(Filters(kinds=("minutes",)))


def precedent(engine, query: str, filters: Filters | None = None, per_item: int = 3,
              total: int = 15) -> Precedent:
    """Search every passage, and the minutes on their own (a long report can outrank every
    minute that mentions the topic in passing), then group what was found by meeting."""
    answer = engine.ask(query, k=total * per_item, filters=filters)
    minutes = engine.ask(query, k=per_item, filters=minutes_only(filters))
    seen = {c.hit.chunk.id for c in answer.citations + answer.related}
    on_topic = [c for c in minutes.citations if c.hit.chunk.id not in seen
                and (minutes.outcome == DISCUSSED or discusses(c.hit.chunk, query))]
    chosen = spread(answer.citations + answer.related, per_item, total - len(on_topic)) + on_topic
    # One numbering for the page: the two searches each count from 1.
    shown = [replace(c, n=n) for n, c in enumerate(chosen, start=1)]
    outcome, message = judge(replace(answer, citations=tuple(shown)), query)
    return Precedent(query, outcome, message, tuple(by_meeting(shown)), answer)


def _day(when: date | None) -> str | None:
    return when.isoformat() if when else None


def precedent_dict(found: Precedent) -> dict:
    """The CLI's JSON: the judgement, then meetings > items > passages (as `ask` cites them)."""
    return {
        "query": found.query,
        "outcome": found.outcome,
        "message": found.message,
        "meetings": [
            {"meeting_date": _day(meeting.when),
             "items": [{"title": item.title, "source": item.source,
                        "passages": [citation_dict(c) for c in item.citations]}
                       for item in meeting.items]}
            for meeting in found.meetings
        ],
    }


def coverage_dicts(covered: Sequence[CoveredMeeting]) -> list[dict]:
    return [{"meeting_date": _day(m.when), "has_minutes": m.has_minutes,
             "items": [{"title": title, "source": source} for title, source in m.items]}
            for m in covered]


def coverage_lines(covered: Sequence[CoveredMeeting]) -> list[str]:
    """'10 September 2019: Rural Crime; …' — one line per meeting, for the page and the CLI."""
    lines = []
    for meeting in covered:
        when = f"{meeting.when:%-d %B %Y}" if meeting.when else "Meeting date not stated"
        minutes = "minutes" if meeting.has_minutes else "no minutes"
        titles = "; ".join(title for title, _ in meeting.items)
        lines.append(f"{when} ({minutes}): {titles}")
    return lines
