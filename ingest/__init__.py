"""Files to clean, structured chunks: `read(path) -> Document`, `chunk(document) -> list[Chunk]`."""

from ingest.pipeline import chunk, ingest_paths, read
from ingest.records import Chunk, Document, Period

__all__ = ["Chunk", "Document", "Period", "chunk", "ingest_paths", "read"]
