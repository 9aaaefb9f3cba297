"""The evaluation metrics on lists small enough to check by hand."""

from __future__ import annotations

import pytest

from eval.metrics import contains_evidence, first_hit_rank, mrr_at_k, normalise, percentile, recall_at_k


def test_normalise_ignores_case_spacing_quotes_dashes_and_lookalikes():
    # Cyrillic 'А' folds to Latin 'A'; curly quotes and the em dash become plain ones.
    assert normalise("  The\u2018Kiosk\u2019 \u2014\n\u04103 ") == "the'kiosk' - a3"


def test_evidence_is_found_whole_or_by_either_half_of_twenty_characters():
    evidence = "the kiosk went live in june across wales"  # 40 characters: halves of 20
    assert contains_evidence("Note: THE kiosk went live in June across Wales.", [evidence])
    assert contains_evidence("... in june across wales, later", [evidence])  # second half
    assert contains_evidence("the kiosk went live early", [evidence])  # first half
    # 38 characters: halves of 19 are too short to count alone.
    assert not contains_evidence("the kiosk went liv", ["the kiosk went liv in june across wale"])
    assert not contains_evidence("nothing like it", [evidence])


def test_first_hit_rank_is_one_based_or_none():
    texts = ["unrelated", "the precept rose", "precept rose again"]
    assert first_hit_rank(texts, ["precept rose"]) == 2
    assert first_hit_rank(texts, ["kiosk"]) is None


def test_recall_and_mrr_at_k():
    ranks = [1, 3, None, 6]
    assert recall_at_k(ranks, 5) == 0.5  # ranks 1 and 3 of four questions
    assert recall_at_k(ranks, 10) == 0.75  # and 6
    assert mrr_at_k(ranks, 5) == pytest.approx((1 + 1 / 3) / 4)
    assert recall_at_k([], 5) == mrr_at_k([], 5) == 0.0


def test_percentile_is_the_nearest_rank():
    values = [50.0, 10.0, 40.0, 20.0, 30.0]
    assert percentile(values, 50) == 30.0  # sorted position round(0.5 * 4) = 2
    assert percentile(values, 95) == 50.0  # round(0.95 * 4) = round(3.8) = 4
    assert percentile(values, 0) == 10.0
    assert percentile([], 50) == 0.0
