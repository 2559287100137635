"""A cache of Graphviz layouts, keyed by everything the output depends on.

Graphviz is deterministic: the same DOT text, output format and engine, laid
out by the same Graphviz build, give the same bytes. Paginating a map lays
out hundreds of candidate pages and layout variants, most of them unchanged
from one run to the next, so each output is kept under the SHA-256 of
(DOT text, format, engine, route, Graphviz version) and reused when that
exact input comes again. A changed map, style or Graphviz gives other keys,
so a cached layout can never be stale.

Where: ``$XDG_CACHE_HOME/argmap/layouts`` (``~/.cache/argmap/layouts``),
entries zlib-compressed, written atomically (no fsync: a lost entry is
only laid out again), private to the user (0700); the folder is safe to delete and
is pruned to :data:`MAX_BYTES` (oldest entries first). ``ARGMAP_NO_CACHE=1``
turns it off (also the copy a run keeps of its recent layouts in memory).
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections import OrderedDict
from pathlib import Path

from argmap._cachedir import replace_file

MAGIC = b"argmap-layout-1\n"
"""First bytes of every entry (an entry that lacks them is ignored)."""
MAX_BYTES = 256 * 1024 * 1024
"""The folder is pruned below this size, oldest entries first."""
_MEMORY = 512
_memory: OrderedDict[str, bytes] = OrderedDict()
_pruned: list[bool] = []


def enabled() -> bool:
    """False when ``ARGMAP_NO_CACHE`` is set to anything but ``0`` or empty."""
    from argmap._cachedir import cache_enabled

    return cache_enabled()


def folder() -> Path:
    """The cache folder of layouts."""
    from argmap._cachedir import cache_root

    return cache_root() / "layouts"


def key(dot: str, fmt: str, engine: str, via: str, version: str) -> str | None:
    """The entry's name, or None when nothing may be cached (no known version)."""
    if not version:
        return None
    return derived_key(version, via, engine, fmt, dot)


def derived_key(*parts: str) -> str:
    """The entry's name for something derived from ``parts`` alone (each part
    is hashed with its length, so no two lists of parts share a name)."""
    h = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8")
        h.update(len(raw).to_bytes(8, "little") + raw)
    return h.hexdigest()


def _path(name: str) -> Path:
    return folder() / name[:2] / name


def get(name: str | None) -> bytes | None:
    """The cached output under ``name``, or None."""
    if name is None or not enabled():
        return None
    found = _memory.get(name)
    if found is not None:
        _memory.move_to_end(name)
        return found
    try:
        raw = _path(name).read_bytes()
    except OSError:
        return None
    if not raw.startswith(MAGIC):
        return None
    try:
        data = zlib.decompress(raw[len(MAGIC) :])
    except zlib.error:
        return None
    _remember(name, data)
    return data


def put(name: str | None, data: bytes) -> None:
    """Keep ``data`` under ``name`` (quietly nothing when the folder is not writable)."""
    if name is None or not enabled():
        return
    _remember(name, data)
    path = _path(name)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        replace_file(path, MAGIC, zlib.compress(data, 1))
    except OSError:
        return
    prune_once()


def prune_once() -> None:
    """:func:`prune`, the first time it is called in a process (a long-running
    process such as ``argmap serve`` calls it at start, so that no later
    drawing waits for it)."""
    if not _pruned and enabled():
        _pruned.append(True)
        prune()


def _remember(name: str, data: bytes) -> None:
    _memory[name] = data
    _memory.move_to_end(name)
    while len(_memory) > _MEMORY:
        _memory.popitem(last=False)


def prune(limit: int = MAX_BYTES, where: Path | None = None) -> int:
    """Delete the oldest entries until the folder (``where``, default the
    layouts' :func:`folder`) holds at most ``limit`` bytes; the number of
    entries deleted."""
    entries: list[tuple[float, int, Path]] = []
    total = 0
    try:
        for sub in os.scandir(folder() if where is None else where):
            if not sub.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(sub.path):
                if entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    entries.append((st.st_mtime, st.st_size, Path(entry.path)))
                    total += st.st_size
    except OSError:
        return 0
    deleted = 0
    entries.sort()
    for _mtime, size, path in entries:
        if total <= limit:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= size
        deleted += 1
    return deleted
