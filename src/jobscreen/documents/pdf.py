"""A PDF's text layer as plain text, through pypdf.

pypdf gives a page's text in the order the PDF draws it. CV generators draw a two-column
layout frame by frame, so each column comes whole (the sidebar, then the main column), which
is the reading order the extractor needs; layout-based readers (pdfplumber) interleave the
two columns line by line instead. Running headers and footers (lines repeated at the top or
bottom of the pages) and page numbers ("Page 2 of 3", "2 / 3") are removed.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from jobscreen.documents import DOCUMENT_BOUNDS, Bounds
from jobscreen.errors import InputError, Location
from jobscreen.limits import Limits

__all__ = ["IMAGES_ONLY", "pdf_text"]

# pypdf reports what it repairs through logging; unhandled, Python prints it to stderr
logging.getLogger("pypdf").addHandler(logging.NullHandler())

IMAGES_ONLY = (
    "this PDF holds images only: run OCR first, for example with ocrmypdf, or save it as text"
)
ENCRYPTED = (
    "this PDF is encrypted (password-protected): jobscreen does not read encrypted PDFs; "
    "save an unprotected copy or save the CV as text"
)
_EDGE = 4  # lines at the top and at the bottom of a page where headers and footers are
_PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014\s]*(?:(?:page|p\.|seite|página|pagina)\s*)?\d{1,4}"
    r"(?:\s*(?:of|/|sur|de|von|di|\|)\s*\d{1,4})?[-\u2013\u2014\s]*$",
    re.IGNORECASE,
)
# bullets that fonts map to private-use or control code points (Symbol, Wingdings, DEL)
_ODD_BULLET = re.compile(r"^\s*[\x7f\ue000-\uf8ff]+\s*")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _fail(message: str, source: str) -> InputError:
    return InputError(message, Location(source, 1, 1))


def _clean(line: str) -> str:
    line = _ODD_BULLET.sub("• ", line.replace("\u00a0", " ")).rstrip()
    return _PRIVATE.sub("", line)


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running headers and footers: a line at a page's edge that is a
    page number, or that recurs (digits aside) at the edge of most pages."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_edge_key(lines[i]) for i in _edges(lines)})
    running = {key for key, n in seen.items() if n >= 2 and n * 2 > len(pages)}
    kept: list[list[str]] = []
    for lines in pages:
        drop = {
            i
            for i in _edges(lines)
            if _PAGE_NUMBER.match(lines[i]) or _edge_key(lines[i]) in running
        }
        kept.append([line for i, line in enumerate(lines) if i not in drop])
    return kept


def pdf_text(data: bytes, source: str, limits: Limits, bounds: Bounds = DOCUMENT_BOUNDS) -> str:
    """The text of a PDF for the CV extractor, or a one-line InputError: a file too large,
    encrypted, damaged or not a PDF, beyond the page or object bounds, or with no text layer
    (a scan)."""
    if len(data) > limits.max_bytes:
        why = f"file is over the {limits.max_bytes}-byte limit{limits.hint('max-bytes')}"
        raise _fail(why, source)
    if b"%PDF-" not in data[:1024]:
        raise _fail("not a PDF file (no %PDF header): the file is damaged or misnamed", source)
    try:
        pages = _pages(data, source, bounds)
    except InputError:
        raise
    except Exception as exc:  # pypdf meets damage with many kinds of exception
        why = f"cannot read this PDF (damaged or not a PDF): {_reason(exc)}"
        raise _fail(why, source) from None
    lines = [line for page in _without_furniture(pages) for line in page]
    text = "\n".join(lines).strip()
    if len(_LETTER.findall(text)) < 20:
        raise _fail(IMAGES_ONLY, source)
    return text + "\n"


def _pages(data: bytes, source: str, bounds: Bounds) -> list[list[str]]:
    """Each page's lines, within the bounds."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _fail(ENCRYPTED, source)
    objects = sum(len(table) for table in reader.xref.values()) + len(reader.xref_objStm)
    if objects > bounds.max_objects:
        raise _fail(
            f"PDF has {objects} objects, over the {bounds.max_objects} a CV may hold", source
        )
    count = len(reader.pages)
    if count > bounds.max_pages:
        raise _fail(f"PDF has {count} pages, over the {bounds.max_pages} a CV may have", source)
    pages: list[list[str]] = []
    total = 0
    for page in reader.pages:
        text = page.extract_text()
        total += len(text)
        if total > bounds.max_chars:
            raise _fail(f"PDF holds over {bounds.max_chars} characters of text", source)
        pages.append([_clean(line) for line in text.splitlines()])
    return pages


def _reason(exc: Exception) -> str:
    """An exception as a short phrase on one line."""
    text = " ".join(str(exc).split())[:120]
    return text or type(exc).__name__
