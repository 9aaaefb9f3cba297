"""Extractive answers: the most relevant sentences of the cited passages, quoted exactly,
each followed by its citation marker."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from index.text import terms
from retrieval.search import Hit
from retrieval.timeline import TimelineEntry

LABEL = re.compile(r"^(Commitment [\w.]+|Progress update|Supporting activity|Oversight):\s*")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9•(\"'])")
ABSTAIN_TEXT = "The papers in the index do not answer this. The nearest passages are listed as related."


@dataclass(frozen=True)
class Quote:
    text: str  # a verbatim substring of the passage
    column: str | None  # for plan rows: 'Progress update', 'Supporting activity', …


@dataclass(frozen=True)
class Citation:
    n: int
    hit: Hit
    quote: Quote | None


OUTCOMES = ("answered", "not_stated", "no_match")


@dataclass(frozen=True)
class Answer:
    """`citations` are the passages the answer quotes; `related` the other passages worth
    reading, ranked. `outcome` is 'answered', 'not_stated' (the topic is in the papers but
    the asked fact is not; `missing` says what) or 'no_match' (nothing on topic).
    `read_as` is the question as it was understood (cleaned, a follow-up completed)."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    timeline: tuple[tuple[str, tuple[int, ...]], ...]
    abstained: bool
    notes: tuple[str, ...] = field(default=())
    written_by: str = "extractive"  # or "llm" when a language model wrote the text
    outcome: str = "answered"
    missing: str | None = None
    related: tuple[Citation, ...] = field(default=())
    read_as: str = ""


def sentences(text: str) -> list[Quote]:
    """Sentences of a passage as exact substrings, with the plan column each sits in."""
    quotes = []
    for line in text.split("\n"):
        label = LABEL.match(line)
        column = label.group(1) if label else None
        body = line[label.end():] if label else line
        if column and column.startswith("Commitment"):
            column = "Commitment"
        for piece in SENTENCE_BREAK.split(body):
            piece = piece.strip().lstrip("• ").strip()
            if piece:
                quotes.append(Quote(piece, column))
    return quotes


def best_quote(text: str, question_terms: set[str], prefer_update: bool) -> Quote | None:
    """The sentence sharing most of the question's terms (short ones favoured). With
    `prefer_update` (a question over time) any informative progress update comes first:
    it is the status the paper reported for that period."""
    best, best_score = None, (False, -1.0)
    for quote in sentences(text):
        words = terms(quote.text)
        # An update of 'n/a' or '-' says nothing; a short one that names something counts.
        if quote.column == "Commitment" or not any(len(w) > 2 for w in words) or (
                len(words) < 3 and quote.column != "Progress update"):
            continue
        overlap = len(question_terms & set(words))
        score = (prefer_update and quote.column == "Progress update",
                 overlap / (1.0 + 0.05 * math.sqrt(len(words))))
        if score > best_score:
            best, best_score = quote, score
    return best or next(iter(sentences(text)), None)


def entry_label(period: str, citation: Citation) -> str:
    """'Oct–Dec 2019 · 3.4': the ref shows when a commitment was renumbered between papers;
    a quote from a column other than the progress update says which column it is from."""
    ref = citation.hit.chunk.ref
    label = f"{period} · {ref}" if ref else period
    column = citation.quote.column if citation.quote else None
    return f"{label} ({column.lower()})" if column and column != "Progress update" else label


def _distinct_lines(citations: tuple[Citation, ...], wanted: int) -> list[str]:
    """The best `wanted` quotes, each said once, with the markers of every passage that
    says it (the same sentence often stands in several quarters' papers)."""
    markers: dict[str, list[int]] = {}
    for citation in citations:
        if citation.quote and (citation.quote.text in markers or len(markers) < wanted):
            markers.setdefault(citation.quote.text, []).append(citation.n)
    return [f"{quote} " + "".join(f"[{n}]" for n in numbers) for quote, numbers in markers.items()]


def compose(question: str, hits: list[Hit], timeline: list[TimelineEntry], abstained: bool,
            prefer_update: bool) -> Answer:
    """Number the citations (ranked hits, then timeline passages not already cited) and
    write the extractive answer."""
    question_terms = set(terms(question))
    ordered = list(hits)
    seen = {h.chunk.id for h in hits}
    for entry in timeline:
        for hit in entry.hits:
            if hit.chunk.id not in seen:
                ordered.append(hit)
                seen.add(hit.chunk.id)
    number = {h.chunk.id: n for n, h in enumerate(ordered, start=1)}
    citations = tuple(
        Citation(number[h.chunk.id], h, best_quote(h.chunk.text, question_terms, prefer_update))
        for h in ordered
    )
    by_number = {c.n: c for c in citations}
    spans = tuple((e.label, tuple(number[h.chunk.id] for h in e.hits)) for e in timeline)
    if abstained:
        text = ABSTAIN_TEXT
    elif len(timeline) > 1:
        text = "\n".join(
            f"{entry_label(label, by_number[ns[0]])}: {by_number[ns[0]].quote.text} [{ns[0]}]"
            for label, ns in spans if by_number[ns[0]].quote
        )
    else:
        text = "\n".join(_distinct_lines(citations, 3))
    return Answer(question, text, citations, spans if not abstained else (), abstained,
                  outcome="no_match" if abstained else "answered", read_as=question)
