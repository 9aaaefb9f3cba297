"""The rows of the commitment an asked ref names, across renumbered plans.

A ref names the commitment carrying it in the latest paper that uses it: the 2021 plan
reused old refs for other commitments (its A1 carries on the old 1.1; the 2018-2019 plans'
'(A1.3)' was a sub-activity of their A.1, a victims' charter). The commitment's rows are
those of its thread (index/threads.py: the same commitment by the papers' wording,
activities and notes), so an answer follows it under every ref it carried and into every
successor, and says what the ref named before when that was another commitment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.store import Index
from index.threads import ALSO
from ingest.records import Chunk
from panelqa.text import normalise_ref
from retrieval.search import Hit
from retrieval.tracker import gives_update, renamed, row_points_to, title_of

POINTED_SHOWN = 3  # rows a 'Refer to 3.1 - 3.8' points to that a timeline quotes; its own words name the rest


def commitment_ref(index: Index, position: int) -> str:
    """The ref of the commitment a plan row belongs to: its parent's for a sub-activity
    ('A1' for '(A1.3)'), read from the ref columns."""
    code = index.parent_codes[position] if index.parent_codes[position] >= 0 else index.ref_codes[position]
    name = index.ref_names[code] if code >= 0 else ""
    return normalise_ref(name) or name


def _threads_of(index: Index, chunk_id: str) -> set[str]:
    """A plan row's thread, and the further ones an old commitment that split continues in."""
    thread = index.threads.get(chunk_id)
    return {thread, *index.threads.get(f"{ALSO}{chunk_id}", "").split()} if thread else set()


@dataclass(frozen=True)
class AskedRef:
    """The rows of the commitment a ref names, and the rows the same ref named as other
    commitments in an earlier numbering (the 2018 plan's '(A1.3)' is a sub-activity of its
    A.1, a victims' charter; the 2021 plan's A1 carries on the old 1.1)."""

    ref: str
    rows: frozenset[int]
    elsewhere: tuple[int, ...] = ()
    until: int = 0  # date ordinal of the asked ref's last rows: a row after them continues it
    asked_as: frozenset[str] = frozenset()  # the commitments the ref's own rows belong to


def asked_ref(index: Index, ref: str) -> AskedRef:
    """The commitment `ref` names is the one carrying it in the latest paper that uses it;
    its rows are its thread's (index/threads.py: linked by the papers' wording, activities
    and notes, not by the ref string), including an old commitment that split into it;
    for a ref the commitment later left, less the rows of the others merged with it (a
    paper never lists one commitment twice, so a ref printed beside it is another)."""
    named = index.named((ref,))
    if not len(named):
        return AskedRef(ref, frozenset())
    until = int(index.as_at[named].max())  # the asked ref's last rows; a successor comes after
    latest = named[index.as_at[named] == until]
    own = set().union(*(_threads_of(index, index.chunks[int(i)].id) for i in latest))
    if not own:
        rows = frozenset(int(i) for i in named)
        return AskedRef(ref, rows, until=until, asked_as=frozenset(commitment_ref(index, i) for i in rows))
    members = {int(i) for thread in own for i in index.thread_members[thread]}
    members |= {index.position[c] for thread in own for c in index.threads.split_into(thread)}
    carrying = [int(i) for i in named if int(i) in members]
    # A ref its commitment later left (4.9, now D7) is not the commitments merged beside
    # it; a ref it still carries (D10, which took in the old D10 and D.4) is all of them.
    left = until < max(index.as_at[i] for i in members)
    papers = {int(index.source_codes[i]) for i in carrying} if left else set()
    asked_as = {commitment_ref(index, i) for i in carrying}
    merged = {
        key
        for i in members
        if int(index.source_codes[i]) in papers and (key := commitment_ref(index, i)) not in asked_as
    }
    rows = frozenset(i for i in members if commitment_ref(index, i) not in merged or index.as_at[i] > until)
    elsewhere = tuple(int(i) for i in named if int(i) not in rows)
    return AskedRef(ref, rows, elsewhere, until, frozenset(asked_as))


def as_asked(index: Index, asked: list[AskedRef], hits: list[Hit]) -> list[Hit]:
    """The hits of a timeline for asked refs, marked as the answer names them: a row of an
    asked commitment under another ref, after the asked ref's last row, with the ref it
    continues (the 2021 plan's C6 row, found for 3.4, is 'C6 (was 3.4)'), else with the
    ref it became (a 3.4 row, found for C6, is '3.4, later C6'); and
    the rows of a paper that gives the commitment no progress update in any of its rows,
    so that none of its headings reads as its status."""
    owner = {i: a for a in reversed(asked) for i in a.rows}
    updated = set()  # (asked ref, paper, commitment) where some row gives an update
    for hit in hits:
        position = index.position[hit.chunk.id]
        ref = owner[position].ref if position in owner else None
        if ref and gives_update(hit.chunk):
            updated.add((ref, hit.chunk.source, commitment_ref(index, position)))
    marked = []
    for hit in hits:
        position = index.position[hit.chunk.id]
        named = owner.get(position)
        if not named:
            marked.append(hit)
            continue
        # Another commitment's row: after the asked ref's last, what it became; else one
        # it took over (1.1 became A1; D4 merged into D10 beside the old D10).
        ref = named.ref
        other = commitment_ref(index, position) not in named.asked_as
        later = int(index.as_at[position]) > named.until
        silent = (ref, hit.chunk.source, commitment_ref(index, position)) not in updated
        marked.append(
            replace(
                hit,
                continues=ref if other and later else None,
                became=ref if other and not later else None,
                no_update=silent,
                referred=referred_rows(index, hit.chunk),
            )
        )
    return marked


def referred_rows(index: Index, chunk: Chunk) -> tuple[Hit, ...]:
    """The rows of the same paper a bare 'Refer to X' points to (read as the register
    reads it), each the first of X's rows that gives an update; the first POINTED_SHOWN."""
    found: list[Hit] = []
    for ref in row_points_to(chunk):
        if len(found) == POINTED_SHOWN:
            break
        rows = index.named((ref,))
        rows = rows[index.source_codes[rows] == index.source_codes[index.position[chunk.id]]]
        target = next((c for i in rows if gives_update(c := index.chunks[int(i)])), None)
        if target and target.id != chunk.id:
            found.append(Hit(target, 0.0, 0.0, 0.0, "referred"))
    return tuple(found)


def without_other_meanings(index: Index, asked: list[AskedRef], hits: list[Hit]) -> list[Hit]:
    """The hits, less the rows an asked ref named as another commitment: an answer drawn
    from one paper quotes the ranked passages, which the ref string found."""
    elsewhere = {i for a in asked for i in a.elsewhere}
    return [h for h in hits if index.position[h.chunk.id] not in elsewhere]


def earlier_meanings(index: Index, asked: list[AskedRef]) -> tuple[str, ...]:
    """For each asked ref that named another commitment in an earlier numbering, what it
    named and when, and the ref that commitment carried on as, if any: "In the papers
    reporting Jul–Sep 2018 to Oct–Dec 2019, A1 was another commitment: 'Set out my
    commitment in a new victims' charter, …'; not shown here." """
    notes = []
    for named in asked:
        by_commitment: dict[str, list[int]] = {}
        for i in named.elsewhere:
            commitment = index.threads.get(index.chunks[i].id, commitment_ref(index, i))
            by_commitment.setdefault(commitment, []).append(i)
        for rows in by_commitment.values():
            notes.append(_other_commitment(index, named.ref, rows))
    return tuple(notes)


def _other_commitment(index: Index, ref: str, rows: list[int]) -> str:
    chunks = [index.chunks[i] for i in rows]
    periods = sorted({c.period.label: c.period for c in chunks if c.period}.values())
    span = " to ".join(dict.fromkeys(p.label for p in (periods[0], periods[-1]))) if periods else ""
    wording = title_of(next((c.commitment for c in chunks if c.commitment), "") or "")
    last = max(int(index.as_at[i]) for i in rows)
    later = sorted(
        {
            commitment_ref(index, i)
            for thread in set().union(*(_threads_of(index, c.id) for c in chunks))
            for i in index.thread_members[thread]
            if index.as_at[i] > last
        }
        - {ref}
    )
    when = f"In the papers reporting {span}, " if span else "Earlier, "
    carried = f"; it carried on as {' and '.join(later)}" if later else ""
    return f"{when}{ref} was another commitment: '{wording}'{carried}; not shown here."


def shown_ref(hit: Hit) -> str:
    """The row's ref; for a row of an asked commitment under another ref, that ref and the
    asked one: 'C6 (was 3.4)' after it, '3.4, later C6' before it; for a sub-activity, its
    commitment's: 'D7.1 of D7 (was 4.9)'."""
    ref, parent = hit.chunk.ref or "", hit.chunk.parent_ref
    commitment = f"{ref} of {parent}" if parent else ref
    if hit.continues:
        return f"{ref} of {renamed(parent, hit.continues)}" if parent else renamed(ref, hit.continues)
    if hit.became:
        return f"{commitment}, later {hit.became}"
    return ref
