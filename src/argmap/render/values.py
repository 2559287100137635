"""The plain values passed from one stage of the render pipeline to the next.

select (:func:`argmap.render.views.scene`) → :class:`Scene` →
build DOT (:func:`argmap.render.dot.build_graph`) → :class:`Graph` →
lay out (:func:`argmap.render.layout.lay_out`) → :class:`Laid` →
finish (:func:`argmap.render.svg.finish`) → :class:`Drawing` →
paginate (:func:`argmap.render.paginate.paginate`) → :class:`Pages` →
encode (:func:`argmap.render.encode.encode`) → bytes.

Every value is frozen and carries the one before it, so a later stage can
look back (a page splitter can rebuild a part of the map from the scene).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from argmap.model import ArgumentMap

Segment = tuple[str, str]
"""A run of text in a label line and the SVG attributes it is drawn with."""
Decorations = dict[str, list[list[Segment]]]
"""SVG node id -> its label lines, each a list of segments."""

_NO_MARKS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Scene:
    """What to draw: the (already narrowed) map, the view and its options."""

    amap: ArgumentMap
    view: str = "argument"
    marks: Mapping[str, str] = field(default_factory=lambda: _NO_MARKS)
    layout: str | None = None
    """A Graphviz engine forced by the user (None: chosen by size)."""
    rankdir: str | None = None
    legend: bool = True
    title: bool = True


@dataclass(frozen=True, slots=True)
class Line:
    """One measured line of a node's label: its segments, size (the largest of
    its segments), width and height in points."""

    segments: tuple[Segment, ...]
    size: float
    width: float
    height: float
    ascent: float
    """From the top of the line box to the baseline."""


@dataclass(frozen=True, slots=True)
class Block:
    """A node's label measured (:func:`argmap.render.metrics.measure`): its
    lines, the text's width and height, and the node's shape and size in
    points (what the DOT gives Graphviz as ``fixedsize``)."""

    lines: tuple[Line, ...]
    width: float
    height: float
    shape: str
    node_width: float
    node_height: float


@dataclass(frozen=True, slots=True)
class Graph:
    """A scene as DOT text, ready for Graphviz, with what the SVG finish needs."""

    scene: Scene
    dot: str
    decorations: Decorations
    engine: str
    notes: tuple[str, ...] = ()
    blocks: Mapping[str, Block] = field(default_factory=dict)
    """SVG node id -> its measured label, for nodes sized by argmap (the
    finish stage places their lines itself)."""
    variants: tuple[str, ...] = ()
    """Other ways of writing the same DOT (the first is ``dot``); the layout
    stage lays each out and keeps the one with the fewest edge crossings."""


@dataclass(frozen=True, slots=True)
class Laid:
    """A graph laid out by Graphviz: its raw SVG, the route that made it and
    the DOT text it was made from (one of the graph's variants)."""

    graph: Graph
    svg: str
    via: str
    dot: str = ""


@dataclass(frozen=True, slots=True)
class Drawing:
    """A laid-out, finished drawing as SVG text, with what it took to make it."""

    svg: str
    dot: str
    engine: str
    notes: tuple[str, ...] = ()
    scene: Scene | None = None


@dataclass(frozen=True, slots=True)
class Pages:
    """A drawing cut to pages: one SVG per page, in reading order.

    ``page`` is the page size asked for (None: one page the size of the
    drawing, which is then ``svgs == (drawing.svg,)``)."""

    drawing: Drawing
    svgs: tuple[str, ...]
    page: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendered:
    """A drawing and the notes worth telling the user (e.g. the layout chosen)."""

    data: bytes
    notes: tuple[str, ...] = ()
