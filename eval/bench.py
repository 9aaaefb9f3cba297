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
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from eval.gold import GOLD_PATH, load_gold
from eval.metrics import percentile
from index.store import Index, load, write_build
from ingest.records import Period
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


PANEL_COPIES = 25  # copies that stand for one panel's archive (West Mercia's is 20-50x)


class SyntheticThreads(Mapping[str, str]):
    """A copy's plan row is in its original's thread, within blocks of PANEL_COPIES copies:
    a commitment is threaded across one panel's papers, never across panels, so at 1000x
    (40 panels' worth) a thread does not gather 1,000 copies' rows. Nothing is stored per
    copy."""

    def __init__(self, threads: Mapping[str, str]) -> None:
        self.threads = threads

    def __getitem__(self, chunk_id: str) -> str:
        original, _, copy = chunk_id.partition("~")
        thread = self.threads[original]
        block = int(copy or 0) // PANEL_COPIES
        return f"{thread}~{block}" if block else thread

    def __iter__(self):
        return iter(self.threads)

    def __len__(self) -> int:
        return len(self.threads)


def synthetic_chunks(index: Index, copies: int, seed: int = 7):
    """The real passages, then `copies - 1` recombined, re-dated copies of them, one at a
    time (a million Chunk objects are never held at once)."""
    rng = random.Random(seed)
    yield from index.chunks
    for copy in range(1, copies):
        for chunk, partner in zip(index.chunks, _partners(rng, len(index.chunks)), strict=True):
            head, _ = _halves(chunk.text)
            _, tail = _halves(index.chunks[partner].text)
            period = chunk.period and Period(
                _years_later(chunk.period.start, copy), _years_later(chunk.period.end, copy)
            )
            yield replace(
                chunk,
                id=f"{chunk.id}~{copy}",
                source=f"synthetic-{copy:03d}/{chunk.source}",
                text=f"{head} {tail}".strip(),
                period=period,
                meeting_date=_years_later(chunk.meeting_date, copy),
            )


def _partners(rng: random.Random, n: int) -> list[int]:
    partners = list(range(n))
    rng.shuffle(partners)
    return partners


def synthetic_vectors(index: Index, copies: int, seed: int = 7) -> np.ndarray:
    """Copy c's vector is the normalised sum of its two halves' real vectors (the same
    shuffles as `synthetic_chunks`)."""
    rng, n = random.Random(seed), len(index.chunks)
    out = np.empty((n * copies, index.vectors.shape[1]), dtype=np.float32)
    out[:n] = index.vectors
    for copy in range(1, copies):
        mixed = index.vectors + index.vectors[_partners(rng, n)]
        out[copy * n : (copy + 1) * n] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    return out


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    """This process's peak resident memory. Read from VmHWM, which starts afresh when a
    program is executed: Linux carries `ru_maxrss` over from the parent across fork and
    exec, so a worker started by a bench that had loaded a model reported the model."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc: KiB


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
        "stage_ms": {
            s: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2)}
            for s, v in stages.items()
        },
        "dense_recall": dense_recall(engine, questions),
        "peak_rss_mb": round(peak_rss_mb(), 0),
        "disk_mb": round(disk_bytes(index_dir) / 2**20, 1),
    }


def dense_recall(engine, questions: list[str], n: int = 60) -> float | None:
    """Share of exact search's top n that the approximate search also returns (the fusion
    takes n dense candidates), averaged over the questions; None when search is exact."""
    dense = engine.index.dense
    if not dense.approximate:
        return None
    shares = []
    for question in questions:
        vector = engine.embedder.embed([question])[0]
        truth = set(dense.exact(vector, n))
        shares.append(len(truth & set(dense.search(vector, n))) / len(truth))
    return round(float(np.mean(shares)), 4)


def _in_fresh_process(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "eval.bench", *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"benchmark worker failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_ingest(corpus: Path, workdir: Path) -> dict:
    """Ingest with an empty embedding cache, then again with nothing changed. Loading the
    ONNX model (and exporting it, the first time on a machine) is timed on its own."""
    from index.build import update_index
    from index.embed import default_embedder

    settings = Settings(index=workdir / "index", corpus_dir=corpus)
    started = time.perf_counter()
    default_embedder()
    runs = {"export_seconds": round(time.perf_counter() - started, 2)}
    for run in ("cold", "unchanged"):
        started = time.perf_counter()
        report = update_index([corpus], settings, default_embedder, progress=False)
        seconds = time.perf_counter() - started
        runs[run] = {
            "seconds": round(seconds, 2),
            "chunks": report.chunks,
            "chunks_per_second": round(report.chunks / seconds, 1),
            "embedded": report.embedded,
        }
    return runs


def bench_cold_start(index_dir: Path, tries: int = 3) -> float:
    """Process start to first answer, as a user running `panelqa ask` sees it; best of
    `tries`, since other work on the machine only ever adds time."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "app.cli",
                "ask",
                "--json",
                "--index",
                str(index_dir),
                COLD_START_QUESTION,
            ],
            capture_output=True,
            check=True,
        )
        best = min(best, time.perf_counter() - started)
    return round(best, 2)


def build_scale(base_dir: Path, copies: int, folder: Path) -> dict:
    """Worker: write the synthetic index of `copies` x the corpus in `folder`."""
    base = load(base_dir)
    started = time.perf_counter()
    write_build(
        folder,
        synthetic_chunks(base, copies),
        synthetic_vectors(base, copies),
        SyntheticThreads(base.threads),
        {**base.manifest, "synthetic_copies": copies},
    )
    return {
        "build_seconds": round(time.perf_counter() - started, 1),
        "build_peak_rss_mb": round(peak_rss_mb(), 0),
    }


def bench_scale(base_dir: Path, copies: int, workdir: Path, repeats: int) -> dict:
    folder = workdir / f"x{copies}"
    built = _in_fresh_process("build", str(base_dir), str(copies), str(folder))
    result = _in_fresh_process("measure", str(folder), str(repeats))
    shutil.rmtree(folder, ignore_errors=True)  # 1000x is gigabytes
    return {"scale": copies, **built, **result}


def run(corpus: Path, scales: list[int], repeats: int, say=print, base: Path | None = None) -> dict:
    """Ingest and cold start, then each scale. Given `base`, an index already built from
    the corpus, the scales are synthesised from it and ingest and cold start are skipped."""
    with tempfile.TemporaryDirectory(prefix="panelqa-bench-") as tmp:
        workdir = Path(tmp)
        ingest, cold = None, None
        if base is None:
            say("ingesting the corpus (cold, then unchanged)…")
            ingest = bench_ingest(corpus, workdir)
            say("cold start (best of three)…")
            cold = bench_cold_start(workdir / "index")
        results = []
        for copies in scales:
            say(f"scale {copies}x…")
            results.append(bench_scale(base or workdir / "index", copies, workdir, repeats))
    return {"ingest": ingest, "cold_start_seconds": cold, "scales": results}


def table(report: dict) -> str:
    ingest, lines = report["ingest"], []
    if ingest:
        lines = [
            f"Ingest, shipped corpus: ONNX model ready in {ingest['export_seconds']} s; "
            f"cold {ingest['cold']['seconds']} s "
            f"({ingest['cold']['chunks']} chunks, {ingest['cold']['chunks_per_second']} chunks/s); "
            f"unchanged re-run {ingest['unchanged']['seconds']} s",
            f"Cold start (process start to first answer, best of three): {report['cold_start_seconds']} s",
            "",
        ]
    lines += [
        "| scale | chunks | build s | build RSS MB | load s | ask p50 ms | ask p95 ms | "
        + " | ".join(f"{s} p50/p95 ms" for s in STAGES)
        + " | dense recall@60 | peak RSS MB | disk MB |",
        "|---" * (11 + len(STAGES)) + "|",
    ]
    for row in report["scales"]:
        stages = " | ".join(f"{row['stage_ms'][s]['p50']}/{row['stage_ms'][s]['p95']}" for s in STAGES)
        recall = "exact" if row["dense_recall"] is None else f"{row['dense_recall']:.3f}"
        lines.append(
            f"| {row['scale']}x | {row['chunks']} | {row['build_seconds']} | "
            f"{row['build_peak_rss_mb']:.0f} | {row['load_seconds']} | "
            f"{row['ask_ms']['p50']} | {row['ask_ms']['p95']} | {stages} | {recall} | "
            f"{row['peak_rss_mb']:.0f} | {row['disk_mb']} |"
        )
    return "\n".join(lines)


def _worker(command: str, *args: str) -> dict:
    if command == "measure":
        folder, repeats = args
        return measure_queries(Path(folder), int(repeats))
    if command == "build":
        base_dir, copies, folder = args
        return build_scale(Path(base_dir), int(copies), Path(folder))
    sys.exit(f"unknown worker command {command!r}")


if __name__ == "__main__":
    # Workers: `python -m eval.bench measure INDEX_DIR REPEATS` and
    # `python -m eval.bench build BASE_INDEX_DIR COPIES FOLDER` each print one JSON line.
    print(json.dumps(_worker(*sys.argv[1:])))
