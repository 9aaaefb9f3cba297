"""A verb as the papers may write it: its forms ('approved', 'won'), the single verbs they
write for a chat user's phrasal verb ('attended' for 'turn up'), their words for the same
outcome ('amended' for 'changed') and the roles named for doing it ('Chairman')."""

from __future__ import annotations

import re

from retrieval.wording import SYNONYMS

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
    "fall": "fell fallen",
    "rise": "rose risen",
    "grow": "grew grown",
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
    ("look", "at"): "review examine consider",
    ("come", "in"): "receive submit",
}
PAST_FORMS = frozenset(form for forms in IRREGULAR_PAST.values() for form in forms.split())


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
