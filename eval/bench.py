"""`panelqa bench`: how fast and how big, at the shipped corpus size and beyond.

Prints numbers; nothing here asserts on time. Larger corpora are synthesised from the real
one: copy c of every passage is dated c years later and joins the first half of its text
to the second half of another passage's. Its vector is the normalised sum of the two real
vectors, so the synthetic passages sit where real ones do in embedding space without
spending ~50 minutes of this machine re-embedding 94,000 texts. Each scale is measured in a
fresh process, so its peak memory is its own.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from eval.gold import GOLD_PATH, load_gold
from eval.metrics import percentile
from index.store import Index, load, write_build
from ingest.records import Chunk, Period
from panelqa.settings import Settings

STAGES = ("parse", "embed", "bm25", "dense", "fusion", "answer")
COLD_START_QUESTION = "what happened to Track my Crime?"


def _years_later(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _halves(text: str) -> tuple[str, str]:
    words = text.split(" ")
    middle = len(words) // 2
    return " ".join(words[:middle]), " ".join(words[middle:])


def synthesise(index: Index, copies: int, seed: int = 7) -> tuple[list[Chunk], np.ndarray, dict]:
    """The real passages plus `copies - 1` recombined, re-dated copies of them."""
    rng = random.Random(seed)
    chunks, blocks, threads = list(index.chunks), [index.vectors], dict(index.threads)
    for copy in range(1, copies):
        partners = list(range(len(index.chunks)))
        rng.shuffle(partners)
        for chunk, partner in zip(index.chunks, partners, strict=True):
            head, _ = _halves(chunk.text)
            _, tail = _halves(index.chunks[partner].text)
            period = chunk.period and Period(_years_later(chunk.period.start, copy),
                                             _years_later(chunk.period.end, copy))
            twin = replace(chunk, id=f"{chunk.id}~{copy}", source=f"synthetic-{copy:03d}/{chunk.source}",
                           text=f"{head} {tail}".strip(), period=period,
                           meeting_date=_years_later(chunk.meeting_date, copy))
            chunks.append(twin)
            if chunk.id in index.threads:
                threads[twin.id] = index.threads[chunk.id]
        mixed = index.vectors + index.vectors[partners]
        blocks.append(mixed / np.linalg.norm(mixed, axis=1, keepdims=True))
    return chunks, np.vstack(blocks).astype(np.float32), threads


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure_queries(index_dir: Path, repeats: int) -> dict:
    """Load the index and model, then time every gold question `repeats` times, by stage."""
    from retrieval.engine import Engine
    from retrieval.search import StageTimes

    started = time.perf_counter()
    engine = Engine.open(index_dir, Settings(index=index_dir))
    engine.ask("warm up")
    load_seconds = time.perf_counter() - started
    questions = [q.question for q in load_gold(GOLD_PATH)]
    totals, stages = [], {stage: [] for stage in STAGES}
    for _ in range(repeats):
        for question in questions:
            times = StageTimes()
            started = time.perf_counter()
            engine.ask(question, times=times)
            totals.append((time.perf_counter() - started) * 1000)
            for stage in STAGES:
                stages[stage].append(times.seconds.get(stage, 0.0) * 1000)
    return {
        "chunks": len(engine.index.chunks),
        "load_seconds": round(load_seconds, 2),
        "queries": len(totals),
        "ask_ms": {"p50": round(percentile(totals, 50), 1), "p95": round(percentile(totals, 95), 1)},
        "stage_ms": {s: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2)}
                     for s, v in stages.items()},
        "peak_rss_mb": round(peak_rss_mb(), 0),
        "disk_mb": round(disk_bytes(index_dir) / 2**20, 1),
    }


def _in_fresh_process(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "eval.bench", *args], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"benchmark worker failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_ingest(corpus: Path, workdir: Path) -> dict:
    from index.build import update_index
    from index.embed import MiniLMEmbedder

    settings = Settings(index=workdir / "index", corpus_dir=corpus)
    runs = {}
    for run in ("cold", "unchanged"):
        started = time.perf_counter()
        report = update_index([corpus], settings, MiniLMEmbedder, progress=False)
        seconds = time.perf_counter() - started
        runs[run] = {"seconds": round(seconds, 2), "chunks": report.chunks,
                     "chunks_per_second": round(report.chunks / seconds, 1),
                     "embedded": report.embedded}
    return runs


def bench_cold_start(index_dir: Path) -> float:
    """Process start to first answer, as a user running `panelqa ask` sees it."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app.cli", "ask", "--json", "--index", str(index_dir),
                    COLD_START_QUESTION], capture_output=True, check=True)
    return round(time.perf_counter() - started, 2)


def bench_scale(base: Index, copies: int, workdir: Path, repeats: int) -> dict:
    folder = workdir / f"x{copies}"
    started = time.perf_counter()
    chunks, vectors, threads = synthesise(base, copies)
    write_build(folder, chunks, vectors, threads, {**base.manifest, "synthetic_copies": copies})
    build_seconds = time.perf_counter() - started
    result = _in_fresh_process("measure", str(folder), str(repeats))
    return {"scale": copies, "build_seconds": round(build_seconds, 1), **result}


def run(corpus: Path, scales: list[int], repeats: int, say=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="panelqa-bench-") as tmp:
        workdir = Path(tmp)
        say("ingesting the corpus (cold, then unchanged)…")
        ingest = bench_ingest(corpus, workdir)
        say("cold start…")
        cold = bench_cold_start(workdir / "index")
        base = load(workdir / "index")
        results = []
        for copies in scales:
            say(f"scale {copies}x…")
            results.append(bench_scale(base, copies, workdir, repeats))
    return {"ingest": ingest, "cold_start_seconds": cold, "scales": results}


def table(report: dict) -> str:
    ingest = report["ingest"]
    lines = [
        f"Ingest, shipped corpus: cold {ingest['cold']['seconds']} s "
        f"({ingest['cold']['chunks']} chunks, {ingest['cold']['chunks_per_second']} chunks/s); "
        f"unchanged re-run {ingest['unchanged']['seconds']} s",
        f"Cold start (process start to first answer): {report['cold_start_seconds']} s",
        "",
        "| scale | chunks | build s | load s | ask p50 ms | ask p95 ms | "
        + " | ".join(f"{s} p50/p95 ms" for s in STAGES) + " | peak RSS MB | disk MB |",
        "|---" * (9 + len(STAGES) - 2) + "|",
    ]
    for row in report["scales"]:
        stages = " | ".join(f"{row['stage_ms'][s]['p50']}/{row['stage_ms'][s]['p95']}" for s in STAGES)
        lines.append(
            f"| {row['scale']}x | {row['chunks']} | {row['build_seconds']} | {row['load_seconds']} | "
            f"{row['ask_ms']['p50']} | {row['ask_ms']['p95']} | {stages} | "
            f"{row['peak_rss_mb']:.0f} | {row['disk_mb']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    # Worker: `python -m eval.bench measure INDEX_DIR REPEATS` prints one JSON line.
    _, command, folder, repeats = sys.argv
    if command != "measure":
        sys.exit(f"unknown worker command {command!r}")
    print(json.dumps(measure_queries(Path(folder), int(repeats))))
