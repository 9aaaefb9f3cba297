"""Every gold label quotes the papers verbatim (fast lane: text only, no model, no index)."""

from __future__ import annotations

import pytest

from eval.check_gold import field_problems, load_rows, paraphrase_problems, quote_problems
from eval.gold import PARAPHRASE_PATH

ROWS = load_rows()
PARAPHRASES = load_rows(PARAPHRASE_PATH)


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


def test_a_table_row_is_quoted_as_its_passage_joins_its_cells():
    """The 2015 table row for Telford & Wrekin reads 'Telford & Wrekin\t5\t12\t1\t18\t12%' in
    the extraction and 'Telford & Wrekin | 5 | 12 | 1 | 18 | 12%' in its passage: only the
    passage's form can be found in a passage."""
    row = {"id": "r", "type": "followup"}
    assert not quote_problems(dict(row, evidence=["Telford & Wrekin | 5 | 12 | 1 | 18 | 12%"]))
    assert quote_problems(dict(row, evidence=["Telford & Wrekin\t5\t12\t1\t18\t12%"]))


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


def test_each_paraphrase_keeps_its_gold_questions_labels():
    by_id = {row["id"]: row for row in ROWS}
    problems = {row["id"]: paraphrase_problems(row, by_id) for row in PARAPHRASES}
    assert not {i: p for i, p in problems.items() if p}
    assert not {row["id"] for row in PARAPHRASES} & set(by_id)


def test_a_paraphrase_with_changed_labels_is_caught():
    gold = {"n01": {"id": "n01", "type": "number", "question": "How many?", "evidence": ["125 referrals"]}}
    moved = {"id": "n01-p", "type": "number", "question": "Number?", "evidence": ["98 cases"]}
    moved["original"] = "How many?"
    assert paraphrase_problems(moved, gold) == ["labels differ"]
    kept = dict(moved, evidence=["125 referrals"])
    assert paraphrase_problems(kept, gold) == []
    assert paraphrase_problems(dict(kept, id="n02-p"), gold) == ["no gold question n02"]
