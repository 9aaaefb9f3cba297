"""Follow-up questions read against the conversation: 'when did they close it?' after
'what happened to Track my Crime?' is read as 'when did they close Track my Crime?'.

Two shapes count as follow-ups, and only when there is history: a question with a
pronoun standing for a thing ('it', 'them', 'this'), and an elliptical one ('and 101
calls?', 'what about Drive?') that swaps the topic of the previous question. Any other
question stands alone and is left exactly as asked.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from typing import NamedTuple

from panelqa.text import STOPWORDS, date_terms, terms
from retrieval.asked import COMPARATIVES, counted_phrase
from retrieval.judge import NAME_JOINERS, named_things
from retrieval.kinds import asked_kind, first_ask

WORD = re.compile(r"[\w'’.£%-]*\w|[\w£%]")
# Pronouns that stand for the thing asked about. 'they' and 'their' usually stand for
# people ('when did they close it?'), so they are replaced only when nothing else is.
THING_PRONOUNS = {"it": "", "its": "'s", "this": "", "that": "", "these": "", "those": "", "them": ""}
PEOPLE_PRONOUNS = {"they": "", "their": "'s", "he": "", "she": "", "him": "", "her": "'s"}
DEMONSTRATIVES = {"this", "that", "these", "those"}  # pronouns only when no noun follows
# Verbs that follow a demonstrative pronoun ('how does that compare', 'will that cover').
AFTER_PRONOUN = frozenset(
    """compare compares cover covers cost costs mean means include
    includes work works affect affects involve involves show shows happen happened change
    changed help helps go went leave leaves apply applies relate relates""".split()
)
# Nouns after a determiner that are verbs after an auxiliary: 'why does that matter' but
# 'on that matter'.
AFTER_AUXILIARY = frozenset("matter count".split())
AUXILIARY_BEFORE = frozenset("do does did will would could should can might may".split())
# Phrases whose pronoun stands for nothing asked before.
IDIOM = re.compile(r"\s*,?\s*\b(?:for that matter|that is to say)\b\s*,?", re.I)
# Longest first: 'and what about 101 calls?' is an ellipsis, not 'and' + a new question.
ELLIPSIS = re.compile(r"^\s*(?:and what about|what about|how about|same for|and|also)\b[\s,]*", re.I)
# Words that frame a question rather than name its topic.
FRAME = STOPWORDS | frozenset(
    """change changes progress progressed developed develop
    development developments status latest update updates updated history timeline time
    over know give given find out say said current currently now still many much within approach
    across since per via among towards upon done years papers happens show shows showed shown
    ahead according rise rises rose risen fall falls fell fallen increase increased decrease
    decreased drop dropped grow grew grown go goes went gone carry carried previous
    year month months week weeks day days proportion percentage share number onto
    get gets got getting take takes took taken roughly approximately around exactly actually really
    quickly come comes came coming going also""".split()
)
PHRASE_JOINERS = frozenset("and of".split())
# Words that say which span of time ('on a normal month', 'in a typical week'), no topic.
SPAN_WORDS = frozenset("normal typical average usual given busy quiet".split())
TIME_SPANS = frozenset("week month quarter year".split())
# A topic read from a question may run over 'in' and 'on' too ('Operation Vulture in
# South Shropshire').
TOPIC_JOINERS = NAME_JOINERS | {"in", "on"}
# A superlative with nothing after it leaves its noun to the conversation: 'which area had
# the lowest?' (the lowest of what the earlier question asked).
UNFINISHED = re.compile(
    r"\bthe (?:lowest|highest|most|least|best|worst|biggest|smallest|largest|fewest)\s*\??\s*$", re.I
)
ACTORS = frozenset("pcc commissioner panel force police members member chief constable".split())
OWN_CLAUSE = re.compile(
    r"\b(?:what|when|who|how|why|where|which|do|does|did|is|are|was|were|has|have|will)\b", re.I
)
SAME_TIME = re.compile(
    r"\s*\b(?:over|in|for|during|across)\s+the\s+same\s+(?:(?:\d+|[a-z]+)\s+)?"
    r"(?:months?|period|quarter|year|time|weeks?|days?)\b"
    # 'the same quarter last year' is another time
    r"(?!\s+(?:last|previous|before|earlier|a year|of 20\d\d|in 20\d\d))",
    re.I,
)
# Plural pronouns after a share of them ('how many of those', 'what share of them') stand
# for what the earlier question counted.
PLURAL = frozenset("those these them".split())
PARTITIVE = re.compile(
    r"\b(?:how many|which|any|some|all|none|most|each|one|two|three|share|proportion|percentage)\s+of\s+$",
    re.I,
)
# A month and year, a month, a quarter, a year or a financial year, alone.
# Any case but 'may', which is a month only as 'May'.
MONTH_NAMED = rf"\b(?:(?i:{'|'.join(m for m in calendar.month_name[1:] if m != 'May')})|May)\b"
TIME_SORTS = (
    # with its day: 'and february 2020?' after 'the 27 November 2019 meeting' is no 27 February
    re.compile(rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH_NAMED}\s+(?:19|20)\d\d\b"),
    re.compile(MONTH_NAMED),
    re.compile(r"\b(?:Q[1-4]|quarter [1-4])\b", re.I),
    re.compile(r"\b(?:19|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?\b"),
)
TIME_PHRASE = re.compile(r"(?:in|during|since|before|after|until|by|for|from)\b", re.I)
# 'and in March?' asks of March as 'and March?' does; 'and since 2019?' asks of a span.
AT_TIME = re.compile(r"^(?:in|during|for)\s+", re.I)


# 'in Herefordshire', 'across North Worcestershire', 'for Telford & Wrekin': where a
# question asks of, a capitalised name after its preposition.
AT_PLACE = re.compile(
    r"\b(?:in|for|at|across)\s+(?P<the>the\s+)?([A-Z][\w'’-]*(?:\s+(?:&\s+|and\s+)?[A-Z][\w'’-]*)*)"
)
# Times a capitalised word may name, besides months and quarters (panelqa.text.date_terms).
SEASONS = frozenset("spring summer autumn winter christmas easter".split())


# Where every paper speaks of: the force area is no topic to carry (nor is a date, a
# question's date_terms).
SETTING = re.compile(r"^(?:west|mercia)$", re.I)


def _is_frame(word: str) -> bool:
    return word.lower().strip("'’") in FRAME or not terms(word) and not word[0].isupper()


def topic_of(question: str) -> str:
    """The phrase a question is about: its longest run of topic words, where a small word
    between two capitalised ones belongs to the name ('Track my Crime')."""
    words = WORD.findall(question)
    dates = date_terms(question)  # '2014/15' is when, not what: its '15' is no topic
    # A comparison closing a phrase frames it ('worse than usual'); one before a noun names
    # it ('the better care fund').
    keep = [
        not _is_frame(w)
        and not (w.lower() in COMPARATIVES and (i + 1 == len(words) or words[i + 1].lower() in STOPWORDS))
        # A word before a span of time says which span ('on a normal month', 'a typical week').
        and not (w.lower() in SPAN_WORDS and i + 1 < len(words) and words[i + 1].lower() in TIME_SPANS)
        for i, w in enumerate(words)
    ]
    for i in range(1, len(words)):
        between_names = (
            i > 1 and i + 1 < len(words) and words[i - 1][0].isupper() and words[i + 1][0].isupper()
        )
        # 'We Don't Buy Crime', 'Track my Crime'; 'I' names nothing ('who should I contact').
        if (words[i][0].isupper() and words[i] != "I") or between_names:
            keep[i] = True
    keep = [
        kept and not SETTING.match(_plain(word)) and not (terms(word) and set(terms(word)) <= dates)
        for kept, word in zip(keep, words, strict=True)
    ]
    # 'and' or 'of' after one naming word and before a phrase is inside it: 'serious and
    # organised crime strategy', 'review of custody provision'; 'cyber crime and fraud' are
    # two topics.
    for i in range(1, len(words) - 2):
        one_before = keep[i - 1] and (i == 1 or not keep[i - 2])
        if words[i].lower() in PHRASE_JOINERS and one_before and keep[i + 1] and keep[i + 2]:
            keep[i] = True
    runs, current = [], []
    for word, kept in zip(words, keep, strict=True):
        if kept:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    runs = [run for run in runs if _names_something(run)]
    if not runs:
        return ""
    # The longest run; the actors every paper names ('the PCC') weigh half; of equal runs
    # the first, where the subject usually stands.
    best = max(runs, key=lambda run: sum(0.5 if _plain(w) in ACTORS else 1.0 for w in run))
    return " ".join(_longest_name(best) or best)


def _longest_name(run: list[str]) -> list[str]:
    """The longest capitalised name inside a run ('Home Office close Track my Crime' ->
    'Track my Crime'), small joining words allowed inside; [] when there is none."""
    names, current = [], []
    for word in run:
        if word[0].isupper() or word[0].isdigit() or (current and word in TOPIC_JOINERS):
            current.append(word)
        elif current:
            names.append(current)
            current = []
    names.append(current)
    names = [[*n[:-1]] if n and n[-1] in TOPIC_JOINERS else n for n in names]
    # Not 'PCC's' alone, nor only numbers.
    names = [n for n in names if any(_plain(w) not in ACTORS for w in n) and _names_something(n)]
    return max(reversed(names), key=len) if names else []


def _names_something(words: list[str]) -> bool:
    """Not only numbers ('the previous 12 months') nor words that are no terms ('IT',
    read as 'it')."""
    return any(not t.isdigit() for t in terms(" ".join(words)))


def name_of(topic: str) -> str:
    """The topic when it is a name of several words ('Track my Crime'), else ''."""
    words = topic.split()
    return topic if len(words) > 1 and words[0][0].isupper() and words[-1][0].isupper() else ""


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word).lower()


def _pronoun_spans(question: str) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of the pronouns to replace, things first, people if none."""
    found = {"thing": [], "people": []}
    matches = list(re.finditer(r"\b\w+\b", question))
    for position, match in enumerate(matches):
        word = match.group().lower()
        following = matches[position + 1].group().lower() if position + 1 < len(matches) else ""
        preceding = matches[position - 1].group().lower() if position else ""
        if (
            word in DEMONSTRATIVES
            and following
            and following not in STOPWORDS
            and following not in AFTER_PRONOUN
            and not (following in AFTER_AUXILIARY and preceding in AUXILIARY_BEFORE)
        ):
            continue  # 'this report', 'that plan': a determiner, not a pronoun
        if word in THING_PRONOUNS:
            found["thing"].append((match.start(), match.end(), THING_PRONOUNS[word]))
        elif word in PEOPLE_PRONOUNS:
            found["people"].append((match.start(), match.end(), PEOPLE_PRONOUNS[word]))
    return found["thing"] or found["people"]


def _swap_topic(previous: str, replacement: str, carried: str | None = None) -> str:
    """The previous question with its topic swapped: the run sharing a word with the
    replacement if there is one ('999 calls' for '101 calls'), else the topic it carried
    or its main topic."""
    wanted = set(terms(replacement))
    last = terms(replacement)[-1:]
    words = WORD.findall(previous)
    for start in range(len(words)):
        for end in range(len(words), start, -1):
            run = words[start:end]
            if all(not _is_frame(w) for w in run) and wanted & set(terms(" ".join(run))):
                return _replace_phrase(previous, " ".join(_up_to(run, last)), replacement)
    topic = carried or topic_of(previous)
    return _replace_phrase(previous, topic, replacement) if topic else f"{previous} {replacement}"


def _at_another_time(previous: str, time: str) -> str | None:
    """The earlier question asked of `time` in place of the time of the same sort it names:
    'and March?' after '… planned for February 2020?' is '… planned for March 2020?';
    None when `time` is not a month, quarter or year alone, or the earlier question names
    none of its sort."""
    for sort in TIME_SORTS:
        if sort.fullmatch(time) and (named := list(sort.finditer(previous))):
            last = named[-1]  # the question's time closes it ('the 2000 officers … in 2019')
            return previous[: last.start()] + time + previous[last.end() :]
    return None


def _in_another_place(previous: str, place: str, places: frozenset[str] = frozenset()) -> str | None:
    """The earlier question asked of `place` ('in Telford', or a place the papers name,
    in any case: 'herefordshire') in place of where it asked of: 'and in Telford?' after
    '… offences in Herefordshire oct-dec 2015?' is '… offences in Telford oct-dec 2015?'; a
    place the papers name is added to a question that asked of none. None when `place` is
    neither, or the earlier question asks of no place: a month, quarter or season is a
    time, and a name after 'the' a body or a paper ('for the Police and Crime Plan'), not
    where."""
    asked = AT_PLACE.fullmatch(place)
    name = asked.group(2) if asked else _place_named(place, places)
    if not name:
        return None
    spans = [
        m.span(2) for m in AT_PLACE.finditer(previous) if not m.group("the") and not _is_time(m.group(2))
    ]
    # Else a place the papers name may be the earlier question's subject ('did South
    # Worcestershire get'), not a word of a longer name ('West Mercia Police').
    spans = spans or [
        m.span()
        for m in PLACE_WORDS.finditer(previous)
        if m.group(2).lower() in places and not re.match(r"\s+[A-Z]", previous[m.end() :])
    ]
    if not spans:
        return f"{previous.rstrip().rstrip('?')} in {name}?" if not asked else None
    start, end = max(spans)
    return previous[:start] + name + previous[end:]


# What a follow-up naming only a place may say besides ('herefordshire same quarter?',
# "shropshire's figure for that?").
PLACE_FILLER = frozenset("same quarter period figure figures number numbers one".split())
COMPASS = frozenset("north south east west".split())
# Words that ask of somewhere else or of a time, not of the place they name.
NOT_THERE = frozenset("not excluding except outside without beyond during since before after until".split())
PLACE_WORDS = re.compile(rf"\b(?:({'|'.join(COMPASS)})\s+)?([A-Za-z]+)\b", re.I)


def _place_named(text: str, places: frozenset[str]) -> str | None:
    """The place `text` names and nothing else but filler, as the papers write it
    ('North Worcestershire' for 'north worcestershire'); None if it says more."""
    words = [re.sub(r"['’]s$", "", w) for w in WORD.findall(text)]
    if {w.lower() for w in words} & NOT_THERE:
        return None  # 'not telford?', 'and during covid?'
    said = [w for w in words if not _is_frame(w) and w.lower() not in PLACE_FILLER]
    if not said or said[-1].lower() not in places or len(said) > 2:
        return None
    if len(said) == 2 and said[0].lower() not in COMPASS:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in said)


def _asks_of_the_earlier(text: str) -> bool:
    """Whether `text` is a question read as asked of an earlier one ('when was that: …')."""
    head, colon, _ = text.partition(": ")
    return bool(colon) and all(_is_frame(w) for w in WORD.findall(head))


def _is_time(name: str) -> bool:
    return bool(date_terms(name)) or name.split()[0].lower() in SEASONS


def _up_to(run: list[str], last: list[str]) -> list[str]:
    """The run up to its word that is `last` (the replacement's last term), which the
    replacement stands for; the words after it stay: 'rural crime' for 'business crime
    offences' is 'rural crime offences'."""
    at = next((i for i in range(len(run) - 1, -1, -1) if terms(run[i]) == last), len(run) - 1)
    return run[: at + 1]


def _replace_phrase(text: str, phrase: str, replacement: str) -> str:
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.sub(pattern, lambda _: replacement, text, count=1)


class Understood(NamedTuple):
    """A question as understood: its words, the earlier question it was read against (None
    when it stands alone) and the earlier topic it carries when it has none of its own
    ('what's the forecast for the full year?' after a question on robberies)."""

    text: str
    previous: str | None = None
    carried: str | None = None


def read_one(question: str, previous: Understood, places: frozenset[str] = frozenset()) -> Understood:
    """`question` as understood after `previous` (itself already read); an idiom ('and for
    that matter, what about burglary?') is read without its words, which ask nothing.
    `places`: the places the papers name, lower-cased (vocabulary.PaperWords.places)."""
    plain = re.sub(r"\s+", " ", IDIOM.sub(" ", question)).strip()
    understood = _read_one(plain, previous.text, previous.carried, places)
    return Understood(question) if understood.text == plain else understood


def _read_one(question: str, previous: str, carried: str | None, places: frozenset[str]) -> Understood:
    # 'telford?', 'herefordshire same quarter?': the earlier question, asked there.
    if not OWN_CLAUSE.search(question) and (placed := _in_another_place(previous, question, places)):
        return Understood(placed, previous)
    if ellipsis := ELLIPSIS.match(question):
        after = question[ellipsis.end() :]
        # 'over the same three months' is the earlier question's time, which it keeps.
        rest = SAME_TIME.sub("", after).strip().rstrip("?").strip()
        if not rest and after.strip().rstrip("?").strip():
            return Understood(previous, previous)  # 'and over the same period?': as before
        # 'and in 2021?': the same question for another time; 'and 101 calls?' for another
        # thing. 'And by when do we …?' is a question of its own.
        if rest and not OWN_CLAUSE.search(rest):
            if retimed := _at_another_time(previous, AT_TIME.sub("", rest).strip()):
                return Understood(retimed, previous)
            if placed := _in_another_place(previous, rest, places):
                return Understood(placed, previous)
            if TIME_PHRASE.match(rest):
                return Understood(f"{previous.rstrip().rstrip('?')} {rest}?", previous)
            return Understood(_swap_topic(previous, rest, carried), previous, rest if carried else None)
    spans = _pronoun_spans(question)
    if spans and all(_is_frame(w) for w in WORD.findall(question)):
        # 'when was that?', 'how did that happen?': asked of what the earlier question asked
        # about, as 'why?' is ('when was NPAS?' asks something else); after another such
        # question, of the one that asked something.
        asked_about = previous.split(": ", 1)[1] if _asks_of_the_earlier(previous) else previous
        return Understood(f"{question.rstrip().rstrip('?')}: {asked_about}", previous)
    # The earlier question's topic: the one it carried, if it had none of its own.
    topic = carried or topic_of(previous)
    if not topic:
        return Understood(question)
    if not spans:
        # 'And …' carries the earlier topic unless it names a thing of its own.
        continues = bool(ellipsis and not named_things(question)) or bool(UNFINISHED.search(question))
        return _with_topic(question, previous, topic, continues=continues)
    counted = _counted_before(previous, topic)
    out, last = [], 0
    for start, end, suffix in spans:
        # 'how many of those …' after 'how many recommendations …' counts among the recommendations.
        among = counted and question[start:end].lower() in PLURAL and PARTITIVE.search(question[:start])
        out += [question[last:start], (counted if among else topic) + suffix]
        last = end
    return Understood("".join(out) + question[last:], previous)


def _counted_before(previous: str, topic: str) -> str:
    """What the earlier question counted, on its topic ('the recommendations in The Poor
    Relation'); '' when it counted nothing."""
    if asked_kind(first_ask(previous)) != "count" or not (counted := counted_phrase(previous)):
        return ""
    return f"the {counted}" if set(terms(topic)) <= set(terms(counted)) else f"the {counted} in {topic}"


def _with_topic(question: str, previous: str, topic: str, continues: bool = False) -> Understood:
    """A question with no topic of its own ('how many questions were sent in?', 'why?')
    is about the previous one's topic; so is one that `continues` the conversation ('And
    how many people know who the PCC is?'); any other question with a topic stands alone."""
    words = [w for w in WORD.findall(question) if not _is_frame(w)]
    if not continues and (named_things(question) or len(words) > 2):
        return Understood(question)
    if not words:  # 'why?': the previous question, asked again with this word
        return Understood(f"{question.rstrip().rstrip('?')}: {previous}", previous)
    return Understood(f"{question.rstrip().rstrip('?')}, on {topic}?", previous, carried=topic)


def read_as(question: str, history: Sequence[str], places: frozenset[str] = frozenset()) -> Understood:
    """The question as it should be understood (see Understood). Earlier follow-ups are
    read in turn first. `places`: as read_one's."""
    previous = None
    for earlier in history:
        if earlier and earlier.strip():
            previous = read_one(earlier, previous, places) if previous else Understood(earlier)
    if previous is None:
        return Understood(question)
    return read_one(question, previous, places)
