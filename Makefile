# Two commands set everything up on a fresh machine: `make app` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PANELQA := $(VENV)/bin/panelqa
INDEX := var/index
PORT ?= 8501

.PHONY: install index app test test-fast lint readme-cli eval bench browser clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, pinned, so nothing later resolves a CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Incremental: seconds when nothing changed, and new papers in corpus/ are picked up.
index: install
	$(PANELQA) ingest

app: index
	$(VENV)/bin/streamlit run app/streamlit_app.py --server.port $(PORT) \
		--server.address localhost --server.headless true --browser.gatherUsageStats false

# Debian's Chromium for the browser tests; never a browser download.
browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Lint, then the whole suite, the real-browser test included.
test: install browser lint
	$(PY) -m pytest -q

# Logic tested with tiny fakes, in seconds: no real corpus, model or browser.
test-fast: install
	$(PY) -m pytest -q -m "not slow and not browser"

lint: install
	$(VENV)/bin/ruff check panelqa ingest index retrieval app eval tests
	$(VENV)/bin/ruff format --check panelqa ingest index retrieval app eval tests
	$(VENV)/bin/mypy

# Rewrite the README's command-line section from `panelqa --help` (tests/test_readme.py
# fails until this is run after a change to the command line).
readme-cli: install
	$(PY) -m app.readme

eval: index
	$(PANELQA) eval --report var/eval-report

bench: install
	$(PANELQA) bench

clean:
	rm -rf var
