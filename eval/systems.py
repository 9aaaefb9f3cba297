"""The configurations compared: each turns a question into ranked passages (and sources).

BM25 only, dense only and plain hybrid use the panelqa index without query understanding;
`rank-bm25` is the pure-Python reference BM25 that ours must agree with;
`full` is the engine as users get it; `langchain` is the recipe a user would otherwise
build: RecursiveCharacterTextSplitter(1000/200) over the raw files, the same model, FAISS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retrieval.engine import Engine
from retrieval.query import QueryPlan, check_query
from retrieval.search import bm25_ranking, collapse, dense_ranking, search


@dataclass(frozen=True)
class Ranked:
    texts: list[str]
    sources: list[str]
    abstained: bool = False


# (question, k, earlier questions): only the full engine reads the conversation.
System = Callable[[str, int, tuple[str, ...]], Ranked]


def _from_positions(engine: Engine, positions: list[int]) -> Ranked:
    chunks = [engine.index.chunks[i] for i in positions]
    return Ranked([c.text for c in chunks], [c.source for c in chunks])


def bm25_only(engine: Engine) -> System:
    import numpy as np

    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        mask = np.ones(len(engine.index.chunks), dtype=bool)
        return _from_positions(engine, bm25_ranking(engine.index, question, mask, k)[0])

    return run


def rank_bm25_reference(engine: Engine) -> System:
    """rank-bm25's BM25Okapi over the same terms: the textbook implementation that scores
    every passage in Python, kept as the reference bm25s must agree with."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    from index.text import index_text
    from panelqa.text import terms

    reference = BM25Okapi([terms(index_text(c)) or [""] for c in engine.index.chunks])

    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        scores = reference.get_scores(terms(question))
        top = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]
        return _from_positions(engine, top)

    return run


def dense_only(engine: Engine) -> System:
    import numpy as np

    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        mask = np.ones(len(engine.index.chunks), dtype=bool)
        vector = engine.embedder.embed([question])[0]
        return _from_positions(engine, dense_ranking(engine.index, vector, mask, k))

    return run


def hybrid(engine: Engine) -> System:
    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        hits = search(
            engine.index, engine.embedder, QueryPlan(check_query(question)), engine.settings.retrieval, k
        )
        hits = collapse(hits)[:k]
        return Ranked([h.chunk.text for h in hits], [h.chunk.source for h in hits])

    return run


def full_engine(engine: Engine) -> System:
    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        """Cited passages first, then the related ones, as a reader meets them."""
        answer = engine.ask(question, k=k, history=history)
        chunks = [c.hit.chunk for c in (*answer.citations, *answer.related)]
        return Ranked([c.text for c in chunks], [c.source for c in chunks], answer.abstained)

    return run


class _LangChainEmbeddings:
    """LangChain's Embeddings interface over the same MiniLM model."""

    def __init__(self, engine: Engine) -> None:
        self.embedder = engine.embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()


def langchain_recipe(engine: Engine, corpus_dir: Path) -> System:
    from langchain_community.vectorstores import FAISS
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    class Adapter(_LangChainEmbeddings, Embeddings):
        pass

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts, metadata = [], []
    for path in sorted(corpus_dir.glob("*.txt")):
        for piece in splitter.split_text(path.read_text(encoding="utf-8")):
            texts.append(piece)
            metadata.append({"source": path.name})
    store = FAISS.from_texts(texts, Adapter(engine), metadatas=metadata)

    def run(question: str, k: int, history: tuple[str, ...] = ()) -> Ranked:
        docs = store.similarity_search(question, k=k)
        return Ranked([d.page_content for d in docs], [d.metadata["source"] for d in docs])

    return run
