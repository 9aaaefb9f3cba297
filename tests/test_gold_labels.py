"""Every gold label quotes the papers verbatim (fast lane: text only, no model, no index).

A quote must occur in a paper after the normalisation `eval.metrics.contains_evidence`
applies, either in the raw extraction or in a passage ingest makes of it (a table cell split
over a page break reads whole only once ingest has joined it). Quotes of the newer kinds
(near-miss topic evidence, follow-up evidence, per-paper timeline quotes) must also sit inside
one line of the extraction, and within one cell of a table row, so that they land in one passage;
a `papers` quote must sit in the paper it is filed under."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from eval.gold import GOLD_PATH
from eval.metrics import normalise
from ingest import ingest_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REQUIRED = {
    "near_miss": ("topic_evidence", "missing", "absent_check"),
    "followup": ("history", "read_as"),
}


def gold_rows() -> list[dict]:
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@cache
def corpus_texts() -> dict[str, str]:
    """Paper name -> its raw extraction, then every ingested passage, normalised."""
    texts = {path.name: [path.read_text(encoding="utf-8")] for path in sorted(CORPUS.glob("*.txt"))}
    for chunk in ingest_paths([CORPUS]).chunks:
        texts[chunk.source].append(chunk.text)
    return {name: "\n".join(normalise(text) for text in parts) for name, parts in texts.items()}


@cache
def corpus_cells() -> dict[str, tuple[str, ...]]:
    """Paper name -> its lines cut at tabs (table cells), normalised."""
    return {path.name: tuple(normalise(cell) for line in path.read_text(encoding="utf-8").splitlines()
                             for cell in line.split("\t"))
            for path in sorted(CORPUS.glob("*.txt"))}


def papers_quoting(quote: str) -> list[str]:
    needle = normalise(quote)
    return [name for name, text in corpus_texts().items() if needle in text]


def papers_quoting_in_one_cell(quote: str) -> list[str]:
    needle = normalise(quote)
    return [name for name, cells in corpus_cells().items() if any(needle in cell for cell in cells)]


def quotes_of(row: dict) -> list[str]:
    return list(row.get("evidence", [])) + list(row.get("topic_evidence", []))


def newer_kind_quotes(row: dict) -> list[str]:
    own = quotes_of(row) if row["type"] in REQUIRED else []
    return own + list(row.get("papers", {}).values())


ROWS = gold_rows()


def test_ids_are_unique():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_every_quote_is_verbatim_in_a_paper(row):
    missing = [quote for quote in quotes_of(row) if not papers_quoting(quote)]
    assert not missing, f"{row['id']}: not found in any paper: {missing}"


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_newer_kind_quotes_sit_in_one_cell(row):
    split = [quote for quote in newer_kind_quotes(row) if not papers_quoting_in_one_cell(quote)]
    assert not split, f"{row['id']}: quote runs across lines or table cells: {split}"


@pytest.mark.parametrize("row", [r for r in ROWS if "papers" in r], ids=lambda r: r["id"])
def test_each_timeline_quote_is_in_the_paper_it_is_filed_under(row):
    wrong = {name: quote for name, quote in row["papers"].items()
             if name not in papers_quoting_in_one_cell(quote)}
    assert not wrong, f"{row['id']}: quote not in the named paper: {wrong}"
    assert row["min_docs"] <= len(row["papers"])


@pytest.mark.parametrize("row", [r for r in ROWS if r["type"] in REQUIRED], ids=lambda r: r["id"])
def test_new_kinds_carry_their_fields(row):
    for field in REQUIRED[row["type"]]:
        assert row.get(field), f"{row['id']}: {field} is empty"
    if row["type"] == "near_miss":
        assert row["evidence"] == [] and row["min_docs"] == 0
        assert isinstance(row["missing"], str) and isinstance(row["absent_check"], list)
    else:
        assert row["evidence"], f"{row['id']}: a follow-up needs the evidence that answers it"
        assert all(isinstance(q, str) and q for q in row["history"])


def test_every_timeline_names_its_papers():
    unnamed = [row["id"] for row in ROWS if row["type"] == "timeline" and not row.get("papers")]
    assert not unnamed
