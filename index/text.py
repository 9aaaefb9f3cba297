"""What the rankers see of a chunk."""

from __future__ import annotations

from ingest.records import Chunk


def index_text(chunk: Chunk) -> str:
    """Heading, ref and commitment context plus the passage: what is embedded and indexed."""
    if chunk.context and chunk.context not in chunk.text:
        return f"{chunk.context}\n{chunk.text}"
    return chunk.text
