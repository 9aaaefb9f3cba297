"""The Streamlit pages, driven by Streamlit's AppTest against the real index and model."""

import pytest
from streamlit.testing.v1 import AppTest

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


def test_an_unanswerable_question_says_so_and_lists_related_passages(app):
    answer = ask(app, "What is the panel's policy on parking at Mars base?")
    assert answer.abstained
    assert "do not answer" in app.warning[0].value
    assert "**Related passages**" in shown(app)


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
    assert set(metrics) == {"New", "Changed", "Unchanged", "Partly complete", "Complete",
                            "No update given", "Dropped"}
    assert sum(metrics.values()) == len(app.expander) > 40
    assert len(app.subheader) == 4  # one per plan objective, garbled headings repaired
    text = shown(app)
    assert ":orange-badge[changed] **History**, latest first" in text
    assert "**What changed:**" in text
    app.text_input[0].set_value("3.4").run()
    assert [e.label.split(" · ")[0] for e in app.expander] == ["C6 \\(was 3.4\\)"]
    app.text_input[0].set_value("zebra crossing").run()
    assert not app.expander and "No commitment matches" in app.info[0].value


def test_precedent_groups_minutes_by_meeting_and_lists_promises(app):
    app.switch_page("pages/precedent.py").run()
    app.text_input[1].set_value("SmartWater").run()
    assert not app.exception
    headings = [s.value for s in app.subheader]
    assert any(h.startswith("18 June 2019") for h in headings)
    assert "The PCC agreed to circulate the Strategy" in shown(app)


def test_trends_count_mentions_per_paper(app):
    app.switch_page("pages/trends.py").run()
    app.text_input[0].set_value("999 calls").run()
    assert not app.exception
    assert len(app.selectbox[0].options) >= 3
