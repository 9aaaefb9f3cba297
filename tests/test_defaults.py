"""One source of defaults: the command line takes them from the settings object."""

from __future__ import annotations

import json

from click.testing import CliRunner

from app.cli import main
from eval.gold import GOLD_PATH, load_gold
from retrieval.query import parse_query


def test_retrieval_k_in_the_environment_limits_ask(index_dir):
    # A question answered from the top passages, not as a timeline (a timeline adds the best
    # passage of each period on top of the k).
    question = next(q.question for q in load_gold(GOLD_PATH) if not parse_query(q.question).timeline)
    runner = CliRunner()

    def cited(env: dict[str, str], *flags: str) -> int:
        result = runner.invoke(main, ["ask", question, "--json", "--index", str(index_dir), *flags], env=env)
        assert result.exit_code == 0, result.output
        return len(json.loads(result.stdout)["citations"])

    assert cited({"PANELQA_RETRIEVAL__K": "3"}) == 3
    assert cited({"PANELQA_RETRIEVAL__K": "3"}, "--k", "5") == 5  # a flag beats the setting
    assert cited({}) == 8  # RetrievalSettings.k
