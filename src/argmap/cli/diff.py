"""Diff commands: diff, log, git-setup (and the git-diff-driver git calls).

``argmap diff`` exits like diff tools: 0 no differences, 1 differences,
2 an error (docs/diff.md).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from argmap.cli._app import (
    error_text,
    json_option,
    main,
    map_argument,
    max_errors_option,
    user_errors,
)
from argmap.cli._fast import echo_json
from argmap.errors import ArgmapError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_ERROR = 2

_AFTER_DASHDASH = "argmap.diff.after_dashdash"


def diff_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn ArgmapError into a clean message on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            click.echo(f"argmap diff: {error_text(exc)}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


class _DiffCommand(click.Command):
    """Remembers how many arguments followed ``--`` (the PATH of the shorthand)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_AFTER_DASHDASH] = len(args) - args.index("--") - 1 if "--" in args else None
        return super().parse_args(ctx, args)


def _sides(specs: tuple[str, ...], after: int | None) -> tuple[Any, Any, str, str]:
    """The two maps and their names, from OLD NEW or REV [REV2] -- PATH (read
    side by side on two cores: argmap.formats._cache.load_both)."""
    from argmap.formats._cache import load_both
    from argmap.git import read_map_at, read_map_spec

    if after is None:
        if len(specs) != 2:
            raise ArgmapError("give two maps, OLD NEW (each a file or REV:PATH), or REV -- PATH")
        old, new = load_both(lambda: read_map_spec(specs[0]), lambda: read_map_spec(specs[1]))
        return old, new, specs[0], specs[1]
    paths = specs[len(specs) - after :]
    revs = specs[: len(specs) - after]
    if len(paths) != 1 or len(revs) > 2:
        raise ArgmapError("the shorthand is REV [REV2] -- PATH, with one PATH")
    path = paths[0]
    if not revs:  # like git diff -- PATH: the index against the working tree
        old, new = load_both(lambda: read_map_at("", path), lambda: read_map_spec_file(path))
        return old, new, f":{path}", path
    if len(revs) == 2:
        old, new = load_both(lambda: read_map_at(revs[0], path), lambda: read_map_at(revs[1], path))
        return old, new, f"{revs[0]}:{path}", f"{revs[1]}:{path}"
    old, new = load_both(lambda: read_map_at(revs[0], path), lambda: read_map_spec_file(path))
    return old, new, f"{revs[0]}:{path}", path


def read_map_spec_file(path: str) -> Any:
    """A working-tree map file."""
    from argmap.formats.registry import read

    return read(Path(path))


@main.command(cls=_DiffCommand)
@max_errors_option
@click.argument("specs", nargs=-1, metavar="OLD NEW | REV [REV2] -- PATH")
@json_option
@click.option("--markdown", is_flag=True, help="Print Markdown (for a pull-request comment).")
@click.option("--stat", "as_stat", is_flag=True, help="Print a one-line summary.")
@click.option(
    "--evaluate",
    is_flag=True,
    help="Also list claims whose label (in/out/undecided) changed, and why.",
)
@click.option(
    "--semantics",
    default="grounded",
    show_default=True,
    help="The semantics --evaluate uses (as in `argmap evaluate`).",
)
@click.option("--no-renames", is_flag=True, help="Report a changed id as removed + added.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: only on a terminal).",
)
@diff_errors
def diff(
    specs: tuple[str, ...],
    as_json: bool,
    markdown: bool,
    as_stat: bool,
    evaluate: bool,
    semantics: str,
    no_renames: bool,
    color: str,
) -> None:
    """Show what changed in the argument between two versions of a map.

    OLD and NEW are files or git revisions as REV:PATH (e.g.
    HEAD~1:maps/chicago_ice.yaml). Shorthand: `argmap diff REV -- PATH` (REV
    against the working tree) and `argmap diff REV REV2 -- PATH`.

    Claims are matched by id, then removed and added claims with nearly the
    same text and connections are reported as renamed (docs/diff.md).

    Exit status: 0 no differences, 1 differences, 2 an error.
    """
    from argmap.diff import diff_maps, stat, to_markdown, to_text

    if sum((as_json, markdown, as_stat)) > 1:
        raise ArgmapError("choose one of --json, --markdown and --stat")
    after = click.get_current_context().meta.get(_AFTER_DASHDASH)
    old, new, old_name, new_name = _sides(specs, after)
    d = diff_maps(old, new, renames=not no_renames, evaluate=semantics if evaluate else None)
    if as_json:
        echo_json(d.to_json())
    elif markdown:
        click.echo(to_markdown(d, old_name, new_name), nl=False)
    elif as_stat:
        click.echo(stat(d))
    else:
        from argmap.cli._text import colour_on

        use_color = color == "always" or (color == "auto" and colour_on())
        click.echo(to_text(d, old_name, new_name, color=use_color), nl=False, color=use_color)
    sys.exit(EXIT_SAME if d.is_empty() else EXIT_DIFFERENT)


@main.command("git-diff-driver", hidden=True)
@click.argument("args", nargs=-1)
def git_diff_driver(args: tuple[str, ...]) -> None:
    """The external diff driver git runs (set up by `argmap git-setup`); exits 0.

    Git passes PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH
    MESSAGE]. Files that are not maps get a plain line diff.
    """
    from argmap.git import external_diff

    if len(args) < 7:
        click.echo("usage: argmap git-diff-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE ...")
        return
    new_path = args[7] if len(args) >= 9 else args[0]
    try:
        click.echo(external_diff(args[0], args[1], args[4], new_path), nl=False)
    except ArgmapError as exc:  # git expects 0 from a diff driver, whatever happens
        click.echo(f"argmap: {args[0]}: no diff: {exc}")


@main.command("git-setup")
@click.option(
    "--pattern",
    "patterns",
    multiple=True,
    default=("*.yaml",),
    show_default=True,
    help="Files git should diff with argmap (repeatable).",
)
@click.option("--command", help="The driver command git runs (default: this argmap).")
@user_errors
def git_setup(patterns: tuple[str, ...], command: str | None) -> None:
    """Make `git diff` show argmap's semantic diff for map files.

    Adds `PATTERN diff=argmap` to the repository's .gitattributes and sets
    `diff.argmap.command` in its git config. Files matching the pattern that
    are not maps still get a plain line diff. `git log -p` and `git show` use
    the driver with --ext-diff.
    """
    from argmap.git import setup_diff_driver

    for line in setup_diff_driver(patterns, command):
        click.echo(line)


@main.command("log")
@map_argument
@click.argument("claim")
@json_option
@user_errors
def log(map_path: Path, claim: str, as_json: bool) -> None:
    """List the commits that changed one claim of a map, and how, newest first.

    The claim is followed back through renames. Each commit is compared with
    the previous commit that touched the map.
    """
    from argmap.diff import claim_history
    from argmap.errors import UnknownIdError
    from argmap.git import map_versions

    if map_path.is_dir():
        raise ArgmapError(f"{map_path}: is a directory, not a map file")
    versions, skipped = map_versions(map_path)
    if not versions and not skipped:
        if not map_path.exists():
            raise ArgmapError(f"{map_path}: no such file, and no commit has it")
        raise ArgmapError(f"{map_path}: no commit has this file yet; commit it first")
    for commit, message in skipped:
        click.echo(f"{commit[:12]}: skipped, not a valid map: {message}", err=True)
    if not any(m.has_claim(claim) for _c, _s, m in versions):
        known = {c.id for _c, _s, m in versions[:1] for c in m.claims}
        raise UnknownIdError("claim", claim, known)
    events = claim_history(versions, claim)
    if as_json:
        echo_json([e.to_json() for e in events])
        return
    from argmap.cli import _text as T

    maps = {c: m for c, _s, m in versions}
    out = T.Printer()
    for e in events:
        out.wrapped(f"{T.warn(e.commit[:12])} {T.safe(e.subject)}", "", " " * 13)
        # named as at that commit, or (a claim renamed away) as it was before
        at = maps.get(e.commit)
        if at is None or not at.has_claim(e.claim):
            at = next((m for _c, _s, m in versions if m.has_claim(e.claim)), None)
        name = T.Names(at).claim(e.claim) if at is not None else T.safe(e.claim)
        for what in e.what:
            out.wrapped(f"{name}: {T.safe(what)}", "    ", "        ")
