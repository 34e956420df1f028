"""Where results go: stdout, or a file written atomically (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from jobscreen.errors import UsageError

# A lone surrogate (an undecodable byte of a file name) is written as "\udcff", never fails
ERRORS = "backslashreplace"


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Stdout for None or '-'; else a temporary file beside PATH, renamed over it on success.

    An interrupted or failed run leaves the previous file as it was.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    with _open_file(path, binary=False) as handle:
        yield cast(TextIO, handle)


@contextlib.contextmanager
def open_binary_output(path: str | None) -> Iterator[BinaryIO]:
    """As :func:`open_output`, for bytes (an xlsx workbook): stdout's buffer for None or '-'."""
    if path is None or path == "-":
        yield sys.stdout.buffer
        return
    with _open_file(path, binary=True) as handle:
        yield cast(BinaryIO, handle)


def _opener(binary: bool) -> dict[str, Any]:
    if binary:
        return {"mode": "wb"}
    return {"mode": "w", "encoding": "utf-8", "errors": ERRORS, "newline": ""}


@contextlib.contextmanager
def _open_file(path: str, binary: bool) -> Iterator[IO[Any]]:
    target = Path(path).resolve() if Path(path).is_symlink() else Path(path)  # write through
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write to it, never replace it
        with target.open(**_opener(binary)) as handle:
            yield handle
        return
    directory = target.parent
    if not directory.is_dir():
        raise UsageError(f"--output: directory {str(directory)!r} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"--output: cannot write in {str(directory)!r}: {exc.strerror}") from None
    Path(tmp).chmod(_mode_for(target))  # mkstemp makes 0600; give what a plain open would
    try:
        with os.fdopen(fd, **_opener(binary)) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The existing file's mode, else 0666 less the umask, as open() would create it."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
