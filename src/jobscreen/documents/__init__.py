"""PDF and Word CVs as the plain text the CV extractor reads.

Pure functions of a file's bytes: no file is opened, nothing is fetched from outside, and a
document that cannot be read safely is a one-line :class:`~jobscreen.errors.InputError`
naming the file. :func:`reader_for` maps a file name to its reader; it is the one place that
decides which documents are read this way.

- :func:`~jobscreen.documents.pdf.pdf_text` (pypdf): text in the order the PDF draws it
  (a two-column layout's columns one after the other), running headers, footers and page
  numbers removed, bullets kept as bullets.
- :func:`~jobscreen.documents.docx.docx_text` (python-docx): paragraphs, headings, list
  paragraphs and tables in document order, a blank line between blocks, so that each post
  is one block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jobscreen.limits import Limits

__all__ = [
    "DOCUMENT_BOUNDS",
    "MEDIA",
    "Bounds",
    "Reader",
    "medium_of",
    "read_document",
    "reader_for",
]

Reader = Callable[[bytes, str, Limits], str]


@dataclass(frozen=True)
class Bounds:
    """Bounds of a document beyond its size in bytes (the Limits' max_bytes): no CV comes
    near them; a file beyond one is refused, never read in part."""

    max_pages: int = 50
    max_objects: int = 100_000  # PDF objects in the cross-reference table
    max_members: int = 1_000  # files in a .docx (a zip)
    max_unzipped: int = 64 * 1024 * 1024  # their total size once decompressed
    max_ratio: int = 200  # decompressed / compressed, for any member over 1 MiB
    max_chars: int = 1_000_000  # text taken from one document


DOCUMENT_BOUNDS = Bounds()

# suffix: the medium named in results ("extracted from PDF"); readers are imported lazily
MEDIA = {".pdf": "PDF", ".docx": "Word"}


def medium_of(name: str) -> str:
    """'PDF', 'Word', or 'text' for every other CV file name."""
    dot = name.rfind(".")
    return MEDIA.get(name[dot:].lower(), "text") if dot > 0 else "text"


def _pdf(data: bytes, source: str, limits: Limits) -> str:
    from jobscreen.documents.pdf import pdf_text

    return pdf_text(data, source, limits)


def _docx(data: bytes, source: str, limits: Limits) -> str:
    from jobscreen.documents.docx import docx_text

    return docx_text(data, source, limits)


_READERS: dict[str, Reader] = {"PDF": _pdf, "Word": _docx}


def reader_for(name: str) -> Reader | None:
    """The reader of a PDF or Word file, by its name's suffix; None for any other file."""
    return _READERS.get(medium_of(name))


def read_document(name: str, limits: Limits) -> str | None:
    """The text of the PDF or Word file ``name``, read within the limits (a located
    InputError otherwise); None for any other file, which is read as before."""
    reader = reader_for(name)
    if reader is None:
        return None
    from jobscreen.loading import read_bytes

    return reader(read_bytes(Path(name), limits.max_bytes, limits.hint("max-bytes")), name, limits)
