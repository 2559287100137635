"""Step-by-step reveal: frames that add the argument a piece at a time.

The map is laid out once; every frame is that same drawing, on the same 16:9
page at the same scale, with the items not yet revealed left out (their places
stay empty), so nothing moves between frames. Beside the drawing each frame
has its own key, listing only what that frame shows. Orders:

- ``depth`` (default): the main claims, then their direct reasons and
  objections, then the reasons and objections to those, and so on; claims not
  reached from the main claims come last, in one frame.
- ``claim``: one claim per frame, walking depth-first from the main claims.

A support appears once its conclusion and all its premises are shown; an
attack once its attacker and its target are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render import draw
from argmap.render import style as S
from argmap.render.dot import (
    attack_svg_id,
    build,
    claim_svg_id,
    junction_supports,
    support_part_ids,
)
from argmap.render.metrics import measure_line
from argmap.render.paginate import embed_all
from argmap.render.svg import hide, inner
from argmap.render.text import xml
from argmap.render.values import Segment

ORDERS: tuple[str, ...] = ("depth", "claim")


def roots(amap: ArgumentMap) -> list[str]:
    """The main claims, or (when the map names none) claims that support or
    attack nothing, in file order."""
    if amap.main:
        return list(amap.main)
    used = {p for s in amap.supports for p in s.premises} | {a.attacker for a in amap.attacks}
    found = [c.id for c in amap.claims if c.id not in used]
    return found or [c.id for c in amap.claims[:1]]


def below(amap: ArgumentMap) -> dict[str, list[str]]:
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
    down = below(amap)
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


KEY_SIZE = 14.0
KEY_LINE = 19.0
_PAD = 10.0
_MARGIN = 24.0
_GAP = 28.0
_FOOTER = 26.0
SLIDE_RATIO = 16 / 9


class _Index:
    """Where each claim's supports, attacks and stances are in a map, so that
    a part of it is cut in time proportional to the part."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {c.id: i for i, c in enumerate(amap.claims)}
        self.supports: dict[str, list[int]] = {}
        for i, s in enumerate(amap.supports):
            self.supports.setdefault(s.conclusion, []).append(i)
        self.attacks: dict[str, list[int]] = {}
        for i, a in enumerate(amap.attacks):
            self.attacks.setdefault(a.attacker, []).append(i)
        self.stances: dict[str, list[int]] = {}
        for i, st in enumerate(amap.stances):
            self.stances.setdefault(st.claim, []).append(i)


_last_index: list[_Index] = []


def _index(amap: ArgumentMap) -> _Index:
    """The index of ``amap`` (the last one made is kept: pages and frames cut
    many parts of one map)."""
    if _last_index and _last_index[0].amap is amap:
        return _last_index[0]
    made = _Index(amap)
    _last_index[:] = [made]
    return made


def shown_map(amap: ArgumentMap, shown: set[str]) -> ArgumentMap:
    """The part of ``amap`` a frame shows: the ``shown`` claims, the supports whose
    conclusion and premises are all shown, the attacks on what is shown, and the
    stances on shown claims (each in the map's own order)."""
    ix = _index(amap)
    here = sorted(ix.order[c] for c in shown if c in ix.order)
    support_at = sorted(
        i
        for c in shown
        for i in ix.supports.get(c, ())
        if all(p in shown for p in amap.supports[i].premises)
    )
    supports = tuple(amap.supports[i] for i in support_at)
    visible = {s.id for s in supports}
    attack_at = sorted(
        i
        for c in shown
        for i in ix.attacks.get(c, ())
        if amap.attacks[i].target in shown or amap.attacks[i].target in visible
    )
    stance_at = sorted(i for c in shown for i in ix.stances.get(c, ()))
    return replace(
        amap,
        main=tuple(c for c in amap.main if c in shown),
        claims=tuple(amap.claims[i] for i in here),
        supports=supports,
        attacks=tuple(amap.attacks[i] for i in attack_at),
        stances=tuple(amap.stances[i] for i in stance_at),
        issues=(),
        rephrases=(),
        preferences=(),
    )


def key_lines(
    amap: ArgumentMap, shown: set[str], marks: Mapping[str, str] | None = None
) -> list[list[Segment]]:
    """The key of a frame: the legend of exactly what it shows."""
    _text, decor = build(shown_map(amap, shown), marks=marks, title=False, decorate=True)
    return decor.get("legend", [])


def _key_width(lines: list[list[Segment]]) -> float:
    return max((measure_line(line, KEY_SIZE).width for line in lines), default=0.0)


def _key_svg(lines: list[list[Segment]], x: float, y: float, w: float) -> str:
    if not lines:
        return ""
    h = len(lines) * KEY_LINE + 2 * _PAD - (KEY_LINE - KEY_SIZE * 1.2)
    out = [
        '<g id="key" class="key">',
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" rx="6" '
        f'fill="{S.KEY_FILL}" stroke="{S.KEY_BORDER}"/>',
    ]
    for k, line in enumerate(lines):
        ty = y + _PAD + KEY_SIZE + k * KEY_LINE
        spans = "".join(
            f"<tspan {attrs}>{xml(text)}</tspan>" if attrs else xml(text) for text, attrs in line
        )
        out.append(
            f'<text x="{x + _PAD:.2f}" y="{ty:.2f}" font-size="{KEY_SIZE:g}" '
            f'xml:space="preserve" fill="{S.TEXT_COLOUR}">{spans}</text>'
        )
    out.append("</g>")
    return "\n".join(out) + "\n"


@dataclass(frozen=True, slots=True)
class Viewport:
    """The page every frame is drawn on (points), and where the drawing and the key go."""

    width: float
    height: float
    drawing_x: float
    drawing_y: float
    key_x: float
    key_width: float


def viewport(drawing_w: float, drawing_h: float, keys: list[list[list[Segment]]]) -> Viewport:
    """One 16:9 page for every frame: the whole final drawing at its own scale,
    with room beside it for the widest and longest key, centred."""
    key_w = max((_key_width(k) for k in keys), default=0.0)
    key_w = key_w + 2 * _PAD if key_w else 0.0
    key_h = max((len(k) for k in keys), default=0) * KEY_LINE + 2 * _PAD
    content_w = drawing_w + (_GAP + key_w if key_w else 0.0)
    content_h = max(drawing_h, key_h if key_w else 0.0)
    need_w, need_h = content_w + 2 * _MARGIN, content_h + 2 * _MARGIN + _FOOTER
    width, height = max(need_w, need_h * SLIDE_RATIO), max(need_h, need_w / SLIDE_RATIO)
    x = (width - need_w) / 2 + _MARGIN
    y = (height - need_h) / 2 + _MARGIN
    return Viewport(width, height, x, y, x + drawing_w + _GAP, key_w)


def _frame(body: str, vp: Viewport, key: list[list[Segment]], k: int, n: int) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{vp.width:.2f}pt" height="{vp.height:.2f}pt" '
        f'viewBox="0 0 {vp.width:.2f} {vp.height:.2f}" font-family="{S.FONT_STACK}">\n'
        f'<rect x="0" y="0" width="{vp.width:.2f}" height="{vp.height:.2f}" '
        f'fill="{S.BACKGROUND}"/>\n'
        f'<g id="drawing" transform="translate({vp.drawing_x:.2f},{vp.drawing_y:.2f})">\n'
        f"{body}</g>\n"
        f"{_key_svg(key, vp.key_x, vp.drawing_y, vp.key_width)}"
        f'<text x="{_MARGIN:.2f}" y="{vp.height - _MARGIN / 2:.2f}" font-size="{KEY_SIZE:g}" '
        f'fill="{S.MUTED_COLOUR}">{xml(f"step {k} of {n}")}</text>\n'
        "</svg>\n"
    )


def frames(
    amap: ArgumentMap,
    *,
    order: str = "depth",
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    layout: str | None = None,
    via: str | None = None,
) -> tuple[list[str], tuple[str, ...]]:
    """The SVG text of every frame, and notes about the layout chosen.

    The map is laid out once without a legend; every frame is the same 16:9
    page (:func:`viewport`) with what is not yet shown left out, and its own
    key beside the drawing.
    """
    plan = steps(amap, order)
    drawing = draw(amap, marks=marks, rankdir=rankdir, layout=layout, legend=False, via=via)
    w, h, body = inner(drawing.svg)
    shown: set[str] = set()
    cumulative: list[set[str]] = []
    for added in plan:
        shown = shown | set(added)
        cumulative.append(shown)
    keys = [key_lines(amap, sh, marks) for sh in cumulative]
    vp = viewport(w, h, keys)
    out = [
        _frame(hide(body, hidden_ids(amap, sh)), vp, key, k, len(plan))
        for k, (sh, key) in enumerate(zip(cumulative, keys, strict=True), 1)
    ]
    return list(embed_all(out)), drawing.notes


def pdf(svgs: list[str]) -> bytes:
    """One PDF with a page per frame."""
    from argmap.render.convert import join_pdfs, svg_to_pdf

    return join_pdfs([svg_to_pdf(s) for s in svgs])
