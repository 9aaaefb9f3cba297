"""Does a passage answer the question, or only share its topic?

Two checks, each measured in `panelqa eval` before being trusted:
- the kind of thing the question asks for (retrieval.kinds: an amount, a count, a
  percentage, a date, a person, a place, yes/no …) must be in the sentence quoted as the
  answer;
- the question's distinctive named things ('Band D', 'Operation Venetic', 'Court of
  Appeal') must be in the passage cited.
`Evidence` holds these with the retrieval signals; `supported` is the calibrated decision
over them (coefficients in settings, chosen by cross-validation in eval/calibrate.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from panelqa.text import date_terms, terms
from retrieval.kinds import WHICH_CLASS, holds_kind

# Words every paper uses: a capitalised one is no distinctive named thing.
COMMON_NAMES = frozenset(
    """pcc pccs panel police crime commissioner force west mercia what how when who where which
    why did does is are was were has have had will can could the a an and of in on for to
    plan members member chief constable office officer officers report reports""".split()
)
# Small words inside a name: 'Track my Crime', 'Office of the PCC'.
NAME_JOINERS = frozenset({"of", "my", "the", "and", "for"})
NAMED = re.compile(
    rf"\b(?:[A-Z][\w'’&-]*|\d[\w./-]*)(?:\s+(?:{'|'.join(sorted(NAME_JOINERS))})?\s*"
    r"(?:[A-Z][\w'’&-]*|\d[\w./-]*))*"
)


def named_things(question: str) -> list[str]:
    """The question's distinctive names: capitalised phrases and numbers that are not
    its first word and not words every paper uses ('PCC', 'Panel')."""
    found = []
    for match in NAMED.finditer(question):
        phrase = match.group()
        words = phrase.split()
        if match.start() == 0:
            words = words[1:]
        kept = [w for w in words if re.sub(r"['’]s$", "", w.lower().strip("'’?")) not in COMMON_NAMES]
        if kept and terms(" ".join(kept)):
            found.append(" ".join(kept))
    return found


def states_together(
    sentence_terms: set[str], text: str, topic: frozenset[str], attribute: set[str], kind: str | None
) -> bool:
    """One sentence naming the topic, at least half the asked attribute's terms, and a value
    of the asked kind: the shape of a sentence that answers rather than mentions."""
    return (
        bool(topic & sentence_terms)
        and holds_kind(kind, text)
        and 2 * len(attribute & sentence_terms) >= len(attribute)
    )


# A word of a name: it starts with a letter, and a hyphen starts another ('Anti-Social').
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def initials(name: str, small_words: bool = False) -> str:
    """A name's initials in capitals: 'IAG' for 'Independent Advisory Groups'; with its
    small words, 'TMC' for 'Track my Crime'; 'ASB' for 'Anti-Social Behaviour'."""
    words = NAME_WORD.findall(name)
    return "".join(w[0] for w in words if small_words or w.lower() not in NAME_JOINERS).upper()


def says_name(thing: str, text: str, by_initials: bool = True) -> bool:
    """Whether the text has every word of a name as written, a plural or possessive allowed,
    or (`by_initials`) its initials in capitals. Stems are too loose for names: 'Mars' and
    'Mar' (March) share one."""
    # A plural acronym is the acronym: 'PCSOs' is said by 'PCSO'.
    words = [re.sub(r"(?<=[A-Z])s$|['’]s$", "", w) for w in thing.split() if w.lower() not in NAME_JOINERS]
    # By its initials in capitals, as papers write a name after its first use ('VAL'; 'TMC'
    # with its small words); three letters at least, as two are shared ('CA').
    if (
        by_initials
        and len(thing.split()) > 1
        and any(
            len(i) >= 3 and re.search(rf"(?<!\w){i}s?(?!\w)", text)
            for i in {initials(thing), initials(thing, small_words=True)}
        )
    ):
        return True
    return all(re.search(rf"(?<!\w){re.escape(w)}(?:['’]?s)?(?!\w)", text, re.I) for w in words if w)


def timeless_names(things: list[str], question: str) -> list[str]:
    """The named things with their times and numbers taken out, those left with a word:
    'Commonwealth Games 2022' is 'Commonwealth Games'; 'July 2021', '5 February' and '29'
    are none."""
    times = date_terms(question)
    kept = (
        " ".join(w for w in thing.split() if not any(c.isdigit() for c in w) and not set(terms(w)) <= times)
        for thing in things
    )
    return [thing for thing in kept if terms(thing)]


def named_share(things: list[str], text: str) -> float:
    """The share of named things the text says as written."""
    if not things:
        return 1.0
    return sum(says_name(thing, text) for thing in things) / len(things)


@dataclass(frozen=True)
class Evidence:
    """What the judgement is made from, all in 0..1."""

    coverage: float  # idf-weighted share of the question's terms in the best passages
    topic: float  # the same for the topic's terms only
    dense: float  # the best passage's cosine
    named: float  # share of the question's named things in the best cited passage
    kind_held: float  # 1 when a quoted sentence holds the asked-for kind of answer
    sentence: float  # idf-weighted share of the question's terms in the best quoted sentence
    passage: float  # the same in the best single passage (coverage pools three)
    attribute: float  # share of the asked attribute's terms (not topic, not names) in one passage
    kind_in_best: float  # 1 when the best-covering quoted sentence holds the asked kind
    joint: float  # 1 when one sentence holds the topic, the asked attribute and the asked kind
    # The most of the question's timeless names (see timeless_names) any of the best
    # passages says; not a model feature (see grounds.Grounds.gate_passed).
    timeless_names_said: float

    def vector(self) -> list[float]:
        return [
            self.coverage,
            self.topic,
            self.dense,
            self.named,
            self.kind_held,
            self.sentence,
            self.passage,
            self.attribute,
            self.kind_in_best,
            self.joint,
        ]


def probability(features: list[float], weights: list[float], bias: float) -> float:
    """Logistic model: the probability that the passages answer the question."""
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def supported(evidence: Evidence, weights: list[float], bias: float, threshold: float) -> bool:
    return probability(evidence.vector(), weights, bias) >= threshold


ATTRIBUTE = re.compile(
    r"\b(cost|budget|price|date|name|number|outcome|grade|result|findings|"
    r"conclusion|amount|total|decision|rate|share|percentage|arrests|"
    r"referrals|figures?)\b",
    re.I,
)
# A question about a change ('is it getting any worse?', 'has it fallen?').
ASKS_CHANGE = re.compile(
    r"\b(?:cut|reduc\w*|increas\w*|decreas\w*|ris\w*|rose|fall\w*|fell|grow\w*|improv\w*|better|"
    r"worse|more|less|fewer|lower|higher|younger|older)\b",
    re.I,
)
# What a not-stated answer says is missing, by the asked kind.
KIND_WORDS = {
    "organisation": "which organisation",
    "force": "which force",
    "school": "which school",
    "university": "which university",
    "named": "which one",
    "finding": "what it found",
    "outcome": "whether it happened",
    "amount": "how much",
    "grade": "what grade",
    "duration": "how long",
    "count": "how many",
    "frequency": "how often",
    "hours": "at what times",
    "expansion": "what it stands for",
    "definition": "what it is",
    "list": "what they are",
    "phone": "the phone number",
    "email": "the email address",
    "web": "the web address",
    "percentage": "what share",
    "figure": "how much",
    "date": "when",
    "person": "who",
    "place": "where",
    "yesno": "whether it did",
    None: "the fact asked for",
}
SAYS = re.compile(r"^(which|what|how|when|who|where|whether)\b")
DETERMINED = r"(?:the|a|an|his|her|its|their|this|that)\s+(?:[\w'’-]+\s+){0,2}?"


ANY_MENTION = "any mention of "


def unmentioned(things: list[str]) -> str:
    """What is missing when no paper names the things asked about."""
    return ANY_MENTION + " or ".join(things)


def missing_fact(question: str, kind: str | None, evidence: Evidence) -> str:
    """What the papers do not say: 'the cost', 'when', 'any mention of Operation X'."""
    things = named_things(question)
    if evidence.named < 1.0 and things:
        return unmentioned(things)
    attribute = ATTRIBUTE.search(question)
    if attribute:
        return f"the {attribute.group(1).lower()}"
    if kind == "named" and (which := WHICH_CLASS.match(question)):
        return f"which {which.group(1).lower()}"
    return (
        "whether it has changed" if kind == "outcome" and ASKS_CHANGE.search(question) else KIND_WORDS[kind]
    )


def topic_as_asked(topic: str, question: str) -> str:
    """The topic with the words the question puts before it ('the new control centre',
    "the PCC's public confidence survey"), so the answer reads as English."""
    if not topic:
        return "this topic"
    found = re.search(rf"\b{DETERMINED}{re.escape(topic)}\b", question, re.I)
    return found.group() if found else topic


def not_stated_text(topic: str, missing: str, question: str = "") -> str:
    """'The papers discuss the new OCC but do not give the cost.' / '… do not say when.'"""
    if missing.startswith(ANY_MENTION):
        return f"The nearest passages do not give {missing}."
    verb = "say" if SAYS.match(missing) else "give"
    return f"The papers discuss {topic_as_asked(topic, question)} but do not {verb} {missing}."
