"""Files to clean, structured chunks: `read(path) -> Document`, `chunk(document) -> list[Chunk]`,
and `ingest_files(paths)`, a record per file."""

from ingest.pipeline import chunk, ingest_files, ingest_paths, read
from ingest.records import Chunk, Document, Period

__all__ = ["Chunk", "Document", "Period", "chunk", "ingest_files", "ingest_paths", "read"]
