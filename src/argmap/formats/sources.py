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

__all__ = [
    "SOURCE_TEXT_LIMIT",
    "SourceFiles",
    "SourceTexts",
    "read_source_files",
    "read_source_texts",
    "source_text_path",
]


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


SOURCE_TEXT_LIMIT = 1_000_000
"""The largest source text (in bytes) :func:`read_source_files` reads for a page."""


@dataclass(frozen=True, slots=True)
class SourceFiles:
    """Source texts read for embedding in a page: ``texts`` (source id -> text)
    and ``skipped``, one line per source file that was not read and why."""

    texts: dict[str, str]
    skipped: tuple[str, ...] = ()


def read_source_files(
    amap: ArgumentMap,
    map_path: str | Path,
    given: Sequence[str] = (),
    *,
    limit: int = SOURCE_TEXT_LIMIT,
) -> SourceFiles:
    """The texts of a map's sources, for a page that shows quotes in their paragraphs.

    Each source's ``file`` is read relative to the map's folder, and only when
    it lies inside that folder (after following symbolic links), so a map
    cannot make a page carry an arbitrary file of the machine it is drawn on.
    ``given`` are ``SOURCE=FILE`` (or a bare ``FILE`` when the map has one
    source) named by the user, read wherever they are. Every text is at most
    ``limit`` bytes of UTF-8. A file that is missing, outside the folder, too
    big or not UTF-8 is skipped with a line in ``skipped``; an unknown source
    id in ``given`` is an error.
    """
    map_path = Path(map_path)
    ids = [s.id for s in amap.sources]
    named: dict[str, Path] = {}
    for entry in given:
        name, sep, file = entry.partition("=")
        if not sep:
            if len(ids) != 1:
                raise ArgmapError(
                    f"--text {entry}: say which source it is, as SOURCE=FILE "
                    f"(sources: {', '.join(ids) or 'none'})"
                )
            name, file = ids[0], entry
        if name not in ids:
            raise ArgmapError(
                f"--text {entry}: the map has no source {name!r} "
                f"(sources: {', '.join(ids) or 'none'})"
            )
        named[name] = Path(file)
    folder = map_path.resolve().parent
    texts: dict[str, str] = {}
    skipped: list[str] = []
    for source in amap.sources:
        path = named.get(source.id)
        if path is None:
            if source.file is None:
                continue
            path = map_path.parent / source.file
            if not path.resolve().is_relative_to(folder):
                skipped.append(
                    f"{map_path}: source {source.id!r}: {source.file} is outside the map's "
                    f"folder, so its text is not put in the page; give --text "
                    f"{source.id}=FILE to include it"
                )
                continue
        try:
            size = path.stat().st_size
            if size > limit:
                skipped.append(
                    f"{path}: the text of source {source.id!r} is {size:,} bytes, over the "
                    f"{limit:,} a page carries; it is left out"
                )
                continue
            texts[source.id] = path.read_bytes()[:limit].decode("utf-8")
        except OSError as exc:
            skipped.append(f"{path}: cannot read the text of source {source.id!r}: {exc.strerror}")
        except UnicodeDecodeError:
            skipped.append(f"{path}: the text of source {source.id!r} is not UTF-8; it is left out")
    return SourceFiles(texts, tuple(skipped))
