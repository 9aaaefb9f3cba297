"""The commitment register: every plan commitment, its status, its whole history and what
changed each period. Paper text is shown escaped."""

import streamlit as st

from app.ui import engine, escaped, passage
from ingest.tables import LABELS
from retrieval.changes import FIGURE
from retrieval.present import where
from retrieval.register import find
from retrieval.timeline import undated_note
from retrieval.tracker import STATUSES, commitments

BADGES = {
    "new": ":blue-badge[new]",
    "changed": ":orange-badge[changed]",
    "unchanged": ":gray-badge[unchanged]",
    "partly complete": ":violet-badge[partly complete]",
    "complete": ":green-badge[complete]",
    "no update given": ":gray-badge[no update given]",
    "dropped": ":red-badge[dropped]",
}


@st.cache_resource(show_spinner=False)
def _tracker(build: str):
    """Once per index build: the records are frozen, so every session shares them."""
    return commitments(engine().index)


@st.cache_resource(show_spinner=False)
def _undated(build: str) -> str | None:
    """Once per index build: the plan papers whose meeting is not stated, said once on the
    page rather than under each of their updates."""
    return undated_note(c for c in engine().index.chunks if c.kind == "plan_row")


def _marked(text: str) -> str:
    """Escaped words, with figures in bold so a changed number stands out."""
    pieces = FIGURE.split(text)
    figures = FIGURE.findall(text)
    out = [escaped(pieces[0])]
    for figure, rest in zip(figures, pieces[1:], strict=True):
        out.append(f"**{escaped(figure)}**" if any(c.isdigit() for c in figure) else escaped(figure))
        out.append(escaped(rest))
    return "".join(out)


def _change_markdown(update) -> str:
    if update.change is None:
        return "_First report in these papers._"
    if update.change.same:
        return "_Unchanged from the previous period._"
    shown = []
    for kind, text in update.change.segments:
        if kind == "added":
            shown.append(f":green-background[{_marked(text)}]")
        elif kind == "removed":
            shown.append(f":red-background[~~{_marked(text)}~~]")
        elif len(text.split()) > 16:  # long unchanged runs are elided
            words = text.split()
            shown.append(escaped(" ".join(words[:6])) + " … " + escaped(" ".join(words[-6:])))
        else:
            shown.append(escaped(text))
    return "**What changed:** " + " ".join(shown)


def _history(commitment) -> None:
    progress = f" ({commitment.progress})" if commitment.progress else ""
    st.markdown(
        f"{BADGES[commitment.status]}{escaped(progress)} **History**, latest first "
        f"({len(commitment.history)} entr{'ies' if len(commitment.history) > 1 else 'y'}); "
        f"refs carried: {escaped(', '.join(commitment.refs))}"
    )
    for number, update in enumerate(commitment.history):
        period = update.first.period.label if update.first.period else "undated"
        st.markdown(f"**{escaped(period)}** · ref {escaped(update.ref)}")
        for activity in update.activities:
            said = activity.shown or activity.update or "(no progress update given)"
            label = f"({escaped(activity.ref)}) " if activity.ref != update.ref else ""
            done = " :green-badge[complete]" if activity.complete else ""
            st.markdown(f"- {label}{_marked(said)}{done}")
        st.markdown(_change_markdown(update))
        st.caption(escaped(where(update.first, LABELS["update"])))
        if st.toggle("Show the rows", key=f"rows-{commitment.id}-{number}"):
            for chunk in update.chunks:
                passage(chunk, "", key=f"{commitment.id}-{number}")


st.title("Commitments")
st.caption(
    "Every commitment in the delivery-plan tables, with its status in the latest plan "
    "paper and its whole history. Dropped: absent from the latest plan with no successor. "
    "Complete only when every current sub-activity is."
)
if undated := _undated(engine().index.directory.name):
    st.caption(escaped(undated))
found = _tracker(engine().index.directory.name)
counts = {s: sum(c.status == s for c in found) for s in STATUSES}
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    column.metric(status.capitalize(), counts[status])
shown = st.multiselect(
    "Show", STATUSES, default=[s for s in STATUSES if counts[s]], format_func=str.capitalize
)
text = st.text_input("Find a commitment", placeholder="a ref it has carried or words, e.g. 3.4 or hate crime")
matches = find(found, text, tuple(shown)) if shown else []
if not shown:
    st.info("Choose at least one status to show.")
elif not matches:
    st.info(escaped(f"No commitment matches “{text.strip()}” with the statuses shown."))
objective = None
for match in matches:
    commitment = match.commitment
    if commitment.objective != objective:
        objective = commitment.objective
        st.subheader(escaped(objective))
    progress = f" ({commitment.progress})" if commitment.progress else ""
    with st.expander(escaped(f"{match.label} · {commitment.status}{progress} · {commitment.title}")):
        _history(commitment)
