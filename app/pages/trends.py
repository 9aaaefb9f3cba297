"""Trends: how often a topic comes up, paper by paper, over time."""

import streamlit as st

from app.ui import engine, escaped, page_style, passage, trend_chart
from retrieval.timeline import undated_note
from retrieval.trends import bar_labels, mentions, summary

page_style()
st.title("Trends")
st.caption(
    "How many passages of each item of a paper (a report, a set of minutes) mention a topic, "
    "oldest at the top. Click a bar, or pick it below, to read its passages."
)
topic = st.text_input("Topic", placeholder="e.g. drones, 999, SmartWater")
if topic.strip():
    bars = mentions(engine().index, topic)
    if not bars:
        st.info("No passage in the papers mentions all of these words.")
    else:
        labels = bar_labels(bars)
        chart = trend_chart(labels, [len(b.chunks) for b in bars])
        event = st.altair_chart(chart, on_select="rerun", use_container_width=True, key="trend")
        clicked = [p.get("item") for p in (event.selection.get("pick") or [])] if event else []
        default = labels.index(clicked[0]) if clicked and clicked[0] in labels else len(labels) - 1
        chosen = st.selectbox("Passages of", labels, index=default)
        shown = bars[labels.index(chosen)].chunks
        note = undated_note(shown)
        if note:
            st.caption(escaped(note))
        for chunk in shown:
            with st.container(border=True):
                passage(chunk, topic, key="trend")
        st.caption(escaped(summary(bars)))
