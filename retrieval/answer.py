"""Extractive answers: the most relevant sentences of the cited passages, quoted exactly,
each followed by its citation marker."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ingest.headers import FIGURE_CELL, row_label
from ingest.records import CELL_JOIN
from ingest.tables import LABELS
from panelqa.text import SENTENCE_BREAK, acronyms_spelled_out, terms
from retrieval.followup import topic_of
from retrieval.judge import ANY_MENTION, not_stated_text
from retrieval.kinds import ASKING_WORDS, CONTACT_KINDS, holds_kind
from retrieval.ref_rows import shown_ref
from retrieval.search import Hit
from retrieval.timeline import TimelineEntry, undated_note
from retrieval.tracker import NO_UPDATE_GIVEN, states_no_update

UPDATE_COLUMN, COMMITMENT_COLUMN = LABELS["update"], LABELS["commitment"]
NEAREST_RELATED = "The nearest passages are listed as related."
ABSTAIN_TEXT = f"The papers in the index do not answer this. {NEAREST_RELATED}"
# A performance table's last cell is the page its chart is on ('… average | 33'); a
# shorter row's last number may be data.
TRAILING_PAGE_CELL = re.compile(r"\s*\|\s*\d{1,3}$")
# Sentences that introduce a paper or label a part of it: never an answer line.
BOILERPLATE = re.compile(
    r"^(the (purpose|aim) of this (report|paper)|this (report|paper) (provides|sets out|is|gives|"
    r"presents|updates)|case study \d+\W*$|appendix\b|recommendations?\W*$|"
    r"(members|the panel) (are|is) (asked|requested|invited)|to note\b|background\W*$)",
    re.I,
)
SILENT_PREFIX = "Nothing on this in: "
MAX_LINES = 3  # answer lines of a plain (not timeline) answer
MAX_CITED = 4  # passages cited by a plain answer: a sentence said in many papers cites a few


@dataclass(frozen=True)
class Quote:
    text: str  # a verbatim substring of the passage
    column: str | None  # for plan rows: 'Progress update', 'Supporting activity', …
    # A table row, or the close of a line of the paper that the passage goes on after:
    # whole with no full stop ('… 41 successful candidates on a waiting-list for the next
    # vacancies'). A passage's last line may be cut short by a split, and a line the next
    # carries on in lower case by a page break.
    whole_line: bool = False


def reread(question: str, read_as: str) -> bool:
    """Whether `read_as` reads the question as something other than was asked: a follow-up
    completed or a typo respelled, not a lower-case question given capitals."""
    return bool(read_as) and read_as.strip().lower() != question.strip().lower()


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
    `read_as` is the question as it was understood (cleaned, a follow-up completed, a typo
    respelled, a lower-case question cased as the papers write its words)."""

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
    silent: tuple[str, ...] = ()  # papers in a timeline's range that say nothing on its topic
    # What an asked ref named in an earlier numbering, when that was another commitment.
    earlier_meanings: tuple[str, ...] = ()

    @property
    def reread(self) -> bool:
        """Whether the question was read as something other than what was asked."""
        return reread(self.question, self.read_as)


def sentences(text: str, cells: Mapping[str, str] | None = None) -> list[Quote]:
    """Sentences of a passage as exact substrings, with the plan column each sits in (from
    the chunk's cells, when it is a plan row)."""
    blocks = list(cells.items()) if cells else [(None, text)]
    quotes = []
    for column, body in blocks:
        lines = body.split("\n")
        for number, line in enumerate(lines, start=1):
            pieces = [p.strip().lstrip("• ").strip() for p in SENTENCE_BREAK.split(line)]
            # A performance table row's last cell is the page its chart is on; in a row of
            # figures alone ('Domestic Burglary | 757 | … | 167') it is one of them.
            pieces = [TRAILING_PAGE_CELL.sub("", p) if _ends_in_a_page_cell(p) else p for p in pieces]
            pieces = [p for p in pieces if p]
            # The next line may carry the sentence on, as ingest joins a paragraph the page
            # break cut: in lower case or with '(£%'.
            after = lines[number].strip()[:1] if number < len(lines) else ""
            closes = bool(after) and not after.islower() and after not in "(£%"
            for place, piece in enumerate(pieces, start=1):
                quotes.append(Quote(piece, column, (place == len(pieces) and closes) or CELL_JOIN in piece))
    return quotes


def _ends_in_a_page_cell(row: str) -> bool:
    """A row of four cells or more with words after its label, the last a page number."""
    cells = row.split(CELL_JOIN)
    return len(cells) >= 4 and not all(FIGURE_CELL.match(c.strip()) for c in cells[1:])


def is_cut_or_boilerplate(quote: Quote) -> bool:
    """Boilerplate, or a fragment cut by a passage boundary (starting in lower case)."""
    return bool(BOILERPLATE.match(quote.text)) or quote.text[:1].islower()


def is_answer_line(quote: Quote) -> bool:
    """A whole, informative sentence: not boilerplate, not a bare heading, not a fragment
    cut by a passage boundary (starting in lower case, or closing the passage without
    punctuation)."""
    text = quote.text
    if is_cut_or_boilerplate(quote):
        return False
    if quote.column:  # a plan-table cell is whole even without a full stop
        return len(terms(text)) >= 1
    words = text.split()
    # A list item is whole without a full stop ('- Hate Crime – All victims … by telephone').
    whole = text.rstrip()[-1:] in ".!?:;)\"'" or text.startswith("- ") or quote.whole_line
    return whole and len(words) >= 5


def best_quote(
    text: str,
    question_terms: set[str],
    prefer_update: bool,
    cells: Mapping[str, str] | None = None,
    kind: str | None = None,
) -> Quote | None:
    """The sentence sharing most of the question's terms (short ones favoured), among
    those holding the asked-for kind of answer if any does. With `prefer_update` (a
    question over time) an informative progress update comes first: it is the status
    the paper reported for that period."""
    best, best_score = None, (False, False, -1.0)
    for quote in sentences(text, cells):
        words = terms(quote.text)
        # An update of 'n/a' or '-' says nothing; a short one that names something counts.
        if (
            quote.column == COMMITMENT_COLUMN
            or not any(len(w) > 2 for w in words)
            or (len(words) < 3 and quote.column != UPDATE_COLUMN)
        ):
            continue
        overlap = len(question_terms & set(words))
        score = (
            overlap > 0 and holds_kind(kind, quote.text),
            prefer_update and quote.column == UPDATE_COLUMN,
            overlap / (1.0 + 0.05 * math.sqrt(len(words))),
        )
        if score > best_score:
            best, best_score = quote, score
    return best or next(iter(sentences(text, cells)), None)


def entry_label(period: str, citation: Citation) -> str:
    """'Oct–Dec 2019 · 3.4': the ref shows when a commitment was renumbered between papers,
    with the asked ref a later one continues ('C6 (was 3.4)'); a quote from a column other
    than the progress update says which column it is from, and that the row gives no
    update when it gives none (a heading is not the commitment's status)."""
    hit = citation.hit
    label = f"{period} · {shown_ref(hit)}" if hit.chunk.ref else period
    column = citation.quote.column if citation.quote else None
    silent = hit.chunk.kind == "plan_row" and (hit.no_update or states_no_update(hit.chunk))
    if column == UPDATE_COLUMN and silent:
        return f"{label} · {NO_UPDATE_GIVEN}"  # a bare 'Refer to 3.1' is no update of its own
    if not column or column == UPDATE_COLUMN:
        return label
    if silent:
        return f"{label} · {NO_UPDATE_GIVEN}; {column.lower()}"
    return f"{label} ({column.lower()})"


@dataclass(frozen=True)
class Reading:
    """How the question was read: what the answer lines must carry and prefer."""

    question: str  # as the user asked it, cleaned
    read_as: str  # completed against the conversation
    topic_terms: frozenset[str]  # an answer line must hold one (or cite a named ref)
    refs: tuple[str, ...] = ()
    kind: str | None = None  # the asked-for kind of answer
    topic: str = ""  # the topic phrase ('Track my Crime')
    over_time: bool = False
    carried_topic: str | None = None  # the earlier topic a follow-up with none of its own is on


def carries_topic(quote: Quote, hit: Hit, reading: Reading) -> bool:
    said = set(terms(quote.text)) | acronyms_spelled_out(reading.read_as, quote.text)
    return (
        bool(reading.topic_terms & said)
        or bool(reading.refs and hit.chunk.ref and any(hit.chunk.ref.startswith(r) for r in reading.refs))
        or headed_by_topic(said, hit, reading)
    )


def headed_by_topic(said: set[str], hit: Hit, reading: Reading) -> bool:
    """A sentence under a heading naming the whole topic carries it when it says something
    else asked ('One formal response was received' under 'Serious and Organised Crime
    Strategy – Consultation Report')."""
    heading = set(terms(hit.chunk.context)) if hit.chunk.kind != "plan_row" else set()
    others = set(terms(reading.read_as)) - reading.topic_terms - ASKING_WORDS
    return bool(reading.topic_terms) and reading.topic_terms <= heading and bool(others & said)


# Starts the line under a quoted row of figures that reads it by its columns.
BY_COLUMNS = "    by its columns: "


def by_columns(row: str, passages: list[Hit]) -> str:
    """A quoted row of figures read cell by cell under its columns' names, on a line of its
    own (after BY_COLUMNS), as '211 | 81 | 38%' says nothing without them; '' for any other
    line."""
    names = next((h.chunk.columns[row] for h in passages if row in h.chunk.columns), None)
    cells = row.split(CELL_JOIN)
    if not names or not any(FIGURE_CELL.match(c) for c in cells[1:]):
        return ""
    read = "; ".join(f"{name}: {cell}" for name, cell in zip(names[1:], cells[1:], strict=False) if name)
    return f"\n{BY_COLUMNS}{row_label(row, names)}: {read}" if read else ""


def answer_lines(
    hits: list[Hit], reading: Reading, answering: Mapping[str, str] | None = None
) -> list[tuple[Quote, list[Hit]]]:
    """The best `MAX_LINES` good sentences in rank order, each said once with every
    passage (up to `MAX_CITED` in all) that says it. A sentence found to answer the
    question (`answering`, by passage id) comes first and is the one quoted from its
    passage."""
    answering = answering or {}
    question_terms = set(terms(reading.read_as))
    lines: dict[str, tuple[Quote, list[Hit]]] = {}
    cited = 0
    for hit in sorted(hits, key=lambda h: h.chunk.id not in answering):
        found = answering_quote(hit, answering.get(hit.chunk.id))
        # The sentence found to answer is the answer even where only its passage names the
        # topic (so the gate read it); it is quoted from the nearest sentence that does.
        quote = (
            with_topic_before(found, hit, reading)
            if found
            else best_quote(hit.chunk.text, question_terms, reading.over_time, hit.chunk.cells, reading.kind)
        )
        # A table row the gate found is an answer line however short ('Specials | 58'), and
        # so is a contact line ('Worcestershire County Council 01905 763763').
        whole = quote and (
            is_answer_line(quote)
            or CELL_JOIN in answering.get(hit.chunk.id, "")
            or bool(found and reading.kind in CONTACT_KINDS)
        )
        if not quote or not whole or not (found or carries_topic(quote, hit, reading)):
            continue
        if not found and reading.kind in FIGURE_KINDS and not holds_kind(reading.kind, quote.text):
            continue  # beside '125 referrals made to Drive', a line with no figure is filler
        if cited >= MAX_CITED or (quote.text not in lines and len(lines) >= MAX_LINES):
            continue
        lines.setdefault(quote.text, (quote, []))[1].append(hit)
        cited += 1
    return list(lines.values())


# The kinds asked as a figure: an answer line giving none is filler beside one that does.
FIGURE_KINDS = frozenset({"count", "amount", "percentage"})
TOPIC_REACH = 2  # sentences back an answering sentence's quote may start, to name the topic


def with_topic_before(quote: Quote, hit: Hit, reading: Reading) -> Quote:
    """The quote, or when it does not name the topic, the words of its line (in its table
    cell) from the nearest sentence before it, within TOPIC_REACH, that does: 'Op Vulture
    was conducted … Over the two nights a total 105 checks were conducted …'."""
    if carries_topic(quote, hit, reading):
        return quote
    cells = hit.chunk.cells
    bodies = [cells[quote.column]] if cells and quote.column in cells else [hit.chunk.text]
    for line in (line for body in bodies for line in body.split("\n")):
        for found in re.finditer(re.escape(quote.text), line):
            before = line[: found.start()]
            starts = [0, *(m.end() for m in SENTENCE_BREAK.finditer(before))]
            pieces = list(zip(starts, [*starts[1:], len(before)], strict=True))
            for begin, end in reversed(pieces[-TOPIC_REACH:]):
                earlier = Quote(before[begin:end].strip().lstrip("• ").strip(), quote.column)
                if earlier.text and carries_topic(earlier, hit, reading):
                    widened = line[line.index(earlier.text, begin) : found.end()]
                    if widened in hit.chunk.text:
                        return replace(quote, text=widened)
    return quote


def answering_quote(hit: Hit, sentence: str | None) -> Quote | None:
    """The passage's sentence that is (or holds, or sits in) the answering sentence."""
    if not sentence:
        return None
    return next(
        (q for q in sentences(hit.chunk.text, hit.chunk.cells) if q.text in sentence or sentence in q.text),
        None,
    )


def _cite(hits: list[Hit], start: int, reading: Reading) -> tuple[Citation, ...]:
    question_terms = set(terms(reading.read_as))
    return tuple(
        Citation(
            n,
            hit,
            best_quote(hit.chunk.text, question_terms, reading.over_time, hit.chunk.cells, reading.kind),
        )
        for n, hit in enumerate(hits, start=start)
    )


def _timeline_text(
    timeline: list[TimelineEntry],
    reading: Reading,
) -> tuple[list[str], list[Hit], list[tuple[str, tuple[int, ...]]]]:
    """One line per entry, quoting its best good sentence: 'Oct–Dec 2019 (meeting 5 Feb
    2020) · 1.2: quote [1]'."""
    question_terms = set(terms(reading.read_as))
    lines, cited, spans = [], [], []
    for entry in timeline:
        quoted = [
            (hit, best_quote(hit.chunk.text, question_terms, True, hit.chunk.cells, reading.kind))
            for hit in entry.hits
        ]
        # A whole sentence if the paper has one; else a short line such as a table entry;
        # never a cut fragment or boilerplate (then no line rather than a bad one).
        good = [(h, q) for h, q in quoted if q and is_answer_line(q)] or [
            (h, q) for h, q in quoted if q and not is_cut_or_boilerplate(q)
        ]
        if not good:
            continue
        hit, quote = good[0]
        cited.append(hit)
        n = len(cited)
        label = entry_label(entry.label, Citation(n, hit, quote))
        meeting = hit.chunk.meeting_date
        # A paper with no meeting date is said so once, in the answer's notes.
        when = f" (meeting {meeting:%-d %b %Y})" if meeting else ""
        pointed, referred = _referred_text(hit, question_terms, reading, cited)
        lines.append(f"{label}{when}: {quote.text} [{n}]{pointed}")
        spans.append((entry.label, (n, *referred)))
    return lines, cited, spans


def _referred_text(
    hit: Hit, question_terms: set[str], reading: Reading, cited: list[Hit]
) -> tuple[str, list[int]]:
    """' → 3.1: its update [2]' for each row a bare 'Refer to 3.1' points to, cited in turn,
    and their citation numbers; a row cited already keeps its number (4.2 and 4.5 both
    refer to 1.2)."""
    pointed, referred = [], []
    numbers = {h.chunk.id: n for n, h in enumerate(cited, start=1)}
    for target in hit.referred:
        quote = best_quote(target.chunk.text, question_terms, True, target.chunk.cells, reading.kind)
        if quote:
            if target.chunk.id not in numbers:
                cited.append(target)
                numbers[target.chunk.id] = len(cited)
            referred.append(numbers[target.chunk.id])
            pointed.append(pointer_text(target.chunk.ref or "", quote.text, referred[-1]))
    return "".join(pointed), referred


def pointer_text(ref: str, quote: str, n: int) -> str:
    """How a timeline line gives the row a bare 'Refer to 3.1' points to: ' → 3.1: … [2]'."""
    return f" → {ref}: {quote} [{n}]"


def undated_notes(citations: tuple[Citation, ...]) -> tuple[str, ...]:
    note = undated_note(c.hit.chunk for c in citations)
    return (note,) if note else ()


def compose(
    reading: Reading,
    hits: list[Hit],
    timeline: list[TimelineEntry],
    outcome: str,
    missing: str | None = None,
    silent: tuple[str, ...] = (),
    answering: Mapping[str, str] | None = None,
    earlier_meanings: tuple[str, ...] = (),
) -> Answer:
    """The answer: quoted lines with their citations numbered in order, the other
    passages ranked as related; for a non-answer, what is missing and the nearest
    passages as related. `silent` names papers in range that say nothing on a timeline's
    topic; `answering` holds the sentence found to answer, by passage id, quoted first;
    `earlier_meanings` says what an asked ref named before, as a closing line each."""
    if outcome != "answered":
        if not missing:
            text = ABSTAIN_TEXT
        elif outcome == "no_match":
            text = f"No paper in the index mentions {missing.removeprefix(ANY_MENTION)}. {NEAREST_RELATED}"
        else:
            text = not_stated_text(topic_of(reading.read_as), missing, reading.read_as)
        related = _cite(hits, 1, reading)
        return Answer(
            reading.question,
            text,
            (),
            (),
            True,
            notes=undated_notes(related),
            outcome=outcome,
            missing=missing,
            related=related,
            read_as=reading.read_as,
        )
    spans: list[tuple[str, tuple[int, ...]]] = []
    if len(timeline) > 1:
        lines, cited, spans = _timeline_text(timeline, reading)
        if silent:
            lines.append(SILENT_PREFIX + "; ".join(silent) + ".")
        citations = tuple(
            Citation(
                n,
                hit,
                best_quote(hit.chunk.text, set(terms(reading.read_as)), True, hit.chunk.cells, reading.kind),
            )
            for n, hit in enumerate(cited, start=1)
        )
    else:
        # No line naming the topic: any good line sharing the question's words.
        found = answer_lines(hits, reading, answering) or answer_lines(
            hits, replace(reading, topic_terms=frozenset(terms(reading.read_as)))
        )
        cited = list({h.chunk.id: h for _, quoted in found for h in quoted}.values())
        number = {h.chunk.id: n for n, h in enumerate(cited, start=1)}
        lines = [
            f"{quote.text} "
            + "".join(f"[{number[h.chunk.id]}]" for h in quoted)
            + by_columns(quote.text, quoted)
            for quote, quoted in found
        ]
        citations = tuple(Citation(number[h.chunk.id], h, quote) for quote, quoted in found for h in quoted)
        citations = tuple(sorted({c.n: c for c in citations}.values(), key=lambda c: c.n))
    taken = {h.chunk.id for h in cited}
    related = _cite([h for h in hits if h.chunk.id not in taken], len(citations) + 1, reading)
    return Answer(
        reading.question,
        "\n".join([*lines, *earlier_meanings]),
        citations,
        tuple(spans),
        False,
        notes=undated_notes(citations + related),
        outcome="answered",
        related=related,
        read_as=reading.read_as,
        silent=silent if len(timeline) > 1 else (),
        earlier_meanings=earlier_meanings,
    )
