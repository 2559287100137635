"""Reading maps from git revisions, and setting git up to diff maps with argmap.

A map spec is a file path or ``REV:PATH`` (git's own syntax: PATH is relative
to the top of the repository, or to the current folder when it starts with
``./`` or ``../``; an empty REV means the index). A string that names an
existing file is always a file, so paths with a colon in them still work.
Revisions starting with ``-`` are refused, and every git call separates
revisions from paths, so no input can be taken as a git option.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError, ToolMissingError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.diff.merge import MergeResult

DRIVER = "argmap"
"""The name of the git diff driver (``diff=argmap`` in .gitattributes)."""

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True, slots=True)
class Spec:
    """A parsed map spec: a file (``rev`` None) or a path at a revision."""

    rev: str | None
    path: str

    def __str__(self) -> str:
        return self.path if self.rev is None else f"{self.rev}:{self.path}"


def parse_spec(spec: str, cwd: Path | None = None) -> Spec:
    """Tell a file path from ``REV:PATH``; ArgmapError for an option-like revision."""
    base = Path.cwd() if cwd is None else cwd
    if ":" not in spec or (base / spec).exists() or _DRIVE.match(spec):
        return Spec(None, spec)
    rev, path = spec.split(":", 1)
    _check_rev(rev)
    if not path:
        raise ArgmapError(f"{spec!r}: no path after the revision; write REV:PATH")
    return Spec(rev, path)


def _check_rev(rev: str) -> None:
    if rev.startswith("-"):
        raise ArgmapError(f"refusing revision {rev!r}: it starts with '-' and could be an option")


def git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git with ``args`` in ``cwd``; ToolMissingError when git is absent."""
    exe = shutil.which("git")
    if exe is None:
        raise ToolMissingError("git is not installed (needed to read maps at a revision)")
    env = {**os.environ, "LC_ALL": "C"}
    env.pop("GIT_EXTERNAL_DIFF", None)
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, check=False, env=env)


def _stderr(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8", "replace").strip()
    return text.removeprefix("fatal: ")


def toplevel(cwd: Path | None = None) -> Path:
    """The top folder of the work tree containing ``cwd``; ArgmapError outside one."""
    proc = git(["rev-parse", "--show-toplevel"], cwd)
    if proc.returncode != 0:
        where = cwd if cwd is not None else Path.cwd()
        raise ArgmapError(f"{where}: not in a git repository")
    return Path(proc.stdout.decode("utf-8").strip())


def read_blob(rev: str, path: str, cwd: Path | None = None) -> bytes:
    """The bytes of ``path`` at ``rev`` (``""``: the index); clear errors otherwise."""
    _check_rev(rev)
    toplevel(cwd)
    if rev:
        proc = git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
        if proc.returncode != 0:
            raise ArgmapError(f"unknown revision {rev!r}")
    obj = f"{rev}:{path}"
    kind = git(["cat-file", "-t", obj], cwd)
    if kind.returncode != 0:
        raise ArgmapError(f"{obj}: {path!r} does not exist at revision {rev or 'the index'!r}")
    if kind.stdout.strip() != b"blob":
        raise ArgmapError(f"{obj}: is a {kind.stdout.decode().strip()}, not a map file")
    from argmap.io import max_file_size, too_big

    size, limit = git(["cat-file", "-s", obj], cwd), max_file_size()
    if size.returncode == 0 and int(size.stdout.strip() or 0) > limit:
        raise too_big(obj, int(size.stdout.strip()), limit)
    proc = git(["show", "--no-textconv", obj, "--"], cwd)
    if proc.returncode != 0:
        raise ArgmapError(f"{obj}: {_stderr(proc)}")
    return proc.stdout


def parse_map(raw: bytes, name: str) -> ArgumentMap:
    """Parse map bytes in the format its name implies (native YAML by default)."""
    from argmap.formats.registry import for_path
    from argmap.formats.yaml import loads_bytes

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return loads_bytes(raw, name)  # reports the bad byte's position
    try:
        fmt = for_path(name, text)
    except ArgmapError:
        return loads_bytes(raw, name)
    if fmt.loads is None:
        raise ArgmapError(f"{name}: format {fmt.name!r} can only be written")
    return fmt.loads(text, name)


def _from_top(path: str, cwd: Path | None) -> str:
    """A ``REV:PATH`` path (relative to the top, or to ``cwd`` with ``./``/``../``)
    as a path from the top of the repository."""
    import posixpath

    if not path.startswith(("./", "../")) and path not in (".", ".."):
        return posixpath.normpath(path)
    proc = git(["rev-parse", "--show-prefix"], cwd)
    prefix = proc.stdout.decode("utf-8").strip() if proc.returncode == 0 else ""
    return posixpath.normpath(posixpath.join(prefix, path))


def parse_map_at(
    raw: bytes, rev: str, path: str, name: str, cwd: Path | None = None
) -> ArgumentMap:
    """Parse map bytes read from ``rev:path``, reading the files it includes
    at the same revision (``name`` names the map in messages)."""
    from argmap.formats.includes import RevisionFiles, load_files
    from argmap.formats.registry import for_path

    try:
        native = for_path(name, raw.decode("utf-8")).name == "yaml"
    except (UnicodeDecodeError, ArgmapError):
        native = True  # parse_map reports it
    if not native or b"include" not in raw:
        return parse_map(raw, name)
    top = _from_top(path, cwd)
    label = rev[:12] if re.fullmatch(r"[0-9a-f]{40}", rev) else rev

    def blob(inner: str) -> bytes:
        return read_blob(rev, inner, cwd)

    def shown(inner: str) -> str:
        return name if inner == top else f"{label}:{inner}"

    return load_files(top, raw, RevisionFiles(rev, blob), shown).amap


def read_map_spec(spec: str, cwd: Path | None = None) -> ArgumentMap:
    """Read a map from a file path or from ``REV:PATH`` in the git repository at ``cwd``."""
    parsed = parse_spec(spec, cwd)
    if parsed.rev is None:
        from argmap.formats.registry import read

        path = Path(spec)
        return read(path if cwd is None or path.is_absolute() else cwd / path)
    return parse_map_at(read_blob(parsed.rev, parsed.path, cwd), parsed.rev, parsed.path, spec, cwd)


def rev_path(path: str | Path, cwd: Path | None = None) -> str:
    """A working-tree path as git's ``REV:`` path syntax, relative to ``cwd``."""
    base = Path.cwd() if cwd is None else cwd
    p = Path(path)
    rel = os.path.relpath(p if p.is_absolute() else base / p, base)
    rel = rel.replace(os.sep, "/")
    return rel if rel.startswith("../") else f"./{rel}"


def read_map_at(rev: str, path: str | Path, cwd: Path | None = None) -> ArgumentMap:
    """Read the working-tree file ``path`` as it was at ``rev``."""
    where = rev_path(path, cwd)
    return parse_map_at(read_blob(rev, where, cwd), rev, where, f"{rev}:{path}", cwd)


def commits_touching(
    path: str | Path, cwd: Path | None = None, also: tuple[str | Path, ...] = ()
) -> list[tuple[str, str]]:
    """``(commit, subject)`` of each commit that changed ``path`` (or any of
    ``also``), newest first."""
    toplevel(cwd)
    paths = [str(p) for p in (path, *also)]
    proc = git(["log", "--format=%H%x09%s", "--end-of-options", "HEAD", "--", *paths], cwd)
    if proc.returncode != 0:
        raise ArgmapError(f"git log {path}: {_stderr(proc)}")
    out: list[tuple[str, str]] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        commit, _tab, subject = line.partition("\t")
        out.append((commit, subject))
    return out


def map_versions(
    path: str | Path, cwd: Path | None = None
) -> tuple[list[tuple[str, str, ArgumentMap]], list[tuple[str, str]]]:
    """Every committed version of a map, newest first, as ``(commit, subject, map)``.

    A commit that deleted the file gives an empty map. Versions that are not a
    valid map are left out and returned second, as ``(commit, message)``.
    """
    from argmap.formats.yaml import map_files

    versions: list[tuple[str, str, ArgumentMap]] = []
    skipped: list[tuple[str, str]] = []
    where = rev_path(path, cwd)
    # The files the map includes today: commits that changed only them count too.
    base = Path.cwd() if cwd is None else cwd
    full = Path(path) if Path(path).is_absolute() else base / path
    also: tuple[Path, ...] = ()
    if full.is_file():
        with contextlib.suppress(ArgmapError):
            also = tuple(
                Path(os.path.relpath(p if p.is_absolute() else base / p, base))
                for p in map_files(full)[1:]
            )
    for commit, subject in commits_touching(path, cwd, also):
        kind = git(["cat-file", "-t", f"{commit}:{where}"], cwd)
        if kind.returncode != 0:
            versions.append((commit, subject, ArgumentMap()))
            continue
        try:
            amap = parse_map_at(
                read_blob(commit, where, cwd), commit, where, f"{commit[:12]}:{path}", cwd
            )
        except ArgmapError as exc:
            skipped.append((commit, str(exc)))
            continue
        versions.append((commit, subject, amap))
    return versions, skipped


def argmap_argv() -> list[str]:
    """The program and arguments that run this argmap: the ``argmap`` script
    beside this Python, else the one on PATH, else ``python -m argmap``."""
    import sys

    beside = Path(sys.executable).parent / "argmap"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("argmap")
    return [found] if found else [sys.executable, "-m", "argmap"]


def argmap_command(subcommand: str, argv: list[str] | None = None) -> str:
    """A shell command running this argmap's ``subcommand``, for git config.

    Every word of the program (``argv``, default :func:`argmap_argv`) is
    quoted with :func:`shlex.quote`, so no path (spaces, quotes, ``;``,
    ``$``, backticks) is read by the shell as anything but a path.
    ``subcommand`` is argmap's own text (with git's ``%O``-style
    placeholders, which git quotes itself) and is not quoted.
    """
    import shlex

    words = argmap_argv() if argv is None else argv
    return " ".join(shlex.quote(w) for w in words) + f" {subcommand}"


_BAD_PATTERN = re.compile(r"[\s\x00]")


def check_pattern(pattern: str) -> None:
    """ArgmapError unless ``pattern`` is one .gitattributes pattern: not empty,
    no whitespace or control characters (a newline would add lines, a space
    attributes), not a comment (``#``), a negation (``!``) or a macro (``[attr]``)."""
    why = None
    if not pattern.strip():
        why = "it is empty"
    elif _BAD_PATTERN.search(pattern) or any(ord(ch) < 32 or ord(ch) == 127 for ch in pattern):
        why = "it contains whitespace or a control character (a newline would add lines)"
    elif pattern.startswith("#"):
        why = "a pattern starting with '#' is a comment in .gitattributes"
    elif pattern.startswith("!"):
        why = "git does not allow negative patterns in .gitattributes"
    elif pattern.startswith("[attr]"):
        why = "'[attr]' defines a macro in .gitattributes"
    elif pattern.startswith('"'):
        why = "quoted patterns are not supported; give the glob itself"
    if why is not None:
        raise ArgmapError(f"--pattern {pattern!r}: refused: {why}")


def driver_command() -> str:
    """The shell command git should run as the external diff driver."""
    return argmap_command("git-diff-driver")


def merge_driver_command() -> str:
    """The shell command git runs as the merge driver (``%O %A %B %P``)."""
    return argmap_command("merge-driver %O %A %B %P")


def setup_diff_driver(
    patterns: tuple[str, ...],
    command: str | None = None,
    cwd: Path | None = None,
    merge_command: str | None = None,
) -> list[str]:
    """Make ``git diff`` show argmap's semantic diff, and ``git merge`` merge
    maps with argmap, for files matching ``patterns``.

    Adds ``PATTERN diff=argmap`` and ``PATTERN merge=argmap`` lines to the
    repository's .gitattributes (keeping what is there) and sets
    ``diff.argmap.command`` and ``merge.argmap.driver`` in the repository's
    git config. Returns what was done, one line per action.
    """
    from argmap.io import read_text, write_atomic

    for pattern in patterns:
        check_pattern(pattern)
    top = toplevel(cwd)
    command = command or driver_command()
    merge_command = merge_command or merge_driver_command()
    done: list[str] = []
    attributes = top / ".gitattributes"
    text = read_text(attributes) if os.path.lexists(attributes) else ""
    lines = text.splitlines()
    wanted = [f"{p} {kind}={DRIVER}" for p in patterns for kind in ("diff", "merge")]
    missing = [line for line in wanted if line not in lines]
    if missing:
        new = text + ("" if not text or text.endswith("\n") else "\n") + "\n".join(missing) + "\n"
        try:
            write_atomic(attributes, new.encode("utf-8"))
        except OSError as exc:
            raise ArgmapError(f"{attributes}: cannot write: {exc.strerror or exc}") from None
        done.extend(f"{attributes}: added {line!r}" for line in missing)
    else:
        done.append(f"{attributes}: already set up")
    settings = (
        (f"diff.{DRIVER}.command", command),
        (f"merge.{DRIVER}.name", "argmap semantic merge of argument maps"),
        (f"merge.{DRIVER}.driver", merge_command),
    )
    for key, value in settings:
        proc = git(["config", "--local", key, value], top)
        if proc.returncode != 0:
            raise ArgmapError(f"git config: {_stderr(proc)}")
        done.append(f"git config {key} {value!r}")
    return done


def line_merge(ours_file: str, base_file: str, theirs_file: str) -> int:
    """git's own line merge of three files into ``ours_file`` (``git merge-file``);
    returns the number of conflicts it left (0: clean), as git does."""
    proc = git(
        [
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            ours_file,
            base_file,
            theirs_file,
        ]
    )
    if proc.returncode < 0 or proc.returncode > 127:
        raise ArgmapError(f"git merge-file: {_stderr(proc)}")
    return proc.returncode


def external_diff(path: str, old_file: str, new_file: str, new_path: str | None = None) -> str:
    """What the git diff driver prints for one file: the semantic diff of two
    versions, or a plain line diff when either side is not a readable map.

    ``/dev/null`` (a file added or deleted) reads as an empty map.
    """
    from argmap.diff import diff_maps, to_text
    from argmap.io import read_bytes

    new_path = new_path or path
    old_name, new_name = f"a/{path}", f"b/{new_path}"

    def raw(name: str) -> bytes:
        return b"" if name == os.devnull else read_bytes(name)

    def as_map(name: str, data: bytes, shown: str) -> ArgumentMap:
        return ArgumentMap() if name == os.devnull else parse_map(data, shown)

    try:
        old_raw, new_raw = raw(old_file), raw(new_file)
    except ArgmapError as exc:  # git gave a file that cannot be read: say so, exit 0
        return f"argmap: {path}: no diff: {exc}\n"
    try:
        for name, data, shown in ((old_file, old_raw, path), (new_file, new_raw, new_path)):
            if name != os.devnull and _surely_not_native(data, shown):
                raise ArgmapError(f"{shown}: no `argmap:` key, so not a map")
        old = as_map(old_file, old_raw, path)
        new = as_map(new_file, new_raw, new_path)
    except ArgmapError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "not a map"
        body = line_diff(old_raw, new_raw, old_name, new_name)
        return f"argmap: {path} is not read as a map ({first}); line diff:\n{body}"
    return to_text(diff_maps(old, new), old_name, new_name)


_ARGMAP_KEY = re.compile(rb"""argmap["']?[ \t]*:""")


def _surely_not_native(data: bytes, name: str) -> bool:
    """Whether ``data``, named as a native YAML map, lacks the ``argmap:`` key
    every map has (so reading it could only fail, slowly for a big file)."""
    from argmap.formats.registry import for_path

    try:
        native = for_path(name).name == "yaml"
    except ArgmapError:
        native = True  # read as native YAML (parse_map's default)
    return native and _ARGMAP_KEY.search(data) is None


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def line_diff(old: bytes, new: bytes, old_name: str, new_name: str, context: int = 3) -> str:
    """A unified line diff. The lines both sides share at the start and the end
    are set aside first, so a small change in a big file costs a linear scan
    (difflib alone spends seconds on 200,000 equal lines)."""
    import difflib

    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    lo = max(0, start - context)
    hi_a, hi_b = len(a) - max(0, end - context), len(b) - max(0, end - context)
    out: list[str] = []
    for line in difflib.unified_diff(a[lo:hi_a], b[lo:hi_b], old_name, new_name, n=context):
        m = _HUNK.match(line)
        if m:
            first_a = int(m.group(1)) + lo  # also right for an empty range ("-0,0")
            first_b = int(m.group(3)) + lo
            line = f"@@ -{first_a}{m.group(2) or ''} +{first_b}{m.group(4) or ''} @@\n"
        out.append(line if line.endswith("\n") else line + "\n")
    return "".join(out)


def _side_text(raw: bytes, name: str, empty_ok: bool) -> tuple[ArgumentMap, str | None]:
    """A side of a merge as a map, and its text when it is native YAML."""
    from argmap.formats.registry import for_path

    if empty_ok and not raw.strip():
        return ArgumentMap(), None
    amap = parse_map(raw, name)
    try:
        text = raw.decode("utf-8")
        native = for_path(name, text).name == "yaml"
    except (UnicodeDecodeError, ArgmapError):
        return amap, None
    return amap, text if native else None


def merge_sides(
    base: bytes, ours: bytes, theirs: bytes, names: tuple[str, str, str]
) -> tuple[MergeResult, str]:
    """Merge three versions of a map given as bytes; the result and its YAML
    text in OURS' layout. ArgmapError when a side is not a valid map (an empty
    BASE is an empty map: the file was added on both sides)."""
    from argmap.diff import merge_maps, merge_text

    b, _ = _side_text(base, names[0], empty_ok=True)
    o, ours_text = _side_text(ours, names[1], empty_ok=False)
    t, _ = _side_text(theirs, names[2], empty_ok=False)
    result = merge_maps(b, o, t)
    return result, merge_text(result, ours_text)


def merge_driver(base_file: str, ours_file: str, theirs_file: str, path: str) -> tuple[int, str]:
    """What the git merge driver does for one file: merge the three versions
    into ``ours_file`` and return ``(exit code, message)``; 0 is clean.

    Files that are not maps (or maps in a format argmap cannot write back)
    get git's line merge, ``git merge-file``, so nothing is ever lost.
    """
    from argmap.formats.registry import for_path
    from argmap.io import read_bytes, write_atomic

    data = [read_bytes(base_file), read_bytes(ours_file), read_bytes(theirs_file)]
    try:
        result, text = merge_sides(data[0], data[1], data[2], (path, path, path))
        fmt = for_path(path, data[1].decode("utf-8", "replace"))
    except ArgmapError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "not a map"
        conflicts = line_merge(ours_file, base_file, theirs_file)
        return (
            1 if conflicts else 0
        ), f"argmap: {path} is not merged as a map ({first}); line merge"
    if fmt.name != "yaml":
        if not result.clean or fmt.dumps is None:
            conflicts = line_merge(ours_file, base_file, theirs_file)
            return (1 if conflicts else 0), f"argmap: {path}: line merge ({fmt.name} file)"
        text = fmt.dumps(result.merged)
    write_atomic(Path(ours_file), text.encode("utf-8"))
    if result.clean:
        return 0, ""
    lines = [f"argmap: {path}: {len(result.conflicts)} merge conflict(s):"]
    lines.extend(f"  {c.message}" for c in result.conflicts)
    lines.append("  resolve each `conflict:` key in the file (argmap validate lists them)")
    return 1, "\n".join(lines)
