"""One map being edited: re-read on every save, redrawn with a steady layout.

:class:`LiveMap` holds what ``argmap serve`` knows about the map it shows: the
last good version (and every good version a page was opened on, for
``--diff``), the problems of the current text when it is broken, and the
drawings made so far. It is plain synchronous code with a lock, so the web
server can call it from worker threads; it never prints.

Keeping the drawing steady between saves:

- Graphviz is given the same way of writing the DOT every time: the first
  drawing tries every layout variant (:func:`argmap.render.layout.lay_out`)
  and later ones reuse the variant that won, so a small edit does not flip
  the whole drawing to another variant (and one Graphviz run is faster than
  five).
- Every node keeps the rank and the left-to-right order it had in the
  drawing before (:func:`pinned`); only new nodes, and old ones a new edge
  joins to a neighbour on their rank, are placed afresh. The first drawing
  is settled under its own ranks, so the first edit moves no more than later
  ones.
- Claims keep the order they had when first seen, new ones going last, so a
  claim moved to another place in the file is not laid out anew.
- The page keeps the selected claim (or the one in the middle of the view)
  where it was on the screen (``window.argmap.update``). :func:`movement`
  measures what moved: how many claims are not where they were once the new
  drawing is shifted by the median shift of the claims both drawings have.
"""

from __future__ import annotations

import html
import re
import secrets
import statistics
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError, MapError
from argmap.model import ArgumentMap

__all__ = [
    "LiveMap",
    "Movement",
    "State",
    "claim_centres",
    "movement",
]

MOVED_AT = 2.0
"""Points a claim's centre must shift (after aligning the drawings) to count as moved."""


@dataclass(frozen=True, slots=True)
class Movement:
    """How much of a drawing moved from the one before it.

    ``common`` claims are in both drawings; ``moved_raw`` of them are not at
    the same place in the SVG, ``moved`` not at the same place once the new
    drawing is shifted by ``shift`` (points; what the page scrolls by);
    ``max_shift`` is the largest distance left after that shift."""

    common: int
    moved_raw: int
    moved: int
    shift: tuple[float, float]
    max_shift: float

    def as_json(self) -> dict[str, Any]:
        return {
            "common": self.common,
            "moved_raw": self.moved_raw,
            "moved": self.moved,
            "shift": [round(self.shift[0], 2), round(self.shift[1], 2)],
            "max_shift": round(self.max_shift, 2),
        }


_NODE = re.compile(
    r'<g id="c\d+" class="node">\s*<title>c:([^<]*)</title>\s*<(polygon|path|ellipse)\b([^>]*)>'
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


_ANY_NODE = re.compile(
    r'<g id="[^"]+" class="node">\s*<title>([^<]*)</title>\s*<(polygon|path|ellipse)\b([^>]*)>'
)
_LINK = re.compile(r'^("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*")', re.M)
SETTLE = 2
"""At most this many layouts settle the first drawing under its own held ranks."""
RANK_SLACK = 0.5
"""Points within which two nodes' centres count as on one rank."""
_PINNED = ("c:", "s:")
"""The nodes whose places are kept: claims and support junctions."""


def _centre(kind: str, attrs: str) -> tuple[float, float] | None:
    if kind == "ellipse":
        cx = re.search(r'\bcx="(-?[\d.]+)"', attrs)
        cy = re.search(r'\bcy="(-?[\d.]+)"', attrs)
        return (float(cx.group(1)), float(cy.group(1))) if cx and cy else None
    pts = re.search(r'\b(?:points|d)="([^"]*)"', attrs)
    if pts is None:
        return None
    nums = [float(n) for n in _NUMBER.findall(pts.group(1))]
    xs, ys = nums[0::2], nums[1::2]
    if not xs or not ys:
        return None
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def claim_centres(svg: str) -> dict[str, tuple[float, float]]:
    """Claim id -> the centre of its box in a drawing (SVG points)."""
    out: dict[str, tuple[float, float]] = {}
    for m in _NODE.finditer(svg):
        at = _centre(m.group(2), m.group(3))
        if at is not None:
            out[html.unescape(m.group(1))] = at
    return out


def node_centres(svg: str) -> dict[str, tuple[float, float]]:
    """Quoted DOT name -> centre, for the claims and junctions of a drawing."""
    from argmap.render.text import quote

    out: dict[str, tuple[float, float]] = {}
    for m in _ANY_NODE.finditer(svg):
        name = html.unescape(m.group(1))
        if not name.startswith(_PINNED):
            continue
        at = _centre(m.group(2), m.group(3))
        if at is not None:
            out[quote(name)] = at
    return out


def links(dot: str) -> dict[str, frozenset[str]]:
    """Quoted DOT node name -> the names it has an edge to or from."""
    found: dict[str, set[str]] = {}
    for m in _LINK.finditer(dot):
        a, b = m.group(1), m.group(2)
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in found.items()}


def pinned(
    dot: str,
    before: Mapping[str, tuple[float, float]],
    linked_before: Mapping[str, frozenset[str]],
) -> str:
    """The DOT with the nodes of the drawing ``before`` held in the ranks and
    the left-to-right order they had there.

    Each rank of the old drawing becomes a ``rank=same`` group chained by
    invisible edges in the old order. New nodes are free for Graphviz to
    place, and so are old nodes that a new edge joins to another node of
    their old rank (held there, the new edge would be drawn flat)."""
    now = links(dot)
    rows: list[list[tuple[float, str]]] = []
    for y, _x, name in sorted((y, x, n) for n, (x, y) in before.items() if n in now):
        if rows and abs(rows[-1][0][0] - y) <= RANK_SLACK:
            rows[-1].append((y, name))
        else:
            rows.append([(y, name)])
    extra: list[str] = []
    for row in rows:
        names = [n for _, n in row]
        kept = set(names)
        for n in names:
            if (now[n] - linked_before.get(n, frozenset())) & kept:
                kept.discard(n)
        ordered = sorted((before[n][0], n) for n in kept)
        if len(ordered) < 2:
            continue
        extra.append("{rank=same; " + " -> ".join(n for _, n in ordered) + " [style=invis];}")
    if not extra:
        return dot
    return dot.rstrip().removesuffix("}") + "\n".join(extra) + "\n}\n"


def movement(
    before: Mapping[str, tuple[float, float]], after: Mapping[str, tuple[float, float]]
) -> Movement:
    """How the claims both drawings have moved from ``before`` to ``after``."""
    common = sorted(set(before) & set(after))
    if not common:
        return Movement(0, 0, 0, (0.0, 0.0), 0.0)
    dx = [after[c][0] - before[c][0] for c in common]
    dy = [after[c][1] - before[c][1] for c in common]
    sx, sy = statistics.median(dx), statistics.median(dy)
    raw = sum(1 for x, y in zip(dx, dy, strict=True) if abs(x) > MOVED_AT or abs(y) > MOVED_AT)
    left = [((x - sx) ** 2 + (y - sy) ** 2) ** 0.5 for x, y in zip(dx, dy, strict=True)]
    moved = sum(1 for d in left if d > MOVED_AT)
    return Movement(len(common), raw, moved, (sx, sy), max(left))


@dataclass(frozen=True, slots=True)
class State:
    """What the map is now.

    ``seq`` grows with every change the page must hear of; ``version`` with
    every good version of the map (0: none yet). ``errors`` are the problems of
    the current text as ``path:line:col: message`` (empty when it is good);
    ``amap`` is the last good map (None before the first)."""

    seq: int
    version: int
    errors: tuple[str, ...]
    amap: ArgumentMap | None
    took: float = 0.0
    """Seconds it took to read, check and draw this state."""
    moved: Movement | None = None


@dataclass(slots=True)
class _Drawn:
    version: int
    svg: str
    data: dict[str, Any]
    title: str
    centres: dict[str, tuple[float, float]]
    amap: ArgumentMap
    moved: Movement | None = None
    nodes: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Every node's centre, by quoted DOT name (claims and junctions)."""
    links: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every node's neighbours in the DOT, by quoted DOT name."""
    texts: dict[str, str] = field(default_factory=dict)
    """The sources' texts the page shows quotes in."""


def _problems(exc: ArgmapError) -> tuple[str, ...]:
    if isinstance(exc, MapError):
        return tuple(str(p) for p in exc.problems)
    return tuple(str(exc).splitlines() or [type(exc).__name__])


@dataclass
class LiveMap:
    """A map file followed through its saves.

    ``read`` loads the map (default :func:`argmap.formats.registry.read`);
    ``diff`` makes pages show what changed since they were opened. Call
    :meth:`refresh` after a save, :meth:`payload` for what a page needs.
    """

    path: Path
    diff: bool = False
    via: str | None = None
    read: Callable[[Path], ArgumentMap] | None = None
    stable_order: bool = True
    pin_variant: bool = True
    pin_layout: bool = True
    instance: str = field(default_factory=lambda: secrets.token_hex(8))
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    _state: State = field(init=False, repr=False)
    _versions: dict[int, ArgumentMap] = field(default_factory=dict, init=False, repr=False)
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _variant: int | None = field(default=None, init=False, repr=False)
    _files: tuple[Path, ...] = field(default=(), init=False, repr=False)
    _opened: set[int] = field(default_factory=set, init=False, repr=False)
    """The versions pages were opened on (their ``--diff`` baselines)."""
    _drawn: dict[int | None, _Drawn] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._state = State(0, 0, (), None)

    @property
    def state(self) -> State:
        with self._lock:
            return self._state

    def watched(self) -> frozenset[Path]:
        """The files whose saves change the map: the map and every file it
        includes, as far as the last read reached (a broken map too)."""
        with self._lock:
            return frozenset(p.absolute() for p in (self.path, *self._files))

    # Reading and drawing

    def _read(self) -> ArgumentMap:
        if self.read is not None:
            return self.read(self.path)
        if self.path.suffix.lower() in (".yaml", ".yml"):
            from argmap.formats.yaml import load_with_files

            try:
                loaded = load_with_files(self.path)
            except MapError as exc:
                self._files = tuple(Path(f) for f in exc.files)
                raise
            self._files = tuple(Path(f) for f in loaded.files)
            return loaded.amap
        from argmap.formats.registry import read

        return read(self.path)

    def _texts(self, amap: ArgumentMap) -> dict[str, str]:
        """The texts of the map's source files, for quotes in their paragraphs
        (those that cannot be read are left out, as ``render`` does)."""
        if not any(getattr(s, "file", None) for s in amap.sources):
            return {}
        from argmap.formats.sources import read_source_files

        try:
            return read_source_files(amap, self.path).texts
        except ArgmapError:
            return {}

    def _ordered(self, amap: ArgumentMap) -> ArgumentMap:
        """The map with its claims in the order they were first seen."""
        if not self.stable_order:
            return amap
        for c in amap.claims:
            self._order.setdefault(c.id, len(self._order))
        claims = tuple(sorted(amap.claims, key=lambda c: self._order[c.id]))
        return amap if claims == amap.claims else replace(amap, claims=claims)

    def _draw(
        self, amap: ArgumentMap, marks: Mapping[str, str] | None, previous: _Drawn | None
    ) -> tuple[str, str]:
        """The drawing of ``amap``, laid out to keep what ``previous`` showed in
        place, and the DOT it was made from (before the pins)."""
        from argmap.render import _graph
        from argmap.render.layout import lay_out
        from argmap.render.svg import finish

        graph = _graph(amap, "argument", marks, None, None, True)
        if not self.pin_variant:
            return finish(lay_out(graph, self.via)).svg, graph.dot
        if self._variant is None and graph.variants:
            self._variant = graph.variants.index(lay_out(graph, self.via).dot)
        dot = graph.dot
        if graph.variants:
            dot = graph.variants[min(self._variant or 0, len(graph.variants) - 1)]
        if previous is None and self.pin_layout:
            # Settle the first drawing under its own held ranks (until holding
            # them moves nothing, at most SETTLE runs), so the first edit does
            # not move what it does not touch.
            nodes = node_centres(lay_out(replace(graph, dot=dot, variants=()), self.via).svg)
            around = links(dot)
            for _ in range(SETTLE):
                held = pinned(dot, nodes, around)
                try:
                    again = node_centres(
                        lay_out(replace(graph, dot=held, variants=()), self.via).svg
                    )
                except ArgmapError:
                    break
                if again == nodes:
                    break
                nodes = again
            previous = _Drawn(0, "", {}, "", {}, amap, None, nodes, around)
        plain = dot
        if previous is not None and self.pin_layout:
            held = pinned(dot, previous.nodes, previous.links)
            try:
                laid = lay_out(replace(graph, dot=held, variants=()), self.via)
            except ArgmapError:  # Graphviz refused the held ranks: lay out afresh
                laid = lay_out(replace(graph, dot=dot, variants=()), self.via)
        else:
            laid = lay_out(replace(graph, dot=dot, variants=()), self.via)
        return finish(laid).svg, plain

    def _drawing(self, key: int | None, version: int, amap: ArgumentMap) -> _Drawn:
        """The drawing for a page opened on version ``key`` (None: no diff)."""
        old = self._drawn.get(key)
        if old is not None and old.version == version:
            return old
        from argmap.render.html import page_data

        marks: Mapping[str, str] | None = None
        if key is not None and key != version and key in self._versions:
            from argmap.diff import drawing_overlay

            amap, marks = drawing_overlay(self._versions[key], amap)
        amap = self._ordered(amap)
        reference = old if old is not None else self._drawn.get(None)
        svg, dot = self._draw(amap, marks, reference)
        from argmap.render.svg import strip_prolog

        svg = strip_prolog(svg)
        centres = claim_centres(svg)
        shown = old if old is not None else reference
        moved = movement(shown.centres, centres) if shown is not None else None
        texts = self._texts(amap)
        drawn = _Drawn(version, svg, page_data(amap, texts), amap.title, centres, amap, moved)
        drawn.texts = texts
        drawn.nodes = node_centres(svg)
        drawn.links = links(dot)
        self._drawn[key] = drawn
        return drawn

    def refresh(self) -> State:
        """Re-read the map after a save; the new state (the same one when
        nothing that is drawn changed)."""
        with self._lock:
            start = time.perf_counter()
            st = self._state
            try:
                amap = self._read()
                if st.amap is not None and amap == st.amap and not st.errors:
                    return st
                version = st.version + 1
                self._versions[version] = amap
                drawn = self._drawing(None, version, amap)
            except ArgmapError as exc:
                errors = _problems(exc)
                if errors == st.errors:
                    return st
                self._state = State(st.seq + 1, st.version, errors, st.amap)
                return self._state
            self._forget()
            took = time.perf_counter() - start
            self._state = State(st.seq + 1, version, (), amap, took, drawn.moved)
            return self._state

    def fail(self, message: str) -> State:
        """Show ``message`` as the current problem (for errors outside the map)."""
        with self._lock:
            st = self._state
            self._state = State(st.seq + 1, st.version, (message,), st.amap)
            return self._state

    def _forget(self) -> None:
        """Drop the versions no page can ask for: all but the last and, with
        ``diff``, those a page was opened on."""
        last = max(self._versions, default=0)
        keep = self._opened | {last} if self.diff else {last}
        for v in [v for v in self._versions if v not in keep]:
            del self._versions[v]

    # What pages get

    def payload(self, since: int | None = None, known: int | None = None) -> dict[str, Any]:
        """The state as the page's script takes it (JSON-ready).

        ``since`` is the version the page was opened on (for ``--diff``);
        ``known`` the version the page already draws: the drawing is left out
        when it is the same."""
        with self._lock:
            st = self._state
            out: dict[str, Any] = {
                "instance": self.instance,
                "seq": st.seq,
                "version": st.version,
                "errors": list(st.errors),
                "path": str(self.path),
            }
            if st.amap is None or known == st.version:
                return out
            key = since if self.diff and since in self._versions else None
            if key == st.version:
                key = None
            try:
                drawn = self._drawing(key, st.version, st.amap)
            except ArgmapError as exc:
                out["errors"] = [*out["errors"], *_problems(exc)]
                return out
            out.update(svg=drawn.svg, data=drawn.data, title=drawn.title)
            if drawn.moved is not None:
                out["moved"] = drawn.moved.as_json()
            return out

    def page(self) -> str:
        """The whole page for a new tab, opened on the current version."""
        from argmap.render.values import Drawing
        from argmap.serve.page import live_page

        with self._lock:
            st = self._state
            if st.version:
                self._opened.add(st.version)
            if st.amap is not None:
                drawn = self._drawing(None, st.version, st.amap)
                amap, svg, texts = drawn.amap, drawn.svg, drawn.texts
            else:
                amap, texts = ArgumentMap(title=self.path.name), {}
                svg = self._draw(amap, None, None)[0]
            live = {
                "instance": self.instance,
                "seq": st.seq,
                "version": st.version,
                "since": st.version,
                "diff": self.diff,
                "errors": list(st.errors),
                "path": str(self.path),
            }
            return live_page(amap, Drawing(svg, "", "dot"), live, texts)
