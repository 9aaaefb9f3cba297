"""The hand-checked commitment labels quote the papers verbatim and keep to their schema.

eval/commitment_links.jsonl and eval/commitment_status.jsonl are measured against the
product, so a quote that is not in the named paper, or a status outside the contract,
would make every figure drawn from them wrong. Fast lane: reads text files only.
"""

from __future__ import annotations

import json
import re

import pytest

from panelqa.settings import REPO_ROOT

CORPUS = REPO_ROOT / "corpus"
EVAL = REPO_ROOT / "eval"
LINK_BASES = {"same wording", "reworded", "explicit note", "merge", "different"}
LINK_LEVELS = {"commitment", "sub-activity"}
STATUSES = {"complete", "partly complete", "no update given", "new", "changed", "unchanged", "dropped"}
PROGRESS = re.compile(r"^(\d+) of (\d+)$")


def _rows(name: str) -> list[dict]:
    lines = (EVAL / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _paper(name: str) -> str:
    path = CORPUS / name
    assert path.is_file(), f"{name} is not a paper in corpus/"
    return path.read_text(encoding="utf-8")


def _assert_verbatim(quote: str, source: str, where: str) -> None:
    assert quote.strip(), f"{where}: empty quote"
    assert "\n" not in quote, f"{where}: a quote must sit within one line"
    assert quote in _paper(source), f"{where}: {quote!r} is not verbatim in {source}"


def _link_id(row: dict) -> str:
    return f"{row['old_ref']}-{row['new_ref']}"


@pytest.mark.parametrize("row", _rows("commitment_links.jsonl"), ids=_link_id)
def test_every_link_quotes_both_papers_verbatim(row):
    assert row["basis"] in LINK_BASES
    assert row["level"] in LINK_LEVELS
    for side in ("old", "new"):
        _assert_verbatim(row[f"{side}_quote"], row[f"{side}_source"], f"{side} side")


def test_no_pair_is_labelled_both_linked_and_different():
    links = _rows("commitment_links.jsonl")
    linked = {(r["old_ref"], r["new_ref"]) for r in links if r["basis"] != "different"}
    different = {(r["old_ref"], r["new_ref"]) for r in links if r["basis"] == "different"}
    assert not linked & different


@pytest.mark.parametrize("row", _rows("commitment_status.jsonl"), ids=lambda r: r["ref"])
def test_every_status_label_is_quoted_and_consistent(row):
    assert row["status"] in STATUSES
    assert row["reason"].strip()
    _assert_verbatim(row["quote"], row["source"], row["ref"])
    progress = PROGRESS.match(row["progress"] or "")
    if row["status"] == "complete":
        assert progress and progress[1] == progress[2], "complete means every sub-activity"
    elif row["status"] == "partly complete":
        assert progress and 0 < int(progress[1]) < int(progress[2]), "partly means some, not all"
    else:
        assert row["progress"] is None


def test_each_commitment_has_one_status_label():
    refs = [(r["ref"], r["source"]) for r in _rows("commitment_status.jsonl")]
    assert len(refs) == len(set(refs))


def _timeline_row_id(row: dict) -> str:
    return f"{row['ref']}-{row['row_ref']}-{row['source'][:4]}"


@pytest.mark.parametrize("row", _rows("ref_timelines.jsonl"), ids=_timeline_row_id)
def test_every_ref_timeline_label_quotes_its_rows_line(row):
    where = f"ref_timelines {_timeline_row_id(row)}"
    _assert_verbatim(row["quote"], row["source"], where)
    lines = _paper(row["source"]).splitlines()
    assert any(row["quote"] in line and row["row_ref"] in line for line in lines), where
    assert row["basis"] == "the ref itself" or row["basis"].split(":")[0] in {
        "earlier ref",
        "later ref",
        "ambiguous",
    }
