"""Reading and writing files: with the format registry (which reads maps
through :func:`read_bytes`) the only place below the CLI that touches files.

Failures are user errors naming the file (:class:`~argmap.errors.ArgmapError`)
for reading; :func:`write_atomic` leaves the previous file in place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file; ArgmapError saying why when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArgmapError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArgmapError(f"{path}: is a directory, not a map file") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    A failure at any point leaves the previous file (if any) untouched.
    Parent folders are created as needed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; keep the old mode or the umask's
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
