"""Plan-table cells travel on the chunk as data: written once by the table parser, read
by retrieval without parsing 'Label: value' lines back."""

from dataclasses import replace

from ingest.records import Chunk
from ingest.split import OVERLAP_WORDS
from ingest.tables import LABELS, parse_plan_table
from retrieval.answer import best_quote, sentences
from retrieval.tracker import progress_update
from tests.fakes import make_chunk

HEADER = "Ref\tCommitment\tSupporting activity\tProgress update\tOversight"


def _passages(rows: list[str], max_words: int = 400):
    return parse_plan_table([(1, HEADER), *((1, row) for row in rows)], 0, max_words)[0]


def test_a_row_carries_its_cells_by_label():
    [row] = _passages(["3.4\tTrack my crime\tRoll it out\tLive since May. Used by 900.\tBoard"])
    assert row.cells == {
        "Commitment": "Track my crime",
        "Supporting activity": "Roll it out",
        "Progress update": "Live since May. Used by 900.",
        "Oversight": "Board",
    }
    assert row.text == (
        "Commitment 3.4: Track my crime\nProgress update: Live since May. Used by 900.\n"
        "Supporting activity: Roll it out\nOversight: Board"
    )


def test_a_long_row_split_across_passages_keeps_each_piece_verbatim_in_its_cells():
    update = " ".join(f"Sentence {n} says thing {n}." for n in range(60))
    parts = _passages([f"1.2\tWording\tActivity\t{update}\tBoard"], max_words=50)
    assert len(parts) > 2
    assert "Commitment" in parts[0].cells and all("Commitment" not in p.cells for p in parts[1:])
    for part in parts:
        for text in part.cells.values():
            assert all(line in part.text for line in text.split("\n"))
    pieces = [" ".join(p.cells["Progress update"].split()) for p in parts if "Progress update" in p.cells]
    # Each piece after the first opens with the end of the one before (a sentence or so of
    # overlap, so that 'the Board' keeps the sentence naming it); less that, they are the update.
    kept = pieces[0]
    for piece in pieces[1:]:
        overlap = max(n for n in range(len(piece) + 1) if kept.endswith(piece[:n]))
        assert 0 < len(piece[:overlap].split()) <= OVERLAP_WORDS
        kept += piece[overlap:]
    assert kept == update


def _plan_chunk(passage) -> Chunk:
    """A plan row of commitment 3.4 made from one parsed passage."""
    return make_chunk(
        "p:0001", passage.text, source="p.txt", title="P", ref="3.4", page=1, cells=passage.cells
    )


def test_cells_survive_the_index_file_and_old_files_without_them_still_load():
    [passage] = _passages(["3.4\tTrack my crime\tRoll it out\tLive.\tBoard"])
    chunk = _plan_chunk(passage)
    assert Chunk.from_dict(chunk.to_dict()).cells == passage.cells
    old = chunk.to_dict()
    del old["cells"]
    assert Chunk.from_dict(old).cells == {}


def test_quotes_and_updates_come_from_the_cells():
    [passage] = _passages(["3.4\tTrack my crime\tRoll out the portal\tLive since May.\tBoard"])
    quotes = sentences(passage.text, passage.cells)
    assert [(q.column, q.text) for q in quotes] == [
        ("Commitment", "Track my crime"),
        ("Progress update", "Live since May."),
        ("Supporting activity", "Roll out the portal"),
        ("Oversight", "Board"),
    ]
    chosen = best_quote(passage.text, {"portal"}, prefer_update=True, cells=passage.cells)
    assert chosen.column == LABELS["update"] and chosen.text == "Live since May."
    chunk = _plan_chunk(passage)
    assert progress_update(chunk) == "Live since May."
    assert progress_update(replace(chunk, cells={})) == ""
