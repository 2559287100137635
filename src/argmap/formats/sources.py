"""Reading the texts of a map's sources: the ``file`` of each source, or the
files given on the command line (``--text SOURCE=FILE``).

The anchor, hedge, lint and coverage checks in :mod:`argmap.analysis` are
pure and take the texts read here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, Source

__all__ = ["SourceTexts", "read_source_texts", "source_text_path"]


def source_text_path(amap_path: Path, source: Source) -> Path | None:
    """The path of a source's ``file``, relative to the map's folder; None if it has none.

    The path is not checked for existence.
    """
    if source.file is None:
        return None
    return amap_path.parent / source.file


@dataclass(frozen=True, slots=True)
class SourceTexts:
    """The texts of a map's sources: ``texts`` (source id -> text) read from
    ``paths``; ``unreadable`` (source id -> why) for files that could not be read."""

    texts: Mapping[str, str]
    paths: Mapping[str, Path]
    unreadable: Mapping[str, str]


def read_source_texts(
    amap: ArgumentMap, map_path: Path, texts: Sequence[str], *, strict: bool = True
) -> SourceTexts:
    """Read the texts of a map's sources.

    ``texts`` are ``SOURCE=FILE`` (or a bare ``FILE`` when the map has exactly
    one source); sources not named there are read from their ``file`` entry,
    relative to the map's folder. Raises ArgmapError for an unknown source id
    and, when ``strict``, for an unreadable file (otherwise it is listed in
    ``unreadable``).
    """
    given: dict[str, Path] = {}
    source_ids = [s.id for s in amap.sources]
    for entry in texts:
        name, sep, file = entry.partition("=")
        if not sep:
            if len(source_ids) != 1:
                raise ArgmapError(
                    f"--text {entry}: say which source it is, as SOURCE=FILE "
                    f"(sources: {', '.join(source_ids) or 'none'})"
                )
            name, file = source_ids[0], entry
        if name not in source_ids:
            raise UnknownIdError("source", name, source_ids)
        given[name] = Path(file)
    for source in amap.sources:
        if source.id not in given:
            path = source_text_path(map_path, source)
            if path is not None:
                given[source.id] = path
    contents: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    for name, path in given.items():
        try:
            contents[name] = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            if strict:
                raise ArgmapError(
                    f"{path}: cannot read the text of source {name!r}: {reason}"
                ) from None
            unreadable[name] = f"{path}: {reason}"
    return SourceTexts(contents, given, unreadable)
