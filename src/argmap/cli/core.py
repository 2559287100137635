"""Core commands: validate, stats, schema."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from argmap.analysis.stats import stats as map_stats
from argmap.cli._app import EXIT_USER_ERROR, echo_json, json_option, main, map_argument, user_errors
from argmap.errors import ArgmapError
from argmap.formats.yaml import load


@main.command()
@click.argument("paths", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def validate(paths: tuple[Path, ...], quiet: bool) -> None:
    """Check maps: syntax, schema, references and rules.

    Every problem in a file is reported, one per line, as path:line:col: message.
    Exits 0 when every map is valid, 1 otherwise.
    """
    bad = 0
    for path in paths:
        try:
            amap = load(path)
        except ArgmapError as exc:
            bad += 1
            click.echo(str(exc), err=True)
            continue
        if not quiet:
            click.echo(
                f"{path}: valid ({len(amap.claims)} claims, {len(amap.supports)} supports, "
                f"{len(amap.attacks)} attacks, {len(amap.stakeholders)} stakeholders)"
            )
    if bad:
        click.echo(f"{bad} of {len(paths)} map(s) invalid", err=True)
        sys.exit(EXIT_USER_ERROR)


@main.command()
@map_argument
@json_option
@user_errors
def stats(map_path: Path, as_json: bool) -> None:
    """Count a map's claims, supports, attacks, stakeholders and stances by kind."""
    counts = map_stats(load(map_path))
    if as_json:
        echo_json(counts)
        return
    for section, value in counts.items():
        if isinstance(value, dict):
            parts: list[str] = []
            for key, sub in value.items():
                if isinstance(sub, dict):
                    parts.extend(f"{k} {v}" for k, v in sub.items())
                elif key != "total":
                    parts.append(f"{key} {sub}")
            detail = f" ({', '.join(parts)})" if parts else ""
            click.echo(f"{section}: {value['total']}{detail}")
        else:
            click.echo(f"{section}: {value}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    text = resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    click.echo(text, nl=False)
