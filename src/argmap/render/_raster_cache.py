"""A cache of PNG and PDF files drawn from SVG, keyed by everything they depend on.

Rasterising is most of the time of ``argmap teach``, and a teaching set is
usually made again from a map that changed little or not at all. vl-convert
draws the same bytes from the same SVG at the same scale, so each PNG or PDF
is kept under the SHA-256 of (what it is, its scale, the full text of every
SVG it is drawn from, and the fingerprint of the drawing code: argmap's and
vl-convert's versions, :data:`argmap.render.convert.RASTERISER`, the source
of the modules that turn SVG into the rasteriser's input, and the shipped font
files). A changed drawing, scale, font or converter gives another key, so a
cached picture can never be stale; each entry also carries the SHA-256 of its
bytes, so a damaged one is drawn again rather than returned.

Where: ``$XDG_CACHE_HOME/argmap/rasters`` (beside the layout cache, see
:mod:`argmap._cachedir`), written atomically, private to the user (0700),
safe to delete, pruned to :data:`MAX_BYTES` (oldest entries first).
``ARGMAP_NO_CACHE=1`` turns it off. Unlike the layout cache it keeps no copy
in memory: its entries are large and a process asks for each at most once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from argmap._cachedir import replace_file

MAGIC = b"argmap-raster-1\n"
"""First bytes of every entry (an entry that lacks them is ignored)."""
MAX_BYTES = 256 * 1024 * 1024
"""The folder is pruned below this size, oldest entries first."""
_fingerprint: list[str] = []
_pruned: list[bool] = []


def enabled() -> bool:
    """False when ``ARGMAP_NO_CACHE`` is set to anything but ``0`` or empty."""
    from argmap._cachedir import cache_enabled

    return cache_enabled()


def folder() -> Path:
    """The cache folder of rasters."""
    from argmap._cachedir import cache_root

    return cache_root() / "rasters"


def fingerprint() -> str:
    """SHA-256 of what turns an SVG into a PNG or PDF besides the SVG itself:
    argmap's and vl-convert's versions, the rasteriser's name, the source of
    the converting modules and the shipped fonts."""
    if not _fingerprint:
        from importlib import metadata

        from argmap.render import convert, metrics, outline

        h = hashlib.sha256()
        for dist in ("argmap", "vl-convert-python"):
            try:
                version = metadata.version(dist)
            except metadata.PackageNotFoundError:  # pragma: no cover - not installed
                version = "unknown"
            h.update(f"{dist}={version}\0".encode())
        h.update(convert.RASTERISER.encode() + b"\0")
        fonts = metrics.font_dir()
        files = [Path(m.__file__ or "") for m in (convert, metrics, outline)]
        for path in [*files, *sorted(fonts.iterdir())]:
            if path.is_file():
                data = path.read_bytes()
                h.update(path.name.encode() + len(data).to_bytes(8, "little") + data)
        _fingerprint.append(h.hexdigest())
    return _fingerprint[0]


def key(kind: str, scale: float | None, svgs: Sequence[str]) -> str | None:
    """The entry's name for a ``kind`` file (``"png"``, ``"pdf"``) drawn at
    ``scale`` (None for a PDF) from ``svgs`` in order; None when the cache is off."""
    if not enabled():
        return None
    from argmap.render._layout_cache import derived_key

    return derived_key(fingerprint(), kind, repr(scale), str(len(svgs)), *svgs)


def _path(name: str) -> Path:
    return folder() / name[:2] / name


def get(name: str | None) -> bytes | None:
    """The file cached under ``name``, or None (also for a damaged entry)."""
    if name is None or not enabled():
        return None
    try:
        raw = _path(name).read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if not raw.startswith(MAGIC) or len(raw) < head:
        return None
    data = raw[head:]
    if hashlib.sha256(data).digest() != raw[len(MAGIC) : head]:
        return None
    return data


def put(name: str | None, data: bytes) -> None:
    """Keep ``data`` under ``name`` (quietly nothing when the folder is not writable)."""
    if name is None or not enabled():
        return
    path = _path(name)
    try:
        folder().mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        replace_file(path, MAGIC + hashlib.sha256(data).digest(), data)
    except OSError:
        return
    if not _pruned:
        _pruned.append(True)
        from argmap.render._layout_cache import prune

        prune(MAX_BYTES, folder())
