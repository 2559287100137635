"""Mendelow's power/interest grid as a plot, written as SVG by argmap itself.

Each stakeholder is a dot at its interest (x) and power (y) on the format's
1-5 scale, over the four named quadrants of
:func:`argmap.analysis.grid.quadrant` (3 or more counts as high, so the
quadrant lines run at 2.5). Stakeholders with the same two values sit on a
small dashed ring around their shared point, in map order. Labels are placed
greedily from the most crowded dot outwards, at the first of a fixed list of
spots around the dot (nearest first, inside the dot's own quadrant first) that
overlaps no dot, quadrant name or earlier label; a label set further out gets a
leader line. A name that finds no room anywhere is numbered on the plot and
spelt out in the key under it, with stakeholders that have no power or
interest. The whole layout is a plain value (:class:`GridPlot`), so tests can
check it from its coordinates; :func:`plot_svg` only draws it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argmap.analysis.grid import HIGH, Quadrant, quadrant
from argmap.model import ArgumentMap
from argmap.render import style as S
from argmap.render.dot import stakeholder_colours, stakeholder_svg_id
from argmap.render.metrics import text_width
from argmap.render.text import cut, xml

Measure = Callable[[str, float, bool], float]
"""(text, font size, bold) -> width of the text in points."""


def measure_text(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in the drawings' font (:mod:`argmap.render.metrics`)."""
    return text_width(text, size, bold)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height (points)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two boxes (each grown by ``gap`` / 2) share any area."""
        return (
            self.x < other.right + gap
            and other.x < self.right + gap
            and self.y < other.bottom + gap
            and other.y < self.bottom + gap
        )

    def within(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.bottom <= other.bottom
        )


@dataclass(frozen=True, slots=True)
class Dot:
    """One stakeholder on the plot: where its values are and where it is drawn."""

    stakeholder: str
    index: int
    """Position in ``amap.stakeholders`` (for the SVG id)."""
    name: str
    power: int
    interest: int
    x: float
    y: float
    value_x: float
    value_y: float
    """Where (interest, power) is on the plot; differs from (x, y) when shared."""
    colour: str

    def box(self) -> Box:
        r = DOT_RADIUS
        return Box(self.x - r, self.y - r, 2 * r, 2 * r)


@dataclass(frozen=True, slots=True)
class Label:
    """A stakeholder's label: its lines, where they are set, and whether a
    leader line joins it to the dot."""

    stakeholder: str
    lines: tuple[str, ...]
    box: Box
    leader: bool


@dataclass(frozen=True, slots=True)
class Text:
    """A line of fixed text on the plot (quadrant names, axes, ticks)."""

    text: str
    box: Box
    size: float
    bold: bool = False
    colour: str = S.TEXT_COLOUR
    rotate: bool = False
    """Drawn turned 90 degrees anticlockwise inside ``box``."""


@dataclass(frozen=True, slots=True)
class GridPlot:
    """The laid-out power/interest plot, in points (y grows downwards)."""

    width: float
    height: float
    plot_height: float
    """Height of the plot without the key under it."""
    title: tuple[str, ...]
    area: Box
    """The plotting area (interest 0.5-5.5 across, power 0.5-5.5 up)."""
    quadrants: tuple[tuple[Quadrant, Box], ...]
    texts: tuple[Text, ...]
    """Quadrant names, axis names and tick numbers."""
    dots: tuple[Dot, ...]
    labels: tuple[Label, ...]
    rings: tuple[tuple[float, float, float], ...]
    """(x, y, radius) of each dashed ring marking stakeholders with equal values."""
    key: tuple[str, ...]
    """Lines under the plot: numbered names that did not fit, and the
    stakeholders without power or interest."""


WIDTH = 1280.0
HEIGHT = 720.0
"""A 16:9 page (the plot alone); a key under it makes it taller."""
DOT_RADIUS = 7.0
LABEL_SIZE = 16.0
LABEL_LINE = 19.0
LABEL_WIDTH = 210.0
"""Labels wrap at this width (points)."""
QUADRANT_SIZE = 20.0
TICK_SIZE = 16.0
AXIS_SIZE = 18.0
KEY_SIZE = 16.0
KEY_LINE = 21.0
_MARGIN = 24.0
_GAP = 4.0
_RING = 17.0
"""Radius of the first ring of stakeholders sharing one value."""

_QUADRANT_CORNER: dict[Quadrant, tuple[int, int]] = {
    Quadrant.KEEP_SATISFIED: (-1, -1),
    Quadrant.MANAGE_CLOSELY: (1, -1),
    Quadrant.MONITOR: (-1, 1),
    Quadrant.KEEP_INFORMED: (1, 1),
}
"""Which corner of the plot each quadrant's name sits in (x, y; -1 = left/top)."""


def _wrap(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Greedy word wrap by measured width; an over-long word is split."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while measure(word, size, False) > width and len(word) > 1:
            k = len(word)
            while k > 1 and measure(word[:k], size, False) > width:
                k -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:k])
            word = word[k:]
        trial = f"{line} {word}" if line else word
        if line and measure(trial, size, False) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]


def _spread(n: int) -> list[tuple[float, float]]:
    """Offsets (points) for ``n`` dots sharing one value: the value itself for
    one, else concentric rings filled from the inside, starting at the top."""
    if n == 1:
        return [(0.0, 0.0)]
    out: list[tuple[float, float]] = []
    ring = 1
    while len(out) < n:
        radius = _RING * ring
        room = max(1, int(2 * math.pi * radius // (2 * DOT_RADIUS + 4)))
        count = min(room, n - len(out))
        for k in range(count):
            angle = -math.pi / 2 + 2 * math.pi * k / count + (ring - 1) * 0.4
            out.append((radius * math.cos(angle), radius * math.sin(angle)))
        ring += 1
    return out


def _candidates(dot: Dot, w: float, h: float) -> list[tuple[Box, bool]]:
    """Spots for a ``w`` x ``h`` label around ``dot``, nearest first; the flag
    says whether a leader line is needed."""
    out: list[tuple[Box, bool]] = []
    for step in range(14):
        d = DOT_RADIUS + _GAP + step * 12.0
        diag = d * 0.72
        x, y = dot.x, dot.y
        spots = [
            (x + d, y - h / 2),  # right
            (x - d - w, y - h / 2),  # left
            (x - w / 2, y - d - h),  # above
            (x - w / 2, y + d),  # below
            (x + diag, y - diag - h),  # upper right
            (x + diag, y + diag),  # lower right
            (x - diag - w, y - diag - h),  # upper left
            (x - diag - w, y + diag),  # lower left
        ]
        out.extend((Box(sx, sy, w, h), step > 1) for sx, sy in spots)
    return out


def plot(
    amap: ArgumentMap,
    measure: Measure = measure_text,
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> GridPlot:
    """Lay out the power/interest plot of ``amap`` on a ``width`` x ``height``
    canvas (points; a key under the plot makes it taller)."""
    colours = stakeholder_colours(amap)
    title = tuple(
        _wrap(
            cut("Power and interest: " + (amap.title or "stakeholders"), 200),
            width - 2 * _MARGIN,
            S.TITLE_FONT_SIZE,
            lambda t, s, _b: measure(t, s, True),
        )
    )
    top = _MARGIN + len(title) * S.TITLE_FONT_SIZE * 1.25 + 14
    left = _MARGIN + AXIS_SIZE * 1.3 + 14 + measure("5", TICK_SIZE, False) + 10
    area = Box(left, top, width - _MARGIN - left, height - top - (TICK_SIZE + AXIS_SIZE) * 1.3 - 36)

    def px(interest: float) -> float:
        return area.x + (interest - 0.5) / 5 * area.w

    def py(power: float) -> float:
        return area.bottom - (power - 0.5) / 5 * area.h

    split_x, split_y = px(HIGH - 0.5), py(HIGH - 0.5)
    quads: dict[Quadrant, Box] = {
        Quadrant.KEEP_SATISFIED: Box(area.x, area.y, split_x - area.x, split_y - area.y),
        Quadrant.MANAGE_CLOSELY: Box(split_x, area.y, area.right - split_x, split_y - area.y),
        Quadrant.MONITOR: Box(area.x, split_y, split_x - area.x, area.bottom - split_y),
        Quadrant.KEEP_INFORMED: Box(split_x, split_y, area.right - split_x, area.bottom - split_y),
    }
    texts: list[Text] = []
    blocked: list[Box] = []
    for q, (cx, cy) in _QUADRANT_CORNER.items():
        name = str(q).upper()
        w, h = measure(name, QUADRANT_SIZE, True), QUADRANT_SIZE * 1.2
        qb = quads[q]
        x = qb.x + 10 if cx < 0 else qb.right - 10 - w
        y = qb.y + 8 if cy < 0 else qb.bottom - 8 - h
        box = Box(x, y, w, h)
        texts.append(Text(name, box, QUADRANT_SIZE, True, S.GRID_NAME_COLOURS[str(q)]))
        blocked.append(box)
    for v in range(1, 6):
        t = str(v)
        w = measure(t, TICK_SIZE, False)
        texts.append(Text(t, Box(px(v) - w / 2, area.bottom + 8, w, TICK_SIZE * 1.2), TICK_SIZE))
        texts.append(
            Text(t, Box(area.x - 10 - w, py(v) - TICK_SIZE * 0.6, w, TICK_SIZE * 1.2), TICK_SIZE)
        )
    x_name = "Interest \u2192   (1 = very low, 5 = very high)"
    w = measure(x_name, AXIS_SIZE, True)
    texts.append(
        Text(
            x_name,
            Box(area.x + (area.w - w) / 2, area.bottom + 14 + TICK_SIZE * 1.2, w, AXIS_SIZE * 1.2),
            AXIS_SIZE,
            True,
        )
    )
    y_name = "Power \u2192   (1 = very low, 5 = very high)"
    w = measure(y_name, AXIS_SIZE, True)
    texts.append(
        Text(
            y_name,
            Box(_MARGIN, area.y + (area.h - w) / 2, AXIS_SIZE * 1.2, w),
            AXIS_SIZE,
            True,
            rotate=True,
        )
    )

    groups: dict[tuple[int, int], list[int]] = {}
    for i, sh in enumerate(amap.stakeholders):
        if sh.power is not None and sh.interest is not None:
            value = (min(max(sh.power, 1), 5), min(max(sh.interest, 1), 5))
            groups.setdefault(value, []).append(i)
    dots: list[Dot] = []
    rings: list[tuple[float, float, float]] = []
    for (power, interest), members in sorted(groups.items()):
        vx, vy = px(interest), py(power)
        offsets = _spread(len(members))
        if len(members) > 1:
            rings.append((vx, vy, max(math.hypot(dx, dy) for dx, dy in offsets)))
        for i, (dx, dy) in zip(members, offsets, strict=True):
            sh = amap.stakeholders[i]
            dots.append(
                Dot(sh.id, i, sh.name, power, interest, vx + dx, vy + dy, vx, vy, colours[sh.id][0])
            )
    dots.sort(key=lambda d: d.index)
    blocked.extend(d.box() for d in dots)

    def crowding(d: Dot) -> int:
        return sum(1 for o in dots if math.hypot(o.x - d.x, o.y - d.y) < 160)

    labels: list[Label] = []
    leaders: list[tuple[float, float, float, float]] = []
    numbered: list[tuple[int, Dot]] = []
    for d in sorted(dots, key=lambda d: (-crowding(d), d.index)):
        own = next(b for q, b in quads.items() if q == quadrant(d.power, d.interest))
        lines = _wrap(cut(d.name, 90), LABEL_WIDTH, LABEL_SIZE, measure)
        found = _place(d, lines, own, area, blocked, leaders, measure)
        if found is None:
            numbered.append((len(numbered) + 1, d))
            found = _place(d, [str(len(numbered))], own, area, blocked, leaders, measure, True)
        if found is not None:
            labels.append(found)
            blocked.append(found.box)
            if found.leader:
                leaders.append((d.x, d.y, *_leader_end(d, found.box)))
    notes = [
        f"{n}: {cut(d.name, 90)} (power {d.power}, interest {d.interest})" for n, d in numbered
    ]
    unplaced = [sh.name for sh in amap.stakeholders if sh.power is None or sh.interest is None]
    if unplaced:
        notes.append(
            "Not placed (no power or interest given): " + "; ".join(cut(n, 80) for n in unplaced)
        )
    key_lines: list[str] = []
    for line in notes:
        key_lines.extend(_wrap(line, width - 2 * _MARGIN, KEY_SIZE, measure))
    total = height + (len(key_lines) * KEY_LINE + 10 if key_lines else 0)
    labels.sort(key=lambda lab: next(d.index for d in dots if d.stakeholder == lab.stakeholder))
    return GridPlot(
        width,
        total,
        height,
        title,
        area,
        tuple((q, quads[q]) for q in Quadrant),
        tuple(texts),
        tuple(dots),
        tuple(labels),
        tuple(rings),
        tuple(key_lines),
    )


def _place(
    dot: Dot,
    lines: Sequence[str],
    own: Box,
    area: Box,
    blocked: list[Box],
    leaders: list[tuple[float, float, float, float]],
    measure: Measure,
    anywhere: bool = False,
) -> Label | None:
    w = max(measure(line, LABEL_SIZE, False) for line in lines) + 4
    h = LABEL_LINE * len(lines) + 2
    spots = _candidates(dot, w, h)

    def free(box: Box, leader: bool) -> bool:
        if any(box.overlaps(b, _GAP) for b in blocked):
            return False
        if any(_crosses(*seg, box) for seg in leaders):
            return False
        if leader:
            ex, ey = _leader_end(dot, box)
            mine = dot.box()
            return not any(_crosses(dot.x, dot.y, ex, ey, b) for b in blocked if b != mine)
        return True

    for room in (own, area):
        for box, leader in spots:
            if box.within(room) and free(box, leader):
                return Label(dot.stakeholder, tuple(lines), box, leader)
    if not anywhere:
        return None
    # Last resort: the free spot of the plot nearest the dot, with a leader.
    step = 8.0
    nx, ny = int((area.w - w) // step) + 1, int((area.h - h) // step) + 1
    spots = [
        (Box(area.x + i * step, area.y + j * step, w, h), True)
        for i in range(max(nx, 0))
        for j in range(max(ny, 0))
    ]
    spots.sort(key=lambda s: (math.hypot(s[0].x + w / 2 - dot.x, s[0].y + h / 2 - dot.y), s[0].x))
    for box, leader in spots:
        if not any(box.overlaps(b, _GAP) for b in blocked):
            return Label(dot.stakeholder, tuple(lines), box, leader)
    return None


def _leader_end(dot: Dot, box: Box) -> tuple[float, float]:
    """Where a leader from ``dot`` meets ``box``: its nearest point."""
    return min(max(dot.x, box.x), box.right), min(max(dot.y, box.y), box.bottom)


def _crosses(x0: float, y0: float, x1: float, y1: float, box: Box) -> bool:
    """Whether the segment (x0, y0)-(x1, y1) passes through ``box`` (Liang-Barsky)."""
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box.x), (dx, box.right - x0), (-dy, y0 - box.y), (dy, box.bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _text(t: Text) -> str:
    weight = ' font-weight="bold"' if t.bold else ""
    if t.rotate:
        cx, cy = t.box.x + t.box.w * 0.8, t.box.y + t.box.h / 2
        return (
            f'<text transform="translate({_num(cx)},{_num(cy)}) rotate(-90)" '
            f'text-anchor="middle" font-size="{_num(t.size)}"{weight} fill="{t.colour}">'
            f"{xml(t.text)}</text>"
        )
    return (
        f'<text x="{_num(t.box.x)}" y="{_num(t.box.y + t.size * 0.95)}" '
        f'font-size="{_num(t.size)}"{weight} fill="{t.colour}">{xml(t.text)}</text>'
    )


def plot_svg(p: GridPlot) -> str:
    """The SVG of a laid-out plot (1 user unit = 1 point)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(p.width)}pt" '
        f'height="{_num(p.height)}pt" viewBox="0 0 {_num(p.width)} {_num(p.height)}" '
        f'font-family="{S.FONT_STACK}">',
        '<g id="graph0" class="graph">',
        f'<rect x="0" y="0" width="{_num(p.width)}" height="{_num(p.height)}" '
        f'fill="{S.BACKGROUND}"/>',
    ]
    for k, line in enumerate(p.title):
        y = _MARGIN + S.TITLE_FONT_SIZE * (0.95 + 1.25 * k)
        out.append(
            f'<text x="{_num(_MARGIN)}" y="{_num(y)}" font-size="{S.TITLE_FONT_SIZE}" '
            f'font-weight="bold" fill="{S.TEXT_COLOUR}">{xml(line)}</text>'
        )
    for q, b in p.quadrants:
        out.append(
            f'<rect class="quadrant" x="{_num(b.x)}" y="{_num(b.y)}" width="{_num(b.w)}" '
            f'height="{_num(b.h)}" fill="{S.GRID_FILLS[str(q)]}"/>'
        )
    a = p.area
    for v in range(1, 6):
        x = a.x + (v - 0.5) / 5 * a.w
        y = a.bottom - (v - 0.5) / 5 * a.h
        out.append(
            f'<path d="M{_num(x)},{_num(a.y)}V{_num(a.bottom + 5)}M{_num(a.x - 5)},{_num(y)}'
            f'H{_num(a.right)}" stroke="{S.GRID_LINE_COLOUR}" stroke-width="0.8" fill="none"/>'
        )
    sx, sy = a.x + 2 / 5 * a.w, a.bottom - 2 / 5 * a.h
    out.append(
        f'<path d="M{_num(sx)},{_num(a.y)}V{_num(a.bottom)}M{_num(a.x)},{_num(sy)}'
        f'H{_num(a.right)}" stroke="{S.MUTED_COLOUR}" stroke-width="1.6" fill="none"/>'
    )
    out.append(
        f'<rect x="{_num(a.x)}" y="{_num(a.y)}" width="{_num(a.w)}" height="{_num(a.h)}" '
        f'fill="none" stroke="{S.MUTED_COLOUR}" stroke-width="1.2"/>'
    )
    out.extend(_text(t) for t in p.texts)
    for x, y, r in p.rings:
        out.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="none" '
            f'stroke="{S.MUTED_COLOUR}" stroke-width="1" stroke-dasharray="3,3"/>'
        )
    labels = {lab.stakeholder: lab for lab in p.labels}
    for d in p.dots:
        out.append(f'<g id="{stakeholder_svg_id(d.index)}" class="node">')
        out.append(f"<title>{xml(d.name)}: power {d.power}, interest {d.interest}</title>")
        lab = labels.get(d.stakeholder)
        if lab is not None and lab.leader:
            tx, ty = _leader_end(d, lab.box)
            out.append(
                f'<path d="M{_num(d.x)},{_num(d.y)}L{_num(tx)},{_num(ty)}" '
                f'stroke="{S.MUTED_COLOUR}" stroke-width="1" fill="none"/>'
            )
        out.append(
            f'<circle cx="{_num(d.x)}" cy="{_num(d.y)}" r="{_num(DOT_RADIUS)}" '
            f'fill="{d.colour}" stroke="#ffffff" stroke-width="1.5"/>'
        )
        if lab is not None:
            for k, line in enumerate(lab.lines):
                y = lab.box.y + 1 + LABEL_SIZE * 0.95 + LABEL_LINE * k
                out.append(
                    f'<text x="{_num(lab.box.x + 2)}" y="{_num(y)}" font-size="{_num(LABEL_SIZE)}" '
                    f'fill="{S.TEXT_COLOUR}">{xml(line)}</text>'
                )
        out.append("</g>")
    for k, line in enumerate(p.key):
        y = p.plot_height + KEY_LINE * k + KEY_SIZE
        out.append(
            f'<text x="{_num(_MARGIN)}" y="{_num(y)}" font-size="{_num(KEY_SIZE)}" '
            f'fill="{S.TEXT_COLOUR}">{xml(line)}</text>'
        )
    out.append("</g>\n</svg>\n")
    return "\n".join(out)


def grid_svg(
    amap: ArgumentMap,
    measure: Measure = measure_text,
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> str:
    """The power/interest plot of ``amap`` as SVG text, with the font embedded."""
    from argmap.render.svg import embed_fonts

    return embed_fonts(plot_svg(plot(amap, measure, width=width, height=height)))
