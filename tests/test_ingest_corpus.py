"""Ingestion of the real papers: structure, metadata, refs and cleaning."""

from datetime import date

import pytest


def by(chunks, **fields):
    return [c for c in chunks if all(getattr(c, k) == v for k, v in fields.items())]


def test_ref_1_2_from_each_paper_that_reports_on_it(corpus_chunks):
    rows = by(corpus_chunks, kind="plan_row", ref="1.2")
    assert {c.source for c in rows} == {
        "2018-11-27_performance-report_jul-sep-2018.txt",
        "2019-09-10_agenda-pack.txt",
        "2020-02-05_performance-report_oct-dec-2019.txt",
    }
    latest = next(c for c in rows if c.source.startswith("2020"))
    assert latest.meeting_date == date(2020, 2, 5)
    assert latest.period.label == "Oct–Dec 2019"  # the paper's title says 2020: catalog wins
    assert "Single Online Home has gone live" in latest.text
    assert "Track my Crime" in latest.commitment


def test_minute_302_is_dated_by_its_own_meeting(corpus_chunks):
    minute = by(corpus_chunks, kind="minutes", paragraph="302")
    assert minute and all(c.meeting_date == date(2019, 6, 18) for c in minute)
    assert minute[0].section.startswith("302 Police & Crime Plan Activity")
    assert any("Track my Crime" in c.text for c in minute)


def test_minute_text_is_given_back_to_the_item_it_belongs_to(corpus_chunks):
    # The extractor put minute 302's heading inside 301's closing lines.
    text_301 = " ".join(c.text for c in by(corpus_chunks, kind="minutes", paragraph="301"))
    text_302 = " ".join(c.text for c in by(corpus_chunks, kind="minutes", paragraph="302"))
    assert "HMICFRS Inspection regime was not being carried out jointly" in text_301
    assert "HMICFRS Inspection regime" not in text_302


def test_2021_refs_are_plain_latin_and_sub_activities_carry_parent(corpus_chunks):
    rows = [c for c in corpus_chunks if c.source.startswith("2021") and c.kind == "plan_row"]
    assert rows
    for chunk in rows:
        assert chunk.ref.isascii(), chunk.ref
    a31 = by(rows, ref="A3.1")
    assert a31 and a31[0].parent_ref == "A3"
    assert "Victims Board" in a31[0].commitment
    assert by(rows, ref="B3.1")  # 'В3' was Cyrillic in the paper


def test_no_html_or_furniture_left(corpus_chunks):
    for chunk in corpus_chunks:
        assert "<p>" not in chunk.text and "<li>" not in chunk.text, chunk.id
        assert "intentionally left blank" not in chunk.text.lower(), chunk.id


def test_repeated_kiosk_fragments_collapse_to_one_copy(corpus_chunks):
    text = "\n".join(c.text for c in corpus_chunks if c.source.startswith("2018"))
    assert text.count("There are currently 11 kiosks in West Mercia") <= 2  # was 8 in the paper


def test_agenda_pack_items_have_their_own_titles_and_dates(corpus_chunks):
    pack = [c for c in corpus_chunks if c.source == "2019-09-10_agenda-pack.txt"]
    titles = {c.title for c in pack}
    assert "Minutes of the Panel meeting held on 18 June 2019" in titles
    report = [c for c in pack if c.period and c.period.label == "Apr–Jun 2019"]
    assert report and all(c.meeting_date == date(2019, 9, 10) for c in report)


@pytest.mark.parametrize("source", ["2016_performance-report_oct-dec-2015.txt"])
def test_catalog_corrects_a_title_naming_the_wrong_year(corpus_chunks, source):
    chunks = by(corpus_chunks, source=source)
    assert chunks and all(c.period.label == "Oct–Dec 2015" for c in chunks)


def test_chunks_fit_the_embedding_window(corpus_chunks):
    from index.text import index_text

    long = [c.id for c in corpus_chunks if len(index_text(c).split()) > 260]
    assert len(long) <= len(corpus_chunks) * 0.02, long[:5]


def test_ids_are_unique_and_stable(corpus_chunks):
    from ingest import ingest_paths
    from tests.conftest import CORPUS

    assert len({c.id for c in corpus_chunks}) == len(corpus_chunks)
    again = ingest_paths([CORPUS]).chunks
    assert [c.id for c in again] == [c.id for c in corpus_chunks]
