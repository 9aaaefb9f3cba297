"""panelqa in the browser: `make app` (or `python -m app.serve`, which loads the index and
model before the server starts; plain `streamlit run app/streamlit_app.py` also works).

The entry point sets the page and the navigation up before anything slow, then loads the
engine (already in memory under app.serve) and routes; each page is a file in app/pages/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.ui import engine  # noqa: E402
from panelqa.errors import PanelQAError  # noqa: E402

st.set_page_config(page_title="panelqa", page_icon=":material/account_balance:", layout="wide")
page = st.navigation(
    [
        st.Page("pages/chat.py", title="Ask the papers", icon=":material/forum:", default=True),
        st.Page("pages/commitments.py", title="Commitments", icon=":material/checklist:"),
        st.Page("pages/precedent.py", title="Precedent and promises", icon=":material/history_edu:"),
        st.Page("pages/trends.py", title="Trends", icon=":material/bar_chart:"),
    ]
)
try:
    engine()
except PanelQAError as exc:
    st.error(str(exc))
    st.stop()
page.run()
