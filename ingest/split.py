"""Splitting long text into passages that fit the embedding model's window."""

from __future__ import annotations

from functools import lru_cache

# A piece after the first repeats about a sentence of the one before: 'the PCC took on the
# position of chair of the Board' keeps 'the National Police Air Service Strategic Board'.
OVERLAP_WORDS = 25


def word_count(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=8)
def _splitter(max_words: int):
    # Imported here: answering a question imports this module (for its table labels) but
    # never splits, and langchain costs half a second of a cold start.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    # Sentence boundaries first, then clauses, then words: pieces stay verbatim.
    return RecursiveCharacterTextSplitter(
        chunk_size=max_words,
        chunk_overlap=OVERLAP_WORDS,
        length_function=word_count,
        separators=["\n\n", "\n", ". ", "; ", ", ", " "],
        keep_separator="end",
    )


def split_words(text: str, max_words: int) -> list[str]:
    """Pieces of at most about `max_words` words, cut at sentence boundaries if possible."""
    if word_count(text) <= max_words:
        return [text]
    return [piece for piece in _splitter(max_words).split_text(text) if piece.strip()]


def pack(pieces: list[str], max_words: int) -> list[str]:
    """Greedily join consecutive short pieces (with line breaks) up to `max_words`."""
    return ["\n".join(pieces[i] for i in group) for group in pack_groups(pieces, max_words)]


def pack_groups(pieces: list[str], max_words: int) -> list[list[int]]:
    """The positions of the pieces `pack` joins into each passage."""
    groups: list[list[int]] = []
    words = 0
    for i, piece in enumerate(pieces):
        if groups and words + word_count(piece) <= max_words:
            groups[-1].append(i)
            words += word_count(piece)
        else:
            groups.append([i])
            words = word_count(piece)
    return groups
