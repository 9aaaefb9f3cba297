"""Reading the commitment register: finding commitments and the `commitments --json` form."""

from __future__ import annotations

from dataclasses import dataclass

from panelqa.text import normalise_ref, terms
from retrieval.tracker import STATUSES, Commitment, Update


@dataclass(frozen=True)
class Found:
    commitment: Commitment
    matched_ref: str | None = None  # the ref it was found by, when it carried that ref before

    @property
    def label(self) -> str:
        return self.commitment.shown_as(self.matched_ref)


def _sub_refs(commitment: Commitment) -> set[str]:
    return {r for u in commitment.history for c in u.chunks if (r := normalise_ref(c.ref or ""))}


def check_statuses(statuses: tuple[str, ...]) -> None:
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise ValueError(f"unknown status {', '.join(unknown)}; choose from {', '.join(STATUSES)}")


def find(register: list[Commitment], text: str = "", statuses: tuple[str, ...] = ()) -> list[Found]:
    """Commitments with any of `statuses` (all when none) that carried the ref `text` names,
    or else whose ref, title, objective or updates hold every word of `text`."""
    check_statuses(statuses)
    pool = [c for c in register if not statuses or c.status in statuses]
    if not text.strip():
        return [Found(c) for c in pool]
    ref = normalise_ref(text) if len(text.split()) == 1 else None
    if ref:
        by_ref = [Found(c, ref) for c in pool if ref in c.refs or ref in _sub_refs(c)]
        if by_ref:
            return by_ref
    wanted = set(terms(text))
    if not wanted:
        return []
    return [Found(c) for c in pool if wanted <= set(terms(_searchable(c)))]


def _searchable(commitment: Commitment) -> str:
    return " ".join(
        [
            " ".join(commitment.refs),
            commitment.title,
            commitment.wording,
            commitment.objective,
            *(u.text for u in commitment.history),
        ]
    )


def update_dict(update: Update) -> dict:
    chunk = update.first
    return {
        "source": chunk.source,
        "meeting_date": chunk.meeting_date.isoformat() if chunk.meeting_date else None,
        "period": chunk.period.label if chunk.period else None,
        "ref": normalise_ref(update.ref) or update.ref,
        "update": update.text,
        "change": update.change.to_dict() if update.change else None,
        "activities": [
            {
                "ref": a.ref,
                "activity": a.activity,
                "update": a.update,
                "shown": a.shown or a.update,
                "complete": a.complete,
            }
            for a in update.activities
        ],
    }


def commitment_dict(commitment: Commitment) -> dict:
    return {
        "id": commitment.id,
        "title": commitment.title,
        "objective": commitment.objective,
        "status": commitment.status,
        "progress": commitment.progress,
        "refs": list(commitment.refs),
        "wording": commitment.wording,
        "history": [update_dict(u) for u in commitment.history],
    }
