"""Timelines: a topic or commitment's passages from every period, latest first.

Not cut off by k: every paper that reports on the topic gets an entry, with its best
passage.
The reporting period, meeting date and paper are kept apart: an update is placed at the
period it reports on; minutes and papers without a period at their meeting's quarter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from index.store import Index
from ingest.records import Chunk
from panelqa.text import counted, quarter_of, ref_order, terms
from retrieval.judge import NAME_WORD, initials, says_name
from retrieval.query import Filters
from retrieval.ref_rows import AskedRef, as_asked
from retrieval.search import Distinct, Hit, allowed_mask

PER_PAPER = 2
TOPIC_SHARE = 0.6  # idf-weighted share of the topic's terms a passage must hold to report on it
RELEVANCE_MARGIN = 0.12  # how far below the best passage's cosine a period's passage may be
LEXICAL_SHARE = 0.3  # and it must share the question's words: this share of the best BM25
PAPER_TRIES = 20  # a paper's closest passages examined for the topic
PAPERS_READ = 2  # times the papers a timeline shows whose passages are read (some repeat another)


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


def _thread_rows(index: Index, seeds: list[Hit], papers: int) -> np.ndarray:
    """Positions of the seeds' commitment-thread rows in the `papers` latest papers they
    run through, nothing decoded: at 100x the corpus a thread spans 25 papers' copies."""
    threads = {index.threads[h.chunk.id] for h in seeds if h.chunk.id in index.threads}
    rows = np.array([i for thread in sorted(threads) for i in index.thread_members[thread]], dtype=np.int64)
    return rows[from_latest_papers(index, rows, papers)]


def from_latest_papers(index: Index, rows: np.ndarray, papers: int) -> np.ndarray:
    """A mask of the rows from the `papers` papers whose latest row is latest (ties
    kept). A timeline shows the latest papers only, so at 100x the corpus, where a
    commitment or a topic runs through hundreds of papers, older ones' passages are not
    decoded; at the shipped size every paper is kept."""
    codes = index.source_codes[rows]
    latest = np.zeros(len(index.source_names), dtype=np.int64)
    np.maximum.at(latest, codes, index.as_at[rows])
    held = np.unique(codes)
    if len(held) <= papers:
        return np.ones(len(rows), dtype=bool)
    return latest[codes] >= np.sort(latest[held])[-papers]


def _mates(index: Index, rows: np.ndarray, cosines: np.ndarray) -> list[Hit]:
    """The rows as thread hits, closest first."""
    mates = [
        Hit(index.chunks[int(i)], 0.0, float(c), 0.0, "thread") for i, c in zip(rows, cosines, strict=True)
    ]
    return sorted(mates, key=lambda h: (-h.dense, h.chunk.id))


def worded_rows(index: Index, rows: np.ndarray, question_terms: list[str]) -> np.ndarray:
    """A mask of the rows that hold any of the question's (stemmed) terms, from the postings."""
    worded = np.zeros(len(rows), dtype=bool)
    for term in question_terms:
        worded |= index.holds(term, rows)
    return worded


def gather(
    index: Index,
    hits: list[Hit],
    asked: list[AskedRef],
    vector: np.ndarray,
    floor: float,
    question_terms: list[str],
    max_papers: int,
) -> list[Hit]:
    """The passages a timeline draws on: for asked refs, the rows of the commitments they
    name (`asked`), ranked ones first; else every ranked passage close enough to the
    best one, and same-commitment rows in other papers. A row of the same commitment
    in another paper counts when it is close in meaning or uses the question's words: a
    later update often says the same thing in other words."""
    if asked:
        own = frozenset().union(*(a.rows for a in asked))
        named = [h for h in hits if index.position[h.chunk.id] in own]
        rows = np.array(sorted(own - {index.position[h.chunk.id] for h in named}), dtype=np.int64)
        rows = rows[from_latest_papers(index, rows, PAPERS_READ * max_papers)]
        return as_asked(index, asked, named + _mates(index, rows, index.vectors[rows] @ vector))
    if not hits:
        return []
    best = max(h.dense for h in hits[:5])
    relevant = [
        h for h in hits if h.dense >= max(floor, best - RELEVANCE_MARGIN) and h.lexical >= LEXICAL_SHARE
    ]
    seeds = [h for h in relevant if h.chunk.kind == "plan_row"][:3]
    rows = _thread_rows(index, seeds, PAPERS_READ * max_papers)
    cosines = index.vectors[rows] @ vector
    # Mates are chosen by their cosines and the postings before any is decoded.
    kept = (cosines >= max(floor, best - 2 * RELEVANCE_MARGIN)) | worded_rows(index, rows, question_terms)
    return relevant + _mates(index, rows[kept], cosines[kept])


def topic_weights(index: Index, topic_terms: frozenset[str]) -> dict[str, float]:
    """Each topic term's idf: a passage reports on the topic by holding most of the weight."""
    return {t: math.log((len(index.chunks) + 1) / (len(index.postings(t)) + 0.5)) for t in topic_terms}


def rows_reporting_on(index: Index, rows: np.ndarray, topic_terms: frozenset[str]) -> np.ndarray:
    """A mask of the rows that report on the topic: they hold at least TOPIC_SHARE of its
    terms' idf weight. Read from the postings, so no passage is decoded."""
    weights = topic_weights(index, topic_terms)
    share = np.zeros(len(rows))
    for term, weight in weights.items():
        share += np.where(index.holds(term, rows), weight, 0.0)
    return share / (sum(weights.values()) or 1.0) >= TOPIC_SHARE


def _naming(index: Index, rows: np.ndarray, name: str, abbreviation: str | None) -> np.ndarray:
    """A mask of the rows holding every term of a name, or its abbreviation's term."""
    name_terms = set(terms(name))
    naming = np.full(len(rows), bool(name_terms))
    for term in name_terms:
        naming &= index.holds(term, rows)
    return naming | index.holds(abbreviation, rows) if abbreviation else naming


# Passages holding a name's initials read for the name spelled out: a timeline question
# with a name decodes at most this many, however large the index.
DEFINITIONS_READ = 50


def defined_initials(index: Index, name: str) -> str | None:
    """The index term of a name's initials when a paper defines them as this name
    ('Independent Advisory Groups (IAGs)'), so that later papers' 'our IAGs' say it; not
    when they stand for another ('Police and Crime Panel (PCP)' for the Plan). Three
    letters at least."""
    letters = initials(name)
    said = terms(letters) if len(letters) >= 3 else []
    if len(said) != 1 or len(said[0]) < 3:
        return None
    spelled = r"\W+".join(re.escape(w) for w in NAME_WORD.findall(name))
    definition = re.compile(rf"{spelled}s?\s*\(\s*{letters}s?\s*\)", re.I)
    rows = index.postings(said[0])[:DEFINITIONS_READ]
    return said[0] if any(definition.search(index.chunks[int(i)].text) for i in rows) else None


def codes_of(index: Index, sources: set[str]) -> list[int]:
    """The index's codes for these papers."""
    return [code for code, source in enumerate(index.source_names) if source in sources]


def first_tries(sources: np.ndarray, tries: int) -> np.ndarray:
    """A mask of each source's first `tries` entries, in the order given."""
    order = np.argsort(sources, kind="stable")
    ordered = sources[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    rank = np.arange(len(sources)) - np.repeat(starts, np.diff(np.r_[starts, len(sources)]))
    mask = np.zeros(len(sources), dtype=bool)
    mask[order] = rank < tries
    return mask


def every_paper(
    index: Index,
    passages: list[Hit],
    vector: np.ndarray,
    floor: float,
    topic_terms: frozenset[str],
    max_papers: int,
    name: str = "",
) -> list[Hit]:
    """The timeline's passages plus, for each paper not yet among them, its passage
    closest in meaning among those that report on the topic (found through the topic's
    rarest term, so not limited to the ranked candidates): a topic that is not one
    commitment row is still followed through every paper. A topic that is a name of
    several words ('Track my Crime') must stand in the passage: every word of it ('Joint
    Audit and Standards Committee' says 'Joint Audit Committee'), or its initials where a
    paper defines them so ('our IAGs' says 'Independent Advisory Groups'), which also make
    a passage report on it, however far its cosine."""
    if not topic_terms:
        return passages
    rarest = rarest_term(index, topic_terms)
    abbreviation = defined_initials(index, name) if name else None
    rows = np.asarray(index.postings(rarest))
    if abbreviation:
        rows = np.union1d(rows, index.postings(abbreviation))
    # At 100x the corpus a rare term still stands in thousands of passages: they are
    # chosen by paper, cosine and postings in array operations, closest first, at most
    # PAPER_TRIES a paper, and only those left are decoded.
    covered = {h.chunk.source for h in passages}
    rows = rows[~np.isin(index.source_codes[rows], codes_of(index, covered))]
    rows = rows[from_latest_papers(index, rows, PAPERS_READ * max_papers)]
    cosines = index.vectors[rows] @ vector
    order = np.argsort(-cosines, kind="stable")
    # A passage naming the name reports on it however little else it says of it.
    named = _naming(index, rows[order], name, abbreviation)
    order = order[(cosines[order] >= floor) | named]
    order = order[first_tries(index.source_codes[rows[order]], PAPER_TRIES)]
    reporting = rows_reporting_on(index, rows[order], topic_terms)
    if abbreviation:
        reporting |= index.holds(abbreviation, rows[order])
    order = order[reporting]
    best: dict[int, Hit] = {}
    for j, source in zip(order.tolist(), index.source_codes[rows[order]].tolist(), strict=True):
        if source in best:
            continue
        chunk = index.chunks[int(rows[j])]
        if not name or says_name(name, chunk.text, by_initials=bool(abbreviation)):
            best[source] = Hit(chunk, 0.0, float(cosines[j]), 0.0, "topic")
    extra = sorted(best.values(), key=lambda h: (-h.dense, h.chunk.id))
    return passages + extra


def within_filters(index: Index, hits: list[Hit], filters: Filters) -> list[Hit]:
    """The hits the question's dates, kinds and papers allow. Thread mates and each paper's
    passage are found outside the filtered ranking, so they are checked again here; a
    named commitment's other refs (3.4 became C6) stay, as the ref filter means that
    commitment."""
    window = Filters(since=filters.since, until=filters.until, kinds=filters.kinds, sources=filters.sources)
    if window == Filters():
        return hits
    mask = allowed_mask(index, window)
    return [h for h in hits if mask[index.position[h.chunk.id]]]


def build_timeline(hits: list[Hit], max_entries: int) -> list[TimelineEntry]:
    """One entry per paper (and per commitment a renumbered one became), latest period
    first, each with its best passages in rank order: one per paper item (a report and the
    minutes may both speak), none but a paper's first repeating a passage already taken: a
    paper that repeats another's words still reports on the topic. An entry is labelled
    with the period its best passage reports on."""
    placed = [(found, hit) for hit in hits if (found := period_of(hit.chunk))]
    by_paper: dict[tuple[str, str], list[tuple[tuple[str, date], Hit]]] = {}
    distinct = Distinct()
    for found, hit in placed:
        # A renumbered commitment's rows under other refs are entries of their own: 3.1 split
        # into C1, C3 and C4 of one paper; D7 merged 4.9 and 4.10 of another.
        bucket = by_paper.setdefault((hit.chunk.source, _other_ref(hit)), [])
        if (
            len(bucket) < PER_PAPER
            and all(h.chunk.title != hit.chunk.title for _, h in bucket)
            and (distinct.take(hit.chunk.text) or not bucket)
        ):
            bucket.append((found, hit))
    entries = [
        TimelineEntry(bucket[0][0][0], bucket[0][0][1], tuple(h for _, h in bucket))
        for bucket in by_paper.values()
        if bucket
    ]
    # A paper's entries for a renumbered commitment read in plan order (C1, C3, C4), after
    # the asked ref's own; the sort by date below keeps that order within a paper.
    entries.sort(key=lambda e: _plan_order(e.hits[0]))
    entries.sort(key=lambda e: (e.as_at, e.hits[0].chunk.meeting_date or date.min), reverse=True)
    return entries[:max_entries]


def _other_ref(hit: Hit) -> str:
    """The commitment ref of a row an asked commitment carried under another ref, else ''."""
    return (hit.chunk.parent_ref or hit.chunk.ref or "") if hit.continues or hit.became else ""


def _plan_order(hit: Hit) -> tuple:
    under = _other_ref(hit)
    return ref_order(under) if under else ()


def rarest_term(index: Index, topic_terms: frozenset[str]) -> str:
    """The topic's term fewest passages hold: the one a passage on the topic must say."""
    return min(sorted(topic_terms), key=lambda t: len(index.postings(t)))


def _mentioning(index: Index, topic_terms: frozenset[str], name: str) -> np.ndarray:
    """The rows mentioning a topic: for a name, those holding all its words; else those
    holding its rarest term."""
    name_terms = frozenset(terms(name))
    if not name_terms:
        return np.asarray(index.postings(rarest_term(index, topic_terms)))
    rows = np.asarray(index.postings(rarest_term(index, name_terms)))
    return rows[_naming(index, rows, name, None)]


def paper_label(chunk: Chunk) -> str:
    """A paper as an answer names it: 'title (meeting 5 Feb 2020)'."""
    return f"{chunk.title} (meeting {chunk.meeting_date:%-d %b %Y})" if chunk.meeting_date else chunk.title


def undated_note(chunks: Iterable[Chunk]) -> str | None:
    """'Meeting date not stated for: <title>, reporting on Jul–Sep 2021.': said once for an
    answer or a page, so that its citations need not each repeat it."""
    undated: dict[str, Chunk] = {}
    for chunk in chunks:
        if not chunk.meeting_date:
            undated.setdefault(chunk.source, chunk)
    papers = [
        f"{chunk.title}, reporting on {chunk.period.label}" if chunk.period else chunk.title
        for chunk in undated.values()
    ]
    return f"Meeting date not stated for: {'; '.join(papers)}." if papers else None


def silent_papers(
    index: Index,
    filters: Filters,
    timeline: list[TimelineEntry],
    named: int,
    topic_terms: frozenset[str] = frozenset(),
    name: str = "",
) -> tuple[str, ...]:
    """Papers in the question's date range with no entry on the timeline, as 'title
    (meeting 5 Feb 2020)', latest first: the `named` latest, then how many more
    there are (at 100x the corpus hundreds of papers say nothing on a topic). A paper
    mentioning the topic is not said to be silent, though it has no entry: by the topic's
    rarest term ('223 burglaries (Residential only)' mentions domestic burglary), or for a
    `name` by a passage holding all its words ('on track' says nothing of Track my Crime).
    Chosen from the paper and meeting-date columns and the postings; only the named ones
    are decoded."""
    mask = allowed_mask(index, Filters(since=filters.since, until=filters.until))
    reported = {h.chunk.source for e in timeline for h in e.hits}
    first = np.array(index.first_of_each_paper(mask), dtype=np.int64)
    first = first[~np.isin(index.source_codes[first], codes_of(index, reported))]
    if topic_terms:
        first = first[
            ~np.isin(index.source_codes[first], index.source_codes[_mentioning(index, topic_terms, name)])
        ]
    first = first[np.argsort(-index.meeting[first], kind="stable")]  # no meeting date: last
    names = tuple(paper_label(index.chunks[int(i)]) for i in first[:named])
    earlier = len(first) - len(names)
    return names + ((counted(earlier, "more paper", "more papers"),) if earlier else ())
