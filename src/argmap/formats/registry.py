"""The one place a format is named.

Each format module defines ``FORMAT = Format(...)``; :data:`MODULES` lists the
modules, imported lazily so that ``argmap validate`` does not pay for the rest.
A format may only read (``loads``), only write (``dumps``) or both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

# Format modules under argmap.formats, in the order formats are tried.
MODULES: tuple[str, ...] = (
    "yaml_format",
    "json_native",
    "aif",
    "argdown",
    "kialo",
    "graphml",
    "nodelink",
    "mermaid",
    "carneades",
    "iccma",
    "iccma_apx",
    "iccma_tgf",
)


@dataclass(frozen=True, slots=True)
class Format:
    """A named format with its file suffixes and (optional) reader and writer.

    ``loads(text, path)`` reads text (``path`` only names it in messages);
    ``dumps(map)`` writes text; ``sniff(text)`` says whether text looks like this
    format, for inputs whose suffix is ambiguous (``.json``, ``.yaml``);
    ``losses(map)`` says, one line each, what ``dumps`` cannot write of a map.
    A suffix in ``weak_suffixes`` (``.txt``) names the format only when
    ``sniff`` agrees with the content: plain notes beside a map are not read
    as this format.
    """

    name: str
    description: str
    suffixes: tuple[str, ...]
    loads: Callable[[str, str], ArgumentMap] | None = None
    dumps: Callable[[ArgumentMap], str] | None = None
    sniff: Callable[[str], bool] | None = None
    losses: Callable[[ArgumentMap], list[str]] | None = None
    weak_suffixes: tuple[str, ...] = ()

    def claims_by_suffix(self, name: str) -> bool:
        """Whether a (lower-case) file name's suffix alone says this format."""
        return any(name.endswith(s) for s in self.suffixes if s not in self.weak_suffixes)

    def looks_like(self, text: str) -> bool:
        """Whether the content agrees (True when the format cannot tell)."""
        return self.sniff is None or self.sniff(text)


_cache: dict[str, Format] = {}


def formats() -> dict[str, Format]:
    """Every registered format by name, in registration order."""
    if not _cache:
        for module in MODULES:
            fmt: Format = importlib.import_module(f"argmap.formats.{module}").FORMAT
            _cache[fmt.name] = fmt
    return _cache


def get(name: str) -> Format:
    """The format with this name; ArgmapError naming the known ones otherwise."""
    known = formats()
    if name not in known:
        raise ArgmapError(f"unknown format {name!r} (known: {', '.join(sorted(known))})")
    return known[name]


def for_path(path: str | Path, text: str | None = None, *, reading: bool = True) -> Format:
    """The format of a file, from its suffix, and from its content when the
    suffix is shared by several formats and ``text`` is given."""
    name = str(path).lower()
    candidates = [
        f
        for f in formats().values()
        if any(name.endswith(s) for s in f.suffixes)
        and (f.loads if reading else f.dumps) is not None
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
        sniffed = [f for f in candidates if f.sniff is not None and f.sniff(text)]
        if sniffed:
            candidates = sniffed
    if len(candidates) > 1:
        # The longest matching suffix wins: x.aif.json is AIF, x.json native JSON.
        longest = max(len(s) for f in candidates for s in f.suffixes if name.endswith(s))
        candidates = [
            f for f in candidates if any(name.endswith(s) and len(s) == longest for s in f.suffixes)
        ] or candidates
    if not candidates:
        other = [
            f.name
            for f in formats().values()
            if any(name.endswith(s) for s in f.suffixes)
            and (f.dumps if reading else f.loads) is not None
        ]
        if other:
            can = "written" if reading else "read"
            raise ArgmapError(f"{path}: format {other[0]!r} can only be {can}")
        known = sorted(
            {s for f in formats().values() if (f.loads if reading else f.dumps) for s in f.suffixes}
        )
        raise ArgmapError(
            f"{path}: cannot tell the format from the file name "
            f"(known suffixes: {', '.join(known)})"
        )
    return candidates[0]


def read(path: str | Path, name: str | None = None) -> ArgumentMap:
    """Read a map in any registered format (from the suffix, content or ``name``)."""
    from argmap.formats.yaml import _read

    raw = _read(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        from argmap.formats.yaml import loads_bytes

        return loads_bytes(raw, str(path))  # reports the bad byte's position
    fmt = get(name) if name else for_path(path, text)
    if fmt.loads is None:
        raise ArgmapError(f"format {fmt.name!r} can only be written")
    return fmt.loads(text, str(path))


def read_with_positions(path: str | Path) -> tuple[ArgumentMap, dict[str, tuple[int, int]]]:
    """Read a map, with where each item starts in the file when it is a native YAML map.

    The positions are those of :func:`argmap.formats.yaml.item_positions`;
    for other formats they are empty.
    """
    from argmap.formats.yaml import _read, item_positions

    amap = read(path)
    raw = _read(Path(path))
    text = raw.decode("utf-8")
    if for_path(path, text).name != "yaml":
        return amap, {}
    return amap, item_positions(text.removeprefix("\ufeff"))
