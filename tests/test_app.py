"""The Streamlit pages, driven by Streamlit's AppTest against the real index and model."""

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import escaped
from panelqa.settings import REPO_ROOT, get_settings

ENTRY = str(REPO_ROOT / "app" / "streamlit_app.py")


@pytest.fixture
def app(index_dir, monkeypatch):
    monkeypatch.setenv("PANELQA_INDEX", str(index_dir))
    get_settings.cache_clear()
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.run()
    assert not at.exception
    yield at
    get_settings.cache_clear()


def shown(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def ask(at, question: str):
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at.session_state["history"][-1][1]


def test_chat_answers_with_a_timeline_and_sources_from_several_papers(app):
    assert app.title[0].value == "Ask the papers"
    assert len(app.button) >= 3  # example questions for a first visit
    answer = ask(app, "what happened to Track my Crime?")
    assert len({c.hit.chunk.source for c in answer.citations}) >= 3
    text = shown(app)
    assert "**Timeline**, latest first" in text
    assert text.index("Oct–Dec 2019") < text.index("Jul–Sep 2018")  # latest first
    assert "**[1]**" in text and "Download as Markdown" in [b.label for b in app.get("download_button")]
    assert ":orange-background[**Track**]" in text  # the question's words are marked
    assert "(#src-turn0-1)" in text and '<a id="src-turn0-1"></a>' in text  # [1] jumps to source 1
    assert "Oct–Dec 2019" in text and "meeting 5 Feb 2020" in text  # period and meeting
    assert escaped("Read with filters: none. Earlier questions: none.") in text
    silent = [line for line in answer.text.splitlines() if line.startswith("Nothing on this in: ")]
    assert all(escaped(line) in text for line in silent)  # the papers that say nothing, on screen


def test_a_renumbered_commitment_says_which_ref_it_continues_and_that_it_gives_no_update(app):
    ask(app, "what is the latest on commitment 3.4?")
    # The 2021 plan's C6 continues 3.4 and its update is 'n/a': not a heading as its status.
    label = "Jul–Sep 2021 · C6 (was 3.4) · no progress update given; supporting activity"
    assert escaped(label) in shown(app)


def test_a_reused_ref_shows_its_commitment_its_earlier_refs_and_what_it_named_before(app):
    answer = ask(app, "How has commitment A1 progressed?")
    text = shown(app)
    # The 2021 A1 carries on 1.1; the 2018-2019 A.1 (a victims' charter) is said, not shown.
    assert escaped("Oct–Dec 2019 · 1.1, later A1") in text
    assert answer.earlier_meanings and all(escaped(line) in text for line in answer.earlier_meanings)
    assert "→ C7" in text  # A1's only cell, 'Refer to C7', is followed by C7's update


def test_a_follow_up_is_given_the_chat_and_says_how_it_was_read(app):
    from dataclasses import replace

    ask(app, "what happened to Track my Crime?")
    answer = ask(app, "when did it close?")
    assert escaped("Earlier questions: 'what happened to Track my Crime?'") in shown(app)
    # However the engine completes a follow-up, the page says what it read it as.
    question, _, filters, earlier = app.session_state["history"][-1]
    app.session_state["history"][-1] = (
        question,
        replace(answer, read_as="When did Track my Crime close?"),
        filters,
        earlier,
    )
    app.run()
    assert "Read as: When did Track my Crime close?" in shown(app)


def test_the_export_names_paper_meeting_paragraph_and_the_filters(app):
    from app.ui import export_markdown
    from retrieval.query import Filters

    answer = ask(app, "Track my Crime")
    filters = Filters(kinds=("minutes",))
    markdown = export_markdown(answer, filters, ("an earlier question",))
    # 'Track my Crime' stands alone: the earlier question is listed as unused.
    assert (
        "Read with filters: kinds minutes. Earlier questions: 'an earlier question' "
        "(not used: the question stands alone)." in markdown
    )
    assert "1. Paper: " in markdown and "; meeting " in markdown and "; file " in markdown


def test_a_refused_question_stays_on_screen_with_its_reason(app):
    long_question = "Track my Crime " * 200  # 3,000 characters: over the 2,000 limit
    app.chat_input[0].set_value(long_question).run()
    assert not app.exception
    assert "2000" in app.error[0].value or "2,000" in app.error[0].value
    assert app.text_area[0].value == long_question
    app.sidebar.selectbox[0].set_value(2019).run()  # another action: the message stays
    assert app.error and app.text_area[0].value == long_question


def test_dates_filter_by_year_and_financial_quarter(app):
    from datetime import date

    from app.ui import financial_quarter

    assert "All years" in app.sidebar.selectbox[0].options and "2019" in app.sidebar.selectbox[0].options
    app.sidebar.selectbox[0].set_value(2019).run()
    ask(app, "victims")
    assert escaped("dates 2019-01-01 to 2019-12-31") in shown(app)
    quarter = financial_quarter(date(2019, 5, 1))
    assert quarter[2] == "Q1 2019/20 (Apr–Jun 2019)" and quarter[2] in app.sidebar.selectbox[1].options
    app.sidebar.selectbox[1].set_value(quarter).run()
    answer = ask(app, "victims")
    in_quarter = [
        any(
            d and date(2019, 4, 1) <= d <= date(2019, 6, 30)
            for d in (c.hit.chunk.as_at, c.hit.chunk.meeting_date)
        )
        for c in answer.citations
    ]
    assert in_quarter and all(in_quarter)


def test_an_unanswerable_question_says_so_and_lists_related_passages(app):
    answer = ask(app, "What is the panel's policy on parking at Mars base?")
    assert answer.abstained
    assert "do not answer" in app.warning[0].value
    assert "**Related**, not quoted in the answer" in shown(app) and answer.related


def test_sidebar_kind_filter_restricts_the_sources(app):
    app.sidebar.multiselect[1].set_value(["minutes"]).run()
    answer = ask(app, "Track my Crime")
    assert answer.citations and {c.hit.chunk.kind for c in answer.citations} == {"minutes"}


def test_hostile_text_is_shown_inert(app):
    ask(app, "<script>alert(1)</script> [x](javascript:alert(2)) track my crime")
    for markdown in app.markdown:
        assert "<script>" not in markdown.value and "](javascript:" not in markdown.value
    empty = app.chat_input[0].set_value("!!!").run()
    assert not empty.exception and "no words" in empty.error[0].value


def test_commitments_page_groups_commitments_with_status_and_history(app):
    app.switch_page("pages/commitments.py").run()
    assert not app.exception
    metrics = {m.label: int(m.value) for m in app.metric}
    assert set(metrics) == {
        "New",
        "Changed",
        "Unchanged",
        "Partly complete",
        "Complete",
        "No update given",
        "Dropped",
    }
    assert sum(metrics.values()) == len(app.expander) > 40
    assert len(app.subheader) == 4  # one per plan objective, garbled headings repaired
    text = shown(app)
    assert ":orange-badge[changed] **History**, latest first" in text
    assert "**What changed:**" in text
    # The plan papers with no meeting date are named once, not under each update.
    assert text.count(escaped("Meeting date not stated")) == 1
    assert escaped("Quarter 2 update (July – September 2021), reporting on Jul–Sep 2021") in text
    app.text_input[0].set_value("3.4").run()
    assert [e.label.split(" · ")[0] for e in app.expander] == ["C6 \\(was 3.4\\)"]
    app.text_input[0].set_value("zebra crossing").run()
    assert not app.expander and "No commitment matches" in app.info[0].value


def test_precedent_groups_by_meeting_and_item_and_lists_promises(app):
    app.switch_page("pages/precedent.py").run()
    topic = next(t for t in app.text_input if t.label == "Topic or question")
    topic.set_value("rural crime").run()
    assert not app.exception
    headings = [s.value for s in app.main.subheader]
    assert "10 September 2019" in headings and "18 June 2019" in headings  # reports and minutes
    text = shown(app)
    assert "**Rural Crime**" in text and "not discuss" not in text
    assert escaped("18 June 2019 (minutes)") in text  # which meetings the index covers
    _undated_extract_first_numbered_top_down(app, topic)
    app.segmented_control[0].set_value("Promises made").run()
    assert not app.exception
    text = shown(app)
    assert "The PCC agreed to circulate the Strategy" in text
    assert "passive" not in text and "by the PCC" in text
    quoted = [line for line in text.splitlines() if line.startswith("> ")]
    assert "minute 300" in text and not any("PCC would be sent a report" in q for q in quoted)
    # Later papers say 'Smartwater': not 'never mentioned again', and the mentions are listed.
    assert escaped("No follow-up found: papers after 18 June 2019 name 'SmartWater Scheme' or") in text
    assert any(e.label.startswith("Mentioned later, not read as a follow") for e in app.expander)
    app.sidebar.multiselect[0].set_value(["Serious Organised Crime Strategy"]).run()
    assert len([line for line in shown(app).splitlines() if line.startswith("> ")]) == 1


def _undated_extract_first_numbered_top_down(app, topic) -> None:
    import re

    topic.set_value("SmartWater").run()
    assert not app.exception
    headings = [s.value for s in app.main.subheader]
    assert headings[0] == "Meeting date not stated: reports on Jul–Sep 2021"  # the newest paper
    assert headings[-1] == "Meeting date not stated: reports on Oct–Dec 2015"
    cited = [m.value for m in app.markdown if m.value.startswith("**[")]
    numbers = [int(re.match(r"\*\*\[(\d+)\]\*\*", line).group(1)) for line in cited]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 5
    assert not any("not stated" in line for line in cited)  # said by the headings only
    # The message counts the groups shown: 'N meetings and M papers whose meeting …'.
    message = (app.success or app.warning)[0].value
    assert sum(int(n) for n in re.findall(r"(\d+) (?:meeting|paper)", message)) == len(headings)
    assert "(s)" not in message


def test_trends_count_mentions_per_paper(app):
    app.switch_page("pages/trends.py").run()
    app.text_input[0].set_value("999 calls").run()
    assert not app.exception
    assert len(app.selectbox[0].options) >= 3
    app.text_input[0].set_value("rural crime").run()
    labels = app.selectbox[0].options
    # Ten items of the five papers (the agenda pack holds six): each its own label.
    assert len(labels) == len(set(labels)) == 10 and max(map(len, labels)) <= 75
    assert labels[0] == "meeting not stated · Police & Crime Plan Activity and… (Oct–Dec 2015)"
    assert escaped("passages in 10 items of 5 papers.") in shown(app)
