"""The ONNX Runtime embedder against the sentence-transformers original, and a query path
without torch (slow lane: the real model)."""

import subprocess
import sys

import numpy as np
import pytest

from index.embed import OnnxMiniLMEmbedder
from index.store import load
from index.text import index_text
from panelqa.settings import REPO_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def onnx_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="module")
def onnx(onnx_folder):
    return OnnxMiniLMEmbedder(onnx_folder)  # a fresh export, tested here


def test_onnx_vectors_match_the_original_on_every_shipped_passage(onnx, index_dir):
    index = load(index_dir)  # built by the sentence-transformers embedder (conftest)
    vectors = onnx.embed([index_text(c) for c in index.chunks])
    cosines = (vectors * index.vectors).sum(axis=1)
    assert len(cosines) == len(index.chunks) > 900
    assert cosines.min() >= 0.999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_order_and_batching_do_not_change_a_vector(onnx):
    texts = ["Track my Crime", "a much longer passage about the police and crime plan " * 20, ""]
    together = onnx.embed(texts)
    alone = np.vstack([onnx.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert onnx.embed([]).shape == (0, 384)


def test_batches_run_at_once_give_the_vectors_run_one_after_another_do(onnx, onnx_folder):
    texts = [f"update {n}: " + "the panel asked about response times " * (n % 7) for n in range(80)]
    at_once = OnnxMiniLMEmbedder(onnx_folder, workers=2).embed(texts)  # 3 batches, 2 at a time
    assert np.array_equal(at_once, OnnxMiniLMEmbedder(onnx_folder, workers=1).embed(texts))


def test_same_identity_as_the_original(onnx, embedder):
    assert onnx.identity() == embedder.identity()


def test_a_cold_question_never_imports_torch(index_dir):
    from index.embed import default_embedder

    default_embedder()  # the machine's export exists, as after any ingest
    script = (
        "import sys; from pathlib import Path; from retrieval.engine import Engine; "
        f"Engine.open(Path({str(index_dir)!r})).ask('what happened to Track my Crime?'); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
