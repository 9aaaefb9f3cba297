"""A plan commitment's wording as the extractor left it: pieces from the several lines a
row was broken across, and line breaks inside a cell rendered as runs of spaces."""

from __future__ import annotations

import re

from ingest.clean import clean_block, clean_line

# Inside a commitment cell the extractor renders a line break (a new bullet) as a run of spaces.
CELL_LINE_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
BULLET_BREAK = re.compile(r"\s*(?:\n|(?<=\S)\s•\s)\s*")
# A piece ending on a linking word or a capitalised word ('Joint' / 'Action Groups') is
# mid-phrase, so the next piece continues it whatever its case.
MID_PHRASE = re.compile(
    r"\b(?:(?i:a|an|and|at|by|for|from|in|its|my|of|on|or|our|the|their|to|with)|[A-Z]\w*)$"
)


def cell_lines(cell: str) -> str:
    """One piece of a commitment cell with its line breaks back."""
    return CELL_LINE_GAP.sub("\n", cell)


def bullets(pieces: list[str]) -> list[str]:
    """The bullets and lines of a commitment cell's pieces, cleaned."""
    return [b for b in BULLET_BREAK.split(clean_line("\n".join(pieces))) if b.strip(" •")]


def joined_wording(pieces: list[str]) -> str:
    """A commitment cell from the pieces of the lines its row was broken across. A piece
    after one that ends a phrase is the next bullet ('… locally' / 'Use my role as PCC …')
    unless it starts in lower case ('… are followed' / 'through with activity'). Pieces
    without a letter ('----', a page number) are rules and furniture, not wording."""
    text = ""
    for piece in (clean_line(p) for p in pieces):
        if not any(ch.isalpha() for ch in piece):
            continue
        next_bullet = text and not piece[0].islower() and not MID_PHRASE.search(text)
        text = f"{text}\n{piece}" if next_bullet else f"{text} {piece}".strip()
    return clean_block(text)


def first_words(text: str, count: int) -> str:
    """The first `count` words of `text` as written, line breaks kept, so that a passage
    holding the text holds them too (and is not indexed with them twice)."""
    words = list(re.finditer(r"\S+", text))[:count]
    return text[: words[-1].end()] if words else ""
