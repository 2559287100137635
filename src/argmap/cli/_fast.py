"""``argmap validate`` and ``argmap query`` without click: the common forms.

Validating and asking are what editors, hooks, scripts and CI run most, many
times a minute, on small maps, where importing click is a fifth of the time.
:func:`try_fast` takes

- ``validate [-q|--quiet] [--max-errors N] MAP...`` and runs
  :func:`validate_paths`;
- ``query MAP SUBCOMMAND ARGS...`` with the subcommand's own options
  (``--json``, ``--depth N``, ``--all``, ``--max-length N``) and runs the
  subcommand's body in :mod:`argmap.cli._query`;

which are what the click commands run, so both print the same. Any other
command line (another option, a bad value, ``--``, an argument that starts
with ``-``, ``--help``, the wrong number of arguments) returns None and goes
through click as usual, which says what is wrong. tests/cli/test_startup.py
checks that both ways write the same bytes and exit with the same code.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# Imported now: loading an extension module can fail once memory has run out,
# which is when the limit must be reported.
try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]

EXIT_OK = 0
EXIT_USER_ERROR = 1

# A new entry of the cache of validated maps is written by a detached process,
# so that it does not hold up the command (see argmap.formats._cache). Every
# way into the CLI imports this module: the click group imports it too.
BACKGROUND_CACHE_WRITES = True

_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def memory_message() -> str:
    """What to tell the user when memory ran out: the limit that was hit."""
    soft = -1
    if resource is not None:
        try:
            soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        except (OSError, ValueError):  # pragma: no cover - not on this system
            soft = -1
    from argmap.io import human_size

    if soft >= 0 and resource is not None and soft != resource.RLIM_INFINITY:
        limit = f"the {human_size(soft)} address-space limit of this process (ulimit -v)"
        fix = "raise it (ulimit -v)"
    else:
        limit = "the memory of this machine"
        fix = "free some memory"
    return (
        f"argmap: out of memory: the command needed more than {limit}; {fix}, or give it "
        "less to do (a smaller map, --focus/--tag/--stakeholder for a drawing)"
    )


def output_failed(exc: OSError) -> bool:
    """For a write that could not go on (a full disk, say): drop what is left
    of the output, say so on stderr, and give True; False for any other error."""
    import contextlib
    import errno

    # a full disk or quota, a file grown past its limit, a failing device
    lost = {errno.ENOSPC, errno.EFBIG, errno.EIO} | {getattr(errno, "EDQUOT", errno.ENOSPC)}
    if exc.errno not in lost:
        return False
    # What is still buffered goes nowhere, so that the exit does not fail on it again.
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    with contextlib.suppress(OSError):  # standard error may not be writable either
        echo(
            f"argmap: could not write the output: {exc.strerror or exc}; "
            "make room on the disk, or send the output elsewhere",
            err=True,
        )
    return True


def echo(text: str, *, err: bool = False) -> None:
    """Print a line as ``click.echo`` does: ANSI codes stripped unless the
    stream is a terminal, flushed at once."""
    stream = sys.stderr if err else sys.stdout
    if not stream.isatty():
        text = _ANSI.sub("", text)
    stream.write(text + "\n")
    stream.flush()


def echo_json(data: object) -> None:
    """Print data as deterministic, indented JSON."""
    import json

    echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))


def validate_paths(paths: Sequence[Path], quiet: bool, max_errors: int | None) -> int:
    """Validate each map, print one line per map (or its problems), and return
    the exit code: 0 when every map is valid, 1 otherwise."""
    from argmap._gc import retire
    from argmap.errors import MAX_ERRORS, ArgmapError, error_text
    from argmap.formats.registry import check

    limit = MAX_ERRORS if max_errors is None else max_errors
    bad = 0
    for i, path in enumerate(paths):
        try:
            size, amap = check(path)
        except ArgmapError as exc:
            bad += 1
            echo(error_text(exc, limit), err=True)
            continue
        if i == len(paths) - 1 and amap is not None:
            retire(amap)  # the last map is kept to the end; earlier ones are freed as usual
        if not quiet:
            echo(
                f"{path}: valid ({size.claims} claims, {size.supports} supports, "
                f"{size.attacks} attacks, {size.stakeholders} stakeholders)"
            )
    if bad:
        echo(f"{bad} of {len(paths)} map(s) invalid", err=True)
        return EXIT_USER_ERROR
    return EXIT_OK


def _parse_validate(args: Sequence[str]) -> tuple[list[Path], bool, int | None] | None:
    paths: list[Path] = []
    quiet = False
    max_errors: int | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--max-errors" or arg.startswith("--max-errors="):
            if arg == "--max-errors":
                if i + 1 >= len(args):
                    return None
                i += 1
                value = args[i]
            else:
                value = arg.partition("=")[2]
            if not value.isascii() or not value.isdigit():
                return None  # click says what is wrong with it
            max_errors = int(value)
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
        i += 1
    return (paths, quiet, max_errors) if paths else None


_QUERY_ARGS = {
    "supporters": 1,
    "opposers": 1,
    "who": 1,
    "holds": 1,
    "path": 2,
    "unsupported": 0,
    "unanswered": 0,
}
"""Each query subcommand taken here, with how many arguments it takes."""

_QUERY_OPTIONS = {
    "supporters": ("--depth", "--all"),
    "opposers": ("--depth", "--all"),
    "path": ("--max-length",),
}
"""The options besides ``--json`` each takes (``--depth`` and ``--max-length``
with a whole number of at least 1)."""


def _parse_query(args: Sequence[str]) -> Callable[[], None] | None:
    if len(args) < 2 or args[0].startswith("-") or args[1] not in _QUERY_ARGS:
        return None
    map_path, sub = Path(args[0]), args[1]
    allowed = _QUERY_OPTIONS.get(sub, ())
    positional: list[str] = []
    flags: dict[str, int | bool] = {}
    rest = list(args[2:])
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if arg in ("--json", "--all") and arg in ("--json", *allowed):
            flags[arg] = True
        elif name in ("--depth", "--max-length") and name in allowed and name not in flags:
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            if not value.isascii() or not value.isdigit() or int(value) < 1:
                return None
            flags[name] = int(value)
        elif arg.startswith("-"):
            return None
        else:
            positional.append(arg)
    if len(positional) != _QUERY_ARGS[sub] or ("--all" in flags and "--depth" in flags):
        return None
    as_json = bool(flags.get("--json"))

    def run() -> None:
        from argmap.cli import _query
        from argmap.formats.registry import read

        amap = read(map_path)
        if sub in ("supporters", "opposers"):
            depth = int(flags.get("--depth", 1))
            _query.chain(amap, sub, positional[0], depth, "--all" in flags, as_json)
        elif sub == "who":
            _query.who(amap, positional[0], as_json)
        elif sub == "holds":
            _query.holds(amap, positional[0], as_json)
        elif sub == "path":
            length = int(flags.get("--max-length", _query.MAX_LENGTH))
            _query.path(amap, positional[0], positional[1], length, as_json)
        elif sub == "unsupported":
            _query.unsupported(amap, as_json)
        else:
            _query.unanswered(amap, as_json)

    return run


def _run_query(run: Callable[[], None]) -> int:
    from argmap.errors import MAX_ERRORS, ArgmapError, error_text

    try:
        run()
    except ArgmapError as exc:
        echo(error_text(exc, MAX_ERRORS), err=True)
        return EXIT_USER_ERROR
    return EXIT_OK


def try_fast(args: Sequence[str]) -> int | None:
    """The exit code of a command line answered without click, or None when
    click must answer it."""
    if not args or args[0] not in ("validate", "query"):
        return None
    try:
        if args[0] == "query":
            query = _parse_query(args[1:])
            return None if query is None else _run_query(query)
        parsed = _parse_validate(args[1:])
        if parsed is None:
            return None
        paths, quiet, max_errors = parsed
        return validate_paths(paths, quiet, max_errors)
    except MemoryError:
        echo(memory_message(), err=True)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing more, as click does.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        return EXIT_USER_ERROR
    except OSError as exc:
        if output_failed(exc):
            return EXIT_USER_ERROR
        raise
    except (EOFError, KeyboardInterrupt):
        echo("", err=True)
        echo("Aborted!", err=True)
        return EXIT_USER_ERROR
