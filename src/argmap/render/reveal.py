"""Step-by-step reveal: frames that add the argument a piece at a time.

The map is laid out once; every frame is that same SVG with the items not yet
revealed removed, so nothing moves between frames. Orders:

- ``depth`` (default): the main claims, then their direct reasons and
  objections, then the reasons and objections to those, and so on; claims not
  reached from the main claims come last, in one frame.
- ``claim``: one claim per frame, walking depth-first from the main claims.

A support appears once its conclusion and all its premises are shown; an
attack once its attacker and its target are.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render import Drawing, draw
from argmap.render.dot import (
    attack_svg_id,
    claim_svg_id,
    junction_supports,
    support_part_ids,
)
from argmap.render.svg import hide
from argmap.render.text import xml

ORDERS: tuple[str, ...] = ("depth", "claim")


def roots(amap: ArgumentMap) -> list[str]:
    """The main claims, or (when the map names none) claims that support or
    attack nothing, in file order."""
    if amap.main:
        return list(amap.main)
    used = {p for s in amap.supports for p in s.premises} | {a.attacker for a in amap.attacks}
    found = [c.id for c in amap.claims if c.id not in used]
    return found or [c.id for c in amap.claims[:1]]


def _below(amap: ArgumentMap) -> dict[str, list[str]]:
    """Claim -> its direct reasons and objections (premises, attackers, undercutters)."""
    down: dict[str, list[str]] = {c.id: [] for c in amap.claims}
    conclusion = {s.id: s.conclusion for s in amap.supports}
    for s in amap.supports:
        down[s.conclusion].extend(s.premises)
    for a in amap.attacks:
        target = conclusion.get(a.target, a.target)
        if target in down:
            down[target].append(a.attacker)
    return down


def steps(amap: ArgumentMap, order: str = "depth") -> list[list[str]]:
    """The claims each frame adds, in order (every claim exactly once)."""
    if order not in ORDERS:
        raise ArgmapError(f"unknown reveal order {order!r} (known: {', '.join(ORDERS)})")
    down = _below(amap)
    start = [c for c in roots(amap) if c in down]
    seen: set[str] = set()
    frames: list[list[str]] = []
    if order == "depth":
        level = [c for c in dict.fromkeys(start)]
        seen.update(level)
        while level:
            frames.append(level)
            nxt: list[str] = []
            for c in level:
                for d in down[c]:
                    if d not in seen:
                        seen.add(d)
                        nxt.append(d)
            level = nxt
    else:
        stack = list(reversed(start))
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            frames.append([c])
            stack.extend(reversed([d for d in down[c] if d not in seen]))
    rest = [c.id for c in amap.claims if c.id not in seen]
    if rest:
        frames.append(rest)
    return frames


def hidden_ids(amap: ArgumentMap, shown: set[str]) -> set[str]:
    """SVG ids of the claims, supports and attacks not visible when ``shown``
    claims are."""
    hidden = {claim_svg_id(i) for i, c in enumerate(amap.claims) if c.id not in shown}
    junctions = junction_supports(amap)
    visible_supports: set[str] = set()
    for i, s in enumerate(amap.supports):
        if s.conclusion in shown and all(p in shown for p in s.premises):
            visible_supports.add(s.id)
        else:
            hidden.update(support_part_ids(i, len(s.premises), s.id in junctions))
    for i, a in enumerate(amap.attacks):
        if a.attacker not in shown or (a.target not in shown and a.target not in visible_supports):
            hidden.add(attack_svg_id(i))
    return hidden


def _numbered(svg: str, k: int, n: int) -> str:
    """The frame number written in the drawing's bottom-left corner."""
    at = svg.rfind("</g>")
    if at < 0:
        return svg
    tag = (
        '<text x="6" y="-8" font-family="Helvetica,Arial,sans-serif" font-size="14" '
        f'fill="#555555">{xml(f"step {k} of {n}")}</text>\n'
    )
    return svg[:at] + tag + svg[at:]


def frames(
    amap: ArgumentMap,
    *,
    order: str = "depth",
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    layout: str | None = None,
    drawing: Drawing | None = None,
) -> tuple[list[str], tuple[str, ...]]:
    """The SVG text of every frame, and notes about the layout chosen."""
    plan = steps(amap, order)
    if drawing is None:
        drawing = draw(amap, marks=marks, rankdir=rankdir, layout=layout)
    shown: set[str] = set()
    out: list[str] = []
    for k, added in enumerate(plan, 1):
        shown.update(added)
        out.append(_numbered(hide(drawing.svg, hidden_ids(amap, shown)), k, len(plan)))
    return out, drawing.notes


def pdf(svgs: list[str]) -> bytes:
    """One PDF with a page per frame."""
    from argmap.render.convert import join_pdfs, svg_to_pdf

    return join_pdfs([svg_to_pdf(s) for s in svgs])
