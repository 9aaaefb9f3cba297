"""The ingestion verbs: `read(path) -> Document`, `chunk(document) -> list[Chunk]`, and
the one ingest driver, `ingest_files(paths, previous=...)`: a record per file, never
stopping at a bad one, reusing what the previous build already holds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.catalog import load_catalog
from ingest.clean import FURNITURE, repeated_furniture
from ingest.minutes import parse_minutes
from ingest.narrative import parse_narrative
from ingest.readers import SUPPORTED, read_pages
from ingest.records import Chunk, Document, Passage, Period
from ingest.segment import REPORT_HEADER, Item, Line, split_items
from panelqa.errors import UnreadableFile
from panelqa.settings import Settings, get_settings
from panelqa.text import parse_period, reconcile

PERIOD_CUE = re.compile(r"period|quarter|covers|update|report", re.I)


def source_name(path: Path, corpus_dir: Path) -> str:
    try:
        return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def read(
    path: Path, corpus_dir: Path | None = None, settings: Settings | None = None, sha256: str | None = None
) -> Document:
    """Read one paper (PDF, text or Markdown) with its catalog metadata, if catalogued;
    its sha256 is computed here unless the caller has it."""
    settings = settings or get_settings()
    corpus_dir = corpus_dir or settings.corpus_dir
    name = source_name(path, corpus_dir)
    try:
        pages, notes = read_pages(path, settings.ingest, name)
        digest = sha256 or file_sha256(path)
    except OSError as exc:
        raise UnreadableFile(name, f"cannot be read ({exc.strerror or exc})") from exc
    entry = load_catalog(corpus_dir).get(name)
    if entry is None:
        return Document(source=name, pages=pages, sha256=digest, notes=tuple(notes))
    return Document(
        source=name,
        pages=pages,
        sha256=digest,
        title=entry.title,
        meeting_date=entry.meeting_date,
        period=entry.period,
        kind=entry.kind,
        notes=tuple(notes),
    )


def _lines(document: Document) -> list[Line]:
    raw = [(page.number, line) for page in document.pages for line in page.text.splitlines()]
    # Report headers recur in agenda packs but are structure, not furniture.
    furniture = repeated_furniture([line for _, line in raw if not REPORT_HEADER.match(line)])
    return [(page, line) for page, line in raw if not FURNITURE.match(line) and line.strip() not in furniture]


def _infer_period(item: Item) -> Period | None:
    found = parse_period(item.title)
    if found:
        return found
    cues = [line for _, line in item.lines[:40] if PERIOD_CUE.search(line)]
    return parse_period("\n".join(cues)) if cues else None


@dataclass
class _ItemMeta:
    title: str
    meeting_date: date | None
    period: Period | None
    notes: list[str] = field(default_factory=list)


def _item_meta(document: Document, item: Item, only_item: bool) -> _ItemMeta:
    if only_item and document.title:  # catalogued single paper: the catalog is the truth
        return _ItemMeta(document.title, document.meeting_date or item.meeting_date, document.period)
    meeting = item.meeting_date or document.meeting_date
    period = None if item.kind == "minutes" else _infer_period(item)
    period, note = reconcile(period, meeting)
    meta = _ItemMeta(item.title, meeting, period, [note] if note else [])
    if meeting is None:
        meta.notes.append(f"'{item.title}': meeting date not found in the text")
    if period is None and item.kind == "report" and only_item:
        meta.notes.append(f"'{item.title}': reporting period not found in the text")
    return meta


def chunk_with_notes(document: Document, settings: Settings | None = None) -> tuple[list[Chunk], list[str]]:
    settings = settings or get_settings()
    max_words = settings.ingest.chunk_words
    default_title = document.title or Path(document.source).stem
    items = split_items(_lines(document), document.meeting_date, default_title)
    chunks: list[Chunk] = []
    notes = list(document.notes)
    for item in items:
        meta = _item_meta(document, item, only_item=len(items) == 1)
        notes.extend(meta.notes)
        if item.kind == "minutes":
            passages = parse_minutes(item.lines, max_words)
        else:
            # The context embedded with a passage names the item by the paper's own words;
            # a catalogued title is metadata, so correcting it re-embeds nothing.
            passages = parse_narrative(
                item.lines, "" if item.title == default_title else item.title, max_words
            )
        first = len(chunks)
        chunks.extend(_to_chunk(document, meta, p, first + i) for i, p in enumerate(passages))
    return chunks, notes


def chunk(document: Document, settings: Settings | None = None) -> list[Chunk]:
    return chunk_with_notes(document, settings)[0]


def chunk_id_stem(source: str) -> str:
    """A top-level paper keeps its file stem (the ids it always had); a paper in a folder is
    named by its whole relative path, so 'a/minutes.txt' and 'b/minutes.txt' never clash."""
    return source if "/" in source else Path(source).stem


def _to_chunk(document: Document, meta: _ItemMeta, passage: Passage, ordinal: int) -> Chunk:
    return Chunk(
        id=f"{chunk_id_stem(document.source)}:{ordinal:04d}",
        source=document.source,
        title=meta.title,
        meeting_date=meta.meeting_date,
        period=meta.period,
        section=passage.section,
        kind=passage.kind,
        ref=passage.ref,
        page=passage.page,
        paragraph=passage.paragraph,
        text=passage.text,
        parent_ref=passage.parent_ref,
        commitment=passage.commitment,
        objective=passage.objective,
        context=passage.context,
        ordinal=ordinal,
        cells=passage.cells,
        columns=passage.columns,
    )


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Files to read, each with None or the reason it is skipped."""
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for found in sorted(path.rglob("*")):
                if found.name.startswith(".") or found.suffix.lower() not in SUPPORTED:
                    continue
                if not found.resolve().is_relative_to(root):
                    yield found, "a link to a file outside the corpus folder; skipped"
                elif found.is_file():
                    yield found, None
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file"


PARSED, REUSED, KEPT, SKIPPED = "parsed", "reused", "kept", "skipped"


@dataclass(frozen=True)
class FileRecord:
    """What ingest made of one file: parsed into new chunks, reused unchanged from the
    previous build, kept from the previous build because it can no longer be read, or
    skipped (nothing to index from it). `problems` say why, one line each."""

    source: str
    outcome: str
    sha256: str = ""
    chunks: list[Chunk] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what ingestion was unsure of
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PreviousBuild:
    """What the previous build holds, by source: each paper's chunks, and its sha256 when
    those chunks may be reused as they are (same parser, settings and catalog)."""

    sha256: dict[str, str] = field(default_factory=dict)
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def ingest_file(path: Path, settings: Settings, corpus_dir: Path, previous: PreviousBuild) -> FileRecord:
    """One file's record. The sha256 is computed once: up front only when the previous build
    has the paper (to see whether it changed), else by `read` after the size checks."""
    name = source_name(path, corpus_dir)
    old = previous.chunks.get(name)
    try:
        digest = file_sha256(path) if name in previous.sha256 else None
        if digest is not None and digest == previous.sha256[name] and old is not None:
            return FileRecord(name, REUSED, digest, old)
        document = read(path, corpus_dir, settings, sha256=digest)
        found, notes = chunk_with_notes(document, settings)
    except OSError as exc:
        return _unread(name, f"{name}: cannot be read ({exc.strerror or exc})", old)
    except UnreadableFile as exc:
        return _unread(name, str(exc), old)
    noted = [f"{name}: {note}" for note in notes]
    if not found:
        return FileRecord(
            name, SKIPPED, document.sha256, notes=noted, problems=[f"{name}: no passages found in the text"]
        )
    return FileRecord(name, PARSED, document.sha256, found, noted)


def _unread(name: str, problem: str, old: list[Chunk] | None) -> FileRecord:
    if old is None:
        return FileRecord(name, SKIPPED, problems=[problem])
    return FileRecord(
        name, KEPT, chunks=old, problems=[problem, f"{name}: kept the {len(old)} chunks indexed before"]
    )


def ingest_files(
    paths: Iterable[Path],
    settings: Settings | None = None,
    corpus_dir: Path | None = None,
    previous: PreviousBuild | None = None,
) -> Iterator[FileRecord]:
    """One record per file found under `paths`, never stopping at a bad one."""
    settings = settings or get_settings()
    corpus_dir = corpus_dir or settings.corpus_dir
    previous = previous or PreviousBuild()
    for path, skip in discover(paths):
        if skip:
            yield FileRecord(str(path), SKIPPED, problems=[f"{path}: {skip}"])
        else:
            yield ingest_file(path, settings, corpus_dir, previous)


@dataclass
class IngestResult:
    chunks: list[Chunk] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file not read
    notes: list[str] = field(default_factory=list)  # what ingestion was unsure of


def ingest_paths(
    paths: Iterable[Path], settings: Settings | None = None, corpus_dir: Path | None = None
) -> IngestResult:
    """Every file's chunks, problems and notes, gathered (for `panelqa chunks` and tests)."""
    result = IngestResult()
    for record in ingest_files(paths, settings, corpus_dir):
        result.chunks.extend(record.chunks)
        result.problems.extend(record.problems)
        result.notes.extend(record.notes)
    return result
