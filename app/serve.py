"""`python -m app.serve`: load the index and the model, THEN start the Streamlit server, so
the first visitor does not wait for them (the server reports healthy only once they are
in memory). The pages find the engine in the same `st.cache_resource` cache."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from streamlit.web import bootstrap

ENTRY = Path(__file__).resolve().parent / "streamlit_app.py"


def main() -> None:
    from app.ui import engine

    started = time.perf_counter()
    # Builds the index first if there is none; one question warms the model and BM25 up
    # (the first inference of a fresh model is several times slower than the next).
    engine().ask("What happened to Track my Crime?")
    print(f"panelqa: index and model loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    port = int(os.environ.get("PORT", "8501"))
    address = os.environ.get("ADDRESS", "localhost")
    print(f"panelqa: serving on http://{address}:{port} (Ctrl+C stops it)", file=sys.stderr)
    options = {"server_port": port, "server_address": address}
    bootstrap.load_config_options(flag_options=options)
    bootstrap.run(str(ENTRY), False, [], options)


if __name__ == "__main__":
    main()
