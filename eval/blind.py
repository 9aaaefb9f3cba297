"""The blind sets, scored as questions nobody has read: `python -m eval.blind [--read] [N …]`.

`eval/blind/setN.jsonl` keeps each set as its writer wrote it. From set 5 on, half A of each
was read and joined `eval/gold.jsonl`; half B, the rows whose ids are not in the gold set, is
the unseen measure. Prints the issue's measures for each set's half and for all together,
never a question, so that scoring a half does not read it."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from eval.answers import AnswerResult, evaluate_answers
from eval.gold import GoldQuestion, load_gold

BLIND_DIR = Path(__file__).resolve().parent / "blind"
FIRST_SPLIT = 5  # sets 1 to 4 were read whole


def blind_questions(rows: list[dict], read_ids: set[str], read: bool) -> list[GoldQuestion]:
    """The rows of one half as gold questions: those read (in `read_ids`) or those not."""
    return [
        GoldQuestion(
            row["id"],
            row["type"],
            row["question"],
            tuple(row.get("evidence", ())),
            1,
            history=tuple(row.get("history", ())),
            read_as=row.get("read_as", ""),
            papers=dict(row.get("papers", {})),
            missing=row.get("missing") or "",
        )
        for row in rows
        if (row["id"] in read_ids) == read
    ]


def set_numbers() -> list[int]:
    """The blind sets split into a read half and an unread one."""
    found = (re.fullmatch(r"set(\d+)\.jsonl", path.name) for path in BLIND_DIR.iterdir())
    return sorted(n for match in found if match and (n := int(match.group(1))) >= FIRST_SPLIT)


def load_set(number: int) -> list[dict]:
    lines = (BLIND_DIR / f"set{number}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def summary(name: str, count: int, result: AnswerResult) -> str:
    return (
        f"{name:>7} {count:4d} q  abstained {result.abstain_all:.3f}  refused {result.false_abstention:.3f}  "
        f"R@5 {result.recall_at_5_cited_then_related:.3f}  follow-ups {result.followup_recall_at_3:.2f}  "
        f"timelines {result.timeline_paper_coverage:.2f}  cited {result.cited_evidence:.3f}  "
        f"median cites {result.citations_median:.0f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=int, help="Set numbers (default: every split set).")
    parser.add_argument("--read", action="store_true", help="Score the halves read (A), not the unread (B).")
    args = parser.parse_args(argv)
    from retrieval.engine import Engine  # the model loads only when scoring

    engine = Engine.open()
    read_ids = {q.id for q in load_gold()}
    half = "A" if args.read else "B"
    pooled: list[GoldQuestion] = []
    for number in args.sets or set_numbers():
        questions = blind_questions(load_set(number), read_ids, args.read)
        pooled += questions
        print(summary(f"{number}{half}", len(questions), evaluate_answers(engine, questions)), flush=True)
    print(summary("pooled", len(pooled), evaluate_answers(engine, pooled)))


if __name__ == "__main__":
    main()
