"""The click group and the helpers every command module shares."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from argmap.errors import MAX_ERRORS, ArgmapError
from argmap.errors import error_text as _error_text

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    metavar="N",
    expose_value=False,
    callback=lambda ctx, _param, value: _remember_max_errors(ctx, _param, value),
    help="Print at most N problems per file (default 50; 0: all); also after a command.",
)
def main() -> None:
    """argmap: argument maps as code.

    Write a debate as YAML (claims, reasons for and against, stakeholders),
    then validate, query, evaluate, draw and diff it.
    """


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


_MAX_ERRORS = "argmap.max_errors"


def _remember_max_errors(ctx: click.Context, _param: click.Parameter, value: int | None) -> None:
    if value is not None:
        ctx.meta[_MAX_ERRORS] = value


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
    limit = ctx.meta.get(_MAX_ERRORS, MAX_ERRORS) if ctx is not None else MAX_ERRORS
    return _error_text(exc, limit)


# The loader reports a missing file or a folder itself (exit 1, like validate).
map_argument = click.argument("map_path", metavar="MAP", type=click.Path(path_type=Path))
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def write_output(path: Path, data: bytes) -> None:
    """Write an output file atomically; a failure is a user error naming the file."""
    from argmap.io import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker else exc.strerror or str(exc)
        raise ArgmapError(f"{path}: cannot write: {reason}") from None


def echo_json(data: Any) -> None:
    """Print data as deterministic, indented JSON."""
    import json

    click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
