"""The plan-table row stitcher on generated tables: rows broken across any number of lines
come back whole, in order, under the right ref; arbitrary Unicode never raises."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.tables import parse_plan_table

HEADER = "Ref\tCommitment\tSupporting activity\tProgress update\tOversight"


def is_plain_ref(ref: str) -> bool:
    return bool(ref) and all(c.isascii() and (c.isalnum() or c == ".") for c in ref)


# A row: its update split into 1-4 pieces, each piece 1-6 words that are unique to the row,
# so a word out of place or missing shows.
row_pieces = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.lists(row_pieces, min_size=1, max_size=6))
def test_broken_rows_are_stitched_whole_and_in_order(rows):
    lines = [(1, HEADER)]
    expected: dict[str, list[str]] = {}
    for number, pieces in enumerate(rows, start=1):
        ref = f"{number}.{number + 1}"
        words = []
        for part, size in enumerate(pieces):
            piece = [f"upd{number}w{part}x{i}" for i in range(size)]
            words += piece
            first_cell = ref if part == 0 else ""
            commitment = f"Commitment text {number}" if part == 0 else ""
            lines.append((1, f"{first_cell}\t{commitment}\tactivity{number}\t{' '.join(piece)}\tboard"))
        expected[ref] = words
    passages, end = parse_plan_table(lines, 0, max_words=400)
    assert end == len(lines)
    by_ref = {p.ref: p for p in passages}
    assert set(by_ref) == set(expected)
    for ref, words in expected.items():
        assert by_ref[ref].cells["Progress update"].split() == words


cell = st.text(alphabet=st.characters(blacklist_characters="\t\n\r"), max_size=40)
line = st.lists(cell, min_size=1, max_size=6).map("\t".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(line, max_size=12))
def test_any_unicode_table_parses_without_error_and_refs_stay_plain(body):
    lines = [(1, HEADER), *((1, raw) for raw in body)]
    passages, end = parse_plan_table(lines, 0, max_words=150)
    assert 1 <= end <= len(lines)
    for passage in passages:
        assert passage.kind == "plan_row"
        assert is_plain_ref(passage.ref)
        assert passage.parent_ref is None or is_plain_ref(passage.parent_ref)
        for text in passage.cells.values():  # cells are quoted: every line verbatim
            assert all(line in passage.text for line in text.split("\n"))
