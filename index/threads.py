"""Commitment threads: the same plan commitment recognised across papers.

Within one plan a commitment keeps its ref; when a plan renumbers everything (2021), only
its wording carries over. Two rows are one commitment when their refs match and their
wording is alike, or when their wording is near-identical whatever the refs say.
"""

from __future__ import annotations

from index.embed import Embedder
from ingest.records import Chunk

SAME_REF_SIMILARITY = 0.75
RENUMBERED_SIMILARITY = 0.92


def row_key(chunk: Chunk) -> tuple[str, str] | None:
    if chunk.kind != "plan_row" or not chunk.ref:
        return None
    return chunk.source, chunk.parent_ref or chunk.ref


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def build_threads(chunks: list[Chunk], embedder: Embedder) -> dict[str, str]:
    """Map each plan_row chunk id to a thread id ('T0003'), deterministic for a corpus."""
    rows: dict[tuple[str, str], str] = {}
    for chunk in chunks:
        key = row_key(chunk)
        if key and key not in rows:
            rows[key] = chunk.commitment or ""
    keys = sorted(rows)
    if not keys:
        return {}
    vectors = embedder.embed([rows[k] or k[1] for k in keys])
    similarity = vectors @ vectors.T
    parent = list(range(len(keys)))
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if keys[i][0] == keys[j][0]:
                continue  # one paper never lists a commitment twice
            same_ref = keys[i][1] == keys[j][1]
            limit = SAME_REF_SIMILARITY if same_ref else RENUMBERED_SIMILARITY
            if similarity[i, j] >= limit:
                parent[_find(parent, j)] = _find(parent, i)
    roots = sorted({_find(parent, i) for i in range(len(keys))})
    names = {root: f"T{n:04d}" for n, root in enumerate(roots)}
    thread_of_key = {keys[i]: names[_find(parent, i)] for i in range(len(keys))}
    return {c.id: thread_of_key[k] for c in chunks if (k := row_key(c))}
