"""The commitment register on tiny hand-made plans: links across renumbering, status by
precedence at the grain of sub-activities, 'Refer to X', what changed, finding, labels."""

import zlib
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from eval.register import LinkLabel, load_link_labels, score_links
from index.threads import ALSO, build_threads, link_entries, plan_entries
from ingest.records import Period
from ingest.tables import parse_plan_table
from panelqa.errors import PanelQAError
from retrieval.changes import change, normalised
from retrieval.objectives import canonical_objectives
from retrieval.register import commitment_dict, find
from retrieval.tracker import Commitment, Update, _resolve, pointed_to, referred_refs, status_of
from tests.fakes import make_chunk

PERIODS = {
    "2019.txt": Period(date(2019, 4, 1), date(2019, 6, 30)),
    "2020.txt": Period(date(2019, 10, 1), date(2019, 12, 31)),
    "2021.txt": Period(date(2021, 7, 1), date(2021, 9, 30)),
}


class WordEmbedder:
    """Bag of words hashed into 256 dimensions: texts sharing words are alike."""

    name, dim = "words", 256

    def embed(self, texts, progress=False):
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, zlib.crc32(word.strip(".,").encode()) % self.dim] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def row(source, ref, wording, update="", activity="", parent=None, n=0):
    cells = {
        k: v
        for k, v in (("Commitment", wording), ("Supporting activity", activity), ("Progress update", update))
        if v
    }
    return make_chunk(
        f"{source}:{ref}:{n}",
        " ".join(cells.values()),
        source=source,
        title=source,
        period=PERIODS[source],
        ref=ref,
        page=1,
        parent_ref=parent,
        commitment=wording,
        cells=cells,
        ordinal=n,
    )


OLD_PLAN = [  # two papers in one numbering scheme
    *(
        row(
            s,
            "4.9",
            "Making sure voices and priorities are heard within our rural communities via the "
            "Rural Matters plan",
            f"Rural update {s}",
        )
        for s in ("2019.txt", "2020.txt")
    ),
    *(
        row(
            s,
            "4.10",
            "Working with businesses and partners through the Business Matters plan to tackle business crime",
            f"Business update {s}",
        )
        for s in ("2019.txt", "2020.txt")
    ),
    *(
        row(s, "A1", "Set out my commitment in a new victims charter", "Charter drafted")
        for s in ("2019.txt", "2020.txt")
    ),
]
NEW_PLAN = [  # renumbered: D7 merges 4.9 and 4.10; A1 is a different commitment
    row(
        "2021.txt",
        "D7",
        "Making sure voices and priorities are heard within our rural communities via "
        "the Rural Matters plan. Working with businesses and partners through the Business Matters plan "
        "to tackle business crime",
        "Both plans refreshed",
    ),
    row("2021.txt", "A1", "Making sure officers and staff have the skills to support survivors", "n/a"),
]


def test_a_renumbered_commitment_that_merges_two_keeps_both_histories():
    threads = build_threads(OLD_PLAN + NEW_PLAN, WordEmbedder(), threshold=0.8)
    by_ref = {(c.source, c.ref): threads[c.id] for c in OLD_PLAN + NEW_PLAN}
    assert by_ref[("2021.txt", "D7")] == by_ref[("2019.txt", "4.9")] == by_ref[("2020.txt", "4.10")]
    assert by_ref[("2019.txt", "A1")] == by_ref[("2020.txt", "A1")]  # same ref, same scheme
    assert by_ref[("2021.txt", "A1")] != by_ref[("2020.txt", "A1")]  # same ref, new scheme
    assert not any(key.startswith(ALSO) for key in threads)


def test_an_old_commitment_split_in_two_continues_in_both():
    old = [
        row(
            s,
            "3.1",
            "Ensuring the transformation programme delivers a better service. Invest to save "
            "so the force can make best use of its resources",
        )
        for s in ("2019.txt", "2020.txt")
    ]
    new = [
        row("2021.txt", "C1", "Ensuring the transformation programme delivers a better service"),
        row("2021.txt", "C3", "Invest to save so the force can make best use of its resources"),
    ]
    linking = link_entries(plan_entries(old + new), WordEmbedder())
    thread, further = linking.threads(0.8)
    c1, c3 = (next(i for i, e in enumerate(linking.entries) if e.ref == r) for r in ("C1", "C3"))
    assert thread[c1] != thread[c3]  # new commitments never merge
    olds = [i for i, e in enumerate(linking.entries) if e.ref == "3.1"]
    assert all({thread[i]} | further.get(i, set()) == {thread[c1], thread[c3]} for i in olds)


def _update(*activities, source="2021.txt"):
    chunks = tuple(
        row(source, ref, "wording", update, parent="A6" if ref != "A6" else None, n=n)
        for n, (ref, update) in enumerate(activities)
    )
    lookup = {ref: update for ref, update in activities if update}
    return Update(chunks, _resolve([(ref, "", update) for ref, update in activities], lookup))


def test_status_precedence_at_the_grain_of_sub_activities():
    latest = "2021.txt"
    three_of_eight = _update(
        *[(f"A6.{n}", "Action Complete" if n <= 3 else "Ongoing work") for n in range(1, 9)]
    )
    assert status_of((three_of_eight,), None, latest) == ("partly complete", "3 of 8")
    done = _update(("A6.1", "Complete."), ("A6.2", "This project was completed in Q4"))
    assert status_of((done,), None, latest) == ("complete", "2 of 2")
    assert status_of((_update(("A6", "n/a")),), None, latest) == ("no update given", None)
    assert status_of((_update(("A6", "")),), None, latest) == ("no update given", None)
    assert status_of((_update(("A6", "Work started")),), None, latest) == ("new", None)
    before = _update(("A6", "(1) Work   <b>started</b>."), source="2020.txt")
    assert status_of((_update(("A6", "work started")), before), before, latest) == ("unchanged", None)
    assert status_of((_update(("A6", "Work finished soon")), before), before, latest) == ("changed", None)
    assert status_of((before,), None, latest) == ("dropped", None)
    # 'The force has completed its programme and is working through…' is not 'complete'.
    assert (
        status_of(
            (_update(("A6", "The force has completed its review and is working on it")),), None, latest
        )[0]
        == "new"
    )


def test_refer_to_shows_the_update_it_points_to_and_counts_its_completion():
    update = _update(("A6.1", "Refer to A6.2"), ("A6.2", "Action Complete"), ("A6.3", "Ongoing"))
    first = update.activities[0]
    assert first.referred == ("A6.2",) and not first.informative and first.complete
    assert "A6.2: Action Complete" in first.shown and "A6.2: Action Complete" in update.text
    assert status_of((update,), None, "2021.txt") == ("partly complete", "2 of 3")
    assert referred_refs("Refer to 3.5, 1.2 & 2.1.2") == ("3.5", "1.2", "2.1.2")
    assert referred_refs("Refer to A7.4 and A7.5") == ("A7.4", "A7.5")
    assert referred_refs("Refer to the board minutes for detail on 3.5") == ()


def test_changed_or_unchanged_after_normalising_whitespace_markup_and_numbering():
    assert normalised("(A2.1) <p>Strategy   published.</p>\n• (2) Plan in place") == normalised(
        "Strategy published, plan in place"
    )
    assert normalised("3865 searches") != normalised("3866 searches")


def test_what_changed_lists_words_added_and_removed_and_picks_out_figures():
    found = change("Confidence stood at 80% in Q2.", "Confidence stood at 83% in Q1 21/22.")
    assert found.removed == ["80% in Q2."] and found.added == ["83% in Q1 21/22."]  # 'in' joins the run
    assert found.to_dict()["figures_added"] == ["83%", "21/22"]
    assert found.to_dict()["figures_removed"] == ["80%"]
    assert change("Same words.", "same  words").same
    assert change(
        "The board met in May and agreed the plan.", "The board met in June and rejected the plan."
    ).segments == (
        ("same", "The board met in"),
        ("removed", "May and agreed"),
        ("added", "June and rejected"),
        ("same", "the plan."),
    )


def test_what_changed_shows_each_side_as_written_with_its_punctuation():
    found = change(
        'Stops of "Asian" people (in the county) fell to 87%; well-being, the 2nd aim, was met.',
        'Stops of "Mixed" people (in the county) rose to 90%; well-being, the 2nd aim, was met.',
    )
    assert found.segments == (
        ("same", "Stops of"),
        ("removed", '"Asian"'),
        ("added", '"Mixed"'),
        ("same", "people (in the county)"),
        ("removed", "fell to 87%;"),
        ("added", "rose to 90%;"),
        ("same", "well-being, the 2nd aim, was met."),
    )
    # Markup and numbering are not the paper's words, so they are not shown either.
    assert change("(A2.1) <p>Plan agreed.</p>", "(A2.1) <p>Plan signed off.</p>").segments == (
        ("same", "Plan"),
        ("removed", "agreed."),
        ("added", "signed off."),
    )


def _commitment(ref, refs, status, title="Track my crime", objective="Putting Victims First"):
    update = _update((ref, "Live since May"))
    return Commitment(
        id=ref,
        thread="T1",
        ref=ref,
        wording=title,
        objective=objective,
        status=status,
        history=(update,),
        refs=refs,
        title=title,
    )


def test_find_by_any_ref_carried_by_words_or_status_and_nothing_is_an_empty_list():
    register = [
        _commitment("C6", ("C6", "3.4"), "no update given", "New control centre"),
        _commitment("D2", ("D2", "4.7"), "changed", "Stop and search"),
    ]
    [found] = find(register, "3.4")
    assert found.commitment.ref == "C6" and found.label == "C6 (was 3.4)"
    assert find(register, "C6")[0].label == "C6"
    assert [f.commitment.ref for f in find(register, "stop searches")] == ["D2"]
    assert [f.commitment.ref for f in find(register, "", ("changed",))] == ["D2"]
    assert find(register, "zebra crossing") == [] and find(register, "9.9") == []
    with pytest.raises(ValueError, match="unknown status"):
        find(register, "", ("finished",))
    data = commitment_dict(register[0])
    assert set(data) >= {"id", "title", "objective", "status", "refs", "history", "progress"}
    assert set(data["history"][0]) >= {"source", "meeting_date", "period", "ref", "update", "change"}


def test_garbled_objective_headings_are_read_as_the_ones_other_papers_name():
    stated = (
        ["Reforming West Mercia"] * 3 + ["Drming West Mercia"] * 2 + ["Reassuring West Mercia's communities"]
    )
    mapping = canonical_objectives(stated)
    assert mapping["Drming West Mercia"] == "Reforming West Mercia"
    assert mapping["Reassuring West Mercia's communities"] == "Reassuring West Mercia's communities"


def test_a_wrapped_line_with_a_stray_ref_continues_the_row_above():
    lines = [
        (1, "Ref\tPlan commitment\tSupporting activity\tProgress update\tOversight"),
        (1, "4.2\tDelivering new online platforms for the public,\t\tRefer to 3.5\t"),
        (1, "4.0\talongside traditional and existing methods.\t\t\t"),
        (1, "4.3\tProactively publishing information\tWebsite\tPublished\tBoard"),
    ]
    passages, _ = parse_plan_table(lines, 0, 400)
    assert [p.ref for p in passages] == ["4.2", "4.3"]
    assert passages[0].commitment.endswith("alongside traditional and existing methods.")


def test_link_precision_and_recall_by_hand():
    old, new = ("2020.txt", "4.9"), ("2021.txt", "D7")
    labels = [
        LinkLabel(old, new, True),
        LinkLabel(("2020.txt", "4.10"), new, True),
        LinkLabel(("2020.txt", "A1"), ("2021.txt", "A1"), False),
    ]
    made = {(old, new), (("2020.txt", "A1"), ("2021.txt", "A1")), (("2020.txt", "C2"), ("2021.txt", "C9"))}
    score = score_links(made, labels)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 2, 1)
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 2)


def test_a_bad_label_file_names_the_line_and_the_field(tmp_path):
    path = tmp_path / "links.jsonl"
    path.write_text(
        '{"old_ref": "4.9", "old_source": "a", "new_ref": "D7", "new_source": "b", "basis": "x"}\n'
    )
    with pytest.raises(PanelQAError, match=r"links.jsonl line 1: missing field\(s\) level"):
        load_link_labels(path)
    path.write_text("not json\n")
    with pytest.raises(PanelQAError, match="line 1: not valid JSON"):
        load_link_labels(path)


def test_an_unknown_status_is_refused_before_anything_loads():
    from click.testing import CliRunner

    from app.cli import main

    result = CliRunner().invoke(main, ["commitments", "--status", "finished", "--index", "/nonexistent"])
    assert result.exit_code == 2 and "unknown status finished; choose from new, changed" in result.output


def test_a_dropped_commitment_says_when_it_was_last_reported():
    dropped = _commitment("B3", ("B3",), "dropped")
    rows = tuple(replace(c, source="2020.txt", period=PERIODS["2020.txt"]) for c in dropped.latest.chunks)
    old = Update(rows, dropped.latest.activities)
    assert replace(dropped, history=(old,)).shown_as() == "B3, last reported Oct–Dec 2019"


def test_a_pointer_names_the_refs_of_its_range_and_no_absurd_range():
    assert pointed_to("Refer to 3.1 - 3.4", "") == ("3.1", "3.2", "3.3", "3.4")
    assert pointed_to("Refer to C1 - C3", "") == ("C1", "C2", "C3")  # the 2021 plan's refs
    # A typo is no range of a hundred thousand refs.
    assert len(pointed_to("Refer to 3.1 - 3.99999", "")) <= 2
