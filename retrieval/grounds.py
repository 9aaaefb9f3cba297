"""Whether the passages found answer a question: the evidence features (retrieval.judge)
weighed over the best passages, what the question asks for (retrieval.asked), the sentences
found to give it (retrieval.gates), and the decision over them (`Grounds.answered`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from index.store import Index
from index.text import index_text
from panelqa.settings import RetrievalSettings
from panelqa.text import acronyms_spelled_out, spelled_by_initials, terms
from retrieval.answer import Reading, best_quote, reread, sentences
from retrieval.asked import Asked, read_asked
from retrieval.gates import ON_THE_RAREST_WORD, FigureTable, answering
from retrieval.judge import (
    Evidence,
    named_share,
    named_things,
    says_name,
    states_together,
    supported,
    timeless_names,
)
from retrieval.kinds import VALUE_KINDS, first_ask, holds_kind
from retrieval.search import Hit
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
    passage's acronym stands for are held ('rest days in lieu' by 'RDIL'), as are its acronyms
    the passage spells out ('NPAS' by 'National Police Air Service')."""
    return max(
        (
            term_coverage(
                index,
                topic,
                [h],
                frozenset(t for name in names if not says_name(name, text) for t in terms(name)),
                spelled_by_initials(question, text) | acronyms_spelled_out(question, text),
            )
            for h in hits
            for text in [index_text(h.chunk)]
        ),
        default=0.0,
    )


def names_rarest(index: Index, asked: Asked, question: str, hit: Hit) -> bool:
    """Whether a passage, or one either side of it, names the rarest of the topic's terms
    in the papers (any of them, if several are as rare), or spells it by initials: a
    figure about 'the PCC's new surgery events' is in a passage about surgeries, not in one
    about another event with 'PCC' and 'event' in it; who evaluated the MORSE project is
    not said by 'Work with Triange Consultancy to evaluate the pilot' of another project."""
    # A word no paper uses is the user's own, which no passage names.
    counts = {t: n for t in asked.topic if (n := len(index.postings(t)))}
    fewest = min(counts.values(), default=0)
    rarest = {t for t, n in counts.items() if n == fewest}
    return not rarest or any(
        rarest & (set(terms(text)) | spelled_by_initials(question, text))
        for text in (index_text(c) for c in (hit.chunk, *index.neighbours(hit.chunk)) if c)
    )


def weigh_evidence(index: Index, words: PaperWords, hits: list[Hit], reading: Reading) -> Evidence:
    """The features the answer decision is made from (see retrieval.judge)."""
    best = hits[:3]
    question_terms = set(terms(reading.read_as))
    # A word no paper uses names something the papers cannot speak of, capitalised or not.
    named = named_things(reading.read_as)
    said = {t for thing in named for t in terms(thing)}
    unheard = sorted(t for t in question_terms - said if words.unheard(t))
    things = named + unheard
    attribute = question_terms - reading.topic_terms - {t for n in things for t in terms(n)}
    texts = [index_text(h.chunk) for h in best]
    passages = [set(terms(text)) for text in texts]
    # Capitalised names only: a word no paper uses is often the user's own ('spike').
    timeless = timeless_names(named, reading.read_as)
    quotes = [
        q for h in best if (q := best_quote(h.chunk.text, question_terms, False, h.chunk.cells, reading.kind))
    ]
    quote_share = [idf_share(index, question_terms, set(terms(q.text))) for q in quotes]
    best_sentence = quotes[quote_share.index(max(quote_share))] if quotes else None
    return Evidence(
        coverage=term_coverage(index, list(question_terms), best),
        # A one-word name's stem may be another word's ('Mars', 'Mar'); a longer name's
        # words together are distinctive enough.
        topic=topic_held(
            index,
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
        passage=max((idf_share(index, question_terms, p) for p in passages), default=0.0),
        attribute=max((idf_share(index, attribute, p) for p in passages), default=0.0) if attribute else 1.0,
        kind_in_best=float(best_sentence is not None and holds_kind(reading.kind, best_sentence.text)),
        joint=float(
            any(
                states_together(set(terms(q.text)), q.text, reading.topic_terms, attribute, reading.kind)
                for h in best
                for q in sentences(h.chunk.text, h.chunk.cells)
            )
        ),
    )


def ground(
    index: Index, words: PaperWords, settings: RetrievalSettings, hits: list[Hit], reading: Reading
) -> Grounds:
    """What the answered / not-stated decision is made from."""
    evidence = weigh_evidence(index, words, hits, reading)
    asking = first_ask(reading.read_as)
    typed = reading.question if reread(reading.question, reading.read_as) else ""
    asked = read_asked(asking, reading.kind, reading.topic_terms, reading.topic, typed, words.places)
    best = hits[:3]
    dated = [frozenset(d.year for d in (h.chunk.as_at, h.chunk.meeting_date) if d) for h in best]
    texts = [index_text(h.chunk) for h in best]
    on_rarest = asked.kind in ON_THE_RAREST_WORD
    rarest_named = [names_rarest(index, asked, asking, h) for h in best] if on_rarest else []
    tables = [FigureTable(h.chunk.columns, h.chunk.period.label if h.chunk.period else "") for h in best]
    found = answering(asked, texts, asking, dated, words.written_lower, rarest_named, tables)
    return Grounds(
        evidence,
        asked,
        tuple((best[n].chunk.id, piece) for n, piece in found),
        # A passage holding every topic word is on topic however far its cosine (a long
        # table row scores low against a short question).
        on_topic=evidence.topic >= settings.topic_present
        and (evidence.dense >= settings.abstain_below or evidence.topic == 1.0),
    )


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
        beside what is asked about, and initials when a passage spells them out: the
        fitted decision is for the rest."""
        return self.asked.kind in VALUE_KINDS or self.asked.kind == "expansion"

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
