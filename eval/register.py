"""The commitment register against hand-checked labels: link precision and recall
(eval/commitment_links.jsonl) and status accuracy (eval/commitment_status.jsonl).

Links are judged at the commitment level: a labelled pair (old paper, old ref) -> (new
paper, new ref) is found when the register holds both rows in one commitment. Precision
counts every pair the register makes between two papers the labels cover exhaustively
(those with hard negatives, i.e. the Oct–Dec 2019 paper against the 2021 plan). The link
threshold is chosen by cross-validation: folds group labels by their new commitment, a
threshold is picked on the other folds and scored on the held-out one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from index.embed import Embedder
from index.threads import LINK_THRESHOLD, Linking, link_entries, plan_entries
from ingest.records import Chunk
from panelqa.errors import PanelQAError
from panelqa.text import normalise_ref
from retrieval.tracker import Commitment

EVAL_DIR = Path(__file__).resolve().parent
LINKS_PATH = EVAL_DIR / "commitment_links.jsonl"
STATUS_PATH = EVAL_DIR / "commitment_status.jsonl"
LINK_FIELDS = ("old_ref", "old_source", "new_ref", "new_source", "basis", "level")
STATUS_FIELDS = ("ref", "source", "status")
TARGET_PRECISION = 0.95
FOLDS = 5
GRID = [round(0.60 + 0.01 * n, 2) for n in range(41)]

Key = tuple[str, str]  # (paper, normalised ref)


@dataclass(frozen=True)
class LinkLabel:
    old: Key
    new: Key
    linked: bool


def _read_jsonl(path: Path, fields: tuple[str, ...]) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PanelQAError(f"{path.name} line {number}: not valid JSON ({exc.msg})") from exc
        missing = [f for f in fields if not isinstance(row, dict) or not row.get(f)]
        if missing:
            raise PanelQAError(f"{path.name} line {number}: missing field(s) {', '.join(missing)}")
        rows.append(row)
    return rows


def _key(source: str, ref: str, path: Path) -> Key:
    normal = normalise_ref(ref)
    if not normal:
        raise PanelQAError(f"{path.name}: '{ref}' is not a commitment ref")
    return source, normal


def load_link_labels(path: Path = LINKS_PATH) -> list[LinkLabel]:
    """Commitment-level link labels (sub-activity pairs are context, not scored here)."""
    return [
        LinkLabel(
            _key(r["old_source"], r["old_ref"], path),
            _key(r["new_source"], r["new_ref"], path),
            r["basis"] != "different",
        )
        for r in _read_jsonl(path, LINK_FIELDS)
        if r["level"] == "commitment"
    ]


def predicted_pairs(linking: Linking, threshold: float) -> set[tuple[Key, Key]]:
    """Every pair of rows (from different papers) the register holds in one commitment."""
    thread, further = linking.threads(threshold)
    keys = [(e.source, e.ref) for e in linking.entries]
    pairs = set()
    for i, a in enumerate(keys):
        mine = {thread[i]} | further.get(i, set())
        for j, b in enumerate(keys):
            theirs = {thread[j]} | further.get(j, set())
            if a[0] != b[0] and mine & theirs:
                pairs.add((a, b))
    return pairs


@dataclass
class LinkScore:
    precision: float
    recall: float
    true_positives: int
    false_positives: int
    false_negatives: int


def score_links(
    pairs: set[tuple[Key, Key]], labels: list[LinkLabel], within: set[Key] | None = None
) -> LinkScore:
    """Precision and recall, optionally only over links into the new commitments `within`."""
    if within is not None:
        pairs = {p for p in pairs if p[1] in within}
        labels = [label for label in labels if label.new in within]
    covered = {(label.old[0], label.new[0]) for label in labels if not label.linked}
    positives = {(label.old, label.new) for label in labels if label.linked}
    negatives = {(label.old, label.new) for label in labels if not label.linked}
    made = {pair for pair in pairs if (pair[0][0], pair[1][0]) in covered} | (pairs & negatives)
    tp, fp = len(made & positives), len(made - positives)
    fn = len(positives - pairs)
    return LinkScore(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)


def choose_threshold(linking: Linking, labels: list[LinkLabel], within: set[Key]) -> float:
    """The threshold with the best recall at the target precision (else the best F1)."""

    def merit(threshold: float) -> tuple:
        found = score_links(predicted_pairs(linking, threshold), labels, within)
        f1 = 2 * found.precision * found.recall / (found.precision + found.recall or 1)
        good = found.precision >= TARGET_PRECISION
        return good, found.recall if good else f1, threshold

    return max(GRID, key=merit)


def cross_validated_links(linking: Linking, labels: list[LinkLabel]) -> tuple[LinkScore, list[float]]:
    """Held-out precision and recall: the new commitments of the exhaustively labelled
    papers are split into folds; a threshold is chosen on the others and scored on each."""
    new_papers = {label.new[0] for label in labels if not label.linked and label.old[0] != label.new[0]}
    groups = sorted((e.source, e.ref) for e in linking.entries if e.source in new_papers)
    counts = [0, 0, 0]
    chosen = []
    for fold in range(FOLDS):
        held = {g for n, g in enumerate(groups) if n % FOLDS == fold}
        threshold = choose_threshold(linking, labels, set(groups) - held)
        chosen.append(threshold)
        found = score_links(predicted_pairs(linking, threshold), labels, held)
        counts = [
            counts[0] + found.true_positives,
            counts[1] + found.false_positives,
            counts[2] + found.false_negatives,
        ]
    tp, fp, fn = counts
    heldout = LinkScore(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)
    return heldout, chosen


@dataclass
class RegisterResult:
    link_precision: float
    link_recall: float
    heldout_link_precision: float
    heldout_link_recall: float
    fold_thresholds: list[float]
    link_threshold: float
    status_accuracy: float
    status_total: int
    dropped: int
    status_misses: list[str]

    def lines(self) -> list[str]:
        return [
            f"links (threshold {self.link_threshold:.2f}): precision {self.link_precision:.3f}, "
            f"recall {self.link_recall:.3f}",
            f"links held out ({FOLDS}-fold, thresholds "
            f"{', '.join(f'{t:.2f}' for t in self.fold_thresholds)}): "
            f"precision {self.heldout_link_precision:.3f}, recall {self.heldout_link_recall:.3f}",
            f"status accuracy {self.status_accuracy:.3f} on {self.status_total} commitments; "
            f"{self.dropped} dropped",
            *(f"  status miss: {miss}" for miss in self.status_misses),
        ]

    def to_dict(self) -> dict:
        return asdict(self)


def evaluate_links(
    chunks: list[Chunk], embedder: Embedder, path: Path = LINKS_PATH
) -> tuple[LinkScore, LinkScore, list[float]]:
    """The shipped threshold's precision/recall and the cross-validated held-out figures."""
    labels = load_link_labels(path)
    linking = link_entries(plan_entries(chunks), embedder)
    shipped = score_links(predicted_pairs(linking, LINK_THRESHOLD), labels)
    heldout, chosen = cross_validated_links(linking, labels)
    return shipped, heldout, chosen


@dataclass(frozen=True)
class StatusLabel:
    entry: Key
    status: str
    progress: str | None


def load_status_labels(path: Path = STATUS_PATH) -> list[StatusLabel]:
    return [
        StatusLabel(_key(r["source"], r["ref"], path), r["status"], r.get("progress"))
        for r in _read_jsonl(path, STATUS_FIELDS)
    ]


def status_by_entry(register: list[Commitment]) -> dict[Key, Commitment]:
    """The commitment each paper's entry is the latest entry of (an entry continued by a
    successor is not the latest of any)."""
    return {(c.latest.first.source, normalise_ref(c.latest.ref) or c.latest.ref): c for c in register}


def score_statuses(register: list[Commitment], labels: list[StatusLabel]) -> tuple[float, list[str]]:
    """Share of labelled commitments whose status (and 'k of n', where labelled) is right."""
    latest = status_by_entry(register)
    misses = []
    for label in labels:
        found = latest.get(label.entry)
        got = (found.status, found.progress) if found else ("continued by a successor", None)
        if got[0] != label.status or (label.progress and got[1] != label.progress):
            misses.append(
                f"{label.entry[1]} ({label.entry[0]}): labelled {label.status}"
                f"{' ' + label.progress if label.progress else ''}, got {got[0]}"
                f"{' ' + got[1] if got[1] else ''}"
            )
    return (1 - len(misses) / len(labels) if labels else 0.0), misses


def evaluate_register(chunks: list[Chunk], embedder: Embedder, register: list[Commitment]) -> RegisterResult:
    shipped, heldout, chosen = evaluate_links(chunks, embedder)
    labels = load_status_labels()
    accuracy, misses = score_statuses(register, labels)
    return RegisterResult(
        shipped.precision,
        shipped.recall,
        heldout.precision,
        heldout.recall,
        chosen,
        LINK_THRESHOLD,
        accuracy,
        len(labels),
        sum(c.status == "dropped" for c in register),
        misses,
    )
