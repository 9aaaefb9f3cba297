"""The README's command-line reference, generated from the real `--help` so it cannot drift.

`make readme-cli` rewrites the block between the markers; tests/test_readme.py fails when
the README and `--help` disagree (a new subcommand or option: re-run `make readme-cli`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from app.cli import main
from panelqa.settings import REPO_ROOT

README = REPO_ROOT / "README.md"
START = "<!-- cli-help: generated from --help by `make readme-cli`; do not edit by hand -->"
END = "<!-- /cli-help -->"
WIDTH = 100  # fixed, so the text does not depend on the terminal it is generated in


def help_text(*command: str) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], prog_name="panelqa", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"panelqa {' '.join(command)} --help failed: {result.output}")
    return result.output.rstrip()


def cli_reference() -> str:
    """`panelqa --help`, then each command's `--help`, as one code block."""
    sections = [f"$ panelqa --help\n{help_text()}"]
    sections += [f"$ panelqa {name} --help\n{help_text(name)}" for name in sorted(main.commands)]
    return "```\n" + "\n\n".join(sections) + "\n```"


def with_reference(readme: str) -> str:
    """The README text with its generated block replaced by the current reference."""
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise ValueError(f"{README.name} needs one '{START}' line and one '{END}' line")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{cli_reference()}\n{END}{tail}"


def write(path: Path = README) -> None:
    path.write_text(with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else README)
