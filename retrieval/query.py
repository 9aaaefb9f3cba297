"""Query understanding: commitment refs, dates and time intent in a question."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches

from panelqa.errors import BadQuery
from panelqa.text import MONTH_NAME, Period, month_end, month_number, normalise_ref, parse_period, strip_html

MAX_QUERY_CHARS = 2000
MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTH_NAME})\s+(?P<y>(?:19|20)\d{{2}})\b(?![/-])", re.I)

REF_IN_QUERY = re.compile(
    r"(?<![\w.£$])\(?((?:[A-DА-ГΑ-Δ]\.?\d{1,2}(?:\.\d{1,2}){0,2})|(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?))\)?"
    r"(?![\w%]|\.\d|\s*(?:%|per ?cent|million|m\b|k\b|bn\b|mins?\b|minutes|seconds|hours))",
    re.I,
)
# Only "in 2019", "during 2019" or the year's end ("late 2015", "at the end of 2015")
# restricts: a year inside a phrase ("the 2019 go-live", "between October 2018 and …")
# names a topic, not a window. Its start is not: "early 2016" is often the papers of late
# 2015 as they reached the panel.
IN_YEAR = re.compile(
    r"(?:\b(?:in|during|throughout)\s+(?:late[\s-]+)?|\blate[\s-]+|\b(?:the\s+)?end\s+of\s+)(20\d{2})\b(?!\s*[/-])",
    re.I,
)
# The year's end as a bound ("since late 2015", "by the end of 2020") is no window of that year.
BOUND_BEFORE = re.compile(r"\b(?:since|after|from|by|before|until|up to|between|to)\s+(?:the\s+)?$", re.I)
QUARTER = re.compile(r"\bQ([1-4])\s*(?:of\s*)?(20\d{2})(?:\s*[/-]\s*\d{2,4})?\b", re.I)
SINCE = re.compile(r"\b(?:since|after|from)\s+(20\d{2})\b", re.I)
UNTIL = re.compile(r"\b(?:before|until|up to|by)\s+(20\d{2})\b", re.I)
# 'the last quarter of 2015' is a quarter named, not the latest.
LATEST = re.compile(
    r"\b(latest|most recent|last quarter(?!\s+(?:of|in)\s+(?:19|20)\d\d)|current(?:ly)?|now|newest|"
    r"up to date)\b",
    re.I,
)
ARTICLES = frozenset("the a an".split())  # a title's first word, no part of a name ('The PCC's')
OVER_TIME = re.compile(
    # 'What happened to …' asks for a story; 'what share of crime happened in …' does not.
    r"\b(over time|changed?|changes|what(?:['’]s|ever|\s+has|\s+had)?\s+happened|history|progress\w*|trend|"
    r"timeline|evolv\w*|each quarter|every quarter|across|since|still|latest|status|update[sd]?|developed|"
    r"developments?|moved|over the (?:years|quarters|period)|became|become|unfold\w*|"
    r"gone from|so far|"
    r"(?:from|between) (?:19|20)\d\d\s*(?:through(?: to)?|to|until|till|and|[-–])\s*(?:19|20)\d\d)\b",
    re.I,
)
WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    refs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def merged(self, other: Filters) -> Filters:
        """These filters, with `other`'s set fields taking precedence."""
        return Filters(
            since=other.since or self.since,
            until=other.until or self.until,
            refs=other.refs or self.refs,
            kinds=other.kinds or self.kinds,
            sources=other.sources or self.sources,
        )


@dataclass(frozen=True)
class QueryPlan:
    text: str
    refs: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    latest: bool = False
    timeline: bool = False
    # The months a question asks of ('the November 2019 meeting', 'in Oct-Dec 2015'):
    # the papers reporting on them rank a little higher (no filter: later papers may say).
    asks_of: Period | None = None


def printable(text: str) -> str:
    """NFKC text without control or format characters (terminal escapes, bidi overrides)
    and without lone surrogates, which the tokenizer cannot encode."""
    text = unicodedata.normalize("NFKC", text.encode("utf-8", "replace").decode("utf-8"))
    return "".join(
        " " if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n" else c
        for c in text
        if unicodedata.category(c) != "Cf"
    )


# A chat's shorthand, in lower case only: the papers' 'PPL' is a company.
SHORTHAND = {
    "ppl": "people",
    "yr": "year",
    "yrs": "years",
    "mths": "months",
    "wks": "weeks",
    "approx": "approximately",
}
SHORTHAND_WORD = re.compile(rf"\b(?:{'|'.join(SHORTHAND)})\b")


def clean_question(text: str) -> str:
    """The question as a reader sees it: tags removed, entities decoded ('&amp;' -> '&'),
    runs of white space made one space, a chat's shorthand written out ('ppl'). A question
    pasted from a web page or an e-mail must read the same as the typed one."""
    # A phone's apostrophe reads as the keyboard's ('what’s' is 'what's').
    text = re.sub(r"\s+", " ", strip_html(text)).strip().replace("’", "'")
    return SHORTHAND_WORD.sub(lambda m: SHORTHAND[m.group()], text)


# How alike (difflib ratio) a word no paper uses and a word of the passages must be to be
# taken for a typo of it: 'hapened' / 'happened' 0.93, 'scooters' / 'shooters' 0.875.
SPELLING_CUTOFF = 0.88
WORD_AS_WRITTEN = re.compile(r"[A-Za-z][\w'’&-]*")
# A word inside a sentence: after a lower-case word, a figure or a comma.
MID_SENTENCE = re.compile(r"(?<=[a-z0-9,;] )[A-Za-z][\w'’&-]*")
# A name of several words as written: 'Integrated Offender Management', 'Best Use of Stop
# and Search Scheme' (small words inside it lower case).
NAME_AS_WRITTEN = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:(?:of|and|for|the|my|on|in|to)\s+)*[A-Z][\w'’&-]*)+")


def respelled(question: str, texts: Sequence[str], unknown: Callable[[str], bool]) -> str:
    """The question with each word no paper uses (`unknown`) of five letters or more
    replaced by the closest word `texts` (the passages found) use, when one is close
    ('hapened' -> 'happened', 'comissioner' -> 'commissioner'): a typo must not read as a
    name the papers never say."""
    typos = {w for w in WORD_AS_WRITTEN.findall(question) if len(w) >= 5 and unknown(w)}
    if not typos:
        return question
    seen = {w.lower() for text in texts for w in WORD_AS_WRITTEN.findall(text) if len(w) > 3}

    def closest(match: re.Match[str]) -> str:
        word = match.group()
        near = get_close_matches(word.lower(), seen, n=1, cutoff=SPELLING_CUTOFF) if word in typos else []
        return near[0] if near else word

    return WORD_AS_WRITTEN.sub(closest, question)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence: the text's start, or after '.', '!',
    '?', ':' or a bullet (a few characters back, spaces skipped)."""
    before = text[max(0, start - 8) : start].rstrip()
    return not before or before[-1] in ".!?:•"


def truecased(question: str, texts: Sequence[str]) -> str:
    """A question typed in lower case, written as `texts` (the passages found) write it:
    first the names of several words they spell in capitals ('integrated offender
    management' -> 'Integrated Offender Management'), then each other word as they mostly
    write it inside a sentence ('west' -> 'West', 'icv' -> 'ICV'). The reading of names and
    topics goes by capitals. A question with a capital after its first word is left as
    typed."""
    if any(ch.isupper() for word in question.split()[1:] for ch in word):
        return question
    names: dict[str, str] = {}
    words: dict[str, Counter[str]] = {}
    for text in texts:
        for match in NAME_AS_WRITTEN.finditer(text):
            name = match.group().split()
            if _opens_sentence(text, match.start()) or name[0].lower() in ARTICLES:
                # A sentence's first word is capitalised anyway ('Overall West Mercia'), and a
                # title's small one ('The PCC's') is no part of the name.
                name = name[1:]
            if len(name) > 1:
                names.setdefault(" ".join(name).lower(), " ".join(name))
        for match in MID_SENTENCE.finditer(text):
            words.setdefault(match.group().lower(), Counter())[match.group()] += 1
    for lowered in sorted((n for n in names if n in question.lower()), key=len, reverse=True):
        question = re.sub(rf"(?<![\w'’-]){re.escape(lowered)}(?![\w'’-])", names[lowered], question)

    def as_written(match: re.Match[str]) -> str:
        word, possessive = re.match(r"(.+?)((?:['’]s)?)$", match.group()).groups()  # type: ignore[union-attr]
        seen = words.get(word.lower())
        if word != word.lower() or not seen:
            return match.group()  # cased by a name above, or never seen inside a sentence
        form, count = seen.most_common(1)[0]
        # Written so at least twice, and three times as often as in lower case.
        cased = form[0].isupper() and count >= 2 and count >= 3 * seen[word.lower()]
        return (form if cased else word) + possessive

    return WORD_AS_WRITTEN.sub(as_written, question)


def check_query(text: str) -> str:
    """The question, cleaned; BadQuery naming what is wrong with it otherwise."""
    if text is None or not text.strip():
        raise BadQuery("The question is empty: type what you want to know.")
    text = clean_question(printable(text))
    if not text:
        raise BadQuery("The question is only markup (tags such as <b>): type it as words.")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"The question is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}.")
    if not WORD.search(text):
        raise BadQuery("The question has no words in it, only punctuation or symbols.")
    return text


def financial_quarter(number: int, year: int) -> tuple[date, date]:
    """UK public bodies count quarters from April: Q1 2021 is April–June 2021."""
    start_month = 3 * number + 1
    if start_month > 12:
        start_month -= 12
        year += 1
    return date(year, start_month, 1), month_end(year, start_month + 2)


def parse_query(text: str) -> QueryPlan:
    text = check_query(text)
    refs = tuple(dict.fromkeys(r for m in REF_IN_QUERY.finditer(text) if (r := normalise_ref(m.group(1)))))
    since = until = None
    if quarter := QUARTER.search(text):
        # A quarter's figures reach the panel in the next quarter's report ('the latest
        # available (Q1)' in the Jul–Sep paper), so the window runs to that report's end.
        number, year = int(quarter.group(1)), int(quarter.group(2))
        since, _ = financial_quarter(number, year)
        _, until = financial_quarter(number % 4 + 1, year + (number == 4))
    elif found := SINCE.search(text):
        since = date(int(found.group(1)), 1, 1)
    elif found := UNTIL.search(text):
        until = date(int(found.group(1)) - 1, 12, 31)
    elif found := next(
        (m for m in IN_YEAR.finditer(text) if not BOUND_BEFORE.search(text[: m.start()])), None
    ):
        since, until = date(int(found.group(1)), 1, 1), date(int(found.group(1)), 12, 31)
    latest = bool(LATEST.search(text))
    return QueryPlan(
        text=text,
        refs=refs,
        filters=Filters(since=since, until=until),
        latest=latest,
        timeline=bool(refs) or latest or bool(OVER_TIME.search(text)),
        asks_of=parse_period(text) or month_asked(text),
    )


def month_asked(text: str) -> Period | None:
    """The first month a question names with its year ('November 2019', 'sept 2019')."""
    found = MONTH_YEAR.search(text)
    if not found:
        return None
    year, month = int(found["y"]), month_number(found["m"])
    return Period(date(year, month, 1), month_end(year, month))
