"""Promise detection and follow-up matching against eval/promises.jsonl.

The set labels every promise in the shipped minutes, and near misses that are not promises,
each quoting the minute verbatim. Detection is scored over every sentence the detector
reports: one that matches no labelled promise is a false positive, because the set holds
them all. Follow-ups are scored per shown passage (precision) and per promise that has a
follow-up in the papers (recall); the share threshold is chosen by leave-one-promise-out
cross-validation, and the figures reported are the held-out ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eval.metrics import contains_evidence, normalise
from ingest.records import Chunk
from retrieval.promises import FollowedPromise, FollowUp, Promise, promises_with_follow_ups

PROMISES_PATH = Path(__file__).resolve().parent / "promises.jsonl"
SHARES = tuple(round(0.05 * step, 2) for step in range(0, 19))  # 0.0 … 0.9
# CI floors (tests/test_promises.py), a case of slack below the held-out figures measured
# when the set was made: detection 1.0 / 1.0 (8 of 8, no false positive), follow-ups
# precision 0.636 (7 of 11 shown) and recall 0.6 (3 of the 5 promises followed up).
MIN_DETECTION_PRECISION = 0.85
MIN_DETECTION_RECALL = 0.85
MIN_FOLLOW_UP_PRECISION = 0.5
MIN_FOLLOW_UP_RECALL = 0.4
# Measured 0.8 (4 of the 5 promises followed up have a labelled follow-up among the passages
# naming the topic; 0.6 when a name had to be said whole, 'SmartWater Scheme'). One case is
# 0.2, so the floor leaves none: losing one is the regression this guards against.
MIN_NAMING_RECALL = 0.75


@dataclass(frozen=True)
class LabelledSentence:
    id: str
    promise: bool
    sentence: str
    minute: str
    made_by: str | None = None
    answering: str | None = None
    follow_up: tuple[str, ...] = ()
    follow_up_items: tuple[str, ...] = ()


@dataclass
class PromiseScores:
    detected: int
    labelled: int
    precision: float
    recall: float
    minute_accuracy: float  # of the promises found, minute number right
    maker_accuracy: float
    answering_accuracy: float  # the point's question was found with the promise
    follow_up_precision: float  # held out
    follow_up_recall: float  # held out
    # Of the promises with a labelled follow-up, the share with one among the later
    # passages that name the topic, before any share threshold: what the page can show,
    # as a follow-up or, below the threshold, as a later mention.
    naming_recall: float
    chosen_shares: list[float] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def load_promises(path: Path = PROMISES_PATH) -> list[LabelledSentence]:
    labelled = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        if data.get("label") not in ("promise", "not_promise"):
            raise ValueError(f"{path.name} line {number}: 'label' must be promise or not_promise")
        labelled.append(
            LabelledSentence(
                data["id"],
                data["label"] == "promise",
                data["sentence"],
                data["minute"],
                data.get("made_by"),
                data.get("answering"),
                tuple(data.get("follow_up", ())),
                tuple(data.get("follow_up_items", ())),
            )
        )
    return labelled


def same_sentence(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return a in b or b in a


def _match(found: Promise, labelled: Sequence[LabelledSentence]) -> LabelledSentence | None:
    return next((item for item in labelled if same_sentence(found.sentence, item.sentence)), None)


def _follows(follow: FollowUp, label: LabelledSentence) -> bool:
    return follow.chunk.title in label.follow_up_items or contains_evidence(
        follow.chunk.text, list(label.follow_up)
    )


def _follow_up_counts(
    pairs: Sequence[tuple[FollowedPromise, LabelledSentence]], share: float
) -> tuple[int, int, int, int]:
    """(shown, right, promises with a follow-up in the papers, of them found)."""
    shown = right = due = found = 0
    for followed, label in pairs:
        kept = [f for f in followed.follow_ups if f.share >= share]
        hits = sum(_follows(f, label) for f in kept)
        shown, right = shown + len(kept), right + hits
        if label.follow_up or label.follow_up_items:
            due, found = due + 1, found + (hits > 0)
    return shown, right, due, found


def _f1(counts: tuple[int, int, int, int]) -> float:
    shown, right, due, found = counts
    precision = right / shown if shown else 1.0
    recall = found / due if due else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cross_validated_follow_ups(
    pairs: Sequence[tuple[FollowedPromise, LabelledSentence]],
) -> tuple[float, float, list[float]]:
    """Leave one promise out: pick the share with the best F1 on the rest (the lowest
    among ties), score the held-out promise with it; sum the held-out counts."""
    totals = [0, 0, 0, 0]
    chosen = []
    for held in range(len(pairs)):
        rest = [pair for i, pair in enumerate(pairs) if i != held]
        best = max(SHARES, key=lambda s: (_f1(_follow_up_counts(rest, s)), -s))
        chosen.append(best)
        for i, value in enumerate(_follow_up_counts([pairs[held]], best)):
            totals[i] += value
    shown, right, due, found = totals
    return (right / shown if shown else 1.0), (found / due if due else 1.0), chosen


def evaluate_promises(chunks: Sequence[Chunk], labelled: Sequence[LabelledSentence]) -> PromiseScores:
    gold = [item for item in labelled if item.promise]
    detected = promises_with_follow_ups(chunks, min_share=0.0)
    pairs = [(f, m) for f in detected if (m := _match(f.promise, gold))]
    matched = {label.id for _, label in pairs}
    follow_precision, follow_recall, chosen = cross_validated_follow_ups(pairs)
    _, _, due, named = _follow_up_counts(pairs, 0.0)
    n = len(pairs) or 1
    return PromiseScores(
        detected=len(detected),
        labelled=len(gold),
        precision=len(pairs) / len(detected) if detected else 1.0,
        recall=len(matched) / len(gold) if gold else 1.0,
        minute_accuracy=sum(f.promise.minute == m.minute for f, m in pairs) / n,
        maker_accuracy=sum((m.made_by or "not named in the minute") == f.promise.made_by for f, m in pairs)
        / n,
        answering_accuracy=sum(
            not m.answering or bool(f.promise.answering and same_sentence(m.answering, f.promise.answering))
            for f, m in pairs
        )
        / n,
        follow_up_precision=follow_precision,
        follow_up_recall=follow_recall,
        naming_recall=named / due if due else 1.0,
        chosen_shares=chosen,
        false_positives=[f.promise.sentence for f in detected if not _match(f.promise, gold)],
        missed=[m.sentence for m in gold if m.id not in matched],
    )


def promise_table(scores: PromiseScores) -> str:
    return "\n".join(
        [
            f"Promises (eval/promises.jsonl, {scores.labelled} labelled promises; "
            f"{scores.detected} detected)",
            f"  detection precision {scores.precision:.3f}  recall {scores.recall:.3f}",
            f"  minute number {scores.minute_accuracy:.3f}  maker {scores.maker_accuracy:.3f}  "
            f"question answered {scores.answering_accuracy:.3f}",
            f"  follow-ups, held out (leave one promise out): precision "
            f"{scores.follow_up_precision:.3f}  recall {scores.follow_up_recall:.3f}  "
            f"(shares chosen {sorted(set(scores.chosen_shares))})",
            f"  follow-ups among the passages naming the topic (no threshold): recall "
            f"{scores.naming_recall:.3f}",
        ]
        + [f"  false positive: {s}" for s in scores.false_positives]
        + [f"  missed: {s}" for s in scores.missed]
    )
