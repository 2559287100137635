"""Stage 5 of the render pipeline: put a finished drawing on pages (:func:`paginate`).

``page=None`` keeps the drawing as one page of its own size. A named page
(:data:`PAGE_SIZES`) is a landscape sheet with a minimum size for body text
(every text drawn at :data:`BODY_FROM` points, the claim text size, or more in
the drawing: claim text and labels, names, titles, the continuation stubs; the
key at 14 pt, the ``&`` of linked premises, edge labels at 13 pt and the kind
line at 11 pt are smaller annotations). The drawing is placed at the
largest scale that fits, up to :data:`MAX_ENLARGE`; when even the scale that
keeps body text at its minimum does not fit, an argument map (``argument`` or
``full`` view) is split instead of shrunk:

- claims are grouped into a forest: each claim under the first claim it is a
  reason or objection for, breadth first from the main claims (then from the
  claims that are no one's reason, then from whatever is left);
- pages are filled greedily from the measured node sizes (the build stage's
  blocks): sibling sub-arguments share a page while they fit; a sub-argument
  too big for a page keeps its top levels on one page and its deeper
  sub-arguments go to the pages after it;
- each page is laid out by Graphviz on its own; a page that still does not
  fit is split again, smaller;
- where an arrow leaves a page, the page draws a dashed stub "continues on
  page N" (with the far claim's name when it is one claim) at the arrow's far
  end, one stub per neighbouring page and direction;
- a small overview comes first: one box per page (its first claim and how
  many claims it holds) and an arrow where arrows cross between pages, with
  the key. When the overview itself does not fit, it is a list of the pages,
  over as many overview pages as it takes.

The stakeholder diagram is not split; when it does not fit readably it is
fitted to the page and a note says how small its text became.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render import style as S
from argmap.render.text import cut, label, quote, xml
from argmap.render.values import Block, Decorations, Drawing, Graph, Laid, Pages, Scene, Segment


@dataclass(frozen=True, slots=True)
class PageSize:
    """A named page: landscape size and margin in PDF points, the smallest body
    text allowed on it (points at the page's printed or projected size), the
    PNG resolution, and what the size is for."""

    name: str
    width: float
    height: float
    margin: float
    min_text: float
    png_scale: float
    """PNG pixels per point."""
    purpose: str


PAGE_SIZES: Final = MappingProxyType(
    {
        "slide": PageSize(
            "slide", 960, 540, 24, 540 / 50, 2.0, "16:9 slide; PNG 1920 x 1080; the 8H rule"
        ),
        "a4": PageSize("a4", 842, 595, 36, 10, 150 / 72, "A4 handout; 10 pt print"),
        "letter": PageSize("letter", 792, 612, 36, 10, 150 / 72, "US Letter handout; 10 pt"),
        "a3": PageSize("a3", 1191, 842, 36, 10, 150 / 72, "A3 sheet for a table; 10 pt"),
        "poster": PageSize(
            "poster", 2384, 1684, 48, 18, 4000 / 2384, "A1 wall poster, read from 2.5 m; 18 pt"
        ),
    }
)
"""Page sizes by name. Slides follow the 8H rule (text at least 1/50 of the
screen height: 14 pt on a 1080-line slide); handouts read at arm's length get
10 pt, the usual floor for print; a poster read from about 2.5 m gets 18 pt
(the 8H rule's angle, 1/400 radian, at 2.5 m is 6.3 mm)."""

PAGES: tuple[str, ...] = tuple(PAGE_SIZES)
"""Named page sizes this stage knows."""

BODY_FROM: Final = float(S.FONT_SIZE)
"""Text drawn at this size or larger (points, in the drawing) is body text."""
MAX_ENLARGE: Final = 2.5
"""A small drawing is enlarged at most this much to fill its page."""
MERGE_UP_TO: Final = 5000
VARIANTS_UP_TO: Final = 500
"""Pages of maps up to this many claims are laid out in each DOT variant and
the one with the fewest crossings kept (as whole drawings are)."""
MERGE_WINDOW: Final = 3
"""A page is tried together with each of the next this many pages."""
"""Maps split into more pages than this skip joining neighbouring pages."""
SPLIT_ENLARGE: Final = 1.5
"""A page of a split map is drawn up to this much larger than its minimum
scale when its part leaves room, so text sizes stay close from page to page."""
_NODESEP = 0.35 * 72
_RANKSEP = 0.55 * 72
STUB_SIZE: Final = float(S.FONT_SIZE)
"""Font size of the continuation stubs: body text, the size of claim text."""
_STUB_ROW = 48.0 + _RANKSEP
"""Height of a row of stubs above or below a page's claims."""
_STUB_WIDTH = 130.0
_STUBS_RECKONED = 5
"""Stubs reckoned per row when filling pages: several arrows to one page share one."""
"""Width a stub is reckoned at when filling pages."""

_TEXT_SIZE = re.compile(r'<text\b[^>]*?font-size="([\d.]+)"')


def page_size(name: str) -> PageSize:
    """The :class:`PageSize` called ``name``, or an error listing the names."""
    found = PAGE_SIZES.get(name)
    if found is None:
        raise ArgmapError(f"unknown page size {name!r} (known: {', '.join(PAGES)})")
    return found


def body_sizes(svg: str) -> list[float]:
    """Font sizes of the body text (:data:`BODY_FROM` or more) an SVG draws."""
    return [float(m.group(1)) for m in _TEXT_SIZE.finditer(svg) if float(m.group(1)) >= BODY_FROM]


def _header(ps: PageSize) -> float:
    return ps.min_text * 1.9


def page_room(ps: PageSize) -> tuple[float, float]:
    """Width and height (page points) a drawing gets on page ``ps``."""
    return _room(ps)


def _room(ps: PageSize) -> tuple[float, float]:
    """Width and height (page points) left for the drawing inside margins and header."""
    return ps.width - 2 * ps.margin, ps.height - 2 * ps.margin - _header(ps)


def _min_scale(ps: PageSize, smallest_body: float) -> float:
    return ps.min_text / smallest_body


def embed_all(svgs: Sequence[str]) -> tuple[str, ...]:
    """Pages with the shipped font embedded, cut once to every character
    any of them draws."""
    from argmap.render.svg import embed_fonts, used_text

    chars = "".join(sorted(set().union(*(used_text(svg) for svg in svgs))))
    return tuple(embed_fonts(svg, chars) for svg in svgs)


def fits(ps: PageSize, w: float, h: float, smallest_body: float) -> bool:
    """Whether a ``w`` x ``h`` drawing whose smallest body text is
    ``smallest_body`` fits the page with that text at its minimum."""
    rw, rh = _room(ps)
    s = _min_scale(ps, smallest_body)
    return w * s <= rw + 1e-6 and h * s <= rh + 1e-6


def place(
    ps: PageSize,
    drawing_svg: str,
    *,
    title: str,
    number: int,
    total: int,
    scale: float | None = None,
) -> str:
    """One page: the header (title, page number) and the drawing, centred at the
    largest scale that fits (at most :data:`MAX_ENLARGE`, or ``scale``)."""
    from argmap.render.svg import inner

    w, h, body = inner(drawing_svg)
    rw, rh = _room(ps)
    s = min(rw / w, rh / h, MAX_ENLARGE) if w > 0 and h > 0 else 1.0
    if scale is not None:
        s = scale
    x = ps.margin + (rw - w * s) / 2
    y = ps.margin + _header(ps) + (rh - h * s) / 2
    size = ps.min_text * 1.1
    base = ps.margin + size
    right = f"page {number} of {total}" if total > 1 else ""
    from argmap.render.metrics import text_width

    room = ps.width - 2 * ps.margin - text_width(right, size) - size
    head = title
    while head and text_width(head, size, True) > room:
        head = cut(head, max(len(head) - 4, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{ps.width:g}" height="{ps.height:g}" viewBox="0 0 {ps.width:g} {ps.height:g}" '
        f'font-family="{S.FONT_STACK}" class="page" data-page="{ps.name}" '
        f'data-scale="{s:.5f}">\n'
        f'<rect x="-2" y="-2" width="{ps.width + 4:g}" height="{ps.height + 4:g}" '
        f'fill="{S.BACKGROUND}"/>\n'
        f'<text x="{ps.margin:g}" y="{base:.2f}" font-size="{size:.2f}" font-weight="bold" '
        f'fill="{S.TEXT_COLOUR}">{xml(head)}</text>\n'
        + (
            f'<text x="{ps.width - ps.margin:g}" y="{base:.2f}" font-size="{size:.2f}" '
            f'text-anchor="end" fill="{S.MUTED_COLOUR}">{xml(right)}</text>\n'
            if right
            else ""
        )
        + f'<g class="drawing" transform="translate({x:.2f},{y:.2f}) scale({s:.5f})">\n'
        f"{body}</g>\n</svg>\n"
    )


# ------------------------------------------------------------------ the forest


def forest(amap: ArgumentMap) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """Roots in reading order, each claim's children (its reasons and objections
    assigned to it) and each claim's parent."""
    from argmap.render.reveal import below, roots

    down = below(amap)
    children: dict[str, list[str]] = {c.id: [] for c in amap.claims}
    parent: dict[str, str] = {}
    seen: set[str] = set()
    tops: list[str] = []

    def grow(start: str) -> None:
        seen.add(start)
        tops.append(start)
        queue = deque([start])
        while queue:
            c = queue.popleft()
            for d in down[c]:
                if d not in seen:
                    seen.add(d)
                    parent[d] = c
                    children[c].append(d)
                    queue.append(d)

    for r in roots(amap):
        if r in children and r not in seen:
            grow(r)
    used = {p for s in amap.supports for p in s.premises} | {a.attacker for a in amap.attacks}
    for c in amap.claims:
        if c.id not in seen and c.id not in used:
            grow(c.id)
    for c in amap.claims:
        if c.id not in seen:
            grow(c.id)
    return tops, children, parent


@dataclass
class _Packer:
    """Greedy page filling from measured node sizes (drawing points)."""

    children: dict[str, list[str]]
    sizes: dict[str, tuple[float, float]]
    width: float
    height: float
    extra_rows: int = 1
    """Rows of other nodes (stakeholders in the full view) a page also holds."""
    up: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Claim -> the claims its arrows point to (its conclusions and targets)."""
    down: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Claim -> the claims whose arrows point to it."""

    def layers(self, tops: Sequence[str], limit: int | None = None) -> list[list[str]]:
        out: list[list[str]] = []
        level = list(tops)
        while level and (limit is None or len(out) < limit):
            out.append(level)
            level = [d for c in level for d in self.children[c]]
            if len(out) * 40.0 > self.height:
                out.append(level)
                break
        return out

    def fit(self, layers: list[list[str]]) -> bool:
        if not layers:
            return True
        w = max(
            sum(self.sizes[c][0] for c in level) + _NODESEP * (len(level) - 1) for level in layers
        )
        h = sum(max(self.sizes[c][1] for c in level) for level in layers if level)
        h += _RANKSEP * (len(layers) - 1) + self.extra_rows * _STUB_ROW
        if w > self.width or h > self.height:
            return False
        on = {c for level in layers for c in level}
        for ends in (self.up, self.down):
            out = {x for c in on for x in ends.get(c, ()) if x not in on}
            if out:
                h += _STUB_ROW
                w = max(w, min(len(out), _STUBS_RECKONED) * (_STUB_WIDTH + _NODESEP))
        return w <= self.width and h <= self.height

    def subtree(self, tops: Sequence[str]) -> list[str]:
        return [c for level in self.layers(tops) for c in level]

    def pack(self, tops: Sequence[str]) -> list[list[str]]:
        pages: list[list[str]] = []
        group: list[str] = []
        for r in tops:
            if self.fit(self.layers([*group, r])):
                group.append(r)
                continue
            if group:
                pages.append(self.subtree(group))
                group = []
            if self.fit(self.layers([r])):
                group = [r]
            else:
                pages.extend(self.big(r))
        if group:
            pages.append(self.subtree(group))
        return pages

    def big(self, r: str) -> list[list[str]]:
        depth = 1
        while self.fit(self.layers([r], depth + 1)) and len(self.layers([r], depth + 1)) > depth:
            depth += 1
        top = [c for level in self.layers([r], depth) for c in level]
        if depth == 1:
            # Not even its direct reasons fit beside it: as many as fit.
            kids = self.children[r]
            k = 0
            while k < len(kids) and self.fit([[r], kids[: k + 1]]):
                k += 1
            top = [r, *kids[:k]]
        on = set(top)
        frontier = [d for c in top for d in self.children[c] if d not in on]
        return [top, *self.pack(frontier)]


# ------------------------------------------------------------------ pages


def _part_map(amap: ArgumentMap, claims: set[str], view: str) -> ArgumentMap:
    from argmap.render.reveal import shown_map

    part = shown_map(amap, claims)
    if view != "full":
        return part
    holders = {st.stakeholder for st in part.stances}
    return replace(
        part,
        stakeholders=tuple(
            replace(h, relations=tuple(r for r in h.relations if r.target in holders))
            for h in amap.stakeholders
            if h.id in holders
        ),
    )


def _name(amap: ArgumentMap, claim: str) -> str:
    c = amap.claim(claim)
    return cut(c.label or " ".join(c.text.split()), 48)


@dataclass(frozen=True, slots=True)
class _Link:
    """An arrow between two claims as a page draws it."""

    source: str
    target: str
    kind: str
    """``support``, ``attack`` or ``undercut``."""


def _links(amap: ArgumentMap) -> list[_Link]:
    conclusion = {s.id: s.conclusion for s in amap.supports}
    out = [_Link(p, s.conclusion, "support") for s in amap.supports for p in s.premises]
    for a in amap.attacks:
        under = a.kind == "undercuts"
        out.append(
            _Link(a.attacker, conclusion.get(a.target, a.target), "undercut" if under else "attack")
        )
    return out


_last_links: list[tuple[list[_Link], dict[str, list[int]]]] = []


def _touching(links: list[_Link], part: Sequence[str]) -> list[_Link]:
    """The links with an end among ``part``, in the order of ``links`` (an
    index of the last list of links asked about is kept)."""
    if _last_links and _last_links[0][0] is links:
        ends = _last_links[0][1]
    else:
        ends = {}
        for i, ln in enumerate(links):
            ends.setdefault(ln.source, []).append(i)
            if ln.target != ln.source:
                ends.setdefault(ln.target, []).append(i)
        _last_links[:] = [(links, ends)]
    return [links[i] for i in sorted({i for c in part for i in ends.get(c, ())})]


def _edge_attrs(kind: str) -> str:
    if kind == "support":
        return f'color="{S.SUPPORT_COLOUR}",penwidth={S.EDGE_WIDTH:g},arrowsize=1.1'
    style = "dashed" if kind == "undercut" else "solid"
    return (
        f'color="{S.ATTACK_COLOUR}",style="{style}",penwidth={S.ATTACK_WIDTH:g},'
        "arrowhead=tee,arrowsize=1.3"
    )


_STUB_ATTRS = f'fill="{S.MUTED_COLOUR}" font-weight="bold"'


def _stub_lines(numbers: Sequence[str]) -> list[list[Segment]]:
    """A stub's label: the page or pages where its arrows continue."""
    if len(numbers) == 1:
        return [[("continues on", _STUB_ATTRS)], [(f"page {numbers[0]}", _STUB_ATTRS)]]
    rows = [", ".join(numbers[i : i + 4]) for i in range(0, len(numbers), 4)]
    return [
        [("continues on", _STUB_ATTRS)],
        [("pages " + rows[0] + ("," if len(rows) > 1 else ""), _STUB_ATTRS)],
        *(
            [(row + ("," if k < len(rows) - 2 else ""), _STUB_ATTRS)]
            for k, row in enumerate(rows[1:])
        ),
    ]


@dataclass(frozen=True, slots=True)
class _Stub:
    """A stub on one page for the arrows to or from another page."""

    node: str
    others: tuple[int, ...]
    """Indexes of the other content pages."""
    far: tuple[str, ...]
    """Names of the claims at the far end."""


@dataclass(frozen=True, slots=True)
class _Planned:
    """One content page: its claims, its graph with stubs, its stubs."""

    claims: tuple[str, ...]
    graph: Graph
    stubs: tuple[_Stub, ...]


def _plan_one(
    scene: Scene,
    part: list[str],
    where: Mapping[str, int],
    links: list[_Link],
    digits: int,
    compact: bool = False,
) -> _Planned:
    """One content page's graph: its claims, the arrows among them, and a stub
    for each other page its arrows lead to or come from."""
    from argmap.render import metrics as M
    from argmap.render.dot import build_graph
    from argmap.render.reveal import _index

    amap = scene.amap
    index = _index(amap).order
    placeholder = "8" * digits
    on = set(part)
    sub = _part_map(amap, on, scene.view)
    graph = build_graph(replace(scene, amap=sub, legend=False, title=False))
    drawn = {(p, s.conclusion) for s in sub.supports for p in s.premises}
    drawn |= {(a.attacker, a.target) for a in sub.attacks}
    conclusion = {s.id: s.conclusion for s in sub.supports}
    drawn |= {(a.attacker, conclusion[a.target]) for a in sub.attacks if a.target in conclusion}
    extra: list[str] = []
    stubs: dict[tuple[int, str], list[_Link]] = {}
    for ln in _touching(links, part):
        a, b = ln.source in on, ln.target in on
        if a and b:
            if (ln.source, ln.target) not in drawn:
                extra.append(
                    f"{quote('c:' + ln.source)} -> {quote('c:' + ln.target)} "
                    f"[{_edge_attrs(ln.kind)}];"
                )
        elif a:
            stubs.setdefault((where[ln.target], "up"), []).append(ln)
        elif b:
            stubs.setdefault((where[ln.source], "down"), []).append(ln)
    decor: Decorations = dict(graph.decorations)
    blocks: dict[str, Block] = dict(graph.blocks)
    made: list[_Stub] = []
    groups: dict[tuple[int, str], list[_Link]] = stubs
    if compact:
        # One stub per direction, naming every page: a page with one claim
        # and many continuations still fits.
        groups = {}
        for (_other, way), lns in sorted(stubs.items()):
            groups.setdefault((-1 if way == "up" else -2, way), []).extend(lns)
    for n, ((key, way), lns) in enumerate(sorted(groups.items())):
        far = sorted({ln.target if way == "up" else ln.source for ln in lns}, key=index.__getitem__)
        others = sorted({where[c] for c in far}) if compact else [key]
        sid = f"stub{n}"
        lines = _stub_lines([placeholder] * len(others))
        block = M.measure(lines, STUB_SIZE, "box", S.NODE_MARGIN)
        decor[sid], blocks[sid] = lines, block
        texts = ["".join(t for t, _ in line) for line in lines]
        node = quote(f"p:{key}:{way}")
        extra.append(
            f'{node} [id="{sid}",shape=box,style="rounded,dashed",color="{S.MUTED_COLOUR}",'
            f'fontcolor="{S.MUTED_COLOUR}",fontsize={STUB_SIZE:g},'
            f"width={block.node_width / 72:.4f},height={block.node_height / 72:.4f},"
            f"fixedsize=true,label={label(texts)}];"
        )
        for kind, here in sorted(
            {(ln.kind, ln.source if way == "up" else ln.target) for ln in lns},
            key=lambda t: (index[t[1]], t[0]),
        ):
            tail, head = (quote("c:" + here), node) if way == "up" else (node, quote("c:" + here))
            extra.append(f"{tail} -> {head} [{_edge_attrs(kind)}];")
        made.append(_Stub(sid, tuple(others), tuple(_name(amap, c) for c in far)))
    dot = graph.dot
    at = dot.rfind("}")
    dot = dot[:at] + "\n".join(extra) + ("\n" if extra else "") + dot[at:]
    # The page's own DOT (with its stubs) replaces the variants the build
    # stage made of the part alone; large maps skip trying variants.
    from argmap.render.dot import layout_variants

    variants = layout_variants(dot) if graph.variants and len(amap.claims) <= VARIANTS_UP_TO else ()
    return _Planned(
        tuple(part),
        replace(graph, dot=dot, decorations=decor, blocks=blocks, variants=variants),
        tuple(made),
    )


def _raw_size(svg: str) -> tuple[float, float]:
    from argmap.render.convert import size

    return size(svg)


def _resplit(part: list[str], packer: _Packer, parent: Mapping[str, str]) -> list[list[str]]:
    """A page that did not fit, cut into two or more smaller ones."""
    on = set(part)
    tops = [c for c in part if parent.get(c) not in on]
    kids = {c: [d for d in packer.children[c] if d in on] for c in part}
    factor = 0.75
    for _ in range(6):
        smaller = replace(packer, children=kids, width=packer.width * factor)
        smaller.height = packer.height * factor
        pieces = smaller.pack(tops)
        if len(pieces) > 1:
            return pieces
        factor *= 0.75
    half = len(part) // 2
    return [part[:half], part[half:]]


def paginate(drawing: Drawing, page: str | None = None, *, via: str | None = None) -> Pages:
    """The drawing as pages of size ``page`` (None: one page, the drawing's size).

    A drawing that fits the page with its body text at the page's minimum is
    one page, enlarged to fill it (up to :data:`MAX_ENLARGE`); an argument map
    that does not is split (module docstring). ``via`` is the Graphviz route
    for the pages' own layouts."""
    if page is None:
        return Pages(drawing, (drawing.svg,), None, drawing.notes)
    ps = page_size(page)
    scene = drawing.scene
    w, h = _raw_size(drawing.svg)
    smallest = min(body_sizes(drawing.svg), default=float(S.FONT_SIZE))
    title = scene.amap.title if scene is not None else ""
    if scene is None or fits(ps, w, h, smallest) or scene.view not in ("argument", "full"):
        notes = drawing.notes
        if not fits(ps, w, h, smallest):
            rw, rh = _room(ps)
            got = smallest * min(rw / w, rh / h)
            notes = (
                *notes,
                f"{ps.name}: the drawing does not fit one readable page and is not split; "
                f"its smallest body text is {got:.1f} pt (the page asks for {ps.min_text:g} pt)",
            )
        return Pages(
            drawing, (place(ps, drawing.svg, title=title, number=1, total=1),), page, notes
        )
    return _split(scene, ps, via, drawing.notes, drawing)


def paginate_graph(graph: Graph, page: str | None = None, *, via: str | None = None) -> Pages:
    """:func:`paginate` from a built graph, laying the whole graph out only when
    it may fit one page: a map whose claims' boxes alone cover more than the
    page can hold at its minimum scale goes straight to the split."""
    from argmap.render.layout import lay_out
    from argmap.render.svg import finish

    scene = graph.scene
    if page is not None and scene.view in ("argument", "full"):
        ps = page_size(page)
        rw, rh = _room(ps)
        s = _min_scale(ps, float(S.FONT_SIZE))
        area = sum(b.node_width * b.node_height for b in graph.blocks.values())
        if area > (rw / s) * (rh / s):
            return _split(scene, ps, via, graph.notes, None)
    return paginate(finish(lay_out(graph, via)), page, via=via)


def _split(
    scene: Scene, ps: PageSize, via: str | None, before: tuple[str, ...], drawing: Drawing | None
) -> Pages:
    from argmap.render import metrics as M
    from argmap.render.dot import build_graph
    from argmap.render.layout import lay_out
    from argmap.render.svg import finish

    amap = scene.amap
    whole = build_graph(replace(scene, legend=False, title=False))
    sizes = {
        c.id: (whole.blocks[f"c{i}"].node_width, whole.blocks[f"c{i}"].node_height)
        for i, c in enumerate(amap.claims)
        if f"c{i}" in whole.blocks
    }
    for c in amap.claims:
        sizes.setdefault(c.id, (200.0, 100.0))
    body = float(S.FONT_SIZE)
    s = _min_scale(ps, body)
    rw, rh = _room(ps)
    tops, children, parent = forest(amap)
    links = _links(amap)
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for ln in links:
        up.setdefault(ln.source, []).append(ln.target)
        down.setdefault(ln.target, []).append(ln.source)
    packer = _Packer(children, sizes, rw / s, rh / s, 1 if scene.view == "full" else 0, up, down)
    parts = packer.pack(tops)
    digits = len(str(len(amap.claims) + 20))
    raw: dict[str, str] = {}

    def laid(p: _Planned) -> tuple[float, float]:
        if p.graph.dot not in raw:
            raw[p.graph.dot] = lay_out(p.graph, via).svg
        return _raw_size(raw[p.graph.dot])

    compact: set[frozenset[str]] = set()
    for _round in range(20):
        where = {c: k for k, part in enumerate(parts) for c in part}
        over: set[int] = set()
        for k, part in enumerate(parts):
            key = frozenset(part)
            p = _plan_one(scene, part, where, links, digits, compact=key in compact)
            if fits(ps, *laid(p), body):
                continue
            if key not in compact:
                compact.add(key)
                if fits(ps, *laid(_plan_one(scene, part, where, links, digits, True)), body):
                    continue
            if len(part) > 1:
                over.add(k)
        if not over:
            break
        parts = [
            piece
            for k, part in enumerate(parts)
            for piece in (_resplit(part, packer, parent) if k in over else [part])
        ]
    # Neighbouring pages that fit together are joined (the estimate errs on
    # the side of small pages).
    capacity = packer.width * packer.height
    area = {c: w * h for c, (w, h) in sizes.items()}
    k = 0
    while k + 1 < len(parts) and len(parts) <= MERGE_UP_TO:
        for j in range(k + 1, min(k + 1 + MERGE_WINDOW, len(parts))):
            joined = [*parts[k], *parts[j]]
            if sum(area[c] for c in joined) > 0.45 * capacity:
                continue
            trial = [*parts[:k], joined, *parts[k + 1 : j], *parts[j + 1 :]]
            where = {c: i for i, part in enumerate(trial) for c in part}
            if fits(ps, *laid(_plan_one(scene, joined, where, links, digits)), body):
                parts = trial
                break
        else:
            k += 1
    where = {c: i for i, part in enumerate(parts) for c in part}
    planned = [
        _plan_one(scene, part, where, links, digits, compact=frozenset(part) in compact)
        for part in parts
    ]
    for p in planned:
        laid(p)
    where = {c: k for k, part in enumerate(parts) for c in part}
    overview, n_over = _overview(scene, ps, parts, where, links, via)
    total = n_over + len(parts)
    svgs = list(overview)
    drawings: list[Drawing] = []
    notes = list(before)
    for k, p in enumerate(planned):
        decor: Decorations = dict(p.graph.decorations)
        blocks: dict[str, Block] = dict(p.graph.blocks)
        for stub in p.stubs:
            lines = _stub_lines([str(n_over + o + 1) for o in stub.others])
            decor[stub.node] = lines
            blocks[stub.node] = M.measure(lines, STUB_SIZE, "box", S.NODE_MARGIN)
        graph = replace(p.graph, decorations=decor, blocks=blocks)
        done = finish(Laid(graph, raw[p.graph.dot], via or ""), embed=False)
        drawings.append(done)
        pw, ph = _raw_size(done.svg)
        scale = min(s * SPLIT_ENLARGE, rw / pw, rh / ph) if pw and ph else s
        if scale < s * 0.995:
            notes.append(
                f"{ps.name}: page {n_over + k + 1} does not fit even with one claim; "
                f"its text is {body * scale:.1f} pt"
            )
        svgs.append(
            place(
                ps, done.svg, title=title_of(amap), number=n_over + k + 1, total=total, scale=scale
            )
        )
    notes.append(
        f"{ps.name}: {len(amap.claims)} claims on {len(parts)} pages after "
        f"{n_over} overview page{'s' if n_over > 1 else ''} (one page would need text "
        f"smaller than {ps.min_text:g} pt)"
    )
    first = drawing if drawing is not None else drawings[0]
    return Pages(first, embed_all(svgs), ps.name, tuple(notes))


def title_of(amap: ArgumentMap) -> str:
    return amap.title or "Argument map"


def _overview(
    scene: Scene,
    ps: PageSize,
    parts: list[list[str]],
    where: Mapping[str, int],
    links: list[_Link],
    via: str | None,
) -> tuple[list[str], int]:
    """The overview page(s) and how many there are."""
    from argmap.render import metrics as M
    from argmap.render.layout import lay_out
    from argmap.render.reveal import key_lines
    from argmap.render.svg import finish

    amap = scene.amap
    out = ["digraph overview {"]
    out.append(
        f'graph [rankdir=BT,nodesep=0.3,ranksep=0.45,pad="0.2",bgcolor="{S.BACKGROUND}",'
        f"fontname={quote(S.FONT)}];"
    )
    out.append(f"node [fontname={quote(S.FONT)},fontsize={S.FONT_SIZE}];")
    decor: Decorations = {}
    blocks: dict[str, Block] = {}
    first = 2
    for k, part in enumerate(parts):
        lines: list[list[Segment]] = [[(f"page {first + k}", 'font-weight="bold"')]]
        lines += [
            [(t, "")]
            for t in M.wrap(_name(amap, part[0]), S.WRAP_LABEL_EM * S.FONT_SIZE, S.FONT_SIZE)
        ]
        more = len(part) - 1
        if more:
            lines.append(
                [(f"and {more} more claim{'s' if more > 1 else ''}", f'fill="{S.MUTED_COLOUR}"')]
            )
        sid = f"o{k}"
        block = M.measure(lines, S.FONT_SIZE, "box", S.NODE_MARGIN)
        decor[sid], blocks[sid] = lines, block
        texts = ["".join(t for t, _ in line) for line in lines]
        main = any(c in amap.main for c in part)
        fill = S.MAIN_FILL if main else S.CLAIM_FILL
        out.append(
            f'"o{k}" [id="{sid}",shape=box,style="rounded,filled",fillcolor="{fill}",'
            f'color="{S.BORDER}",width={block.node_width / 72:.4f},'
            f"height={block.node_height / 72:.4f},fixedsize=true,label={label(texts)}];"
        )
    pairs = sorted(
        {(where[ln.source], where[ln.target]) for ln in links} - {(k, k) for k in range(len(parts))}
    )
    for a, b in pairs:
        out.append(f'"o{a}" -> "o{b}" [color="{S.MUTED_COLOUR}",penwidth=1.6];')
    key = key_lines(amap, {c.id for c in amap.claims}, scene.marks)
    if key:
        block = M.measure(key, 14, "box", S.NODE_MARGIN)
        decor["legend"], blocks["legend"] = key, block
        texts = ["".join(t for t, _ in line) for line in key]
        out.append(
            f'"legend" [id="legend",shape=box,style="rounded,filled",fillcolor="{S.KEY_FILL}",'
            f'color="{S.KEY_BORDER}",fontsize=14,width={block.node_width / 72:.4f},'
            f"height={block.node_height / 72:.4f},fixedsize=true,label={label(texts)}];"
        )
    out.append("}")
    graph = Graph(replace(scene, legend=True), "\n".join(out) + "\n", decor, "dot", (), blocks)
    done = finish(lay_out(graph, via), embed=False)
    w, h = _raw_size(done.svg)
    smallest = min(body_sizes(done.svg), default=14.0)
    total = 1 + len(parts)
    if fits(ps, w, h, smallest):
        return [place(ps, done.svg, title=f"{title_of(amap)}: overview", number=1, total=total)], 1
    return _contents(ps, amap, parts)


def _contents(ps: PageSize, amap: ArgumentMap, parts: list[list[str]]) -> tuple[list[str], int]:
    """The overview as a list of pages, in columns, over as many pages as it takes."""
    from argmap.render.metrics import text_width

    size = ps.min_text * 1.15
    step = size * 1.45
    rw, rh = _room(ps)
    rows = max(int(rh // step) - 1, 1)
    columns = max(int(rw // (size * 22)), 1)
    per_page = rows * columns
    n_over = max(1, -(-len(parts) // per_page))
    col_w = rw / columns
    pages: list[str] = []
    total = n_over + len(parts)
    for o in range(n_over):
        chunk = list(enumerate(parts))[o * per_page : (o + 1) * per_page]
        out = [
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{ps.width:g}" height="{ps.height:g}" viewBox="0 0 {ps.width:g} {ps.height:g}" '
            f'font-family="{S.FONT_STACK}" class="page" data-page="{ps.name}" data-scale="1">',
            f'<rect x="-2" y="-2" width="{ps.width + 4:g}" height="{ps.height + 4:g}" '
            f'fill="{S.BACKGROUND}"/>',
            f'<text x="{ps.margin:g}" y="{ps.margin + size:.2f}" font-size="{size:.2f}" '
            f'font-weight="bold" fill="{S.TEXT_COLOUR}">'
            f"{xml(cut(title_of(amap), 80))}: overview</text>",
            f'<text x="{ps.width - ps.margin:g}" y="{ps.margin + size:.2f}" font-size="{size:.2f}" '
            f'text-anchor="end" fill="{S.MUTED_COLOUR}">page {o + 1} of {total}</text>',
        ]
        top = ps.margin + _header(ps) + size
        for j, (k, part) in enumerate(chunk):
            col, row = divmod(j, rows)
            x = ps.margin + col * col_w
            y = top + row * step
            number = f"page {n_over + k + 1}"
            name = _name(amap, part[0])
            room = col_w - size - text_width(number + "  ", size, True)
            while name and text_width(name, size) > room:
                name = cut(name, max(len(name) - 4, 1))
            out.append(
                f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.2f}" fill="{S.TEXT_COLOUR}">'
                f'<tspan font-weight="bold">{number}</tspan>  {xml(name)}</text>'
            )
        out.append("</svg>\n")
        pages.append("\n".join(out))
    return pages, n_over
