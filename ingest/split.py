"""Splitting long text into passages that fit the embedding model's window."""

from __future__ import annotations

from functools import lru_cache

from langchain_text_splitters import RecursiveCharacterTextSplitter


def word_count(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=8)
def _splitter(max_words: int) -> RecursiveCharacterTextSplitter:
    # Sentence boundaries first, then clauses, then words: pieces stay verbatim.
    return RecursiveCharacterTextSplitter(
        chunk_size=max_words,
        chunk_overlap=0,
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
    packed: list[str] = []
    for piece in pieces:
        if packed and word_count(packed[-1]) + word_count(piece) <= max_words:
            packed[-1] += "\n" + piece
        else:
            packed.append(piece)
    return packed
