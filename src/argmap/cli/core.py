"""Core commands: validate, stats, schema."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from argmap.cli._app import (
    EXIT_USER_ERROR,
    MAX_ERRORS_KEY,
    allow_option,
    is_stdout,
    json_option,
    main,
    map_argument,
    max_errors_option,
    user_errors,
    write_output,
)
from argmap.cli._fast import echo_json
from argmap.errors import ArgmapError
from argmap.formats.registry import read
from argmap.model import ArgumentMap


@main.command()
@max_errors_option
@click.argument("paths", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def validate(paths: tuple[Path, ...], quiet: bool) -> None:
    """Check maps: syntax, schema, references and rules.

    Every problem in a file is reported, one per line, as path:line:col: message.
    Maps in other formats (AIF, Argdown, ...; see `argmap formats`) are checked
    as they import. Exits 0 when every map is valid, 1 otherwise.
    """
    from argmap.cli._fast import validate_paths

    ctx = click.get_current_context()
    code = validate_paths(paths, quiet, ctx.meta.get(MAX_ERRORS_KEY))
    if code:
        sys.exit(code)


@main.command()
@max_errors_option
@map_argument
@json_option
@user_errors
def stats(map_path: Path, as_json: bool) -> None:
    """Count a map's claims, supports, attacks, stakeholders and stances by kind."""
    from argmap.analysis.stats import stats as map_stats

    counts = map_stats(read(map_path))
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
    from importlib import resources

    text = resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    click.echo(text, nl=False)


@main.command()
@max_errors_option
@map_argument
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="[SOURCE=]FILE",
    help="The text of a source (repeatable). SOURCE may be left out when the map has "
    "one source. Sources with a `file:` in the map are read from it by default.",
)
@allow_option
@click.option(
    "--coverage",
    is_flag=True,
    help="Report which paragraphs and sentences of each source the map anchors, "
    "and the argumentative sentences nothing anchors.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="With --coverage: also write a self-contained HTML page of the sources "
    "with the anchored passages highlighted ('-': on standard output, instead of the report).",
)
@json_option
@user_errors
def sources(
    map_path: Path,
    texts: tuple[str, ...],
    allow: tuple[Path, ...],
    coverage: bool,
    html_path: Path | None,
    as_json: bool,
) -> None:
    """Check every quote of the map's claims, relations and stances against its source.

    Each quote must occur in its source's text; matching tolerates whitespace,
    line breaks, typographic quotes and dashes. Each quote is reported with its
    line:col in the source, or with the closest passage when it is missing. A
    quote with hedging words ("might", "would argue", "likely") must anchor a
    hedged item. Exits 1 when any quote is missing or its hedge unaccounted for.

    With --coverage, report instead, paragraph by paragraph and sentence by
    sentence, what the map anchors in each source and by which claims,
    relations and stances, flagging argumentative sentences (because, but,
    should, must, argue, ...) that nothing anchors. Exits 1 when a quote is
    missing or an argumentative paragraph is not anchored at all.

    A source's `file:` is read only when it is inside the map's folder, a
    folder given with --allow, or one listed under [tool.argmap] allow in
    the project's pyproject.toml; other files are refused (give them with
    --text). A `file:` that does not exist is noted and its quotes skipped.
    """
    from argmap.analysis.anchors import check_map_anchors
    from argmap.analysis.hedges import check_hedges

    amap = read(map_path)
    if html_path is not None and not coverage:
        raise click.UsageError("--html needs --coverage")
    if coverage:
        _coverage(amap, map_path, texts, allow, html_path, as_json)
        return
    from argmap.formats.sources import read_source_texts

    read_texts = read_source_texts(amap, map_path, texts, allow=allow)
    for note in read_texts.absent.values():
        click.echo(f"{map_path}: note: {note}", err=True)
    found = check_map_anchors(amap, read_texts.texts, read_texts.paths)
    # A file the map names that is not in this checkout is a note, not a failure.
    found = replace(
        found, unchecked=tuple(s for s in found.unchecked if s not in read_texts.absent)
    )
    hedges = {(p.owner, p.source, p.quote): p for p in check_hedges(amap, found.texts)}
    if as_json:
        echo_json(
            [
                {
                    "owner": c.owner,
                    "source": c.source,
                    "quote": c.quote,
                    "found": c.found,
                    "line": c.line,
                    "col": c.col,
                    "message": c.message,
                    "hedge": None
                    if (h := hedges.get((c.owner, c.source, c.quote))) is None
                    else {"words": list(h.words), "message": h.message},
                }
                for c in found.checks
            ]
        )
    else:
        for c in found.checks:
            where = f"{found.paths[c.source]}:{c.line}:{c.col}" if c.found else "MISSING"
            click.echo(f"{c.owner}: {where}" + ("" if c.found else f": {c.message}"))
            hedge = hedges.get((c.owner, c.source, c.quote))
            if hedge is not None:
                click.echo(f"{c.owner}: HEDGE: {hedge.message}")
        for source in found.unchecked:
            click.echo(f"source {source!r}: no text given (use --text {source}=FILE)", err=True)
        missing = sum(1 for c in found.checks if not c.found)
        unhedged = sum(1 for c in found.checks if (c.owner, c.source, c.quote) in hedges)
        summary = f"{len(found.checks) - missing} of {len(found.checks)} quotes found"
        if unhedged:
            summary += f"; {unhedged} with hedging words the map does not account for"
        click.echo(summary)
    if found.unchecked or hedges or any(not c.found for c in found.checks):
        sys.exit(EXIT_USER_ERROR)


def _coverage(
    amap: ArgumentMap,
    map_path: Path,
    texts: tuple[str, ...],
    allow: tuple[Path, ...],
    html_path: Path | None,
    as_json: bool,
) -> None:
    from argmap.analysis import coverage as cv
    from argmap.formats.sources import read_source_texts

    read_texts = read_source_texts(amap, map_path, texts, allow=allow)
    for note in read_texts.absent.values():
        click.echo(f"{map_path}: note: {note}", err=True)
    if not read_texts.texts:
        raise ArgmapError(
            f"{map_path}: no source text to cover; give one with --text SOURCE=FILE "
            "or a `file:` on the source"
        )
    result = cv.coverage(amap, read_texts.texts)
    if html_path is not None:
        write_output(html_path, cv.coverage_html(result, amap).encode("utf-8"))
    if is_stdout(html_path):
        pass  # the page is the output
    elif as_json:
        echo_json(result.to_json())
    else:
        for line in cv.coverage_text(result, amap):
            click.echo(line)
    if any(
        sc.missing or any(p.argumentative and not p.anchored_by for p in sc.paragraphs)
        for sc in result.sources
    ):
        sys.exit(EXIT_USER_ERROR)
