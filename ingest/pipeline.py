"""The ingestion verbs: `read(path) -> Document`, `chunk(document) -> list[Chunk]`,
and `ingest_paths(paths)` over many files, which never stops at a bad one."""

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


def read(path: Path, corpus_dir: Path | None = None, settings: Settings | None = None) -> Document:
    """Read one paper (PDF, text or Markdown) with its catalog metadata, if catalogued."""
    settings = settings or get_settings()
    corpus_dir = corpus_dir or settings.corpus_dir
    name = source_name(path, corpus_dir)
    try:
        pages, notes = read_pages(path, settings.ingest, name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise UnreadableFile(name, f"cannot be read ({exc.strerror or exc})") from exc
    entry = load_catalog(corpus_dir).get(name)
    if entry is None:
        return Document(source=name, pages=pages, sha256=digest, notes=tuple(notes))
    return Document(
        source=name, pages=pages, sha256=digest, title=entry.title,
        meeting_date=entry.meeting_date, period=entry.period, kind=entry.kind, notes=tuple(notes),
    )


def _lines(document: Document) -> list[Line]:
    raw = [(page.number, line) for page in document.pages for line in page.text.splitlines()]
    # Report headers recur in agenda packs but are structure, not furniture.
    furniture = repeated_furniture([line for _, line in raw if not REPORT_HEADER.match(line)])
    return [
        (page, line) for page, line in raw
        if not FURNITURE.match(line) and line.strip() not in furniture
    ]


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
            passages = parse_narrative(item.lines, meta.title, max_words)
        first = len(chunks)
        chunks.extend(_to_chunk(document, meta, p, first + i) for i, p in enumerate(passages))
    return chunks, notes


def chunk(document: Document, settings: Settings | None = None) -> list[Chunk]:
    return chunk_with_notes(document, settings)[0]


def _to_chunk(document: Document, meta: _ItemMeta, passage: Passage, ordinal: int) -> Chunk:
    return Chunk(
        id=f"{Path(document.source).stem}:{ordinal:04d}",
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
    )


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file not read
    notes: list[str] = field(default_factory=list)  # what ingestion was unsure of


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


def ingest_paths(paths: Iterable[Path], settings: Settings | None = None,
                 corpus_dir: Path | None = None) -> IngestResult:
    settings = settings or get_settings()
    corpus_dir = corpus_dir or settings.corpus_dir
    result = IngestResult()
    for path, skip in discover(paths):
        if skip:
            result.problems.append(f"{path}: {skip}")
            continue
        try:
            document = read(path, corpus_dir, settings)
            chunks, notes = chunk_with_notes(document, settings)
        except UnreadableFile as exc:
            result.problems.append(str(exc))
            continue
        result.documents.append(document)
        result.chunks.extend(chunks)
        result.notes.extend(f"{document.source}: {note}" for note in notes)
    return result

