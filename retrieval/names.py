"""Names in a sentence, as the gates (retrieval.gates) read them: a new name of the shape a
question asks for ('which company …', 'who …', 'where …'), not one the question already
says, not a label ('Appendix B', 'Minute 304') nor a month; names listed after the class
asked for; the one doing the asked verb; and what a sentence says outside its names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from panelqa.text import terms
from retrieval.asked import CAPITALISED, MONTH_NAME, NAME_CLASSES, RELATIVE_CLAUSE, Asked
from retrieval.judge import COMMON_NAMES
from retrieval.wording import same_things

# A surname may be a word the papers write a few times ('to champion'); a body's word, often.
SURNAME_IN_LOWER_CASE = 3
# A number after one of these labels it ('Minute 304', 'Appendix 2') and counts nothing.
LABELLED = re.compile(
    r"\b(?:minute|paragraph|para|page|item|appendix|annex|table|section|figure|chart|commitment|"
    r"phase|stage|tier|level|op|operation|no\.?)\s*$",
    re.I,
)
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
# The role a 'who is the …?' question asks for, up to a preposition or its end.
ROLE_ASKED = re.compile(
    r"\s*who\s+(?:is|are|was|were)\s+the\s+([\w'’ -]+?)(?=\s+(?:for|of|in|at|on)\b|\s*\?|\s*$)", re.I
)
NAME_SHAPES = {
    "force": re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Police|Constabulary)\b"),
    "school": re.compile(r"\b[A-Z][\w'’]+(?: [A-Z][\w'’]+)* (?:School|College|Academy)\b"),
    "university": re.compile(
        r"\b[A-Z][\w'’]+(?: [A-Z][\w'’]+)* (?:University|College)\b|\bUniversity of [A-Z]\w+"
    ),
    # A place is named where something happens: 'held at Hartlebury', 'in Telford'.
    "place": re.compile(
        r"\b(?i:at|in|across|to|from|near|around|throughout|such as|including)\s+(?:the\s+)?"
        r"([A-Z][\w'’]+(?: [A-Z][\w'’]+)*)"
    ),
}
# Names listed straight after a noun, in brackets or after a colon: 'Most Similar Forces
# are: Devon & Cornwall, …', 'a number of reviews (Bridgnorth, Tenbury Wells)'.
LISTED_AFTER = re.compile(
    r"([\w'’-]+)\s*(?:(?:are|were|include|includes|including)\s*)?[:(]\s*([A-Z][\w'’&-]*(?:\s+[A-Z&][\w'’&-]*)*)"
)
TITLED_PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Supt|Superintendent|Inspector|Sergeant|Councillor|Cllr|"
    r"Professor|Sir|Dame|Lord|Baroness|Judge|DCC|ACC)\.?\s+[A-Z][a-z]+"
)


def lists_names(asked: Asked, piece: str) -> bool:
    """Whether `piece` lists new names straight after a noun the question asks about or
    the class it asks for ('which forces …' is answered by 'Most Similar Forces are: Devon
    & Cornwall, …'; 'which towns' estate reviews …' by 'reviews (Bridgnorth, …)')."""
    classes = asked.class_terms | set(terms(" ".join(NAME_CLASSES[asked.kind])))  # type: ignore[index]
    nouns = same_things(asked.about | classes)
    return any(
        same_things(terms(m.group(1))) & nouns
        and (m.group(1).islower() or ":" in m.group())  # 'Policing Bodies (Complaints …)' is a title
        and is_shaped_name(asked, m.group(2))
        for m in LISTED_AFTER.finditer(piece)
    )


# How near its class's noun a name stands to be one of the class ('the service previously
# provided by Victim Support').
NEAR_CLASS_WORDS = 4
# A name said to be one of a class: 'Stafford Park in Telford has become the first
# industrial estate …'.
SAID_TO_BE_ONE = re.compile(
    r"^\W*(?:[\w'’&-]+\s+){0,3}?(?:is|was|are|were|became|has become|have become)\s+(?:the|a|an)\s+"
    r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)"
)
# Before a name that says where, not which ('met in London').
WHERE = re.compile(r"\b(?:in|at|on|near|across|throughout|within)\s+(?:the\s+)?$", re.I)


def names_of_class(asked: Asked, piece: str, plain: Mapping[str, int]) -> bool:
    """Whether `piece` gives a new name beside the noun of the class asked ('alongside Home
    Secretary Sajid Javid' for 'which Home Secretary …'; 'three summer events: the
    Hereford Food Festival' for 'which summer events …') or says a new name is one of the
    class: another name in the sentence is of some other thing, and a name after 'in' or
    'at' says where ('met in London')."""
    wanted = same_things(asked.class_terms)
    for match in CAPITALISED.finditer(piece):
        if not is_shaped_name(asked, match.group()) or WHERE.search(piece[: match.start()]):
            continue
        if CLAUSE_OPENING.search(piece[: match.start()]) and not opens_with_a_name(match.group(), plain):
            continue
        # A name whose first word is the class's noun names something else ('Counter
        # Terrorism Local Profiles' for 'which front counters …'); 'Serious Crime Act' is an act.
        within = match.group().split()[1:]
        before = re.findall(r"[\w'’-]+", piece[: match.start()])[-NEAR_CLASS_WORDS:]
        after = re.findall(r"[\w'’-]+", piece[match.end() :])[:NEAR_CLASS_WORDS]
        said_to_be = SAID_TO_BE_ONE.match(piece[match.end() :])
        near = [*before, *within, *after, said_to_be.group(1) if said_to_be else ""]
        if same_things(terms(" ".join(near))) & wanted:
            return True
    return False


def opens_with_a_name(words: str, plain: Mapping[str, int]) -> bool:
    """Whether capitalised words opening a clause are a name: two or more ('Stafford Park in
    Telford …'), or one the papers never write in lower case ('Herefordshire saw the least';
    not 'Progress update: Procurement is complete')."""
    return " " in words or not plain.get(words.lower())


def named_before_verb(asked: Asked, piece: str, question: str) -> bool:
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


def said_to_be(asked: Asked, piece: str, question: str) -> bool:
    """Whether `piece` says a name (an acronym too) the question does not say is the role
    a 'who is the …?' question asks for: 'The NCA is the lead law enforcement agency'."""
    role = ROLE_ASKED.match(question)
    if not role:
        return False
    # The subject is capitalised (a name, an acronym); the role may be written in any case.
    said = re.search(
        rf"\b([A-Z][\w&'’-]*)\s+(?i:(?:is|are|was|were)\s+the\s+{re.escape(role.group(1))})\b", piece
    )
    pronouns = {"it", "this", "that", "there"}
    return said is not None and said.group(1).lower() not in asked.question_names | pronouns


def outside_names(piece: str) -> str:
    """`piece` without its names; a capitalised word opening it stays ('Response submitted
    by Capita Reviews Ltd' keeps 'Response')."""
    return CAPITALISED.sub(
        lambda m: m.group().split()[0] if CLAUSE_OPENING.search(piece[: m.start()]) else " ", piece
    )


def is_shaped_name(asked: Asked, name: str) -> bool:
    """A new name, not a month or a label: 'held in November', 'relevant to December's
    election', 'set out in Appendix B'."""
    first = re.sub(r"['’]s$", "", name.split()[0])
    return not MONTH_NAME.match(first) and not LABELLED.search(first) and _is_new(asked, name)


def _is_new(asked: Asked, name: str) -> bool:
    """Whether a name says a word the question does not. Acronyms do not count: 'IOM' is
    the question's 'Integrated Offender Management' again, not who carried it out."""
    # A closing quote is no part of the name ("re designated to 'Crime and Vulnerability'").
    # Nor is a possessive ('West Mercia's' is West Mercia).
    said = (w for w in re.findall(r"[\w'’&-]+", name) if not w.isupper())
    words = [re.sub(r"['’]s$", "", w.lower()).strip("'’") for w in said]
    # A name the question says in lower case is the question's too ('major incidents').
    asked_terms = asked.topic | asked.about
    return any(
        w not in asked.question_names and w not in COMMON_NAMES and not set(terms(w)) <= asked_terms
        for w in words
    )


def new_names(asked: Asked, piece: str, plain: Mapping[str, int], person: bool) -> list[str]:
    """Capitalised names in `piece` the question does not already say, not opening the
    sentence, not months; for a person, a titled name, or a first and last name: a given
    name the papers never write in lower case (`plain`: 'Road Policing' is none) and a
    surname they seldom do ('John Champion', though 'to champion' is written)."""
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
            and all(w[1:].islower() and w.lower() not in NOT_PERSONAL for w in first_last)
            and not plain.get(first_last[0].lower())
            and plain.get(first_last[1].lower(), 0) < SURNAME_IN_LOWER_CASE
        ):
            continue
        names.append(" ".join(words))
    return names
