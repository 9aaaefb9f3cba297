"""`panelqa ingest`: bring the index up to date with the papers, incrementally.

Unchanged files are neither re-parsed nor re-embedded; removed files leave the index; a
file that can no longer be read keeps the chunks it had, with a message saying so.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

import ingest
import panelqa.text
from index.cache import EmbeddingCache, text_key
from index.embed import MODEL_NAME, Embedder
from index.store import read_manifest, write_build
from index.text import index_text
from index.threads import build_threads
from ingest.pipeline import chunk_with_notes, discover, read, source_name
from ingest.records import Chunk
from panelqa.errors import PanelQAError, UnreadableFile
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


class _LazyEmbedder:
    """Loads the model only when some text is not in the cache."""

    def __init__(self, factory: Callable[[], Embedder]) -> None:
        self.factory = factory
        self.loaded: Embedder | None = None

    def get(self) -> Embedder:
        if self.loaded is None:
            self.loaded = self.factory()
        return self.loaded


class CachedEmbedder:
    """An Embedder that answers from the cache and embeds only what is new."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, cache: EmbeddingCache, lazy: _LazyEmbedder, progress: bool) -> None:
        self.cache, self.lazy, self.progress = cache, lazy, progress
        self.embedded = 0

    def embed(self, texts: list[str], progress: bool = False):
        keys = [text_key(self.name, t) for t in texts]
        missing = self.cache.missing(keys)
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            vectors = self.lazy.get().embed([by_key[k] for k in missing], progress=self.progress)
            self.cache.add(missing, vectors)
            self.embedded += len(missing)
        return self.cache.matrix(keys)


def parser_fingerprint(settings: Settings) -> str:
    """Changes when the ingest code or chunk size does, so a re-run re-parses every paper
    (re-embedding only passages whose text changed)."""
    digest = hashlib.sha256(str(settings.ingest.chunk_words).encode())
    # Ingest parses periods and refs with the shared text helpers.
    for source in [*sorted(Path(ingest.__file__).parent.glob("*.py")), Path(panelqa.text.__file__)]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _previous_chunks(out_dir: Path) -> tuple[dict, dict[str, list[Chunk]]]:
    from index.store import load

    manifest = read_manifest(out_dir)
    if not manifest:
        return {}, {}
    try:
        index = load(out_dir)
    except PanelQAError:
        return {}, {}
    by_source: dict[str, list[Chunk]] = {}
    for chunk in index.chunks:
        by_source.setdefault(chunk.source, []).append(chunk)
    return manifest, by_source


def _read_paper(path: Path, settings: Settings, old_sources: dict[str, str],
                previous: dict[str, list[Chunk]], report: BuildReport) -> tuple[str, str, list[Chunk]] | None:
    """One paper's (name, sha256, chunks): reused when unchanged, parsed when new or
    changed, the old chunks kept when it can no longer be read; None, with the problem
    noted in the report, when there is nothing to index from it."""
    name = source_name(path, settings.corpus_dir)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        report.problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
        return None
    if old_sources.get(name) == digest and name in previous:
        report.reused.append(name)
        return name, digest, previous[name]
    try:
        found, notes = chunk_with_notes(read(path, settings.corpus_dir, settings), settings)
    except UnreadableFile as exc:
        report.problems.append(str(exc))
        if name not in previous:
            return None
        report.problems.append(f"{name}: kept the {len(previous[name])} chunks indexed before")
        return name, old_sources.get(name, ""), previous[name]
    if not found:
        report.problems.append(f"{name}: no passages found in the text")
        return None
    report.parsed.append(name)
    report.notes.extend(f"{name}: {note}" for note in notes)
    return name, digest, found


def update_index(
    paths: list[Path],
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    progress: bool = True,
) -> BuildReport:
    started = time.monotonic()
    report = BuildReport()
    manifest, previous = _previous_chunks(settings.index)
    fingerprint = parser_fingerprint(settings)
    # After a change to the parser every paper is parsed again.
    old_sources = manifest.get("sources", {}) if manifest.get("parser") == fingerprint else {}
    chunks: list[Chunk] = []
    sources: dict[str, str] = {}
    bar = tqdm(list(discover(paths)), desc="parsing", unit="paper", disable=not progress)
    for path, skip in bar:
        if skip:
            report.problems.append(f"{path}: {skip}")
            continue
        bar.set_postfix_str(path.name[:40])
        if paper := _read_paper(path, settings, old_sources, previous, report):
            name, digest, found = paper
            sources[name] = digest
            chunks.extend(found)
    report.removed = sorted(set(manifest.get("sources", {})) - set(sources))
    if not chunks:
        raise NothingToIndex("No paper could be read, so there is nothing to index.")
    cache = EmbeddingCache(settings.index / "cache" / "embeddings.npz", 384)
    embedder = CachedEmbedder(cache, _LazyEmbedder(embedder_factory), progress)
    vectors = embedder.embed([index_text(c) for c in chunks])
    write_build(settings.index, chunks, vectors, build_threads(chunks, embedder), {
        "model": MODEL_NAME,
        "chunk_words": settings.ingest.chunk_words,
        "parser": fingerprint,
        "sources": sources,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    })
    cache.save(keep=set(cache.vectors))
    report.papers, report.chunks, report.embedded = len(sources), len(chunks), embedder.embedded
    report.seconds = time.monotonic() - started
    return report
