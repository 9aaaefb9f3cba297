"""Ref timelines against hand-checked labels (eval/ref_timelines.jsonl): for every ref a
user could ask about that appears in more than one paper or was renumbered, the paper rows
of the commitment it names. Each ref is asked as a timeline question; the rows its answer
quotes, as (paper, commitment ref), are scored against the labels: precision (the rows
shown that belong to the commitment) and recall (the commitment's rows shown), pooled over
the refs. A row a bare 'Refer to X' points to is cited as the pointer's update, not as a
row of the commitment, so it is not counted."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from panelqa.errors import PanelQAError
from panelqa.text import normalise_ref
from retrieval.answer import Answer
from retrieval.engine import Engine

LABELS_PATH = Path(__file__).resolve().parent / "ref_timelines.jsonl"
QUESTION = "How has commitment {ref} progressed?"
FIELDS = ("ref", "source", "row_ref", "quote", "basis")

Row = tuple[str, str]  # (paper, normalised commitment ref)


@dataclass(frozen=True)
class RefLabels:
    rows: dict[str, set[Row]]  # asked ref -> the rows of its commitment
    ambiguous: dict[str, set[Row]]  # rows the link labels leave open: counted neither way


def load_labels(path: Path = LABELS_PATH) -> RefLabels:
    labels = RefLabels({}, {})
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PanelQAError(f"{path.name} line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise PanelQAError(f"{path.name} line {number}: not a JSON object")
        ref, row_ref = normalise_ref(str(row.get("ref", ""))), normalise_ref(str(row.get("row_ref", "")))
        unreadable = [f for f in FIELDS if not row.get(f)]
        unreadable += [name for name, read in (("ref", ref), ("row_ref", row_ref)) if not read]
        if unreadable or not ref or not row_ref:
            raise PanelQAError(
                f"{path.name} line {number}: missing or unreadable {', '.join(dict.fromkeys(unreadable))}"
            )
        into = labels.ambiguous if row["basis"].startswith("ambiguous") else labels.rows
        into.setdefault(ref, set()).add((row["source"], commitment_of(row_ref)))
    return labels


def commitment_of(ref: str) -> str:
    """'D8.1' -> 'D8': a 2021 sub-activity ref stands for its commitment (D8 has no ref cell)."""
    return ref.split(".")[0] if ref[0].isalpha() else ref


def shown_rows(answer: Answer) -> set[Row]:
    """The plan rows an answer quotes, by paper and commitment, pointers' targets aside."""
    return {
        (c.hit.chunk.source, ref)
        for c in answer.citations
        if c.hit.why != "referred" and (ref := normalise_ref(c.hit.chunk.parent_ref or c.hit.chunk.ref or ""))
    }


@dataclass
class RefTimelineResult:
    precision: float
    recall: float
    refs: int
    labelled_rows: int
    shown_rows: int
    misses: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # ref -> extra/missing

    def lines(self) -> list[str]:
        return [
            f"ref timelines: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"({self.refs} refs, {self.labelled_rows} labelled rows, {self.shown_rows} shown)",
            *(
                f"  {ref}: shown, not labelled {m['extra']}; labelled, not shown {m['missing']}"
                for ref, m in sorted(self.misses.items())
            ),
        ]

    def to_dict(self) -> dict:
        return asdict(self)


def score(shown: dict[str, set[Row]], labels: RefLabels) -> RefTimelineResult:
    """Pooled precision and recall of the rows shown for each labelled ref."""
    shown = {ref: rows - labels.ambiguous.get(ref, set()) for ref, rows in shown.items()}
    return _pooled(shown, labels.rows)


def _pooled(shown: dict[str, set[Row]], labels: dict[str, set[Row]]) -> RefTimelineResult:
    right = sum(len(shown.get(ref, set()) & rows) for ref, rows in labels.items())
    made = sum(len(shown.get(ref, set())) for ref in labels)
    wanted = sum(len(rows) for rows in labels.values())
    misses = {
        ref: {
            "extra": sorted(f"{r} ({p[:4]})" for p, r in found - rows),
            "missing": sorted(f"{r} ({p[:4]})" for p, r in rows - found),
        }
        for ref, rows in labels.items()
        if (found := shown.get(ref, set())) != rows
    }
    return RefTimelineResult(
        right / made if made else 0.0, right / wanted if wanted else 1.0, len(labels), wanted, made, misses
    )


def evaluate_ref_timelines(engine: Engine, path: Path = LABELS_PATH) -> RefTimelineResult:
    labels = load_labels(path)
    shown = {ref: shown_rows(engine.ask(QUESTION.format(ref=ref))) for ref in labels.rows}
    return score(shown, labels)
