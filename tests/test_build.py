"""Index building from ingest's records, with a hashing stand-in for the model: what the
manifest records, what a change rebuilds, ids unique by path, the cache pruned."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build import DuplicateChunkIds, update_index
from index.cache import EmbeddingCache
from index.store import load
from ingest.pipeline import KEPT, PARSED, REUSED, SKIPPED, PreviousBuild, file_sha256, ingest_files
from panelqa.errors import IndexMismatch
from panelqa.settings import RetrievalSettings, Settings
from retrieval.engine import Engine
from retrieval.search import search
from tests.fakes import HashingEmbedder


def paper(topic: str, date: str = "12 March 2022") -> str:
    return (
        f"WEST MERCIA POLICE AND CRIME PANEL {date}\n"
        "POLICE & CRIME PLAN ACTIVITY REPORT (OCTOBER - DECEMBER 2021)\n\n"
        "Background\n"
        f"1. The purpose of this report is to update the Panel on the {topic}.\n"
        f"2. The {topic} was reviewed by the Commissioner in December.\n"
    )


CATALOG = """[[paper]]
file = "report.txt"
title = "{title}"
kind = "report"
meeting_date = 2022-03-12
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "report.txt").write_text(paper("drone unit"))
    (folder / "a" / "minutes.txt").write_text(paper("kiosk in Hereford"))
    (folder / "b" / "minutes.txt").write_text(paper("kiosk in Telford"))
    (folder / "catalog.toml").write_text(CATALOG.format(title="Drone report"))
    return folder


def build(corpus: Path, embedder: HashingEmbedder, **settings):
    config = Settings(index=corpus.parent / "index", corpus_dir=corpus, **settings)
    return config, update_index([corpus], config, lambda: embedder, progress=False)


def test_same_named_papers_in_two_folders_are_both_indexed_and_found(corpus):
    embedder = HashingEmbedder()
    settings, report = build(corpus, embedder)
    assert sorted(report.parsed) == ["a/minutes.txt", "b/minutes.txt", "report.txt"]
    ids = {c.id for c in load(settings.index).chunks}
    # A top-level paper keeps its stem ids; a nested one is named by its path.
    assert {"report:0000", "a/minutes.txt:0000", "b/minutes.txt:0000"} <= ids
    engine = Engine.open(settings=settings, embedder=embedder)
    plan = engine.plan("kiosk")
    found = {h.chunk.source for h in search(engine.index, embedder, plan, settings.retrieval)}
    assert {"a/minutes.txt", "b/minutes.txt"} <= found
    cited = {c.hit.chunk.source for c in engine.ask("kiosk").citations}
    assert {"a/minutes.txt", "b/minutes.txt"} <= cited


def test_two_top_level_papers_differing_only_in_extension_are_refused_by_name(corpus):
    (corpus / "report.md").write_text(paper("horse patrols"))
    with pytest.raises(DuplicateChunkIds, match="report.md, report.txt"):
        build(corpus, HashingEmbedder())


def titles(settings: Settings, source: str) -> set[str]:
    return {c.title for c in load(settings.index).chunks if c.source == source}


def test_a_catalog_date_edit_is_indexed_on_the_next_ingest_without_embedding(corpus):
    embedder = HashingEmbedder()
    settings, _ = build(corpus, embedder)
    (corpus / "catalog.toml").write_text(
        CATALOG.format(title="Drone report").replace("2022-03-12", "2022-03-19")
    )
    embedder.embedded.clear()
    _, report = build(corpus, embedder)
    assert len(report.parsed) == 3 and report.embedded == 0 and embedder.embedded == []
    assert {str(c.meeting_date) for c in load(settings.index).chunks if c.source == "report.txt"} == {
        "2022-03-19"
    }


def test_a_catalog_title_edit_is_indexed_on_the_next_ingest_without_embedding(corpus):
    embedder = HashingEmbedder()
    settings, _ = build(corpus, embedder)
    assert titles(settings, "report.txt") == {"Drone report"}
    (corpus / "catalog.toml").write_text(CATALOG.format(title="Drone unit report"))
    embedder.embedded.clear()
    _, report = build(corpus, embedder)
    assert titles(settings, "report.txt") == {"Drone unit report"}
    # A catalogued title is metadata: what is embedded names items by the paper's own words.
    assert report.embedded == 0 and embedder.embedded == []
    assert not any("Drone" in c.context for c in load(settings.index).chunks)


def test_an_unchanged_rerun_reuses_every_paper_and_embeds_nothing(corpus):
    embedder = HashingEmbedder()
    build(corpus, embedder)
    embedder.embedded.clear()
    _, report = build(corpus, embedder)
    assert len(report.reused) == 3 and not report.parsed and embedder.embedded == []


def test_a_chunk_setting_change_reparses_every_paper(corpus):
    build(corpus, HashingEmbedder())
    _, report = build(corpus, HashingEmbedder(), ingest={"chunk_words": 120})
    assert len(report.parsed) == 3 and not report.reused


def test_the_manifest_records_embedder_catalog_and_settings(corpus):
    settings, _ = build(corpus, HashingEmbedder(dim=32, weights="w1"))
    manifest = load(settings.index).manifest
    assert manifest["embedder"] == {"name": "hashing-test-embedder", "dim": 32, "weights": "w1"}
    assert manifest["fingerprint"]["ingest"]["chunk_words"] == settings.ingest.chunk_words
    assert manifest["fingerprint"]["catalog"] and manifest["fingerprint"]["code"]
    assert manifest["sources"]["a/minutes.txt"] == file_sha256(corpus / "a" / "minutes.txt")


def test_another_embedder_refuses_the_index_and_says_how_to_fix_it(corpus):
    settings, _ = build(corpus, HashingEmbedder(weights="v1"))
    with pytest.raises(IndexMismatch, match="weights v1.*weights v2.*re-running ingest.*PANELQA_MODEL_DIR"):
        Engine.open(settings=settings, embedder=HashingEmbedder(weights="v2"))


def test_a_model_change_re_embeds_everything_and_prunes_the_old_vectors(corpus, tmp_path):
    first = HashingEmbedder(weights="v1")
    settings, report = build(corpus, first)
    texts = len(first.embedded)
    second = HashingEmbedder(weights="v2")
    _, again = build(corpus, second)
    # Same chunks, new model: every text embedded again, papers not re-parsed.
    assert len(second.embedded) == texts == again.embedded and len(again.reused) == 3
    cache = EmbeddingCache(settings.index / "cache" / "embeddings.npz", 64)
    assert len(cache.vectors) == texts  # the v1 vectors are gone
    Engine.open(settings=settings, embedder=second)  # and the index loads with v2


def test_the_cache_keeps_only_what_the_live_build_uses(corpus):
    settings, _ = build(corpus, HashingEmbedder())
    (corpus / "b" / "minutes.txt").unlink()
    fresh = HashingEmbedder()
    _, report = build(corpus, fresh)
    assert report.removed == ["b/minutes.txt"]
    cache = EmbeddingCache(settings.index / "cache" / "embeddings.npz", 64)
    # A build from scratch of the two papers left embeds this many distinct texts.
    scratch = HashingEmbedder()
    other = Settings(index=corpus.parent / "scratch", corpus_dir=corpus)
    update_index([corpus], other, lambda: scratch, progress=False)
    assert len(cache.vectors) == len(set(scratch.embedded))


def test_settings_k_limits_the_citations(corpus):
    settings, _ = build(corpus, HashingEmbedder(), retrieval=RetrievalSettings(k=2))
    answer = Engine.open(settings=settings, embedder=HashingEmbedder()).ask("kiosk drone unit Commissioner")
    assert 0 < len(answer.citations) <= 2


def test_ingest_records_say_what_was_reused_parsed_kept_or_skipped(corpus):
    settings = Settings(corpus_dir=corpus)
    old = next(r for r in ingest_files([corpus / "report.txt"], settings))
    (corpus / "a" / "minutes.txt").write_text(paper("kiosk in Ludlow"))  # changed
    (corpus / "b" / "minutes.txt").write_bytes(b"\x00\x01" * 50)  # now unreadable
    previous = PreviousBuild(
        sha256={"report.txt": old.sha256, "a/minutes.txt": "old digest", "b/minutes.txt": "old"},
        chunks={"report.txt": old.chunks, "a/minutes.txt": old.chunks, "b/minutes.txt": old.chunks},
    )
    records = {r.source: r for r in ingest_files([corpus, corpus / "gone.txt"], settings, previous=previous)}
    assert records["report.txt"].outcome == REUSED and records["report.txt"].chunks == old.chunks
    assert records["a/minutes.txt"].outcome == PARSED
    assert "Ludlow" in records["a/minutes.txt"].chunks[0].text
    kept = records["b/minutes.txt"]
    assert kept.outcome == KEPT and kept.chunks == old.chunks and "binary data" in kept.problems[0]
    assert records[str(corpus / "gone.txt")].outcome == SKIPPED
    assert records[str(corpus / "gone.txt")].problems == [f"{corpus / 'gone.txt'}: no such file"]
