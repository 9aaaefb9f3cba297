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
from retrieval.judge import COMMON_NAMES, NAME_JOINERS, initials
from retrieval.kinds import ASKING_WORDS, ASKS_TARGET, COUNTED, MONTHS, VALUE_KINDS, WHICH_CLASS
from retrieval.kinds import AUXILIARIES as JUDGE_AUXILIARIES
from retrieval.verbs import PAST_FORMS, PRESENCE_FORMS, agent_nouns, formal_forms, synonym_forms, verb_forms

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
COMMON_TERMS = frozenset(terms(" ".join(COMMON_NAMES) + " crime crimes policing"))
# A question about what is to come: 'Will the group …?', 'Is it going to …?' (not 'the
# budget that will fund …').
ASKS_FUTURE = re.compile(r"^\s*(?:will|shall)\b|\b(?:going to|gonna)\b", re.I)
# 'going to open', 'going to be published' ask of that verb; 'going to be a problem' is
# copular.
GOING_TO = re.compile(r"\b(?:going to|gonna)\s+(?:be\s+(?=\w+(?:ed|en)\b))?([a-z]+)", re.I)
GOING_TO_BE = re.compile(r"\b(?:going to|gonna)\s+be\b", re.I)
# 'Is X a problem?', not 'Was there …?'.
COPULAR = re.compile(r"\s*(?:is|are|was|were)\b(?!\s+there\b)", re.I)
DETERMINERS = frozenset("the a an his her its their this that these those our any".split())
# Small words between a subject and its verb that are no verb.
NOT_VERBS = frozenset("and or of for on in to with at by from as over about he she it they there".split())
# 'Is the government doing anything to help …?' asks whether anything is being done: the
# topic's presence answers it, as for PRESENCE_FORMS.
DOING_ANYTHING = re.compile(r"\b(?:do|does|did|doing|done)\s+(?:anything|something)\b", re.I)
# Words that say when or how much, not what: 'Is the line live yet?'.
ADVERBS = frozenset("yet now still already too enough currently really very actually nowadays".split())
# Words that compare how a thing went and never name it: 'any worse', 'higher than usual'.
COMPARATIVES = frozenset(
    "worse better higher lower fewer bigger smaller larger shorter longer cheaper usual normal".split()
)
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
ASKS_FOR_FINDING = frozenset(
    """find conclude show reveal found concluded showed revealed finding findings conclusion
    conclusions""".split()
)
ASKS_FINDING = re.compile(
    r"\bwhat did .*\b(find|conclude|show|reveal|recommend|decide)\b|"
    r"\bwhat (?:was|were|is|are) the (findings?|conclusions?|results?|outcome|recommendations?|decision)\b|"
    # 'tell me what HMICFRS found in …', 'what has the review concluded?'
    # (not 'what weapons were found', 'what happened after the inquest concluded')
    r"\bwhat (?:has |have |had )?(?:(?!(?:was|were|been|be|is|are|happened|after|when)\b)[\w'’]+ ){1,4}?"
    r"(found|concluded|showed|revealed)\b",
    re.I,
)
# A relative clause holds no asked verb: 'Did the bid, which included Getsafe, succeed?'
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that|who)\b[^,?]*,?", re.I)
# The classes of name a question may ask for, by the noun it asks with: the head noun says
# what shape of name answers.
NAME_CLASSES = {
    "organisation": frozenset(
        "company companies firm firms organisation organisations charity charities provider "
        "providers supplier suppliers partner partners contractor contractors "
        "agency agencies body bodies council councils".split()
    ),
    "force": frozenset("force forces constabulary constabularies".split()),
    "school": frozenset("school schools academy academies".split()),
    "university": frozenset("university universities uni unis college colleges".split()),
    "place": frozenset(
        "town towns city cities site sites building buildings location locations county counties".split()
    ),
    # 'Which method …', 'which inspections …': one of any other class, named beside its
    # noun (Asked.class_terms).
    "named": frozenset(),
}
# 'Which company …', 'which two police forces …', 'which private companies …': the class of
# name asked for, after a number or at most two words saying which of them (not 'what is
# the …', 'what happened to town centres'); 'which three Welsh forces …' asks them listed
# (kinds.LIST_ASKED).
NAMED_COUNT = r"(?:two|three|four|five|six|\d+)"
ASKS_NAMED = re.compile(
    rf"\b(?:which|what)\s+(?:{NAMED_COUNT}\s+(?:police\s+)?|"
    rf"(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|the|a|an|to|of|in|on|at|for|from|with|by|"
    rf"about|{NAMED_COUNT})\b)(?![\w'’-]+ed\b)[\w'’-]+\s+){{0,2}}?)"
    rf"({'|'.join(sorted(set().union(*NAME_CLASSES.values()), key=len, reverse=True))})\b",
    re.I,
)
# Words a 'which' question may stand before that name no class: 'Which is the biggest
# force?', 'Which was cheaper?', 'Which crimes rose most?'.
NOT_CLASSES = (
    NOT_VERBS | DETERMINERS | AUXILIARIES | COMPARATIVES | PAST_FORMS | {"most", "least", "one", "ones"}
)
# The verb after a 'which' question's class: straight after it, or after an auxiliary and a
# named subject ('aired' in 'Which TV programme aired …?', 'use' in 'Which method did the
# Alliance use …?'; 'did the PCC or his staff get …' names none).
CLASS_VERB = re.compile(
    r"\s+(?:(?:did|does|do|will|would|can|could)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+)+)?([\w'’-]+)"
)
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the)?\s*[A-Z][\w'’&-]*)*")
FORCE_AREA = frozenset(terms("West Mercia"))
ASKED_PLACE = re.compile(r"\b(?:in|to|at|across)\s+([A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)")
MONTH_NAME = re.compile(rf"^(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|q\d|qtr|quarter)$", re.I)


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
    (NAME_CLASSES: 'organisation', 'force', 'school', 'university', 'place'; 'named' for any
    other class a 'which' question names), 'finding',
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
    # When the topic is a name the question capitalises, its distinctive terms ('victim',
    # 'board' of "the PCC's new Victims' Board") and initials ('vb'; 'iopc').
    topic_name: tuple[str, ...] = ()
    topic_initials: str = ""
    # 'Is the group going to look at …?': a plan answers ('this Group will also review …').
    future: bool = False
    class_terms: frozenset[str] = frozenset()  # the class a 'named' question asks one of ('method')


def read_asked(
    question: str,
    value_kind: str | None,
    topic: frozenset[str],
    topic_phrase: str = "",
    typed: str = "",
    places: frozenset[str] = frozenset(),
) -> Asked:
    """Read what `question` asks for; `value_kind` is kinds.asked_kind's reading, `topic`
    the topic's terms and `topic_phrase` the topic as the question words it (cased as the
    papers write it). `typed` is the question as the user typed it when it was completed
    since from the conversation: a topic carried from an earlier question is a name only
    where the user capitalised it here. `places`: the places the papers name, lower-cased
    (vocabulary.PaperWords.places), which a value asked of one must be given for."""
    names = frozenset(
        w.lower() for m in CAPITALISED.finditer(question) for w in re.findall(r"[\w'’&-]+", m.group())
    )
    topic_name, topic_initials = _as_name(topic_phrase, typed or question)
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
            places=_asked_places(question, places) - frozenset(terms(phrase)),
            topic_name=topic_name,
            topic_initials=topic_initials,
        )
    kind, verb = _asked_shape(question, value_kind)
    # 'Is the station going to open …?' asks of 'open'.
    going = GOING_TO.search(question) if kind == "outcome" else None
    # 'Is hare coursing going to be a problem?' asks as 'Is hare coursing a problem?' does.
    as_now = GOING_TO_BE.sub(" ", question) if going and going.group(1).lower() == "be" else question
    verb = going.group(1).lower() if going and as_now == question else verb
    # 'Is hare coursing much of a problem in West Mercia?' asks whether it is one, and is
    # answered by 'not such a problem': the word asked is the complement.
    copular = (
        kind == "outcome"
        and (not going or as_now != question)
        and bool(COPULAR.match(question))
        and (as_now != question or not (verb or "").endswith(("ed", "ing")))  # 'Is it still running?'
        and verb not in PAST_FORMS
    )
    if copular:
        verb = _complement(as_now) or verb
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
        topic_name=topic_name,
        topic_initials=topic_initials,
        future=bool(ASKS_FUTURE.search(question)),
        class_terms=frozenset(terms(which.group(1)))
        if kind == "named" and (which := WHICH_CLASS.match(question))
        else frozenset(),
    )


def _as_name(topic_phrase: str, question: str) -> tuple[tuple[str, ...], str]:
    """A topic the question writes as a name of two words or more, capitalised and not
    opening it: its distinctive terms in order and its initials when they are three letters
    or more ('Independent Office for Police Conduct': ('independ', 'conduct'), 'iopc');
    else nothing."""
    words = [w for w in re.findall(r"[\w'’&-]+", topic_phrase) if w.lower() not in NAME_JOINERS]
    after_first = re.findall(r"[\w'’&-]+", question)[1:]  # 'Is the …' capitalises 'Is'
    capitalised = set(terms(" ".join(w for w in after_first if w[0].isupper())))
    if len(words) < 2 or not all(w[0].isupper() and set(terms(w)) <= capitalised for w in words):
        return (), ""
    letters = initials(topic_phrase).lower()
    distinctive = tuple(dict.fromkeys(t for t in terms(topic_phrase) if t not in COMMON_TERMS))
    return distinctive, letters if len(letters) >= 3 else ""


def _asked_places(question: str, places: frozenset[str] = frozenset()) -> frozenset[str]:
    """The terms of a place a value is asked for ('going to Herefordshire'; one of the
    `places` the papers name, anywhere and in any case: 'did shropshire get'), not a month
    nor the force area every paper speaks of."""
    after = {
        t
        for m in ASKED_PLACE.finditer(question)
        if not MONTH_NAME.match(m.group(1).split()[0])
        for t in terms(m.group(1))
    }
    named = {t for word in re.findall(r"[A-Za-z]+", question) if word.lower() in places for t in terms(word)}
    return frozenset(after | named) - FORCE_AREA


# What a question asks about by name: 'doing about graffiti', 'anything regarding drink
# spiking', 'officers at any airports', 'anti-social behaviour at skateparks'. The second
# word is looked at, not taken, so that 'any news about graffiti' is read on from 'about'.
ASKS_ABOUT = re.compile(
    r"\b(about|regarding|any|at|in|on|near)\s+(?:(?:the|a|an|their|its|his|her|our|any)\s+)?([\w'’-]+)(?=\s+([\w'’-]+))?",
    re.I,
)
# Words that close the phrase asked about: 'about how long', 'any news about graffiti'.
CLOSES_ASKED = CLOSING | frozenset("how what who when where why which whether any regarding".split())
# Where a thing is asked of ('at skateparks') is a place only in a word of five letters or
# more ('in the rural bits of Shropshire' says where in other words), and not in an idiom
# of time or manner ('at the moment', 'in practice').
WHERE_ASKED = frozenset("at in on near".split())
NOT_WHERE = frozenset("moment present future past least most general particular practice total short".split())


def asked_objects(question: str) -> list[str]:
    """The word naming each thing a question asks about after 'about', 'regarding' or 'any',
    or where it asks after 'at', 'in', 'on' or 'near': the head of a phrase of at most two
    words, up to a small word or a question word that closes it ('cruising' of 'about car
    cruising and boy racers'; 'asked about how long' names nothing), and never a comparison
    or an adverb ('any worse', 'any shorter', 'about burglaries nowadays': 'burglaries')."""
    heads = []
    for match in ASKS_ABOUT.finditer(question):
        phrase = []
        for word in match.groups()[1:]:
            if not word or word.lower() in CLOSES_ASKED:
                break
            phrase.append(word)
        after_any = match.group(1).lower() == "any"
        named = [w for w in phrase if not _compares(w, after_any)]
        if named and (
            match.group(1).lower() not in WHERE_ASKED
            or (len(named[-1]) >= 5 and named[-1].lower() not in NOT_WHERE)
        ):
            heads.append(named[-1])
    return heads


def _compares(word: str, after_any: bool) -> bool:
    """A comparison or an adverb, not a thing: 'worse', 'nowadays', 'any cheaper'."""
    word = word.lower()
    return word in COMPARATIVES | ADVERBS or word.endswith("ly") or (after_any and word.endswith("er"))


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
    if value_kind in ("expansion", "definition"):
        return value_kind, None
    words = re.findall(r"[\w'’-]+", RELATIVE_CLAUSE.sub(" ", question))
    first = words[0].lower() if words else ""
    named = ASKS_NAMED.search(question)
    # 'Which two police forces are bidding …' asks forces bidding; 'which three Welsh
    # forces …' asks them listed.
    if named and first in ("which", "what", "in"):
        head = named.group(1).lower()
        shape = next((shape for shape, heads in NAME_CLASSES.items() if head in heads), None)
        if shape:
            after = question[named.end() :].split()
            return shape, _asked_verb(after, first_one=True)
    if value_kind == "list":
        return value_kind, None
    which = WHICH_CLASS.match(question)
    if value_kind is None and which and which.group(1).lower() not in NOT_CLASSES:
        said = CLASS_VERB.match(question[which.end() :])
        verb = said.group(1) if said else ""
        doing = verb.islower() and verb not in AUXILIARIES | NOT_VERBS | DETERMINERS
        return "named", verb if doing else None
    if asks_finding := ASKS_FINDING.search(question):
        return "finding", next(verb for verb in asks_finding.groups() if verb).lower()
    if first == "who":
        copula = (
            len(words) > 2
            and words[1].lower() in ("is", "are", "was", "were")
            and words[2].lower() in DETERMINERS
        )
        return "person", None if copula else _asked_verb(words[1:], first_one=True)
    if value_kind in ("person", "place"):
        return value_kind, None
    presence = PRESENCE_FORMS & {w.lower() for w in words[1:]} or DOING_ANYTHING.search(question)
    if value_kind == "yesno" and not presence:
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
