"""Reading files from disk into pages of text, refusing what cannot be read.

Each refusal raises UnreadableFile naming the file and the reason.
"""

from __future__ import annotations

import multiprocessing
import resource
from pathlib import Path

from ingest.records import Page
from panelqa.errors import UnreadableFile
from panelqa.settings import IngestSettings

TEXT_SUFFIXES = {".txt", ".md"}
SUPPORTED = TEXT_SUFFIXES | {".pdf"}


def read_pages(path: Path, limits: IngestSettings, name: str) -> tuple[tuple[Page, ...], list[str]]:
    """Pages of text and notes on anything read in a fallback way."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(name, f"unsupported file type '{suffix or 'none'}' (use .pdf, .txt or .md)")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(name, "empty file")
    if size > limits.max_file_mb * 1024 * 1024:
        raise UnreadableFile(
            name,
            f"{size / 1024 / 1024:.0f} MB is over the {limits.max_file_mb:g} MB limit "
            "(PANELQA_INGEST__MAX_FILE_MB)",
        )
    if suffix == ".pdf":
        with path.open("rb") as handle:
            if b"%PDF" not in handle.read(1024):
                raise UnreadableFile(name, "not a PDF (no %PDF header)")
        return _pdf_pages_in_child(path, limits, name), []
    return _text_pages(path, name)


def _pdf_pages_in_child(path: Path, limits: IngestSettings, name: str) -> tuple[Page, ...]:
    """Parse a PDF in a child process that is killed when it overruns its time, and dies
    when it overruns its memory, so a parsing bomb cannot hang or sink the ingest."""
    # fork: the child starts in milliseconds with pypdf already imported, and touches
    # nothing but pypdf and the pipe, so the parent's threads (torch, Streamlit) are safe.
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_pdf_child, args=(path, limits, name, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds_per_file):
            raise UnreadableFile(
                name, f"parsing took over {limits.seconds_per_file:g} s (PANELQA_INGEST__SECONDS_PER_FILE)"
            )
        outcome, value = receiver.recv()
    except EOFError:
        raise UnreadableFile(name, "the PDF parser was killed before it finished") from None
    finally:
        child.kill()
        child.join()
        receiver.close()
    if outcome == "refused":
        raise UnreadableFile(name, value)
    return value


def _pdf_child(path: Path, limits: IngestSettings, name: str, sender) -> None:
    in_use = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    extra = int(limits.max_parse_mb * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (in_use + extra, in_use + extra))
    try:
        sender.send(("pages", _pdf_pages(path, limits, name)))
    except UnreadableFile as exc:
        sender.send(("refused", exc.reason))
    except MemoryError:
        sender.send(
            (
                "refused",
                f"parsing needed over {limits.max_parse_mb:g} MB of memory (PANELQA_INGEST__MAX_PARSE_MB)",
            )
        )
    except Exception as exc:  # noqa: BLE001 - the child exists to contain any parser failure
        sender.send(("refused", f"the PDF parser failed ({type(exc).__name__}: {exc})"))
    finally:
        sender.close()


def _pdf_pages(path: Path, limits: IngestSettings, name: str) -> tuple[Page, ...]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(name, "encrypted PDF (a password is needed to read it)")
        count = len(reader.pages)
        if count > limits.max_pages:
            raise UnreadableFile(
                name, f"{count} pages, over the {limits.max_pages}-page limit (PANELQA_INGEST__MAX_PAGES)"
            )
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            pages.append(Page(number, page.extract_text() or ""))
    except UnreadableFile:
        raise
    except LimitReachedError as exc:
        raise UnreadableFile(name, f"a parsing bomb: {exc}") from exc
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        NotImplementedError,
        AssertionError,
    ) as exc:
        raise UnreadableFile(name, f"corrupt or truncated PDF ({type(exc).__name__}: {exc})") from exc
    if sum(len(p.text.strip()) for p in pages) < limits.min_text_chars:
        raise UnreadableFile(name, "no extractable text (a scanned PDF? run OCR first)")
    return tuple(pages)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01


def _text_pages(path: Path, name: str) -> tuple[tuple[Page, ...], list[str]]:
    data = path.read_bytes()
    if _looks_binary(data):
        raise UnreadableFile(name, "binary data, not text")
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Mixed or legacy encodings: decode line by line, UTF-8 first, then Windows-1252.
        lines = []
        for line in data.split(b"\n"):
            try:
                lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(line.decode("cp1252", errors="replace"))
        text = "\n".join(lines)
        notes.append("not valid UTF-8; other lines read as Windows-1252")
    if not text.strip():
        raise UnreadableFile(name, "empty file (only white space)")
    return (Page(None, text),), notes
