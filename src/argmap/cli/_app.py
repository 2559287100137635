"""The click group and the helpers every command module shares."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from argmap.cli._commands import COMMANDS, MAIN_HELP, MAX_ERRORS_HELP
from argmap.cli._fast import memory_message, output_failed
from argmap.errors import MAX_ERRORS, ArgmapError
from argmap.errors import error_text as _error_text

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


_EXIT_2_ON_ERROR = frozenset({"diff", "merge", "merge-driver"})
"""Commands whose errors exit 2 (1 means "differences" or "conflicts" there)."""


class LazyGroup(click.Group):
    """A group whose commands are defined in modules imported on first use.

    Running out of memory in a command, or of room for its output, is a
    message and an exit code, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MemoryError:
            click.echo(memory_message(), err=True)
            ctx.exit(self._error_code(ctx))
        except OSError as exc:
            if not output_failed(exc):  # a broken pipe is click's, anything else a bug
                raise
            ctx.exit(self._error_code(ctx))

    @staticmethod
    def _error_code(ctx: click.Context) -> int:
        return EXIT_USAGE if ctx.invoked_subcommand in _EXIT_2_ON_ERROR else EXIT_USER_ERROR

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"argmap.cli.{COMMANDS[cmd_name][0]}")  # registers it
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`COMMANDS`, as click would write it."""
        rows = [(name, text) for name, (_, text, hidden) in sorted(COMMANDS.items()) if not hidden]
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        with formatter.section("Commands"):
            formatter.write_dl([(name, short_help(text, limit)) for name, text in rows])


def short_help(text: str, limit: int) -> str:
    """What click lists for a command whose help starts with ``text``."""
    return click.Command(None, help=text).get_short_help_str(limit)


def load_all_commands() -> dict[str, click.Command]:
    """Every command, its module imported (for tests and documentation checks)."""
    for module in sorted({m for m, _, _ in COMMANDS.values()}):
        importlib.import_module(f"argmap.cli.{module}")
    return dict(main.commands)


@click.group(
    cls=LazyGroup, help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="argmap")
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    metavar="N",
    expose_value=False,
    callback=lambda ctx, _param, value: _remember_max_errors(ctx, _param, value),
    help=MAX_ERRORS_HELP,
)
def main() -> None:
    """The ``argmap`` group (its help is :data:`argmap.cli._commands.MAIN_HELP`)."""


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn ArgmapError into a clean message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            click.echo(error_text(exc), err=True)
            sys.exit(EXIT_USER_ERROR)

    return wrapper


MAX_ERRORS_KEY = "argmap.max_errors"
"""Where ``--max-errors`` is kept in the click context's ``meta``."""


def _remember_max_errors(ctx: click.Context, _param: click.Parameter, value: int | None) -> None:
    if value is not None:
        ctx.meta[MAX_ERRORS_KEY] = value


max_errors_option = click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    metavar="N",
    expose_value=False,
    callback=_remember_max_errors,
    help=f"Print at most N problems per file (default {MAX_ERRORS}; 0: all).",
)


def error_text(exc: ArgmapError) -> str:
    """The error as printed, with at most --max-errors problems per file."""
    ctx = click.get_current_context(silent=True)
    limit = ctx.meta.get(MAX_ERRORS_KEY, MAX_ERRORS) if ctx is not None else MAX_ERRORS
    return _error_text(exc, limit)


# The loader reports a missing file or a folder itself (exit 1, like validate).
map_argument = click.argument("map_path", metavar="MAP", type=click.Path(path_type=Path))
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
allow_option = click.option(
    "--allow",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also read a source's `file:` from this folder (repeatable); by default only "
    "files in the map's folder and the project's [tool.argmap] allow folders are read.",
)


STDOUT = "-"
"""``-o -``: standard output, for every command that writes one file."""


def is_stdout(path: Path | str | None) -> bool:
    """Whether an output path is ``-`` (standard output)."""
    return path is not None and str(path) == STDOUT


def write_output(path: Path, data: bytes, *, binary: bool = False) -> None:
    """Write an output file by the one output rule (docs/cli.md, "Output files").

    ``-`` is standard output (``binary`` data is refused when that is a
    terminal); any other path is written atomically through
    :func:`argmap.io.write_atomic`: a symlink is written through, an existing
    FIFO, device, socket or folder is refused. A failure is a user error
    naming the file, and leaves what was there before.
    """
    from argmap.io import write_atomic

    if is_stdout(path):
        if binary and sys.stdout.isatty():
            raise ArgmapError("-o -: will not write binary data to a terminal; redirect it")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_atomic(path, data)
    except OSError as exc:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker else exc.strerror or str(exc)
        raise ArgmapError(f"{path}: cannot write: {reason}") from None
