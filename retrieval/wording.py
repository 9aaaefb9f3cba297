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
    "death fatal killed",
    "rural countryside",
    "contact phone ring",
    "purchase buy bought",
    "support help",
    "extra additional",
    "vacancy unfilled",
    "application applied",
)


def _neighbours(groups: Sequence[str], pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each stem to the stems meaning the same: the others of its groups, and its partners
    in `pairs`. Not transitive: 'save' is 'cut' and 'cut' is 'reduce' does not make
    'save' 'reduce', so a long list of pairs cannot chain a trap together."""
    alike: dict[str, set[str]] = {}
    # A phrase of several words ('reduce costs') is no one stem's equal: single words only.
    single = [(terms(a), terms(b)) for a, b in pairs]
    said_as = [{a[0], b[0]} for a, b in single if len(a) == 1 and len(b) == 1]
    for stems in [set(terms(group)) for group in groups] + said_as:
        for stem in stems:
            alike.setdefault(stem, set()).update(stems - {stem})
    # 'week commencing 15th July' dates a week: for a figure, 'commence' starts nothing.
    alike.pop("commenc", None)
    return {stem: frozenset(others - {"commenc"}) for stem, others in alike.items()}


ALIKE = _neighbours(SAME_THINGS, ())


def said_alike(asked: Iterable[str], said: Iterable[str]) -> set[str]:
    """The asked stems that `said` says, as written or by a stem meaning the same."""
    said = set(said)
    return {stem for stem in asked if stem in said or ALIKE.get(stem, frozenset()) & said}
