"""The persisted index: incremental re-runs, crash safety of the live build, mismatches."""

import shutil

import pytest

from index.build import update_index
from index.store import current_build, load
from panelqa.errors import IndexMismatch
from panelqa.settings import Settings
from tests.conftest import CORPUS


def test_unchanged_rerun_reuses_everything(index_dir, embedder, tmp_path):
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder)
    report = update_index([CORPUS], Settings(index=folder), lambda: embedder, progress=False)
    assert report.embedded == 0 and not report.parsed and len(report.reused) == 5


def test_removed_file_leaves_the_index(index_dir, embedder, tmp_path):
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "2016_performance-report_oct-dec-2015.txt").unlink()
    settings = Settings(index=folder, corpus_dir=corpus)
    report = update_index([corpus], settings, lambda: embedder, progress=False)
    assert report.removed == ["2016_performance-report_oct-dec-2015.txt"]
    assert all(not c.source.startswith("2016") for c in load(folder).chunks)


def test_a_half_written_build_does_not_replace_the_live_one(index_dir, tmp_path):
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder)
    live = current_build(folder)
    (folder / "builds" / "999-crashed").mkdir()  # what a build killed mid-write leaves
    assert current_build(folder) == live
    assert len(load(folder).chunks) > 900


def test_manifest_that_disagrees_with_files_is_detected(index_dir, tmp_path):
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder)
    chunks = current_build(folder) / "chunks.bin"
    chunks.write_bytes(chunks.read_bytes()[:-500])
    with pytest.raises(IndexMismatch, match="Re-run `panelqa ingest`"):
        load(folder)
