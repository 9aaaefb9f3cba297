"""`panelqa eval`: every configuration over the gold questions, side by side."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.gold import TYPES, GoldQuestion
from eval.metrics import contains_evidence, first_hit_rank, mrr_at_k, percentile, recall_at_k
from eval.systems import Ranked, System


@dataclass
class Miss:
    id: str
    question: str
    retrieved: list[str]


@dataclass
class ConfigResult:
    name: str
    recall_at_1: float
    recall_at_5: float
    recall_at_10: float
    mrr_at_10: float
    timeline_coverage: float
    abstention_accuracy: float
    false_abstention: float
    recall_at_5_by_type: dict[str, float]
    latency_p50_ms: float
    latency_p95_ms: float
    misses: list[Miss] = field(default_factory=list)


def evaluate(name: str, system: System, gold: list[GoldQuestion], k: int = 10) -> ConfigResult:
    ranks: dict[str, int | None] = {}
    latencies, covered, abstained_right, abstained_wrong, misses = [], [], [], [], []
    for question in gold:
        started = time.perf_counter()
        ranked: Ranked = system(question.question, k, question.history)
        latencies.append((time.perf_counter() - started) * 1000)
        if not question.answerable:
            abstained_right.append(ranked.abstained)
            continue
        abstained_wrong.append(ranked.abstained)
        rank = first_hit_rank(ranked.texts[:k], list(question.evidence))
        ranks[question.id] = rank
        if rank is None or rank > 5:
            misses.append(Miss(question.id, question.question, [t[:160] for t in ranked.texts[:3]]))
        if question.type == "timeline":
            papers = {
                s
                for t, s in zip(ranked.texts[:k], ranked.sources[:k], strict=True)
                if contains_evidence(t, list(question.evidence))
            }
            covered.append(len(papers) >= question.min_docs)
    answerable = [q for q in gold if q.answerable]
    all_ranks = [ranks[q.id] for q in answerable]
    by_type = {
        t: recall_at_k([ranks[q.id] for q in answerable if q.type == t], 5)
        for t in TYPES
        if t != "unanswerable" and any(q.type == t for q in answerable)
    }
    return ConfigResult(
        name=name,
        recall_at_1=recall_at_k(all_ranks, 1),
        recall_at_5=recall_at_k(all_ranks, 5),
        recall_at_10=recall_at_k(all_ranks, 10),
        mrr_at_10=mrr_at_k(all_ranks, 10),
        timeline_coverage=sum(covered) / len(covered) if covered else 0.0,
        abstention_accuracy=sum(abstained_right) / len(abstained_right) if abstained_right else 0.0,
        false_abstention=sum(abstained_wrong) / len(abstained_wrong) if abstained_wrong else 0.0,
        recall_at_5_by_type=by_type,
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        misses=misses,
    )


COLUMNS = [
    ("R@1", "recall_at_1"),
    ("R@5", "recall_at_5"),
    ("R@10", "recall_at_10"),
    ("MRR@10", "mrr_at_10"),
    ("TL cov", "timeline_coverage"),
    ("Abst acc", "abstention_accuracy"),
    ("False abst", "false_abstention"),
    ("p50 ms", "latency_p50_ms"),
    ("p95 ms", "latency_p95_ms"),
]


def table(results: list[ConfigResult]) -> str:
    header = f"{'config':<11}" + "".join(f"{label:>11}" for label, _ in COLUMNS)
    rows = [header, "-" * len(header)]
    for result in results:
        values = [getattr(result, attr) for _, attr in COLUMNS]
        rows.append(
            f"{result.name:<11}"
            + "".join(
                f"{v:>11.1f}" if attr.startswith("latency") else f"{v:>11.3f}"
                for v, (_, attr) in zip(values, COLUMNS, strict=True)
            )
        )
    types = sorted({t for r in results for t in r.recall_at_5_by_type})
    rows += ["", "recall@5 by question type", f"{'config':<11}" + "".join(f"{t:>11}" for t in types)]
    for result in results:
        rows.append(
            f"{result.name:<11}" + "".join(f"{result.recall_at_5_by_type.get(t, 0.0):>11.3f}" for t in types)
        )
    return "\n".join(rows)


def write_report(results: list[ConfigResult], folder: Path, stamp: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    names = [r.name for r in results]
    figure, axis = plt.subplots(figsize=(8, 4))
    width = 0.38
    xs = range(len(names))
    axis.bar([x - width / 2 for x in xs], [r.recall_at_5 for r in results], width, label="recall@5")
    axis.bar([x + width / 2 for x in xs], [r.mrr_at_10 for r in results], width, label="MRR@10")
    axis.set_xticks(list(xs), names)
    axis.set_ylim(0, 1)
    axis.legend()
    axis.set_title("panelqa retrieval on the gold questions")
    figure.tight_layout()
    figure.savefig(folder / "chart.png", dpi=120)
    plt.close(figure)
    lines = [
        "# panelqa evaluation",
        "",
        f"Index: {stamp}",
        "",
        "![chart](chart.png)",
        "",
        "```",
        table(results),
        "```",
        "",
    ]
    for result in results:
        lines += [f"## Misses: {result.name} (no evidence in the top 5)", ""]
        for miss in result.misses:
            lines.append(f"- **{miss.id}** {miss.question}")
            lines += [f"  - retrieved: {text!r}" for text in miss.retrieved]
        lines.append("")
    path = folder / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    (folder / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    return path
