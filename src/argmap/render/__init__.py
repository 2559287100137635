"""Drawing maps: a pipeline of stages, each a module with one entry and a plain value.

::

    views.scene      map + options        -> Scene    (select what to draw)
    dot.build_graph  Scene                -> Graph    (DOT text, decorations, engine)
    layout.lay_out   Graph                -> Laid     (Graphviz's raw SVG)
    svg.finish       Laid                 -> Drawing  (typography, fonts)
    paginate.paginate Drawing, page       -> Pages    (one SVG per page)
    encode.encode    Pages, format        -> bytes    (SVG, PNG, PDF, HTML)

The values are in :mod:`argmap.render.values`; map text is escaped only by
:mod:`argmap.render.text`. :func:`render` runs the whole pipeline for one
file and :func:`draw` runs it up to the finished drawing. Step-by-step frames
are in :mod:`argmap.render.reveal` and the teacher's set of files in
:mod:`argmap.render.teach`. Renderers return bytes and never write files.
docs/render.md says which route each format takes.

A layer above :mod:`argmap.analysis` (docs/architecture.md): it may import
the analysis (for colouring verdicts), the model and the graph, never the
format layer or :mod:`argmap.diff`. PNG and PDF need the ``argmap[raster]``
extra, SVG a system Graphviz or ``argmap[graphviz]``.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.values import Drawing, Graph, Laid, Pages, Rendered, Scene

FORMATS: tuple[str, ...] = ("dot", "svg", "png", "pdf", "html")
ALL_VIEWS: tuple[str, ...] = ("argument", "stakeholders", "full", "grid")

__all__ = [
    "ALL_VIEWS",
    "FORMATS",
    "Drawing",
    "Graph",
    "Laid",
    "Pages",
    "Rendered",
    "Scene",
    "draw",
    "prepare",
    "render",
]


def _graph(
    amap: ArgumentMap,
    view: str,
    marks: Mapping[str, str] | None,
    layout: str | None,
    rankdir: str | None,
    legend: bool,
) -> Graph:
    from argmap.render.dot import build_graph
    from argmap.render.views import scene

    return build_graph(
        scene(amap, view=view, marks=marks, layout=layout, rankdir=rankdir, legend=legend)
    )


def prepare(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
) -> tuple[str, dict[str, list[list[tuple[str, str]]]], str, tuple[str, ...]]:
    """DOT text, SVG decorations, the layout engine and notes for one view
    (the build stage's :class:`Graph` as a tuple)."""
    g = _graph(amap, view, marks, layout, rankdir, legend)
    return g.dot, g.decorations, g.engine, g.notes


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
    """One view selected, built, laid out by Graphviz and finished as SVG."""
    from argmap.render.layout import lay_out
    from argmap.render.svg import finish

    if view == "grid":
        return _grid(amap, legend)
    return finish(lay_out(_graph(amap, view, marks, layout, rankdir, legend), via))


def _grid(amap: ArgumentMap, legend: bool, page: str | None = None) -> Drawing:
    """The power/interest plot: argmap builds and lays it out itself, so it skips
    the DOT and Graphviz stages and joins the pipeline as a finished drawing.
    For a named page the canvas takes the page's shape, at the size that puts
    the labels at the page's smallest readable text."""
    from argmap.render.grid import HEIGHT, LABEL_SIZE, WIDTH, grid_svg
    from argmap.render.views import scene

    width, height = WIDTH, HEIGHT
    if page is not None:
        from argmap.render.paginate import page_room, page_size

        ps = page_size(page)
        scale = ps.min_text / LABEL_SIZE
        room_w, room_h = page_room(ps)
        width, height = room_w / scale, room_h / scale
    svg = grid_svg(amap, width=width, height=height)
    return Drawing(svg, "", "argmap", (), scene(amap, view="grid", legend=legend))


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
    page: str | None = None,
    texts: Mapping[str, str] | None = None,
) -> Rendered:
    """One drawing of ``amap`` as ``dot``, ``svg``, ``png``, ``pdf`` or ``html``.

    ``view`` is ``argument``, ``stakeholders``, ``full`` or ``grid`` (the
    power/interest plot, :mod:`argmap.render.grid`; it has no DOT form). Narrow the map first with
    :func:`argmap.render.views.select` for focused views. ``layout`` forces a
    Graphviz engine; by default the settings are chosen by size and the choice
    is returned in ``notes``. ``via`` forces the Graphviz route (``system`` or
    ``wasm``). ``page`` is a page size for the paginate stage (None: the
    drawing's own size). ``texts`` (source id -> text, read by the caller)
    go into an HTML page, which shows quotes in their paragraphs.
    """
    if fmt not in FORMATS:
        raise ArgmapError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    from argmap.render.encode import encode
    from argmap.render.paginate import paginate

    if page is not None and fmt == "html":
        raise ArgmapError("pages are for SVG, PNG and PDF; the HTML page zooms instead")
    if view == "grid" and fmt != "dot":
        pages = paginate(_grid(amap, legend, page), page, via=via)
    else:
        graph = _graph(amap, view, marks, layout, rankdir, legend)
        if fmt == "dot":
            return Rendered(graph.dot.encode("utf-8"), graph.notes)
        from argmap.render.paginate import paginate_graph

        pages = paginate_graph(graph, page, via=via)
    if fmt in ("svg", "png") and len(pages.svgs) > 1:
        from argmap.render.encode import encode_each

        files = encode_each(pages, fmt)
        return Rendered(files[0], pages.notes, files)
    return Rendered(encode(pages, fmt, texts=texts), pages.notes)
