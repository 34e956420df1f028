"""PDF and Word readers (jobscreen.documents): text, reading order, and every error path.

The documents are built here: PDFs as raw bytes or with pypdf's writer, .docx files with
python-docx and zipfile.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from jobscreen.documents import DOCUMENT_BOUNDS, Bounds, medium_of, reader_for
from jobscreen.documents.docx import docx_text
from jobscreen.documents.pdf import IMAGES_ONLY, pdf_text
from jobscreen.errors import InputError
from jobscreen.limits import DEFAULT_LIMITS, Limits

CV_LINES = [
    "Jane Doe",
    "EXPERIENCE",
    "2016 - 2021",
    "Political Affairs Officer, United Nations",
    "EDUCATION",
    "MA in International Relations, University of Oxford, 2005",
    "LANGUAGES",
    "English: native",
    "French: C1",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a Helvetica text layer: each page's lines drawn top to bottom."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(count))
        + f"] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT /F1 11 Tf 14 TL 72 760 Td"]
        ops += [f"({_escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            + f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _error(call: object, *args: object) -> str:
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    message = str(info.value)
    assert "\n" not in message  # every reader error is one line
    assert message.startswith("cv.")  # and names the file
    return message


def _text_or_error(call: object, *args: object) -> str:
    """A reader's text, or 'ERROR ' and its error."""
    try:
        return str(call(*args))  # type: ignore[operator]
    except InputError as exc:
        return f"ERROR {exc}"


# --- dispatch ----------------------------------------------------------------------------


def test_reader_for_maps_suffixes() -> None:
    assert medium_of("a/CV.PDF") == "PDF"
    assert medium_of("cv.docx") == "Word"
    assert medium_of("cv.txt") == medium_of("pdf") == "text"
    assert reader_for("cv.md") is None
    assert reader_for("cv.doc") is None  # the old binary format is still refused
    assert reader_for("cv.pdf") is not None
    assert reader_for("cv.docx") is not None


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_text_in_drawing_order() -> None:
    text = pdf_text(make_pdf([CV_LINES]), "cv.pdf", DEFAULT_LIMITS)
    assert text.splitlines() == CV_LINES


def test_pdf_running_headers_footers_and_page_numbers_are_removed() -> None:
    page1 = ["Jane Doe - CV", "Curriculum Vitae", *CV_LINES[:4], "Page 1 of 2"]
    page2 = ["Jane Doe - CV", "Curriculum Vitae", *CV_LINES[4:], "Page 2 of 2"]
    lines = pdf_text(make_pdf([page1, page2]), "cv.pdf", DEFAULT_LIMITS).splitlines()
    assert lines == CV_LINES


def test_pdf_lone_page_number_is_removed() -> None:
    text = pdf_text(make_pdf([[*CV_LINES, "1 / 1"]]), "cv.pdf", DEFAULT_LIMITS)
    assert text.splitlines() == CV_LINES


def test_pdf_without_text_layer_says_run_ocr() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    assert _error(pdf_text, out.getvalue(), "cv.pdf", DEFAULT_LIMITS).endswith(IMAGES_ONLY)


@pytest.mark.parametrize("user_password", ["secret", ""])
def test_encrypted_pdf_is_refused(user_password: str) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([CV_LINES]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted (password-protected)" in _error(
        pdf_text, out.getvalue(), "cv.pdf", DEFAULT_LIMITS
    )


def test_not_a_pdf_is_refused() -> None:
    assert "not a PDF" in _error(pdf_text, b"hello, I am text", "cv.pdf", DEFAULT_LIMITS)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],  # truncated
        lambda data: b"%PDF-1.4\n" + bytes(range(256)) * 20,  # garbage after the header
        lambda data: data.replace(b"/Pages 2 0 R", b"/Pages 9 0 R"),  # a dangling reference
    ],
)
def test_damaged_pdf_is_one_line_error_or_read(damage: object) -> None:
    data = damage(make_pdf([CV_LINES]))  # type: ignore[operator]
    text = _text_or_error(pdf_text, data, "cv.pdf", DEFAULT_LIMITS)
    if text.startswith("ERROR "):
        assert "\n" not in text
        assert text.startswith("ERROR cv.pdf:1:1: ")
    else:  # pypdf repaired it: what it read is the CV's text
        assert "Jane Doe" in text


def test_pdf_page_bound() -> None:
    data = make_pdf([CV_LINES] * 3)
    message = _error(pdf_text, data, "cv.pdf", DEFAULT_LIMITS, Bounds(max_pages=2))
    assert "3 pages" in message


def test_pdf_object_bound() -> None:
    data = make_pdf([CV_LINES])
    assert "objects" in _error(pdf_text, data, "cv.pdf", DEFAULT_LIMITS, Bounds(max_objects=3))


def test_pdf_text_bound() -> None:
    data = make_pdf([CV_LINES])
    assert "characters" in _error(pdf_text, data, "cv.pdf", DEFAULT_LIMITS, Bounds(max_chars=50))


def test_pdf_byte_limit() -> None:
    data = make_pdf([CV_LINES])
    assert "byte limit" in _error(pdf_text, data, "cv.pdf", Limits(max_bytes=100))


# --- Word --------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Jane Doe", 0)
    document.add_heading("Experience", 1)
    document.add_heading("Political Affairs Officer, United Nations", 2)
    document.add_paragraph("2016 - 2021")
    document.add_paragraph("Drafted reports", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Dates", "Post", "Organisation"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["2010 - 2016", "Officer", "OSCE"], strict=True):
        cell.text = text
    document.add_heading("Languages", 1)
    document.add_paragraph("English: native")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_blocks_headings_lists_and_tables() -> None:
    text = docx_text(make_docx(), "cv.docx", DEFAULT_LIMITS)
    assert text.split("\n\n") == [
        "Jane Doe",
        "Experience",
        "Political Affairs Officer, United Nations\n2016 - 2021\n- Drafted reports",
        "Dates\nPost\nOrganisation",
        "2010 - 2016\nOfficer\nOSCE",
        "Languages",
        "English: native\n",
    ]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_docx_zip_bomb_is_refused_before_decompression() -> None:
    bomb = _zip({"word/document.xml": b"\0" * (4 * 1024 * 1024)})  # ~4 KB that inflate 1000x
    assert "expands" in _error(docx_text, bomb, "cv.docx", DEFAULT_LIMITS)


def test_docx_total_size_bound() -> None:
    data = make_docx()
    bounds = Bounds(max_unzipped=10_000)
    assert "would expand" in _error(docx_text, data, "cv.docx", DEFAULT_LIMITS, bounds)


def test_docx_member_count_bound() -> None:
    many = _zip({f"word/media/{i}.xml": b"x" for i in range(DOCUMENT_BOUNDS.max_members + 1)})
    assert "files, over" in _error(docx_text, many, "cv.docx", DEFAULT_LIMITS)


def test_encrypted_docx_is_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600  # Word's encrypted package
    assert "password-protected" in _error(docx_text, ole, "cv.docx", DEFAULT_LIMITS)


@pytest.mark.parametrize(
    "data",
    [
        b"plain text, not a zip",
        b"PK\x03\x04" + b"\0" * 40,  # a zip's first bytes, and no more
    ],
)
def test_not_a_docx_is_refused(data: bytes) -> None:
    assert "not a readable .docx" in _error(docx_text, data, "cv.docx", DEFAULT_LIMITS)


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    data = _zip({"hello.txt": b"hello"})
    assert "damaged or not a Word document" in _error(docx_text, data, "cv.docx", DEFAULT_LIMITS)


def test_damaged_document_xml_is_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(make_docx())) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:200]
    data = _zip(members)
    assert "damaged or not a Word document" in _error(docx_text, data, "cv.docx", DEFAULT_LIMITS)


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(make_docx())) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = members["word/document.xml"]
    head, _, body = xml.partition(b"?>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
    members["word/document.xml"] = head + b"?>" + doctype + body.replace(b"Jane Doe", b"&x;", 1)
    text = _text_or_error(docx_text, _zip(members), "cv.docx", DEFAULT_LIMITS)
    assert "TOPSECRET" not in text
    assert "\n" not in text or not text.startswith("ERROR ")


def test_docx_without_text() -> None:
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    assert "no text" in _error(docx_text, out.getvalue(), "cv.docx", DEFAULT_LIMITS)
