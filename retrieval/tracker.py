"""The commitment register: every plan commitment, its whole history and its status.

A commitment is a thread of plan rows (index/threads.py): the same ref within a plan, the
same commitment by wording and sub-activities when a plan renumbered everything; an old
commitment that split continues in each of its successors. Its status, by precedence
(BRIEF_COMMON.md), is judged on its entry in the latest plan paper at the grain of its
sub-activities:

- dropped: absent from the latest plan paper (no successor there);
- complete: every current sub-activity complete; partly complete: some ('3 of 8');
- no update given: every update is 'n/a', empty or 'Refer to X';
- new: first seen in the latest plan paper;
- changed / unchanged: the update against the previous period's, normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from index.store import Index
from index.threads import ALSO
from ingest.records import Chunk
from ingest.tables import LABELS
from ingest.wording import MID_PHRASE
from panelqa.text import normalise_ref, ref_order
from retrieval.changes import Change, change, normalised
from retrieval.objectives import canonical_objectives

COMPLETE = re.compile(
    r"\b(?:action|activity|work|project)\s+(?:is\s+)?complete(?:d)?\b|\b(?:is|now|been|was|were)\s+"
    r"(?:fully\s+)?completed?\b|^\W*complete(?:d)?\b",
    re.I,
)
EMPTY_UPDATE = re.compile(r"^\W*(?:n\s*/\s*a|none|tbc|no\s+update(?:s)?(?:\s+given)?)?\W*$", re.I)
REFER = re.compile(r"^\W*(?:please\s+)?(?:refer\s+to|see|cross[\s-]*reference\s+to)\s+(.+?)\W*$", re.I)
STATUSES = ("new", "changed", "unchanged", "partly complete", "complete", "no update given", "dropped")
NO_UPDATE_GIVEN = "no progress update given"
NO_UPDATE = f"({NO_UPDATE_GIVEN})"
TITLE_CHARS = 110
CLAUSE_END = re.compile(r"\s*(?:•|\n|(?<=[.;:])\s)\s*")
# A heading the extractor ran into the line above: 'at the right time Incorporating the …'.
RUN_IN_HEADING = re.compile(r"(?<=[a-z])\s+(?=[A-Z][a-z]+ing\b)")


def progress_update(chunk: Chunk) -> str:
    return " ".join(chunk.cells.get(LABELS["update"], "").split("\n"))


def informative(update: str) -> bool:
    """Whether a progress update says something: not empty, 'n/a' or a bare 'Refer to X'."""
    return bool(update) and not referred_refs(update) and not EMPTY_UPDATE.match(update)


def gives_update(chunk: Chunk) -> bool:
    """Whether a plan row's passage states a progress update of its own."""
    return informative(progress_update(chunk))


def states_no_update(chunk: Chunk) -> bool:
    """Whether a plan row's passage holds its update cell and the cell says nothing ('n/a',
    'Refer to X'). A passage cut from a long row may not hold the cell at all."""
    return LABELS["update"] in chunk.cells and not gives_update(chunk)


def renamed(ref: str, was: str | None) -> str:
    """'C6 (was 3.4)': a ref with the ref its commitment carried before, when that differs."""
    return f"{ref} (was {was})" if was and was != ref else ref


def referred_refs(text: str) -> tuple[str, ...]:
    """The refs an update consisting only of 'Refer to X' (or 'see X, Y & Z') points to."""
    found = REFER.match(text)
    if not found:
        return ()
    pieces = re.split(r"\s*(?:,|&|\band\b)\s*", found.group(1))
    return tuple(ref for piece in pieces for ref in _ref_range(piece))


MAX_RANGE = 20  # refs a 'Refer to 3.1 - 3.8' range may span; a longer one is a typo
# A ref as the part a range shares and the number it counts on: ('3', '.', '8'), ('C', '', '4').
RANGE_END = re.compile(r"(.*?)(\.?)(\d+)")


def _ref_range(piece: str) -> tuple[str, ...]:
    """'3.1 - 3.8' -> 3.1, 3.2, …, 3.8 (a range under one heading); else the one ref, if any."""
    ends = [normalise_ref(end) for end in re.split(r"\s*[-–]\s*", piece)]
    # '3.1 - 3.8' counts on after its last dot, 'C1 - C4' after its letter.
    matched = [RANGE_END.fullmatch(end) for end in ends if end]
    if len(ends) == 2 and len(matched) == 2 and matched[0] and matched[1]:
        (head, dot, first), (other, _, last) = matched[0].groups(), matched[1].groups()
        if head == other and 0 < int(last) - int(first) <= MAX_RANGE:
            return tuple(f"{head}{dot}{n}" for n in range(int(first), int(last) + 1))
    return tuple(ref for ref in (normalise_ref(piece),) if ref)


def pointed_to(update: str, activity: str) -> tuple[str, ...]:
    """The refs a row's bare 'Refer to X' points to: in its update, or in its activity when
    it states no update (the 2021 A1's activity is 'Refer to C7')."""
    return referred_refs(update) or (referred_refs(activity) if not update else ())


def row_points_to(chunk: Chunk) -> tuple[str, ...]:
    return pointed_to(progress_update(chunk), chunk.cells.get(LABELS["activity"], ""))


@dataclass(frozen=True)
class Activity:
    """A sub-activity (or the whole row, when it has none) as one paper reported it."""

    ref: str
    activity: str
    update: str  # as stated; '' when the cell is empty
    referred: tuple[str, ...] = ()  # 'Refer to X': the refs it points to
    shown: str = ""  # the update to read: X's own update for 'Refer to X'
    complete: bool = False

    @property
    def informative(self) -> bool:
        return informative(self.update)


@dataclass(frozen=True)
class Update:
    """One paper's entry for a commitment: its rows and sub-activities in reading order,
    and how it differs from the previous period's entry."""

    chunks: tuple[Chunk, ...]
    activities: tuple[Activity, ...]
    change: Change | None = None

    @property
    def first(self) -> Chunk:
        return self.chunks[0]

    @property
    def ref(self) -> str:
        return self.first.parent_ref or self.first.ref or ""

    @property
    def as_at(self) -> date:
        return self.first.as_at or date.min

    @property
    def text(self) -> str:
        """The progress updates, one line per sub-activity; 'Refer to X' shows X's update."""
        lines = [
            (f"({a.ref}) " if a.ref != self.ref else "") + (a.shown or a.update)
            for a in self.activities
            if a.shown or a.update
        ]
        return "\n".join(lines) or NO_UPDATE

    @property
    def stated(self) -> str:
        """The updates as the paper states them, for comparing periods."""
        return " ".join(a.update for a in self.activities)


@dataclass(frozen=True)
class Commitment:
    id: str
    thread: str
    ref: str
    wording: str
    objective: str
    status: str
    history: tuple[Update, ...]  # latest first
    refs: tuple[str, ...]  # every ref the commitment carried, latest first
    progress: str | None = None  # 'k of n' sub-activities complete
    title: str = ""

    @property
    def latest(self) -> Update:
        return self.history[0]

    def shown_as(self, matched_ref: str | None = None) -> str:
        """'C6', or 'C6 (was 3.4)' when found by a ref it carried before; a dropped one says
        when it was last reported (old B3 is not the 2021 plan's B3)."""
        name = renamed(self.ref, matched_ref)
        period = self.latest.first.period
        return f"{name}, last reported {period.label}" if self.status == "dropped" and period else name


def _activities(chunks: list[Chunk]) -> list[tuple[str, str, str]]:
    """(ref, activity, update) per sub-activity, joining the passages a long one was cut into."""
    grouped: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        grouped.setdefault(chunk.ref or "", []).append(chunk)
    rows = []
    for ref, parts in grouped.items():
        activity = " ".join(t for c in parts if (t := c.cells.get(LABELS["activity"], "")))
        update = " ".join(t for c in parts if (t := progress_update(c)))
        rows.append((ref, " ".join(activity.split()), update.strip()))
    return rows


def _resolve(rows: list[tuple[str, str, str]], lookup: dict[str, str]) -> tuple[Activity, ...]:
    """Activities with 'Refer to X' resolved against the same paper's updates."""
    found = []
    for ref, activity, update in rows:
        referred = pointed_to(update, activity)
        shown = ""
        if referred:
            said = [f"{r}: {lookup[r]}" for r in referred if lookup.get(r)]
            shown = f"{update or activity} ({'; '.join(said) if said else 'not found in this paper'})"
        targets = [lookup.get(r, "") for r in referred]
        complete = (
            all(t and COMPLETE.search(t) for t in targets) if referred else bool(COMPLETE.search(update))
        )
        found.append(Activity(ref, activity, update, referred, shown, complete))
    return tuple(found)


def paper_lookup(chunks: list[Chunk]) -> dict[str, dict[str, str]]:
    """paper -> ref -> the update stated for that ref, sub-activity or whole commitment."""
    lookup: dict[str, dict[str, list[str]]] = {}
    for chunk in chunks:
        update = progress_update(chunk)
        refs = {r for r in (chunk.ref, chunk.parent_ref) if r} if update else set()
        for ref in refs:
            lookup.setdefault(chunk.source, {}).setdefault(ref, []).append(update)
    return {
        paper: {ref: " ".join(dict.fromkeys(texts)) for ref, texts in refs.items()}
        for paper, refs in lookup.items()
    }


def status_of(
    history: tuple[Update, ...], previous: Update | None, latest_plan_paper: str
) -> tuple[str, str | None]:
    """The status by precedence, and 'k of n' when some sub-activities are complete."""
    latest = history[0]
    if latest.first.source != latest_plan_paper:
        return "dropped", None
    current = latest.activities
    done = sum(a.complete for a in current)
    progress = f"{done} of {len(current)}" if done else None
    if current and done == len(current):
        return "complete", progress
    if done:
        return "partly complete", progress
    if not any(a.informative for a in current):
        return "no update given", None
    if previous is None:
        return "new", None
    return ("unchanged" if normalised(latest.stated) == normalised(previous.stated) else "changed"), None


def _previous(history: tuple[Update, ...], at: int) -> Update | None:
    """The previous period's entry: the same ref if that period has it, else its first."""
    entry = history[at]
    earlier = [u for u in history[at + 1 :] if u.as_at < entry.as_at]
    if not earlier:
        return None
    period = [u for u in earlier if u.as_at == earlier[0].as_at]
    return next((u for u in period if u.ref == entry.ref), period[0])


def _history(chunks: list[Chunk], lookups: dict[str, dict[str, str]]) -> tuple[Update, ...]:
    by_entry: dict[tuple[str, str], list[Chunk]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.ordinal)):
        by_entry.setdefault((chunk.source, chunk.parent_ref or chunk.ref or ""), []).append(chunk)
    updates = []
    for (source, _), rows in by_entry.items():
        updates.append(Update(tuple(rows), _resolve(_activities(rows), lookups.get(source, {}))))
    history = tuple(sorted(updates, key=lambda u: (u.as_at, u.first.source, u.first.ordinal), reverse=True))
    return tuple(
        replace(u, change=change(p.stated, u.stated) if (p := _previous(history, n)) else None)
        for n, u in enumerate(history)
    )


def _members(index: Index) -> dict[str, list[Chunk]]:
    """Thread -> its plan rows, with an old commitment's rows under every thread it split into."""
    members: dict[str, list[Chunk]] = {}
    for position in index.plan_rows:
        chunk = index.chunks[position]
        thread = index.threads.get(chunk.id)
        if not thread or chunk.kind != "plan_row":
            continue
        for name in [thread, *index.threads.get(f"{ALSO}{chunk.id}", "").split()]:
            members.setdefault(name, []).append(chunk)
    return members


def _refs(history: tuple[Update, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for u in history if (r := normalise_ref(u.ref))))


def commitments(index: Index) -> list[Commitment]:
    """Every commitment in the plan tables, grouped by objective, current ones first, in ref order."""
    members = _members(index)
    if not members:
        return []
    everything = [c for chunks in members.values() for c in chunks]
    latest_plan_paper = max(everything, key=lambda c: (c.as_at or date.min, c.source)).source
    lookups = paper_lookup(everything)
    objectives = canonical_objectives([c.objective for c in everything if c.objective])
    found = []
    for thread, chunks in sorted(members.items()):
        history = _history(chunks, lookups)
        head = history[0]
        status, progress = status_of(history, _previous(history, 0), latest_plan_paper)
        objective = next((u.first.objective for u in history if u.first.objective), "")
        ref = normalise_ref(head.ref) or head.ref
        found.append(
            Commitment(
                id=ref if status != "dropped" else f"{ref}@{head.as_at:%Y-%m}",
                thread=thread,
                ref=ref,
                wording=(head.first.commitment or "").lstrip("• "),
                status=status,
                history=history,
                objective=objectives.get(objective, objective) or "Objective not stated",
                refs=_refs(history),
                progress=progress,
            )
        )
    return sorted(_titled(found), key=lambda c: (c.objective, c.status == "dropped", ref_order(c.ref)))


def title_of(wording: str) -> str:
    """The wording's first clause: up to its first bullet, line, sentence end or a heading
    run into it ('… at the right time Incorporating the following …'; not a name after a
    linking word: '… in response to Policing and Crime Act …'), cut at a word."""
    first = next((c for c in CLAUSE_END.split(wording) if c.strip(" •")), "").strip(" •")
    for run_in in RUN_IN_HEADING.finditer(first):
        before = first[: run_in.start()]
        if not MID_PHRASE.search(before) and not before.endswith("'s"):
            first = before
            break
    if len(first) <= TITLE_CHARS:
        return first or "Wording not stated"
    return first[: TITLE_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def _titled(found: list[Commitment]) -> list[Commitment]:
    """Titles from the wording's first clause; the ref and objective added where two match."""
    firsts = [title_of(c.wording) for c in found]
    counts = {t: firsts.count(t) for t in firsts}
    return [
        replace(c, title=t if counts[t] == 1 else f"{t} ({c.ref}, {c.objective})")
        for c, t in zip(found, firsts, strict=True)
    ]
