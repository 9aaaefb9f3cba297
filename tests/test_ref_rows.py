"""The rows of the commitment an asked ref names, and how a timeline shows them (fast
lane: a tiny index of plan rows whose threads are written by hand)."""

from datetime import date

import numpy as np
import pytest

from index.store import load, write_build
from ingest.records import Chunk, Period
from ingest.tables import LABELS
from retrieval.answer import Citation, Quote, entry_label
from retrieval.ref_rows import as_asked, asked_ref, earlier_meanings, shown_ref
from retrieval.search import Hit
from retrieval.timeline import build_timeline
from tests.fakes import make_chunk


def plan_row(
    id_: str, ref: str, year: int, update: str, parent: str | None = None, wording: str = ""
) -> Chunk:
    """A plan row reporting on Jul–Sep of `year`, with its activity cell and, unless
    `update` is empty, its update cell (a passage cut from a long row may lack it)."""
    cells = {LABELS["activity"]: f"Activity of {ref}", LABELS["update"]: update}
    cells = {label: value for label, value in cells.items() if value}
    text = "\n".join(f"{label}: {value}" for label, value in cells.items())
    period = Period(date(year, 7, 1), date(year, 9, 30))
    return make_chunk(
        id_,
        text,
        source=f"{year}.txt",
        period=period,
        ref=ref,
        parent_ref=parent,
        cells=cells,
        commitment=wording or f"Wording of {ref}",
    )


# Threads as index/threads.py builds them. 3.4 became C6 in 2021 (T1). 4.9 and 4.10 merged
# into D7, here found by its sub-activity D7.1 (T2). C7 is cut into two passages in 2021,
# the second without the update cell (T3). The 2019 plan's A1 (a victims' charter, its
# sub-activity A1.3 'Refer to 1.1') is not the 2021 A1, which carries on 1.1 (T4, T5).
# 3.1 split into C1 (T6) and C3 (T7). The 2021 D10 took in the old D10 and D4 (T8). Z1 has
# no thread.
OLD_3_4, LATER_3_4 = plan_row("a", "3.4", 2018, "Good progress"), plan_row("b", "3.4", 2019, "Staff moved")
C6 = plan_row("c", "C6", 2021, "n/a")
OLD_4_9, OLD_4_10 = plan_row("d", "4.9", 2019, "Funding"), plan_row("d2", "4.10", 2019, "Rural officers")
D7_1 = plan_row("e", "D7.1", 2021, "Drafted", parent="D7")
C7, C7_CUT = plan_row("f", "C7", 2021, "Done"), plan_row("h", "C7", 2021, "")
OLD_A1_3 = plan_row("p", "A1.3", 2019, "Refer to 1.1", parent="A1", wording="Set out a victims' charter")
OLD_1_1, NEW_A1 = plan_row("q", "1.1", 2019, "Audit done"), plan_row("r", "A1", 2021, "Refer to C7")
OLD_3_1, C1, C3 = (
    plan_row("s", "3.1", 2019, "Demand up"),
    plan_row("t", "C1", 2021, "IT scoped"),
    plan_row("u", "C3", 2021, "PBP done"),
)
OLD_D10, OLD_D4 = plan_row("v", "D10", 2019, "Home and Dry"), plan_row("w", "D4", 2019, "Partners active")
NEW_D10 = plan_row("x", "D10", 2021, "Network grows")
Z1 = plan_row("g", "Z1", 2021, "Done")
ROWS = [
    OLD_D10,
    OLD_D4,
    NEW_D10,
    OLD_3_4,
    LATER_3_4,
    C6,
    OLD_4_9,
    OLD_4_10,
    D7_1,
    C7,
    C7_CUT,
    OLD_A1_3,
    OLD_1_1,
    NEW_A1,
    OLD_3_1,
    C1,
    C3,
    Z1,
]
ROW_THREADS = {
    **dict.fromkeys("abc", "T1"),
    **dict.fromkeys(["d", "d2", "e"], "T2"),
    **dict.fromkeys("fh", "T3"),
    "p": "T4",
    **dict.fromkeys("qr", "T5"),
    **dict.fromkeys("st", "T6"),
    "u": "T7",
    "also:s": "T7",
    **dict.fromkeys("vwx", "T8"),
}


@pytest.fixture
def plan(tmp_path):
    vectors = np.eye(len(ROWS), dtype=np.float32)
    write_build(tmp_path, iter(ROWS), vectors, ROW_THREADS, {"model": "all-MiniLM-L6-v2"})
    return load(tmp_path)


def ids(rows) -> set[str]:
    return {ROWS[i].id for i in rows}


def test_a_ref_names_the_commitment_carrying_it_in_the_latest_paper_using_it(plan):
    # A1: the 2021 A1 and the 1.1 it carries on; the 2019 (A1.3) was another commitment.
    a1 = asked_ref(plan, "A1")
    assert (ids(a1.rows), ids(a1.elsewhere)) == ({"q", "r"}, {"p"})
    # 3.1 split: it is followed into C1 and C3; C3, asked, holds 3.1's rows too.
    assert ids(asked_ref(plan, "3.1").rows) == {"s", "t", "u"}
    assert ids(asked_ref(plan, "C3").rows) == {"s", "u"}
    # 4.9 and 4.10 merged into D7: each is followed into D7 without the other (one paper
    # lists both, so they are two commitments); D7, asked, holds both.
    assert ids(asked_ref(plan, "4.9").rows) == {"d", "e"}
    assert ids(asked_ref(plan, "D7").rows) == {"d", "d2", "e"}
    # The 2021 D10 still carries its ref: the old D10 and D4 it took in are both its history.
    assert ids(asked_ref(plan, "D10").rows) == {"v", "w", "x"} and ids(asked_ref(plan, "D4").rows) == {
        "w",
        "x",
    }
    # A ref no row has names nothing; a row with no thread is its own commitment.
    assert asked_ref(plan, "X9").rows == frozenset() and ids(asked_ref(plan, "Z1").rows) == {"g"}


def marked(plan, refs: tuple[str, ...], chunks: list[Chunk]) -> list[Hit]:
    return as_asked(plan, [asked_ref(plan, r) for r in refs], [thread_hit(c) for c in chunks])


def test_a_row_of_an_asked_commitment_under_another_ref_says_which_it_was_or_became(plan):
    later = marked(plan, ("3.4", "4.9"), [OLD_3_4, LATER_3_4, C6, OLD_4_9, D7_1, C7, Z1])
    assert [h.continues for h in later] == [None, None, "3.4", None, "4.9", None, None]
    assert [shown_ref(h) for h in later[2:5:2]] == ["C6 (was 3.4)", "D7.1 of D7 (was 4.9)"]
    # Asked by its new ref, the older rows came first: '3.4, later C6'.
    earlier = marked(plan, ("C6",), [OLD_3_4, LATER_3_4, C6])
    assert [h.became for h in earlier] == ["C6", "C6", None]
    assert [shown_ref(h) for h in earlier] == ["3.4, later C6", "3.4, later C6", "C6"]
    # Read from the commitment, not the hits: with none of 3.4's own rows among them, C6
    # still continues 3.4, and asked by C6 the older rows still came first.
    assert [h.continues for h in marked(plan, ("3.4",), [C6])] == ["3.4"]
    assert [h.became for h in marked(plan, ("C6",), [OLD_3_4])] == ["C6"]
    # A split commitment continues in each successor.
    split = marked(plan, ("3.1",), [OLD_3_1, C1, C3])
    assert [shown_ref(h) for h in split] == ["3.1", "C1 (was 3.1)", "C3 (was 3.1)"]


def test_each_successor_and_each_merged_commitment_is_an_entry_of_its_own(plan):
    # In rank order C3 came first; the entries read in plan order.
    split = build_timeline(marked(plan, ("3.1",), [C3, OLD_3_1, C1]), 10)
    assert [[shown_ref(h) for h in e.hits] for e in split] == [["C1 (was 3.1)"], ["C3 (was 3.1)"], ["3.1"]]
    merged = build_timeline(marked(plan, ("D7",), [D7_1, OLD_4_9, OLD_4_10]), 10)
    assert [e.hits[0].chunk.ref for e in merged] == ["D7.1", "4.9", "4.10"]


def test_an_asked_ref_that_named_another_commitment_earlier_says_so(plan):
    assert earlier_meanings(plan, [asked_ref(plan, "A1")]) == (
        "In the papers reporting Jul–Sep 2019, A1 was another commitment: "
        "'Set out a victims' charter'; not shown here.",
    )
    assert earlier_meanings(plan, [asked_ref(plan, "C6"), asked_ref(plan, "3.1")]) == ()


def test_a_bare_refer_to_points_to_the_row_it_refers_to_in_the_same_paper(plan):
    # The 2021 A1's 'Refer to C7' is C7's update; 2019's (A1.3) 'Refer to 1.1' is 1.1's.
    a1, a1_3 = marked(plan, ("A1", "A1.3"), [NEW_A1, OLD_A1_3])
    assert [h.chunk.id for h in a1.referred] == ["f"] and [h.chunk.id for h in a1_3.referred] == ["q"]
    update = Quote("Refer to 1.1", LABELS["update"])
    assert (
        entry_label("Jul–Sep 2019", Citation(1, a1_3, update))
        == "Jul–Sep 2019 · A1.3 · no progress update given"
    )


def test_a_row_giving_no_update_is_not_shown_with_a_heading_as_its_status(plan):
    later, renumbered, c7, c7_cut = marked(plan, ("3.4", "C7"), [LATER_3_4, C6, C7, C7_CUT])
    # The 2021 paper gives C6 no update in any row; C7 has one, in its first passage.
    assert [h.no_update for h in (later, renumbered, c7, c7_cut)] == [False, True, False, False]
    heading = Quote("Activity of C6", LABELS["activity"])
    assert entry_label("Jul–Sep 2021", Citation(1, renumbered, heading)) == (
        "Jul–Sep 2021 · C6 (was 3.4) · no progress update given; supporting activity"
    )
    # Outside a timeline for refs, a passage says it when its own update cell is 'n/a';
    # a passage cut from a row without the cell says nothing of the update.
    by_cell = entry_label("Jul–Sep 2021", Citation(1, thread_hit(C6), heading))
    assert by_cell == "Jul–Sep 2021 · C6 · no progress update given; supporting activity"
    other = Quote("Activity of C7", LABELS["activity"])
    assert entry_label("Jul–Sep 2021", Citation(3, thread_hit(C7_CUT), other)) == (
        "Jul–Sep 2021 · C7 (supporting activity)"
    )
    # A row that gives an update, quoted from it or from another column, says so as before.
    update = Quote("Staff moved", LABELS["update"])
    assert entry_label("Jul–Sep 2019", Citation(2, later, update)) == "Jul–Sep 2019 · 3.4"
    assert entry_label("Jul–Sep 2021", Citation(3, c7, other)) == "Jul–Sep 2021 · C7 (supporting activity)"


def thread_hit(chunk: Chunk) -> Hit:
    return Hit(chunk, 0.0, 0.5, 0.0, "thread")
