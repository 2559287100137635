"""What a layout looks like, measured from Graphviz's coordinates.

:func:`read_layout` reads Graphviz's ``-Tjson`` output (both routes write it)
into boxes and edge polylines; the measures are what a reader suffers from:
:func:`crossings` (pairs of edges that cross), :func:`edge_length` (total
length of the arrows), :func:`edges_through_boxes` (an arrow running across a
box it does not belong to), :func:`overlapping_boxes` and
:func:`overlapping_labels`. The benchmark ``benchmarks/bench_layout.py`` and
the layout tests use them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A node or a label: its name, centre and size in points."""

    name: str
    x: float
    y: float
    width: float
    height: float
    shape: str = "box"

    def bounds(self, inset: float = 0.0) -> tuple[float, float, float, float]:
        """(left, bottom, right, top), shrunk by ``inset`` on every side."""
        hw, hh = self.width / 2 - inset, self.height / 2 - inset
        return self.x - hw, self.y - hh, self.x + hw, self.y + hh


@dataclass(frozen=True, slots=True)
class Edge:
    """An edge: the DOT names of its ends, its ``id`` and its drawn polyline."""

    tail: str
    head: str
    id: str
    points: tuple[Point, ...]
    labels: tuple[Box, ...] = ()


@dataclass(frozen=True, slots=True)
class Layout:
    """Boxes by DOT node name and the edges between them."""

    boxes: dict[str, Box]
    edges: tuple[Edge, ...]


def _bezier(ctrl: Sequence[Sequence[float]], steps: int = 8) -> list[Point]:
    out: list[Point] = [(ctrl[0][0], ctrl[0][1])]
    for i in range(0, len(ctrl) - 3, 3):
        p0, p1, p2, p3 = ctrl[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return out


def _labels(ops: Iterable[dict[str, object]], name: str) -> tuple[Box, ...]:
    size = 14.0
    boxes: list[Box] = []
    for op in ops:
        if op.get("op") == "F":
            size = float(op.get("size", size))  # type: ignore[arg-type]
        elif op.get("op") == "T":
            pt = op["pt"]
            x, y = float(pt[0]), float(pt[1])  # type: ignore[index]
            w = float(op.get("width", 0.0))  # type: ignore[arg-type]
            align = op.get("align", "c")
            cx = x + w / 2 if align == "l" else x - w / 2 if align == "r" else x
            boxes.append(Box(name, cx, y + size * 0.3, w, size * 1.2))
    return tuple(boxes)


def read_layout(data: bytes | str) -> Layout:
    """Boxes and edges from Graphviz ``-Tjson`` output."""
    doc = json.loads(data)
    boxes: dict[str, Box] = {}
    by_gvid: dict[int, str] = {}
    for obj in doc.get("objects", []):
        if "pos" not in obj or "nodes" in obj:
            continue  # a subgraph or cluster
        x, y = (float(v) for v in obj["pos"].split(",")[:2])
        name = obj["name"]
        by_gvid[obj["_gvid"]] = name
        boxes[name] = Box(
            name,
            x,
            y,
            float(obj.get("width", 0)) * 72,
            float(obj.get("height", 0)) * 72,
            obj.get("shape", "ellipse"),
        )
    edges: list[Edge] = []
    for e in doc.get("edges", []):
        pts: list[Point] = []
        for op in e.get("_draw_", []):
            if op.get("op") == "b":
                pts += _bezier(op["points"])
            elif op.get("op") in ("L", "l"):
                pts += [(float(p[0]), float(p[1])) for p in op["points"]]
        labels = _labels(e.get("_ldraw_", []) + e.get("_xldraw_", []), e.get("id", ""))
        edges.append(
            Edge(by_gvid[e["tail"]], by_gvid[e["head"]], e.get("id", ""), tuple(pts), labels)
        )
    return Layout(boxes, tuple(edges))


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0) and d1 * d2 != 0 and d3 * d4 != 0


def _bbox(pts: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def crossings(layout: Layout, keep: Callable[[Edge], bool] | None = None) -> int:
    """How many times two edges cross (edges sharing an end are not counted:
    they meet at that node)."""
    edges = [e for e in layout.edges if len(e.points) > 1 and (keep is None or keep(e))]
    boxes = [_bbox(e.points) for e in edges]
    count = 0
    for i, e in enumerate(edges):
        for j in range(i + 1, len(edges)):
            f = edges[j]
            if {e.tail, e.head} & {f.tail, f.head} or not _meet(boxes[i], boxes[j]):
                continue
            for k in range(len(e.points) - 1):
                a, b = e.points[k], e.points[k + 1]
                sa = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
                if not _meet(sa, boxes[j]):
                    continue
                for m in range(len(f.points) - 1):
                    if _segments_cross(a, b, f.points[m], f.points[m + 1]):
                        count += 1
    return count


def edge_length(layout: Layout) -> float:
    """The total drawn length of all edges, in points."""
    return sum(
        math.dist(e.points[k], e.points[k + 1])
        for e in layout.edges
        for k in range(len(e.points) - 1)
    )


def _through(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether the segment a-b enters the rectangle."""
    x0, y0, x1, y1 = box
    if max(a[0], b[0]) < x0 or min(a[0], b[0]) > x1 or max(a[1], b[1]) < y0:
        return False
    if min(a[1], b[1]) > y1:
        return False
    if (x0 <= a[0] <= x1 and y0 <= a[1] <= y1) or (x0 <= b[0] <= x1 and y0 <= b[1] <= y1):
        return True
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return any(_segments_cross(a, b, corners[i], corners[(i + 1) % 4]) for i in range(4))


def edges_through_boxes(
    layout: Layout,
    edge: Callable[[Edge], bool] | None = None,
    box: Callable[[Box], bool] | None = None,
    inset: float = 2.0,
) -> list[tuple[str, str]]:
    """(edge id, box name) for every edge drawn across a box that is not one of
    its ends (the box shrunk by ``inset`` points, so touching is allowed)."""
    found: list[tuple[str, str]] = []
    for e in layout.edges:
        if (edge is not None and not edge(e)) or len(e.points) < 2:
            continue
        eb = _bbox(e.points)
        for b in layout.boxes.values():
            if b.name in (e.tail, e.head) or (box is not None and not box(b)):
                continue
            r = b.bounds(inset)
            if r[0] >= r[2] or r[1] >= r[3] or not _meet(eb, r):
                continue
            if any(_through(e.points[k], e.points[k + 1], r) for k in range(len(e.points) - 1)):
                found.append((e.id, b.name))
    return found


def overlapping_boxes(layout: Layout, inset: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes intersect."""
    items = sorted(layout.boxes.values(), key=lambda b: b.x - b.width / 2)
    found: list[tuple[str, str]] = []
    for i, a in enumerate(items):
        ra = a.bounds(inset)
        for b in items[i + 1 :]:
            rb = b.bounds(inset)
            if rb[0] > ra[2]:
                break
            if ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]:
                found.append((a.name, b.name))
    return found


def overlapping_labels(layout: Layout, inset: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of edge labels whose boxes intersect."""
    labels = [lab for e in layout.edges for lab in e.labels]
    found: list[tuple[str, str]] = []
    for i, a in enumerate(labels):
        ra = a.bounds(inset)
        for b in labels[i + 1 :]:
            rb = b.bounds(inset)
            if ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]:
                found.append((a.name, b.name))
    return found


def laid_out(dot: str, engine: str = "dot", via: str | None = None) -> Layout:
    """DOT text laid out by Graphviz (``via``: ``system``/``wasm``) and read back."""
    from argmap.render.layout import run_graphviz

    return read_layout(run_graphviz(dot, "json", engine, via))
