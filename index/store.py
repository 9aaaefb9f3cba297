"""The persisted index: chunks, embeddings, FAISS, BM25 and commitment threads.

Layout: `<index>/CURRENT` names the live build under `<index>/builds/`; a build is written
in full, manifest last, and only then does CURRENT switch (an atomic rename). A build that
dies half-way leaves the previous one live and is swept away by the next build.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import faiss
import numpy as np

from index.text import index_text
from ingest.records import Chunk
from panelqa.errors import IndexMismatch, IndexNotFound
from panelqa.text import terms

SCHEMA_VERSION = 1
CURRENT = "CURRENT"


@dataclass
class Index:
    directory: Path
    manifest: dict
    chunks: list[Chunk]
    vectors: np.ndarray
    dense: faiss.Index
    bm25: bm25s.BM25
    threads: dict[str, str]
    position: dict[str, int] = field(default_factory=dict)
    as_at: np.ndarray = field(default_factory=lambda: np.zeros(0))  # date ordinals, 0 = none
    meeting: np.ndarray = field(default_factory=lambda: np.zeros(0))
    kinds: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sources: np.ndarray = field(default_factory=lambda: np.zeros(0))
    thread_members: dict[str, list[int]] = field(default_factory=dict)
    plan_rows: list[int] = field(default_factory=list)  # positions of chunks with a ref
    place: dict[tuple[str, int], int] = field(default_factory=dict)  # (source, ordinal) -> position

    def __post_init__(self) -> None:
        # Column views of the chunks, so filters are array operations, not Python loops.
        self.position = {chunk.id: i for i, chunk in enumerate(self.chunks)}
        self.as_at = np.array([c.as_at.toordinal() if c.as_at else 0 for c in self.chunks])
        self.meeting = np.array(
            [c.meeting_date.toordinal() if c.meeting_date else 0 for c in self.chunks]
        )
        self.kinds = np.array([c.kind for c in self.chunks])
        self.sources = np.array([c.source for c in self.chunks])
        self.thread_members: dict[str, list[int]] = {}
        for i, chunk in enumerate(self.chunks):
            if chunk.id in self.threads:
                self.thread_members.setdefault(self.threads[chunk.id], []).append(i)
        self.plan_rows = [i for i, c in enumerate(self.chunks) if c.ref]
        self.place = {(c.source, c.ordinal): i for i, c in enumerate(self.chunks)}

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The passages just before and after this one in its paper."""
        before = self.place.get((chunk.source, chunk.ordinal - 1))
        after = self.place.get((chunk.source, chunk.ordinal + 1))
        return (None if before is None else self.chunks[before],
                None if after is None else self.chunks[after])

    def postings(self, term: str) -> np.ndarray:
        """Positions of the passages that contain an (already stemmed) term. Read from the
        postings, not the scores: Robertson idf is nil or negative for a term in half the
        passages, so a zero score does not mean 'absent'."""
        column = self.bm25.vocab_dict.get(term)
        if column is None:
            return np.zeros(0, dtype=np.int64)
        matrix = self.bm25.scores  # bm25s keeps a CSC matrix: one column per term
        return matrix["indices"][matrix["indptr"][column]:matrix["indptr"][column + 1]]

    def holding(self, term: str) -> np.ndarray:
        """`postings` as a mask over all passages."""
        held = np.zeros(len(self.chunks), dtype=bool)
        held[self.postings(term)] = True
        return held


def _fsync_write(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_build(
    out_dir: Path,
    chunks: list[Chunk],
    vectors: np.ndarray,
    threads: dict[str, str],
    manifest: dict,
) -> Path:
    """Write a complete build and make it the live one."""
    builds = out_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build = builds / f"{time.time_ns()}-{os.getpid()}"
    build.mkdir()
    lines = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in chunks)
    _fsync_write(build / "chunks.jsonl", lines.encode("utf-8"))
    np.save(build / "vectors.npy", vectors)
    dense = faiss.IndexFlatIP(vectors.shape[1])
    dense.add(vectors)
    faiss.write_index(dense, str(build / "dense.faiss"))
    bm25 = bm25s.BM25(method="robertson")
    bm25.index([terms(index_text(c)) for c in chunks], show_progress=False)
    bm25.save(str(build / "bm25"), show_progress=False)
    _fsync_write(build / "threads.json", json.dumps(threads, sort_keys=True).encode())
    manifest = {**manifest, "schema_version": SCHEMA_VERSION, "chunk_count": len(chunks),
                "dimensions": int(vectors.shape[1])}
    _fsync_write(build / "manifest.json", json.dumps(manifest, indent=2).encode())
    pointer = out_dir / f"{CURRENT}.tmp"
    _fsync_write(pointer, build.name.encode())
    os.replace(pointer, out_dir / CURRENT)
    sweep(out_dir)
    return build


def sweep(out_dir: Path) -> None:
    """Remove builds that are not live: earlier ones and any a crash left half-written."""
    live = current_build(out_dir)
    for build in (out_dir / "builds").iterdir():
        if build != live:
            shutil.rmtree(build, ignore_errors=True)


def current_build(out_dir: Path) -> Path | None:
    pointer = out_dir / CURRENT
    if not pointer.exists():
        return None
    return out_dir / "builds" / pointer.read_text().strip()


def read_manifest(out_dir: Path) -> dict | None:
    build = current_build(out_dir)
    if build is None or not (build / "manifest.json").exists():
        return None
    return json.loads((build / "manifest.json").read_text())


def load(out_dir: Path) -> Index:
    """Load the live build, checking that its files agree with its manifest."""
    build = current_build(out_dir)
    if build is None:
        raise IndexNotFound(str(out_dir))
    try:
        manifest = json.loads((build / "manifest.json").read_text())
        chunks = [
            Chunk.from_dict(json.loads(line))
            for line in (build / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        vectors = np.load(build / "vectors.npy")
        dense = faiss.read_index(str(build / "dense.faiss"))
        bm25 = bm25s.BM25.load(str(build / "bm25"), show_progress=False)
        threads = json.loads((build / "threads.json").read_text())
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexMismatch(str(out_dir), f"cannot read {build.name}: {exc}") from exc
    _check(out_dir, manifest, chunks, vectors, dense)
    return Index(build, manifest, chunks, vectors, dense, bm25, threads)


def _check(out_dir: Path, manifest: dict, chunks: list[Chunk], vectors: np.ndarray,
           dense: faiss.Index) -> None:
    problems = []
    if manifest.get("schema_version") != SCHEMA_VERSION:
        problems.append(f"schema {manifest.get('schema_version')} is not {SCHEMA_VERSION}")
    count = manifest.get("chunk_count")
    if not (count == len(chunks) == vectors.shape[0] == dense.ntotal):
        problems.append(
            f"manifest says {count} chunks; files hold {len(chunks)} chunks, "
            f"{vectors.shape[0]} vectors, {dense.ntotal} FAISS rows"
        )
    if problems:
        raise IndexMismatch(str(out_dir), "; ".join(problems))
