"""Query understanding without an index: refs, date windows and time intent."""

from __future__ import annotations

from datetime import date

import pytest

from panelqa.errors import BadQuery
from retrieval.query import Filters, parse_query, respelled, truecased


def test_a_ref_with_a_lookalike_letter_and_a_year():
    plan = parse_query("What happened to (\u04104.6) in 2019?")  # Cyrillic А
    assert plan.refs == ("A4.6",)
    assert (plan.filters.since, plan.filters.until) == (date(2019, 1, 1), date(2019, 12, 31))
    assert plan.timeline  # a named commitment is always read over time


@pytest.mark.parametrize(
    "question, since, until",
    [
        # Financial Q1 is Apr-Jun; its figures are reported in the Jul-Sep paper.
        ("Complaints in Q1 2021", date(2021, 4, 1), date(2021, 9, 30)),
        ("Complaints in Q4 2020", date(2021, 1, 1), date(2021, 6, 30)),  # Q4 runs into the next year
        ("Complaints since 2020", date(2020, 1, 1), None),
        ("Complaints before 2019", None, date(2018, 12, 31)),
        ("Complaints at the 2019 go-live", None, None),  # a year inside a phrase is a topic
        # The year's end is that year; its start is often the last year's papers, so no window.
        ("How many died on the roads in late 2015?", date(2015, 1, 1), date(2015, 12, 31)),
        ("end of 2015: how many officers were there?", date(2015, 1, 1), date(2015, 12, 31)),
        ("How many were there at the end of 2019?", date(2019, 1, 1), date(2019, 12, 31)),
        ("How many were there at the start of 2019?", None, None),
        ("By late 2020, had the PCC taken over?", None, None),
        # The year's end as a bound is no window of that year.
        ("Has anything changed since late 2015?", None, None),
        ("What was promised by the end of 2020?", None, None),
        ("between late 2015 and 2017, how many?", None, None),
    ],
)
def test_date_windows(question, since, until):
    assert (parse_query(question).filters.since, parse_query(question).filters.until) == (since, until)


def test_money_and_percentages_are_not_refs():
    assert parse_query("Why did the precept rise by £3.4 million?").refs == ()
    assert parse_query("Is 2.5% of the budget spent on this?").refs == ()


def test_latest_and_over_time():
    latest = parse_query("What is the latest on 3.4?")
    assert latest.latest and latest.timeline and latest.refs == ("3.4",)
    plain = parse_query("Who chairs the panel?")
    assert not plain.latest and not plain.timeline and plain.refs == ()
    assert parse_query("What happened to Track my Crime?").timeline
    assert parse_query("What’s happened to Track my Crime?").timeline  # a phone's apostrophe
    assert not parse_query("What share of crime happened in rural areas in 2018/19?").timeline
    # 'the last quarter of 2015' names a quarter; 'last quarter' alone asks for the latest.
    assert not parse_query("How many offences were logged in the last quarter of 2015?").timeline
    assert not parse_query("How many offences were logged in the last quarter in 2015?").timeline
    assert parse_query("How many offences were logged last quarter?").latest
    # A span of years asked is a question over time; one year is not.
    assert parse_query("How have sickness levels been reported from 2015 through to 2021?").timeline
    assert parse_query("How did sickness levels move between 2015 and 2021?").timeline
    assert not parse_query("How many sickness days were lost in 2015?").timeline


@pytest.mark.parametrize(
    "question, says",
    [
        ("", "empty"),
        ("  \n ", "empty"),
        ("?!?...", "no words"),
        ("x" * 2001, "2,001 characters"),
    ],
)
def test_bad_questions_are_refused_with_the_reason(question, says):
    with pytest.raises(BadQuery, match=says):
        parse_query(question)


def test_merged_filters_take_the_other_sides_set_fields():
    base = Filters(since=date(2019, 1, 1), refs=("A4",))
    assert base.merged(Filters(refs=("B2",), kinds=("minutes",))) == Filters(
        since=date(2019, 1, 1), refs=("B2",), kinds=("minutes",)
    )


def test_a_passage_writes_a_hyphenated_word_both_ways_a_question_one_way():
    from panelqa.text import passage_terms, terms

    assert passage_terms("on-going e-mail support") == ["go", "e", "mail", "support", "ongo", "email"]
    # A question's 'Oct-Dec' asks for October to December, not for a word 'octdec'.
    assert terms("Oct-Dec 2015") == ["oct", "dec", "2015"]


def test_terms_are_folded_stop_worded_and_stemmed_and_each_call_gets_its_own_list():
    from panelqa.text import terms

    # 'А' is Cyrillic; 'what', 'the' and 'to' are stop words; 'happened' asks, not names.
    first = terms("What happened to the kiosks in \u04103?")
    assert first == ["kiosk", "a3"]
    first.append("changed by a caller")
    assert terms("What happened to the kiosks in \u04103?") == ["kiosk", "a3"]
    # A stop word's contraction is one too; a name's apostrophe is kept ("Don't").
    assert terms("When's it due? It's late, there's more. We Don't Buy Crime") == [
        "due",
        "late",
        "don't",
        "buy",
        "crime",
    ]


def test_a_lower_case_question_is_cased_as_the_passages_write_its_words():
    passages = [
        "Work in Shropshire care homes has cut calls. The ICV scheme in West Mercia grew.",
        "Calls from Shropshire fell, and the ICV panel met in West Mercia twice.",
    ]
    assert truecased("has the icv scheme in west mercia grown?", passages) == (
        "has the ICV scheme in West Mercia grown?"
    )
    # A name of several words is taken whole, small words inside it as written.
    named = ["A review into Integrated Offender Management was done under Best Use of Stop and Search."]
    assert truecased(
        "who reviewed integrated offender management and best use of stop and search?", named
    ) == ("who reviewed Integrated Offender Management and Best Use of Stop and Search?")
    # Once in capitals is not enough ('Work' opens a sentence; 'grew' never capitalised).
    assert truecased("did work grow in shropshire?", passages) == "did work grow in Shropshire?"
    # A title's small first word is no part of the name: 'The PCC's' is 'the PCC's'.
    titled = ["Read it in The PCC's Annual Report, on the PCC budget and the PCC plan."]
    assert truecased("what is the pcc's favourite team?", titled) == "what is the PCC's favourite team?"
    # Only an article is dropped: 'Out of Court Disposals' keeps its 'Out'.
    disposals = ["The use of Out of Court Disposals rose."]
    assert truecased("what are out of court disposals?", disposals) == "what are Out of Court Disposals?"
    # A question typed with capitals is left as typed.
    typed = "Has the ICV scheme in west mercia grown?"
    assert truecased(typed, passages) == typed


def test_casing_needs_a_word_written_so_twice_and_mostly():
    once = ["The scheme and the Drive programme."]
    assert truecased("how is drive going?", once) == "how is drive going?"
    twice = ["The scheme and the Drive programme, and the Drive team."]
    assert truecased("how is drive going?", twice) == "how is Drive going?"
    # Written in lower case as often: a common word, not a name.
    mixed = twice + ["people drive to work, and drive home, and drive out."]
    assert truecased("how is drive going?", mixed) == "how is drive going?"
    # A sentence's first word is no part of a name: 'Overall West Mercia'.
    opening = ["Overall West Mercia Crime fell, and West Mercia grew."]
    assert truecased("did overall west mercia crime fall?", opening) == "did overall West Mercia Crime fall?"
    # A name in brackets is no sentence opening: '(Track my Crime)' is taken whole.
    bracketed = ["It closed the reporting tool (Track my Crime) in August."]
    assert truecased("what happened to track my crime?", bracketed) == "what happened to Track my Crime?"
    # A possessive keeps its word's case.
    assert (
        truecased("what is the pcc's plan?", ["and the PCC said, and the PCC agreed"])
        == "what is the PCC's plan?"
    )


def test_a_typo_is_respelled_as_the_passages_write_the_word():
    passages = ["What happened to Track my Crime? The Commissioner said it closed."]
    unknown = {"hapened", "comissioner", "zorbex"}.__contains__
    assert (
        respelled("What hapened to the comissioner?", passages, unknown)
        == "What happened to the commissioner?"
    )
    # A word no passage comes close to stays, and a word the papers use is never touched.
    assert respelled("Did the zorbex close?", passages, unknown) == "Did the zorbex close?"
    assert respelled("What hapened?", passages, lambda word: False) == "What hapened?"
