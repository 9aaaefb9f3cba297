"""A build killed (SIGKILL, no clean-up) during embedding or at any file of the final write
leaves the previous index loadable and answering; the next run recovers on its own."""

import os
import shutil
import subprocess
import sys

import pytest

from index.build import update_index
from index.store import current_build, load
from panelqa.settings import REPO_ROOT, Settings
from retrieval.engine import Engine
from tests.conftest import CORPUS

# Runs `panelqa ingest` in a child that kills itself, as `kill -9` would, at one point.
KILL_AT = """
import os, signal, sys
point = sys.argv[1]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if point == "embedding":
    import index.embed
    index.embed.MiniLMEmbedder.embed = die
    index.embed.OnnxMiniLMEmbedder.embed = die
else:
    import index.store
    write = index.store._fsync_write

    def write_or_die(path, data):
        if path.name == point:
            die()
        write(path, data)

    index.store._fsync_write = write_or_die
from app.cli import main
main(["ingest", "--quiet", *sys.argv[2:]])
"""

NEW_PAPER = (
    "WEST MERCIA POLICE AND CRIME PANEL 12 March 2022\n"
    "POLICE & CRIME PLAN ACTIVITY REPORT (OCTOBER - DECEMBER 2021)\n\n"
    "Background\n"
    "1. The drone unit flew 214 missions this quarter, mostly searches for missing people.\n"
)
QUESTION = "what happened to Track my Crime?"


@pytest.fixture
def live(index_dir, tmp_path):
    """A copy of the real index and a corpus with one paper it has not seen."""
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "2022-03-12_performance-report_oct-dec-2021.txt").write_text(NEW_PAPER)
    return folder, corpus


# labels.json: the passages and their columns are written, BM25 and vectors not yet.
@pytest.mark.parametrize("point", ["embedding", "labels.json", "manifest.json", "CURRENT.tmp"])
def test_a_build_killed_mid_way_leaves_the_previous_index_answering(live, engine, embedder, point):
    folder, corpus = live
    before = [c.hit.chunk.id for c in engine.ask(QUESTION).citations]
    env = {**os.environ, "PANELQA_CORPUS_DIR": str(corpus), "PANELQA_INDEX": str(folder)}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT, point, str(corpus)],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr

    survivor = Engine.open(settings=Settings(index=folder), embedder=embedder)
    assert len(survivor.index.chunks) == len(engine.index.chunks)
    assert [c.hit.chunk.id for c in survivor.ask(QUESTION).citations] == before

    settings = Settings(index=folder, corpus_dir=corpus)
    report = update_index([corpus], settings, lambda: embedder, progress=False)
    assert report.parsed == ["2022-03-12_performance-report_oct-dec-2021.txt"]
    assert [b.name for b in (folder / "builds").iterdir()] == [current_build(folder).name]
    assert any("drone unit" in c.text for c in load(folder).chunks)
