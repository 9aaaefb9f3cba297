"""Check that every gold label quotes the papers verbatim: `python -m eval.check_gold`.

A quote must occur in a paper after the normalisation `eval.metrics.contains_evidence`
applies, in the raw extraction or in a passage ingest makes of it (a table cell split over a
page break reads whole only once ingest has joined it). Quotes of the newer kinds (near-miss
topic evidence, follow-up evidence, per-paper timeline quotes) must also sit inside one table
cell of one line and inside one ingested passage, so that a single passage can hold them; a
`papers` quote must do so in the paper it is filed under. Text only: no model, no index."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eval.gold import GOLD_PATH, PARAPHRASE_PATH
from eval.metrics import normalise
from ingest import ingest_paths
from ingest.records import CELL_JOIN

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REQUIRED = {
    "near_miss": ("topic_evidence", "missing", "absent_check"),
    "followup": ("history", "read_as"),
}


@dataclass(frozen=True)
class Papers:
    """Normalised text of each paper: the whole paper, its table cells, its passages."""

    whole: dict[str, str]
    cells: dict[str, tuple[str, ...]]
    passages: dict[str, tuple[str, ...]]

    def quoting(self, quote: str) -> set[str]:
        needle = normalise(quote)
        return {name for name, text in self.whole.items() if needle in text}

    def quoting_in_one_cell_and_passage(self, quote: str) -> set[str]:
        """A table row quoted whole, its cells joined as a passage joins them, need sit
        only in one passage."""
        needle = normalise(quote)
        return {
            name
            for name in self.whole
            if (CELL_JOIN in needle or any(needle in cell for cell in self.cells[name]))
            and any(needle in passage for passage in self.passages[name])
        }


@cache
def papers() -> Papers:
    raw = {path.name: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}
    passages: dict[str, list[str]] = {name: [] for name in raw}
    for chunk in ingest_paths([CORPUS]).chunks:
        passages[chunk.source].append(normalise(chunk.text))
    return Papers(
        whole={name: "\n".join([normalise(text), *passages[name]]) for name, text in raw.items()},
        cells={
            name: tuple(normalise(cell) for line in text.splitlines() for cell in line.split("\t"))
            for name, text in raw.items()
        },
        passages={name: tuple(found) for name, found in passages.items()},
    )


def load_rows(path: Path = GOLD_PATH) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def quote_problems(row: dict) -> list[str]:
    """Quotes not found where they must be."""
    quotes = list(row.get("evidence", [])) + list(row.get("topic_evidence", []))
    problems = [f"not in any paper: {q!r}" for q in quotes if not papers().quoting(q)]
    newer = quotes if row["type"] in REQUIRED else []
    problems += [
        f"not within one cell and one passage: {q!r}"
        for q in newer
        if not papers().quoting_in_one_cell_and_passage(q)
    ]
    problems += [
        f"not within one cell and one passage of {name}: {q!r}"
        for name, q in row.get("papers", {}).items()
        if name not in papers().quoting_in_one_cell_and_passage(q)
    ]
    return problems


def field_problems(row: dict) -> list[str]:
    """Fields a row of its type must carry."""
    problems = [f"{field} is empty" for field in REQUIRED.get(row["type"], ()) if not row.get(field)]
    if row["type"] == "near_miss" and (row["evidence"] or row["min_docs"]):
        problems.append("a near miss has no evidence and min_docs 0")
    if row["type"] == "followup" and not row["evidence"]:
        problems.append("a follow-up needs the evidence that answers it")
    if row["type"] == "timeline" and not row.get("papers"):
        problems.append("a timeline names every paper that reports on its topic")
    if row["min_docs"] > len(row.get("papers", {})) and row["type"] == "timeline":
        problems.append("min_docs is more than the papers named")
    return problems


def row_problems(row: dict) -> list[str]:
    return field_problems(row) + quote_problems(row)


def paraphrase_problems(row: dict, gold: dict[str, dict]) -> list[str]:
    """A paraphrase must keep its gold question's labels: only the id (its original's with
    '-p'), the question and the original question differ."""
    original = gold.get(row["id"].removesuffix("-p"))
    if original is None:
        return [f"no gold question {row['id'].removesuffix('-p')}"]
    problems = []
    if _labels(row) != _labels(original):
        problems.append("labels differ")
    if row.get("original") != original["question"]:
        problems.append("original is not the gold question")
    return problems


def _labels(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("id", "question", "original")}


def main() -> int:
    rows = load_rows()
    paraphrases = load_rows(PARAPHRASE_PATH)
    by_id = {row["id"]: row for row in rows}
    ids = [row["id"] for row in rows + paraphrases]
    report = [f"duplicate id {i}" for i in sorted(set(ids)) if ids.count(i) > 1]
    report += [f"{row['id']}: {problem}" for row in rows for problem in row_problems(row)]
    report += [
        f"{row['id']}: {problem}" for row in paraphrases for problem in paraphrase_problems(row, by_id)
    ]
    print(
        "\n".join(report)
        or f"{len(rows)} gold rows and {len(paraphrases)} paraphrases: every label quotes the papers verbatim"
    )
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
