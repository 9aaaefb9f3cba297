"""A tiny stand-in for the real embedding model, so index building is tested in milliseconds."""

from __future__ import annotations

import hashlib

import numpy as np

from ingest.records import Chunk
from panelqa.text import terms


class HashingEmbedder:
    """Bag of stemmed words hashed into `dim` buckets, unit length: texts that share words
    have a positive cosine, as with a real model. Counts every text it is asked to embed."""

    name = "hashing-test-embedder"

    def __init__(self, dim: int = 64, weights: str = "v1") -> None:
        self.dim, self.weights = dim, weights
        self.embedded: list[str] = []

    def identity(self) -> dict:
        return {"name": self.name, "dim": self.dim, "weights": self.weights}

    def embed(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text) or ["<empty>"]:
                out[row, int(hashlib.sha1(term.encode()).hexdigest(), 16) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def make_chunk(id: str, text: str = "", **fields) -> Chunk:
    """A Chunk with plain defaults for every field a test does not care about."""
    defaults: dict = {
        "source": "paper.txt",
        "title": "Paper",
        "meeting_date": None,
        "period": None,
        "section": "",
        "kind": "plan_row",
        "ref": None,
        "page": None,
        "paragraph": None,
    }
    return Chunk(id=id, text=text, **{**defaults, **fields})
