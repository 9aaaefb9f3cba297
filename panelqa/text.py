"""Text helpers every layer shares: look-alike folding, commitment refs, dates and
reporting periods as papers write them, and the BM25 terms of a text.

Periods: "(JULY - SEPTEMBER 2018)", "Quarter 2 update July to Sept 2021",
"covers the time period 1 October – 31 December 2016", "5 February 2020".
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import Stemmer

# Cyrillic and Greek capitals (and a few lower-case forms) that render like Latin ones;
# PDF extraction puts them inside commitment refs ("А3" is Cyrillic A + 3).
LOOKALIKES = str.maketrans(
    {
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "К": "K",
        "М": "M",
        "О": "O",
        "Р": "P",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "а": "a",
        "с": "c",
        "е": "e",
        "о": "o",
        "р": "p",
        "х": "x",
        "у": "y",
        "і": "i",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
    }
)

_BLOCK_TAG = re.compile(r"</?(?:p|div|br|tr|table|ul|ol|h[1-6])\b[^>]*>", re.I)
_LI_TAG = re.compile(r"<li\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")


def strip_html(text: str) -> str:
    """Drop tags, keeping list items as '• ' lines and paragraphs as line breaks."""
    for _ in range(3):  # entities can hide tags ("&lt;p&gt;"); unescape until stable
        text = html.unescape(text)
    text = _LI_TAG.sub("\n• ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return text


def fold_lookalikes(text: str) -> str:
    return text.translate(LOOKALIKES)


_REF_SHAPE = re.compile(r"^(?:[A-Z]\.?\d+(?:\.\d+)*|\d+(?:\.\d+)+|[A-Z]\d*)$")


def normalise_ref(raw: str) -> str | None:
    """'(А4.6)' -> 'A4.6', 'A.3' -> 'A3', ' 3.2.6 ' -> '3.2.6'; None if not a ref.

    The result has only Latin capitals, digits and dots.
    """
    text = fold_lookalikes(unicodedata.normalize("NFKC", strip_html(raw)))
    text = re.sub(r"[\s()\[\]*:]", "", text).upper().rstrip(".")
    text = re.sub(r"^([A-Z])\.(\d)", r"\1\2", text)
    if not text or len(text) > 12 or not _REF_SHAPE.match(text) or text.isalpha():
        return None
    return text


def ref_order(ref: str) -> tuple:
    """Sort key putting refs in the order a plan prints them: 'D8' after 'D7', 'D10' after 'D9'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[A-Z]+", ref))


MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, order=True)
class Period:
    """The span a paper reports on; an update is stated 'as at' this period."""

    start: date
    end: date

    @property
    def label(self) -> str:
        first, last = MONTH_ABBR[self.start.month - 1], MONTH_ABBR[self.end.month - 1]
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return f"{first} {self.end.year}"
        if self.start.year == self.end.year:
            return f"{first}–{last} {self.end.year}"
        return f"{first} {self.start.year}–{last} {self.end.year}"

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}

    @classmethod
    def from_dict(cls, data: dict | None) -> Period | None:
        if not data:
            return None
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]))


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|until)\s*"

DAY_RANGE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_NAME})(?:\s+(?P<y1>\d{{4}}))?{_DASH}"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_NAME})\s+(?P<y2>\d{{4}})",
    re.I,
)
MONTH_RANGE = re.compile(
    rf"\b(?P<m1>{MONTH_NAME})(?:\s+(?P<y1>\d{{4}}))?{_DASH}(?P<m2>{MONTH_NAME})\s+(?P<y2>\d{{4}})",
    re.I,
)
DAY_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH_NAME})\s*,?\s+(?P<y>(?:19|20)\d{{2}})\b",
    re.I,
)


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(m1: str, y1: str | None, m2: str, y2: str) -> Period | None:
    start_m, end_m, end_y = month_number(m1), month_number(m2), int(y2)
    start_y = int(y1) if y1 else (end_y if start_m <= end_m else end_y - 1)
    start, end = date(start_y, start_m, 1), month_end(end_y, end_m)
    if start > end or (end - start).days > 370:
        return None
    return Period(start, end)


def parse_period(text: str) -> Period | None:
    """The first reporting period written in the text, or None."""
    text = " ".join(text.split())
    candidates = []
    for pattern in (DAY_RANGE, MONTH_RANGE):
        for match in pattern.finditer(text):
            found = _period(match["m1"], match["y1"], match["m2"], match["y2"])
            if found:
                candidates.append((match.start(), found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def parse_date(text: str) -> date | None:
    """The first full date ('18 June 2019', 'Tuesday, 10 September 2019') in the text."""
    for match in DAY_DATE.finditer(" ".join(text.split())):
        try:
            return date(int(match["y"]), month_number(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def quarter_of(day: date) -> Period:
    first = 3 * ((day.month - 1) // 3) + 1
    return Period(date(day.year, first, 1), month_end(day.year, first + 2))


def reconcile(period: Period | None, meeting: date | None) -> tuple[Period | None, str | None]:
    """A paper cannot report on a period that ends after its meeting. When the title names
    the wrong year (a known slip), shift the period back a year and say so."""
    if period is None or meeting is None or period.end <= meeting:
        return period, None
    shifted = Period(
        period.start.replace(year=period.start.year - 1), month_end(period.end.year - 1, period.end.month)
    )
    if shifted.end <= meeting:
        return shifted, (
            f"period {period.label} ends after the meeting of {meeting.isoformat()}; "
            f"assumed {shifted.label} (the title probably names the wrong year)"
        )
    return period, f"period {period.label} ends after the meeting of {meeting.isoformat()}"


# Commitment refs ('3.4', 'a4.6') stay whole tokens, so a ref in a question matches it.
TOKEN = re.compile(r"[a-z]+\d+(?:\.\d+)*|\d+(?:\.\d+)*|[a-z]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves s t what's whats""".split()
    # Words that ask rather than name a topic: "what happened to …", "has the panel
    # discussed … before?", "was … ever raised?".
) | frozenset(
    """happen happened happening changed tell say said mention mentioned anything
    discuss discussed discussing raise raised ever previously""".split()
)


# Where one sentence ends and the next begins in a passage's text.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9•(\"'])")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Lower-cased, look-alike-folded, stop-worded, stemmed tokens (a fresh list)."""
    return list(_terms(text))


@lru_cache(maxsize=4096)
def _terms(text: str) -> tuple[str, ...]:
    # Cached: answering one question asks for the terms of the question (and of its
    # passages) many times over, from the engine, the judge and the answer.
    words = TOKEN.findall(fold_lookalikes(text).lower().replace("’", "'"))
    # A stop word's contraction is one too: "when's", "it's", "there's".
    kept = [w for w in words if w not in STOPWORDS and w.removesuffix("'s") not in STOPWORDS]
    return tuple(_stemmer().stemWords(kept))


HYPHENATED = re.compile(r"\b([a-z]+)-([a-z]+)\b", re.I)


def passage_terms(text: str) -> list[str]:
    """A passage's terms, with each hyphenated word's joined spelling besides its parts:
    'on-going' is found by 'ongoing', 'e-mail' by 'email'. Questions keep to `terms`, so a
    question's 'Oct-Dec' asks for no 'octdec'."""
    joined = " ".join(m.group(1) + m.group(2) for m in HYPHENATED.finditer(text))
    return terms(text) + terms(joined)


# An acronym as the papers write one ('RDIL', 'OCGs'): three to six capitals.
ACRONYM = re.compile(r"\b[A-Z]{3,6}(?=s?\b)")


def spelled_by_initials(question: str, text: str) -> frozenset[str]:
    """The question's terms that an acronym of `text` stands for: 'rest days in lieu' is
    said by 'RDIL', 'organised crime groups' by 'OCGs', 'anti-social behaviour' by 'ASB'.
    A small word gives its letter or none ('RDIL' has the 'in', 'OCG' no 'of')."""
    words = _initial_words(question)
    return frozenset(
        t
        for a in _acronyms(text)
        for start in range(len(words))
        for t in terms(" ".join(_spelling(a, words, start)))
    )


def acronyms_spelled_out(question: str, text: str) -> frozenset[str]:
    """The question's acronyms that `text` spells out in capitalised words: 'NPAS' by 'the
    National Police Air Service Strategic Board' (not by 'new police are saying')."""
    words = _initial_words(text)
    return frozenset(
        t
        for acronym in _acronyms(question)
        if any(_capitalised(_spelling(acronym, words, start)) for start in range(len(words)))
        for t in terms(acronym)
    )


def _acronyms(text: str) -> set[str]:
    # A heading in capitals is no acronym of its small words ('POLICE AND CRIME PANEL').
    return {m.group().lower() for m in ACRONYM.finditer(text)} - STOPWORDS


def _initial_words(text: str) -> list[str]:
    # 'anti-social' gives two letters; an acronym gives one ('VAL' spells no 'VAL').
    return re.findall(r"[A-Z]{2,}(?![a-z])|[A-Za-z][a-z'’]*", text)


def _capitalised(words: list[str]) -> bool:
    """Words spelling an acronym as a name: each that gives a letter capitalised."""
    return bool(words) and all(w[0].isupper() for w in words if w.lower() not in STOPWORDS)


def _spelling(acronym: str, words: list[str], start: int) -> list[str]:
    """The words from `start` on whose initials spell `acronym`, small words skipped
    when their letter is not the next; [] when they do not."""
    used: list[str] = []
    for word in words[start : start + 3 * len(acronym)]:  # two small words a letter, at most
        if len(used) == len(acronym):
            break
        if word[0].lower() == acronym[len(used)]:
            used.append(word)
        elif word.lower() not in STOPWORDS or not used:
            return []
    return used if len(used) == len(acronym) else []


# A year ('2019', '2019-20' by its first), a financial year ('18/19'), or a short month
# and year as tables write them after a range or a day ('Oct - Dec 18', '25 Dec 18'; not
# 'Jan 15', a day).
YEAR = re.compile(
    r"\b((?:19|20)\d{2})(?:\s*[-/–]\s*(?:20)?\d{2})?\b|(?<![/\d])\b(\d{2})/(\d{2})\b(?!/)|"
    r"(?:(?<=[-–]\s)|(?<=[-–])|(?<=\d\s))(?i:"
    + "|".join(m for m in MONTHS if len(m) <= 4)
    + r")\.?\s+(\d{2})\b(?![/:.,]?\d)"
)


# Months and quarters: 'between October and December 2018', 'oct-dec', 'in Q2', 'that
# quarter'. Not 'mar', which is also 'Mars' stemmed.
PERIOD_TERMS = frozenset(terms(" ".join(m for m in MONTHS if m != "mar") + " quarter quarters")) | {
    f"q{n}" for n in range(1, 5)
}


def date_terms(text: str) -> frozenset[str]:
    """The terms by which a text names a time ('between October and December 2018', 'Q2
    2021/22'): bounds in time, no part of a topic or of what is asked about."""
    said = set(terms(text))
    return frozenset(said & PERIOD_TERMS) | frozenset(terms(" ".join(m.group() for m in YEAR.finditer(text))))


def years_named(text: str) -> frozenset[int]:
    """The years a text names; a financial year ('2019-20', '18/19') by its first, so that
    '2018-19' is not '2019-20'."""
    years = set()
    for match in YEAR.finditer(text):
        if match.group(1):
            years.add(int(match.group(1)))
        elif match.group(4):
            years.add(2000 + int(match.group(4)))
        elif int(match.group(3)) == int(match.group(2)) + 1:
            years.add(2000 + int(match.group(2)))
    return frozenset(years)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 meeting', '4 meetings', '2 passages': a count with its noun in the right number."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
