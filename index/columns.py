"""Memory-mapped views of the passages, so an index of a million passages is not a million
Python objects: a passage becomes a `Chunk` only when something asks for it.

On disk a build holds every chunk's JSON back to back (`chunks.bin`) with its byte offsets,
and one small array per filterable field; lookups by id or by (paper, ordinal) go through
sorted 64-bit hashes, checked against the chunk found so a hash collision cannot mislead.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import orjson

from index.threads import ALSO
from ingest.records import Chunk

DECODED_KEPT = 4096  # decoded chunks kept, so a query's repeated reads decode once


def key_hash(*parts: object) -> int:
    text = "\x00".join(str(p) for p in parts)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


class ChunkTable(Sequence[Chunk]):
    """`index.chunks`: a read-only sequence of Chunks decoded on demand from the mapped file."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets
        self.decoded: dict[int, Chunk] = {}
        self.position_of: dict[str, int] = {}  # ids of the decoded chunks: asked for next

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = operator.index(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"chunk {i} of {len(self)}")
        found = self.decoded.get(i)
        if found is None:
            # orjson: a query at 100x the corpus decodes hundreds of passages, at a third of
            # the json module's cost each.
            found = Chunk.from_dict(orjson.loads(self.blob[self.offsets[i] : self.offsets[i + 1]].data))
            if len(self.decoded) >= DECODED_KEPT:
                self.decoded.clear()
                self.position_of.clear()
            self.decoded[i] = found
            self.position_of[found.id] = i
        return found

    def __iter__(self) -> Iterator[Chunk]:
        return (self[i] for i in range(len(self)))


class HashLookup:
    """Positions by the hash of a key: a sorted hash column and the positions in that order."""

    def __init__(self, hashes: np.ndarray, order: np.ndarray) -> None:
        self.hashes, self.order = hashes, order

    @classmethod
    def build(cls, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(hashes, kind="stable").astype(np.int32)
        return hashes[order], order

    def candidates(self, key: int) -> np.ndarray:
        low, high = (
            np.searchsorted(self.hashes, np.uint64(key), side="left"),
            np.searchsorted(self.hashes, np.uint64(key), side="right"),
        )
        return self.order[low:high]

    def find(self, key: int, matches: Callable[[int], bool]) -> int | None:
        return next((int(p) for p in self.candidates(key) if matches(int(p))), None)


class PositionMap(Mapping[str, int]):
    """`index.position`: chunk id -> position."""

    def __init__(self, chunks: ChunkTable, lookup: HashLookup) -> None:
        self.chunks, self.lookup = chunks, lookup

    def __getitem__(self, chunk_id: str) -> int:
        known = self.chunks.position_of.get(chunk_id)
        if known is not None:  # a chunk a query holds was decoded moments ago
            return known
        found = self.lookup.find(key_hash(chunk_id), lambda p: self.chunks[p].id == chunk_id)
        if found is None:
            raise KeyError(chunk_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (chunk.id for chunk in self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)


class ThreadMap(Mapping[str, str]):
    """`index.threads`: plan-row chunk id -> commitment thread id, from a column of codes,
    and 'also:<chunk id>' -> the further threads of an old commitment split into several."""

    def __init__(
        self, position: PositionMap, codes: np.ndarray, names: list[str], further: dict[str, str]
    ) -> None:
        self.position, self.codes, self.names, self.further = position, codes, names, further

    def __getitem__(self, chunk_id: str) -> str:
        if chunk_id.startswith(ALSO):
            return self.further[chunk_id.removeprefix(ALSO)]
        code = self.codes[self.position[chunk_id]]
        if code < 0:
            raise KeyError(chunk_id)
        return self.names[code]

    def __iter__(self) -> Iterator[str]:
        chunks = self.position.chunks
        yield from (chunks[int(p)].id for p in np.flatnonzero(self.codes >= 0))
        yield from (f"{ALSO}{chunk_id}" for chunk_id in self.further)

    def __len__(self) -> int:
        return int((self.codes >= 0).sum()) + len(self.further)

    def split_into(self, thread: str) -> list[str]:
        """The ids of an old commitment's rows that continue into `thread` among others
        (3.1's rows for C3, when 3.1 split into C1, C3 and C4)."""
        return [chunk_id for chunk_id, threads in self.further.items() if thread in threads.split()]


class ThreadMembers(Mapping[str, list[int]]):
    """`index.thread_members`: thread id -> positions of its rows, in corpus order."""

    def __init__(self, codes: np.ndarray, names: list[str]) -> None:
        self.names = names
        self.code_of = {name: code for code, name in enumerate(names)}
        self.order = np.argsort(codes, kind="stable")
        self.sorted_codes = codes[self.order]

    def __getitem__(self, thread: str) -> list[int]:
        code = self.code_of[thread]
        low, high = np.searchsorted(self.sorted_codes, [code, code + 1])
        return self.order[low:high].tolist()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class Labels:
    """A categorical column's labels, each given a code the first time it is seen."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def code(self, label: str | None) -> int:
        if label is None:
            return -1
        return self.codes.setdefault(label, len(self.codes))

    @property
    def labels(self) -> list[str]:
        return list(self.codes)


def save_array(folder: Path, name: str, values) -> None:
    np.save(folder / f"{name}.npy", np.asarray(values))


def load_array(folder: Path, name: str) -> np.ndarray:
    return np.load(folder / f"{name}.npy", mmap_mode="r")
