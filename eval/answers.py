"""`panelqa eval`, answer behaviour: does the engine say only what the papers support?

Measured over the full engine's answers (with history on follow-ups):
- abstention recall on plainly unanswerable and on near-miss questions;
- false abstention: answerable questions refused;
- cited evidence: the share of answered answerable questions whose cited passages hold it;
- citations per answered question (median) and recall@5 over citations then related;
- follow-up recall@3: follow-ups answered with the evidence in the first three passages;
- timeline coverage per paper: timeline questions whose answer cites every paper that
  reports on the topic (the gold `papers` map), and false silence: those whose answer
  says a paper of that map says nothing on the topic.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from eval.gold import GoldQuestion
from eval.metrics import contains_evidence
from retrieval.answer import Answer
from retrieval.engine import Engine
from retrieval.timeline import paper_label


@dataclass
class AnswerResult:
    abstain_unanswerable: float
    abstain_near_miss: float
    abstain_all: float
    false_abstention: float
    cited_evidence: float
    citations_median: float
    recall_at_5_cited_then_related: float
    followup_recall_at_3: float
    timeline_paper_coverage: float
    timeline_false_silence: float
    counts: dict[str, int]


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _ranked_texts(answer: Answer) -> list[str]:
    return [c.hit.chunk.text for c in (*answer.citations, *answer.related)]


def covers_every_paper(answer: Answer, papers: dict[str, str]) -> bool:
    """Every paper in the gold map has a cited passage from it."""
    cited = {c.hit.chunk.source for c in answer.citations}
    return not answer.abstained and set(papers) <= cited


def says_silent(answer: Answer, papers: dict[str, str], labels: dict[str, str]) -> bool:
    """The answer lists a paper of the gold map among those saying nothing on the topic."""
    return any(labels.get(source) in answer.silent for source in papers)


def evaluate_answers(engine: Engine, gold: list[GoldQuestion], k: int | None = None) -> AnswerResult:
    """Answer behaviour at `k` citations (default: the settings' retrieval.k, what users get)."""
    refused: dict[str, list[bool]] = {"unanswerable": [], "near_miss": [], "answerable": []}
    cited_ok, cites, recall5, followups, timelines, silences = [], [], [], [], [], []
    labels = {c.source: paper_label(c) for c in reversed(engine.index.chunks)}  # each paper's first
    for question in gold:
        answer = engine.ask(question.question, k=k, history=question.history)
        if not question.answerable:
            refused[question.type].append(answer.abstained)
            continue
        refused["answerable"].append(answer.abstained)
        ranked = _ranked_texts(answer)
        recall5.append(any(contains_evidence(t, list(question.evidence)) for t in ranked[:5]))
        if question.type == "followup":
            followups.append(
                not answer.abstained
                and any(contains_evidence(t, list(question.evidence)) for t in ranked[:3])
            )
        if question.papers:
            timelines.append(covers_every_paper(answer, question.papers))
            silences.append(says_silent(answer, question.papers, labels))
        if not answer.abstained:
            cites.append(len(answer.citations))
            cited_ok.append(
                any(contains_evidence(c.hit.chunk.text, list(question.evidence)) for c in answer.citations)
            )
    return AnswerResult(
        abstain_unanswerable=_share(refused["unanswerable"]),
        abstain_near_miss=_share(refused["near_miss"]),
        abstain_all=_share(refused["unanswerable"] + refused["near_miss"]),
        false_abstention=_share(refused["answerable"]),
        cited_evidence=_share(cited_ok),
        citations_median=float(statistics.median(cites)) if cites else 0.0,
        recall_at_5_cited_then_related=_share(recall5),
        followup_recall_at_3=_share(followups),
        timeline_paper_coverage=_share(timelines),
        timeline_false_silence=_share(silences),
        counts={
            "unanswerable": len(refused["unanswerable"]),
            "near_miss": len(refused["near_miss"]),
            "answerable": len(refused["answerable"]),
            "followup": len(followups),
            "timeline_with_papers": len(timelines),
        },
    )


LABELS = {
    "abstain_unanswerable": "Abstained, plainly unanswerable",
    "abstain_near_miss": "Abstained, near miss",
    "abstain_all": "Abstained, unanswerable + near miss",
    "false_abstention": "Answerable refused (false abstention)",
    "cited_evidence": "Answered: cited passages hold the evidence",
    "citations_median": "Cited passages per answer (median)",
    "recall_at_5_cited_then_related": "Recall@5 over citations then related",
    "followup_recall_at_3": "Follow-ups answered, evidence in top 3",
    "timeline_paper_coverage": "Timelines citing every reporting paper",
    "timeline_false_silence": "Timelines saying a reporting paper says nothing",
}


def answer_table(result: AnswerResult) -> str:
    rows = ["Answer behaviour (full engine)", "-" * 52]
    rows += [f"{label:<44}{getattr(result, name):>8.3f}" for name, label in LABELS.items()]
    rows.append("questions: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    return "\n".join(rows)
