"""Plain-text and Markdown CV summaries read into jobscreen's native CV format, with notes.

Pure and deterministic: no I/O, no clock, no printing. :func:`extract` reads the text of a
summary into the native mapping, with a note on every value it inferred, the lines it could
not place, and stated totals ("over 12 years of ..."), which stay claims and never become
posts. It is conservative: a doubtful entry is kept, noted and listed as uncertain; a line it
cannot read is listed as unplaced, never guessed. :func:`to_yaml` writes the mapping as YAML
with those notes as comments.

The modules, in reading order: ``words`` (vocabulary from data), ``sections`` (lines,
headings, units), ``dates``, ``narrative`` and ``roles`` (titles and employers), ``posts``,
``degrees``, ``languages``, ``identity`` (name, email, claims), ``reader`` (the loop and
the result) and ``writer`` (YAML).
"""

from jobscreen.extract.reader import extract
from jobscreen.extract.state import Extraction, Note
from jobscreen.extract.writer import to_yaml

__all__ = ["Extraction", "Note", "extract", "to_yaml"]
