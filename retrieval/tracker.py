"""The commitment tracker: every plan commitment, its latest progress update, and what
moved since the paper before.

A commitment is a thread of plan rows (index/threads.py): the same ref within a plan, or
the same wording when a plan renumbered everything. Its status compares its latest paper
with the latest paper that carries delivery-plan tables at all:

- dropped: reported before, absent from the latest plan paper;
- complete: the latest update says it is complete;
- new: first reported in the latest plan paper;
- unchanged / changed: the latest update against the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from index.store import Index
from ingest.records import Chunk
from ingest.tables import LABELS

COMPLETE = re.compile(
    r"\b(?:action|activity|work|project)\s+(?:is\s+)?complete(?:d)?\b|\b(?:is|now|been|was|were)\s+"
    r"(?:fully\s+)?completed?\b|^\s*complete(?:d)?\b",
    re.I,
)
STATUSES = ("new", "changed", "complete", "unchanged", "dropped")
NO_UPDATE = "(no progress update given)"


@dataclass(frozen=True)
class Update:
    """One paper's entry for a commitment: every row and sub-activity it reported, in
    reading order."""

    chunks: tuple[Chunk, ...]

    @property
    def text(self) -> str:
        """The progress updates, joined in reading order."""
        return " ".join(t for c in self.chunks if (t := progress_update(c))) or NO_UPDATE

    @property
    def first(self) -> Chunk:
        return self.chunks[0]

    @property
    def as_at(self) -> date:
        return self.first.as_at or date.min


@dataclass(frozen=True)
class Commitment:
    thread: str
    ref: str
    wording: str
    objective: str
    status: str
    history: tuple[Update, ...]  # latest first

    @property
    def latest(self) -> Update:
        return self.history[0]


def progress_update(chunk: Chunk) -> str:
    return " ".join(chunk.cells.get(LABELS["update"], "").split("\n"))


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def status_of(history: tuple[Update, ...], latest_plan_paper: str) -> str:
    latest = history[0]
    if latest.first.source != latest_plan_paper:
        return "dropped"
    if COMPLETE.search(latest.text):
        return "complete"
    if len(history) == 1:
        return "new"
    return "unchanged" if _normalised(latest.text) == _normalised(history[1].text) else "changed"


def objective_of(history: tuple[Update, ...]) -> str:
    """The plan objective, as the latest paper whose table names one states it."""
    return next((u.first.objective for u in history if u.first.objective), "Objective not stated")


def _ref_order(ref: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[A-Z]+", ref))


def commitments(index: Index) -> list[Commitment]:
    """Every commitment in the plan tables, grouped by objective and in ref order."""
    by_thread: dict[str, dict[str, list[Chunk]]] = {}
    for position in index.plan_rows:
        chunk = index.chunks[position]
        thread = index.threads.get(chunk.id)
        if thread and chunk.kind == "plan_row":
            by_thread.setdefault(thread, {}).setdefault(chunk.source, []).append(chunk)
    if not by_thread:
        return []
    papers = {chunks[0].source: chunks[0].as_at or date.min
              for papers in by_thread.values() for chunks in papers.values()}
    latest_plan_paper = max(papers, key=lambda source: (papers[source], source))
    found = []
    for thread, per_paper in by_thread.items():
        history = tuple(sorted(
            (Update(tuple(sorted(chunks, key=lambda c: c.ordinal))) for chunks in per_paper.values()),
            key=lambda u: (u.as_at, u.first.source), reverse=True,
        ))
        head = history[0].first
        wording = (head.commitment or "").lstrip("• ")
        found.append(Commitment(thread, head.parent_ref or head.ref or "", wording,
                                objective_of(history), status_of(history, latest_plan_paper), history))
    # Papers capitalise objectives differently ('a More Secure' / 'a more secure').
    spelling = {c.objective.casefold(): c.objective for c in reversed(found)}
    found = [replace(c, objective=spelling[c.objective.casefold()]) for c in found]
    return sorted(found, key=lambda c: (c.status == "dropped", c.objective, _ref_order(c.ref)))
