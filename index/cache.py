"""Embedding cache keyed by model and text, so unchanged chunks are never embedded twice."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np


def text_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            try:
                with np.load(path) as data:
                    self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                self.vectors = {}  # a damaged cache only costs re-embedding

    def missing(self, keys: list[str]) -> list[str]:
        return [k for k in dict.fromkeys(keys) if k not in self.vectors]

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        self.vectors.update(zip(keys, vectors, strict=True))

    def matrix(self, keys: list[str]) -> np.ndarray:
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

    def save(self, keep: set[str]) -> None:
        """Write atomically, keeping only the vectors the live index still uses."""
        keys = sorted(k for k in self.vectors if k in keep)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=self.matrix(keys).reshape(-1, self.dim))
        os.replace(tmp, self.path)
