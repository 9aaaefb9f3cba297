"""The panelqa chat: cited answers from the panel's papers.

It imports and never computes: retrieval does the ranking; this page shows the results.
Text from papers is untrusted, so it is always rendered escaped, never as raw HTML.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from panelqa.errors import BadQuery, PanelQAError  # noqa: E402
from panelqa.settings import get_settings  # noqa: E402
from retrieval.answer import Answer  # noqa: E402
from retrieval.present import answer_markdown, where  # noqa: E402

EXAMPLES = [
    "What happened to Track my Crime?",
    "How has 999 call answering changed?",
    "What is the latest on commitment 3.4?",
]


@st.cache_resource(show_spinner="Loading the index and model (once per server)…")
def engine():
    from index.build import update_index
    from index.embed import MiniLMEmbedder
    from index.store import current_build
    from retrieval.engine import Engine

    settings = get_settings()
    if current_build(settings.index) is None:
        update_index([settings.corpus_dir], settings, lambda: MiniLMEmbedder(settings.model_dir),
                     progress=False)
    return Engine.open(settings=settings)


def escaped(text: str) -> str:
    """Paper text shown as inert text: HTML escaped and Markdown specials neutralised."""
    text = html.escape(text)
    for special in "\\`*_[]()#+!|<>~":
        text = text.replace(special, "\\" + special)
    return text


def show_answer(answer: Answer) -> None:
    if answer.abstained:
        st.warning("The papers do not answer this. Related passages:")
    else:
        st.markdown(escaped(answer.text).replace("\n", "  \n"))
    for citation in answer.citations:
        with st.expander(f"[{citation.n}] {where(citation)}"):
            if citation.quote:
                st.markdown(f"> {escaped(citation.quote.text)}")
            st.text(citation.hit.chunk.text)
    st.download_button("Download as Markdown", answer_markdown(answer),
                       file_name="panelqa-answer.md", key=f"dl-{id(answer)}")


def main() -> None:
    st.set_page_config(page_title="panelqa", layout="wide")
    st.title("panelqa")
    st.caption("Cited answers from the public papers of the Police and Crime Panel.")
    try:
        loaded = engine()
    except PanelQAError as exc:
        st.error(str(exc))
        return
    st.sidebar.header("Try")
    for example in EXAMPLES:
        if st.sidebar.button(example):
            st.session_state["pending"] = example
    history = st.session_state.setdefault("history", [])
    for question, answer in history:
        with st.chat_message("user"):
            st.text(question)
        with st.chat_message("assistant"):
            show_answer(answer)
    question = st.chat_input("Ask about the panel's papers") or st.session_state.pop("pending", None)
    if question:
        with st.chat_message("user"):
            st.text(question)
        with st.chat_message("assistant"):
            try:
                answer = loaded.ask(question)
            except BadQuery as exc:
                st.error(str(exc))
                return
            show_answer(answer)
        history.append((question, answer))


main()
