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

    return finish(lay_out(_graph(amap, view, marks, layout, rankdir, legend), via))


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
) -> Rendered:
    """One drawing of ``amap`` as ``dot``, ``svg``, ``png``, ``pdf`` or ``html``.

    ``view`` is ``argument``, ``stakeholders``, ``full`` or ``grid`` (Mendelow's
    power/interest grid). Narrow the map first with
    :func:`argmap.render.views.select` for focused views. ``layout`` forces a
    Graphviz engine; by default the settings are chosen by size and the choice
    is returned in ``notes``. ``via`` forces the Graphviz route (``system`` or
    ``wasm``). ``page`` is a page size for the paginate stage (None: the
    drawing's own size).
    """
    if fmt not in FORMATS:
        raise ArgmapError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    graph = _graph(amap, view, marks, layout, rankdir, legend)
    if fmt == "dot":
        return Rendered(graph.dot.encode("utf-8"), graph.notes)
    from argmap.render.encode import encode
    from argmap.render.layout import lay_out
    from argmap.render.paginate import paginate
    from argmap.render.svg import finish

    pages = paginate(finish(lay_out(graph, via)), page)
    return Rendered(encode(pages, fmt), pages.notes)
