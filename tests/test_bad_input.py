"""Bad files get one clear line naming the file and the reason; good files still count."""

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
