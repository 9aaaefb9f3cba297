"""The gold questions in eval/gold.jsonl."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"
# Answerable and near-miss gold questions put in other words, the answer unchanged: how
# the engine copes when users do not write the papers' words ('went live' / 'launched').
PARAPHRASE_PATH = Path(__file__).resolve().parent / "paraphrase.jsonl"
TYPES = ("timeline", "fact", "number", "ref", "precedent", "followup", "unanswerable", "near_miss")
UNANSWERABLE = ("unanswerable", "near_miss")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    type: str
    question: str
    evidence: tuple[str, ...]
    min_docs: int
    answer: str = ""
    history: tuple[str, ...] = ()  # earlier questions of a follow-up, oldest first
    read_as: str = ""  # how a follow-up should be understood
    papers: dict[str, str] = field(default_factory=dict)  # timeline: paper -> quote from it
    missing: str = ""  # near miss: what the papers do not say

    @property
    def answerable(self) -> bool:
        return self.type not in UNANSWERABLE


def load_gold(path: Path = GOLD_PATH) -> list[GoldQuestion]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                GoldQuestion(
                    data["id"],
                    data["type"],
                    data["question"],
                    tuple(data["evidence"]),
                    int(data.get("min_docs", 1)),
                    data.get("answer", ""),
                    tuple(data.get("history", ())),
                    data.get("read_as", ""),
                    dict(data.get("papers", {})),
                    data.get("missing") or "",
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name} line {number}: {type(exc).__name__}: {exc}") from exc
        if questions[-1].type not in TYPES:
            raise ValueError(f"{path.name} line {number}: unknown type '{questions[-1].type}'")
    return questions
