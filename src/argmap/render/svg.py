"""Stage 4 of the render pipeline: finish Graphviz's SVG (:func:`finish`).

Typography the plain labels cannot carry: Graphviz writes one ``<text>``
element per label line, and :func:`decorate` rewrites those lines from the
decorations :func:`argmap.render.dot.build` returns: the kind line small and
grey, titles bold, stakeholder badges in their colours. The text itself is
re-escaped here from the map's own strings, so what a reader sees is exactly
the map's text. XML comments (which repeat node names) are dropped.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Mapping
from functools import cache, lru_cache

from argmap.render import metrics as M
from argmap.render.style import FONT_STACK
from argmap.render.text import xml
from argmap.render.values import Block, Decorations, Drawing, Laid

_GROUP = re.compile(r'<g id="([^"]+)" class="(node|graph)"[^>]*>')
_TEXT = re.compile(r"<text([^>]*)>(.*?)</text>\n?", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_FAMILY = re.compile(r'font-family="[^"]*"')
_PLACE = re.compile(r'\s(?:x|y|font-size|text-anchor)="[^"]*"')
_SHAPE = re.compile(r"<(polygon|ellipse|path)\b([^>]*)>")
_POINTS = re.compile(r'(?:points|d)="([^"]*)"')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_TAGS = re.compile(r"<[^>]+>")


def finish(laid: Laid, embed: bool = True) -> Drawing:
    """The finished drawing of a laid-out graph: every measured node's lines
    placed from its measured text, the shipped font named and embedded
    (``embed=False``: not embedded, for a drawing that goes on a page which
    embeds the font once for everything on it)."""
    graph = laid.graph
    svg = decorate(full_background(laid.svg), graph.decorations, graph.blocks)
    if embed:
        svg = embed_fonts(svg)
    dot = laid.dot or graph.dot
    return Drawing(svg, dot, graph.engine, graph.notes, graph.scene)


_BACKGROUND = re.compile(
    r'(<g id="graph0" class="graph"[^>]*>\s*<title>[^<]*</title>\s*'
    r'<polygon[^>]*?stroke="(?:none|transparent)" points=")([^"]*)(")'
)


def full_background(svg: str) -> str:
    """Graphviz's background polygon grown 2 pt past the canvas on every side.

    Drawn exactly to the edge, it leaves a half-covered (grey, half
    transparent) column or row of pixels along an edge of a PNG."""
    m = _BACKGROUND.search(svg)
    if m is None:
        return svg
    nums = [float(n) for n in _NUMBER.findall(m.group(2))]
    xs, ys = nums[0::2], nums[1::2]
    if not xs:
        return svg
    x0, x1, y0, y1 = min(xs) - 2, max(xs) + 2, min(ys) - 2, max(ys) + 2
    pts = f"{x0:g},{y1:g} {x0:g},{y0:g} {x1:g},{y0:g} {x1:g},{y1:g} {x0:g},{y1:g}"
    return svg[: m.start(2)] + pts + svg[m.end(2) :]


def _attr(tag: str, name: str) -> float:
    m = re.search(rf'\s{name}="(-?[\d.]+)"', tag)
    return float(m.group(1)) if m else 0.0


def centre(body: str, block: Block) -> tuple[float, float] | None:
    """The centre of a node of known size from the first shape Graphviz drew."""
    m = _SHAPE.search(body)
    if m is None:
        return None
    if m.group(1) == "ellipse":
        return _attr(m.group(2), "cx"), _attr(m.group(2), "cy")
    pts = _POINTS.search(m.group(2))
    if pts is None:
        return None
    nums = [float(n) for n in _NUMBER.findall(pts.group(1))]
    xs, ys = nums[0::2], nums[1::2]
    if not xs or not ys:
        return None
    unit = M.SHAPES.get(block.shape)
    if unit is None:
        return (min(xs) + max(xs)) / 2, max(ys) - block.node_height / 2
    ux = min(x for x, _ in unit)
    uy = max(y for _, y in unit)
    return min(xs) - ux * block.node_width, max(ys) - uy * block.node_height


def _lines(block: Block, cx: float, cy: float, attrs: str) -> str:
    out: list[str] = []
    x = cx - block.width / 2
    top = cy - block.height / 2
    for line in block.lines:
        y = top + line.ascent
        top += line.height
        out.append(
            f'<text{attrs} text-anchor="start" x="{x:.2f}" y="{y:.2f}" font-size="{line.size:g}">'
        )
        for text, seg in line.segments:
            out.append(f"<tspan {seg}>{xml(text)}</tspan>" if seg else xml(text))
        out.append("</text>\n")
    return "".join(out)


def decorate(svg: str, decorations: Decorations, blocks: Mapping[str, Block] | None = None) -> str:
    """Apply decorations to an SVG from Graphviz.

    Nodes with a measured block get their lines placed from the block (left
    edge and baseline from the node's centre and the measured text); other
    decorated items (a graph title) keep Graphviz's line positions, and those
    whose line count does not match are left as Graphviz drew them."""
    blocks = blocks or {}
    svg = _COMMENT.sub("", svg)
    svg = _FAMILY.sub(f'font-family="{FONT_STACK}"', svg)
    pieces: list[str] = []
    pos = 0
    for m in _GROUP.finditer(svg):
        gid = m.group(1)
        lines = decorations.get(gid)
        if lines is None:
            continue
        start = m.end()
        # A graph's own label lines come before its first child group.
        end = svg.find("<g " if m.group(2) == "graph" else "</g>", start)
        if end < 0:
            continue
        body = svg[start:end]
        texts = list(_TEXT.finditer(body))
        block = blocks.get(gid)
        if block is not None and texts:
            middle = centre(body, block)
            if middle is None:
                continue
            attrs = _PLACE.sub("", texts[0].group(1))
            pieces.append(svg[pos:start])
            pieces.append(body[: texts[0].start()])
            pieces.append(_lines(block, middle[0], middle[1], attrs))
            last = texts[-1].end()
            rest = body[texts[0].end() : last]
            pieces.append(_TEXT.sub("", rest))
            pieces.append(body[last:])
            pos = end
            continue
        if len(texts) != len(lines):
            continue
        pieces.append(svg[pos:start])
        at = 0
        for t, line in zip(texts, lines, strict=True):
            pieces.append(body[at : t.start()])
            pieces.append(f"<text{t.group(1)}>")
            for text, seg in line:
                pieces.append(f"<tspan {seg}>{xml(text)}</tspan>" if seg else xml(text))
            pieces.append("</text>")
            at = t.end() - (1 if t.group(0).endswith("\n") else 0)
        pieces.append(body[at:])
        pos = end
    pieces.append(svg[pos:])
    return "".join(pieces)


_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F))
"""Characters every embedded font has, so text added later (a frame number)
is drawn in it too."""


_DROP = ("FFTM", "GPOS", "GSUB", "GDEF", "MATH", "kern", "hdmx", "fpgm", "prep", "cvt ", "gasp")
"""Tables an embedded copy does without: layout (argmap measures and draws
without kerning), hinting and font-maker data."""


@cache
def _base(bold: bool) -> bytes:
    """The shipped font without the tables an embedded copy does without
    (read once per process: subsetting from it is several times faster)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(M.font_path(bold)), recalcTimestamp=False, lazy=True)
    for tag in _DROP:
        if tag in font:
            del font[tag]
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


@cache
def _font_hash(bold: bool) -> str:
    import hashlib

    return hashlib.sha256(M.font_path(bold).read_bytes()).hexdigest()


@lru_cache(maxsize=64)
def _subset(bold: bool, chars: str) -> str:
    """The shipped font cut to ``chars``, as base64 TrueType (kept in the
    layout cache under the font file's hash and the characters)."""
    from argmap.render import _layout_cache

    name = _layout_cache.derived_key("font-subset-1", _font_hash(bold), chars)
    kept = _layout_cache.get(name)
    if kept is not None:
        return kept.decode("ascii")
    made = _make_subset(bold, chars)
    _layout_cache.put(name, made.encode("ascii"))
    return made


def _make_subset(bold: bool, chars: str) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.recalc_timestamp = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []
    font = TTFont(io.BytesIO(_base(bold)), recalcTimestamp=False)
    sub = subset.Subsetter(options)
    sub.populate(text=chars)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def used_text(svg: str) -> str:
    """Every character drawn as text in an SVG, sorted, once each."""
    seen: set[str] = set(_ALWAYS)
    for m in _TEXT.finditer(svg):
        seen.update(html.unescape(_TAGS.sub("", m.group(2))))
    seen.discard("\n")
    return "".join(sorted(seen))


def embed_fonts(svg: str, chars: str | None = None) -> str:
    """The SVG with the shipped font, cut to the characters it draws (or to
    ``chars``: one cut shared by several pages is made once), embedded as
    ``@font-face`` rules (so a browser draws what was measured)."""
    at = svg.find("<svg")
    at = svg.find(">", at) + 1 if at >= 0 else 0
    if at <= 0:
        return svg
    chars = used_text(svg) if chars is None else chars
    rules = [
        f'@font-face{{font-family:"{M.FAMILY}";font-weight:{w};'
        f"src:url(data:font/ttf;base64,{_subset(bold, chars)}) format('truetype')}}"
        for bold, w in ((False, "normal"), (True, "bold"))
        if not bold or 'font-weight="bold"' in svg
    ]
    return svg[:at] + "\n<defs><style>" + "".join(rules) + "</style></defs>" + svg[at:]


_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE_PT = re.compile(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)
_FONT_DEFS = re.compile(r"\n?<defs><style>@font-face.*?</style></defs>", re.S)


def inner(svg: str) -> tuple[float, float, str]:
    """A finished drawing's width and height in points and what is inside its
    ``<svg>`` element, without the embedded fonts: for placing the drawing on a
    page or frame, which embeds the fonts once for everything it draws."""
    size = _SIZE_PT.search(svg)
    opened = _SVG_OPEN.search(svg)
    body = svg[opened.end() if opened else 0 : svg.rfind("</svg>")]
    w, h = (float(size.group(1)), float(size.group(2))) if size else (0.0, 0.0)
    return w, h, _FONT_DEFS.sub("", body, count=1)


def strip_prolog(svg: str) -> str:
    """The ``<svg>`` element alone (no XML declaration or DOCTYPE), for inlining."""
    at = svg.find("<svg")
    return svg[at:] if at >= 0 else svg


def hide(svg: str, ids: set[str]) -> str:
    """The SVG without the node and edge groups whose ids are in ``ids``.

    Positions of everything else are untouched, which keeps reveal frames
    steady."""
    if not ids:
        return svg
    out: list[str] = []
    pos = 0
    for m in re.finditer(r'<g id="([^"]+)" class="(?:node|edge)"[^>]*>', svg):
        if m.group(1) in ids:
            end = svg.find("</g>", m.end())
            if end < 0:
                continue
            out.append(svg[pos : m.start()])
            pos = end + len("</g>")
            if svg.startswith("\n", pos):
                pos += 1
    out.append(svg[pos:])
    return "".join(out)
