"""The `panelqa` command: a thin shell over ingest, index and retrieval."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from panelqa.errors import BadQuery, PanelQAError
from panelqa.settings import RetrievalSettings, Settings

# No default of its own: unset, the engine takes `retrieval.k` from the settings object.
K_HELP = (
    f"How many passages to cite [default: $PANELQA_RETRIEVAL__K, else "
    f"{RetrievalSettings.model_fields['k'].default}]."
)


def _settings(index: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"index": index}) if index else settings


def _month(value: str | None, end: bool = False) -> date | None:
    if not value:
        return None
    from panelqa.text import month_end

    try:
        year, month = (int(part) for part in value.split("-")[:2])
        return month_end(year, month) if end else date(year, month, 1)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a month like 2021-01") from exc


index_option = click.option(
    "--index",
    type=click.Path(path_type=Path),
    envvar="PANELQA_INDEX",
    help="Index directory (default var/index, or $PANELQA_INDEX).",
)


@click.group()
@click.version_option(package_name="panelqa")
def main() -> None:
    """Cited answers from the public papers of a Police and Crime Panel."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def chunks(paths: tuple[Path, ...]) -> None:
    """Print the chunks ingestion makes of PATHS (default: the corpus) as JSON lines."""
    from ingest.pipeline import ingest_paths

    settings = Settings()
    result = ingest_paths(list(paths) or [settings.corpus_dir], settings)
    for chunk in result.chunks:
        click.echo(json.dumps(chunk.to_dict(), ensure_ascii=False))
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for problem in result.problems:
        click.echo(f"skipped: {problem}", err=True)
    if not result.chunks:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--quiet", is_flag=True, help="No progress output.")
def ingest(paths: tuple[Path, ...], index: Path | None, quiet: bool) -> None:
    """Build or update the index from PATHS (default: the corpus)."""
    from index.build import update_index
    from index.embed import default_embedder

    settings = _settings(index)
    try:
        report = update_index(
            list(paths) or [settings.corpus_dir],
            settings,
            lambda: default_embedder(settings.model_dir),
            not quiet,
        )
    except PanelQAError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in report.problems:
        click.echo(f"skipped: {problem}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        f"Indexed {report.papers} papers, {report.chunks} chunks in {report.seconds:.1f} s "
        f"({len(report.parsed)} parsed, {len(report.reused)} unchanged, "
        f"{len(report.removed)} removed, {report.embedded} passages embedded) -> {settings.index}"
    )


def _engine(index: Path | None):
    from retrieval.engine import Engine

    try:
        return Engine.open(settings=_settings(index))
    except PanelQAError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("question")
@click.option("--k", type=int, help=K_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@click.option(
    "--history", multiple=True, help="An earlier question of the conversation, oldest first (repeatable)."
)
@click.option("--since", help="Only material as at this month or later (YYYY-MM).")
@click.option("--until", help="Only material as at this month or earlier (YYYY-MM).")
@click.option("--ref", "refs", multiple=True, help="Only this commitment ref (repeatable).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["narrative", "plan_row", "minutes", "table", "other"]),
    help="Only passages of this kind (repeatable).",
)
@index_option
def ask(
    question: str,
    k: int | None,
    as_json: bool,
    history: tuple[str, ...],
    since: str | None,
    until: str | None,
    refs: tuple[str, ...],
    kinds: tuple[str, ...],
    index: Path | None,
) -> None:
    """Answer QUESTION from the papers, with numbered citations."""
    from panelqa.text import normalise_ref
    from retrieval.present import answer_dict, cited_where
    from retrieval.query import Filters

    filters = Filters(
        since=_month(since),
        until=_month(until, end=True),
        refs=tuple(r for r in map(normalise_ref, refs) if r),
        kinds=kinds,
    )
    engine = _engine(index)
    try:
        answer = engine.ask(question, k=k, filters=filters, history=history)
    except BadQuery as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(answer_dict(answer), ensure_ascii=False))
        return
    if answer.reread:
        click.echo(f"Read as: {answer.read_as}\n")
    click.echo(answer.text + "\n")
    for note in answer.notes:
        click.echo(f"note: {note}", err=True)
    for heading, citations in (("Sources:", answer.citations), ("Related:", answer.related)):
        if citations:
            click.echo(heading)
        for citation in citations:
            click.echo(f"[{citation.n}] {cited_where(citation)}")


@main.command(name="precedent")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@index_option
def precedent_command(query: str, as_json: bool, index: Path | None) -> None:
    """Has the panel raised QUERY before? Minutes and every item taken at a meeting, by meeting."""
    from retrieval.precedent import coverage, coverage_dicts, discusses, precedent, precedent_dict
    from retrieval.present import cited_where

    engine = _engine(index)
    try:
        found = precedent(engine, query)
    except BadQuery as exc:
        raise click.ClickException(str(exc)) from exc
    covered = coverage(engine.index.chunks)
    if as_json:
        click.echo(
            json.dumps({**precedent_dict(found), "coverage": coverage_dicts(covered)}, ensure_ascii=False)
        )
        return
    click.echo(found.message)
    for meeting in found.meetings:
        click.echo(f"\n{meeting.heading}" + (" (nearest passages only)" if meeting.nearest_only else ""))
        for item in meeting.items:
            click.echo(f"  {item.title}")
            for citation in item.citations:
                quote = citation.quote.text if citation.quote else citation.hit.chunk.text[:200]
                nearest = not meeting.nearest_only and not discusses(citation.hit.chunk, query)
                click.echo(
                    f"    [{citation.n}] {quote}"
                    + (" (nearest passage)" if nearest else "")
                    + f"\n        {cited_where(citation)}"
                )


@main.command(name="promises")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one promise each.")
@click.option("--topic", help="Only promises whose topic contains this text.")
@index_option
def promises_command(as_json: bool, topic: str | None, index: Path | None) -> None:
    """Promises made at meetings (from the minutes), with the later papers that follow them up."""
    from index.store import load
    from retrieval.promises import followed_promise_dict, promise_lines, promises_with_follow_ups

    try:
        chunks = load(_settings(index).index).chunks
    except PanelQAError as exc:
        raise click.ClickException(str(exc)) from exc
    for followed in promises_with_follow_ups(chunks):
        if topic and topic.casefold() not in followed.promise.topic.casefold():
            continue
        if as_json:
            click.echo(json.dumps(followed_promise_dict(followed), ensure_ascii=False))
        else:
            click.echo("\n".join(promise_lines(followed)) + "\n")


def _questions(path: Path):
    """(line number, question, earlier questions) for each line; question None when a JSON
    line is malformed."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                history = record.get("history") or []
                if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                    raise TypeError
                yield number, record.get("question", ""), tuple(history)
            except (json.JSONDecodeError, AttributeError, TypeError):
                yield number, None, ()
        else:
            yield number, line, ()


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--k", type=int, help=K_HELP)
@index_option
def batch(file: Path, k: int | None, index: Path | None) -> None:
    """Answer every question in FILE (one per line, or JSON lines with 'question' and
    optionally 'history': earlier questions, oldest first)."""
    from retrieval.present import answer_dict

    engine = _engine(index)
    for number, question, history in _questions(file):
        if question is None:
            click.echo(
                json.dumps(
                    {
                        "line": number,
                        "error": "not valid JSON with a 'question' "
                        "(and optionally 'history', a list of earlier questions)",
                    }
                )
            )
            continue
        try:
            record = answer_dict(engine.ask(question, k=k, history=history))
        except BadQuery as exc:
            record = {"question": question, "line": number, "error": str(exc)}
        click.echo(json.dumps(record, ensure_ascii=False))


@main.command(name="eval")
@click.option(
    "--configs",
    default="bm25,rank-bm25,dense,hybrid,full,langchain",
    show_default=True,
    help="Comma-separated configurations to compare.",
)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--report", type=click.Path(path_type=Path), help="Write report.md and chart.png here.")
@click.option("--gold", type=click.Path(exists=True, path_type=Path), help="Gold questions file.")
@index_option
def evaluate(configs: str, as_json: bool, report: Path | None, gold: Path | None, index: Path | None) -> None:
    """Compare retrieval configurations on the gold questions."""
    from dataclasses import asdict

    from eval import systems
    from eval.answers import answer_table, evaluate_answers
    from eval.calibrate import report as calibration_report
    from eval.gold import GOLD_PATH, load_gold
    from eval.promises import evaluate_promises, load_promises, promise_table
    from eval.ref_timelines import evaluate_ref_timelines
    from eval.register import evaluate_register as register_measures
    from eval.run import evaluate as run_config
    from eval.run import table, write_report
    from retrieval.tracker import commitments

    engine = _engine(index)
    questions = load_gold(gold or GOLD_PATH)
    makers = {
        "bm25": lambda: systems.bm25_only(engine),
        "rank-bm25": lambda: systems.rank_bm25_reference(engine),
        "dense": lambda: systems.dense_only(engine),
        "hybrid": lambda: systems.hybrid(engine),
        "full": lambda: systems.full_engine(engine),
        "langchain": lambda: systems.langchain_recipe(engine, engine.settings.corpus_dir),
    }
    chosen = [name.strip() for name in configs.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in makers]
    if unknown:
        raise click.BadParameter(f"unknown configuration(s): {', '.join(unknown)}", param_hint="--configs")
    results = [run_config(name, makers[name](), questions) for name in chosen]
    stamp = f"{engine.index.directory.name}, built {engine.index.manifest.get('built_at')}"
    behaviour = evaluate_answers(engine, questions) if "full" in chosen else None
    register = register_measures(engine.index.chunks, engine.embedder, commitments(engine.index))
    promise_scores = evaluate_promises(engine.index.chunks, load_promises())
    ref_timelines = evaluate_ref_timelines(engine)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "index": stamp,
                    "results": [asdict(r) for r in results],
                    "answers": asdict(behaviour) if behaviour else None,
                    "register": register.to_dict(),
                    "ref_timelines": ref_timelines.to_dict(),
                    "promises": asdict(promise_scores),
                },
                indent=2,
            )
        )
    else:
        click.echo(f"{len(questions)} gold questions; index {stamp}\n")
        click.echo(table(results))
        if behaviour:
            click.echo("\n" + answer_table(behaviour))
            click.echo("\n" + calibration_report(engine, questions))
        click.echo("\nCommitment register\n" + "\n".join(register.lines() + ref_timelines.lines()))
        click.echo("\n" + promise_table(promise_scores))
    if report:
        click.echo(f"\nReport: {write_report(results, report, stamp)}", err=True)


@main.command()
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Only commitments with this status (repeatable): new, changed, unchanged, "
    "partly complete, complete, no update given, dropped.",
)
@click.option("--find", "text", default="", help="A ref it has carried (3.4 finds C6) or words.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of text.")
@index_option
def commitments(statuses: tuple[str, ...], text: str, as_json: bool, index: Path | None) -> None:
    """The commitment register: every plan commitment, its status and its history."""
    from retrieval.register import check_statuses, commitment_dict, find
    from retrieval.tracker import commitments as register

    try:
        check_statuses(statuses)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--status") from exc
    found = find(register(_engine(index).index), text, statuses)
    if as_json:
        click.echo(json.dumps([commitment_dict(f.commitment) for f in found], ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo(
            "No commitment matches"
            + (f" '{text}'" if text else "")
            + (f" with status {' or '.join(statuses)}" if statuses else "")
            + "."
        )
        return
    objective = None
    for item in found:
        commitment = item.commitment
        if commitment.objective != objective:
            objective = commitment.objective
            click.echo(f"\n{objective}")
        progress = f" ({commitment.progress})" if commitment.progress else ""
        click.echo(f"  {item.label} · {commitment.status}{progress} · {commitment.title}")


@main.command()
@click.option(
    "--scales",
    default="1,10,100",
    show_default=True,
    help="Corpus sizes to measure, as multiples of the shipped corpus.",
)
@click.option("--repeats", default=2, show_default=True, help="Passes over the gold questions.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option(
    "--base-index",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Synthesise the scales from this index; skips timing ingest and cold start.",
)
def bench(scales: str, repeats: int, as_json: bool, base_index: Path | None) -> None:
    """Time ingest, cold start and queries, and measure memory and disk, at several scales."""
    from eval import bench as benchmark

    try:
        sizes = [int(part) for part in scales.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter("give whole numbers, e.g. 1,10,100", param_hint="--scales") from exc
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give whole numbers of at least 1", param_hint="--scales")
    report = benchmark.run(
        Settings().corpus_dir, sizes, repeats, say=lambda line: click.echo(line, err=True), base=base_index
    )
    click.echo(json.dumps(report, indent=2) if as_json else benchmark.table(report))


if __name__ == "__main__":
    main()
