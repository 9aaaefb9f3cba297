# Two commands set everything up on a fresh machine: `make app` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PANELQA := $(VENV)/bin/panelqa
INDEX := var/index
PORT ?= 8501

.PHONY: install index app test test-fast lint readme-cli eval bench browser clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@echo "==> Creating the virtual environment in $(VENV)"
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@echo "==> Installing torch (CPU build, about a minute)"
	# torch first, pinned, so nothing later resolves a CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	@echo "==> Installing panelqa and its dependencies (about a minute)"
	$(PY) -m pip install -q -e '.[test]'
	@echo "==> Installed. The CLI is $(PANELQA)"
	touch $@

# Incremental: seconds when nothing changed, and new papers in corpus/ are picked up.
index: install
	@echo "==> Bringing the index up to date (seconds when nothing changed)"
	$(PANELQA) ingest

# Holds the terminal: run `make test` in a second one. Prints the address, opens no browser.
# Loads the index and model before serving (.streamlit/config.toml: minimal toolbar).
app: index
	@echo "==> Loading the index and model, then serving on http://localhost:$(PORT) (Ctrl+C stops it)"
	PORT=$(PORT) $(PY) -m app.serve

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
