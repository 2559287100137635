"""Maps over several files: the ``include:`` key of the native YAML format.

A map may name other map files under ``include:`` (a path or a list of
paths, relative to the including file). Their items join the map as if they
were written in it: one namespace of ids across every file, references in
any direction. Included files may include others; a file reached twice (a
shared stakeholders file included by two chapters) is read once; a cycle is
an error. An included file starts with ``argmap: 1`` like any map; its
``title``, ``description`` and ``main`` apply only when it is read alone.

Files are named, read and confined by a :class:`Files` object, so the same
code reads a tree of files from disk (:class:`DiskFiles`: every include must
resolve, symbolic links followed, inside the root map's git work tree, or its
folder outside one) and from a git revision (:class:`RevisionFiles`: inside
the repository at that revision). Absolute paths are refused.

Loading stays fast: each file goes through the fast parser, the combined data
is validated once, and only when there is something to report is each file
parsed again with positions, every problem then naming its own file, line and
column.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from argmap.errors import ArgmapError, MapError, Problem, did_you_mean
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.formats import _positions

DataPath = tuple[str | int, ...]

INCLUDE_KEY = "include"
SECTIONS: tuple[str, ...] = (
    "sources",
    "stakeholders",
    "claims",
    "supports",
    "attacks",
    "stances",
    "issues",
    "rephrases",
    "preferences",
)
"""The list sections whose items an included file adds to the map."""
FRAGMENT_KEYS = frozenset(
    {"argmap", "title", "description", "main", "lint", INCLUDE_KEY, *SECTIONS}
)
_LINT_IGNORE: DataPath = ("lint", "ignore")
MAX_FILES = 1000
"""Most files one map is read from (each is read with the map reader's size limit)."""


Locator = Callable[[str, list[DataPath]], "_positions.Positions"]


class Files(Protocol):
    """How the files of a map are named, joined, confined and read."""

    def join(self, including: str, relative: str) -> str:
        """The name of ``relative`` included from the file ``including``;
        raise ValueError with the reason when it is not allowed."""
        ...

    def read(self, name: str) -> bytes:
        """The bytes of a file; ArgmapError (message without the name) otherwise."""
        ...


def _absolute(relative: str) -> bool:
    return (
        relative.startswith(("/", "\\", "~"))
        or (len(relative) > 1 and relative[1] == ":" and relative[0].isalpha())
        or os.path.isabs(relative)
    )


def _refuse_absolute(relative: str) -> None:
    if _absolute(relative):
        raise ValueError(
            f"include {relative!r} is an absolute path; write it relative to the including file"
        )


def disk_boundary(root: Path) -> Path:
    """The folder includes of the map ``root`` must stay in: the top of the git
    work tree holding it, or else the map's own folder."""
    folder = root.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


# The records below are plain slotted classes rather than dataclasses: every
# map read imports this module, and making a dataclass costs about as much as
# reading a small map's include list.


class DiskFiles:
    """Map files on disk, confined to ``boundary`` (see :func:`disk_boundary`)."""

    __slots__ = ("boundary", "read_bytes")

    def __init__(self, boundary: Path, read_bytes: Callable[[Path], bytes]) -> None:
        self.boundary = boundary
        self.read_bytes = read_bytes

    def join(self, including: str, relative: str) -> str:
        _refuse_absolute(relative)
        name = os.path.normpath(os.path.join(os.path.dirname(including), relative))
        real = Path(name).resolve()
        if not real.is_relative_to(self.boundary):
            raise ValueError(
                f"include {relative!r} leads outside {self.boundary}"
                f"{' (through a symbolic link)' if Path(os.path.abspath(name)) != real else ''}; "
                "included files must be inside the map's repository (or its folder "
                "outside a repository)"
            )
        return name

    def read(self, name: str) -> bytes:
        try:
            return self.read_bytes(Path(name))
        except ArgmapError as exc:
            message = str(exc)
            raise ArgmapError(message.removeprefix(f"{name}: ")) from None


class RevisionFiles:
    """Map files at a git revision; names are paths from the top of the repository."""

    __slots__ = ("read_blob", "rev")

    def __init__(self, rev: str, read_blob: Callable[[str], bytes]) -> None:
        self.rev = rev
        self.read_blob = read_blob

    def join(self, including: str, relative: str) -> str:
        _refuse_absolute(relative)
        name = posixpath.normpath(posixpath.join(posixpath.dirname(including), relative))
        if name == ".." or name.startswith("../"):
            raise ValueError(
                f"include {relative!r} leads outside the repository; included files "
                "must be inside it"
            )
        return name

    def read(self, name: str) -> bytes:
        return self.read_blob(name)

    def shown(self, name: str) -> str:
        return f"{self.rev}:{name}"


class _File:
    __slots__ = ("data", "includes", "name", "parsed", "raw", "shown")

    def __init__(self, name: str, shown: str, raw: bytes) -> None:
        self.name = name
        self.shown = shown
        self.raw = raw
        self.data: Any = None
        self.parsed: _positions.Parsed | None = None
        self.includes: list[str] = []


class _Issue:
    """A problem in one file, at a data path (located once positions are known)."""

    __slots__ = ("at_key", "file", "first", "message", "path")

    def __init__(
        self,
        file: str,
        path: DataPath,
        message: str,
        at_key: bool = False,
        first: tuple[str, DataPath] | None = None,
    ) -> None:
        self.file = file
        self.path = path
        self.message = message
        self.at_key = at_key
        self.first = first


class Loaded:
    """A map and the files it was read from, the root first, in reading order."""

    __slots__ = ("amap", "files")

    def __init__(self, amap: ArgumentMap, files: tuple[str, ...]) -> None:
        self.amap = amap
        self.files = files

    def __repr__(self) -> str:
        return f"Loaded(amap={self.amap!r}, files={self.files!r})"


class _Tree:
    """Reads a root file and every file it includes, then validates them as one."""

    def __init__(
        self,
        files: Files,
        shown: Callable[[str], str],
        parse: Callable[[str], _positions.Parsed | None] | None = None,
    ) -> None:
        self.files = files
        self.shown = shown
        self.parse = parse
        self.order: list[_File] = []
        self.by_name: dict[str, _File] = {}
        self.stop: list[_Issue] = []  # problems that make validating pointless
        self.issues: list[_Issue] = []
        # positions known without a parse (syntax errors, bad bytes)
        self.located: dict[tuple[str, DataPath], tuple[int | None, int | None]] = {}

    # -- reading

    def visit(self, name: str, raw: bytes, stack: tuple[str, ...]) -> None:
        from argmap.formats.yaml import _fast_parse_bytes

        file = _File(name, self.shown(name), raw)
        self.order.append(file)
        self.by_name[name] = file
        file.data = _fast_parse_bytes(raw)
        if file.data is None and not self.positions(file):
            return
        data = file.data
        if not isinstance(data, dict) or INCLUDE_KEY not in data:
            return
        value = data[INCLUDE_KEY]
        entries: list[tuple[DataPath, Any]]
        if isinstance(value, list):
            entries = [((INCLUDE_KEY, i), v) for i, v in enumerate(value)]
        else:
            entries = [((INCLUDE_KEY,), value)]
        seen: set[str] = set()
        for path, relative in entries:
            if not isinstance(relative, str) or not relative.strip():
                self.stop.append(
                    _Issue(name, path, "'include' takes a file path or a list of file paths")
                )
                continue
            try:
                target = self.files.join(name, relative)
            except ValueError as exc:
                self.stop.append(_Issue(name, path, str(exc)))
                continue
            if target in seen:
                self.stop.append(_Issue(name, path, f"{relative!r} is included twice"))
                continue
            seen.add(target)
            file.includes.append(target)
            if target in stack or target == name:
                trail = (*stack, name)
                chain = " -> ".join(self.shown(n) for n in trail[trail.index(target) :])
                self.stop.append(
                    _Issue(
                        name,
                        path,
                        f"include cycle: {chain} -> {self.shown(target)}; "
                        "a file cannot include itself, even through others",
                    )
                )
                continue
            if target in self.by_name:
                continue  # already read (a shared file): its items are in once
            if len(self.order) >= MAX_FILES:
                self.stop.append(
                    _Issue(name, path, f"a map may be read from at most {MAX_FILES} files")
                )
                continue
            try:
                child = self.files.read(target)
            except ArgmapError as exc:
                self.stop.append(_Issue(name, path, f"cannot include {relative!r}: {exc}"))
                continue
            self.visit(target, child, (*stack, name))

    def positions(self, file: _File) -> bool:
        """Parse ``file`` with positions (once); False when it is not YAML at all."""
        if file.parsed is not None:
            return file.data is not None
        from argmap.formats.yaml import _decode

        try:
            text = _decode(file.raw, file.shown).removeprefix("\ufeff")
        except MapError as exc:
            from argmap.formats._positions import Parsed

            file.parsed = Parsed()
            for p in exc.problems:
                self.stop.append(_Issue(file.name, (), p.message))
                self.located[(file.name, ())] = (p.line, p.col)
            file.data = None
            return False
        from argmap.formats._positions import parse_with_positions

        parsed = self.parse(text) if self.parse is not None else None
        file.parsed = parsed = parsed if parsed is not None else parse_with_positions(text)
        for sp in parsed.problems:
            self.stop.append(_Issue(file.name, ("<syntax>", len(self.stop)), sp.message))
            self.located[(file.name, ("<syntax>", len(self.stop) - 1))] = (sp.line, sp.col)
        for dup_path, key, (line, col) in parsed.duplicates:
            first = parsed.positions.keys.get(dup_path)
            where = f" (first at line {first[0]})" if first else ""
            path = ("<dup>", len(self.stop))
            self.stop.append(
                _Issue(
                    file.name,
                    path,
                    f"duplicate key {key!r}{where}; "
                    "YAML keeps only one of them, so merge or rename",
                )
            )
            self.located[(file.name, path)] = (line, col)
        if parsed.data is None and not parsed.problems:
            from argmap.formats.yaml import _EMPTY

            empty = (
                _EMPTY
                if file is self.order[0]
                else "the file is empty; a map file starts with `argmap: 1`"
            )
            self.stop.append(_Issue(file.name, (), empty))
        file.data = parsed.data
        return parsed.data is not None

    # -- combining

    def fragment_checks(self, file: _File) -> None:
        """What an included file may hold (the root is checked by the validator)."""
        from argmap.formats.yaml import _describe
        from argmap.model import FORMAT_VERSION

        data = file.data
        if not isinstance(data, dict):
            self.issues.append(
                _Issue(
                    file.name,
                    (),
                    f"an included map file must be a YAML mapping, not {_describe(data)}",
                )
            )
            return
        if "argmap" not in data:
            self.issues.append(
                _Issue(file.name, (), "missing the format version key: add `argmap: 1` at the top")
            )
        elif data["argmap"] != FORMAT_VERSION or type(data["argmap"]) is not int:
            self.issues.append(
                _Issue(
                    file.name,
                    ("argmap",),
                    f"unsupported format version {data['argmap']!r}; this argmap reads "
                    f"version {FORMAT_VERSION}",
                )
            )
        for key in data:
            if key not in FRAGMENT_KEYS:
                hint = did_you_mean(str(key), FRAGMENT_KEYS, n=1)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                self.issues.append(
                    _Issue(
                        file.name,
                        (key,),
                        f"unknown key {key!r}{extra} (allowed: {', '.join(sorted(FRAGMENT_KEYS))})",
                        at_key=True,
                    )
                )
        for key in SECTIONS:
            value = data.get(key)
            if value is not None and not isinstance(value, list):
                self.issues.append(
                    _Issue(file.name, (key,), f"{key!r} must be a list (items start with '- ')")
                )
        lint = data.get("lint")
        if lint is not None and (
            not isinstance(lint, dict)
            or set(lint) - {"ignore"}
            or not isinstance(lint.get("ignore", []), list)
        ):
            self.issues.append(
                _Issue(file.name, ("lint",), "'lint' must be {ignore: [{code, item, reason}]}")
            )

    def combine(self) -> tuple[dict[str, Any], dict[DataPath, list[tuple[int, int, str]]]]:
        """The data of the whole map, and where each section's items came from:
        section prefix -> [(start, count, file)]."""
        root = self.order[0].data
        combined: dict[str, Any] = {k: v for k, v in root.items() if k != INCLUDE_KEY}
        if isinstance(combined.get("lint"), dict):
            combined["lint"] = dict(combined["lint"])
        segments: dict[DataPath, list[tuple[int, int, str]]] = {}
        for file in self.order:
            data = file.data
            if not isinstance(data, dict):
                continue
            for prefix in (*((key,) for key in SECTIONS), _LINT_IGNORE):
                value = _get(data, prefix)
                if not isinstance(value, list):
                    continue
                if prefix not in segments:
                    holder = combined
                    if len(prefix) == 2:
                        holder = combined.setdefault("lint", {})
                        if not isinstance(holder, dict):
                            continue  # the root's own value is wrong; reported there
                    key = str(prefix[-1])
                    if holder.get(key) is not None and file is not self.order[0]:
                        continue  # the root's own value is not a list; reported there
                    holder[key] = []
                    segments[prefix] = []
                target = _get(combined, prefix)
                segments[prefix].append((len(target), len(value), file.name))
                if prefix == ("sources",) and file is not self.order[0]:
                    value = [_rebase(item, file.name, self.order[0].name) for item in value]
                target.extend(value)
        return combined, segments

    @staticmethod
    def origin(
        path: DataPath, segments: dict[DataPath, list[tuple[int, int, str]]], root: str
    ) -> tuple[str, DataPath]:
        """The file and the path in it of a path in the combined data."""
        for prefix, parts in segments.items():
            n = len(prefix)
            index = path[n] if len(path) > n else None
            if path[:n] == prefix and isinstance(index, int):
                for start, count, name in parts:
                    if start <= index < start + count:
                        return name, (*prefix, index - start, *path[n + 1 :])
        return root, path


def load_files(
    root: str,
    raw: bytes,
    files: Files,
    shown: Callable[[str], str] = str,
    parse: Callable[[str], _positions.Parsed | None] | None = None,
    locate: Locator | None = None,
) -> Loaded:
    """Read the map ``root`` (its bytes ``raw``) and every file it includes.

    Raise :class:`~argmap.errors.MapError` listing every problem, each in the
    file it is in, or ArgmapError when the root itself cannot be read.
    ``parse``: a faster stand-in for the positions parser, returning None
    where it cannot vouch for its result, and ``locate(text, paths)`` the
    positions of just some paths in a text the fast parser read (the
    language server's).
    """
    from argmap._gc import paused_gc

    with paused_gc():
        return _load_files(root, raw, files, shown, parse, locate)


def _load_files(
    root: str,
    raw: bytes,
    files: Files,
    shown: Callable[[str], str],
    parse: Callable[[str], _positions.Parsed | None] | None,
    locate: Locator | None = None,
) -> Loaded:
    from argmap.formats.yaml import _Builder, _decode, _document, _fast_build, _Found, _slow

    tree = _Tree(files, shown, parse)
    tree.visit(root, raw, ())
    names = tuple(f.name for f in tree.order)
    first = tree.order[0]
    if parse is None and (
        not isinstance(first.data, dict)
        or (len(tree.order) == 1 and not tree.stop and INCLUDE_KEY not in first.data)
    ):
        # One file: the single-file loader, with its own messages.
        amap = _fast_build(first.data, shown(root)) if not tree.stop else None
        if amap is None:
            amap = _slow(_document(_decode(raw, shown(root)), shown(root)), shown(root))
        return Loaded(amap, names)
    if not tree.stop and not isinstance(first.data, dict):
        from argmap.formats.yaml import _describe

        tree.positions(first)
        if not tree.stop:
            tree.stop.append(
                _Issue(
                    root,
                    (),
                    f"a map must be a YAML mapping (key: value), not {_describe(first.data)}",
                )
            )
    if not tree.stop:
        for file in tree.order[1:]:
            tree.fragment_checks(file)
    if not tree.stop and not tree.issues:
        combined, _segments = tree.combine()
        found: list[_Found] = []
        amap = _Builder(found).build(combined)
        if not found and amap is not None:
            return Loaded(amap, names)
        if (
            locate is not None
            and all(f.parsed is None for f in tree.order)
            and not any(_too_deep(f.data) for f in tree.order)
        ):
            # The fast parser read every file: only the places of the problems are needed.
            raise MapError(_locate_found(tree, found, _segments, root, locate), files=names)
    # Something to report: every file with positions, then validate again.
    for file in tree.order:
        tree.positions(file)
    if tree.stop:
        raise MapError(_located(tree, tree.stop), files=names)
    tree.issues.clear()
    for file in tree.order[1:]:
        tree.fragment_checks(file)
    combined, segments = tree.combine()
    found = []
    amap = _Builder(found).build(combined)
    issues = list(tree.issues)
    for item in found:
        name, path = tree.origin(item.path, segments, root)
        where = None if item.first is None else tree.origin(item.first, segments, root)
        issues.append(_Issue(name, path, item.message, item.at_key, where))
    if not issues and amap is not None:  # pragma: no cover - the fast path said otherwise
        return Loaded(amap, names)
    raise MapError(_located(tree, issues), files=names)


def _locate_found(
    tree: _Tree,
    found: list[Any],
    segments: dict[DataPath, list[tuple[int, int, str]]],
    root: str,
    locate: Locator,
) -> list[Problem]:
    """The problems the validator found, placed by ``locate`` in each file."""
    from argmap.formats._positions import Parsed
    from argmap.formats.yaml import _decode

    issues: list[_Issue] = []
    wanted: dict[str, list[DataPath]] = {}
    for item in found:
        name, path = tree.origin(item.path, segments, root)
        where = None if item.first is None else tree.origin(item.first, segments, root)
        issues.append(_Issue(name, path, item.message, item.at_key, where))
        wanted.setdefault(name, []).append(path)
        if where is not None:
            wanted.setdefault(where[0], []).append(where[1])
    for file in tree.order:
        text = _decode(file.raw, file.shown).removeprefix("\ufeff")
        file.parsed = Parsed(data=file.data, positions=locate(text, wanted.get(file.name, [])))
    return _located(tree, issues)


def _rebase(source: Any, included: str, root: str) -> Any:
    """A source of an included file, its ``file:`` (relative to that file)
    made relative to the root map's folder, where the map's readers look."""
    if not isinstance(source, dict) or not isinstance(source.get("file"), str):
        return source
    name = source["file"]
    if _absolute(name):
        return source
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(included), name))
    return {**source, "file": posixpath.relpath(joined, posixpath.dirname(root) or ".")}


def _too_deep(data: Any) -> bool:
    """Whether lists and mappings nest deeper than the positions parser reads."""
    from argmap.formats._positions import MAX_DEPTH

    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return False


def _get(data: dict[str, Any], prefix: DataPath) -> Any:
    value: Any = data
    for key in prefix:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _located(tree: _Tree, issues: list[_Issue]) -> list[Problem]:
    order = {f.name: i for i, f in enumerate(tree.order)}
    out: list[tuple[int, Problem]] = []
    for issue in issues:
        file = tree.by_name[issue.file]
        at: tuple[int | None, int | None] | None = tree.located.get((issue.file, issue.path))
        if at is None and file.parsed is not None:
            pos = file.parsed.positions
            at = pos.key(issue.path) if issue.at_key else pos.value(issue.path)
        message = issue.message
        if issue.first is not None:
            other, fpath = issue.first
            ofile = tree.by_name[other]
            first = None if ofile.parsed is None else ofile.parsed.positions.value(fpath)
            if first is not None:
                where = (
                    f"line {first[0]}"
                    if other == issue.file
                    else (f"{ofile.shown}:{first[0]}:{first[1]}")
                )
                message += f" (first defined at {where})"
        line, col = at if at is not None else (None, None)
        out.append((order[issue.file], Problem(file.shown, line, col, message)))
    out.sort(key=lambda item: (item[0], item[1].line or 0, item[1].col or 0))
    return [p for _, p in out]
