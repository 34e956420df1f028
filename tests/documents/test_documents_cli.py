"""PDF and Word CVs through the commands: extract, score and folders read them, marked."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter

from jobscreen.documents.pdf import IMAGES_ONLY
from tests.conftest import VACANCIES, invoke
from tests.documents.test_documents import CV_LINES, make_docx, make_pdf

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")


def test_extract_reads_pdf_and_docx(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").write_bytes(make_pdf([CV_LINES]))
    (tmp_path / "cv.docx").write_bytes(make_docx())
    for name in ("cv.pdf", "cv.docx"):
        code, out, err = invoke("extract", str(tmp_path / name))
        assert code == 0, err
        assert "English" in out


def test_extract_reports_scanned_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    code, _, err = invoke("extract", str(path))
    assert code != 0
    assert IMAGES_ONLY in " ".join(err.split())


def test_score_marks_pdf_and_word_cvs_and_locates_errors(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.pdf").write_bytes(make_pdf([CV_LINES]))
    (inbox / "b.docx").write_bytes(make_docx())
    (inbox / "c.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    _, out, err = invoke("score", VACANCY, str(inbox), "-f", "json")
    assert '"extracted-pdf"' in out
    assert '"extracted-word"' in out
    assert "c.pdf" in out + err  # one located error, never dropped
    _, out, _ = invoke("score", VACANCY, str(inbox))
    flat = " ".join(out.split())
    assert "(extracted from PDF)" in flat
    assert "(extracted from Word)" in flat
