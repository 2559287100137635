"""Mendelow's power/interest grid as a drawing: four pinned boxes laid out by neato.

Quadrants come from :func:`argmap.analysis.grid.quadrant`; stakeholders with no
power or interest are listed under the grid.
"""

from __future__ import annotations

from argmap.analysis.grid import Quadrant, quadrant
from argmap.model import ArgumentMap
from argmap.render import style as S
from argmap.render.dot import stakeholder_colours
from argmap.render.text import cut, label, quote, wrap
from argmap.render.values import Decorations, Segment

# Quadrant -> (x, y) of its box centre in inches; power grows upwards,
# interest to the right.
_PLACES: dict[Quadrant, tuple[float, float]] = {
    Quadrant.KEEP_SATISFIED: (0.0, 3.4),
    Quadrant.MANAGE_CLOSELY: (5.0, 3.4),
    Quadrant.MONITOR: (0.0, 0.0),
    Quadrant.KEEP_INFORMED: (5.0, 0.0),
}
_W, _H = 4.9, 3.3


def grid_build(amap: ArgumentMap) -> tuple[str, Decorations]:
    """DOT text (for ``neato``) and SVG decorations of the grid."""
    colours = stakeholder_colours(amap)
    members: dict[Quadrant, list[str]] = {q: [] for q in Quadrant}
    unplaced: list[str] = []
    for h in amap.stakeholders:
        q = quadrant(h.power, h.interest)
        (members[q] if q is not None else unplaced).append(h.id)
    by_id = {h.id: h for h in amap.stakeholders}
    decor: Decorations = {}
    out = [
        "digraph grid {",
        f'graph [charset="UTF-8",fontname={quote(S.FONT)},bgcolor="{S.BACKGROUND}",'
        f'pad="0.3",fontsize={S.TITLE_FONT_SIZE},labelloc="t",splines=false];',
        f'node [fontname={quote(S.FONT)},fontsize={S.FONT_SIZE},fontcolor="{S.TEXT_COLOUR}"];',
    ]
    title = wrap(cut("Power / interest: " + amap.title, 200), 56)
    out.append(f"graph [label={label(title)}];")
    decor["graph0"] = [[(t, "")] for t in title]
    for i, q in enumerate(Quadrant):
        x, y = _PLACES[q]
        lines: list[list[Segment]] = [[(str(q).upper(), 'font-weight="bold"')]]
        for hid in members[q]:
            h = by_id[hid]
            strong, _ = colours[hid]
            parts = wrap(cut(h.name, 90) + f" ({h.power}/{h.interest})", 34)
            lines.append([("\u25a0 ", f'fill="{strong}"'), (parts[0], "")])
            lines += [[("    " + more, "")] for more in parts[1:]]
        texts = ["".join(t for t, _ in line) for line in lines]
        decor[f"q{i}"] = lines
        out.append(
            f'"q{i}" [id="q{i}",shape=box,style="filled",fillcolor="{S.GRID_FILLS[str(q)]}",'
            f'color="#9e9e9e",fixedsize=true,width={_W},height={_H},pos="{x},{y}!",'
            f"labeljust=l,label={label(texts)}];"
        )
    axes = [
        ("yaxis", -2.75, 1.7, "POWER \u2191"),
        ("xaxis", 2.5, -1.95, "INTEREST \u2192"),
    ]
    for name, x, y, text in axes:
        out.append(
            f'"{name}" [id="{name}",shape=plaintext,fontsize=18,pos="{x},{y}!",'
            f"label={label([text])}];"
        )
        decor[name] = [[(text, 'font-weight="bold"')]]
    if unplaced:
        lines = [[("Not placed (no power or interest given)", 'font-weight="bold"')]]
        lines += [[(cut(by_id[h].name, 80), "")] for h in unplaced]
        texts = ["".join(t for t, _ in line) for line in lines]
        decor["unplaced"] = lines
        y = -2.4 - 0.15 * len(lines)
        out.append(
            f'"unplaced" [id="unplaced",shape=box,style=rounded,pos="2.5,{y:.2f}!",'
            f"label={label(texts)}];"
        )
    out.append("}")
    return "\n".join(out) + "\n", decor


def grid_dot(amap: ArgumentMap) -> str:
    """The grid's DOT text (lay it out with ``neato``)."""
    return grid_build(amap)[0]
