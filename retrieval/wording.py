"""The papers' own words for what a question asks: the verbs they write for an outcome
('no amendments have been made' for 'did he change it') and the words for the thing a
figure is asked of ('went live' for 'launched')."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from panelqa.text import terms

# Verbs a paper writes for the same outcome: 'no amendments have been made' answers
# 'did the PCC change the strategy?'.
SYNONYMS = (
    "change amend alter revise modify",
    "start begin launch commence",
    "stop close cease scrap discontinue",
    "complete finish",
    "appoint recruit hire",
    "approve endorse ratify",
    "publish release",
    "review assess evaluate examine",
    "win secure obtain",
    "contact phone ring telephone",
)
# Words a paper writes for the thing a figure is asked of, beside SYNONYMS: 'went live' for
# 'launched', 'one formal response' for 'how many replies'.
SAME_THINGS = (
    *SYNONYMS,
    "launch live introduce",
    "close shut decommission withdraw",
    "record log register",
    "response reply",
    "invest spend",
    "death fatal killed die",
    "rural countryside",
    "purchase buy bought",
    "support help",
    "extra additional",
    "vacancy unfilled",
    "application applied",
    "people individuals persons",
    "finding outcome result conclusion",
    "expect due anticipate",
)


def _same_thing_map(groups: Sequence[str]) -> dict[str, str]:
    """Each stem of the groups to one stem standing for all; groups sharing a stem are one."""
    merged: list[set[str]] = []
    for group in groups:
        stems = set(terms(group))
        joined = [m for m in merged if m & stems]
        for m in joined:
            stems |= m
            merged.remove(m)
        merged.append(stems)
    return {stem: min(group) for group in merged for stem in group}


# 'week commencing 15th July' dates a week: for a figure, 'commence' starts nothing.
SAME_THING = {stem: same for stem, same in _same_thing_map(SAME_THINGS).items() if stem != "commenc"}


def same_things(stems: Iterable[str]) -> set[str]:
    """The stems, each read as the one stem standing for its SAME_THINGS group."""
    return {SAME_THING.get(t, t) for t in stems}


def same_group(stem: str) -> set[str]:
    """Every stem of the stem's SAME_THINGS group, itself included ('countrysid', 'rural')."""
    same = SAME_THING.get(stem)
    if same is None:
        return {stem}
    return {other for other, its in SAME_THING.items() if its == same} | {stem}
