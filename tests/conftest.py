"""Shared fixtures: the real corpus, and one real index built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelqa.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"

# Tests that need the real corpus or model, directly or through another fixture: the slow
# lane. `make test-fast` (`-m "not slow and not browser"`) runs everything else.
REAL_FIXTURES = frozenset({"engine", "index_dir", "embedder", "corpus_chunks"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if REAL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if item.path.name.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def corpus_chunks():
    from ingest import ingest_paths

    result = ingest_paths([CORPUS])
    assert not result.problems
    return result.chunks


@pytest.fixture(scope="session")
def embedder():
    from index.embed import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, embedder) -> Path:
    from index.build import update_index

    folder = tmp_path_factory.mktemp("index")
    settings = Settings(index=folder)
    update_index([CORPUS], settings, lambda: embedder, progress=False)
    return folder


@pytest.fixture(scope="session")
def engine(index_dir, embedder):
    from retrieval.engine import Engine

    return Engine.open(settings=Settings(index=index_dir), embedder=embedder)
