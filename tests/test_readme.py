"""The README's command-line section is the real `--help` (regenerate: `make readme-cli`)."""

from __future__ import annotations

from app.readme import README, cli_reference, with_reference


def test_readme_cli_section_matches_help():
    readme = README.read_text(encoding="utf-8")
    assert with_reference(readme) == readme, (
        "README.md's command-line section differs from `panelqa --help`: run `make readme-cli`"
    )


def test_the_reference_covers_every_command_and_option():
    reference = cli_reference()
    for command in ("ingest", "chunks", "ask", "batch", "eval", "bench"):
        assert f"$ panelqa {command} --help" in reference
    assert "--k INTEGER" in reference and "PANELQA_RETRIEVAL__K" in reference
