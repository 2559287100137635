"""Interchange commands: convert, formats."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import click

from argmap.cli._app import (
    EXIT_USER_ERROR,
    error_text,
    json_option,
    main,
    max_errors_option,
    user_errors,
    write_output,
)
from argmap.cli._fast import echo_json
from argmap.errors import ArgmapError
from argmap.formats import registry
from argmap.formats.registry import Format
from argmap.model import ArgumentMap


def _matching_suffix(fmt: Format, name: str) -> str:
    lowered = name.lower()
    return max((s for s in fmt.suffixes if lowered.endswith(s)), key=len, default="")


def _writer_for(path: Path, name: str | None) -> Format:
    """The output format: ``--to``, else the longest suffix a writer claims
    (``x.aif.json`` is AIF, ``x.json`` native JSON)."""
    if name:
        fmt = registry.get(name)
        if fmt.dumps is None:
            raise ArgmapError(f"format {fmt.name!r} can only be read")
        return fmt
    writers = [f for f in registry.formats().values() if f.dumps is not None]
    best = max(writers, key=lambda f: len(_matching_suffix(f, path.name)))
    if not _matching_suffix(best, path.name):
        raise ArgmapError(f"{path}: cannot tell the output format from the file name; use --to")
    return best


def _reader_for(path: Path, text: str, name: str | None) -> Format:
    try:
        fmt = registry.get(name) if name else registry.for_path(path, text)
    except ArgmapError as exc:
        raise ArgmapError(f"{exc}; give the format with --from") from None
    if fmt.loads is None:
        raise ArgmapError(f"format {fmt.name!r} can only be written")
    return fmt


def _read(path: Path, name: str | None) -> tuple[ArgumentMap, list[str]]:
    """Read a map in any readable format, with notes on what was not kept."""
    from argmap.formats.yaml import loads_bytes
    from argmap.io import read_bytes

    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        loads_bytes(raw, str(path))  # raises with the bad byte's place
        raise
    fmt = _reader_for(path, text, name)
    if fmt.name == "aif":
        from argmap.formats import aif

        imported = aif.read(text, str(path))
        return imported.map, imported.notes()
    assert fmt.loads is not None
    return fmt.loads(text, str(path)), []


def _inputs(
    folder: Path, name: str | None, skip: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """The files to convert under ``folder`` (not under ``skip``, the output
    folder), and those passed over: a file with a weak suffix (``.txt``) whose
    content does not look like its format."""
    readers = [e for e in registry.TABLE if e.reads and (name is None or e.name == name)]
    suffixes = tuple(s for f in readers for s in f.suffixes)
    skip = skip.resolve() if skip is not None else None
    found: list[Path] = []
    passed: list[Path] = []
    for p in sorted(folder.rglob("*")):
        lowered = p.name.lower()
        if not lowered.endswith(suffixes) or not p.is_file():
            continue
        if skip is not None and p.resolve().is_relative_to(skip):
            continue  # an earlier run's output, inside the input folder
        weak = name is None and not any(f.claims_by_suffix(lowered) for f in readers)
        if weak and not any(
            f.looks_like(_head(p)) for f in readers if lowered.endswith(f.suffixes)
        ):
            passed.append(p)
            continue
        found.append(p)
    return found, passed


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""


def _output_name(path: Path, fmt_from: str | None, target: Format) -> str:
    readers = [registry.get(fmt_from)] if fmt_from else list(registry.formats().values())
    suffix = max((_matching_suffix(f, path.name) for f in readers), key=len, default="")
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.stem
    return stem + target.suffixes[0]


def _relocate_files(amap: ArgumentMap, source: Path, output: Path) -> tuple[ArgumentMap, list[str]]:
    """The map with each relative source ``file:`` rewritten to point, from
    ``output``'s folder, at the same file it named from ``source``'s; notes
    say what was rewritten, and which files do not resolve at all."""
    import dataclasses
    import os

    src_dir, out_dir = source.parent.resolve(), output.parent.resolve()
    if src_dir == out_dir or not any(s.file for s in amap.sources):
        return amap, []
    notes: list[str] = []
    sources = []
    for s in amap.sources:
        if not s.file or Path(s.file).is_absolute() or "://" in s.file:
            sources.append(s)
            continue
        target = src_dir / s.file
        if not target.exists():
            notes.append(
                f"source {s.id!r}: file {s.file!r} does not exist beside {source.name};"
                " left as it is, relative to the output's folder"
            )
            sources.append(s)
            continue
        moved = Path(os.path.relpath(target, out_dir)).as_posix()
        notes.append(
            f"source {s.id!r}: file {s.file!r} written as {moved!r} (relative to {output.parent})"
        )
        sources.append(dataclasses.replace(s, file=moved))
    return dataclasses.replace(amap, sources=tuple(sources)), notes


def _dump(target: Format, amap: ArgumentMap, source: Path) -> tuple[str, list[str]]:
    """The map in the target format, with notes on what it could not write; a
    map the format cannot hold names its file."""
    assert target.dumps is not None
    try:
        text = target.dumps(amap)
    except ArgmapError as exc:
        if str(exc).startswith(str(source)):
            raise
        raise ArgmapError(f"{source}: {exc}") from None
    return text, target.losses(amap) if target.losses is not None else []


def _write(path: Path, text: str) -> None:
    write_output(path, text.encode("utf-8"))


def _progress(items: list[Path]) -> Iterator[Path]:
    from argmap.cli._text import progress

    with progress(items, "converting") as bar:
        yield from bar


def _note(path: Path, notes: Iterable[str]) -> None:
    for note in notes:
        click.echo(f"{path}: note: {note}", err=True)


@main.command()
@max_errors_option
@click.argument("source", metavar="IN", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    type=click.Path(path_type=Path),
    help="Output file (or folder when IN is a folder); '-' writes to stdout (needs --to).",
)
@click.option("--from", "from_format", metavar="FMT", help="Input format (default: from IN).")
@click.option("--to", "to_format", metavar="FMT", help="Output format (default: from OUT).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print notes on what was not kept.")
@user_errors
def convert(
    source: Path, output: Path, from_format: str | None, to_format: str | None, quiet: bool
) -> None:
    """Convert a map between formats (see `argmap formats`).

    Formats come from the file names (and the content, for .json) unless given.
    With a folder IN, every readable file in it (and below) is converted into
    the folder OUT, in --to's format (default: yaml), keeping relative paths; a
    progress bar shows on stderr when it is a terminal. Losses (for example
    duplicate AIF inferences merged on reading, or quotes and hedges a format
    cannot hold on writing) are noted on stderr.
    """
    if source.is_dir():
        if str(output) == "-":
            raise ArgmapError("IN is a folder, so OUT must be a folder, not '-' (standard output)")
        _convert_folder(source, output, from_format, to_format or "yaml", quiet)
        return
    if str(output) == "-":
        if not to_format:
            raise ArgmapError("writing to stdout ('-o -') needs --to FMT")
        target = _writer_for(output, to_format)
    else:
        target = _writer_for(output, to_format)
    amap, notes = _read(source, from_format)
    if str(output) != "-":
        amap, moved = _relocate_files(amap, source, output)
        notes = [*notes, *moved]
    text, lost = _dump(target, amap, source)
    if not quiet:
        _note(source, [*notes, *lost])
    _write(output, text)  # '-' is standard output


def _convert_folder(
    source: Path, output: Path, from_format: str | None, to_format: str, quiet: bool
) -> None:
    if output.exists() and not output.is_dir():
        raise ArgmapError(f"{output}: IN is a folder, so OUT must be a folder too")
    if output.resolve() == source.resolve():
        raise ArgmapError(
            f"{output}: is the input folder; write to another folder (a new subfolder will do)"
        )
    target = _writer_for(output, to_format)
    assert target.dumps is not None
    files, passed = _inputs(source, from_format, skip=output)
    if not quiet:
        for path in passed:
            click.echo(f"{path}: note: skipped: does not look like a map in any format", err=True)
    if not files:
        raise ArgmapError(f"{source}: no files in a readable format")
    outputs = _plan(source, output, files, from_format, target)
    failed = 0
    # Each file is fsynced by write_atomic; overlapping the writes keeps a folder
    # of small files from waiting on the disk one file at a time.
    from argmap.io import removing_temporaries_on_signal

    with removing_temporaries_on_signal(), ThreadPoolExecutor(max_workers=8) as pool:
        writes: list[Future[None]] = []
        for path in _progress(files):
            try:
                amap, notes = _read(path, from_format)
                amap, moved = _relocate_files(amap, path, outputs[path])
                notes = [*notes, *moved]
                text, lost = _dump(target, amap, path)
                notes = [*notes, *lost]
            except ArgmapError as exc:
                failed += 1
                click.echo(error_text(exc), err=True)
                continue
            if not quiet:
                _note(path, notes)
            out = outputs[path]
            writes.append(pool.submit(_write, out, text))
        for done in writes:
            try:
                done.result()
            except ArgmapError as exc:
                failed += 1
                click.echo(error_text(exc), err=True)
    if failed:
        click.echo(f"{failed} of {len(files)} file(s) could not be converted", err=True)
        sys.exit(EXIT_USER_ERROR)


def _plan(
    source: Path, output: Path, files: list[Path], from_format: str | None, target: Format
) -> dict[Path, Path]:
    """Each input's output path; ArgmapError, before anything is written, when
    two inputs would be written to one file or an output would replace an input."""
    outputs = {
        path: output / path.parent.relative_to(source) / _output_name(path, from_format, target)
        for path in files
    }
    by_output: dict[Path, list[Path]] = {}
    for path, out in outputs.items():
        by_output.setdefault(out, []).append(path)
    problems = [
        f"{', '.join(str(p) for p in paths)} would all be written to {out}"
        for out, paths in by_output.items()
        if len(paths) > 1
    ]
    inputs = {p.resolve() for p in files}
    problems += [
        f"{path} would be replaced by its own conversion"
        for path, out in outputs.items()
        if out.resolve() in inputs
    ]
    if problems:
        raise ArgmapError(
            "; ".join(problems)
            + "; nothing was written: convert these files one by one with -o, rename them,"
            " or write to another folder"
        )
    return outputs


@main.command()
@json_option
def formats(as_json: bool) -> None:
    """List the formats `argmap convert` reads and writes."""
    listed = registry.formats().values()
    rows = [
        {
            "name": f.name,
            "read": f.loads is not None,
            "write": f.dumps is not None,
            "suffixes": list(f.suffixes),
            "description": f.description,
        }
        for f in listed
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        modes = "/".join(m for m in ("read", "write") if row[m])
        suffixes = " ".join(row["suffixes"])  # type: ignore[arg-type]
        click.echo(f"{row['name']:<10} {modes:<11} {suffixes:<24} {row['description']}")
