"""Whether a number counts what a question asks to be counted: '125 referrals' for 'how many
referrals', not '101 calls' for '999 calls' nor '635 shoplifting offences' for knife crime."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panelqa.text import terms
from retrieval.kinds import NUMBER_WORDS
from retrieval.wording import same_things


def figures(text: str) -> set[str]:
    """The numbers a text says, whole and in digits: {'3', '2015', '5000'} for 'the three
    … in 2015 … £5,000'; '20' is not '2021'."""
    said = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower())
    return {NUMBER_WORDS.get(w, w.replace(",", "")) for w in said if w[0].isdigit() or w in NUMBER_WORDS}


BINDING_BREAKERS = frozenset("for to with from by at in on about".split())
# Words that qualify a count without making it another count ('331 new applications').
COUNT_MODIFIERS = frozenset(terms("new more further additional extra other total separate individual"))
# 'How many people …' is counted by a plural noun for people: 'over 30 delegates', '36
# individuals' (not 'one victim').
PEOPLE = frozenset(terms("people persons"))
PERSON_NOUNS = PEOPLE | frozenset(
    terms("individuals delegates attendees residents victims members respondents volunteers participants")
)


def counts(
    counted: tuple[str, ...],
    before: list[str],
    after: list[str],
    names: frozenset[str] = frozenset(),
    known: frozenset[str] | None = None,
) -> bool:
    """Whether a number between `before` and `after` counts the asked noun phrase: the
    phrase's head within five words after it, no other figure between ('125 referrals',
    '168 referrals of high risk DA perpetrators'), or after 'number of' / 'total' ('the
    total number of full time officers today to 2152'). A figure in the phrase must be
    beside it too: '101 calls' does not count '999 calls'; so must a word of it the question
    capitalises beyond its topic (`names`): '46 new student officers' does not count 'BME
    officers' asked of the uplift. A phrase of three or more words is also counted by its
    first two straight after the number; 'what target …' by a number after the word target
    ('a target of 87 referrals')."""
    head = counted[-1]
    numbered = {t for t in counted[:-1] if any(c.isdigit() for c in t)}
    named = numbered | (set(counted[:-1]) & names)
    if len(counted) > 1 and not numbered:
        # A phrase may be counted by its initials: '42 mapped OCGs' for 'organised crime groups'.
        if by_initials(counted, after[:3]):
            return True
    if len(counted) > 2 and not numbered and tuple(terms(" ".join(after[:2]))) == counted[:2]:
        return True  # '82 county lines' counts 'county lines drug networks' by its first words
    head_at = next((i for i, w in enumerate(after[:6]) if _is_head(head, w, known or frozenset())), None)
    # Another figure between breaks the binding, and so does a preposition but 'of': 'two
    # providers for victims' counts providers ('168 referrals of perpetrators' counts both).
    if head_at is not None and not any(
        any(c.isdigit() for c in w) or w.lower() in BINDING_BREAKERS for w in after[:head_at]
    ):
        if _qualified_otherwise(counted[:-1], numbered, after[:head_at], known or frozenset()):
            return False
        return named <= set(terms(" ".join(before[-2:] + after[: head_at + 1])))
    lead = before[-8:]
    after_label = {"number", "total"} & {w.lower() for w in lead} or head == "target"
    # 'the number of calls answered within the 10 second target' counts no '999 calls'.
    return bool(after_label) and ({head} | named) <= set(terms(" ".join(lead)))


def _is_head(head: str, word: str, known: frozenset[str]) -> bool:
    """Whether a word after a number is the counted noun `head`, or for 'people' a plural
    noun for people the question does not say in another role ('Victim Support',
    'victims of crime' are no headcount of victims)."""
    said = same_things(terms(word))
    if head in PEOPLE and word.lower().strip(".,;:()").endswith("s"):
        return bool(same_things(PERSON_NOUNS - known) & said)
    return bool(same_things([head]) & said)


def _qualified_otherwise(
    qualifiers: tuple[str, ...], numbered: set[str], between: list[str], known: frozenset[str]
) -> bool:
    """A count qualified otherwise than asked is another count: '635 shoplifting offences'
    for knife crime offences. The question's qualifier may be written in the papers' words
    or by its initials ('3,400 ASB incidents'); a word the question says elsewhere, or one
    of COUNT_MODIFIERS ('331 new applications'), qualifies nothing away."""
    asked = same_things(set(qualifiers) - numbered)
    said = same_things(terms(" ".join(between)))
    as_asked = asked & said or by_initials([t for t in qualifiers if t not in numbered], between)
    return bool(asked) and not as_asked and bool(said - same_things(known) - COUNT_MODIFIERS)


def by_initials(stems: Sequence[str], words: list[str]) -> bool:
    """Whether one of `words` is the initials of the stems, a plural allowed ('OCGs' for
    organised crime groups, 'ASB' for anti-social behaviour)."""
    initials = "".join(t[0] for t in stems)
    said = (re.sub(r"['’]?s$", "", w.strip(".,;:()")).lower() for w in words)
    return bool(initials) and initials in said
