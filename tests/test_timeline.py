"""Timeline candidate selection read from columns and postings (fast lane, tiny index)."""

import numpy as np
import pytest

from index.store import load, write_build
from panelqa.text import terms
from retrieval.query import Filters
from retrieval.timeline import (
    _naming,
    first_tries,
    from_latest_papers,
    initials_term,
    rows_reporting_on,
    silent_papers,
)
from tests.test_store import CHUNKS, THREADS, VECTORS

ALL_ROWS = np.arange(4)


@pytest.fixture
def index(tmp_path):
    # a.txt: rows 0-2, dated 1 Jan 2020, 31 Dec 2019 (its period's end), 3 Jan 2020;
    # b.txt: row 3, dated 1 Jan 2020.
    write_build(tmp_path, iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    return load(tmp_path)


def test_each_source_keeps_its_first_tries_in_the_order_given():
    sources = np.array([1, 2, 1, 1, 2, 1])
    assert first_tries(sources, 2).tolist() == [True, True, True, False, True, False]
    assert first_tries(sources, 1).tolist() == [True, True, False, False, False, False]
    assert first_tries(np.zeros(0, dtype=np.int32), 3).tolist() == []


def test_only_the_latest_papers_rows_are_kept(index):
    # a.txt's latest row (3 Jan 2020) is later than b.txt's (1 Jan 2020).
    assert from_latest_papers(index, ALL_ROWS, 1).tolist() == [True, True, True, False]
    assert from_latest_papers(index, ALL_ROWS, 2).tolist() == [True] * 4
    # Among rows 1 and 3 only, b.txt (1 Jan) is later than a.txt (31 Dec).
    assert from_latest_papers(index, np.array([1, 3]), 1).tolist() == [False, True]


def test_reporting_on_a_topic_is_read_from_the_postings_as_from_the_text(index):
    topic = frozenset(terms("police cadets Worcester"))
    # Of 4 passages, 'cadet' is in 2 (idf log 5/2.5), 'polic' and 'worcest' in 1 each
    # (log 5/1.5): row 1 holds cadet only, 0.69 / 3.10 = 0.22 of the weight, below 0.6.
    assert rows_reporting_on(index, ALL_ROWS, topic).tolist() == [True, False, False, False]


def test_holds_is_membership_in_the_postings(index):
    assert index.holds("cadet", [3, 1, 0]).tolist() == [False, True, True]
    assert index.holds("nowhere", [0]).tolist() == [False]


def test_silent_papers_name_the_latest_and_count_the_rest(index):
    # Neither paper has an entry; their first passages met on 1 Jan 2020 (both a.txt#0 and
    # b.txt#0): equal dates keep corpus order.
    assert silent_papers(index, Filters(), [], named=5) == (
        "A.TXT (meeting 1 Jan 2020)",
        "B.TXT (meeting 1 Jan 2020)",
    )
    assert silent_papers(index, Filters(), [], named=1) == ("A.TXT (meeting 1 Jan 2020)", "1 more paper")


def test_a_long_name_is_also_written_by_its_initials():
    assert initials_term("Independent Advisory Groups") == "iag"
    assert initials_term("Joint Audit Committee") == "jac"
    # 'my' joins; two initials are too few to be a name's ('TC').
    assert initials_term("Track my Crime") is None


def test_a_passage_names_a_name_by_all_its_words_or_its_initials(index):
    # Row 0 'Police cadets recruited in Worcester' holds both words; row 1 'Cadets and
    # volunteers' only one; row 2 'Rural crime team expanded' holds the stand-in initials.
    name = frozenset(terms("police cadets"))
    assert _naming(index, ALL_ROWS, name, None).tolist() == [True, False, False, False]
    assert _naming(index, ALL_ROWS, name, "rural").tolist() == [True, False, True, False]
