"""The cleaner, ref normaliser and period parser, by example and on arbitrary Unicode."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ingest.clean import clean_block, clean_line, collapse_repeats
from ingest.narrative import heading_text, parse_narrative
from panelqa.text import normalise_ref, parse_period, reconcile


def test_refs_normalise_to_latin():
    assert normalise_ref("(А4.6)") == "A4.6"  # Cyrillic A
    assert normalise_ref("A.3") == "A3"
    assert normalise_ref("<b>C5</b>") == "C5"
    assert normalise_ref("3.2.6") == "3.2.6"
    assert normalise_ref("Ref") is None


def test_html_lists_become_text():
    assert clean_block("<ul><li>one</li><li>two &amp; three</li></ul>") == "• one\n• two & three"


def test_repeated_fragments_collapse():
    text = (
        "Locally based kiosks were identified as a means to distribute demand. "
        "There are 11 kiosks in the force area today. "
        "There are 11 kiosks in the force area today. kiosks were identified as a means"
    )
    assert collapse_repeats(text).count("There are 11 kiosks") == 1


def test_periods_as_papers_write_them():
    assert parse_period("(JULY - SEPTEMBER 2018)").label == "Jul–Sep 2018"
    assert parse_period("Quarter 2 update July to Sept 2021").label == "Jul–Sep 2021"
    assert parse_period("covers the time period 1 October – 31 December 2016").label == "Oct–Dec 2016"


def test_a_period_after_its_meeting_is_shifted_back_with_a_note():
    period, note = reconcile(parse_period("(OCT - DEC 2020)"), date(2020, 2, 5))
    assert period.label == "Oct–Dec 2019" and "wrong year" in note


@given(st.text())
def test_cleaning_is_idempotent(text):
    once = clean_block(text)
    assert clean_block(once) == once


@given(st.text(max_size=20))
def test_normalised_refs_hold_only_latin_digits_dots(text):
    ref = normalise_ref(text)
    assert ref is None or all(c.isascii() and (c.isalnum() or c == ".") for c in ref)


@given(st.text())
def test_period_parser_never_raises(text):
    found = parse_period(text)
    assert found is None or found.start <= found.end


def test_a_meeting_headers_fields_are_text_not_headings():
    """'Chair: John Campion' and 'Minutes: Jackie Irvin, …' were read as headings, each
    dropped by the next: the minute-taker was in no passage."""
    lines = [(1, "Meeting Notes"), (1, " Chair: John Campion")]
    lines += [(1, " Minutes: Jackie Irvin, Policy Officer, OPCC")]
    lines += [(1, "Venue"), (1, "The meeting was held at police headquarters and ran for an hour.")]
    text = "\n".join(p.text for p in parse_narrative(lines, "Agenda", 150))
    assert "Chair: John Campion" in text and "Minutes: Jackie Irvin, Policy Officer, OPCC" in text
    assert heading_text("Meeting Notes") == "Meeting Notes"  # a heading is still one
    assert heading_text("APPENDIX: WORK PROGRAMME") is not None  # as is a label in capitals


def test_a_heading_closing_in_a_colon_sits_under_the_heading_above():
    """'Promotion and Engagement:' replaced 'Facebook Live holding to account', so the
    evaluation's findings no longer said which event they were of."""
    lines = [(1, "Facebook Live holding to account"), (1, "14. The meeting was in June.")]
    lines += [(1, "Promotion and Engagement:"), (1, "15. 39 questions were submitted in advance.")]
    lines += [(1, "Also promoted:"), (1, "16. Two press releases were issued.")]
    lines += [(2, "Issues raised"), (2, "17. Questions were grouped.")]
    contexts = [p.context for p in parse_narrative(lines, "Rural Crime", 150)]
    assert contexts == [
        "Rural Crime › Facebook Live holding to account",
        "Rural Crime › Facebook Live holding to account › Promotion and Engagement:",
        "Rural Crime › Facebook Live holding to account › Also promoted:",  # not under the colon above
        "Rural Crime › Issues raised",
    ]


def test_numbered_sections_nest_by_their_depth():
    """'2.6.4 On Duty Police Personnel Victims of Assault' was body text, so the assaults table
    sat under a list item read as a heading ('2. Any recent change in the relative position …')."""
    lines = [(1, "2.4 HARM REDUCTION"), (1, "Two issues are highlighted, in turn.")]
    lines += [(1, "1. How the current pattern of offending compares to the group average")]
    lines += [(1, "2.4.1 Crime Recorded"), (1, "Recorded crime rose by 4% in the quarter.")]
    lines += [(1, "Rural Crime"), (1, "Rural crime fell.")]
    lines += [(2, "2.4.2 Risk Markers"), (2, "Domestic abuse rose.")]
    lines += [(2, "2.5 DEMAND REDUCTION"), (2, "Calls fell.")]
    contexts = [p.context for p in parse_narrative(lines, "Report", 150)]
    assert contexts == [
        "Report › 2.4 HARM REDUCTION",  # the introduction and its numbered list item
        "Report › 2.4 HARM REDUCTION",
        "Report › 2.4 HARM REDUCTION › 2.4.1 Crime Recorded",
        "Report › 2.4 HARM REDUCTION › 2.4.1 Crime Recorded › Rural Crime",
        "Report › 2.4 HARM REDUCTION › 2.4.2 Risk Markers",  # a sibling replaces 2.4.1 and its sub-heading
        "Report › 2.5 DEMAND REDUCTION",
    ]
    assert heading_text("1. PURPOSE") == "1. PURPOSE"  # a short numbered heading still is one
    assert heading_text("4. Impact of serious and organised crime") is not None
    # A short numbered paragraph is no heading: it does not capitalise its longer words.
    assert heading_text("2.2 Members are asked to note the report") is None


def test_footnote_marks_are_dropped_not_made_digits():
    """NFKC made '⁴ Violence with Injury includes …' a count of four offences."""
    assert clean_line("⁴ **Violence with Injury** includes murder") == "Violence with Injury includes murder"
    assert clean_line("the rate is 81.1%¹. The roll-out") == "the rate is 81.1%. The roll-out"
    assert clean_line("the Home Office)³. Two issues") == "the Home Office). Two issues"
    assert clean_line("most similar forces² for 'Ease'") == "most similar forces for 'Ease'"  # two words
