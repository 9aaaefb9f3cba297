"""The engine: a loaded index and model, answering questions. Load once, share freely:
`ask` keeps no state between calls, so many threads may use one engine."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from index.embed import Embedder, default_embedder, english_words
from index.manifest import check_embedder
from index.store import Index, load
from index.text import index_text
from panelqa.settings import Settings, get_settings
from panelqa.text import date_terms, spelled_by_initials, terms
from retrieval.answer import Answer, Reading, best_quote, compose, reread, sentences
from retrieval.asked import Asked, asked_objects, read_asked
from retrieval.followup import name_of, read_as, topic_of
from retrieval.gates import answering
from retrieval.judge import (
    VALUE_KINDS,
    Evidence,
    asked_kind,
    first_ask,
    holds_kind,
    missing_fact,
    named_share,
    named_things,
    says_name,
    states_together,
    supported,
    timeless_names,
    unmentioned,
)
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


def idf_share(index: Index, wanted: set[str], held: set[str]) -> float:
    """The idf-weighted share of the wanted terms that are held."""
    weights = {t: math.log((len(index.chunks) + 1) / (len(index.postings(t)) + 0.5)) for t in wanted}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in held) / total if total else 0.0


def term_coverage(
    index: Index,
    wanted: list[str],
    hits: list[Hit],
    unsaid: frozenset[str] = frozenset(),
    initialled: frozenset[str] = frozenset(),
) -> float:
    """The idf-weighted share of the wanted terms that the passages contain (`unsaid`
    terms count as missing, `initialled` ones, said by an acronym, as held)."""
    rows = [index.position[h.chunk.id] for h in hits]
    total = held = 0.0
    for term in set(wanted):
        postings = index.postings(term)
        weight = math.log((len(index.chunks) + 1) / (len(postings) + 0.5))
        total += weight
        said = term in initialled or index.holds(term, rows).any()
        held += weight if term not in unsaid and said else 0.0
    return held / total if total else 0.0


def topic_held(
    index: Index, topic: list[str], hits: list[Hit], names: Sequence[str] = (), question: str = ""
) -> float:
    """The most of the topic (idf-weighted, as term_coverage) that one passage holds: a
    topic is in the papers when a passage speaks of it, not when its words are scattered
    over several ('pay' in one, 'award' in another). A name's terms count only where the
    passage says it as written: 'Mars' is not 'Mar' (March). The question's words a
    passage's acronym stands for are held ('rest days in lieu' by 'RDIL')."""
    return max(
        (
            term_coverage(
                index,
                topic,
                [h],
                frozenset(t for name in names if not says_name(name, text) for t in terms(name)),
                spelled_by_initials(question, text),
            )
            for h in hits
            for text in [index_text(h.chunk)]
        ),
        default=0.0,
    )


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
        understood = read_as(question, earlier)
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

    def evidence(self, plan: QueryPlan, hits: list[Hit], reading: Reading) -> Evidence:
        """The features the answer decision is made from (see retrieval.judge)."""
        best = hits[:3]
        question_terms = set(terms(reading.read_as))
        # A word no paper uses names something the papers cannot speak of, capitalised or not.
        named = named_things(reading.read_as)
        said = {t for thing in named for t in terms(thing)}
        unheard = sorted(t for t in question_terms - said if self.words.unheard(t))
        things = named + unheard
        attribute = question_terms - reading.topic_terms - {t for n in things for t in terms(n)}
        texts = [index_text(h.chunk) for h in best]
        passages = [set(terms(text)) for text in texts]
        # Capitalised names only: a word no paper uses is often the user's own ('spike').
        timeless = timeless_names(named, reading.read_as)
        quotes = [
            q
            for h in best
            if (q := best_quote(h.chunk.text, question_terms, False, h.chunk.cells, reading.kind))
        ]
        quote_share = [idf_share(self.index, question_terms, set(terms(q.text))) for q in quotes]
        best_sentence = quotes[quote_share.index(max(quote_share))] if quotes else None
        return Evidence(
            coverage=term_coverage(self.index, list(question_terms), best),
            # A one-word name's stem may be another word's ('Mars', 'Mar'); a longer name's
            # words together are distinctive enough.
            topic=topic_held(
                self.index,
                list(reading.topic_terms),
                best,
                [n for n in named if " " not in n],
                reading.read_as,
            ),
            dense=max((h.dense for h in hits), default=0.0),
            named=max((named_share(things, text) for text in texts), default=0.0),
            timeless_names_said=max((named_share(timeless, text) for text in texts), default=0.0),
            kind_held=float(
                any(question_terms & set(terms(q.text)) and holds_kind(reading.kind, q.text) for q in quotes)
            ),
            sentence=max(quote_share, default=0.0),
            passage=max((idf_share(self.index, question_terms, p) for p in passages), default=0.0),
            attribute=max((idf_share(self.index, attribute, p) for p in passages), default=0.0)
            if attribute
            else 1.0,
            kind_in_best=float(bool(best_sentence) and holds_kind(reading.kind, best_sentence.text)),
            joint=float(
                any(
                    states_together(set(terms(q.text)), q.text, reading.topic_terms, attribute, reading.kind)
                    for h in best
                    for q in sentences(h.chunk.text, h.chunk.cells)
                )
            ),
        )

    def grounds(self, plan: QueryPlan, hits: list[Hit], reading: Reading) -> Grounds:
        """What the answered / not-stated decision is made from."""
        r = self.settings.retrieval
        evidence = self.evidence(plan, hits, reading)
        asking = first_ask(reading.read_as)
        typed = reading.question if reread(reading.question, reading.read_as) else ""
        asked = read_asked(asking, reading.kind, reading.topic_terms, reading.topic, typed)
        best = hits[:3]
        dated = [frozenset(d.year for d in (h.chunk.as_at, h.chunk.meeting_date) if d) for h in best]
        found = answering(asked, [index_text(h.chunk) for h in best], asking, dated, self.words.written_lower)
        return Grounds(
            evidence,
            asked,
            tuple((best[n].chunk.id, piece) for n, piece in found),
            # A passage holding every topic word is on topic however far its cosine (a long
            # table row scores low against a short question).
            on_topic=evidence.topic >= r.topic_present
            and (evidence.dense >= r.abstain_below or evidence.topic == 1.0),
        )

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
        grounds = self.grounds(plan, hits, reading)
        if grounds.answered(r.judge_weights, r.judge_bias, r.judge_threshold):
            return "answered", None, grounds.quoted_first(set(terms(reading.read_as)))
        if grounds.on_topic:
            return "not_stated", missing_fact(reading.read_as, grounds.asked.kind, grounds.evidence), {}
        return "no_match", None, {}


@dataclass(frozen=True)
class Grounds:
    """The evidence features, what the question asks for, and the sentences found to give
    it (passage id, sentence), in rank order."""

    evidence: Evidence
    asked: Asked
    found: tuple[tuple[str, str], ...]
    on_topic: bool

    def best_found(self, question_terms: set[str]) -> list[tuple[str, str]]:
        """The found sentence saying most of the question's terms, the best-ranked of those
        ('Four recommendations are for all police forces' for 'how many … are for every
        force?', not the report's 'thirteen recommendations')."""
        if not self.found:
            return []
        return [max(self.found, key=lambda found: len(question_terms & set(terms(found[1]))))]

    def quoted_first(self, question_terms: set[str]) -> dict[str, str]:
        """The found sentence the answer quotes first, by its passage's id: one holding the
        asked figure is the answer; one holding a name only when it also says two or more
        of the question's words ('The NCA is the lead law enforcement agency for SOC', not
        a line naming 'Qtr 1')."""
        best = self.best_found(question_terms)
        if self.by_gate_alone or (best and len(question_terms & set(terms(best[0][1]))) >= 2):
            return dict(best)
        return {}

    @property
    def by_gate_alone(self) -> bool:
        """A figure or date is answered exactly when a passage on its topic gives one
        beside what is asked about: the fitted decision is for the rest."""
        return self.asked.kind in VALUE_KINDS

    @property
    def gate_passed(self) -> bool:
        """A figure or date found on the topic; a name, finding or outcome found; or no
        gate to pass (an open question). When the question gives names, passages holding
        neither the topic nor any of them pass none ('Commonwealth Games')."""
        if not self.on_topic and self.evidence.timeless_names_said == 0.0:
            return False
        if self.by_gate_alone:
            return self.on_topic and bool(self.found)
        return self.asked.kind is None or bool(self.found)

    def answered(self, weights: list[float], bias: float, threshold: float) -> bool:
        """The gate, then (unless it decides alone) the fitted model."""
        return self.gate_passed and (self.by_gate_alone or supported(self.evidence, weights, bias, threshold))
