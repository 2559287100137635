"""Text measured in the font drawings are drawn in, and node boxes sized from it.

The package ships DejaVu Sans (regular and bold, ``render/fonts/``, licence
beside them). Widths come from the font's own advance widths (fontTools), so
the build stage can size every node to its text (``fixedsize`` in DOT, the
same on both Graphviz routes), the finish stage can place each line itself,
and the SVG, PNG and PDF draw that same font (:mod:`argmap.render.svg` embeds
it, :mod:`argmap.render.convert` hands it to the rasteriser).

Characters the font lacks are drawn by whatever fallback font the viewer has;
they are measured generously: wide East Asian characters 1 em, emoji 1.25 em,
anything else 0.75 em, combining marks 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from argmap.render.values import Block, Line, Segment

FAMILY = "DejaVu Sans"
"""The font family every drawing is laid out in and drawn with."""
FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
"""Font file of the regular (False) and bold (True) weight."""
LEADING = 1.2
"""Line height as a multiple of the font size."""


def font_dir() -> Path:
    """The folder holding the shipped font files."""
    return Path(str(resources.files("argmap.render").joinpath("fonts")))


def font_path(bold: bool = False) -> Path:
    """The shipped font file of one weight."""
    return font_dir() / FILES[bold]


class _Advances(dict[str, float]):
    """Character -> advance width in em, with generous guesses for missing ones."""

    def __missing__(self, ch: str) -> float:
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf"):
            w = 0.0
        elif ord(ch) >= 0x1F000 or cat == "So":
            w = 1.25
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            w = 1.0
        else:
            w = 0.75
        self[ch] = w
        return w


@dataclass(frozen=True, slots=True)
class Face:
    """One weight of the font: advances, ascent and descent in em."""

    advances: _Advances
    ascent: float
    descent: float


@cache
def face(bold: bool = False) -> Face:
    """The metrics of one weight (read once per process)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path(bold)), lazy=True)
    upm = float(font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    adv = _Advances()
    for code, glyph in font.getBestCmap().items():
        adv[chr(code)] = metrics[glyph][0] / upm
    hhea = font["hhea"]
    return Face(adv, hhea.ascent / upm, -hhea.descent / upm)


def text_width(text: str, size: float, bold: bool = False, spacing: float = 0.0) -> float:
    """The advance width of ``text`` in points at ``size`` points (no kerning,
    which only narrows; ``spacing`` is SVG letter-spacing, added per character)."""
    adv = face(bold).advances
    return sum(map(adv.__getitem__, text)) * size + spacing * len(text)


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap so that no line is wider than ``max_width`` points;
    words wider than that are broken between characters."""
    return list(_wrap(text, max_width, size, bold))


@lru_cache(maxsize=16384)
def _wrap(text: str, max_width: float, size: float, bold: bool) -> tuple[str, ...]:
    return tuple(_wrap_lines(text, max_width, size, bold))


def _wrap_lines(text: str, max_width: float, size: float, bold: bool) -> list[str]:
    words = text.split()
    if not words:
        return []
    adv = face(bold).advances
    space = adv[" "] * size
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        w = sum(map(adv.__getitem__, word)) * size
        if w > max_width:
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            piece, pw = "", 0.0
            for ch in word:
                cw = adv[ch] * size
                if piece and pw + cw > max_width:
                    lines.append(piece)
                    piece, pw = "", 0.0
                piece += ch
                pw += cw
            line, used = [piece], pw
            continue
        if line and used + space + w > max_width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        if line:
            used += space
        line.append(word)
        used += w
    if line:
        lines.append(" ".join(line))
    return lines


_SIZE_ATTR = re.compile(r'font-size="([\d.]+)"')
_SPACING_ATTR = re.compile(r'letter-spacing="([\d.]+)"')


def segment_style(attrs: str, size: float) -> tuple[float, bool, float]:
    """(size, bold, letter-spacing) of a segment drawn with SVG ``attrs``
    (argmap's own attribute strings from the style table)."""
    m = _SIZE_ATTR.search(attrs)
    s = _SPACING_ATTR.search(attrs)
    return (
        float(m.group(1)) if m else size,
        'font-weight="bold"' in attrs,
        float(s.group(1)) if s else 0.0,
    )


def measure_line(segments: Sequence[Segment], size: float) -> Line:
    """A label line measured at the node's font ``size``."""
    width = 0.0
    top = 0.0
    bold_any = False
    for text, attrs in segments:
        s, bold, spacing = segment_style(attrs, size)
        width += text_width(text, s, bold, spacing)
        top = max(top, s)
        bold_any = bold_any or bold
    top = top or size
    f = face(bold_any)
    half_leading = (LEADING - f.ascent - f.descent) * top / 2
    return Line(tuple(segments), top, width, LEADING * top, half_leading + f.ascent * top)


# Polygon shapes as Graphviz draws them with fixedsize, in units of the node's
# width and height, relative to its centre, y downwards (read from Graphviz's
# SVG of a 2x1 and a 4x1 inch node: the vertices scale linearly).
SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "house": ((0.5, -0.154), (0.0, -0.5), (-0.5, -0.154), (-0.5, 0.404), (0.5, 0.404)),
    "invhouse": ((-0.5, 0.154), (0.0, 0.5), (0.5, 0.154), (0.5, -0.404), (-0.5, -0.404)),
    "hexagon": ((0.5, 0.0), (0.25, -0.5), (-0.25, -0.5), (-0.5, 0.0), (-0.25, 0.5), (0.25, 0.5)),
    "parallelogram": ((0.537, -0.5), (-0.288, -0.5), (-0.5, 0.5), (0.325, 0.5)),
}
BOXES = frozenset({"box", "rect", "rectangle", "square", "note", "tab", "folder", "plaintext"})


def inside_polygon(poly: Sequence[tuple[float, float]], x: float, y: float) -> bool:
    """Whether (x, y) is inside or on the convex polygon ``poly``."""
    sign = 0.0
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)
        if abs(cross) < 1e-9:
            continue
        if sign == 0.0:
            sign = cross
        elif (cross > 0) != (sign > 0):
            return False
    return True


def shape_size(shape: str, width: float, height: float) -> tuple[float, float]:
    """The smallest node (width, height) in points of ``shape`` that holds a
    ``width`` x ``height`` rectangle centred in it."""
    if shape in ("ellipse", "oval", "circle"):
        return width * 2**0.5, height * 2**0.5
    poly = SHAPES.get(shape)
    if poly is None:
        return width, height
    a, b = width / 2, height / 2
    best: tuple[float, float] | None = None
    for step in range(0, 51):
        h = height * (1 + step * 0.04)
        lo, hi = width, width * 8
        corners = ((a, b), (-a, b), (a, -b), (-a, -b))
        if not all(inside_polygon(poly, x / hi, y / h) for x, y in corners):
            continue
        for _ in range(22):
            mid = (lo + hi) / 2
            if all(inside_polygon(poly, x / mid, y / h) for x, y in corners):
                hi = mid
            else:
                lo = mid
        if best is None or hi * h < best[0] * best[1]:
            best = (hi, h)
    return best if best is not None else (width * 2, height * 2)


def measure(
    lines: Sequence[Sequence[Segment]],
    size: float,
    shape: str = "box",
    margin: tuple[float, float] = (0.0, 0.0),
) -> Block:
    """A label measured, and the node of ``shape`` holding it with ``margin``
    (x, y points on each side)."""
    key = tuple(tuple(line) for line in lines)
    return _measure(key, size, shape, (margin[0], margin[1]))


@lru_cache(maxsize=16384)
def _measure(
    lines: tuple[tuple[Segment, ...], ...], size: float, shape: str, margin: tuple[float, float]
) -> Block:
    measured = tuple(measure_line(line, size) for line in lines)
    width = max((ln.width for ln in measured), default=0.0)
    height = sum(ln.height for ln in measured)
    nw, nh = shape_size(shape, width + 2 * margin[0], height + 2 * margin[1])
    return Block(measured, width, height, shape, nw, nh)
