"""The engine: a loaded index and model, answering questions. Load once, share freely:
`ask` keeps no state between calls, so many threads may use one engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embed import Embedder, MiniLMEmbedder
from index.manifest import check_embedder
from index.store import Index, load
from panelqa.settings import Settings, get_settings
from panelqa.text import terms
from retrieval.answer import Answer, compose
from retrieval.llm import written_by_llm
from retrieval.query import Filters, QueryPlan, parse_query
from retrieval.search import Hit, StageTimes, search
from retrieval.timeline import build_timeline, gather


def term_coverage(index: Index, question: str, hits: list[Hit]) -> float:
    """The idf-weighted share of the question's terms that the passages contain."""
    import math

    rows = [index.position[h.chunk.id] for h in hits]
    total = held = 0.0
    for term in set(terms(question)):
        postings = index.postings(term)
        weight = math.log((len(index.chunks) + 1) / (len(postings) + 0.5))
        total += weight
        held += weight if np.isin(rows, postings).any() else 0.0
    return held / total if total else 0.0


@dataclass
class Engine:
    index: Index
    embedder: Embedder
    settings: Settings

    @classmethod
    def open(cls, index_dir: Path | None = None, settings: Settings | None = None,
             embedder: Embedder | None = None) -> Engine:
        settings = settings or get_settings()
        index_dir = index_dir or settings.index
        index = load(index_dir)
        embedder = embedder or MiniLMEmbedder(settings.model_dir)
        check_embedder(index.manifest, embedder, index_dir)
        return cls(index, embedder, settings)

    def plan(self, question: str, filters: Filters | None = None) -> QueryPlan:
        plan = parse_query(question)
        if filters:
            merged = plan.filters.merged(filters)
            plan = QueryPlan(plan.text, filters.refs or plan.refs, merged, plan.latest,
                             plan.timeline or bool(filters.refs))
        return plan

    def retrieve(self, plan: QueryPlan, times: StageTimes | None = None,
                 vector: np.ndarray | None = None) -> tuple[list[Hit], np.ndarray]:
        times = times or StageTimes()
        if vector is None:
            vector = self.embedder.embed([plan.text])[0]
            times.lap("embed")
        hits = search(self.index, self.embedder, plan, self.settings.retrieval, vector=vector, times=times)
        return hits, vector

    def ask(self, question: str, k: int | None = None, filters: Filters | None = None,
            times: StageTimes | None = None) -> Answer:
        r = self.settings.retrieval
        k = k or r.k
        times = times or StageTimes()
        plan = self.plan(question, filters)
        times.lap("parse")
        hits, vector = self.retrieve(plan, times)
        top = hits[:k]
        abstained = self.should_abstain(plan, top)
        timeline = []
        if plan.timeline and not abstained:
            passages = gather(self.index, hits, plan.refs, vector, r.abstain_below, terms(plan.text))
            timeline = build_timeline(passages, r.timeline_max_periods)
        answer = compose(plan.text, top, timeline, abstained, prefer_update=plan.timeline)
        times.lap("answer")
        if self.settings.llm_url:
            answer = written_by_llm(answer, self.settings.llm_url, self.settings.llm_model,
                                    self.settings.llm_timeout)
            times.lap("llm")
        return answer

    def should_abstain(self, plan: QueryPlan, hits: list[Hit]) -> bool:
        """Abstain when nothing is on topic: no named commitment matched, and the best
        passages share too little of the question's distinctive words."""
        if not hits:
            return True
        if plan.refs and any(h.why == "ref" for h in hits):
            return False
        r = self.settings.retrieval
        if max(h.dense for h in hits) < r.abstain_below:
            return True
        return term_coverage(self.index, plan.text, hits[:3]) < r.min_coverage
