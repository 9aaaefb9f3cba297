"""Text cleaning: HTML, Unicode, page furniture, repeated fragments.

Every function here is idempotent: cleaning clean text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from panelqa.text import strip_html

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BOLD = re.compile(r"\*\*|__")
# Footnote marks ('location⁵', '⁴ Violence with Injury includes …'): NFKC would make them
# digits, a count of four violent offences or a '5' after a word. The space after one
# goes only at the start of a line ('forces² for' stays two words).
_FOOTNOTE_MARK = re.compile(
    r"^[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+\s*|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
)

FURNITURE = re.compile(r"^\s*(this page is intentionally left blank|page \d+( of \d+)?|\d+)\s*$", re.I)


def clean_line(text: str) -> str:
    """Clean one line or cell: HTML, footnote marks, NFKC, controls, bold markers, spacing."""
    text = unicodedata.normalize("NFKC", _FOOTNOTE_MARK.sub("", strip_html(text)))
    text = _CONTROL.sub("", text)
    text = _BOLD.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line and line != "•")


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s+(?=• )")
_NORM = re.compile(r"[^a-z0-9]+")


def _norm(unit: str) -> str:
    return _NORM.sub(" ", unit.lower()).strip()


def collapse_repeats(text: str) -> str:
    """Drop the fragments a PDF extractor repeated: a sentence seen before, or a piece of
    a longer sentence in the same text, is kept once (in its longest, first form).
    Line breaks between the sentences that stay are kept."""
    lines = [[u.strip() for u in _SENTENCE_END.split(line) if u.strip()] for line in text.split("\n")]
    normed = [_norm(u) for units in lines for u in units]
    if len(normed) < 2:
        return text
    seen: set[str] = set()
    kept_lines = []
    position = 0
    for units in lines:
        kept = []
        for unit in units:
            norm = normed[position]
            position += 1
            words = norm.count(" ") + 1
            if not norm or (norm in seen and words >= 2):
                continue
            if words >= 5 and any(len(other) > len(norm) and norm in other for other in normed):
                continue
            seen.add(norm)
            kept.append(unit)
        if kept:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines)


def drop_contained(pieces: list[str]) -> list[str]:
    """Pieces (lines of a cell) without those repeated whole inside another piece."""
    normed = [_norm(p) for p in pieces]
    kept = []
    for i, (piece, norm) in enumerate(zip(pieces, normed, strict=True)):
        if not norm or norm in normed[:i]:
            continue
        if norm.count(" ") >= 3 and any(len(other) > len(norm) and norm in other for other in normed):
            continue
        kept.append(piece)
    return kept


def without_repeats_of(text: str, other: str) -> str:
    """`text` less the sentences (of five words or more) that `other` already holds:
    the extractor sometimes spilled one cell's text into the next."""
    held = _norm(other)
    lines = []
    for line in text.split("\n"):
        units = [u for u in _SENTENCE_END.split(line) if u.strip()]
        kept = [u.strip() for u in units if _norm(u).count(" ") < 4 or _norm(u) not in held]
        if kept:
            lines.append(" ".join(kept))
    return "\n".join(lines)


def clean_block(text: str) -> str:
    """Clean a paragraph or table cell and collapse repeated fragments."""
    return collapse_repeats(clean_line(text))


def repeated_furniture(lines: list[str], min_repeats: int = 4) -> set[str]:
    """Short heading-like lines that recur through a paper: running headers and footers."""
    counts = Counter(
        line.strip()
        for line in lines
        if line.strip()
        and "\t" not in line
        and len(line.split()) <= 12
        and not line.strip().endswith((".", ":", ";"))
    )
    return {line for line, n in counts.items() if n >= min_repeats}
