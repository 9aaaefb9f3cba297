"""Precedent: has the panel raised this before, and what was said? And the promises made."""

import streamlit as st

from app.ui import citation_block, engine, escaped, page_style, passage, sidebar_filters
from panelqa.errors import BadQuery
from panelqa.text import counted
from retrieval.precedent import coverage, coverage_lines, discusses, precedent
from retrieval.present import where
from retrieval.promises import made_by_phrase, no_follow_up_note, promises_with_follow_ups


@st.cache_resource(show_spinner=False)
def _covered(build: str) -> list[str]:
    return coverage_lines(coverage(engine().index.chunks))


@st.cache_resource(show_spinner=False)
def _promises(build: str):
    """Once per index build: promises and follow-ups depend only on the papers."""
    return promises_with_follow_ups(engine().index.chunks)


def search_view(build: str) -> None:
    filters = sidebar_filters("precedent")
    with st.expander("Which meetings and papers the index covers"):
        for line in _covered(build):
            st.markdown(f"- {escaped(line)}")
    query = st.text_input("Topic or question", placeholder="e.g. SmartWater, rural crime, 101 calls")
    if not query.strip():
        return
    try:
        found = precedent(engine(), query, filters)
    except BadQuery as exc:
        st.error(str(exc))
        return
    (st.success if found.outcome == "answered" else st.warning)(escaped(found.message))
    for number, meeting in enumerate(found.meetings):
        st.subheader(meeting.heading)
        if meeting.nearest_only:
            st.caption(escaped(f"Nearest passages only: none of them holds every word of '{query}'."))
        for item in meeting.items:
            st.markdown(f"**{escaped(item.title)}**")
            for citation in item.citations:
                if not meeting.nearest_only and not discusses(citation.hit.chunk, query):
                    st.caption(escaped(f"Nearest passage: it does not hold every word of '{query}'."))
                citation_block(citation, query, key=f"meeting{number}")


def promise_view(build: str) -> None:
    followed = _promises(build)
    st.caption(
        "Undertakings recorded in the minutes: who agreed to do or provide what, in "
        "answer to which point, and the later papers that appear to follow each up."
    )
    topics = sorted({f.promise.topic for f in followed}, key=str.casefold)
    st.sidebar.subheader("Promises")
    chosen = st.sidebar.multiselect("Topic", topics, key="promise-topics")
    for number, item in enumerate(followed):
        promise = item.promise
        if chosen and promise.topic not in chosen:
            continue
        when = f"{promise.meeting:%-d %B %Y}" if promise.meeting else "Meeting date not stated"
        with st.container(border=True):
            st.markdown(
                f"**{escaped(promise.topic)}** · {escaped(when)}, minute "
                f"{escaped(promise.minute or 'not numbered')} · {escaped(made_by_phrase(promise))}"
            )
            st.markdown(f"Asked: {escaped(promise.answering or 'no question recorded in the point')}")
            st.markdown("> " + escaped(promise.sentence))
            st.caption(escaped(where(promise.chunk)))
            with st.expander("Open the minute"):
                passage(promise.chunk, promise.topic, key=f"promise{number}")
            if not item.follow_ups:
                st.caption(escaped(no_follow_up_note(item)))
            shown = item.follow_ups or item.mentions
            title = "Follow-up" if item.follow_ups else "Mentioned later, not read as a follow-up"
            if shown:
                with st.expander(f"{title}: {counted(len(shown), 'later passage')}"):
                    for follow in shown:
                        passage(follow.chunk, promise.topic, key=f"follow{number}")


page_style()
st.title("Precedent and promises")
build = engine().index.directory.name
view = st.segmented_control(
    "Show",
    ["Has the panel raised this before?", "Promises made"],
    default="Has the panel raised this before?",
    key="precedent-view",
)
if view == "Promises made":
    promise_view(build)
else:
    search_view(build)
