"""Trends: how often a topic comes up, paper by paper, over time."""

import altair as alt
import pandas as pd
import streamlit as st

from app.ui import engine, escaped, page_style, passage
from retrieval.trends import mentions

page_style()
st.title("Trends")
st.caption(
    "How many passages of each paper or meeting mention a topic. "
    "Click a bar, or pick it below, to read its passages."
)
topic = st.text_input("Topic", placeholder="e.g. drones, 999, SmartWater")
if topic.strip():
    bars = mentions(engine().index, topic)
    if not bars:
        st.info("No passage in the papers mentions all of these words.")
    else:
        labels = [f"{bar.label} · {bar.title[:60]}" for bar in bars]
        table = pd.DataFrame(
            {"paper": labels, "passages": [len(b.chunks) for b in bars], "order": range(len(bars))}
        )
        pick = alt.selection_point(fields=["paper"], name="pick")
        chart = (
            alt.Chart(table)
            .mark_bar()
            .encode(
                x=alt.X(
                    "paper:N",
                    sort=alt.SortField("order"),
                    title=None,
                    axis=alt.Axis(labelAngle=-30, labelLimit=260),
                ),
                y=alt.Y("passages:Q", title="passages mentioning the topic"),
                opacity=alt.condition(pick, alt.value(1.0), alt.value(0.5)),
                tooltip=["paper", "passages"],
            )
            .add_params(pick)
        )
        event = st.altair_chart(chart, on_select="rerun", use_container_width=True, key="trend")
        clicked = [p.get("paper") for p in (event.selection.get("pick") or [])] if event else []
        default = labels.index(clicked[0]) if clicked and clicked[0] in labels else len(labels) - 1
        chosen = st.selectbox("Passages of", labels, index=default)
        for chunk in bars[labels.index(chosen)].chunks:
            with st.container(border=True):
                passage(chunk, topic, key="trend")
        st.caption(escaped(f"{sum(len(b.chunks) for b in bars)} passages in {len(bars)} papers."))
