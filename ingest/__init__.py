"""Files to clean, structured chunks: `read(path) -> Document`, `chunk(document) -> list[Chunk]`,
and `ingest_files(paths)`, a record per file."""

from ingest.records import Chunk, Document, Period

__all__ = ["Chunk", "Document", "Period", "chunk", "ingest_files", "ingest_paths", "read"]


def __getattr__(name: str):
    # The pipeline (and the text splitters it imports) loads on first use, not whenever
    # a query touches ingest.records or ingest.clean: a second of a cold start.
    if name in ("chunk", "ingest_files", "ingest_paths", "read"):
        from ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
