"""Dense search: exact inner product below `APPROXIMATE_FROM` passages, FAISS IVF above.

Exact search is one matrix-vector product over the memory-mapped vectors: under 2 ms at
9,450 passages, but it reads every vector, 145 MB at 94,500 passages (measured 25-120 ms
p50 on this shared machine) and 1.4 GB at 945,000. Above the threshold an inverted-file
index (IVF, flat codes, memory-mapped) scans only the `nprobe` clusters closest to the
query, 1/16 of them; `panelqa bench` reports its recall against exact search.
A filter that leaves few passages is searched exactly, over those passages only.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

APPROXIMATE_FROM = 50_000  # passages; see the module docstring and the README's table
EXACT_WHEN_ALLOWED = 20_000  # a filter leaving this few passages is searched exactly
TRAIN_SAMPLE = 64  # training points per cluster
DENSE_FILE = "dense.faiss"


def top_positions(scores: np.ndarray, n: int) -> list[int]:
    """What `np.argsort(-scores, kind="stable")[:n]` gives (best first, ties by position),
    without sorting every passage."""
    if n >= len(scores):
        return np.argsort(-scores, kind="stable").tolist()
    if n <= 0:
        return []
    cut = np.partition(scores, len(scores) - n)[len(scores) - n]  # the n-th best score
    better = np.flatnonzero(scores > cut)
    tied = np.flatnonzero(scores == cut)[: n - len(better)]
    chosen = np.concatenate([better, tied])
    return chosen[np.lexsort((chosen, -scores[chosen]))].tolist()


def probe_count(nlist: int) -> int:
    return min(nlist, max(16, nlist // 16))


def cluster_count(n: int) -> int:
    """About 1 cluster per 1,000 passages, a power of two (1,024 at 945,000)."""
    return 2 ** max(4, round(math.log2(max(n, 1) / 1000)))


class DenseIndex:
    """`search(vector, n, mask)`: positions of the n passages closest to a unit vector."""

    def __init__(self, vectors: np.ndarray, ivf=None) -> None:
        self.vectors, self.ivf = vectors, ivf
        self.nprobe = probe_count(ivf.nlist) if ivf is not None else 0

    @property
    def size(self) -> int:
        return self.vectors.shape[0] if self.ivf is None else int(self.ivf.ntotal)

    @property
    def approximate(self) -> bool:
        return self.ivf is not None

    def search(self, vector: np.ndarray, n: int, mask: np.ndarray | None = None) -> list[int]:
        allowed = None if mask is None or mask.all() else np.flatnonzero(mask)
        if self.ivf is None or (allowed is not None and len(allowed) <= EXACT_WHEN_ALLOWED):
            return self.exact(vector, n, allowed)
        import faiss

        params = faiss.SearchParametersIVF(nprobe=self.nprobe)
        if allowed is not None:
            bits = np.packbits(mask, bitorder="little")
            params = faiss.SearchParametersIVF(nprobe=self.nprobe, sel=faiss.IDSelectorBitmap(bits))
        _, ids = self.ivf.search(vector.reshape(1, -1).astype(np.float32), n, params=params)
        return [int(i) for i in ids[0] if i >= 0]

    def exact(self, vector: np.ndarray, n: int, allowed: np.ndarray | None = None) -> list[int]:
        """The true top n, best first (ties by position)."""
        rows = self.vectors if allowed is None else self.vectors[allowed]
        top = top_positions(np.asarray(rows @ vector, dtype=np.float32), n)
        return top if allowed is None else allowed[top].tolist()


def build_dense(vectors: np.ndarray, build: Path) -> dict:
    """Write what dense search needs beyond the vectors; returns its manifest entry."""
    n = vectors.shape[0]
    if n < APPROXIMATE_FROM:
        return {"kind": "exact"}
    import faiss

    nlist = cluster_count(n)
    quantizer = faiss.IndexFlatIP(vectors.shape[1])
    ivf = faiss.IndexIVFFlat(quantizer, vectors.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    sample = np.random.default_rng(7).choice(n, min(n, nlist * TRAIN_SAMPLE), replace=False)
    ivf.train(np.ascontiguousarray(vectors[np.sort(sample)], dtype=np.float32))
    for start in range(0, n, 100_000):  # in slices: no second full copy of the vectors
        ivf.add(np.ascontiguousarray(vectors[start : start + 100_000], dtype=np.float32))
    faiss.write_index(ivf, str(build / DENSE_FILE))
    return {"kind": "ivf", "nlist": nlist, "nprobe": probe_count(nlist)}


def load_dense(build: Path, vectors: np.ndarray, info: dict) -> DenseIndex:
    if info.get("kind", "exact") == "exact":
        return DenseIndex(vectors)
    import faiss

    return DenseIndex(vectors, faiss.read_index(str(build / DENSE_FILE), faiss.IO_FLAG_MMAP))
