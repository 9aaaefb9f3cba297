"""What one sentence must hold to answer a question that asks for a particular thing.

A question asking for a value (an amount, a count, a percentage, a date, a duration, a
grade), a name (a person, an organisation, a place), a finding ('what did the evaluation
find?') or an outcome ('did the judge approve …?') is answered only when one sentence on
the question's topic holds that thing beside what the question asks about. Sharing the
topic's words is not enough: near-miss questions are written from the same passages.
Each gate is measured in `panelqa eval` by the near misses it abstains on and the
answerable questions it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from panelqa.text import SENTENCE_BREAK, date_terms, terms, years_named
from retrieval.counts import counts, figures
from retrieval.judge import (
    ASKING_WORDS,
    ASKS_TARGET,
    COMMON_NAMES,
    COUNTED,
    HAS_KIND,
    MONTHS,
    VALUE_KINDS,
)
from retrieval.judge import AUXILIARIES as JUDGE_AUXILIARIES
from retrieval.periods import in_asked_years, other_months, other_quarter
from retrieval.wording import SYNONYMS, same_things

# Words that say little about what is asked: 'the new OCC', 'the final strategy'.
WEAK_TERMS = frozenset(
    terms(
        "new final first last year go goes went gone get gets got make made put puts come came take took "
        "eventually finally so far already according report paper"
    )
)
LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
# A number after one of these labels it ('Minute 304', 'Appendix 2') and counts nothing.
LABELLED = re.compile(
    r"\b(?:minute|paragraph|para|page|item|appendix|annex|table|section|figure|chart|commitment|"
    r"phase|stage|tier|level|op|operation|no\.?)\s*$",
    re.I,
)
# A negation shortly before a date says it is not when the thing happens.
NEGATED = re.compile(r"(?:\b(?:not|unable|cannot|never)\b|n't\b)(?:\W+\w+){0,6}\W*$", re.I)
# Before a capitalised word that may open a clause rather than be a name: the start, ':',
# ';', a bullet ('Progress update: Procurement is complete').
CLAUSE_OPENING = re.compile(r"(?:^|[:;•])\s*$")
# Words of the names of places, bodies and papers, never of a person ('Risk Markers',
# 'West Midlands', 'Protective Services').
NOT_PERSONAL = frozenset(COMMON_NAMES) | frozenset(
    """north south east west midlands county city council service services centre center board
    group team unit department partnership trust office court meeting meetings notes note
    report risk markers strategy plan scheme fund programme project review update assurance
    monthly annual national regional local community safety health victim victims support
    protective""".split()
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
# A sentence of what is to come: no finding yet.
FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|intends? to|is due to|are due to)\b", re.I)
# Words before a verb that make it a wish or a plan, not an outcome.
MODAL = frozenset("to be should would could will may might seek seeking sought calls call".split())
COMMON_TERMS = frozenset(terms(" ".join(COMMON_NAMES) + " crime crimes policing"))
# 'Is X a problem?', not 'Was there …?'.
COPULAR = re.compile(r"\s*(?:is|are|was|were)\b(?!\s+there\b)", re.I)
PAST_FORMS = frozenset(form for forms in IRREGULAR_PAST.values() for form in forms.split())
DETERMINERS = frozenset("the a an his her its their this that these those our any".split())
# Before a noun, never before a verb ('the force that uses' has a verb after 'that').
ARTICLES = frozenset("the a an his her its their our".split())
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
NAME_SHAPES = {
    "force": re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Police|Constabulary)\b"),
    "school": re.compile(r"\b[A-Z][\w'’]+(?: [A-Z][\w'’]+)* (?:School|College|Academy)\b"),
    "university": re.compile(
        r"\b[A-Z][\w'’]+(?: [A-Z][\w'’]+)* (?:University|College)\b|\bUniversity of [A-Z]\w+"
    ),
    # A place is named where something happens: 'held at Hartlebury', 'in Telford'.
    "place": re.compile(r"\b(?i:at|in)\s+(?:the\s+)?([A-Z][\w'’]+(?: [A-Z][\w'’]+)*)"),
}
TITLED_PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Supt|Superintendent|Inspector|Sergeant|Councillor|Cllr|"
    r"Professor|Sir|Dame|Lord|Baroness|Judge|DCC|ACC)\.?\s+[A-Z][a-z]+"
)
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the)?\s*[A-Z][\w'’&-]*)*")
FORCE_AREA = frozenset(terms("West Mercia"))
ASKED_PLACE = re.compile(r"\b(?:in|to|at|across)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
MONTH_NAME = re.compile(rf"^(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|q\d)$", re.I)


def clauses(text: str) -> list[str]:
    """A passage's sentences, table cells and lines, each as written."""
    pieces = []
    for line in text.split("\n"):
        for cell in line.split(" | "):
            pieces += [p.strip() for p in SENTENCE_BREAK.split(cell) if p.strip()]
    return pieces


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


# What an amount measures. A question about what something cost is not answered by what it
# saved ('a saving of £350 a month'), nor the other way round.
MEASURES = (
    frozenset(terms("cost spend spent price paid pay purchase bought invest expenditure worth")),
    frozenset(terms("save saving savings saved efficiency efficiencies")),
)


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
        phrase = _counted_phrase(question) if value_kind == "count" else ""
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


def _counted_phrase(question: str) -> str:
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


def _planned(asked: Asked, piece: str) -> bool:
    """Whether a sentence says what is to come before any finding: 'the inquiry will
    propose recommendations', not 'the review concluded that Drive will be extended'."""
    future = FUTURE.search(piece)
    if future is None:
        return False
    found = next((m for m in re.finditer(r"[\w'’-]+", piece) if m.group().lower() in asked.verb_forms), None)
    return found is None or future.start() < found.start()


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
TREND_FORMS = frozenset("reduced reduction increased decreased fell rose dropped halved doubled".split())
ASKS_CHANGE = re.compile(
    r"\b(?:cut|reduc\w*|increas\w*|decreas\w*|ris\w*|rose|fall\w*|fell|grow\w*|improv\w*|better|"
    r"worse|more|less|fewer|lower|higher|younger|older)\b",
    re.I,
)


# Yes/no questions that ask whether something was said or raised: the topic's presence is
# the answer, so no outcome verb is looked for.
PRESENCE_FORMS = frozenset().union(
    *(
        verb_forms(v)
        for v in "discuss raise ask mention report promise consider talk debate note see hear".split()
    ),
    # 'Has the SOCJAG got a non-police chair?' asks whether the papers say it has one.
    frozenset("get got gotten have has".split()),
)


def answering(
    asked: Asked,
    texts: list[str],
    question: str,
    dated: Sequence[frozenset[int]] = (),
    written_lower: frozenset[str] = frozenset(),
) -> list[tuple[int, str]]:
    """The sentences of `texts` (the best passages) that answer what is asked, each with
    the number of its passage: in a passage that names the topic (a heading may name it,
    not the sentence), or saying two or more of the things asked about. A question naming
    a year is answered only for that year: by a sentence naming it, or one naming no year
    in a passage whose `dated` years (its period, its meeting) include it. An open
    question (no kind) has no gate: none are looked for. `written_lower`: the words the
    papers write in lower case somewhere, which are no personal names ('Road Policing')."""
    if asked.kind is None:
        return []
    plain = written_lower | lower_case_words(" ".join(texts))
    found = []
    for n, text in enumerate(texts):
        said = set(terms(text))
        if not asked.places <= said:
            continue  # a figure asked for a place is in a passage naming it ('going to Herefordshire')
        topical = not asked.topic or bool(asked.topic & said)
        pieces = clauses(text)
        for i, piece in enumerate(pieces):
            here = set(terms(piece))
            # 'This is costing West Mercia £6m': what is asked about may be in the sentence before.
            context = here | set(terms(pieces[i - 1])) if i else here
            before = pieces[i - 1] if i else ""
            if _for_another_time(asked, question, piece, before, dated[n] if dated else frozenset()):
                continue
            if (topical or len(asked.about & here) >= 2) and _holds(
                asked, piece, here, context, question, plain
            ):
                found.append((n, piece))
    return found


def lower_case_words(text: str) -> frozenset[str]:
    """The words `text` writes in lower case ('community', never 'Community' alone)."""
    return frozenset(re.findall(r"(?<![\w'’])[a-z][a-z'’-]+", text))


def _for_another_time(
    asked: Asked, question: str, piece: str, before: str, passage_years: frozenset[int]
) -> bool:
    """Whether a sentence gives its value for a year, quarter or months other than those
    asked: 'in Q1' is not answered by the next report's Q2 figure. A date asked is the
    month a sentence gives, not a period it is given for."""
    if asked.kind not in VALUE_KINDS:
        return False
    if asked.years and not in_asked_years(asked.years, piece, before, passage_years):
        return True
    return other_quarter(question, piece) or (asked.kind != "date" and other_months(question, piece))


def _holds(
    asked: Asked, piece: str, here: set[str], context: set[str], question: str, plain: frozenset[str]
) -> bool:
    if asked.kind in VALUE_KINDS:
        said_measures = [m for m in MEASURES if m & here]
        measured = asked.kind in ("amount", "figure") and asked.measures
        if measured and said_measures and not set(asked.measures) & set(said_measures):
            return False  # a saving for a cost, or a cost for a saving
        return _value_here(asked, piece, context)
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
        return _named_before_verb(asked, piece, question) or bool(
            _new_names(asked, piece, plain, person=True)
        )
    if asked.kind == "person" and not asked.verb_forms:
        return bool(_new_names(asked, piece, plain, person=True))  # 'Who are the new …?'
    # Else a new name of the asked shape, said with the asked verb or with something else
    # the question asks about ('submitted the response' for 'who sent the response').
    # What is asked about is said outside the names: 'Independent Office for Police Conduct'
    # does not say 'the independent element'.
    if asked.verb_forms and not (_says_verb(asked, piece) or asked.about & set(terms(_outside_names(piece)))):
        return False
    shape = NAME_SHAPES.get(asked.kind)  # type: ignore[arg-type]
    if shape:
        return any(_is_shaped_name(asked, m.group(m.lastindex or 0)) for m in shape.finditer(piece))
    return bool(_new_names(asked, piece, plain, person=False))


def _names_topic(asked: Asked, here: set[str]) -> bool:
    """The sentence names the topic by a term other than those every paper uses or a time
    ('hate crimes in December 2019' is named by 'hate', not by '2019')."""
    years = {str(y) for y in asked.years} | {f"{(y + n) % 100:02d}" for y in asked.years for n in (0, 1)}
    timeless = asked.topic - TIME_TERMS - years
    return bool(((timeless - COMMON_TERMS) or timeless) & here)


def _says_verb(
    asked: Asked, piece: str, forms: frozenset[str] | None = None, after_article: bool = False
) -> bool:
    """The asked verb (or one of `forms`), as done: 'approved', not 'to be approved' or
    'should approve'; after an article only when `after_article` ('the findings', 'a
    successful bid')."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", piece)]
    forms = asked.verb_forms if forms is None else forms
    return any(
        w in forms
        and not MODAL & set(words[max(0, i - 2) : i])
        and (after_article or not (i and words[i - 1] in ARTICLES))  # 'their use' is a noun
        for i, w in enumerate(words)
    )


def _named_before_verb(asked: Asked, piece: str, question: str) -> bool:
    """A name or role the question does not say, just before the asked verb: 'the PCC chairs'.
    The acronym of a name the question says is that name again ('ICV' for 'Independent
    Custody Visitor')."""
    # 'The Deputy PCC, who was elected in 2016, now chairs …': the doer, not the clause.
    words = re.findall(r"[\w'’&-]+", RELATIVE_CLAUSE.sub(" ", piece))
    # 'Head of PSD' is a title, not the verb 'heads' ('(Chairman)' names the one chairing).
    at = next(
        (
            i
            for i, w in enumerate(words)
            if w.lower() in asked.verb_forms and not (w[0].isupper() and words[i + 1 : i + 2] == ["of"])
        ),
        0,
    )
    acronyms = {
        "".join(w[0] for w in m.group().split() if w[0].isupper()).lower()
        for m in CAPITALISED.finditer(question)
    }
    asked_terms = asked.topic | asked.about
    # The doer stands just before the verb ('the PCC chairs'), not clauses away ('across the
    # Force, a strategic lead has been appointed'); a sentence's capitalised first word is
    # no name unless in capitals ('DPCC now chairing').
    doers = [w for i, w in enumerate(words[:at]) if at - i <= 4 and (i or (len(w) > 1 and w.isupper()))]
    return any(
        w[0].isupper()
        and w.lower() not in asked.question_names | acronyms
        and not MONTH_NAME.match(w)
        and not set(terms(w)) & asked_terms  # the topic's own words, typed in lower case
        for w in doers
    )


def _outside_names(piece: str) -> str:
    """`piece` without its names; a capitalised word opening it stays ('Response submitted
    by Capita Reviews Ltd' keeps 'Response')."""
    return CAPITALISED.sub(lambda m: m.group() if CLAUSE_OPENING.search(piece[: m.start()]) else " ", piece)


def _is_shaped_name(asked: Asked, name: str) -> bool:
    """A new name, not a month or a label: 'held in November', 'set out in Appendix B'."""
    first = name.split()[0]
    return not MONTH_NAME.match(first) and not LABELLED.search(first) and _is_new(asked, name)


def _is_new(asked: Asked, name: str) -> bool:
    """Whether a name says a word the question does not. Acronyms do not count: 'IOM' is
    the question's 'Integrated Offender Management' again, not who carried it out."""
    # A closing quote is no part of the name ("re designated to 'Crime and Vulnerability'").
    words = [w.lower().strip("'’") for w in re.findall(r"[\w'’&-]+", name) if not w.isupper()]
    return any(w not in asked.question_names and w not in COMMON_NAMES for w in words)


def _new_names(asked: Asked, piece: str, plain: frozenset[str], person: bool) -> list[str]:
    """Capitalised names in `piece` the question does not already say, not opening the
    sentence, not months; for a person, a titled name, or a first and last name neither
    of whose words the passages (`plain`) write in lower case."""
    if person:
        titled = [m.group() for m in TITLED_PERSON.finditer(piece) if _is_new(asked, m.group())]
        if titled:
            return titled
    names = []
    for match in CAPITALISED.finditer(piece):
        words = [w for w in match.group().split() if not MONTH_NAME.match(w)]
        # One capitalised word opening a clause is no name ('Progress update: Procurement …');
        # 'are: Jane Harper and Tom Wilde' is.
        opens = CLAUSE_OPENING.search(piece[: match.start()]) and len(words) == 1
        if opens or not words or not _is_new(asked, " ".join(words)):
            continue
        first_last = words[:2]
        if person and not (
            len(first_last) == 2
            and all(
                w[1:].islower() and w.lower() not in plain and w.lower() not in NOT_PERSONAL
                for w in first_last
            )
        ):
            continue
        names.append(" ".join(words))
    return names


def _value_here(asked: Asked, piece: str, context: set[str]) -> bool:
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
        if asked.kind == "count" and asked.counted:
            if LABELLED.search(piece[: value.start()]):
                continue  # 'Minute 304', 'Appendix 2': a label, not a count
            before, after = piece[: value.start()].split(), piece[value.end() :].split()
            if not counts(asked.counted, before, after, asked.counted_names, known):
                continue
            return True  # the noun a count stands before binds it; no more is asked
        if asked.kind == "date":
            # A date is an event's: its own sentence says something asked about ('will
            # meet for the first time'), and it or the one before names the topic, which
            # no two things asked about stand in for ('the Safer Roads Partnership
            # Governance Board will meet' is no meeting of the Victims' Board).
            event = not asked.about or same_things(asked.about) & same_things(terms(piece))
            if event and _names_topic(asked, context):
                return True
            continue
        said_about = same_things(asked.about) & same_things(context)
        if (not asked.about or said_about) and (
            _names_topic(asked, context) or len(said_about) >= min(2, len(asked.about))
        ):
            return True
    return False
