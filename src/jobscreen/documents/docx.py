"""A Word (.docx) CV as plain text, through python-docx.

The body is read in document order: paragraphs, list paragraphs (written "- ..."), headings
and tables, nested in tables and content controls too. Blocks are separated by a blank line,
so that the extractor sees one post per block: a heading starts a block (a first-level
heading or title is a block of its own), an empty paragraph ends one, and each table row is
one block, its cells in order (a job history table's "dates | post | organisation | duties",
or a layout table's "dates | paragraphs"). Page headers and footers are not read.

A .docx is a zip archive: its member count and decompressed size are checked from the
archive's directory before anything is decompressed (a zip bomb is refused unread), and
Python's zipfile never inflates a member beyond the size the directory declares. python-docx
parses the XML without resolving entities or fetching anything, and linked (external)
images and files are never followed.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from jobscreen.documents import DOCUMENT_BOUNDS, Bounds
from jobscreen.errors import InputError, Location
from jobscreen.limits import Limits

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: encrypted .docx, or a .doc
_BIG = 1024 * 1024
_BULLETS = tuple("-*•·▪◦‣●○■□➢►\u2013\u2014")

Block = list[str]


def _fail(message: str, source: str) -> InputError:
    return InputError(message, Location(source, 1, 1))


def _check_archive(data: bytes, source: str, bounds: Bounds) -> None:
    """Refuse, from the zip directory alone, what is not a .docx or would expand too far."""
    if data.startswith(_OLE):
        raise _fail(
            "this Word file is password-protected (encrypted) or an old .doc saved as .docx: "
            "save an unprotected .docx copy or save the CV as text",
            source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        why = "not a readable .docx file (not a zip archive): damaged or misnamed"
        raise _fail(why, source) from None
    if len(members) > bounds.max_members:
        why = f"holds {len(members)} files, over the {bounds.max_members} a .docx may hold"
        raise _fail(f"refused unread: the .docx {why}", source)
    total = sum(m.file_size for m in members)
    if total > bounds.max_unzipped:
        why = f"would expand to {total} bytes, over the {bounds.max_unzipped}-byte bound"
        raise _fail(f"refused unread: the .docx {why} (a zip bomb?)", source)
    for m in members:
        if m.file_size > _BIG and m.file_size > bounds.max_ratio * max(m.compress_size, 1):
            why = f"member {m.filename!r} expands {m.file_size // max(m.compress_size, 1)} times"
            raise _fail(f"refused unread: the .docx {why} (a zip bomb?)", source)


def docx_text(data: bytes, source: str, limits: Limits, bounds: Bounds = DOCUMENT_BOUNDS) -> str:
    """The text of a .docx for the CV extractor, or a one-line InputError: a file too large,
    encrypted, damaged, not a .docx, or one that would expand beyond the bounds."""
    import docx

    if len(data) > limits.max_bytes:
        why = f"file is over the {limits.max_bytes}-byte limit{limits.hint('max-bytes')}"
        raise _fail(why, source)
    _check_archive(data, source, bounds)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document, document.element.body)
    except Exception as exc:  # python-docx and lxml meet damage with many kinds of exception
        why = " ".join(str(exc).split())[:120] or type(exc).__name__
        why = f"cannot read this .docx (damaged or not a Word document): {why}"
        raise _fail(why, source) from None
    text = "\n\n".join("\n".join(block) for block in blocks if block).strip()
    if len(text) > bounds.max_chars:
        raise _fail(f".docx holds over {bounds.max_chars} characters of text", source)
    if not text:
        raise _fail("this .docx holds no text", source)
    return text + "\n"


def _blocks(document: WordDocument, container: Any) -> list[Block]:
    """The blocks of a body, table cell or content control, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = [[]]
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            _paragraph(Paragraph(child, document), blocks)
        elif tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                blocks.append(_row(document, row))
            blocks.append([])
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                blocks.extend(_blocks(document, content))
                blocks.append([])
    return [b for b in blocks if b]


def _row(document: WordDocument, row: object) -> Block:
    """One table row as one block: its cells' lines in order (a merged cell once)."""
    block: Block = []
    seen: set[int] = set()
    for cell in row.cells:  # type: ignore[attr-defined]
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        for inner in _blocks(document, cell._tc):
            block.extend(inner)
    return block


def _paragraph(paragraph: object, blocks: list[Block]) -> None:
    text: str = paragraph.text  # type: ignore[attr-defined]
    lines = [" ".join(line.replace("\t", "  ").split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        blocks.append([])  # an empty paragraph ends a block
        return
    style = _style_name(paragraph)
    if style == "title" or style == "heading 1":
        blocks.extend([lines, []])
    elif style.startswith("heading") or style == "subtitle":
        blocks.append(lines)
    else:
        if _listed(paragraph, style) and not lines[0].startswith(_BULLETS):
            lines[0] = f"- {lines[0]}"
        blocks[-1].extend(lines)


def _style_name(paragraph: object) -> str:
    try:
        style = paragraph.style  # type: ignore[attr-defined]
    except (KeyError, ValueError, AttributeError):
        return ""
    return str(getattr(style, "name", "") or "").casefold()


def _listed(paragraph: object, style: str) -> bool:
    """A list paragraph: a 'List ...' style, or numbering set on the paragraph."""
    if style.startswith("list"):
        return True
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    return ppr is not None and ppr.numPr is not None
