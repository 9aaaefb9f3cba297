"""The engine: a loaded index and model, answering questions. Load once, share freely:
`ask` keeps no state between calls, so many threads may use one engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from index.embed import Embedder, default_embedder, english_words
from index.manifest import check_embedder
from index.store import Index, load
from panelqa.settings import Settings, get_settings
from panelqa.text import date_terms, terms
from retrieval.answer import Answer, Reading, compose
from retrieval.asked import asked_objects
from retrieval.followup import name_of, read_as, topic_of
from retrieval.grounds import Grounds, ground
from retrieval.judge import missing_fact, named_things, unmentioned
from retrieval.kinds import VALUE_KINDS, asked_kind, first_ask
from retrieval.llm import written_by_llm
from retrieval.query import (
    Filters,
    QueryPlan,
    check_query,
    clean_question,
    parse_query,
    printable,
    respelled,
    truecased,
)
from retrieval.ref_rows import asked_ref, earlier_meanings, without_other_meanings
from retrieval.search import Hit, StageTimes, search
from retrieval.timeline import build_timeline, every_paper, gather, silent_papers, within_filters
from retrieval.vocabulary import PaperWords


@dataclass
class Engine:
    index: Index
    embedder: Embedder
    settings: Settings

    @classmethod
    def open(
        cls, index_dir: Path | None = None, settings: Settings | None = None, embedder: Embedder | None = None
    ) -> Engine:
        settings = settings or get_settings()
        index_dir = index_dir or settings.index
        index = load(index_dir)
        embedder = embedder or default_embedder(settings.model_dir)
        check_embedder(index.manifest, embedder, index_dir)
        return cls(index, embedder, settings)

    def plan(self, question: str, filters: Filters | None = None, previous: str | None = None) -> QueryPlan:
        """The query plan; a follow-up keeps the earlier question's ref and date filters
        unless it names its own."""
        plan = parse_query(question)
        if previous:
            earlier = parse_query(previous)
            plan = QueryPlan(
                plan.text,
                plan.refs or earlier.refs,
                earlier.filters.merged(plan.filters),
                plan.latest or earlier.latest,
                plan.timeline or bool(earlier.refs and not plan.refs),
            )
        if filters:
            merged = plan.filters.merged(filters)
            plan = QueryPlan(
                plan.text, filters.refs or plan.refs, merged, plan.latest, plan.timeline or bool(filters.refs)
            )
        return plan

    def retrieve(
        self, plan: QueryPlan, times: StageTimes | None = None, vector: np.ndarray | None = None
    ) -> tuple[list[Hit], np.ndarray]:
        times = times or StageTimes()
        if vector is None:
            vector = self.embedder.embed([plan.text])[0]
            times.lap("embed")
        hits = search(self.index, self.embedder, plan, self.settings.retrieval, vector=vector, times=times)
        return hits, vector

    def read(
        self, question: str, history: Sequence[str] = (), filters: Filters | None = None
    ) -> tuple[Reading, QueryPlan]:
        """The cleaned question, how it is read against the conversation, and its plan."""
        question = check_query(question)
        earlier = [clean_question(printable(h)) for h in history if h]
        understood = read_as(question, earlier, self.words.places)
        plan = self.plan(understood.text, filters, understood.previous)
        return self._reading(question, understood.text, plan, understood.carried), plan

    def found(
        self,
        question: str,
        history: Sequence[str] = (),
        filters: Filters | None = None,
        times: StageTimes | None = None,
        k: int | None = None,
    ) -> tuple[Reading, QueryPlan, list[Hit], np.ndarray]:
        """The question read as the passages found write it, its plan, and the passages.
        A word no paper uses is respelled when it is a typo of one they use
        (query.respelled; the passages are then searched for again), and a question typed
        in lower case is cased as they write its words (query.truecased): retrieval
        forgives both, but names and topics are read from the words as written. `k`: how
        many passages the answer is judged on (default: the settings')."""
        times = times or StageTimes()
        reading, plan = self.read(question, history, filters)
        times.lap("parse")
        hits, vector = self.retrieve(plan, times)
        if not hits and not (filters and (filters.since or filters.until)):
            # 'In 2017 the PCC funded …': a year the question names may be when a thing
            # happened, which later papers report; the answer gate still holds it to that year.
            plan = replace(plan, filters=replace(plan.filters, since=None, until=None))
            hits, vector = self.retrieve(plan, times, vector)
        # Every passage found lends its words to respelling: the answer's few may lack it.
        respelt = respelled(reading.read_as, [h.chunk.text for h in hits], self.words.may_be_typo)
        if respelt != reading.read_as:
            plan = replace(plan, text=respelt)
            hits, vector = self.retrieve(plan, times)
        rewritten = truecased(respelt, [h.chunk.text for h in hits[: k or self.settings.retrieval.k]])
        if rewritten != reading.read_as:
            reading = self._reading(reading.question, rewritten, plan, reading.carried_topic)
        return reading, plan, hits, vector

    @cached_property
    def words(self) -> PaperWords:
        """The words the papers use (typos, names), looked up on first need."""
        return PaperWords(self.index, english_words(self.settings.model_dir))

    @staticmethod
    def _reading(question: str, understood: str, plan: QueryPlan, carried: str | None = None) -> Reading:
        # A follow-up with no topic of its own is on the earlier one it carries ('what's the
        # forecast for the full year?' on robberies), not on its own words ('forecast').
        topic = carried or topic_of(understood)
        wanted = " ".join([topic, *named_things(understood)])
        # The years and months a question names bound it in time ('since 2015'); they are
        # no part of its topic, which passages of any date speak of.
        return Reading(
            question,
            understood,
            frozenset(terms(wanted) or terms(understood)) - date_terms(understood),
            refs=plan.refs,
            kind=asked_kind(first_ask(understood)),
            over_time=plan.timeline,
            topic=topic,
            carried_topic=carried,
        )

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        times: StageTimes | None = None,
        history: Sequence[str] = (),
    ) -> Answer:
        """Answer `question`; `history` holds the conversation's earlier questions, oldest
        first, which a follow-up ('when did they close it?') is read against."""
        r = self.settings.retrieval
        times = times or StageTimes()
        reading, plan, hits, vector = self.found(question, history, filters, times, k)
        top = hits[: k or r.k]
        outcome, missing, answering_lines = self.judge(plan, top, reading)
        timeline, silent, meanings = [], (), ()
        if plan.timeline and outcome == "answered":
            papers = r.timeline_max_periods
            asked = [asked_ref(self.index, ref) for ref in plan.refs]
            passages = gather(self.index, hits, asked, vector, r.abstain_below, terms(plan.text), papers)
            name = name_of(reading.topic)
            if not plan.refs:
                passages = every_paper(
                    self.index, passages, vector, r.paper_floor, reading.topic_terms, papers, name
                )
            passages = within_filters(self.index, passages, plan.filters)
            timeline = build_timeline(passages, r.timeline_max_periods)
            # A name as the user typed it: 'domestic burglary' is cased as a 2015 table writes
            # it, yet the 2021 extract's '223 burglaries (Residential only)' is on it.
            typed = name_of(topic_of(reading.question))
            silent = silent_papers(self.index, plan.filters, timeline, papers, reading.topic_terms, typed)
            meanings = earlier_meanings(self.index, asked)
            top = without_other_meanings(self.index, asked, top)
        answer = compose(reading, top, timeline, outcome, missing, silent, answering_lines, meanings)
        times.lap("answer")
        if self.settings.llm_url:
            answer = written_by_llm(
                answer, self.settings.llm_url, self.settings.llm_model, self.settings.llm_timeout
            )
            times.lap("llm")
        return answer

    def grounds(self, hits: list[Hit], reading: Reading) -> Grounds:
        """What the answered / not-stated decision is made from (retrieval.grounds)."""
        return ground(self.index, self.words, self.settings.retrieval, hits, reading)

    def judge(
        self, plan: QueryPlan, hits: list[Hit], reading: Reading
    ) -> tuple[str, str | None, dict[str, str]]:
        """'answered' when the passages answer (see Grounds.answered); otherwise
        'not_stated' when the topic is in them (the asked fact is not), else 'no_match'.
        Third: the best-ranked sentence giving an asked figure, by its passage's id, for
        the answer to quote first."""
        if not hits:
            return "no_match", None, {}
        if plan.refs and reading.kind not in VALUE_KINDS and any(h.why == "ref" for h in hits):
            return "answered", None, {}  # the named commitment's rows are the answer
        if unheard := [w for w in asked_objects(reading.read_as) if self.words.unmentioned(w)]:
            # 'What is the PCC doing about graffiti?': what is asked about is a word no paper
            # uses (nor one a typo away), so no passage can be on it, whatever it shares.
            return "no_match", unmentioned(unheard), {}
        r = self.settings.retrieval
        grounds = self.grounds(hits, reading)
        if grounds.answered(r.judge_weights, r.judge_bias, r.judge_threshold):
            return "answered", None, grounds.quoted_first(set(terms(reading.read_as)))
        if grounds.on_topic:
            return "not_stated", missing_fact(reading.read_as, grounds.asked.kind, grounds.evidence), {}
        return "no_match", None, {}
