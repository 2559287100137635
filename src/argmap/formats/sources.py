"""Reading the texts of a map's sources: the ``file`` of each source, or the
files given on the command line (``--text SOURCE=FILE``).

The anchor, hedge, lint and coverage checks in :mod:`argmap.analysis` are
pure and take the texts read here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, Source

__all__ = [
    "SOURCE_TEXT_LIMIT",
    "SourceFiles",
    "SourceTexts",
    "read_source_files",
    "read_source_texts",
    "refused_message",
    "source_folders",
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
    ``paths``; ``unreadable`` (source id -> why) for files that could not be
    read (or were refused); ``absent`` (source id -> note) for a ``file``
    named in the map that does not exist here."""

    texts: Mapping[str, str]
    paths: Mapping[str, Path]
    unreadable: Mapping[str, str]
    absent: Mapping[str, str] = field(default_factory=dict)


def source_folders(
    map_path: Path, allow: Sequence[Path] = (), *, project: bool = True
) -> tuple[Path, ...]:
    """The folders a map's ``file:`` entries may point into: the map's own
    folder, the folders the user gives (``--allow``) and, with ``project``,
    those listed under ``[tool.argmap] allow`` in the project's pyproject.toml
    (:func:`argmap.io.project_allow`)."""
    from argmap.io import project_allow

    folder = Path(map_path).parent
    return (folder, *allow, *(project_allow(folder) if project else ()))


def refused_message(map_path: Path, source: Source, path: Path, *, page: bool = False) -> str:
    """Why a source's ``file`` is not read, and how to allow it (``page``: for
    a page that would carry the text)."""
    if page:
        return (
            f"{map_path}: source {source.id!r}: {source.file} is outside the map's folder, "
            f"so its text is not put in the page; give --allow FOLDER or --text "
            f"{source.id}=FILE to include it"
        )
    return (
        f"{map_path}: source {source.id!r}: file {source.file!r} ({path}) is outside the "
        f"map's folder, so it is not read; to allow it, give --allow FOLDER, list the "
        f"folder under [tool.argmap] allow in pyproject.toml, or give the text with "
        f"--text {source.id}=FILE"
    )


def _named(amap: ArgumentMap, texts: Sequence[str]) -> dict[str, Path]:
    """The ``--text [SOURCE=]FILE`` entries by source id."""
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
    return given


@dataclass(frozen=True, slots=True)
class _Located:
    allowed: dict[str, Path]
    refused: dict[str, str]
    absent: dict[str, str]


def _locate(
    amap: ArgumentMap,
    map_path: Path,
    given: Mapping[str, Path],
    allow: Sequence[Path],
    project: bool = True,
) -> _Located:
    """The one rule for a map's ``file:`` entries (docs/cli.md, "Source files"):
    a file is read only when its real path (symlinks resolved) is inside one of
    :func:`source_folders`; files the user names (``given``) are read wherever
    they are."""
    from argmap.io import is_inside

    allowed: dict[str, Path] = dict(given)
    refused: dict[str, str] = {}
    absent: dict[str, str] = {}
    folders: tuple[Path, ...] | None = None
    for source in amap.sources:
        path = source_text_path(map_path, source)
        if source.id in given or path is None:
            continue
        if not os.path.lexists(path):
            absent[source.id] = (
                f"source {source.id!r}: its file {source.file!r} ({path}) does not exist here; "
                f"its quotes are not checked (give --text {source.id}=FILE)"
            )
            continue
        if folders is None:
            folders = source_folders(map_path, allow, project=project)
        if not is_inside(path, folders):
            refused[source.id] = refused_message(map_path, source, path, page=not project)
            continue
        allowed[source.id] = path
    return _Located(allowed, refused, absent)


def read_source_texts(
    amap: ArgumentMap,
    map_path: Path,
    texts: Sequence[str],
    *,
    strict: bool = True,
    allow: Sequence[Path] = (),
) -> SourceTexts:
    """Read the texts of a map's sources.

    ``texts`` are ``SOURCE=FILE`` (or a bare ``FILE`` when the map has exactly
    one source), read wherever they are; sources not named there are read
    from their ``file`` entry, relative to the map's folder, only when that
    file is inside one of :func:`source_folders` (the map's folder, ``allow``,
    the project's list); any other is refused and never opened. A ``file``
    that does not exist is listed in ``absent``. Raises ArgmapError for an
    unknown source id and, when ``strict``, for a refused or unreadable file
    (otherwise it is listed in ``unreadable``). Files are read within the
    limits of :mod:`argmap.io` (regular files, ``ARGMAP_MAX_FILE_SIZE``).
    """
    from argmap.io import read_text

    found = _locate(amap, map_path, _named(amap, texts), allow)
    if strict and found.refused:
        raise ArgmapError("\n".join(found.refused.values()))
    unreadable = {k: v.split("; to allow it")[0] for k, v in found.refused.items()}
    contents: dict[str, str] = {}
    for name, path in found.allowed.items():
        try:
            contents[name] = read_text(path)
        except ArgmapError as exc:
            if strict:
                raise ArgmapError(f"cannot read the text of source {name!r}: {exc}") from None
            unreadable[name] = str(exc)
    return SourceTexts(contents, found.allowed, unreadable, found.absent)


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
    allow: Sequence[Path] = (),
) -> SourceFiles:
    """The texts of a map's sources, for a page that shows quotes in their paragraphs.

    Each source's ``file`` is read relative to the map's folder, and only by
    the rule of :func:`read_source_texts` (inside the map's folder or
    ``allow``, after following symbolic links), so a map cannot make a page
    carry an arbitrary file of the machine it is drawn on. The project's
    ``[tool.argmap] allow`` list does not count here: it lets checks compare
    quotes with a text, but copying a text into a page to share is for the
    user to ask for (``--allow`` or ``--text``).
    ``given`` are ``SOURCE=FILE`` (or a bare ``FILE`` when the map has one
    source) named by the user, read wherever they are. Every text is at most
    ``limit`` bytes of UTF-8. A file that is missing, outside the folder, too
    big, not a regular file or not UTF-8 is skipped with a line in
    ``skipped``; an unknown source id in ``given`` is an error.
    """
    from argmap.io import read_bytes

    map_path = Path(map_path)
    found = _locate(amap, map_path, _named(amap, given), allow, project=False)
    texts: dict[str, str] = {}
    skipped: list[str] = [*found.refused.values(), *found.absent.values()]
    for name, path in found.allowed.items():
        try:
            raw = read_bytes(path, what="text file")
        except ArgmapError as exc:
            skipped.append(f"{exc}; the text of source {name!r} is left out")
            continue
        if len(raw) > limit:
            skipped.append(
                f"{path}: the text of source {name!r} is {len(raw):,} bytes, over the "
                f"{limit:,} a page carries; it is left out"
            )
            continue
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError:
            skipped.append(f"{path}: the text of source {name!r} is not UTF-8; it is left out")
    return SourceFiles(texts, tuple(skipped))
