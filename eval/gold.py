"""The gold questions in eval/gold.jsonl."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"
TYPES = ("timeline", "fact", "number", "ref", "precedent", "unanswerable")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    type: str
    question: str
    evidence: tuple[str, ...]
    min_docs: int
    answer: str = ""

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def load_gold(path: Path = GOLD_PATH) -> list[GoldQuestion]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            questions.append(GoldQuestion(
                data["id"], data["type"], data["question"], tuple(data["evidence"]),
                int(data.get("min_docs", 1)), data.get("answer", ""),
            ))
    return questions
