"""Calibrating the answered / not-stated decision (retrieval.judge) by cross-validation.

Examples: every gold question (answerable ones are positives; near-miss and plainly
unanswerable ones negatives) plus GENERATED negatives, made reproducibly from answerable
gold questions:
- attribute swap: 'How much did <topic> cost?' kept only when no passage reporting on the
  topic states an amount in pounds (checked over the whole index);
- named-thing swap: the topic replaced by a name none of whose distinctive terms is in the
  index ('Operation Kestrel').
The decision scored is the engine's whole one (retrieval.grounds.Grounds): a question asking
for a figure or date is decided by its gate alone; any other must pass its gate (if it asks
for a name, a finding or an outcome) and a logistic model over `Evidence`. The model is
fitted on k-1 folds, on the questions it decides, with its threshold set on those folds
(the highest with at most `MAX_FALSE_ABSTENTION` of their answerable questions refused),
and the whole decision is scored on the held-out fold. Run `python -m eval.calibrate` to
print held-out figures and the parameters for panelqa/settings.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from eval.gold import GoldQuestion
from retrieval.engine import Engine
from retrieval.followup import topic_of
from retrieval.judge import probability
from retrieval.kinds import HAS_KIND
from retrieval.timeline import rows_reporting_on

FOLDS = 5
SEED = 7
MAX_FALSE_ABSTENTION = 0.0  # on the training folds; 0.01 refused 0.051 held out, over the 0.05 target
L2 = 0.01
# Names absent from these papers: each is kept only if the index confirms it.
INVENTED_NAMES = (
    "Operation Kestrel",
    "the Ludlow drone unit",
    "Project Nightjar",
    "the Kidderminster knife arch",
    "the Tenbury cyber hub",
    "Operation Larkspur",
)


@dataclass(frozen=True)
class Example:
    question: str
    history: tuple[str, ...]
    answerable: bool
    origin: str  # 'gold' or 'generated'


def _absent(engine: Engine, name: str) -> bool:
    from panelqa.text import terms

    return any(len(engine.index.postings(t)) == 0 for t in terms(name))


def _no_amount_on(engine: Engine, topic: str) -> bool:
    """True when no passage that reports on `topic` states an amount in pounds."""
    from panelqa.text import terms

    wanted = frozenset(terms(topic))
    if not wanted:
        return False
    # Sorted first: of terms equally rare, the same one every run (a set's order is not).
    rarest = min(sorted(wanted), key=lambda t: len(engine.index.postings(t)))
    rows = np.asarray(engine.index.postings(rarest))
    reporting = rows[rows_reporting_on(engine.index, rows, wanted)]
    return not any(HAS_KIND["amount"].search(engine.index.chunks[int(i)].text) for i in reporting)


def generated_negatives(engine: Engine, gold: list[GoldQuestion]) -> list[Example]:
    made = []
    names = [n for n in INVENTED_NAMES if _absent(engine, n)]
    for number, question in enumerate(q for q in gold if q.answerable and not q.history):
        topic = topic_of(question.question)
        if not topic:
            continue
        if _no_amount_on(engine, topic):
            made.append(Example(f"How much did {topic} cost?", (), False, "generated"))
        swapped = question.question.replace(topic, names[number % len(names)], 1) if names else ""
        if swapped and swapped != question.question:  # a topic read across punctuation is not swapped
            made.append(Example(swapped, (), False, "generated"))
    return made


@dataclass(frozen=True)
class Judged:
    """One example's features and its gate's verdict."""

    vector: list[float]
    by_gate_alone: bool  # a figure or date: the gate decides, the model does not
    gate_passed: bool  # the gate's verdict (on topic and found, or no gate to pass)


def judged(engine: Engine, example: Example) -> Judged:
    reading, plan, hits, _ = engine.found(example.question, example.history)
    grounds = engine.grounds(hits[: engine.settings.retrieval.k], reading)
    # With nothing found the engine answers 'no match' before any gate or model.
    return Judged(grounds.evidence.vector(), grounds.by_gate_alone, bool(hits) and grounds.gate_passed)


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 4000) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by gradient descent (deterministic)."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        weights -= 2.0 * (x.T @ (p - y) / len(y) + L2 * weights)
        bias -= 2.0 * float(np.mean(p - y))
    return weights, bias


def choose_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The highest threshold that refuses at most MAX_FALSE_ABSTENTION of the positives."""
    positives = np.sort(scores[y == 1])
    allowed = int(np.floor(MAX_FALSE_ABSTENTION * len(positives)))
    return float(positives[allowed]) if len(positives) else 0.5


@dataclass
class Fold:
    abstain_gold: float
    abstain_generated: float
    false_abstention: float


def _folds(y: np.ndarray) -> np.ndarray:
    """Stratified fold numbers, shuffled with a fixed seed."""
    order = list(range(len(y)))
    random.Random(SEED).shuffle(order)
    fold = np.zeros(len(y), dtype=int)
    for label in (0, 1):
        members = [i for i in order if y[i] == label]
        for position, i in enumerate(members):
            fold[i] = position % FOLDS
    return fold


@dataclass(frozen=True)
class Dataset:
    x: np.ndarray  # evidence vectors
    y: np.ndarray  # 1 answerable, 0 not
    origin: list[str]
    by_gate_alone: np.ndarray
    gate_passed: np.ndarray

    @property
    def modelled(self) -> np.ndarray:
        """The examples the fitted model decides: not by the gate alone, gate passed."""
        return ~self.by_gate_alone & self.gate_passed


def fit(data: Dataset, rows: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The model and threshold fitted on `rows`' modelled examples."""
    chosen = rows & data.modelled
    weights, bias = fit_logistic(data.x[chosen], data.y[chosen])
    threshold = choose_threshold(_scores(data.x[chosen], weights, bias), data.y[chosen])
    return weights, bias, threshold


def answered(data: Dataset, weights: np.ndarray, bias: float, threshold: float) -> np.ndarray:
    """The engine's decision for every example (see retrieval.grounds.Grounds.answered)."""
    modelled = _scores(data.x, weights, bias) >= threshold
    return data.gate_passed & (data.by_gate_alone | modelled)


def cross_validate(data: Dataset) -> list[Fold]:
    fold, results = _folds(data.y), []
    generated = np.array([o == "generated" for o in data.origin])
    for k in range(FOLDS):
        test = fold == k
        refused = ~answered(data, *fit(data, ~test))[test]
        yt, gt = data.y[test], generated[test]
        results.append(
            Fold(
                abstain_gold=_mean(refused[(yt == 0) & ~gt]),
                abstain_generated=_mean(refused[(yt == 0) & gt]),
                false_abstention=_mean(refused[yt == 1]),
            )
        )
    return results


def _scores(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return np.array([probability(list(row), list(weights), bias) for row in x])


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else float("nan")


def dataset(engine: Engine, gold: list[GoldQuestion]) -> Dataset:
    examples = [Example(q.question, q.history, q.answerable, "gold") for q in gold]
    examples += generated_negatives(engine, gold)
    rows = [judged(engine, e) for e in examples]
    return Dataset(
        x=np.array([r.vector for r in rows]),
        y=np.array([int(e.answerable) for e in examples]),
        origin=[e.origin for e in examples],
        by_gate_alone=np.array([r.by_gate_alone for r in rows]),
        gate_passed=np.array([r.gate_passed for r in rows]),
    )


def report(engine: Engine, gold: list[GoldQuestion]) -> str:
    """Held-out figures per fold, and the parameters fitted on every example."""
    data = dataset(engine, gold)
    lines = [
        f"Answer decision, {FOLDS}-fold cross-validation: {len(data.y)} examples, "
        f"{int(data.y.sum())} answerable, {int((data.y == 0).sum())} not "
        f"({sum(o == 'generated' for o in data.origin)} generated); "
        f"{int(data.by_gate_alone.sum())} decided by a gate alone, {int(data.modelled.sum())} by the model"
    ]
    folds = cross_validate(data)
    for number, fold in enumerate(folds):
        lines.append(
            f"  held-out fold {number}: abstained gold {fold.abstain_gold:.3f}, "
            f"generated {fold.abstain_generated:.3f}; "
            f"false abstention {fold.false_abstention:.3f}"
        )
    mean = {
        name: float(np.nanmean([getattr(f, name) for f in folds]))
        for name in ("abstain_gold", "abstain_generated", "false_abstention")
    }
    lines.append("  held-out mean: " + ", ".join(f"{k} {v:.3f}" for k, v in mean.items()))
    weights, bias, threshold = fit(data, np.ones(len(data.y), dtype=bool))
    lines.append(
        f"  fitted on all: judge_weights={[round(float(w), 3) for w in weights]}, "
        f"judge_bias={round(bias, 3)}, judge_threshold={round(threshold, 3)}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    from eval.gold import load_gold

    print(report(Engine.open(), load_gold()))
