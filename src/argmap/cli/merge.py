"""Merge commands: merge, and the merge-driver git calls.

``argmap merge`` exits 0 merged cleanly, 1 conflicts, 2 an error
(docs/merge.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli._app import main, write_output
from argmap.cli._fast import echo_json
from argmap.errors import ArgmapError

EXIT_CLEAN = 0
EXIT_CONFLICTS = 1
EXIT_ERROR = 2


def _read_side(spec: str) -> bytes:
    """The bytes of a file or of ``REV:PATH``."""
    from argmap.git import parse_spec, read_blob

    parsed = parse_spec(spec)
    if parsed.rev is not None:
        return read_blob(parsed.rev, parsed.path)
    from argmap.io import read_bytes

    return read_bytes(Path(spec), what="map file")


@main.command("merge")
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the merged map here ('-' or none: standard output).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the conflicts as JSON.")
def merge(base: str, ours: str, theirs: str, output: Path | None, as_json: bool) -> None:
    """Merge two versions of a map, OURS and THEIRS, of a common BASE.

    Each is a file or REV:PATH. Edits to different claims, relations,
    stakeholders and stances combine, renames follow (docs/merge.md). The
    merged map keeps OURS' layout and comments; each conflict is listed and
    marked in the map with a `conflict:` key holding both versions, which
    `argmap validate` reports until it is resolved.

    Exit status: 0 merged cleanly, 1 conflicts, 2 an error.
    """
    from argmap.git import merge_sides

    try:
        raw = [_read_side(s) for s in (base, ours, theirs)]
        result, text = merge_sides(raw[0], raw[1], raw[2], (base, ours, theirs))
        if output is not None and str(output) == "-":
            output = None
        if output is not None:
            write_output(output, text.encode("utf-8"))
    except ArgmapError as exc:
        click.echo(f"argmap merge: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if as_json:
        echo_json({**result.to_json(), "output": str(output) if output else None})
    elif output is None:
        click.echo(text, nl=False)
    if not result.clean:
        click.echo(f"argmap merge: {len(result.conflicts)} conflict(s):", err=True)
        for c in result.conflicts:
            click.echo(f"  {c.message}", err=True)
    sys.exit(EXIT_CLEAN if result.clean else EXIT_CONFLICTS)


@main.command("merge-driver", hidden=True)
@click.argument("args", nargs=-1)
def merge_driver(args: tuple[str, ...]) -> None:
    """The merge driver git runs (set up by `argmap git-setup`): BASE OURS THEIRS PATH.

    Writes the merge into OURS; exits 0 when clean, 1 when there are conflicts
    (git then leaves the file conflicted), 2 on an error (OURS untouched).
    """
    from argmap.git import merge_driver as run

    if len(args) != 4:
        click.echo("usage: argmap merge-driver BASE OURS THEIRS PATH", err=True)
        sys.exit(EXIT_ERROR)
    try:
        code, message = run(*args)
    except ArgmapError as exc:
        click.echo(f"argmap merge-driver: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if message:
        click.echo(message, err=True)
    sys.exit(code)
