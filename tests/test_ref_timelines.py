"""The ref-timeline measure on hand-worked rows (fast lane: no corpus, model or index)."""

from types import SimpleNamespace

import pytest

from eval.ref_timelines import RefLabels, commitment_of, load_labels, score, shown_rows
from panelqa.errors import PanelQAError
from tests.fakes import make_chunk

OLD, NEW = "2020.txt", "2021.txt"


def test_precision_and_recall_pool_the_rows_over_the_refs():
    labels = RefLabels(
        rows={"C6": {(NEW, "C6"), (OLD, "3.4")}, "A1": {(NEW, "A1"), (OLD, "1.1")}},
        ambiguous={"A1": {(OLD, "9.9")}},
    )
    shown = {
        "C6": {(NEW, "C6"), (OLD, "3.4")},  # both right
        "A1": {(NEW, "A1"), (OLD, "A1"), (OLD, "9.9")},  # old A1 is another commitment; 9.9 is open
    }
    measured = score(shown, labels)
    # 3 of the 4 rows shown (9.9 set aside) are labelled: precision 0.75; 3 of the 4
    # labelled rows are shown (1.1 is not): recall 0.75.
    assert (measured.precision, measured.recall) == (0.75, 0.75)
    assert (measured.refs, measured.labelled_rows, measured.shown_rows) == (2, 4, 4)
    assert measured.misses == {"A1": {"extra": ["A1 (2020)"], "missing": ["1.1 (2020)"]}}


def test_a_2021_sub_activity_ref_stands_for_its_commitment():
    assert [commitment_of(r) for r in ("D8.1", "D8", "3.3", "3.3.1")] == ["D8", "D8", "3.3", "3.3.1"]


def test_rows_a_pointer_refers_to_are_not_counted_as_the_commitments():
    row = make_chunk("a", ref="C6", source=NEW)
    sub = make_chunk("b", ref="3.3.1", parent_ref="3.3", source=OLD)
    pointed = make_chunk("c", ref="C7", source=NEW)
    hits = [
        SimpleNamespace(hit=SimpleNamespace(chunk=c, why=w))
        for c, w in ((row, "ref"), (sub, "thread"), (pointed, "referred"))
    ]
    assert shown_rows(SimpleNamespace(citations=hits)) == {(NEW, "C6"), (OLD, "3.3")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"ref": "A1", "source": "2021.txt", "row_ref": "A1", "basis": "b"}\n',
            "line 1: missing or unreadable quote",
        ),
        # A ref that reads as none is named, and so is a line that is not a label at all.
        (
            '{"ref": "A1", "source": "2021.txt", "row_ref": "??", "quote": "q", "basis": "b"}\n',
            "line 1: missing or unreadable row_ref",
        ),
        ("\n{not json\n", "line 2: not JSON"),
        ("null\n", "line 1: not a JSON object"),
    ],
)
def test_a_label_that_cannot_be_read_is_refused_by_its_line(tmp_path, content, message):
    path = tmp_path / "labels.jsonl"
    path.write_text(content)
    with pytest.raises(PanelQAError, match=message):
        load_labels(path)
