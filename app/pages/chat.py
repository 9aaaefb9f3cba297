"""The chat: cited answers, kept for the session."""

import streamlit as st

from app.ui import engine, escaped, show_answer, sidebar_filters
from panelqa.errors import BadQuery

EXAMPLES = [
    "What happened to Track my Crime?",
    "How has 999 call answering changed?",
    "What is the latest on commitment 3.4?",
    "Has the panel discussed SmartWater before?",
]

st.title("Ask the papers")
st.caption("Cited answers from the public papers of the Police and Crime Panel. "
           "Every sentence links to the passage it comes from.")
filters = sidebar_filters("chat")
history = st.session_state.setdefault("history", [])
if not history:
    st.markdown("**New here? Try one of these:**")
    for column, example in zip(st.columns(len(EXAMPLES)), EXAMPLES, strict=True):
        if column.button(example, use_container_width=True):
            st.session_state["pending"] = example
for turn, (question, answer) in enumerate(history):
    with st.chat_message("user"):
        st.markdown(escaped(question))
    with st.chat_message("assistant"):
        show_answer(answer, key=f"turn{turn}")
question = st.chat_input("Ask about the panel's papers") or st.session_state.pop("pending", None)
if question:
    with st.chat_message("user"):
        st.markdown(escaped(question))
    with st.chat_message("assistant"):
        try:
            with st.spinner("Searching the papers…"):
                answer = engine().ask(question, filters=filters)
        except BadQuery as exc:
            st.error(str(exc))
        else:
            show_answer(answer, key=f"turn{len(history)}")
            history.append((question, answer))
