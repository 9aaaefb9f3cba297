"""What changed between two periods' updates: words added and removed, figures picked out.

Updates are compared after normalising what does not change their meaning: whitespace,
markup, bullets, sub-activity and list numbering ('(A2.1)', '(1)'), case and punctuation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

MARKUP = re.compile(r"<[^>]+>")
NUMBERING = re.compile(r"\(\s*(?:[A-Za-z]?\d+(?:\.\d+)*|[a-z]|[ivx]+)\s*\)|^\s*\d+[.)]\s")
FIGURE = re.compile(r"(?<![\w/])[£$€]?\d(?:[\d,./]*\d)?%?")
SHORT_RUN = 2
WORD = re.compile(r"[^\W_]+(?:[.,'’/][^\W_]+)*%?|£\d[\d,.]*", re.UNICODE)


def words(text: str) -> list[str]:
    """The words that carry an update's meaning, in order, as written."""
    return WORD.findall(_plain(text))


def _plain(text: str) -> str:
    return NUMBERING.sub(" ", MARKUP.sub(" ", text))


class Wording:
    """An update's words, each able to give back the text it was read from: a run of words
    is shown as written, with its punctuation ('80% in Q2.'), not as bare words."""

    def __init__(self, text: str) -> None:
        self.plain = _plain(text)
        self.spans = [m.span() for m in WORD.finditer(self.plain)]
        self.words = [self.plain[a:b] for a, b in self.spans]

    def text(self, first: int, last: int) -> str:
        """Words first..last-1 as written: the punctuation after the last word, and any
        opening bracket or quote before the first, go with them."""
        start, end = self.spans[first][0], self.spans[last - 1][1]
        while end < len(self.plain) and not self.plain[end].isspace() and not _in_word(self.plain[end]):
            end += 1
        lead = start
        while lead > 0 and not self.plain[lead - 1].isspace() and not _in_word(self.plain[lead - 1]):
            lead -= 1
        if lead == 0 or self.plain[lead - 1].isspace():
            start = lead
        return " ".join(self.plain[start:end].split())


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "£"


def normalised(text: str) -> str:
    return " ".join(w.casefold() for w in words(text))


@dataclass(frozen=True)
class Change:
    """The difference from the previous period's update, as a sequence of segments
    ('same' | 'added' | 'removed', text) and the figures that came and went."""

    segments: tuple[tuple[str, str], ...]

    @property
    def same(self) -> bool:
        return all(kind == "same" for kind, _ in self.segments)

    def _texts(self, kind: str) -> list[str]:
        return [text for k, text in self.segments if k == kind]

    @property
    def added(self) -> list[str]:
        return self._texts("added")

    @property
    def removed(self) -> list[str]:
        return self._texts("removed")

    @staticmethod
    def figures(texts: list[str]) -> list[str]:
        return [f for text in texts for f in FIGURE.findall(text) if any(c.isdigit() for c in f)]

    def to_dict(self) -> dict:
        return {
            "same": self.same,
            "added": self.added,
            "removed": self.removed,
            "figures_added": self.figures(self.added),
            "figures_removed": self.figures(self.removed),
        }


def change(previous: str, current: str) -> Change:
    """Word-level difference of `current` from `previous` (case and punctuation aside),
    each segment shown as written. A run of one or two unchanged words between changes
    ('the', 'to a') is read as part of the change, so a rewritten sentence shows as one
    removal and one addition."""
    before, after = Wording(previous), Wording(current)
    matcher = difflib.SequenceMatcher(
        a=[w.casefold() for w in before.words], b=[w.casefold() for w in after.words], autojunk=False
    )
    spans: list[list] = []  # [same?, a1, a2, b1, b2]
    codes = matcher.get_opcodes()
    for n, (op, a1, a2, b1, b2) in enumerate(codes):
        same = op == "equal" and not (0 < n < len(codes) - 1 and a2 - a1 <= SHORT_RUN)
        if spans and not same and not spans[-1][0]:
            spans[-1][2], spans[-1][4] = a2, b2
        else:
            spans.append([same, a1, a2, b1, b2])
    segments: list[tuple[str, str]] = []
    for same, a1, a2, b1, b2 in spans:
        if same:
            segments.append(("same", after.text(b1, b2)))
            continue
        if a2 > a1:
            segments.append(("removed", before.text(a1, a2)))
        if b2 > b1:
            segments.append(("added", after.text(b1, b2)))
    return Change(tuple(segments))
