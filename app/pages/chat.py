"""The chat: cited answers, kept for the session; follow-ups are read against it."""

import streamlit as st

from app.ui import engine, escaped, page_style, show_answer, sidebar_filters
from panelqa.errors import BadQuery
from retrieval.query import MAX_QUERY_CHARS

EXAMPLES = [
    "What happened to Track my Crime?",
    "How has 999 call answering changed?",
    "What is the latest on commitment 3.4?",
    "Has the panel discussed SmartWater before?",
]

page_style()
st.title("Ask the papers")
st.caption(
    "Cited answers from the public papers of the Police and Crime Panel. "
    "Every sentence links to the passage it comes from."
)
filters = sidebar_filters("chat")
history = st.session_state.setdefault("history", [])
if not history:
    st.markdown("**New here? Try one of these:**")
    for row in range(0, len(EXAMPLES), 2):
        for column, example in zip(st.columns(2), EXAMPLES[row : row + 2], strict=False):
            if column.button(example, key=f"example-{example}", use_container_width=True):
                st.session_state["pending"] = example
for turn, (question, answer, used, earlier) in enumerate(history):
    with st.chat_message("user"):
        st.markdown(escaped(question))
    with st.chat_message("assistant"):
        show_answer(answer, f"turn{turn}", used, earlier)

rejected = st.session_state.get("rejected")
if rejected:
    # A question the engine refused stays on screen, editable, with the reason.
    st.error(rejected["message"])
    edited = st.text_area(
        "Your question, to shorten and ask again",
        rejected["question"],
        height=120,
        key=f"rejected-{abs(hash(rejected['question']))}",
    )
    st.caption(f"{len(edited)} of at most {MAX_QUERY_CHARS} characters")
    if st.button("Ask this", key="ask-rejected"):
        st.session_state["pending"] = edited
question = st.chat_input("Ask about the panel's papers") or st.session_state.pop("pending", None)
if question:
    earlier = tuple(q for q, *_ in history)
    try:
        with st.spinner("Searching the papers…"):
            answer = engine().ask(question, filters=filters, history=earlier)
    except BadQuery as exc:
        st.session_state["rejected"] = {"question": question, "message": str(exc)}
        st.rerun()
    else:
        st.session_state.pop("rejected", None)
        history.append((question, answer, filters, earlier))
        st.rerun()
