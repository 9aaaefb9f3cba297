"""What every page shares: the engine (loaded once per server), the sidebar filters, and
the rendering of passages.

Text from papers is untrusted. It reaches the page only through `escaped` (Markdown and
HTML specials neutralised) or `st.text`/`st.code`, which show text as text; highlighting
wraps whole escaped words, so no paper can inject markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from ingest.records import KINDS, Chunk
from panelqa.settings import get_settings
from panelqa.text import month_end, normalise_ref, terms
from retrieval.answer import SILENT_PREFIX, Answer, Citation, entry_label, pointer_text
from retrieval.present import cited_where, where
from retrieval.query import Filters
from retrieval.timeline import undated_note

MARKDOWN_SPECIALS = "\\`*_[]()#+-!|<>~$:{}"
WORD = re.compile(r"(\w+)")
MARKER = re.compile(r"\\\[(\d+)\\\]")  # an escaped [n]
KIND_LABELS = {
    "plan_row": "plan row",
    "narrative": "narrative",
    "minutes": "minutes",
    "table": "table",
    "other": "other",
}


@st.cache_resource(show_spinner=False)
def _build_index() -> None:
    from index.build import update_index
    from index.embed import default_embedder

    settings = get_settings()
    update_index(
        [settings.corpus_dir], settings, lambda: default_embedder(settings.model_dir), progress=False
    )


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
def _filter_choices(build: str) -> tuple[list[date], dict[str, Chunk], list[str]]:
    """Once per index build: the dates, papers and kinds the sidebar offers."""
    index = engine().index
    dates = sorted({d for c in index.chunks for d in (c.as_at, c.meeting_date) if d})
    papers = {c.source: c for c in index.chunks}
    kinds = [k for k in KINDS if k in set(index.kinds.tolist())]
    return dates, papers, kinds


def financial_quarter(day: date) -> tuple[date, date, str]:
    """The financial quarter (April to March years) a day falls in: start, end, label."""
    start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    end = month_end(start.year, start.month + 2)
    year = start.year if start.month >= 4 else start.year - 1
    number = (start.month - 4) // 3 % 4 + 1
    return start, end, f"Q{number} {year}/{str(year + 1)[2:]} ({start:%b}–{end:%b %Y})"


def _date_window(dates: list[date], key: str) -> tuple[date | None, date | None, str]:
    """A calendar year, or a financial quarter, as chosen; and how to say it."""
    years = sorted({d.year for d in dates}, reverse=True)
    year = st.sidebar.selectbox(
        "Year", [None, *years], key=f"{key}-year", format_func=lambda y: "All years" if y is None else str(y)
    )
    quarters = sorted({financial_quarter(d) for d in dates if year is None or d.year == year}, reverse=True)
    quarter = st.sidebar.selectbox(
        "Financial quarter",
        [None, *quarters],
        key=f"{key}-quarter",
        format_func=lambda q: "All quarters" if q is None else q[2],
    )
    if quarter:
        return quarter[0], quarter[1], quarter[2]
    if year:
        return date(year, 1, 1), date(year, 12, 31), str(year)
    return None, None, ""


def sidebar_filters(key: str) -> Filters:
    """Year or financial quarter, paper, kind and commitment ref, as chosen in the sidebar."""
    dates, papers, present = _filter_choices(engine().index.directory.name)
    st.sidebar.subheader("Filters")
    since, until, _ = _date_window(dates, key)
    sources = st.sidebar.multiselect(
        "Paper",
        sorted(papers, key=lambda s: papers[s].as_at or date.min, reverse=True),
        format_func=lambda s: paper_label(papers[s]),
        key=f"{key}-papers",
    )
    kinds = st.sidebar.multiselect("Kind", present, format_func=KIND_LABELS.get, key=f"{key}-kinds")
    ref = st.sidebar.text_input("Commitment ref", placeholder="e.g. 3.4 or B2.12", key=f"{key}-ref")
    refs = tuple(r for r in [normalise_ref(ref)] if r) if ref.strip() else ()
    if ref.strip() and not refs:
        st.sidebar.warning(f"'{ref[:40]}' is not a commitment ref such as 3.4, A2 or (A4.6).")
    return Filters(since=since, until=until, refs=refs, kinds=tuple(kinds), sources=tuple(sources))


def describe_filters(filters: Filters) -> str:
    """'2019-04-01 to 2019-06-30; kind minutes; …', or 'none': said with every answer."""
    parts = []
    if filters.since or filters.until:
        parts.append(f"dates {filters.since or 'any'} to {filters.until or 'any'}")
    if filters.sources:
        parts.append("papers " + ", ".join(filters.sources))
    if filters.kinds:
        parts.append("kinds " + ", ".join(KIND_LABELS.get(k, k) for k in filters.kinds))
    if filters.refs:
        parts.append("refs " + ", ".join(filters.refs))
    return "; ".join(parts) or "none"


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
            st.download_button(
                f"Download the paper{at_page}",
                paper.read_bytes(),
                file_name=Path(chunk.source).name,
                key=f"paper-{key}-{chunk.id}",
            )


def anchor(key: str, n: int) -> str:
    return f"src-{key}-{n}"


def with_links(text: str, numbers: set[int], key: str) -> str:
    """Escaped text whose [n] markers link to their sources' anchors on the page."""

    def link(match: re.Match) -> str:
        n = int(match.group(1))
        return f"[\\[{n}\\]](#{anchor(key, n)})" if n in numbers else match.group(0)

    return MARKER.sub(link, escaped(text))


def citation_block(citation: Citation, question: str, key: str) -> None:
    # The anchor is our own id (key and number), never paper text, so raw HTML is safe here.
    st.markdown(f'<a id="{anchor(key, citation.n)}"></a>', unsafe_allow_html=True)
    st.markdown(f"**[{citation.n}]** {escaped(cited_where(citation))}")
    if citation.quote:
        st.markdown("> " + highlighted(citation.quote.text, question))
    with st.expander("Passage"):
        passage(citation.hit.chunk, question, citation.quote.column if citation.quote else None, key)


def timeline_label(label: str, lead: Citation) -> str:
    """'Oct–Dec 2019 · 3.4, meeting 5 Feb 2020': the period reported on and the meeting (a
    paper with no meeting date is said so once, in the answer's notes)."""
    meeting = lead.hit.chunk.meeting_date
    held = f", meeting {meeting:%-d %b %Y}" if meeting else ""
    return f"{entry_label(label, lead)}{held}"


def _verdict(answer: Answer) -> None:
    """A non-answer says so in the engine's words: what the papers do not give, or that
    nothing in them answers it."""
    if answer.abstained:
        st.warning(escaped(answer.text))


def show_answer(answer: Answer, key: str, filters: Filters, history: Sequence[str]) -> None:
    """An answer with linked [n] markers, a timeline when it has one, its sources, then
    related passages; what it was read as, and with which filters and history."""
    numbers = {c.n for c in answer.citations}
    if answer.reread:
        st.caption(f"Read as: {escaped(answer.read_as)}")
    _verdict(answer)
    if not answer.abstained and answer.timeline and len(answer.timeline) > 1:
        st.markdown("**Timeline**, latest first")
        by_number = {c.n: c for c in answer.citations}
        for label, ns in answer.timeline:
            lead = by_number[ns[0]]
            quote = lead.quote.text if lead.quote else lead.hit.chunk.text[:300]
            # After the lead, the rows a bare 'Refer to 3.1' points to, with their updates.
            pointed = "".join(
                pointer_text(c.hit.chunk.ref or "", c.quote.text if c.quote else "", c.n)
                for c in map(by_number.get, ns[1:])
                if c
            )
            st.markdown(
                f"- **{escaped(timeline_label(label, lead))}**: "
                + with_links(f"{quote} [{lead.n}]{pointed}", numbers, key)
            )
        # The answer's closing line names the papers in range that say nothing on the topic.
        silent = [line for line in answer.text.splitlines() if line.startswith(SILENT_PREFIX)]
        for line in silent + list(answer.earlier_meanings):
            st.caption(escaped(line))
    elif not answer.abstained:
        st.markdown(with_links(answer.text, numbers, key).replace("\n", "  \n"))
    for note in answer.notes:
        st.caption(escaped(note))
    st.caption(escaped(read_with(filters, history, answer.reread)))
    if answer.citations:  # a non-answer cites nothing: its nearest passages are related
        st.markdown("**Sources**")
    for citation in answer.citations:
        citation_block(citation, answer.question, key)
    if answer.related:
        st.markdown("**Related**, not quoted in the answer")
        for citation in answer.related:
            citation_block(citation, answer.question, f"{key}-related")
    markdown = export_markdown(answer, filters, history)
    left, right = st.columns(2)
    left.download_button(
        "Download as Markdown", markdown, file_name="panelqa-answer.md", mime="text/markdown", key=f"md-{key}"
    )
    with right.popover("Copy as Markdown"):
        st.code(markdown, language="markdown")


def read_with(filters: Filters, history: Sequence[str], reread: bool = True) -> str:
    """The filters and earlier questions an answer was read with; earlier questions a
    question standing alone did not use are said to be unused."""
    earlier = " → ".join(f"'{q}'" for q in history) or "none"
    unused = " (not used: the question stands alone)" if history and not reread else ""
    return f"Read with filters: {describe_filters(filters)}. Earlier questions: {earlier}{unused}."


def citation_line(citation: Citation) -> str:
    """'Paper: …; meeting 10 Sep 2019; reporting on …; ref 3.4; minute 300; page 7; file …'."""
    chunk = citation.hit.chunk
    parts = [f"Paper: {chunk.title}"]
    if chunk.meeting_date:  # else the export says once that the meeting is not stated
        parts.append(f"meeting {chunk.meeting_date:%-d %b %Y}")
    if chunk.period:
        parts.append(f"reporting on {chunk.period.label}")
    if chunk.ref:
        parts.append(f"ref {chunk.ref}")
    if chunk.paragraph:
        parts.append(f"{'minute' if chunk.kind == 'minutes' else 'paragraph'} {chunk.paragraph}")
    parts.append(f"page {chunk.page}" if chunk.page else "page not stated (text extract)")
    parts.append(f"file {chunk.source}")
    return "; ".join(parts)


def export_markdown(answer: Answer, filters: Filters, history: Sequence[str]) -> str:
    """The answer as a briefing-note snippet: what was asked and how it was read, the
    answer, and each source named by paper, meeting, ref, paragraph and page."""
    lines = [f"**Q:** {answer.question}"]
    if answer.reread:
        lines.append(f"**Read as:** {answer.read_as}")
    lines += [f"_{read_with(filters, history, answer.reread)}_", "", answer.text.replace("\n", "  \n"), ""]
    if answer.outcome == "not_stated" and answer.missing:
        lines += [f"Not stated in the papers: {answer.missing}", ""]
    for heading, citations in (("Sources", answer.citations), ("Related", answer.related)):
        if citations:
            lines += [f"**{heading}**", ""]
        for citation in citations:
            quote = f' — "{citation.quote.text}"' if citation.quote else ""
            lines.append(f"{citation.n}. {citation_line(citation)}{quote}")
        lines.append("")
    note = undated_note(c.hit.chunk for c in answer.citations + answer.related)
    if note:
        lines.append(f"_{note}_")
    return "\n".join(lines).rstrip() + "\n"


BAR_HEIGHT = 28  # pixels per bar of a trend: one label line each, never overlapping


def trend_chart(labels: Sequence[str], counts: Sequence[int]) -> alt.Chart:
    """Horizontal bars, oldest at the top, each with its label whole on its own line: a
    column chart's slanted labels collide, and Vega drops the ones that do."""
    table = pd.DataFrame({"item": list(labels), "passages": list(counts), "order": range(len(labels))})
    pick = alt.selection_point(fields=["item"], name="pick")
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y(
                "item:N",
                sort=alt.SortField("order"),
                title=None,
                axis=alt.Axis(labelLimit=480, labelOverlap=False),
            ),
            x=alt.X("passages:Q", title="passages mentioning the topic", axis=alt.Axis(tickMinStep=1)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.5)),
            tooltip=["item", "passages"],
        )
        .add_params(pick)
        .properties(height=BAR_HEIGHT * len(labels))
    )


# Our own constant CSS, never paper text. Quotes and captions at #374151 on white: a
# contrast of 10.3:1, above WCAG AA's 4.5:1 (Streamlit's default grey is lighter). A
# highlighted word (`highlighted`) has no side padding: Streamlit pads its background
# chips, which read as a space before the next character ('( Track my Crime )').
STYLE = """<style>
blockquote, blockquote p { color: #374151 !important; opacity: 1 !important; }
.stMarkdownColoredBackground { padding-left: 0 !important; padding-right: 0 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #374151 !important; }
[data-testid="stBaseButton-secondary"] p { white-space: normal; text-align: left; }
</style>"""


def page_style() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)
