"""When a sentence gives its figure for: the quarter, months and years it names, against
those a question asks about ('in Q1', 'in December 2015', 'in 2019-20')."""

from __future__ import annotations

import re

from panelqa.text import MONTHS as MONTH_NUMBERS
from panelqa.text import years_named
from retrieval.kinds import MONTHS

# 'this quarter' is the passage's own time.
RELATIVE_TIME = re.compile(r"\b(?:this|last|next) (?:quarter|year|month)\b|\bcurrently\b|\bto date\b", re.I)

QUARTER_NAMED = re.compile(r"\bQ([1-4])\b", re.I)


def other_quarter(question: str, said: str) -> bool:
    """Whether a sentence gives its figure for a quarter the question does not name."""
    asked = set(QUARTER_NAMED.findall(question))
    given = set(QUARTER_NAMED.findall(said))
    return bool(asked and given) and not asked & given


# A month as the papers write it, capitalised ('may' is a verb): 'December', 'Oct'.
MONTH_WORD = re.compile(rf"\b(?:{'|'.join(m.capitalize() for m in MONTHS.split('|'))})\b")


OPEN_MONTH = re.compile(
    r"\b(?i:since|by|until|up to)\s+(?i:the\s+)?(?:\d+\w*\s+|(?i:mid)-?|(?i:end of|start of)\s+)?"
    rf"(?:{MONTH_WORD.pattern})"
)


def other_months(question: str, said: str) -> bool:
    """Whether a sentence gives its figure for months the question does not name ('64
    collisions (October & November only)' for 'in December')."""
    if OPEN_MONTH.search(question) or OPEN_MONTH.search(said):
        return False  # 'since April 2019', 'by mid-August': a total to date, not a month's
    asked, given = months_spanned(question), months_spanned(said)
    return bool(asked and given) and not asked & given


# A question asking for a whole year ('over the whole of 2019', 'the full year') is not
# answered by a quarter's or a month's figure ('5 road deaths occurred in December').
WHOLE_YEAR = re.compile(r"\b(?:whole|full|entire)(?: of)?(?: the)?(?: financial)? (?:year|20\d\d)\b", re.I)
PART_OF_YEAR = re.compile(r"\b(?:quarter|qtr|q[1-4])\b", re.I)


def part_of_a_year_asked_whole(question: str, said: str) -> bool:
    """Whether the question asks for a whole year and the sentence gives a quarter's or
    some months' figure, not a total to date ('since April 2019')."""
    if not WHOLE_YEAR.search(question) or OPEN_MONTH.search(said):
        return False
    return bool(PART_OF_YEAR.search(said)) or 0 < len(months_spanned(said)) < 12


def months_spanned(text: str) -> set[int]:
    """The months a text names, from the first to the last ('Oct - Dec' is 10, 11, 12;
    'April 2019 to March 2020' runs over the new year)."""
    named = [MONTH_NUMBERS[m.lower()] for m in MONTH_WORD.findall(text)]
    if not named:
        return set()
    first, last = named[0], named[-1]
    return {(first - 1 + n) % 12 + 1 for n in range((last - first) % 12 + 1)}


def in_asked_years(years: frozenset[int], said: str, before: str, passage_years: frozenset[int]) -> bool:
    """Whether a sentence speaks for a year the question names: by the years it names, or
    if none the sentence `before` it ('331 applications Oct - Dec 18. 4.8% were BME.'), or
    its passage's; a passage with no date is given the benefit of the doubt."""
    # 'this quarter' is the passage's own time, whatever the sentence before names.
    borrowed = years_named(before) if not RELATIVE_TIME.search(said) else frozenset()
    speaks_for = years_named(said) or borrowed or passage_years
    return not speaks_for or bool(years & speaks_for)
