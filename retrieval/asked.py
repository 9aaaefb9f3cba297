"""What a question asks for, read once before any passage is checked against it: its
kind (a value: an amount, a count, a date …; a name: a person, an organisation, a force, a
school, a place; a finding: 'what did the evaluation find?'; an outcome: 'did the judge
approve …?'), its topic and what it asks about beyond it, the years and places that bound
it, and the verb its answer must use in every form a paper may write it ('approved',
'attended' for 'turn up', 'amended' for 'change'). `retrieval.gates` looks for a sentence
holding it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from panelqa.text import date_terms, terms, years_named
from retrieval.counts import figures
from retrieval.judge import ASKING_WORDS, ASKS_TARGET, COMMON_NAMES, COUNTED, MONTHS, VALUE_KINDS
from retrieval.judge import AUXILIARIES as JUDGE_AUXILIARIES
from retrieval.wording import SYNONYMS

# Words that say little about what is asked: 'the new OCC', 'the final strategy'.
WEAK_TERMS = frozenset(
    terms(
        "new final first last year go goes went gone get gets got make made put puts come came take took "
        "eventually finally so far already according report paper"
    )
)
# Words of time: a question's 'in December last year' bounds it, naming no topic.
TIME_TERMS = frozenset(terms(f"{MONTHS.replace('|', ' ')} last year quarter month week"))
# Auxiliaries that open a yes/no question or sit between 'who' and its verb.
AUXILIARIES = JUDGE_AUXILIARIES | {"been", "being", "be"}
# Past forms that do not add -ed (the papers report outcomes in the past tense).
IRREGULAR_PAST = {
    "win": "won",
    "give": "gave given",
    "make": "made",
    "take": "took taken",
    "choose": "chose chosen",
    "send": "sent",
    "run": "ran",
    "buy": "bought",
    "find": "found",
    "hold": "held",
    "lead": "led",
    "pay": "paid",
    "spend": "spent",
    "set": "set",
    "put": "put",
    "meet": "met",
    "begin": "began begun",
    "become": "became",
    "get": "got gotten",
    "go": "went gone",
    "come": "came",
    "sell": "sold",
    "bring": "brought",
    "seek": "sought",
}
# The papers write formally what a chat user says with a phrasal verb: 'did the comms team
# turn up' is answered by 'Comms did not attend'. Each phrasal verb, by its verb and
# particle, with the single verbs a paper writes for it.
PHRASAL_VERBS = {
    ("carry", "out"): "undertake undertook undertaken conduct perform complete",
    ("go", "ahead"): "proceed happen",
    ("turn", "up"): "attend",
    ("show", "up"): "attend",
    ("set", "up"): "establish create launch",
    ("cut", "back"): "reduce cancel",
    ("take", "part"): "participate attend",
    ("find", "out"): "discover establish identify",
    ("give", "up"): "abandon withdraw cease",
    ("take", "over"): "assume replace succeed",
    ("pull", "out"): "withdraw",
    ("put", "in"): "invest contribute allocate",
    ("bring", "in"): "introduce implement",
    ("roll", "out"): "implement introduce deploy",
    ("sign", "up"): "join register enrol",
    ("step", "down"): "resign retire",
    ("hand", "over"): "transfer",
    ("sort", "out"): "resolve address",
    ("look", "into"): "review investigate examine",
    ("come", "in"): "receive submit",
}
COMMON_TERMS = frozenset(terms(" ".join(COMMON_NAMES) + " crime crimes policing"))
# 'Is X a problem?', not 'Was there …?'.
COPULAR = re.compile(r"\s*(?:is|are|was|were)\b(?!\s+there\b)", re.I)
PAST_FORMS = frozenset(form for forms in IRREGULAR_PAST.values() for form in forms.split())
DETERMINERS = frozenset("the a an his her its their this that these those our any".split())
# Small words between a subject and its verb that are no verb.
NOT_VERBS = frozenset("and or of for on in to with at by from as over about he she it they there".split())
# Words that say when or how much, not what: 'Is the line live yet?'.
ADVERBS = frozenset("yet now still already too enough currently really very actually".split())
# Words that open a closing phrase: 'in West Mercia', 'during 2021', 'for young people'.
CLOSING = NOT_VERBS | frozenset("during since until before after between across within".split())
# What a finding is written with. A decision is no finding: 'the Panel agreed …' does not
# say what the Task Group concluded, though it answers what was decided.
FINDING_FORMS = frozenset(
    """found finding findings show shows showed shown concluded conclusion conclusions revealed
    demonstrated indicate indicates indicated recommended recommends recommendation
    recommendations""".split()
)
DECISION_FORMS = frozenset("decided decision decisions agreed resolved".split())
# The words of a question asking for a finding only; 'what was the outcome' takes a decision too.
ASKS_FOR_FINDING = frozenset("find conclude show reveal finding findings conclusion conclusions".split())
ASKS_FINDING = re.compile(
    r"\bwhat did .*\b(find|conclude|show|reveal|recommend|decide)\b|"
    r"\bwhat (was|were|is|are) the (findings?|conclusions?|results?|outcome|recommendations?|decision)\b",
    re.I,
)
# A relative clause holds no asked verb: 'Did the bid, which included Getsafe, succeed?'
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that|who)\b[^,?]*,?", re.I)
# 'which company …': the head noun says what shape of name answers.
ASKS_NAMED = re.compile(r"\b(?:which|what)\s+(?:(?:two|three|four|five|six|police)\s+){0,2}(\w+)", re.I)
NAME_CLASSES = {
    "organisation": frozenset(
        "company companies firm firms organisation organisations charity charities provider "
        "providers supplier suppliers partner partners contractor contractors "
        "agency agencies body bodies council councils".split()
    ),
    "force": frozenset("force forces constabulary constabularies".split()),
    "school": frozenset("school schools academy academies".split()),
    "university": frozenset("university universities college colleges".split()),
    "place": frozenset(
        "town towns city cities site sites building buildings location locations county counties".split()
    ),
}
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the)?\s*[A-Z][\w'’&-]*)*")
FORCE_AREA = frozenset(terms("West Mercia"))
ASKED_PLACE = re.compile(r"\b(?:in|to|at|across)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
MONTH_NAME = re.compile(rf"^(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|q\d)$", re.I)


# What an amount measures. A question about what something cost is not answered by what it
# saved ('a saving of £350 a month'), nor the other way round.
MEASURES = (
    frozenset(terms("cost spend spent price paid pay purchase bought invest expenditure worth")),
    frozenset(terms("save saving savings saved efficiency efficiencies")),
)


@dataclass(frozen=True)
class Asked:
    """What a question asks for, read once. `kind` is a value kind (judge.VALUE_KINDS:
    'amount', 'count', 'frequency', 'percentage', 'date', 'duration', 'grade'), 'person', a name class
    (NAME_CLASSES: 'organisation', 'force', 'school', 'university', 'place'), 'finding',
    'outcome', or None when any on-topic sentence may answer."""

    kind: str | None
    topic: frozenset[str]
    about: frozenset[str]  # what is asked about beyond the topic ('contract', 'hospitals')
    counted: tuple[str, ...] = ()  # a count's noun phrase, as terms ('999', 'call')
    verb_forms: frozenset[str] = frozenset()  # the asked verb (or finding words) as an answer writes it
    question_names: frozenset[str] = frozenset()  # lower-cased capitalised words asked
    years: frozenset[int] = frozenset()  # the years the question names ('in 2019-20')
    measures: tuple[frozenset[str], ...] = ()  # an amount's MEASURES the question names ('cost')
    copular: bool = False  # 'Is X a problem?': the asked word is a noun or adjective, not a verb
    figures: frozenset[str] = frozenset()  # the question's own numbers, in digits ('999', '3')
    # Words of the counted phrase the question capitalises beyond its topic and the force
    # area, which must stand beside the count ('BME' of 'BME officers').
    counted_names: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()  # terms of a place a value is asked for ('in Telford')


def read_asked(question: str, value_kind: str | None, topic: frozenset[str]) -> Asked:
    """Read what `question` asks for; `value_kind` is judge.asked_kind's reading."""
    names = frozenset(
        w.lower() for m in CAPITALISED.finditer(question) for w in re.findall(r"[\w'’&-]+", m.group())
    )
    years = years_named(question)
    # The years asked bound the answer (`years`); dates are not what it is about.
    # Nor are the question's own figures ('the £5m fund').
    asked_terms = frozenset(terms(question))
    said = frozenset(t for t in asked_terms if not any(c.isdigit() for c in t) and len(t) > 1)
    about = said - date_terms(question) - topic - ASKING_WORDS - WEAK_TERMS - COMMON_TERMS
    if value_kind in VALUE_KINDS:
        phrase = counted_phrase(question) if value_kind == "count" else ""
        return Asked(
            value_kind,
            topic,
            about,
            tuple(terms(phrase)),
            question_names=names,
            years=years,
            measures=tuple(m for m in MEASURES if m & asked_terms),
            figures=frozenset(figures(question)),
            counted_names=frozenset(terms(phrase)) & frozenset(terms(" ".join(names))) - topic - FORCE_AREA,
            places=_asked_places(question) - frozenset(terms(phrase)),
        )
    kind, verb = _asked_shape(question, value_kind)
    # 'Is hare coursing much of a problem in West Mercia?' asks whether it is one, and is
    # answered by 'not such a problem': the word asked is the complement.
    copular = (
        kind == "outcome"
        and bool(COPULAR.match(question))
        and not (verb or "").endswith(("ed", "ing"))  # 'Is it still running?' asks of a verb
        and verb not in PAST_FORMS
    )
    if copular:
        verb = _complement(question) or verb
    if kind == "finding":
        forms = FINDING_FORMS if verb in ASKS_FOR_FINDING else FINDING_FORMS | DECISION_FORMS
    else:
        forms = verb_forms(verb) if verb else frozenset()
    # The asked verb is not the topic: 'allowed' names no policy on tattoos.
    verb_terms = set(terms(" ".join(forms)))
    if kind is not None and kind != "finding":
        forms |= formal_forms(question) | synonym_forms(forms, nouns=kind == "outcome")
    if kind == "person":
        forms |= agent_nouns(forms)
    return Asked(
        kind,
        topic - verb_terms,
        about - verb_terms,
        verb_forms=forms,
        question_names=names,
        years=years,
        copular=copular,
    )


def _asked_places(question: str) -> frozenset[str]:
    """The terms of a place a value is asked for ('going to Herefordshire'), not a month
    nor the force area every paper speaks of."""
    return (
        frozenset(
            t
            for m in ASKED_PLACE.finditer(question)
            if not MONTH_NAME.match(m.group(1).split()[0])
            for t in terms(m.group(1))
        )
        - FORCE_AREA
    )


# What a question asks about by name: 'doing about graffiti', 'anything regarding drink
# spiking', 'officers at any airports'.
ASKS_ABOUT = re.compile(
    r"\b(?:about|regarding|any)\s+(?:(?:the|a|an|their|its|his|her|our)\s+)?"
    r"([\w'’-]+)(?:\s+([\w'’-]+))?",
    re.I,
)


QUESTION_WORDS = frozenset("how what who when where why which whether".split())


def asked_objects(question: str) -> list[str]:
    """The words (at most two) naming what a question asks about after 'about', 'regarding'
    or 'any', up to a small word that closes the phrase or a question word ('asked about how
    long …' names nothing): ['car', 'cruising'] for 'anything being done about car cruising
    and boy racers'."""
    said = []
    for match in ASKS_ABOUT.finditer(question):
        for word in match.groups():
            if not word or word.lower() in CLOSING | QUESTION_WORDS:
                break
            said.append(word)
    return said


def counted_phrase(question: str) -> str:
    """What a count question counts: its noun phrase up to a preposition ('complaints about
    the conduct'), without a verb or a time after it ('applications came in', 'arrests last
    year'); 'what target …' counts by the word target."""
    counted = COUNTED.search(question)
    if not counted:
        target = ASKS_TARGET.search(question)
        return target.group(1) if target else ""
    words = re.split(r"\s(?:about|of|for|in|on|to|with|from|by)\s", counted.group(1))[0].split()
    while len(words) > 1 and (
        words[-1].lower() in PAST_FORMS
        or words[-1].lower().endswith("ed")
        or set(terms(words[-1])) <= TIME_TERMS | date_terms(words[-1])
    ):
        words.pop()
    if counted.group().rstrip().endswith("?") and len(words) > 2:
        return ""  # 'how many offenders completed the course?': no noun phrase to end it
    return " ".join(words)


def _asked_shape(question: str, value_kind: str | None) -> tuple[str | None, str | None]:
    """The gate for a question that asks for no value, and the word that says what it asks:
    the verb its answer must use, or for a finding the asked noun or verb ('conclusion')."""
    if asks_finding := ASKS_FINDING.search(question):
        return "finding", (asks_finding.group(1) or asks_finding.group(3)).lower()
    words = re.findall(r"[\w'’-]+", RELATIVE_CLAUSE.sub(" ", question))
    first = words[0].lower() if words else ""
    named = ASKS_NAMED.search(question)
    if named and first in ("which", "what", "in"):
        head = named.group(1).lower()
        shape = next((shape for shape, heads in NAME_CLASSES.items() if head in heads), None)
        if shape:
            after = question[named.end() :].split()
            return shape, _asked_verb(after, first_one=True)
    if first == "who":
        copula = (
            len(words) > 2
            and words[1].lower() in ("is", "are", "was", "were")
            and words[2].lower() in DETERMINERS
        )
        return "person", None if copula else _asked_verb(words[1:], first_one=True)
    if value_kind in ("person", "place"):
        return value_kind, None
    if value_kind == "yesno" and not PRESENCE_FORMS & {w.lower() for w in words[1:]}:
        # After 'did' / 'does' the verb is bare: 'funding' in 'Did the funding bid …' is no verb.
        bare = first in ("did", "does", "do")
        rest = words[1:]
        verb = _asked_verb(
            [
                w
                for i, w in enumerate(rest)
                if not (bare and w.lower().endswith("ing") and len(w) > 5 and _before_noun(rest[i + 1 :]))
            ],
            first_one=False,
        )
        if verb:
            return "outcome", verb
    return None, None


def _complement(question: str) -> str | None:
    """The last lower-case content word of a question before a closing phrase that names
    a place or time ('in West Mercia', 'in 2021'): 'problem' in 'Is hare coursing much of
    a problem in West Mercia?'."""
    words = re.findall(r"[\w'’-]+", question)
    for i in range(2, len(words) - 1):
        # 'much of a problem' goes on; 'a problem for young people', 'in West Mercia' close.
        closing = words[i].lower() != "of" or words[i + 1][0].isupper() or words[i + 1][0].isdigit()
        if words[i].lower() in CLOSING and closing:
            words = words[:i]
            break
    skipped = NOT_VERBS | DETERMINERS | AUXILIARIES | ADVERBS
    content = [w for w in words[1:] if w.islower() and w not in skipped]
    return content[-1] if content else None


def _before_noun(following: list[str]) -> bool:
    """Whether a word stands before a lower-case word that is no function word: 'funding'
    in 'funding bid', not 'bring' in 'bring forward the precept'."""
    return bool(following) and following[0].islower() and following[0] not in NOT_VERBS | DETERMINERS


def _asked_verb(words: list[str], first_one: bool) -> str | None:
    """The verb a question asks about, from the words after its opening: a participle
    ('reclassified' in 'Was Spice eventually reclassified as …?'); else, after a subject
    that is a name or none ('Which company runs …?'), the first lower-case word; else,
    after a subject like 'the fire authorities', the last before the object ('win' in
    'Did the fire authorities win their appeal?'). None for 'Who are the new …?'."""
    candidates: list[str] = []
    named_subject = False
    for word in (w.strip("?,.") for w in words):
        lower = word.lower()
        if not word or lower in DETERMINERS or word[0].isupper() or word[0].isdigit():
            if candidates:
                break
            named_subject = named_subject or word[:1].isupper()
            continue
        if lower in AUXILIARIES or lower in NOT_VERBS:
            continue
        candidates.append(lower)
    participle = [w for w in candidates if w.endswith("ed") or w in PAST_FORMS]
    if participle:
        return participle[0]
    if not candidates:
        return None
    return candidates[0] if first_one or named_subject else candidates[-1]


def synonym_forms(forms: frozenset[str], nouns: bool) -> frozenset[str]:
    """The forms of the verbs a paper may write for the asked one ('amended' for 'change')
    and, for an outcome, their nouns in -ment ('no amendments have been made'; a round of
    recruitment names nobody recruited)."""
    return frozenset(
        form
        for group in SYNONYMS
        if any(form in forms for base in group.split() for form in verb_forms(base))
        for base in group.split()
        for form in verb_forms(base) | ({f"{base}ment", f"{base}ments"} if nouns else set())
    )


def agent_nouns(forms: frozenset[str]) -> frozenset[str]:
    """Who does what a verb says, as a paper names the role: 'Mr S J Mackay (Chairman)'
    for 'who was chairing', a 'coordinator', a 'manager', a 'leader'."""
    return frozenset(
        form + ending
        for form in forms
        for ending in ("man", "person", "er", "or", "s")
        if not form.endswith(("s", "ed", "ing"))
    ) | frozenset(form[:-1] + "or" for form in forms if form.endswith("e"))


def formal_forms(question: str) -> frozenset[str]:
    """The forms of the single verbs a paper writes for the question's phrasal verbs
    ('attend', 'attended', … for 'turn up')."""
    forms: set[str] = set()
    for (verb, particle), formal in PHRASAL_VERBS.items():
        said = "|".join(map(re.escape, verb_forms(verb)))
        if re.search(rf"\b(?:{said})\s+{particle}\b(?!\s+place\b)", question, re.I):  # not 'put in place'
            forms |= {form for word in formal.split() for form in verb_forms(word)}
    return frozenset(forms)


def verb_forms(verb: str) -> frozenset[str]:
    """A verb as an answer may write it: 'approve' -> approve, approves, approved,
    approving; 'discussed' -> discuss, discussed, …; 'won' <- 'win'. Every reading of an
    ending is kept: a form no sentence uses does no harm."""
    bases = {verb} | {base for base, past in IRREGULAR_PAST.items() if verb in past.split()}
    for ending, roots in (
        ("ied", ("y",)),
        ("ies", ("y",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
        ("s", ("",)),
    ):
        if verb.endswith(ending) and len(verb) > len(ending) + 2:
            root = verb[: -len(ending)]
            bases |= {root + end for end in roots}
            if ending in ("ed", "ing") and root[-1] == root[-2]:
                bases.add(root[:-1])  # 'hitting' -> 'hit', 'planned' -> 'plan'
    forms = set()
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        forms |= {
            base,
            base + "s",
            base + "es",
            stem + "ed",
            stem + "ing",
            *IRREGULAR_PAST.get(base, "").split(),
        }
        if base.endswith("y"):
            forms |= {base[:-1] + "ied", base[:-1] + "ies"}
    return frozenset(forms)


# Yes/no questions that ask whether something was said or raised: the topic's presence is
# the answer, so no outcome verb is looked for. (Built with verb_forms, so defined after it.)
PRESENCE_FORMS = frozenset().union(
    *(
        verb_forms(v)
        for v in "discuss raise ask mention report promise consider talk debate note see hear".split()
    ),
    # 'Has the SOCJAG got a non-police chair?' asks whether the papers say it has one.
    frozenset("get got gotten have has".split()),
)
