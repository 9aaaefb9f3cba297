"""Precedent: has the panel raised this before, and what was said? And the promises made."""

import streamlit as st

from app.ui import citation_block, engine, escaped, sidebar_filters
from panelqa.errors import BadQuery
from retrieval.precedent import by_meeting, minutes_only, promises
from retrieval.present import where

st.title("Precedent and promises")
filters = sidebar_filters("precedent")
search_tab, promise_tab = st.tabs(["Has the panel raised this before?", "Promises made"])
with search_tab:
    question = st.text_input("Topic or question", placeholder="e.g. SmartWater, rural crime, 101 calls")
    if question:
        try:
            answer = engine().ask(question, k=15, filters=minutes_only(filters))
        except BadQuery as exc:
            st.error(str(exc))
        else:
            if answer.abstained:
                st.warning("The minutes do not discuss this. The nearest minutes are listed.")
            for number, meeting in enumerate(by_meeting(answer)):
                when = f"{meeting.when:%-d %B %Y}" if meeting.when else "date not stated"
                st.subheader(f"{when} · {meeting.title}")
                for citation in meeting.citations:
                    citation_block(citation, question, key=f"meeting{number}")
with promise_tab:
    st.caption("Sentences in the minutes where the Commissioner or officers agreed to do or "
               "provide something, latest meeting first.")
    meeting = None
    for promise in promises(engine().index):
        chunk = promise.chunk
        if chunk.meeting_date != meeting:
            meeting = chunk.meeting_date
            st.subheader(f"{meeting:%-d %B %Y}" if meeting else "Date not stated")
        st.markdown(f"- {escaped(promise.sentence)}")
        st.caption(escaped(where(chunk)))
