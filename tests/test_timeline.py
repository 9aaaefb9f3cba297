"""Timeline candidate selection read from columns and postings (fast lane, tiny index)."""

import numpy as np
import pytest

from index.store import load, write_build
from panelqa.text import terms
from retrieval.query import Filters
from retrieval.timeline import (
    _naming,
    defined_initials,
    first_tries,
    from_latest_papers,
    rows_reporting_on,
    silent_papers,
)
from tests.test_store import CHUNKS, THREADS, VECTORS, _chunk

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
    # a.txt says 'cadets' (rows 0 and 1): it mentions the topic, so it is not said to be silent.
    cadets = frozenset(terms("cadets"))
    assert silent_papers(index, Filters(), [], named=5, topic_terms=cadets) == ("B.TXT (meeting 1 Jan 2020)",)
    # A name is mentioned only by a passage holding all its words: a.txt says 'Rural crime'
    # and 'Police cadets' apart, never 'Rural Cadets'.
    rural_cadets = frozenset(terms("Rural Cadets"))
    assert silent_papers(index, Filters(), [], 5, rural_cadets) == ("B.TXT (meeting 1 Jan 2020)",)
    assert silent_papers(index, Filters(), [], 5, rural_cadets, name="Rural Cadets") == (
        "A.TXT (meeting 1 Jan 2020)",
        "B.TXT (meeting 1 Jan 2020)",
    )


@pytest.fixture
def abbreviated(tmp_path):
    texts = [
        "Independent Advisory Groups (IAGs) advise the force.",
        "Our IAGs met twice.",
        "Members of the Police and Crime Panel (PCP) met.",
        "The PCP agreed its plan.",
    ]
    chunks = [_chunk(n, "a.txt", text) for n, text in enumerate(texts)]
    write_build(tmp_path, iter(chunks), np.eye(4, dtype=np.float32), {}, {"model": "all-MiniLM-L6-v2"})
    return load(tmp_path)


def test_a_name_is_written_by_initials_a_paper_defines_for_it(abbreviated):
    assert defined_initials(abbreviated, "Independent Advisory Groups") == "iag"
    assert defined_initials(abbreviated, "Police and Crime Panel") == "pcp"
    # 'PCP' stands for the Panel here, not the Plan; 'TC' is too short to be anyone's.
    assert defined_initials(abbreviated, "Police and Crime Plan") is None
    assert defined_initials(abbreviated, "Track my Crime") is None


def test_a_passage_names_a_name_by_all_its_words_or_its_initials(abbreviated):
    rows, iag = np.arange(4), "Independent Advisory Groups"
    assert _naming(abbreviated, rows, iag, None).tolist() == [True, False, False, False]
    assert _naming(abbreviated, rows, iag, "iag").tolist() == [True, True, False, False]
    assert _naming(abbreviated, rows, "", None).tolist() == [False] * 4  # no name names nothing
