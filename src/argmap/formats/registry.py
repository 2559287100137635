"""The one place a format is named.

Each format module defines ``FORMAT = Format(...)``; :data:`TABLE` names each
format with its module, suffixes, whether it reads and writes, and the cheap
content sniff of :mod:`argmap.formats._sniff`, so that a format is chosen
from a file's name and head without importing any format module: reading a
map imports the one module it needs (``argmap validate`` on a YAML map never
imports networkx, PyYAML or the AIF reader). A format may only read
(``loads``), only write (``dumps``) or both; ``tests/formats/test_registry.py``
checks that the table says what the modules do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from argmap._cachedir import MAP_CACHE_FROM
from argmap.errors import ArgmapError
from argmap.formats import _sniff
from argmap.io import read_bytes
from argmap.model import ArgumentMap, MapSize

# Format and Entry are plain slotted classes rather than dataclasses: every
# command that reads a map imports this module, and each dataclass costs a
# compile of its generated methods at start-up.


class Format:
    """A named format with its file suffixes and (optional) reader and writer.

    ``loads(text, path)`` reads text (``path`` only names it in messages);
    ``dumps(map)`` writes text; ``sniff(text)`` says whether text looks like this
    format, for inputs whose suffix is ambiguous (``.json``, ``.yaml``);
    ``losses(map)`` says, one line each, what ``dumps`` cannot write of a map.
    """

    __slots__ = ("description", "dumps", "loads", "losses", "name", "sniff", "suffixes")

    def __init__(
        self,
        name: str,
        description: str,
        suffixes: tuple[str, ...],
        loads: Callable[[str, str], ArgumentMap] | None = None,
        dumps: Callable[[ArgumentMap], str] | None = None,
        sniff: Callable[[str], bool] | None = None,
        losses: Callable[[ArgumentMap], list[str]] | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self.suffixes = suffixes
        self.loads = loads
        self.dumps = dumps
        self.sniff = sniff
        self.losses = losses

    def __repr__(self) -> str:
        return f"Format({self.name!r})"


class Entry:
    """What the registry knows of a format without importing its module.

    A suffix in ``weak`` (``.txt``) names the format only when ``sniff`` agrees
    with the content: plain notes beside a map are not read as Kialo.
    """

    __slots__ = ("module", "name", "reads", "sniff", "suffixes", "weak", "writes")

    def __init__(
        self,
        name: str,
        module: str,  # under argmap.formats
        suffixes: tuple[str, ...],
        reads: bool,
        writes: bool,
        sniff: Callable[[str], bool] | None = None,
        weak: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.module = module
        self.suffixes = suffixes
        self.reads = reads
        self.writes = writes
        self.sniff = sniff
        self.weak = weak

    def __repr__(self) -> str:
        return f"Entry({self.name!r})"

    def claims_by_suffix(self, name: str) -> bool:
        """Whether a (lower-case) file name's suffix alone says this format."""
        return any(name.endswith(s) for s in self.suffixes if s not in self.weak)

    def looks_like(self, text: str) -> bool:
        """Whether the content agrees (True when the format cannot tell)."""
        return self.sniff is None or self.sniff(text)


# In the order formats are tried.
TABLE: tuple[Entry, ...] = (
    Entry("yaml", "yaml_format", (".yaml", ".yml"), True, True, _sniff.native_yaml),
    Entry("json", "json_native", (".json",), True, True, _sniff.native_json),
    Entry("aif", "aif", (".aif.json", ".json"), True, True, _sniff.aif),
    Entry("argdown", "argdown", (".argdown", ".ad"), True, True),
    Entry("kialo", "kialo", (".kialo.txt", ".kialo", ".txt"), True, False, _sniff.kialo, (".txt",)),
    Entry("graphml", "graphml", (".graphml",), False, True),
    Entry("nodelink", "nodelink", (".nodelink.json",), False, True),
    Entry("mermaid", "mermaid", (".mmd", ".mermaid"), False, True),
    Entry("carneades", "carneades", (".yml", ".yaml"), True, False, _sniff.carneades),
    Entry("iccma", "iccma", (".af", ".i23"), True, True),
    Entry("apx", "iccma_apx", (".apx",), True, True),
    Entry("tgf", "iccma_tgf", (".tgf",), True, True),
)
MODULES: tuple[str, ...] = tuple(e.module for e in TABLE)
_ENTRIES = {e.name: e for e in TABLE}


_cache: dict[str, Format] = {}


def _module_format(entry: Entry) -> Format:
    if entry.name not in _cache:
        module = importlib.import_module(f"argmap.formats.{entry.module}")
        _cache[entry.name] = module.FORMAT
    return _cache[entry.name]


def formats() -> dict[str, Format]:
    """Every registered format by name, in registration order (imports every module)."""
    return {e.name: _module_format(e) for e in TABLE}


def get(name: str) -> Format:
    """The format with this name; ArgmapError naming the known ones otherwise."""
    if name not in _ENTRIES:
        raise ArgmapError(f"unknown format {name!r} (known: {', '.join(sorted(_ENTRIES))})")
    return _module_format(_ENTRIES[name])


def for_path(path: str | Path, text: str | None = None, *, reading: bool = True) -> Format:
    """The format of a file, from its suffix, and from its content when the
    suffix is shared by several formats and ``text`` is given (only the head of
    the text is looked at)."""
    return _module_format(_choose(path, text, reading=reading))


def _choose(path: str | Path, text: str | None, *, reading: bool) -> Entry:
    name = str(path).lower()
    candidates = [
        e
        for e in TABLE
        if any(name.endswith(s) for s in e.suffixes) and (e.reads if reading else e.writes)
    ]
    if reading and text is not None:
        weak = [f for f in candidates if not f.claims_by_suffix(name) and not f.looks_like(text)]
        if weak and len(weak) == len(candidates):
            raise ArgmapError(
                f"{path}: does not look like a {weak[0].name} file, so it is not read as one;"
                f" give --from {weak[0].name} if it is"
            )
        candidates = [f for f in candidates if f not in weak]
    if len(candidates) > 1 and text is not None:
        sniffed = [e for e in candidates if e.sniff is not None and e.sniff(text)]
        if sniffed:
            candidates = sniffed
    if len(candidates) > 1:
        # The longest matching suffix wins: x.aif.json is AIF, x.json native JSON.
        longest = max(len(s) for e in candidates for s in e.suffixes if name.endswith(s))
        candidates = [
            e for e in candidates if any(name.endswith(s) and len(s) == longest for s in e.suffixes)
        ] or candidates
    if not candidates:
        other = [
            e.name
            for e in TABLE
            if any(name.endswith(s) for s in e.suffixes) and (e.writes if reading else e.reads)
        ]
        if other:
            can = "written" if reading else "read"
            raise ArgmapError(f"{path}: format {other[0]!r} can only be {can}")
        known = sorted({s for e in TABLE if (e.reads if reading else e.writes) for s in e.suffixes})
        raise ArgmapError(
            f"{path}: cannot tell the format from the file name "
            f"(known suffixes: {', '.join(known)})"
        )
    return candidates[0]


def read(path: str | Path, name: str | None = None) -> ArgumentMap:
    """Read a map in any registered format (from the suffix, content or ``name``)."""
    return _load(read_bytes(Path(path)), path, name)


def check(path: str | Path) -> tuple[MapSize, ArgumentMap | None]:
    """Validate the map at ``path`` (in any registered format, chosen as
    :func:`read` chooses it): its sizes, and the map itself when it was
    built. A big one-file YAML map is checked in two processes where it can
    be, without building it (:func:`argmap.formats.yaml.check_bytes`), and
    put in the cache of validated maps afterwards, by a detached process;
    MapError lists the problems of a map that is not valid."""
    raw = read_bytes(Path(path))
    entry = _entry(raw, path, None)
    if entry.name == "yaml" and b"include" not in raw and len(raw) >= MAP_CACHE_FROM:
        from argmap.formats import _cache
        from argmap.formats.yaml import SPLIT_FROM, check_bytes

        if len(raw) >= SPLIT_FROM:
            stored = _cache.entry(raw, entry.name, str(path))
            amap = _cache.cached(stored) if stored is not None else None
            if amap is not None:
                return MapSize.of(amap), amap
            size = check_bytes(raw, str(path))
            if size is not None:
                if stored is not None:
                    _cache.store_later(stored, lambda: _parse(raw, path, entry))
                return size, None
    amap = _load(raw, path, entry=entry)
    return MapSize.of(amap), amap


def _entry(raw: bytes, path: str | Path, name: str | None) -> Entry:
    """The format to read ``raw`` in: ``name``'s, or the one its suffix and head tell."""
    if name:
        get(name)  # an unknown name is an error
        entry = _ENTRIES[name]
    else:
        # A sniff looks at most at HEAD_CHARS characters: 4 bytes each at most.
        head = raw[: 4 * _sniff.HEAD_CHARS].decode("utf-8", errors="ignore")
        entry = _choose(path, head, reading=True)
    if not entry.reads:
        raise ArgmapError(f"format {entry.name!r} can only be written")
    return entry


def _load(
    raw: bytes, path: str | Path, name: str | None = None, entry: Entry | None = None
) -> ArgumentMap:
    """The map in ``raw`` (read from ``path``): from the cache of validated maps
    (:mod:`argmap.formats._cache`) when it holds these bytes, else parsed."""
    if entry is None:
        entry = _entry(raw, path, name)
    if entry.name == "yaml" and b"include" in raw:
        # A map over several files depends on more than these bytes: never cached.
        return _parse(raw, path, entry)
    if len(raw) < MAP_CACHE_FROM:  # not worth the cache, nor importing it
        return _parse(raw, path, entry)
    from argmap.formats import _cache

    return _cache.load(raw, entry.name, str(path), lambda: _parse(raw, path, entry))


def _parse(raw: bytes, path: str | Path, entry: Entry) -> ArgumentMap:
    if entry.name == "yaml":  # the native format may include other files
        from argmap.formats.yaml import load_with_files

        return load_with_files(path, raw).amap  # no need for the text as a str
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        from argmap.formats.yaml import loads_bytes

        return loads_bytes(raw, str(path))  # reports the bad byte's position
    fmt = _module_format(entry)
    assert fmt.loads is not None  # entry.reads
    return fmt.loads(text, str(path))


def read_with_positions(path: str | Path) -> tuple[ArgumentMap, dict[str, tuple[int, int]]]:
    """Read a map, with where each item starts in the file when it is a native YAML map.

    The positions are those of :func:`argmap.formats.yaml.item_positions`;
    for other formats they are empty.
    """
    amap, places = read_with_places(path)
    return amap, {key: (line, col) for key, (_file, line, col) in places.items()}


def read_with_places(path: str | Path) -> tuple[ArgumentMap, dict[str, tuple[str, int, int]]]:
    """Like :func:`read_with_positions`, each item also with the file it is in
    (the map or a file it includes): key -> (file, line, col)."""
    from argmap.formats.yaml import item_positions, load_with_files

    raw = read_bytes(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text or for_path(path, text).name != "yaml":
        return read(path), {}
    loaded = load_with_files(path, raw)
    places: dict[str, tuple[str, int, int]] = {}
    for name in loaded.files:
        body = text if name == str(path) else read_bytes(Path(name)).decode("utf-8", "replace")
        for key, (line, col) in item_positions(body.removeprefix("\ufeff")).items():
            places.setdefault(key, (name, line, col))
    return loaded.amap, places


def read_with_ids(path: str | Path) -> tuple[ArgumentMap, dict[str, str]]:
    """Read a map in any format, with argmap id -> id as written in the file.

    The mapping is empty except for Carneades graphs, whose statement ids
    (such as ``¬app(a1)``) are not argmap ids.
    """
    raw = read_bytes(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _load(raw, path), {}
    if for_path(path, text).name == "carneades":
        from argmap.formats.carneades import loads_with_ids

        return loads_with_ids(text, str(path))
    return _load(raw, path), {}
