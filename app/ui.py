"""What every page shares: the engine (loaded once per server), the sidebar filters, and
the rendering of passages.

Text from papers is untrusted. It reaches the page only through `escaped` (Markdown and
HTML specials neutralised) or `st.text`/`st.code`, which show text as text; highlighting
wraps whole escaped words, so no paper can inject markup.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import streamlit as st

from index.text import terms
from ingest.clean import normalise_ref
from ingest.periods import month_end
from ingest.records import KINDS, Chunk
from panelqa.settings import get_settings
from retrieval.answer import Answer, Citation, entry_label
from retrieval.present import answer_markdown, cited_where, where
from retrieval.query import Filters

MARKDOWN_SPECIALS = "\\`*_[]()#+-!|<>~$:{}"
WORD = re.compile(r"(\w+)")
KIND_LABELS = {"plan_row": "plan row", "narrative": "narrative", "minutes": "minutes",
               "table": "table", "other": "other"}


@st.cache_resource(show_spinner=False)
def _build_index() -> None:
    from index.build import update_index
    from index.embed import default_embedder

    settings = get_settings()
    update_index([settings.corpus_dir], settings,
                 lambda: default_embedder(settings.index, settings.model_dir),
                 progress=False)


@st.cache_resource(show_spinner="Loading the index and the language model (once per server)…")
def _engine():
    from retrieval.engine import Engine

    return Engine.open(settings=get_settings())


def engine():
    """The one engine of this server; builds the index first if there is none."""
    from index.store import current_build

    if current_build(get_settings().index) is None:
        with st.spinner("First run: indexing the shipped papers (about a minute)…"):
            _build_index()
    return _engine()


def escaped(text: str) -> str:
    """Paper text as inert Markdown: HTML escaped, every Markdown special backslashed."""
    text = html.escape(text, quote=False)
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in text)


def highlighted(text: str, question: str) -> str:
    """`escaped(text)` with the words the question shares marked."""
    wanted = set(terms(question))
    if not wanted:
        return escaped(text)
    pieces = []
    for piece in WORD.split(text):
        if piece and WORD.fullmatch(piece) and wanted & set(terms(piece)):
            pieces.append(f":orange-background[**{escaped(piece)}**]")
        else:
            pieces.append(escaped(piece))
    return "".join(pieces)


@st.cache_resource(show_spinner=False)
def _filter_choices(build: str) -> tuple[list[tuple[int, int]], dict[str, Chunk], list[str]]:
    """Once per index build: the months, papers and kinds the sidebar offers."""
    index = engine().index
    months = sorted({(d.year, d.month) for c in index.chunks for d in (c.as_at, c.meeting_date) if d})
    papers = {c.source: c for c in index.chunks}
    kinds = [k for k in KINDS if k in set(index.kinds.tolist())]
    return months, papers, kinds


def sidebar_filters(key: str) -> Filters:
    """Date range, paper, kind and commitment ref, as chosen in the sidebar."""
    months, papers, present = _filter_choices(engine().index.directory.name)
    st.sidebar.subheader("Filters")
    since = until = None
    if months:
        low, high = st.sidebar.select_slider(
            "Reporting period or meeting between", options=months, value=(months[0], months[-1]),
            format_func=lambda m: date(m[0], m[1], 1).strftime("%b %Y"), key=f"{key}-dates")
        if (low, high) != (months[0], months[-1]):
            since, until = date(low[0], low[1], 1), month_end(*high)
    sources = st.sidebar.multiselect(
        "Paper", sorted(papers, key=lambda s: papers[s].as_at or date.min, reverse=True),
        format_func=lambda s: paper_label(papers[s]), key=f"{key}-papers")
    kinds = st.sidebar.multiselect("Kind", present, format_func=KIND_LABELS.get, key=f"{key}-kinds")
    ref = st.sidebar.text_input("Commitment ref", placeholder="e.g. 3.4 or B2.12", key=f"{key}-ref")
    refs = tuple(r for r in [normalise_ref(ref)] if r) if ref.strip() else ()
    if ref.strip() and not refs:
        st.sidebar.warning(f"'{ref[:40]}' is not a commitment ref such as 3.4, A2 or (A4.6).")
    return Filters(since=since, until=until, refs=refs, kinds=tuple(kinds), sources=tuple(sources))


def paper_label(chunk: Chunk) -> str:
    when = chunk.meeting_date or chunk.as_at
    return f"{when:%b %Y} · {chunk.source}" if when else chunk.source


def passage(chunk: Chunk, question: str, column: str | None = None, key: str = "") -> None:
    """A passage with where it comes from, expandable to the whole chunk and its neighbours."""
    st.caption(escaped(where(chunk, column)))
    st.markdown(highlighted(chunk.text, question).replace("\n", "  \n"))
    with st.expander("Whole passage in context"):
        before, after = engine().index.neighbours(chunk)
        if before:
            st.caption("Before")
            st.text(before.text)
        st.caption("This passage")
        st.text(chunk.text)
        if after:
            st.caption("After")
            st.text(after.text)
        paper = get_settings().corpus_dir / chunk.source
        if paper.is_file():
            at_page = f" (see page {chunk.page})" if chunk.page else ""
            st.download_button(f"Download the paper{at_page}", paper.read_bytes(),
                               file_name=Path(chunk.source).name, key=f"paper-{key}-{chunk.id}")


def citation_block(citation: Citation, question: str, key: str) -> None:
    st.markdown(f"**[{citation.n}]** {escaped(cited_where(citation))}")
    if citation.quote:
        st.markdown("> " + highlighted(citation.quote.text, question))
    with st.expander("Passage"):
        passage(citation.hit.chunk, question, citation.quote.column if citation.quote else None, key)


def show_answer(answer: Answer, key: str) -> None:
    """An answer with its [n] markers, a timeline when it has one, then its sources."""
    if answer.abstained:
        st.warning("The papers do not answer this. The nearest passages are listed as related.")
    elif answer.timeline and len(answer.timeline) > 1:
        st.markdown("**Timeline**, latest first")
        by_number = {c.n: c for c in answer.citations}
        for label, numbers in answer.timeline:
            lead = by_number[numbers[0]]
            quote = lead.quote.text if lead.quote else lead.hit.chunk.text[:300]
            refs = " ".join(f"[{n}]" for n in numbers)
            st.markdown(f"- **{escaped(entry_label(label, lead))}**: {escaped(quote)} {escaped(refs)}")
    else:
        st.markdown(escaped(answer.text).replace("\n", "  \n"))
    for note in answer.notes:
        st.caption(escaped(note))
    st.markdown("**Related passages**" if answer.abstained else "**Sources**")
    for citation in answer.citations:
        citation_block(citation, answer.question, key)
    markdown = answer_markdown(answer)
    left, right = st.columns(2)
    left.download_button("Download as Markdown", markdown, file_name="panelqa-answer.md",
                         mime="text/markdown", key=f"md-{key}")
    with right.popover("Copy as Markdown"):
        st.code(markdown, language="markdown")
