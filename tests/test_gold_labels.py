"""Every gold label quotes the papers verbatim (fast lane: text only, no model, no index)."""

from __future__ import annotations

import pytest

from eval.check_gold import field_problems, load_rows, quote_problems

ROWS = load_rows()


def test_ids_are_unique():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_row_carries_the_fields_of_its_type(row):
    assert not field_problems(row)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_row_quotes_the_papers_verbatim(row):
    assert not quote_problems(row)


def test_a_misquote_is_caught():
    """The check itself can fail: a quote the papers do not hold, or one filed under the wrong
    paper, is reported."""
    misquoted = {"id": "x", "type": "followup", "evidence": ["the PCC bought a helicopter"]}
    misfiled = {
        "id": "y",
        "type": "timeline",
        "evidence": [],
        "papers": {"2016_performance-report_oct-dec-2015.txt": "The Ambassador scheme has ceased"},
    }
    assert quote_problems(misquoted) and quote_problems(misfiled)


def test_a_near_miss_with_an_answer_or_no_absence_check_is_caught():
    row = {
        "id": "z",
        "type": "near_miss",
        "evidence": ["an answer"],
        "min_docs": 1,
        "topic_evidence": ["Building of a new OCC"],
        "missing": "its cost",
        "absent_check": [],
    }
    assert len(field_problems(row)) == 2
