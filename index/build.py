"""Index building: ingest's records in, a complete build out, incrementally.

`build_index` takes what ingest made of each file (new chunks, chunks reused from the
previous build, or nothing, with the reason) and writes a build: vectors come from the
embedding cache where the same embedder already embedded the same text, so unchanged
passages are never embedded twice. `update_index` composes ingest and this, for the CLI,
the app and the tests.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index.cache import EmbeddingCache, text_key
from index.embed import Embedder
from index.manifest import embedder_key, parser_fingerprint
from index.store import read_manifest, write_build
from index.text import index_text
from index.threads import build_threads
from ingest.pipeline import KEPT, PARSED, REUSED, FileRecord, PreviousBuild, ingest_files
from ingest.records import Chunk
from panelqa.errors import PanelQAError
from panelqa.settings import Settings


@dataclass
class BuildReport:
    papers: int = 0
    chunks: int = 0
    parsed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    embedded: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


class NothingToIndex(PanelQAError):
    pass


class DuplicateChunkIds(PanelQAError):
    pass


class CachedEmbedder:
    """An Embedder that answers from the cache and embeds only what is new."""

    def __init__(self, cache: EmbeddingCache, embedder: Embedder, progress: bool) -> None:
        self.cache, self.embedder, self.progress = cache, embedder, progress
        self.name, self.dim = embedder.name, embedder.dim
        self.key = embedder_key(embedder.identity())
        self.used: set[str] = set()  # cache keys of the texts this build embeds
        self.embedded = 0

    def identity(self) -> dict:
        return self.embedder.identity()

    def embed(self, texts: list[str], progress: bool = False) -> np.ndarray:
        keys = [text_key(self.key, t) for t in texts]
        missing = self.cache.missing(keys)
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            vectors = self.embedder.embed([by_key[k] for k in missing], progress=self.progress)
            self.cache.add(missing, vectors)
            self.embedded += len(missing)
        self.used.update(keys)
        return self.cache.matrix(keys)


def previous_build(settings: Settings) -> PreviousBuild:
    """The live build's chunks by paper; their digests only when they were parsed with the
    same code, settings and catalog (otherwise every paper is parsed again)."""
    from index.store import load

    manifest = read_manifest(settings.index)
    if not manifest:
        return PreviousBuild()
    try:
        index = load(settings.index)
    except PanelQAError:
        return PreviousBuild()
    chunks: dict[str, list[Chunk]] = {}
    for chunk in index.chunks:
        chunks.setdefault(chunk.source, []).append(chunk)
    same = manifest.get("fingerprint") == parser_fingerprint(settings)
    return PreviousBuild(manifest.get("sources", {}) if same else {}, chunks)


def _check_ids(chunks: list[Chunk]) -> None:
    """Two papers must never share a chunk id: one would silently hide the other."""
    clashes = [i for i, n in Counter(c.id for c in chunks).items() if n > 1]
    if clashes:
        sources = sorted({c.source for c in chunks if c.id in set(clashes)})
        raise DuplicateChunkIds(
            f"{', '.join(sources)} would share chunk ids (e.g. '{clashes[0]}'): papers at the "
            "top of the corpus folder need different names, not only different extensions."
        )


def build_index(
    records: Iterable[FileRecord],
    settings: Settings,
    embedder: Embedder,
    previous_sources: Iterable[str] = (),
    progress: bool = True,
) -> BuildReport:
    """Write a build from ingest's records; prune the embedding cache to what it uses."""
    started = time.monotonic()
    report = BuildReport()
    chunks: list[Chunk] = []
    sources: dict[str, str] = {}
    for record in tqdm(records, desc="parsing", unit="paper", disable=not progress):
        report.problems.extend(record.problems)
        report.notes.extend(record.notes)
        if record.outcome in (PARSED, REUSED, KEPT):
            sources[record.source] = record.sha256
            chunks.extend(record.chunks)
        if record.outcome == PARSED:
            report.parsed.append(record.source)
        elif record.outcome == REUSED:
            report.reused.append(record.source)
    report.removed = sorted(set(previous_sources) - set(sources))
    if not chunks:
        raise NothingToIndex("No paper could be read, so there is nothing to index.")
    _check_ids(chunks)
    cache = EmbeddingCache(settings.index / "cache" / "embeddings.npz", embedder.dim)
    cached = CachedEmbedder(cache, embedder, progress)
    vectors = cached.embed([index_text(c) for c in chunks])
    write_build(
        settings.index,
        chunks,
        vectors,
        build_threads(chunks, cached),
        {
            "model": embedder.name,
            "embedder": embedder.identity(),
            "fingerprint": parser_fingerprint(settings),
            "sources": sources,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    cache.save(keep=cached.used)
    report.papers, report.chunks, report.embedded = len(sources), len(chunks), cached.embedded
    report.seconds = time.monotonic() - started
    return report


def update_index(
    paths: list[Path], settings: Settings, embedder_factory: Callable[[], Embedder], progress: bool = True
) -> BuildReport:
    """Ingest `paths` against the live build and write the next one."""
    previous = previous_build(settings)
    records = ingest_files(paths, settings, previous=previous)
    return build_index(records, settings, embedder_factory(), previous.chunks, progress)
