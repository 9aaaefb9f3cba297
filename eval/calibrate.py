"""Calibrating the answered / not-stated decision (retrieval.judge) by cross-validation.

Examples: every gold question (answerable ones are positives; near-miss and plainly
unanswerable ones negatives) plus GENERATED negatives, made reproducibly from answerable
gold questions:
- attribute swap: 'How much did <topic> cost?' kept only when no passage reporting on the
  topic states an amount in pounds (checked over the whole index);
- named-thing swap: the topic replaced by a name none of whose distinctive terms is in the
  index ('Operation Kestrel').
A logistic model over `Evidence` is fitted on k-1 folds, its threshold set on those folds
(the highest with at most `MAX_FALSE_ABSTENTION` answerable questions refused), and scored
on the held-out fold. Run `python -m eval.calibrate` to print held-out figures and the
parameters for panelqa/settings.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from eval.gold import GoldQuestion
from retrieval.engine import Engine
from retrieval.followup import topic_of
from retrieval.judge import HAS_KIND, probability
from retrieval.timeline import reports_on

FOLDS = 5
SEED = 7
MAX_FALSE_ABSTENTION = 0.03  # on the training folds; the target on unseen questions is 0.05
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
    rarest = min(wanted, key=lambda t: len(engine.index.postings(t)))
    return not any(
        reports_on(engine.index, chunk, wanted) and HAS_KIND["amount"].search(chunk.text)
        for chunk in (engine.index.chunks[i] for i in engine.index.postings(rarest))
    )


def generated_negatives(engine: Engine, gold: list[GoldQuestion]) -> list[Example]:
    made = []
    names = [n for n in INVENTED_NAMES if _absent(engine, n)]
    for number, question in enumerate(q for q in gold if q.answerable and not q.history):
        topic = topic_of(question.question)
        if not topic:
            continue
        if _no_amount_on(engine, topic):
            made.append(Example(f"How much did {topic} cost?", (), False, "generated"))
        if names:
            swapped = question.question.replace(topic, names[number % len(names)], 1)
            made.append(Example(swapped, (), False, "generated"))
    return made


def features(engine: Engine, example: Example) -> list[float]:
    reading, plan = engine.read(example.question, example.history)
    hits, _ = engine.retrieve(plan)
    return engine.evidence(plan, hits[: engine.settings.retrieval.k], reading).vector()


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


def cross_validate(x: np.ndarray, y: np.ndarray, origin: list[str]) -> list[Fold]:
    fold, results = _folds(y), []
    generated = np.array([o == "generated" for o in origin])
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        weights, bias = fit_logistic(x[train], y[train])
        threshold = choose_threshold(_scores(x[train], weights, bias), y[train])
        refused = _scores(x[test], weights, bias) < threshold
        yt, gt = y[test], generated[test]
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


def dataset(engine: Engine, gold: list[GoldQuestion]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    examples = [Example(q.question, q.history, q.answerable, "gold") for q in gold]
    examples += generated_negatives(engine, gold)
    x = np.array([features(engine, e) for e in examples])
    y = np.array([int(e.answerable) for e in examples])
    return x, y, [e.origin for e in examples]


def report(engine: Engine, gold: list[GoldQuestion]) -> str:
    """Held-out figures per fold, and the parameters fitted on every example."""
    x, y, origin = dataset(engine, gold)
    lines = [
        f"Answer decision, {FOLDS}-fold cross-validation: {len(y)} examples, "
        f"{int(y.sum())} answerable, {int((y == 0).sum())} not "
        f"({sum(o == 'generated' for o in origin)} generated)"
    ]
    folds = cross_validate(x, y, origin)
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
    weights, bias = fit_logistic(x, y)
    threshold = choose_threshold(_scores(x, weights, bias), y)
    lines.append(
        f"  fitted on all: judge_weights={[round(float(w), 3) for w in weights]}, "
        f"judge_bias={round(bias, 3)}, judge_threshold={round(threshold, 3)}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    from eval.gold import load_gold

    print(report(Engine.open(), load_gold()))
