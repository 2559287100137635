"""Where argmap keeps its caches on disk, and the switch that turns them off.

Used by the cache of validated maps (:mod:`argmap.formats._cache`), the
layout cache (:mod:`argmap.render._layout_cache`) and the cache of PNG and
PDF files (:mod:`argmap.render._raster_cache`); all keep only what can be
made again, so the folder is safe to delete.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

MAP_CACHE_FROM = 256 * 1024
"""Maps of at least this many bytes go through the cache of validated maps;
smaller ones parse in milliseconds (and their readers do not import it)."""


def cache_enabled() -> bool:
    """False when ``ARGMAP_NO_CACHE`` is set to anything but ``0`` or empty
    (it turns off every cache argmap keeps on disk)."""
    return os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def cache_root() -> Path:
    """The folder argmap's caches live in: ``$XDG_CACHE_HOME/argmap``, else the
    platform's user cache folder (``~/.cache``, ``~/Library/Caches`` on macOS,
    ``%LOCALAPPDATA%`` on Windows) with ``argmap`` below it."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        if sys.platform == "darwin":
            base = str(Path.home() / "Library" / "Caches")
        elif os.name == "nt":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        else:
            base = str(Path.home() / ".cache")
    return Path(base) / "argmap"


def replace_file(path: Path, *parts: bytes) -> None:
    """Make ``path`` hold ``parts``, joined, all at once: written to a
    temporary file (mode 0600) beside it, then renamed over it; the temporary
    file is removed on failure. Raises OSError. Without the fsync of
    :func:`argmap.io.write_atomic`: a lost cache entry is only made again."""
    import tempfile  # with shutil and bz2, 6 ms that reading a map does not need

    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
