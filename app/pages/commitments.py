"""Every plan commitment, its latest progress update, and what moved since last time."""

import streamlit as st

from app.ui import engine, escaped, passage
from retrieval.present import where
from retrieval.tracker import STATUSES, commitments

BADGES = {"new": ":blue-badge[new]", "changed": ":orange-badge[changed]",
          "complete": ":green-badge[complete]", "unchanged": ":gray-badge[unchanged]",
          "dropped": ":red-badge[dropped]"}


@st.cache_resource(show_spinner=False)
def _tracker(build: str):
    """Once per index build: the records are frozen, so every session shares them."""
    return commitments(engine().index)


st.title("Commitments")
st.caption("Every commitment in the delivery-plan tables, with its latest progress update and "
           "whether it moved since the paper before. Dropped: reported before, absent from the "
           "latest plan paper.")
found = _tracker(engine().index.directory.name)
counts = {s: sum(c.status == s for c in found) for s in STATUSES}
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    column.metric(status.capitalize(), counts[status])
shown = st.multiselect("Show", STATUSES, default=[s for s in STATUSES if counts[s]],
                       format_func=str.capitalize)
text = st.text_input("Find a commitment", placeholder="words or a ref, e.g. hate crime or B7")
needle = text.strip().casefold()
objective = None
for commitment in found:
    if commitment.status not in shown:
        continue
    if needle and needle not in f"{commitment.ref} {commitment.wording} {commitment.latest.text}".casefold():
        continue
    if commitment.objective != objective:
        objective = commitment.objective
        st.subheader(objective)
    label = f"{commitment.ref} · {commitment.status} · {commitment.wording[:110] or 'wording not stated'}"
    with st.expander(label):
        st.markdown(f"{BADGES[commitment.status]} **History**, latest first "
                    f"({len(commitment.history)} paper{'s' if len(commitment.history) > 1 else ''})")
        for number, update in enumerate(commitment.history):
            period = update.first.period.label if update.first.period else "undated"
            refs = ", ".join(dict.fromkeys(c.ref for c in update.chunks if c.ref))
            st.markdown(f"**{escaped(period)}** · ref {escaped(refs)}: {escaped(update.text)}")
            st.caption(escaped(where(update.first, "Progress update")))
            if st.toggle("Show the rows", key=f"rows-{commitment.thread}-{number}"):
                for chunk in update.chunks:
                    passage(chunk, "", key=f"{commitment.thread}-{number}")
