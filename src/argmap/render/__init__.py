"""Drawing maps: DOT built by argmap, laid out by Graphviz, finished as SVG/PNG/PDF/HTML.

:func:`render` is the one entry point for a single drawing; the DOT builder is
:func:`argmap.render.dot.build_dot`; step-by-step frames are in
:mod:`argmap.render.reveal`, the interactive page in :mod:`argmap.render.html`
and the teacher's set of files in :mod:`argmap.render.teach`. Renderers return
bytes and never write files. docs/render.md says which route each format takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

FORMATS: tuple[str, ...] = ("dot", "svg", "png", "pdf", "html")
ALL_VIEWS: tuple[str, ...] = ("argument", "stakeholders", "full", "grid")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A drawing and the notes worth telling the user (e.g. the layout chosen)."""

    data: bytes
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Drawing:
    """A laid-out drawing as SVG text, with what it took to make it."""

    svg: str
    dot: str
    engine: str
    notes: tuple[str, ...] = ()


def prepare(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
) -> tuple[str, dict[str, list[list[tuple[str, str]]]], str, tuple[str, ...]]:
    """DOT text, SVG decorations, the layout engine and notes for one view."""
    from argmap.render import dot as dotmod
    from argmap.render.layout import RANKDIRS, choose

    if rankdir is not None and rankdir not in RANKDIRS:
        raise ArgmapError(f"unknown rankdir {rankdir!r} (known: {', '.join(RANKDIRS)})")
    if view == "grid":
        raise ArgmapError(
            "the power/interest grid is drawn as a plot, not through DOT: "
            "write SVG, PNG, PDF or HTML (-o FILE.svg, .png, .pdf or .html)"
        )
    if view not in dotmod.VIEWS:
        raise ArgmapError(f"unknown view {view!r} (known: {', '.join(ALL_VIEWS)})")
    nodes, edges = 0, 0
    if view in ("argument", "full"):
        junctions = dotmod.junction_supports(amap)
        nodes += len(amap.claims) + len(junctions)
        edges += len(amap.attacks) + sum(
            len(s.premises) + 1 if s.id in junctions else 1 for s in amap.supports
        )
    if view in ("stakeholders", "full"):
        nodes += len(amap.stakeholders)
        edges += sum(len(h.relations) for h in amap.stakeholders)
    if view == "full":
        edges += len(amap.stances)
    choice = choose(nodes, edges, layout)
    text, decor = dotmod.build(
        amap, view=view, marks=marks, rankdir=rankdir, legend=legend, graph_attrs=choice.graph_attrs
    )
    return text, decor, choice.engine, (choice.note,) if choice.note else ()


def draw(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    via: str | None = None,
) -> Drawing:
    """Lay out one view with Graphviz and return the finished SVG."""
    from argmap.render.layout import run_graphviz
    from argmap.render.svg import decorate

    if view == "grid":
        from argmap.render.grid import grid_svg

        return Drawing(grid_svg(amap), "", "argmap")
    text, decor, engine, notes = prepare(
        amap, view=view, marks=marks, layout=layout, rankdir=rankdir, legend=legend
    )
    raw = run_graphviz(text, "svg", engine, via).decode("utf-8")
    return Drawing(decorate(raw, decor), text, engine, notes)


def render(
    amap: ArgumentMap,
    fmt: str = "svg",
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    via: str | None = None,
) -> Rendered:
    """One drawing of ``amap`` as ``dot``, ``svg``, ``png``, ``pdf`` or ``html``.

    ``view`` is ``argument``, ``stakeholders``, ``full`` or ``grid`` (Mendelow's
    power/interest grid). Narrow the map first with
    :func:`argmap.render.views.select` for focused views. ``layout`` forces a
    Graphviz engine; by default the settings are chosen by size and the choice
    is returned in ``notes``. ``via`` forces the Graphviz route (``system`` or
    ``wasm``).
    """
    if fmt not in FORMATS:
        raise ArgmapError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt == "dot":
        text, _decor, _engine, notes = prepare(
            amap, view=view, marks=marks, layout=layout, rankdir=rankdir, legend=legend
        )
        return Rendered(text.encode("utf-8"), notes)
    drawing = draw(
        amap, view=view, marks=marks, layout=layout, rankdir=rankdir, legend=legend, via=via
    )
    if fmt == "svg":
        return Rendered(drawing.svg.encode("utf-8"), drawing.notes)
    if fmt == "html":
        from argmap.render.html import page

        return Rendered(page(amap, drawing).encode("utf-8"), drawing.notes)
    from argmap.render import convert

    if fmt == "png":
        return Rendered(convert.svg_to_png(drawing.svg), drawing.notes)
    return Rendered(convert.svg_to_pdf(drawing.svg), drawing.notes)
