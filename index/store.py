"""The persisted index: chunks, embeddings, dense search, BM25 and commitment threads.

Layout: `<index>/CURRENT` names the live build under `<index>/builds/`; a build is written
in full, manifest last, and only then does CURRENT switch (an atomic rename). A build that
dies half-way leaves the previous one live and is swept away by the next build.

Everything a build holds per passage is a memory-mapped array or byte range (see
`index.columns`), so loading takes milliseconds and memory does not grow with Python objects
per passage; the operating system pages in what queries touch.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.columns import (
    ChunkTable,
    HashLookup,
    Labels,
    PositionMap,
    ThreadMap,
    ThreadMembers,
    key_hash,
    load_array,
    save_array,
)
from index.dense import DenseIndex, build_dense, load_dense
from index.text import index_text
from index.threads import ALSO
from ingest.records import Chunk
from panelqa.errors import IndexMismatch, IndexNotFound
from panelqa.text import passage_terms

SCHEMA_VERSION = 6  # 6: a table passage knows the column of each figure (Chunk.columns)
CURRENT = "CURRENT"


@dataclass
class Bm25Matrix:
    """What queries need of a saved bm25s index, read without importing bm25s and scipy
    (a second of a cold start): its precomputed score matrix, memory-mapped, by term.
    The names are bm25s's own, so code written against a `bm25s.BM25` works unchanged."""

    scores: dict  # CSC: "data", "indices", "indptr" (one column per term), "num_docs"
    vocab_dict: dict[str, int]

    @classmethod
    def load(cls, folder: Path) -> Bm25Matrix:
        params = json.loads((folder / "params.index.json").read_text())
        if params.get("method") != "robertson":
            raise ValueError(f"BM25 built with {params.get('method')}, not robertson")
        scores = {
            name: np.load(folder / f"{name}.csc.index.npy", mmap_mode="r")
            for name in ("data", "indices", "indptr")
        }
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        return cls({**scores, "num_docs": params["num_docs"]}, vocab)


@dataclass
class Index:
    directory: Path
    manifest: dict
    chunks: ChunkTable
    vectors: np.ndarray  # memory-mapped, one unit row per chunk
    dense: DenseIndex
    bm25: Bm25Matrix
    threads: ThreadMap
    position: Mapping[str, int]
    as_at: np.ndarray  # date ordinals, 0 = none
    meeting: np.ndarray
    kinds: np.ndarray  # kind names, one per chunk
    kind_codes: np.ndarray
    kind_names: list[str]
    source_codes: np.ndarray
    source_names: list[str]
    ref_codes: np.ndarray  # -1 = no ref
    parent_codes: np.ndarray
    ref_names: list[str]
    thread_members: Mapping[str, list[int]]
    plan_rows: np.ndarray  # positions of chunks with a ref
    place: HashLookup  # (source, ordinal) -> position
    named_cache: dict = field(default_factory=dict)

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The passages just before and after this one in its paper."""
        return self._at(chunk.source, chunk.ordinal - 1), self._at(chunk.source, chunk.ordinal + 1)

    def _at(self, source: str, ordinal: int) -> Chunk | None:
        found = self.place.find(
            key_hash(source, ordinal),
            lambda p: self.chunks[p].source == source and self.chunks[p].ordinal == ordinal,
        )
        return None if found is None else self.chunks[found]

    def in_sources(self, sources: Iterable[str]) -> np.ndarray:
        return _in_labels(self.source_codes, self.source_names, set(sources))

    def first_of_each_paper(self, mask: np.ndarray) -> list[int]:
        """The position of each paper's first allowed passage, in corpus order: array
        operations, where a loop over the allowed passages decodes every one of them, and
        one pass rather than a sort (58 -> 11 ms over 945,000 passages)."""
        allowed = np.flatnonzero(mask)
        first = np.full(len(self.source_names), len(self.chunks), dtype=np.int64)
        np.minimum.at(first, self.source_codes[allowed], allowed)
        return np.sort(first[first < len(self.chunks)]).tolist()

    def of_kinds(self, kinds: Iterable[str]) -> np.ndarray:
        return _in_labels(self.kind_codes, self.kind_names, set(kinds))

    def named(self, refs: tuple[str, ...]) -> np.ndarray:
        """Positions of plan rows a ref names: the ref itself ('A4'), its sub-activities
        (A4.6) and rows whose parent is A4, not a longer ref (A40). Array operations over
        the ref column: no chunk is decoded."""
        if refs not in self.named_cache:
            hit = [
                i
                for i, name in enumerate(self.ref_names)
                if any(name == r or name.startswith(r + ".") for r in refs)
            ]
            parents = [i for i, name in enumerate(self.ref_names) if name in refs]
            rows = np.isin(self.ref_codes, hit) | np.isin(self.parent_codes, parents)
            self.named_cache[refs] = np.flatnonzero(rows & (self.ref_codes >= 0))
        return self.named_cache[refs]

    def postings(self, term: str) -> np.ndarray:
        """Positions of the passages that contain an (already stemmed) term. Read from the
        postings, not the scores: Robertson idf is nil or negative for a term in half the
        passages, so a zero score does not mean 'absent'."""
        column = self.bm25.vocab_dict.get(term)
        if column is None:
            return np.zeros(0, dtype=np.int64)
        matrix = self.bm25.scores  # bm25s keeps a CSC matrix: one column per term
        return matrix["indices"][matrix["indptr"][column] : matrix["indptr"][column + 1]]

    def holding(self, term: str) -> np.ndarray:
        """`postings` as a mask over all passages."""
        held = np.zeros(len(self.chunks), dtype=bool)
        held[self.postings(term)] = True
        return held

    def holds(self, term: str, rows) -> np.ndarray:
        """Which of the passages at `rows` contain the term: a mask, read through `holding`,
        as `np.isin` would sort a common term's long postings on every call."""
        return self.holding(term)[np.asarray(rows, dtype=np.int64)]


def _in_labels(codes: np.ndarray, names: list[str], wanted: set[str]) -> np.ndarray:
    """A mask of the rows whose label is wanted, compared as integer codes."""
    held = np.zeros(len(names) + 1, dtype=bool)  # the extra slot stands for code -1
    held[[i for i, name in enumerate(names) if name in wanted]] = True
    return held[codes]


def _fsync_write(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@dataclass
class _Columns:
    """What a build keeps per chunk besides its JSON, gathered in one pass."""

    as_at: list[int] = field(default_factory=list)
    meeting: list[int] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    source: list[int] = field(default_factory=list)
    ref: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    thread: list[int] = field(default_factory=list)
    id_hash: list[int] = field(default_factory=list)
    place_hash: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=lambda: [0])
    kinds: Labels = field(default_factory=Labels)
    sources: Labels = field(default_factory=Labels)
    refs: Labels = field(default_factory=Labels)
    threads: Labels = field(default_factory=Labels)
    further_threads: dict[str, str] = field(default_factory=dict)  # chunk id -> 'T0005 T0009'

    def add(self, chunk: Chunk, thread: str | None, size: int) -> None:
        self.as_at.append(chunk.as_at.toordinal() if chunk.as_at else 0)
        self.meeting.append(chunk.meeting_date.toordinal() if chunk.meeting_date else 0)
        self.kind.append(self.kinds.code(chunk.kind))
        self.source.append(self.sources.code(chunk.source))
        self.ref.append(self.refs.code(chunk.ref or None))
        self.parent.append(self.refs.code(chunk.parent_ref or None))
        self.thread.append(self.threads.code(thread))
        self.id_hash.append(key_hash(chunk.id))
        self.place_hash.append(key_hash(chunk.source, chunk.ordinal))
        self.offsets.append(self.offsets[-1] + size)

    def save(self, folder: Path) -> None:
        folder.mkdir()
        for name in ("as_at", "meeting"):
            save_array(folder, name, np.array(getattr(self, name), dtype=np.int32))
        save_array(folder, "kind", np.array(self.kind, dtype=np.int8))
        for name in ("source", "ref", "parent", "thread"):
            save_array(folder, name, np.array(getattr(self, name), dtype=np.int32))
        save_array(folder, "offsets", np.array(self.offsets, dtype=np.int64))
        for name in ("id_hash", "place_hash"):
            hashes, order = HashLookup.build(np.array(getattr(self, name), dtype=np.uint64))
            save_array(folder, name, hashes)
            save_array(folder, f"{name}_order", order)
        labels = {name: getattr(self, name).labels for name in ("kinds", "sources", "refs", "threads")}
        labels["further_threads"] = self.further_threads
        _fsync_write(folder / "labels.json", json.dumps(labels).encode())


def _write_chunks(build: Path, chunks: Iterable[Chunk], threads: Mapping[str, str]):
    """One pass over the chunks: their JSON, their columns and their BM25 terms."""
    columns, vocab, tokens = _Columns(), {}, []
    with (build / "chunks.bin").open("wb") as blob:
        for chunk in chunks:
            data = json.dumps(chunk.to_dict(), ensure_ascii=False).encode("utf-8")
            blob.write(data)
            columns.add(chunk, threads.get(chunk.id), len(data))
            if further := threads.get(f"{ALSO}{chunk.id}"):
                columns.further_threads[chunk.id] = further
            tokens.append([vocab.setdefault(t, len(vocab)) for t in passage_terms(index_text(chunk))])
        blob.flush()
        os.fsync(blob.fileno())
    columns.save(build / "columns")
    return len(tokens), vocab, tokens


def _write_bm25(folder: Path, vocab: dict[str, int], tokens: list[list[int]]) -> None:
    import bm25s

    vocab.setdefault("", len(vocab))  # bm25s scores documents with no terms through it
    bm25 = bm25s.BM25(method="robertson")
    bm25.index((tokens, vocab), create_empty_token=False, show_progress=False)
    bm25.save(str(folder), show_progress=False)


def write_build(
    out_dir: Path, chunks: Iterable[Chunk], vectors: np.ndarray, threads: Mapping[str, str], manifest: dict
) -> Path:
    """Write a complete build and make it the live one. `chunks` may be a generator: it is
    read once, and no list of them is kept."""
    builds = out_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build = builds / f"{time.time_ns()}-{os.getpid()}"
    build.mkdir()
    count, vocab, tokens = _write_chunks(build, chunks, threads)
    _write_bm25(build / "bm25", vocab, tokens)
    del tokens
    np.save(build / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
    dense = build_dense(vectors, build)
    manifest = {
        **manifest,
        "schema_version": SCHEMA_VERSION,
        "chunk_count": count,
        "dimensions": int(vectors.shape[1]),
        "dense": dense,
    }
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
        _check_schema(out_dir, manifest)
        index = _open(build, manifest)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexMismatch(str(out_dir), f"cannot read {build.name}: {exc}") from exc
    _check_counts(out_dir, index)
    return index


def _open(build: Path, manifest: dict) -> Index:
    folder = build / "columns"
    labels = json.loads((folder / "labels.json").read_text())

    def column(name: str) -> np.ndarray:
        # A plain ndarray over the mapping: indexing a np.memmap costs ~2 us of Python a
        # time, and queries read these columns element by element.
        return np.asarray(load_array(folder, name))

    blob = build / "chunks.bin"
    chunks = ChunkTable(
        np.asarray(np.memmap(blob, dtype=np.uint8, mode="r"))
        if blob.stat().st_size
        else np.zeros(0, np.uint8),
        column("offsets"),
    )
    position = PositionMap(chunks, HashLookup(column("id_hash"), column("id_hash_order")))
    thread_codes, ref_codes, kind_codes = column("thread"), column("ref"), column("kind")
    vectors = np.asarray(np.load(build / "vectors.npy", mmap_mode="r"))
    return Index(
        directory=build,
        manifest=manifest,
        chunks=chunks,
        vectors=vectors,
        dense=load_dense(build, vectors, manifest.get("dense", {})),
        bm25=Bm25Matrix.load(build / "bm25"),
        threads=ThreadMap(position, thread_codes, labels["threads"], labels["further_threads"]),
        position=position,
        as_at=column("as_at"),
        meeting=column("meeting"),
        kinds=np.array(labels["kinds"] or [""])[kind_codes],
        kind_codes=kind_codes,
        kind_names=labels["kinds"],
        source_codes=column("source"),
        source_names=labels["sources"],
        ref_codes=ref_codes,
        parent_codes=column("parent"),
        ref_names=labels["refs"],
        thread_members=ThreadMembers(thread_codes, labels["threads"]),
        plan_rows=np.flatnonzero(ref_codes >= 0),
        place=HashLookup(column("place_hash"), column("place_hash_order")),
    )


def _check_schema(out_dir: Path, manifest: dict) -> None:
    problems = []
    if manifest.get("schema_version") != SCHEMA_VERSION:
        problems.append(f"schema {manifest.get('schema_version')} is not {SCHEMA_VERSION}")
    if problems:
        raise IndexMismatch(str(out_dir), "; ".join(problems))


def _check_counts(out_dir: Path, index: Index) -> None:
    count = index.manifest.get("chunk_count")
    stored = (index.directory / "chunks.bin").stat().st_size
    if stored != (index.chunks.offsets[-1] if len(index.chunks.offsets) else 0):
        raise IndexMismatch(
            str(out_dir),
            f"chunks.bin holds {stored} bytes, not the {index.chunks.offsets[-1]} its offsets say",
        )
    if not (count == len(index.chunks) == index.vectors.shape[0] == index.dense.size):
        raise IndexMismatch(
            str(out_dir),
            f"manifest says {count} chunks; files hold {len(index.chunks)} chunks, "
            f"{index.vectors.shape[0]} vectors, {index.dense.size} dense rows",
        )
