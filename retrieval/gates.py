"""What one sentence must hold to answer a question that asks for a particular thing.

A question asking for a value (an amount, a count, a percentage, a date, a duration, a
grade), a name (a person, an organisation, a place), a finding ('what did the evaluation
find?') or an outcome ('did the judge approve …?') is answered only when one sentence on
the question's topic holds that thing beside what the question asks about. Sharing the
topic's words is not enough: near-miss questions are written from the same passages.
Each gate is measured in `panelqa eval` by the near misses it abstains on and the
answerable questions it refuses. What the question asks for is read by `retrieval.asked`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.headers import FIGURE_CELL, row_label
from ingest.records import CELL_JOIN
from panelqa.text import SENTENCE_BREAK, acronyms_spelled_out, terms
from retrieval.asked import (
    CAPITALISED,
    COMMON_TERMS,
    MEASURES,
    NAME_CLASSES,
    TIME_TERMS,
    Asked,
)
from retrieval.counts import PEOPLE, by_initials, counts, figures
from retrieval.judge import ASKS_CHANGE
from retrieval.kinds import CONTACT_KINDS, DEFINED, HAS_KIND, NUMBER_WORDS, VALUE_KINDS, asked_list
from retrieval.names import (
    LABELLED,
    NAME_SHAPES,
    ROLE_ASKED,
    is_shaped_name,
    lists_names,
    named_before_verb,
    names_of_class,
    new_names,
    opens_with_a_name,
    outside_names,
    said_to_be,
)
from retrieval.periods import (
    in_asked_years,
    months_spanned,
    other_months,
    other_quarter,
    part_of_a_year_asked_whole,
)
from retrieval.wording import same_things

ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
# A year alone in brackets is a title's ('Strategic Policing Requirement (2015)').
TITLE_YEAR = re.compile(r"\((?:19|20)\d\d\)")
# A negation shortly before a date says it is not when the thing happens.
NEGATED = re.compile(r"(?:\b(?:not|unable|cannot|never)\b|n't\b)(?:\W+\w+){0,6}\W*$", re.I)
# What parts a list: a sentence of as many items as asked (at most MAX_LISTED, as a long
# list is often cut short or set out as lines).
LIST_BREAK = re.compile(r",|;|\band\b|•")
MAX_LISTED = 4
MAX_ITEM_WORDS = 5  # an item of a list in a sentence, not a clause of its own
# A sentence setting out the things the one before names: 'These are digital services, …'.
ENUMERATES = re.compile(r"\s*(?:these|they|those)\s+(?:are|were|include|included)\b", re.I)
# Words naming what sort of figure is asked, which a column of figures need not say.
FIGURE_NAMES = frozenset("rate percentage proportion share number total figure level".split())
FIGURE_WORDS = frozenset(terms(" ".join(FIGURE_NAMES)))
# Words in a column's name that name no column ('No. of Missing Reports').
COLUMN_FILLER = frozenset("of no the a an and in for to on at by".split())
# A figure or a name may be another thing's ('over 200 people attended a White Ribbon Day
# event' for the PCC's surgeries): it is looked for only where the topic's rarest word is.
# A 'named' question is read by its class's noun beside the name, wherever the topic's rarest
# word is.
ON_THE_RAREST_WORD = frozenset({"count", "amount", "percentage", "figure", "person", *NAME_CLASSES}) - {
    "named"
}
NUMBER_TERMS = frozenset(terms(" ".join(NUMBER_WORDS)))
# A figure for the country is not the force area's, which a question may ask for.
LOCAL_ASKED = re.compile(r"\bWest Mercia\b|\blocal(?:ly)?\b", re.I)
NATIONAL = re.compile(
    r"\b(?:in|across|for) the UK\b|\bUK-wide\b|\bnationally\b|\b(?:in|across) England and Wales\b", re.I
)
# A sentence of what is to come: no finding yet.
FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|intends? to|is due to|are due to)\b", re.I)
# A date said to be still to come ('the outcome … is due in February 2022').
DUE = re.compile(r"\b(?:due|expected|anticipated|planned|scheduled)\b", re.I)
# Words before a verb that make it a wish or a plan, not an outcome.
MODAL = frozenset("to be should would could will may might seek seeking sought calls call".split())
# What says a thing is to happen, which answers a question about what is to come.
PLANNED = frozenset("to be will".split())
# Before a noun, never before a verb ('the force that uses' has a verb after 'that').
ARTICLES = frozenset("the a an his her its their our".split())


def clauses(text: str) -> list[tuple[str, tuple[int, int] | None]]:
    """A passage's sentences, table cells and lines, each as written, with the numbers of
    its table row and cell (None outside tables)."""
    pieces = []
    for row, line in enumerate(text.split("\n")):
        cells = line.split(CELL_JOIN)
        for column, cell in enumerate(cells):
            at = (row, column) if len(cells) > 1 else None
            pieces += [(p.strip(), at) for p in SENTENCE_BREAK.split(cell) if p.strip()]
    return pieces


# 'at least 70%' names no extreme.
AT_LEAST = re.compile(r"\bat (?:least|most|best|worst)\b")
# The words for each end of a ranking ('most' is left out: 'most of', 'most similar').
EXTREMES = (
    frozenset("lowest least fewest smallest worst".split()),
    frozenset("highest largest biggest greatest best".split()),
)
# Words that report how something turned out, whatever verb the question used ('met' and
# 'launched' are left out: 'the group met', 'an anticipated launch').
VERDICT_FORMS = frozenset(
    """successful unsuccessful succeeded failed declined rejected refused approved awarded granted
    secured successfully won lost dismissed upheld overturned quashed achieved exceeded ceased
    completed postponed cancelled canceled delayed deferred withdrawn abandoned scrapped paused
    suspended""".split()
)
# Words that report a change: an outcome only of a question asking about one ('has the pool
# got any younger?'), not of 'did the PCC approve the precept?' ('the precept rose').
TREND_FORMS = frozenset(
    """reduced reduction increased decreased fell rose dropped halved doubled
    below above upward downward""".split()
)


@dataclass(frozen=True)
class FigureTable:
    """What a passage's table says of its cells: the column of each cell of its rows
    (Chunk.columns), and the months its figures are for when neither row nor column says
    (the paper's period, as 'Oct–Dec 2015')."""

    columns: Mapping[str, list[str]] = field(default_factory=dict)
    period: str = ""


def answering(
    asked: Asked,
    texts: list[str],
    question: str,
    dated: Sequence[frozenset[int]] = (),
    written_lower: Mapping[str, int] | None = None,
    names_rarest: Sequence[bool] = (),
    tables: Sequence[FigureTable] = (),
) -> list[tuple[int, str]]:
    """The sentences of `texts` (the best passages) that answer what is asked, each with
    the number of its passage: in a passage that names the topic (a heading may name it,
    not the sentence), or saying two or more of the things asked about. A question naming
    a year is answered only for that year: by a sentence naming it, or one naming no year
    in a passage whose `dated` years (its period, its meeting) include it. An open
    question (no kind) has no gate: none are looked for. `written_lower`: how often the
    papers write each word in lower case, which tells names of people from others ('Road
    Policing'). `names_rarest`: for a question asking ON_THE_RAREST_WORD kinds, whether each
    passage (or one beside it) names the topic's rarest word, without which it gives no
    figure or name (retrieval.grounds.names_rarest). `tables`: each passage's table, by
    whose columns a figure or a row's date or frequency is read."""
    if asked.kind is None:
        return []
    plain = Counter(written_lower or {}) + lower_case_counts(" ".join(texts))
    found = []
    for n, text in enumerate(texts):
        said = set(terms(text)) | acronyms_spelled_out(question, text)
        if not asked.places <= said:
            continue  # a figure asked for a place is in a passage naming it ('going to Herefordshire')
        if names_rarest and not names_rarest[n]:
            continue
        # Where a value is asked for does not make a passage on topic: a CSE service 'across
        # Herefordshire … and Shropshire' is no video remand hearing there.
        topical = not asked.topic or bool((asked.topic - asked.places or asked.topic) & said)
        pieces = clauses(text)
        # A sentence says what it spells by initials ('National Police Air Service' the NPAS).
        said_by_initials = [acronyms_spelled_out(question, piece) for piece, _ in pieces]
        rows = text.split("\n")
        # the heading is the passage's first line (index.text) unless that is a row
        heading = rows[0] if CELL_JOIN not in rows[0] else ""
        best = _named_best(tables[n], question) if tables and asked.kind in VALUE_KINDS else _NONE_BEST
        for i, (piece, cell) in enumerate(pieces):
            row = rows[cell[0]] if cell else ""
            table = tables[n] if tables and cell else FigureTable()
            if table.columns and row not in table.columns:
                continue  # a table's header, which names columns and answers nothing
            if cell and row in table.columns and asked.kind in VALUE_KINDS and FIGURE_CELL.match(piece):
                # A figure in a table of figures says what it is by its row and column alone.
                if (n, row) not in found and _figure_in_row(
                    asked, question, row, table, best, cell[1], heading, dated[n] if dated else frozenset()
                ):
                    found.append((n, row))
                continue
            # 'This is costing West Mercia £6m': what is asked about may be in the sentence before.
            before, before_cell = pieces[i - 1] if i else ("", None)
            # A date or how often in a table row is its row's event's, under the table's
            # heading and its columns' names: 'June 2020 | • PCC's Annual Report • …' in the
            # work programme; 'Safer Roads Partnership Board | … | Bi annual' under 'MEETS'.
            row_event = False
            if cell is not None and asked.kind in ("date", "frequency"):
                names = " ".join(table.columns.get(row, []))
                piece, before, row_event = row, f"{heading} {names}", True
            elif cell is not None and asked.kind == "named":
                piece = row  # 'Martin Evans | Assistant Chief Constable (ACC)': a name by its row
            here = set(terms(piece)) | said_by_initials[i]
            context = here | set(terms(before)) | (said_by_initials[i - 1] if i else frozenset())
            if _for_another_time(asked, question, piece, before, dated[n] if dated else frozenset()):
                continue
            if asked.kind in VALUE_KINDS and _for_the_country(question, f"{before} {piece}"):
                continue
            # A cell straight after another of its row.
            beside = cell is not None and before_cell == (cell[0], cell[1] - 1)
            if (topical or len(asked.about & here) >= 2) and _holds(
                asked, piece, here, context, question, plain, beside, row_event
            ):
                if cell is not None and beside and asked.kind in NAME_CLASSES:
                    piece = row  # a name found in a row, with the row relating it
                if (n, piece) not in found:
                    found.append((n, piece))
    return found


def _figure_in_row(
    asked: Asked,
    question: str,
    row: str,
    table: FigureTable,
    best: tuple[frozenset[str], frozenset[str]],
    column: int,
    heading: str,
    passage_years: frozenset[int],
) -> bool:
    """Whether a table's figure answers: its row's label says what the question asks of
    ('PCSO' for how many PCSOs were assaulted, 'Herefordshire' for missing person reports
    there); its column is the one the question names best ('VAP with Injury', not 'VAP
    without Injury', whose cell may be the one left empty); the row, column and heading
    say every word of the topic (no assaults table gives 'total recorded crime'); a place
    asked for is the row's or the column's; and neither gives it for another time ('May
    2015' for November; the paper's Oct–Dec 2015 for Jul–Sep). `best`: the table's rows
    and columns the question names best (_named_best)."""
    cells, row_columns = row.split(CELL_JOIN), table.columns[row]
    value, name = cells[column], row_columns[column] if column < len(row_columns) else ""
    label = row_label(row, row_columns)
    if not name or not label or figures(value) & asked.figures:
        return False
    if not figures(label) <= asked.figures:
        return False  # a row numbered other than asked ('5 to 10 days' for 11-19 days)
    label_words = set(terms(label))
    if not asked.places <= label_words | set(terms(name)):
        return False
    said = f"{label} {name}"
    if not months_spanned(said):
        said = f"{said} ({table.period})"
    if _for_another_time(asked, question, said, heading, passage_years):
        return False
    if not same_things(label_words) & same_things(asked.topic | asked.about | set(asked.counted)):
        return False
    best_rows, best_columns = best
    if row not in best_rows or name not in best_columns:
        return False
    row_words = set(terms(f"{label} {name} {heading}"))
    # 'people' counted is a headcount of whatever the row is ('11 to 19 days' of RDIL), and
    # a 'rate' is what a column of percentages holds.
    topic = asked.topic - asked.places - TIME_TERMS - PEOPLE - FIGURE_WORDS - {str(y) for y in asked.years}
    return all(_said_as(t, row_words) for t in topic)


_NONE_BEST: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _named_best(table: FigureTable, question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The rows whose labels the question says most of ('National Staff', not 'National
    Officer', for national staff) and the columns whose names it says most of ('VAP with
    Injury', not 'VAP without Injury'); no column the question says nothing of. Read once
    per passage, not per figure."""
    asked_words = _column_words(question)
    labels = {
        row: _share_asked(_column_words(row_label(row, named)) - FIGURE_NAMES, asked_words)
        for row, named in table.columns.items()
    }
    names = {name for named in table.columns.values() for name in named if name}
    fit = {name: _share_asked(_column_words(name), asked_words) for name in names}
    top_label, top_fit = max(labels.values(), default=0.0), max(fit.values(), default=0.0)
    return (
        frozenset(row for row, share in labels.items() if share == top_label),
        frozenset(name for name, share in fit.items() if share == top_fit > 0),
    )


def _share_asked(words: set[str], asked_words: set[str]) -> float:
    """The share of a label's or a column name's words the question says."""
    return len(words & asked_words) / max(len(words), 1)


def _said_as(term: str, said: set[str]) -> bool:
    """Whether a term is among `said`, plural or not ('pcsos' as 'pcso')."""
    return any(w.startswith(term) or (len(w) > 3 and term.startswith(w)) for w in said)


def _column_words(text: str) -> set[str]:
    """The words that tell columns apart, plural or not: 'with' and 'without' count."""
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())} - COLUMN_FILLER


def lower_case_counts(text: str) -> Counter[str]:
    """How often `text` writes each word in lower case ('community', never 'Community'),
    outside e-mail and web addresses ('john.champion@…' is no prose)."""
    return Counter(re.findall(r"(?<![\w'’])[a-z][a-z'’-]+", ADDRESS.sub(" ", text)))


def _for_another_time(
    asked: Asked, question: str, piece: str, before: str, passage_years: frozenset[int]
) -> bool:
    """Whether a sentence gives its value for a year, quarter or months other than those
    asked: 'in Q1' is not answered by the next report's Q2 figure. A date asked is the
    month a sentence gives, not a period it is given for."""
    if asked.kind not in VALUE_KINDS:
        return False
    # A date still to come may fall after the year the topic names: the findings of an
    # assessment starting in November 2021 are 'due in February 2022'.
    ahead = asked.kind == "date" and bool(FUTURE.search(piece) or DUE.search(piece))
    years = asked.years | {y + 1 for y in asked.years} if ahead else asked.years
    if years and not in_asked_years(years, piece, before, passage_years):
        return True
    return other_quarter(question, piece) or (
        asked.kind != "date"
        and (other_months(question, piece) or part_of_a_year_asked_whole(question, piece))
    )


def _lists_them(asked: Asked, question: str, piece: str, here: set[str]) -> bool:
    """The things a list question asks for, listed: a sentence saying what they are
    ('areas') and anything else asked ('successful'), then as many items (at most
    MAX_LISTED), each after the first a few words between commas, semicolons or 'and':
    'Two areas were successful in receiving funding South Worcestershire and Herefordshire',
    not 'three welsh force areas and the difference between the Welsh border and …'."""
    number, listed = asked_list(question)
    if not listed or not listed <= here:
        return False
    others = asked.about - listed - NUMBER_TERMS
    if others and not others & here:
        return False
    lowered = piece.lower()
    start = min((at for word in listed if (at := lowered.find(word[:4])) >= 0), default=0)
    items = [item for item in LIST_BREAK.split(lowered[start:]) if item.strip()][1 : min(number, MAX_LISTED)]
    return len(items) == min(number, MAX_LISTED) - 1 and all(
        0 < len(item.split()) <= MAX_ITEM_WORDS for item in items
    )


def _defines_initials(asked: Asked, question: str, piece: str) -> bool:
    """The asked initials defined: spelled out and said in one sentence ('The Victim Advice
    Line (VAL)'), not another acronym of the question spelled out."""
    return bool(asked.topic & acronyms_spelled_out(question, piece) & set(terms(piece)))


def _says_what_it_is(question: str, piece: str) -> bool:
    """Initials asked about said to be something: 'CLIMB is a …', '… now known as CLIMB',
    'CLIMB – a diversionary network'; not only used ('with VMB on 101 calls', 'VMB was
    introduced')."""
    asked = DEFINED.search(question)
    return asked is not None and bool(_defining(asked.group(1)).search(piece))


@lru_cache(maxsize=64)
def _defining(initials: str) -> re.Pattern[str]:
    said = re.escape(initials)
    return re.compile(
        rf"\b{said}s?\s+(?:(?:is|are|was|were)\s+(?:a|an|the)|means|stands for|provides|offers)\b|"
        rf"\bknown as (?:the )?{said}\b|\b{said}\s*[–:-]\s"
    )


def _for_the_country(question: str, said: str) -> bool:
    """Whether a figure asked for the force area is given for the country: '43% of all
    businesses in the UK …' (or the sentence after it) is no share of West Mercia's."""
    return bool(LOCAL_ASKED.search(question) and NATIONAL.search(said) and not LOCAL_ASKED.search(said))


def _holds(
    asked: Asked,
    piece: str,
    here: set[str],
    context: set[str],
    question: str,
    plain: Mapping[str, int],
    beside_cell: bool = False,
    row_event: bool = False,
) -> bool:
    if asked.kind in VALUE_KINDS:
        said_measures = [m for m in MEASURES if m & here]
        measured = asked.kind in ("amount", "figure") and asked.measures
        if measured and said_measures and not set(asked.measures) & set(said_measures):
            return False  # a saving for a cost, or a cost for a saving
        return _value_here(asked, piece, context, row_event)
    if asked.kind == "list":
        return _lists_them(asked, question, piece, here)
    if asked.kind == "expansion":
        return _defines_initials(asked, question, piece)
    if asked.kind == "definition":
        return _defines_initials(asked, question, piece) or _says_what_it_is(question, piece)
    # A finding is said of the topic in its sentence; an outcome of the topic or of two
    # things the question asks about ('approved … funding … local policing').
    if asked.kind == "finding" and not _names_topic(asked, here):
        return False
    if asked.kind == "outcome" and not (_names_topic(asked, here) or len(asked.about & here) >= 2):
        return False
    if asked.kind == "finding":
        # 'the findings' is a finding; 'the inquiry will … propose recommendations' is a plan.
        return not _planned(asked, piece) and _says_verb(asked, piece, after_article=True)
    if asked.kind == "outcome":
        # 'Did the bid come off?' is answered by 'the bid was declined' as well.
        results = VERDICT_FORMS | TREND_FORMS if ASKS_CHANGE.search(question) else VERDICT_FORMS
        return _says_verb(asked, piece, after_article=asked.copular) or _says_verb(
            asked, piece, results, after_article=True
        )
    if asked.kind == "person" and asked.verb_forms and _says_verb(asked, piece):
        # 'Who chairs the board?' may be answered by a role doing it: 'the PCC chairs …';
        # 'a consultant appointed by the PCC' names nobody appointed.
        return named_before_verb(asked, piece, question) or bool(new_names(asked, piece, plain, person=True))
    if asked.kind == "person" and not asked.verb_forms:
        # 'Who are the new …?' needs a person's name; 'who is the lead agency for SOC?' is
        # answered by whoever the sentence says is it: 'The NCA is the lead … agency'.
        # A name answers 'who was the keynote speaker at …?' only beside what is asked
        # about: 'the death of Dalian Atkinson' names no speaker.
        role = ROLE_ASKED.match(question)
        wanted = asked.about & set(terms(role.group(1))) if role else asked.about
        about = not wanted or bool(same_things(wanted) & same_things(context))
        return (about and bool(new_names(asked, piece, plain, person=True))) or said_to_be(
            asked, piece, question
        )
    if asked.kind in NAME_CLASSES and lists_names(asked, piece):
        return True
    if asked.kind == "named":
        # One of the class by its noun; a new name doing the asked verb ('Critical Incident
        # aired in June 2019') or at the asked extreme ('Herefordshire saw the least' for
        # 'which area had the lowest'); or the class's members listed after it ('… four service
        # area. These are digital services, forensics, archive storage and …').
        doing = (bool(asked.verb_forms) and _says_verb(asked, outside_names(piece))) or _same_extreme(
            question, piece
        )
        opening = CAPITALISED.match(piece.lstrip("• "))
        named = bool(new_names(asked, piece, plain, person=False)) or bool(
            opening and is_shaped_name(asked, opening.group()) and opens_with_a_name(opening.group(), plain)
        )
        listed = (
            bool(ENUMERATES.match(piece))
            and piece.count(",") >= 2
            and bool(same_things(asked.class_terms) & same_things(context))
        )
        return names_of_class(asked, piece, plain) or (doing and named) or listed
    # Else a new name of the asked shape, said with the asked verb or with something else
    # the question asks about ('submitted the response' for 'who sent the response').
    # What is asked about is said outside the names: 'Independent Office for Police Conduct'
    # does not say 'the independent element'.
    # A table row says how its cells are related: 'Mr Peter Whatley | Substantive Member -
    # Malvern Hills District Council' answers which council he represents, with no verb.
    related = beside_cell and asked.kind in NAME_CLASSES and _names_topic(asked, context)
    if asked.verb_forms and not (
        related or _says_verb(asked, piece) or asked.about & set(terms(outside_names(piece)))
    ):
        return False
    shape = NAME_SHAPES.get(asked.kind)  # type: ignore[arg-type]
    if shape:
        return any(is_shaped_name(asked, m.group(m.lastindex or 0)) for m in shape.finditer(piece))
    return bool(new_names(asked, piece, plain, person=False))


def _qualifiers_said(asked: Asked, piece: str, context: set[str]) -> bool:
    """Whether a sentence (with the one before it) says what qualifies the counted noun
    beyond the topic, in the papers' words or by initials, its own or the whole phrase's:
    '2091 victims' contacted does not count 'hate crime victims'; '3,400 ASB incidents'
    counts anti-social behaviour ones, '42 mapped OCGs' organised crime groups."""
    qualifiers = [t for t in asked.counted[:-1] if t not in asked.topic | COMMON_TERMS and not t.isdigit()]
    words = piece.split()
    return (
        same_things(qualifiers) <= same_things(context)
        or by_initials(qualifiers, words)
        or by_initials(asked.counted, words)
    )


def _names_topic(asked: Asked, here: set[str]) -> bool:
    """The sentence names the topic by a term other than those every paper uses or a time
    ('hate crimes in December 2019' is named by 'hate', not by '2019')."""
    years = {str(y) for y in asked.years} | {f"{(y + n) % 100:02d}" for y in asked.years for n in (0, 1)}
    timeless = asked.topic - TIME_TERMS - years
    name, initials = asked.topic_name, asked.topic_initials
    if len(name) > 1:
        # A topic the question names ("the PCC's new Victims' Board") is named whole, by its
        # last two words ('Street Triage' of 'Mental Health Street Triage') or its initials
        # ('CSPs'): a 'Governance Board' is another board.
        return set(name if len(name) < 3 else name[-2:]) <= here or bool(
            initials and {initials, f"{initials}s"} & here
        )
    return bool(((timeless - COMMON_TERMS) or timeless) & here)


def _row_name(asked: Asked, row: str) -> str:
    """What a row is of: its first cell ('Diversity & Inclusion Group', whose purpose names
    the Police Federation), or where that holds the asked value ('June 2020 | • PCC's
    Annual Report'), the whole row."""
    label = row.split(CELL_JOIN)[0]
    return row if HAS_KIND[asked.kind].search(label) else label  # type: ignore[index]


def _names_in_a_run(asked: Asked, text: str) -> bool:
    """Whether `text` says the topic's name (its last two words) one after the other, or
    its initials; a topic with no name of two words is said however it is."""
    name = asked.topic_name[-2:]
    if len(name) < 2:
        return True
    said = terms(text)
    return any(tuple(said[i : i + 2]) == name for i in range(len(said) - 1)) or bool(
        asked.topic_initials and {asked.topic_initials, f"{asked.topic_initials}s"} & set(said)
    )


def _says_verb(
    asked: Asked, piece: str, forms: frozenset[str] | None = None, after_article: bool = False
) -> bool:
    """The asked verb (or one of `forms`), as done: 'approved', not 'to be approved' or
    'should approve' (unless the question asks what is to come: 'will review' answers 'is
    it going to look at …?'); after an article only when `after_article` ('the findings', 'a
    successful bid')."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", piece)]
    forms = asked.verb_forms if forms is None else forms
    return any(
        w in forms
        and not (MODAL - (PLANNED if asked.future else frozenset())) & set(words[max(0, i - 2) : i])
        and (after_article or not (i and words[i - 1] in ARTICLES))  # 'their use' is a noun
        for i, w in enumerate(words)
    )


def _same_extreme(question: str, piece: str) -> bool:
    """Whether a sentence says the extreme the question asks of: 'the least' for 'the lowest'."""
    asked, said = (set(re.findall(r"[a-z]+", AT_LEAST.sub(" ", text.lower()))) for text in (question, piece))
    return any(asked & extreme and said & extreme for extreme in EXTREMES)


def _planned(asked: Asked, piece: str) -> bool:
    """Whether a sentence says what is to come before any finding: 'the inquiry will
    propose recommendations', not 'the review concluded that Drive will be extended'."""
    future = FUTURE.search(piece)
    if future is None:
        return False
    found = next((m for m in re.finditer(r"[\w'’-]+", piece) if m.group().lower() in asked.verb_forms), None)
    return found is None or future.start() < found.start()


def _value_here(asked: Asked, piece: str, context: set[str], row_event: bool = False) -> bool:
    """A value of the asked kind in `piece`, beside what is asked about: a count straight
    before its noun with no other figure between ('125 referrals'), not after a label
    ('Minute 304'); an amount or share in a sentence (with the one before it, `context`)
    that says something asked about beyond the topic and names the topic or most of what
    is asked; a date in a sentence saying something asked about, naming the topic (with
    the one before it), and not just after a negation."""
    if LIST_NUMBER.fullmatch(piece.strip()):
        return False  # a paragraph's number ('15.') standing alone
    known = asked.topic | asked.about | set(asked.counted)  # words the question says
    for value in HAS_KIND[asked.kind].finditer(piece):  # type: ignore[index]
        if figures(value.group()) & asked.figures:
            continue  # the question's own figure ('999 calls', 'the three recommendations')
        if asked.kind == "date" and NEGATED.search(piece[: value.start()]):
            continue  # 'Saab are unable to resource a 2019 go-live' says when it will not happen
        if asked.kind == "date" and TITLE_YEAR.match(piece[value.start() - 1 : value.end() + 1]):
            continue  # 'the National Framework for … Support Services (2021)': a title's year
        if asked.kind == "count" and asked.counted:
            if LABELLED.search(piece[: value.start()]):
                continue  # 'Minute 304', 'Appendix 2': a label, not a count
            before, after = piece[: value.start()].split(), piece[value.end() :].split()
            if not counts(asked.counted, before, after, asked.counted_names, known):
                continue
            return _qualifiers_said(asked, piece, context)
        if asked.kind in ("date", "frequency"):
            # A date or how often is an event's: its own sentence says something asked about
            # ('will meet for the first time', 'meets quarterly'; not 'Quarterly assurance
            # reports' after a line on the board), and it or the one before names the topic, which
            # no two things asked about stand in for ('the Safer Roads Partnership
            # Governance Board will meet' is no meeting of the Victims' Board).
            event_words = context if row_event else set(terms(piece))  # a row: its heading too
            event = not asked.about or same_things(asked.about) & same_things(event_words)
            # A row's cells put many words side by side: the row's own name (its first cell)
            # names the topic, a name of words in a run ('Victim Contract Management Board'
            # is no meeting of the Victims' Board; a group whose purpose mentions the Police
            # Federation is no meeting of it).
            row_name = _row_name(asked, piece) if row_event else ""
            named = _names_topic(asked, context) and (
                not row_event
                or (_names_topic(asked, set(terms(row_name))) and _names_in_a_run(asked, row_name))
            )
            if event and named:
                return True
            continue
        if asked.kind in CONTACT_KINDS:
            return _names_topic(asked, set(terms(piece)))  # on the line of whose it is
        said_about = same_things(asked.about) & same_things(context)
        if (not asked.about or said_about) and (
            _names_topic(asked, context) or len(said_about) >= min(2, len(asked.about))
        ):
            return True
    return False
