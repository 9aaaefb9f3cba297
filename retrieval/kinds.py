"""What a question asks for, and what shape of value answers it: `asked_kind` reads the
kind ('count', 'amount', 'date', 'person', 'phone', 'list', …, or None for an open
question) and `holds_kind` says whether a sentence could hold one (retrieval.gates binds a
value to what is asked about; retrieval.judge weighs the rest)."""

from __future__ import annotations

import re

from panelqa.text import MONTHS as MONTH_NUMBERS
from panelqa.text import date_terms, terms
from retrieval.verbs import PAST_FORMS

MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))  # 'september' before 'sep'
# The asked-for kind, tried in order: 'how much … per cent' asks for a percentage.
# 'What target …' / 'what total …': a count asked for by the word it stands after.
AUXILIARIES = frozenset(
    "did does do is are was were has have had will would can could should shall might must".split()
)
AUXILIARY = "(?:" + "|".join(sorted(AUXILIARIES)) + ")"
ASKS_TARGET = re.compile(r"\bwhat (?:\w+ ){0,3}?(target|total)\b", re.I)
# 'what's her email?', 'what is the VAL's phone for victims?': the thing asked is the noun
# that closes the question ('what did the PCC say about email scams?' asks no address).
WHATS = r"\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?:[\w'’]+\s+){0,4}?"
NOUN_ENDS = r"\s*(?:\?|$|\b(?:for|of)\b)"
# 'What is CLIMB?', 'VMB on 101 calls - what's VMB?': a question ending on initials asks
# what they are.
DEFINED = re.compile(r"(?i:\bwhat(?:'s|’s|\s+is|\s+are|\s+was))\s+(?:the\s+)?([A-Z][A-Z0-9&]+)s?\s*\??\s*$")
# How many things a list question asks for: 'nine outcomes', 'the 7 point plan'.
LISTED_NUMBER = r"(two|three|four|five|six|seven|eight|nine|ten|[2-9])(?:[ -]point)?"
ASKS = (
    # How to reach someone: a phone number, an email address or a web address answers.
    (
        "phone",
        re.compile(
            rf"\b(?:tele)?phone number\b|\bcontact number\b|\bnumber to (?:call|ring)\b|"
            rf"{WHATS}(?:tele)?phone{NOUN_ENDS}",
            re.I,
        ),
    ),
    ("email", re.compile(rf"\be-?mail address\b|{WHATS}e-?mail{NOUN_ENDS}", re.I)),
    ("web", re.compile(rf"\bweb(?:site)? (?:address|link)\b|\burl\b|{WHATS}website{NOUN_ENDS}", re.I)),
    # 'Up or down, and by how much?', 'how much of the £10m did it get?', 'how big is the
    # fund?': any figure answers, a share, a sum or a count.
    (
        "figure",
        re.compile(
            r"\bby how much\b|\bhow much (?:more|less|higher|lower|of)\b(?!\s+an?\b)|"
            # 'how much shoplifting was recorded': crime is counted, not paid for
            r"\bhow much (?!(?:money|funding|funds?|cash|spend|spending|grants?|budget|income)\b)"
            r"[\w'’ -]{1,40}? (?:was|were|is|are|has been|have been|had been|got) "
            r"(?:recorded|reported|committed|logged|detected)\b|"
            r"\bhow (?:big|large) (?:is|was|are|were)\b|"
            # 'what is the figure for burglary', 'what rank is West Mercia'
            r"\bwhat(?:'s|\s+(?:is|was|were|are))?\s+(?:the\s+)?(?:latest\s+|overall\s+)?(?:figure|size|rank|ranking)\b|"
            r"\bhow much (?:did|has|have|had|does|do|will) [\w' ]{1,40}?"
            r"(?-i:rise|risen|rose|fall|fallen|fell|increased?|decreased?|drop|dropped|grow|grown|"
            r"changed?|go up|go down|gone up|gone down)\b(?!-)",
            re.I,
        ),
    ),
    (
        "percentage",
        re.compile(
            r"\b(what|which) (percentage|proportion|share|per ?cent)|"
            # 'what compliance rate', not a pay rate nor 'what did HMICFRS rate …'
            r"\bhow many per ?cent|\bpercentage of\b|"
            r"\bwhat (?!(?:did|does|do|will|would|hourly|daily|weekly|pay|tax|interest)\b)(\w+ ){0,2}rate\b|"
            r"\bwhat(?:'s|\s+(?:was|is|were|are))\s+the\s+"
            r"(?:(?!(?:hourly|daily|weekly|pay|tax|interest)\b)[\w-]+\s+){0,3}rate\b|"
            # 'what was body worn video compliance': compliance is reported as a share
            # ('what is the force doing about compliance' asks no share)
            r"\bwhat(?:'s|\s+(?:was|is|were|are))\s+(?:the\s+)?"
            r"(?:(?!(?:doing|done|being|about|with|on|for|to|in|of|by)\b)[\w-]+\s+){0,4}compliance\b",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            r"\bhow much\b(?!\s+(?:time|longer|more|less|of)\b)|\bworth\b|"
            r"\bwhat (was|is|were|are) the (\w+ )?(cost|budget|price|value|amount)\b|"
            r"\bwhat (was|is|were|are) the\b[^?]*\b(salary|salaries|fee|fees)\b|"
            r"\bput the cost\b|\bwhat (did|does|do|would|will|could) .*\bcost\b|"
            r"\bwhat(?:'s|\s+(?:is|was|are|were))\b[\w'’ ]{0,40}\bcosting\b|"
            r"\bwhat (did|does|do|will) [\w' ]+ (pay|spend) (for|on)\b|"
            r"\bwhat\b.*\b(?:going to|to|will|would) cost\b|"
            r"\bwhat (\w+ )?(salary|salaries|fee|fees|price)\b|"
            r"\bwhat savings? (did|does|do|was|were|has|have|will)\b|"
            # 'What was spent on …', 'what is Warwickshire being charged', 'the pay for the job'
            r"\bwhat (?:was|is|were|has been|had been) spent\b|"
            r"\bwhat(?:'s| is| was| are| were) [\w' ]*\bcharged (?:for|by)\b|"
            r"\bthe pay (?:for|of)\b",
            re.I,
        ),
    ),
    (
        "count",
        re.compile(
            rf"\bhow many\b|\bwhat number of\b|{ASKS_TARGET.pattern}",
            re.I,
        ),
    ),
    # 'What are the nine outcomes in the Victims' Charter?', 'which three Welsh forces …':
    # the things themselves, listed.
    (
        "list",
        re.compile(
            r"(?:\bwhat (?:are|were|is|was|does|do|did) the "
            r"(?:(?!(?:year|phase|stage|part|quarter|round)\b)\w+ )?|^\s*which )"
            rf"{LISTED_NUMBER} [a-z0-9]",
            re.I,
        ),
    ),
    # 'VMB on 101 calls - what's VMB?': initials the papers must say what they are.
    ("definition", DEFINED),
    # 'MATES - what does it stand for?': the words its initials spell answer (retrieval.gates).
    (
        "expansion",
        re.compile(
            r"\bwhat (?:does|do|did) [\w'’ -]{1,40}? stand for\b|\bshort for\s*\??\s*$|"
            r"\bwhat (?:does|do) (?:the )?(?:acronym|abbreviation|initials)\b",
            re.I,
        ),
    ),
    # The hours of the day a service keeps: 'what hours can victims ring …', 'what time
    # does it start', 'opening hours' (not 'what time period', nor 'when does the
    # consultation open', a date).
    (
        "hours",
        re.compile(
            r"\bwhat (?:hours|times? of (?:the )?day)\b|"
            r"\bwhat time\b(?!\s+(?:period|frame|scale|span|limit|of (?:the )?year)s?\b)|"
            r"\bopening (?:hours|times)\b",
            re.I,
        ),
    ),
    # 'How often does the group meet?' is answered by 'meets bi-monthly', not by a count.
    ("frequency", re.compile(r"\bhow (?:often|frequently|regularly)\b|\bwhat frequency\b", re.I)),
    ("grade", re.compile(r"\bwhat (grade|grading|rating)\b|\bhow was .* (graded|rated)\b", re.I)),
    (
        "date",
        re.compile(
            # 'When did …', also after a clause ('After it was suspended, when did …');
            # 'When the service was re-tendered, did …' asks whether.
            rf"^\s*when\b(?![^?,]*,\s*{AUXILIARY}\b)|(?:[,;:]|\s[–-])\s*when(?:'s|\s+{AUXILIARY})\b|"
            r"\bwhat (?:date|month|day)\b|\bwhich (year|month|date|day)\b|"
            r"\b(?:by|until|till) when\b|\bwhat year\b|\bon what date\b|"
            # 'what's the new go-live date', 'what is the date of …' ('up-to-date' and 'the
            # spend to date' are no dates)
            r"\bwhat(?:'s|\s+(?:is|was|will be))\s+(?:the\s+)?"
            r"(?:(?!to\b)[\w-]+\s+){0,3}(?<!\bto\s)(?:date|deadline)\b",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"^\s*who\b|\bwhat(?:'s| is| was) the name of\b|\bwhat(?:'s| is| was) (?:their|his|her) name\b|"
            r"\bwho (carried|led|leads|chairs)\b|\bwhich (?:\w+ ){0,2}(?:superintendent|inspector|"
            r"sergeant|councillor|consultant|manager|director|chairman|chair|person|commander)\b",
            re.I,
        ),
    ),
    # 'Where do referrals come from?' asks for a source, not a place; 'where has the review
    # got to?', 'where are we with …', 'where does it stand?' ask how far a thing has come.
    (
        "place",
        re.compile(
            r"^\s*where\b(?!.*\bcomes? from\b)(?!.*\b(?:got to|stands?|standing)\s*\??\s*$)"
            r"(?!\s+(?:are|is)\s+(?:we|things|it)\s+(?:with|on|at)\b)|"
            r"\bwhich (site|building|town|location)\b",
            re.I,
        ),
    ),
    # Also after a clause: 'When the service was re-tendered, did the incumbent keep it?',
    # 'In 2019, did the PCC approve the precept?'
    (
        "yesno",
        re.compile(
            rf"^\s*{AUXILIARY}\b|^(?!\s*(?:how|what|which|who|where|why)\b)[^?,]*,\s*{AUXILIARY}\b", re.I
        ),
    ),
    # 'What was the average time to attend …' asks for a duration as 'how long' does.
    (
        "duration",
        re.compile(
            r"\bhow long\b|\bhow quickly\b|\bwhat (\w+ ){0,2}(waiting time|wait)\b|"
            r"\bwhat (?:is|was|were|are) (?:the )?(?:average|mean|median|typical) (?:\w+ ){0,2}times?\b|"
            r"\baverage (?:\w+ )?time to\b",
            re.I,
        ),
    ),
    # Counts asked without 'how many': 'what was the number of …', 'number of complaints in
    # 2020?', '2018/19 - number of complaints lodged?', 'what's the subscriber count', 'the
    # turnout' ('why has the number … fallen?' asks why).
    (
        "count",
        re.compile(
            r"^\s*(?:what|which)\b[^?]*(?<!\ba )\b(?:number of|count|turnout|toll|tally|headcount)\b|"
            # also after a terse opening label: 'apr-dec 2015: number of cases logged?'
            r"(?:^|^[^?]*?[:–-]\s+)(?:the\s+)?(?:total\s+)?number of\b",
            re.I,
        ),
    ),
)
PERCENTAGE = r"\d[\d.,]*\s*%|\bper ?cent\b"  # the whole share: "2.1%"
# A number that is not a year (nor the end of one: '2018/19'), part of one ('£50,000'), a
# ref ('1.2'), a list marker ('(2)'), a percentage, a time or a day ('1 October').
COUNT_IN_DIGITS = (
    r"(?<![\d.,£/])\b(?!(?:199\d|20[0-3]\d)\b)\d[\d,]*\b(?![.:]\d|\)|\s*%|\s*per ?cent|"
    rf"\s+(?:{MONTHS})\b)"
)
# Numbers as words, by their value: 'three' is 3.
NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split(),
        1,
    )
} | {word: str(10 * n) for n, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
SAID_NUMBER = "|".join(NUMBER_WORDS)
COUNT = COUNT_IN_DIGITS + rf"|\b(?:{SAID_NUMBER}|dozen|hundred|thousand)\b"
# The whole sum: '£5m', '£320,000', '2.5 million'.
AMOUNT = (
    r"£\s*\d[\d,.]*(?:\s*(?:m|k|bn|million|billion)\b)?|"
    r"\d[\d,.]*\s*(?:m|k|bn|million|billion)\b|\b\d[\d,.]*\s*pounds\b"
)
PER_UNIT = r"(?:day|week|fortnight|month|quarter|year)"
HAS_KIND = {
    "percentage": re.compile(PERCENTAGE, re.I),
    "amount": re.compile(AMOUNT, re.I),
    # A share, a sum, or a number in digits, not a footnote mark ('^[55]') nor a day ('3 March').
    "figure": re.compile(rf"{PERCENTAGE}|{AMOUNT}|(?<![\[^])(?:{COUNT_IN_DIGITS})(?!\])", re.I),
    "count": re.compile(COUNT, re.I),
    "duration": re.compile(
        # 'a six month research project' as well as '10.7 minutes'; or until when ('extended
        # until 31 March 2021' says how long)
        rf"(?:\b\d[\d,.]*|\b(?:{SAID_NUMBER}))[\s-]*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b|"
        rf"\b(?:until|till) (?:the end of )?(?:\d{{1,2}}(?:st|nd|rd|th)? )?(?:{MONTHS})\b|"
        # 'scheduled to last a month', 'funded for a year' ('once a month' is how often)
        r"\b(?:last(?:s|ed|ing)?|ran|run(?:s|ning)?|for) (?:a|an|one) "
        r"(?:day|week|fortnight|month|quarter|year)\b(?! of\b)",
        re.I,
    ),
    # 'meets bi-monthly', 'every six weeks', 'twice a year'; or how many times ('used on
    # 12 occasions', 'met 4 times'), as 'how often' asks either. Not any number: '12
    # members' says nothing of how often a group meets.
    "frequency": re.compile(
        r"\b(?:[a-z]+-)?(?:daily|weekly|fortnightly|monthly|quarterly|annual(?:ly)?|yearly)\b|\bper annum\b|"
        rf"\b(?:every|each) (?:(?:{COUNT}|other) )?{PER_UNIT}s?\b|"
        rf"\b(?:once|twice|(?:{COUNT})(?:\s+[\w-]+){{0,2}}) (?:a|per|every|each) {PER_UNIT}\b|"
        rf"\b(?:{COUNT}) (?:times|occasions)\b",
        re.I,
    ),
    # A time of day, or round the clock: '9am to 5pm', '11.00 am', '24/7' ('within 24 hours'
    # is how long, not when).
    "hours": re.compile(
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:(?:am|pm)\b|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b24/7\b|"
        r"\bround the clock\b|\bmidnight\b|\bmidday\b|\bnoon\b",
        re.I,
    ),
    # '01905 331000', '0300 333 3000', '(01905) 728 123'.
    "phone": re.compile(r"(?<![\d.,])\(?0\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "web": re.compile(
        r"\bwww\.[\w.-]+|\bhttps?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|org|co|police|nhs|ac)\.uk\b", re.I
    ),
    # The grades HMICFRS gives.
    "grade": re.compile(r"\b(outstanding|good|adequate|requires improvement|inadequate)\b", re.I),
    "date": re.compile(
        rf"\b({MONTHS})\b|\b(19|20)\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|"
        # when said from the paper's own time: 'two more quarters until …', 'next year'
        rf"\b(?:{SAID_NUMBER}|\d+|a few|several) more (?:weeks|months|quarters|years)\b|"
        r"\b(?:next|later this|end of (?:the|this|next)) "
        r"(?:year|month|quarter|spring|summer|autumn|winter)\b",
        re.I,
    ),
    "person": re.compile(
        r"\b(Mr|Mrs|Ms|Miss|Dr|Superintendent|Inspector|Sergeant|Councillor|"
        r"Cllr|Professor|Sir|Dame|Lord|Judge)\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b"
    ),
    "place": re.compile(r"\b(at|in|on) (the )?[A-Z][a-z]+"),
}


# The class a 'which' question asks one of: 'method' in 'Which method did the Alliance use
# …?', 'member' in 'Which Telford and Wrekin member joined …?', up to the verb.
WHICH_CLASS = re.compile(
    r"^\s*(?i:which)\s+(?:[\w'’-]+\s+){0,3}?([A-Za-z][\w'’-]*?)"
    r"(?=\s+(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|of|in|on|for|to|at|"
    rf"from|with|by|about|that|the|a|an|\w+ed|{'|'.join(sorted(PAST_FORMS))})\b|\s*\?|\s*$)",
)


# A second question joined to the first: '… how many PCSOs joined, and how many applicants
# were waiting?'. The first is the one judged (the passage that answers it answers both).
SECOND_ASK = re.compile(rf",?\s+and\s+(?=(?:how|what|when|who|which|where|why|{AUXILIARY})\b)", re.I)


def first_ask(question: str) -> str:
    """The question up to a second one joined by 'and', when that first part asks for
    something itself ('Up or down, and how much?' asks one thing)."""
    first = SECOND_ASK.split(question, maxsplit=1)[0]
    return first if asked_kind(first) else question


# The things a list question asks for: how many, and what they are ('the nine outcomes in
# …', 'which two areas received …').
LIST_ASKED = re.compile(
    rf"(?:\bthe (?:\w+ )?|^\s*which ){LISTED_NUMBER}\s+"
    r"((?:[\w'’-]+\s+){0,2}?[\w'’-]+?)"
    r"(?=\s+(?:in|of|on|for|about|that|which|the|did|does|do|were|was|are|is|\w+ed)\b|\s*\?|$)",
    re.I,
)


def asked_list(question: str) -> tuple[int, set[str]]:
    """How many things a list question asks for, and the terms of what they are: 'the nine
    outcomes in …' asks 9 of 'outcom'; 'the four 2018-19 complaints' 4 of 'complaint'; (0,
    set()) when it names no number of things."""
    if not (said := LIST_ASKED.search(question)):
        return 0, set()
    word = said.group(1).lower()
    return int(NUMBER_WORDS.get(word, word)), set(terms(said.group(2))) - date_terms(said.group(2))


def asked_kind(question: str) -> str | None:
    """What the question asks for: 'amount', 'count', 'frequency', 'percentage', 'date',
    'person', 'place', 'yesno', 'expansion', …, or None for an open question ('what
    happened to …')."""
    return next(
        (
            kind
            for kind, pattern in ASKS
            # a list it cannot say the things of is no list question
            if pattern.search(question) and (kind != "list" or asked_list(question)[0])
        ),
        None,
    )


def holds_kind(kind: str | None, sentence: str) -> bool:
    """Whether a sentence could answer a question asking for `kind`."""
    # A yes or no, what initials stand for or are, or a list has no shape of its own to look for.
    return kind in (None, "yesno", "expansion", "definition", "list") or bool(HAS_KIND[kind].search(sentence))


# What the question counts: 'referrals' in 'how many referrals were made to Drive?', 'bids'
# in 'how many of the 29 bids got approved?' (29 is all of them, not which).
COUNTED = re.compile(
    rf"(?:\bhow many\s+(?:of\s+(?:the|those|these|its|their)\s+(?:(?:\d[\d,]*|{SAID_NUMBER})\s+)?)?|"
    r"\bnumber of\s+)"
    r"((?:[\w'’-]+\s+){0,5}?[\w'’-]+?)(?:\s+(?:were|was|are|is|has|have|"
    r"had|did|do|does|will|would|could|can|got|get|gets|in|on|for|of|to|by|from|with|at|about|"
    r"during|between|since|across|within|into|under|been|that)\b|\s*\?)",
    re.I,
)
# How to reach someone, given on a line of its own as often as in a sentence.
CONTACT_KINDS = frozenset({"phone", "email", "web"})
# The kinds of value a question can ask for (retrieval.gates binds each to its sentence).
VALUE_KINDS = frozenset(
    {
        "count",
        "amount",
        "percentage",
        "date",
        "grade",
        "duration",
        "figure",
        "frequency",
        "hours",
        "phone",
        "email",
        "web",
    }
)
ASKING_WORDS = frozenset(
    terms(
        "how many much what which when date year month percentage "
        "proportion share per cent cost spend spent budget worth grade rate target total salary long often "
        "frequently regularly frequency phone telephone number email mail address website web url"
    )
)
