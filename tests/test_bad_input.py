"""Bad files get one clear line naming the file and the reason; good files still count."""

import time
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest import ingest_paths
from panelqa.settings import IngestSettings, Settings


def make_pdf(path: Path, pages: list[str], encrypt: str | None = None) -> Path:
    doc = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            doc.drawString(50, y, line)
            y -= 14
        doc.showPage()
    doc.save()
    return path


REPORT = (
    "WEST MERCIA POLICE AND CRIME PANEL 12 March 2022\n"
    "POLICE & CRIME PLAN ACTIVITY REPORT (OCTOBER - DECEMBER 2021)\n\n"
    "Background\n"
    "1. The purpose of this report is to update the Panel on the Track my Crime service.\n"
)


def test_pdf_pages_and_metadata_are_read(tmp_path):
    pdf = make_pdf(tmp_path / "report.pdf", [REPORT, "Appendix 1\n2. Page two talks about drones."])
    result = ingest_paths([pdf], corpus_dir=tmp_path)
    assert not result.problems
    pages = {c.page for c in result.chunks}
    assert pages == {1, 2}
    first = result.chunks[0]
    assert first.meeting_date.isoformat() == "2022-03-12"
    assert first.period.label == "Oct–Dec 2021"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("junk.txt", bytes(range(256)) * 40, "binary data"),
        ("notpdf.pdf", b"hello, I am not a PDF", "not a PDF"),
        ("truncated.pdf", None, "corrupt or truncated"),
        ("scan.pdf", "blank", "no extractable text"),
        ("locked.pdf", "encrypted", "encrypted"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_each_bad_file_is_named_with_its_reason(tmp_path, name, content, reason):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    bad = tmp_path / name
    if content is None:
        data = make_pdf(tmp_path / "full.pdf", [REPORT]).read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif content == "blank":
        make_pdf(bad, ["", ""])
    elif content == "encrypted":
        make_pdf(bad, [REPORT], encrypt="secret")
    else:
        bad.write_bytes(content)
    result = ingest_paths([good, bad], corpus_dir=tmp_path)
    assert len(result.problems) == 1
    assert name in result.problems[0] and reason in result.problems[0]
    assert {c.source for c in result.chunks} == {"good.txt"}


def test_non_utf8_text_is_read_with_a_note(tmp_path):
    paper = tmp_path / "legacy.txt"
    paper.write_bytes(REPORT.replace("update", "update £5 café").encode("cp1252"))
    result = ingest_paths([paper], corpus_dir=tmp_path)
    assert not result.problems
    assert any("café" in c.text for c in result.chunks)
    assert any("UTF-8" in note for note in result.notes)


def test_file_over_the_size_limit_is_skipped(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 2000)
    settings = Settings(ingest=IngestSettings(max_file_mb=0.01))
    result = ingest_paths([big], settings, corpus_dir=tmp_path)
    assert "over the 0.01 MB limit" in result.problems[0]


def test_symlink_outside_the_corpus_is_skipped(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(REPORT)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(outside)
    result = ingest_paths([corpus], corpus_dir=corpus)
    assert "outside the corpus" in result.problems[0]
    assert not result.chunks


def test_cli_exits_non_zero_only_when_nothing_could_be_read(tmp_path):
    from click.testing import CliRunner

    from app.cli import main

    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    failed = CliRunner().invoke(main, ["chunks", str(tmp_path / "junk.txt")])
    assert failed.exit_code == 1 and "binary data" in failed.output
    (tmp_path / "good.txt").write_text(REPORT)
    mixed = CliRunner().invoke(main, ["chunks", str(tmp_path)])
    assert mixed.exit_code == 0 and "junk.txt" in mixed.output


def raw_pdf(path: Path, pages_object: bytes, extra_objects: list[bytes]) -> Path:
    """A hand-made PDF (for shapes no PDF library will write): catalog, the given page
    tree, further objects, and a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", pages_object, *extra_objects]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes) -> bytes:
    import zlib

    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
TEXT_PAGE = PAGE.replace(b" >>", b" /Resources << /Font << /F1 5 0 R >> >> >>")
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def test_parsing_bombs_are_refused_within_the_time_limit(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)

    # Each node of the page tree names the next one ten times: 10^8 pages from 11 objects.
    def fan_out(child: int) -> bytes:
        return b"<< /Type /Pages /Kids [%s] /Count 10 >>" % b" ".join([b"%d 0 R" % child] * 10)

    raw_pdf(
        tmp_path / "pages-bomb.pdf",
        fan_out(5),
        [PAGE, stream(b"BT (hello) Tj ET"), *map(fan_out, range(6, 12)), fan_out(3)],
    )
    raw_pdf(
        tmp_path / "cycle-bomb.pdf",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        [PAGE, stream(b"BT (hello) Tj ET")],
    )
    # A million text operators: a few KB on disk, about a minute of text extraction.
    raw_pdf(
        tmp_path / "content-bomb.pdf",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        [TEXT_PAGE, stream(b"BT /F1 12 Tf " + b"(x) Tj 0 -14 Td " * 1_000_000 + b"ET"), HELVETICA],
    )
    settings = Settings(ingest=IngestSettings(seconds_per_file=3))
    started = time.monotonic()
    result = ingest_paths([tmp_path], settings, corpus_dir=tmp_path)
    assert time.monotonic() - started < 20
    problems = {p.split(":")[0]: p for p in result.problems}
    assert set(problems) == {"pages-bomb.pdf", "cycle-bomb.pdf", "content-bomb.pdf"}
    assert "page tree" in problems["pages-bomb.pdf"]
    assert "cyclic page references" in problems["cycle-bomb.pdf"]
    assert "took over 3 s" in problems["content-bomb.pdf"]
    assert {c.source for c in result.chunks} == {"good.txt"}


@pytest.mark.parametrize("name", ["huge.pdf", "huge.txt"])
def test_a_200_mb_file_is_refused_by_size_without_reading_it(tmp_path, name):
    huge = tmp_path / name
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    (tmp_path / "good.txt").write_text(REPORT)
    result = ingest_paths([tmp_path], corpus_dir=tmp_path)
    assert result.problems == [f"{name}: 200 MB is over the 50 MB limit (PANELQA_INGEST__MAX_FILE_MB)"]
    assert {c.source for c in result.chunks} == {"good.txt"}


def test_mixed_encodings_in_one_file_are_each_read(tmp_path):
    paper = tmp_path / "mixed.txt"
    paper.write_bytes(
        REPORT.encode("utf-8")
        + "2. Café owners met the PCC.\n".encode()
        + "3. The £5 fee was dropped.\n".encode("cp1252")
    )
    result = ingest_paths([paper], corpus_dir=tmp_path)
    text = " ".join(c.text for c in result.chunks)
    assert "Café owners" in text and "£5 fee" in text
    assert any("Windows-1252" in note for note in result.notes)
