"""Stage 2 of the render pipeline: Graphviz DOT for a scene, built as text.

:func:`build_graph` is the stage's entry (:class:`~argmap.render.values.Scene`
in, :class:`~argmap.render.values.Graph` out: DOT text, decorations for the
SVG finish, the layout engine chosen by size). :func:`build_dot` is the same
for callers that want the DOT text alone. It draws three views:
``argument`` (claims, supports, attacks, stakeholder badges), ``stakeholders``
(stakeholders and their relations) and ``full`` (both, with stance arrows).
All colours and shapes come from :mod:`argmap.render.style`.

Every string from the map goes through :func:`quote` or :func:`label`, so no
text can end a string, a label or the graph. Labels are plain text (the
WebAssembly Graphviz has no HTML-like labels); the finer typography (small
grey kind line, bold titles, coloured stakeholder badges) is applied to the
SVG afterwards from the "decorations" :func:`build` returns (see
:mod:`argmap.render.svg`). The SVG element ids Graphviz writes are positional and fixed
(claim ``c3`` is the fourth claim; see :func:`claim_svg_id`), so other code can
find items in the SVG without trusting text from the map.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Literal

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render import metrics as M
from argmap.render import style as S
from argmap.render.text import clean, cut, label, quote, wrap, xml
from argmap.render.values import Block, Decorations, Graph, Scene, Segment

__all__ = [
    "VIEWS",
    "Decorations",
    "Segment",
    "attack_svg_id",
    "build",
    "build_dot",
    "build_graph",
    "claim_svg_id",
    "clean",
    "cut",
    "junction_supports",
    "label",
    "quote",
    "stakeholder_colours",
    "stakeholder_svg_id",
    "support_part_ids",
    "support_svg_id",
    "wrap",
    "xml",
]

View = Literal["argument", "stakeholders", "full"]
VIEWS: tuple[str, ...] = ("argument", "stakeholders", "full")


def claim_svg_id(index: int) -> str:
    """The SVG id of the claim at ``index`` in ``amap.claims``."""
    return f"c{index}"


def support_svg_id(index: int) -> str:
    """The SVG id of the support at ``index``: its arrow, or its junction node."""
    return f"s{index}"


def attack_svg_id(index: int) -> str:
    """The SVG id of the attack arrow at ``index`` in ``amap.attacks``."""
    return f"a{index}"


def stakeholder_svg_id(index: int) -> str:
    """The SVG id of the stakeholder node at ``index``."""
    return f"h{index}"


def support_part_ids(index: int, n_premises: int, junction: bool) -> tuple[str, ...]:
    """Every SVG id drawn for one support (junction node and its arrows)."""
    base = support_svg_id(index)
    if not junction:
        return (base,)
    return (base, f"{base}c", *(f"{base}p{k}" for k in range(n_premises)))


def junction_supports(amap: ArgumentMap) -> set[str]:
    """Supports drawn with a junction node: linked ones and undercut ones."""
    undercut = {a.target for a in amap.attacks if a.kind == "undercuts"}
    return {s.id for s in amap.supports if len(s.premises) > 1 or s.id in undercut}


def stakeholder_colours(amap: ArgumentMap) -> dict[str, tuple[str, str]]:
    """Stakeholder id -> (strong, light) colour, in map order."""
    pal = S.STAKEHOLDER_PALETTE
    return {h.id: pal[i % len(pal)] for i, h in enumerate(amap.stakeholders)}


def _attrs(pairs: Mapping[str, str | float | int]) -> str:
    return ",".join(f"{k}={_value(v)}" for k, v in pairs.items())


def _value(v: str | float | int) -> str:
    if isinstance(v, str):
        return quote(v)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


_DIFF_EDGE_MARKS = frozenset({"added", "removed", "changed", "renamed"})


def _check_marks(marks: Mapping[str, str]) -> None:
    for item, mark in sorted(marks.items()):
        if mark not in S.MARKS:
            raise ArgmapError(
                f"unknown mark {mark!r} for {item!r} (known: {', '.join(sorted(S.MARKS))})"
            )


_KIND_ATTRS = f'fill="{S.MUTED_COLOUR}" font-size="{S.KIND_FONT_SIZE}" letter-spacing="0.5"'
_BOLD = 'font-weight="bold"'


def build_graph(scene: Scene) -> Graph:
    """The DOT text, decorations and layout engine of one scene."""
    from argmap.render.layout import choose

    amap, view = scene.amap, scene.view
    if view == "grid":
        raise ArgmapError(
            "the power/interest grid is drawn as a plot, not through DOT: "
            "write SVG, PNG, PDF or HTML (-o FILE.svg, .png, .pdf or .html)"
        )
    if view not in VIEWS:
        raise ArgmapError(f"unknown view {view!r} (known: {', '.join((*VIEWS, 'grid'))})")
    nodes, edges = 0, 0
    if view in ("argument", "full"):
        junctions = junction_supports(amap)
        nodes += len(amap.claims) + len(junctions)
        edges += len(amap.attacks) + sum(
            len(s.premises) + 1 if s.id in junctions else 1 for s in amap.supports
        )
    if view in ("stakeholders", "full"):
        nodes += len(amap.stakeholders)
        edges += sum(len(h.relations) for h in amap.stakeholders)
    if view == "full":
        edges += len(amap.stances)
    choice = choose(nodes, edges, scene.layout)
    b = _build(
        amap,
        view=view,
        marks=scene.marks,
        rankdir=scene.rankdir,
        legend=scene.legend,
        title=scene.title,
        graph_attrs=choice.graph_attrs,
    )
    note = (choice.note,) if choice.note else ()
    text = "\n".join(b.out) + "\n"
    variants = layout_variants(text) if choice.engine == "dot" and not choice.graph_attrs else ()
    return Graph(scene, text, b.decor, choice.engine, note, b.blocks, variants)


_CLAIM_LINE = re.compile(r'"c:[^"]*" \[id="c\d+",')
_EDGE_LINE = re.compile(r'"[^"]*" -> "[^"]*" \[id="')
_SUPPORT_EDGE = re.compile(r'( -> "[^"]*" \[id="s\d+(?:c|p\d+)?",)')


def layout_variants(dot: str) -> tuple[str, ...]:
    """The same drawing written in ways that lead Graphviz's ``dot`` to
    different layouts: claims and edges in reverse order, support arrows
    weighted over attacks, more crossing-minimisation passes. The layout
    stage keeps the one with the fewest edge crossings (measured on
    Graphviz's coordinates; docs/performance.md has the figures)."""
    lines = dot.split("\n")
    reverse = list(lines)
    for pattern in (_CLAIM_LINE, _EDGE_LINE):
        at = [i for i, line in enumerate(lines) if pattern.match(line)]
        for i, j in zip(at, reversed(at), strict=True):
            reverse[i] = lines[j]
    flipped = "\n".join(reverse)

    def weighted(text: str) -> str:
        return _SUPPORT_EDGE.sub(r"\1weight=3,", text)

    def more_passes(text: str) -> str:
        return text.rstrip().removesuffix("}") + "graph [mclimit=4];\n}\n"

    return (
        dot,
        weighted(dot),
        flipped,
        more_passes(weighted(dot)),
        more_passes(weighted(flipped)),
    )


def build_dot(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    title: bool = True,
    graph_attrs: Mapping[str, str] | None = None,
) -> str:
    """The DOT text of one view of ``amap``.

    ``view`` is ``argument`` (claims, supports, attacks and stakeholder badges),
    ``stakeholders`` (stakeholders and their relations) or ``full`` (both, with
    an arrow per stance). ``marks`` maps a claim, support or attack id to a
    mark name from :data:`argmap.render.style.MARKS` (``in``/``out``/
    ``undecided`` from evaluation; ``added``/``removed``/``changed``/
    ``renamed`` from diffs); the legend lists the marks in use, and ids in
    ``marks`` that are not drawn are ignored. ``graph_attrs`` are extra Graphviz
    graph attributes (layout settings), written last so they win.
    """
    return build(
        amap,
        view=view,
        marks=marks,
        rankdir=rankdir,
        legend=legend,
        title=title,
        graph_attrs=graph_attrs,
        decorate=False,
    )[0]


def build(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    title: bool = True,
    graph_attrs: Mapping[str, str] | None = None,
    decorate: bool = True,
) -> tuple[str, Decorations]:
    """:func:`build_dot`, plus the decorations to apply to Graphviz's SVG."""
    b = _build(
        amap,
        view=view,
        marks=marks,
        rankdir=rankdir,
        legend=legend,
        title=title,
        graph_attrs=graph_attrs,
    )
    return "\n".join(b.out) + "\n", b.decor if decorate else {}


def _build(
    amap: ArgumentMap,
    *,
    view: str,
    marks: Mapping[str, str] | None,
    rankdir: str | None,
    legend: bool,
    title: bool,
    graph_attrs: Mapping[str, str] | None,
) -> _Builder:
    if view not in VIEWS:
        raise ArgmapError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    marks = dict(marks or {})
    _check_marks(marks)
    b = _Builder(amap, marks)
    gattrs: dict[str, str] = dict(S.GRAPH_DEFAULTS)
    if view == "stakeholders":
        gattrs["rankdir"] = "TB"
    if rankdir:
        gattrs["rankdir"] = rankdir
    gattrs["charset"] = "UTF-8"
    gattrs["fontname"] = S.FONT
    if title and amap.title:
        gattrs["fontsize"] = str(S.TITLE_FONT_SIZE)
        gattrs["labelloc"] = "t"
    if graph_attrs:
        gattrs.update(graph_attrs)
    out = b.out
    out.append("digraph argmap {")
    out.append(f"graph [{_attrs(gattrs)}];")
    if title and amap.title:
        lines = wrap(cut(amap.title, 300), 80)
        out.append(f"graph [label={label(lines)}];")
        b.decor["graph0"] = [[(line, "")] for line in lines]
    out.append(
        f"node [fontname={quote(S.FONT)},fontsize={S.FONT_SIZE},"
        f'fontcolor={quote(S.TEXT_COLOUR)},margin="0.2,0.09"];'
    )
    out.append(
        f"edge [fontname={quote(S.FONT)},fontsize={S.EDGE_FONT_SIZE},penwidth={S.EDGE_WIDTH:g}];"
    )
    if view in ("argument", "full"):
        b.claims(badges=view == "argument")
        b.supports()
        b.attacks()
    if view in ("stakeholders", "full"):
        b.stakeholders()
    if view == "full":
        b.stances()
    if legend:
        b.legend(view)
    out.append("}")
    return b


def _inches(points: float) -> str:
    return f"{math.ceil(points / 72 * 10000) / 10000:.4f}"


class _Builder:
    """Appends DOT statements to ``out`` and SVG decorations to ``decor``."""

    def __init__(self, amap: ArgumentMap, marks: Mapping[str, str]) -> None:
        self.amap = amap
        self.marks = marks
        self.out: list[str] = []
        self.decor: Decorations = {}
        self.blocks: dict[str, Block] = {}
        self.used_marks: set[str] = set()
        self.colours = stakeholder_colours(amap)

    def _mark(self, item: str) -> S.Mark | None:
        name = self.marks.get(item)
        if name is None:
            return None
        self.used_marks.add(name)
        return S.MARKS[name]

    def _badges(self) -> dict[str, list[Segment]]:
        held: dict[str, list[Segment]] = {}
        default = S.STAKEHOLDER_PALETTE[0]
        made: dict[tuple[str, str], Segment] = {}
        for st in self.amap.stances:
            key = (st.stakeholder, st.kind)
            seg = made.get(key)
            if seg is None:
                strong, _light = self.colours.get(st.stakeholder, default)
                if st.kind == "asserts":
                    seg = (st.stakeholder, f'fill="{strong}" font-weight="bold"')
                elif st.kind == "endorses":
                    seg = ("+" + st.stakeholder, f'fill="{strong}"')
                else:
                    seg = (
                        S.REJECT_MARK + st.stakeholder,
                        f'fill="{S.REJECT_COLOUR}" text-decoration="line-through"',
                    )
                made[key] = seg
            mark = self.marks.get(f"stance:{st.stakeholder}@{st.claim}")
            if mark in ("added", "removed"):
                # A stance a diff added or removed: its badge says so, in the mark's colour.
                self.used_marks.add(mark)
                colour = S.MARKS[mark].border
                if mark == "removed":
                    seg = ("\u2212" + seg[0], f'fill="{colour}" text-decoration="line-through"')
                else:
                    seg = (
                        seg[0],
                        f'fill="{colour}" text-decoration="underline" font-weight="bold"',
                    )
            if st.claim in held:
                held[st.claim].append(seg)
            else:
                held[st.claim] = [seg]
        return held

    def _claim_look(
        self, kind: str, main: bool, mark: str | None, hedge: str | None = None
    ) -> tuple[str, str]:
        """Graphviz attributes and the kind-line suffix for one sort of claim."""
        look = S.CLAIM_KINDS.get(kind, S.CLAIM_KINDS["fact"])
        fill = S.MAIN_FILL if main else look.fillcolor
        border, width, nstyle = look.color, look.penwidth, look.style
        suffix = ""
        hedged = S.HEDGES.get(hedge) if hedge is not None else None
        if hedged is not None:
            parts = [p for p in nstyle.split(",") if p not in ("dashed", "dotted")]
            nstyle = ",".join([*parts, hedged.border_style])
            width = max(width, hedged.border_width)
            suffix = " \u00b7 " + hedged.word.upper()
        if mark is not None:
            m = S.MARKS[mark]
            self.used_marks.add(mark)
            fill = m.fill or fill
            border = m.border or border
            width = m.border_width or width
            if m.style:
                parts = [p for p in nstyle.split(",") if p not in ("dashed", "dotted")]
                nstyle = ",".join([*parts, m.style])
            suffix += " \u00b7 " + (m.badge or m.legend).upper()
        extra = f",peripheries={look.peripheries}" if look.peripheries != 1 else ""
        size = f",fontsize={S.MAIN_FONT_SIZE}" if main else ""
        attrs = (
            f'shape={look.shape},style="{nstyle}",color="{border}",fillcolor="{fill}",'
            f"penwidth={width:g}{extra}{size}"
        )
        return attrs, suffix

    def _box(self, sid: str, lines: list[list[Segment]], size: float, shape: str) -> str:
        """Records a node's measured label; DOT attributes giving its size."""
        self.decor[sid] = lines
        block = M.measure(lines, size, shape, S.NODE_MARGIN)
        self.blocks[sid] = block
        w, h = _inches(block.node_width), _inches(block.node_height)
        return f"width={w},height={h},fixedsize=true"

    def claims(self, *, badges: bool) -> None:
        amap, out, marks = self.amap, self.out, self.marks
        held = self._badges() if badges else {}
        main = set(amap.main)
        looks: dict[tuple[str, bool, str | None, str | None], tuple[str, str]] = {}
        assumed = " \u00b7 ASSUMED"
        for i, c in enumerate(amap.claims):
            is_main = c.id in main
            key = (c.kind, is_main, marks.get(c.id), c.hedge)
            look = looks.get(key)
            if look is None:
                look = looks[key] = self._claim_look(*key)
            attrs, suffix = look
            size = float(S.MAIN_FONT_SIZE if is_main else S.FONT_SIZE)
            shape = S.CLAIM_KINDS.get(c.kind, S.CLAIM_KINDS["fact"]).shape
            kind_word = c.kind.upper() + (assumed if c.assumed else "") + suffix
            title_lines = (
                M.wrap(cut(c.label, 120), S.WRAP_LABEL_EM * size, size, True) if c.label else []
            )
            text_lines = M.wrap(cut(c.text), S.WRAP_EM * size, size)
            lines = [kind_word, *title_lines, *text_lines]
            segs = held.get(c.id)
            badge_lines: list[list[Segment]] = []
            if segs:
                room = S.WRAP_EM * size
                gap = M.text_width("  ", size)
                row: list[Segment] = []
                used = 0.0
                for seg in segs:
                    wide = M.text_width(seg[0], size, "bold" in seg[1])
                    if row and used + gap + wide > room:
                        badge_lines.append(row)
                        row, used = [], 0.0
                    if row:
                        row.append(("  ", ""))
                        used += gap
                    row.append(seg)
                    used += wide
                badge_lines.append(row)
                lines += ["".join(t for t, _ in r) for r in badge_lines]
            sid = claim_svg_id(i)
            decor = [
                [(kind_word, _KIND_ATTRS)],
                *([(t, _BOLD)] for t in title_lines),
                *([(t, "")] for t in text_lines),
                *badge_lines,
            ]
            box = self._box(sid, decor, size, shape)
            out.append(f'{quote("c:" + c.id)} [id="{sid}",{attrs},{box},label={label(lines)}];')

    def _edge_style(self, item: str, colour: str, style: str, width: float) -> str:
        m = self._mark(item) if item in self.marks else None
        if m is not None:
            colour = m.edge_colour or colour
            style = m.edge_style or style
            width = m.edge_width or width
        return f'color="{colour}",style="{style}",penwidth={width:g}'

    def _edge_label(self, item: str) -> str:
        """A diff mark's word beside an edge (its colour and line stay the
        relation's own, so a removed support still reads as a support)."""
        name = self.marks.get(item)
        if name not in _DIFF_EDGE_MARKS:
            return ""
        m = S.MARKS[name]
        return f',xlabel="{m.badge}",fontcolor="{m.border}"'

    def supports(self) -> None:
        amap, out, marks = self.amap, self.out, self.marks
        junctions = junction_supports(amap)
        plain = self._edge_style("", S.SUPPORT_COLOUR, "solid", S.EDGE_WIDTH)
        for i, s in enumerate(amap.supports):
            common = (
                self._edge_style(s.id, S.SUPPORT_COLOUR, "solid", S.EDGE_WIDTH)
                if s.id in marks
                else plain
            )
            to = quote("c:" + s.conclusion)
            if s.id not in junctions:
                label = self._edge_label(s.id)
                out.append(
                    f"{quote('c:' + s.premises[0])} -> {to} "
                    f'[id="s{i}",{common},arrowsize=1.1{label}];'
                )
                continue
            colour = common.split('"', 2)[1]
            j = quote("s:" + s.id)
            if len(s.premises) > 1:
                shape = (
                    'shape=circle,label="&amp;",fixedsize=true,width=0.34,fontsize=15,'
                    f'fontcolor="#ffffff",style=filled,fillcolor="{colour}",color="{colour}"'
                )
            else:
                shape = f'shape=point,width=0.16,fillcolor="{colour}",color="{colour}"'
            out.append(f'{j} [id="s{i}",{shape}];')
            out.append(f'{j} -> {to} [id="s{i}c",{common},arrowsize=1.1{self._edge_label(s.id)}];')
            for k, p in enumerate(s.premises):
                out.append(f'{quote("c:" + p)} -> {j} [id="s{i}p{k}",{common},arrowhead=none];')

    def attacks(self) -> None:
        marks, out = self.marks, self.out
        red, width = S.ATTACK_COLOUR, S.ATTACK_WIDTH
        rebut = self._edge_style("", red, "solid", width)
        undercut = self._edge_style("", red, "dashed", width)
        for i, a in enumerate(self.amap.attacks):
            under = a.kind == "undercuts"
            if a.id in marks:
                style = self._edge_style(a.id, red, "dashed" if under else "solid", width)
            else:
                style = undercut if under else rebut
            target = quote(("s:" if under else "c:") + a.target)
            out.append(
                f'{quote("c:" + a.attacker)} -> {target} [id="a{i}",{style},arrowhead=tee,'
                f"arrowsize=1.3{self._edge_label(a.id)}];"
            )

    def stakeholders(self) -> None:
        out = self.out
        for i, h in enumerate(self.amap.stakeholders):
            strong, light = self.colours[h.id]
            facts = [str(h.kind)]
            if h.power is not None:
                facts.append(f"power {h.power}")
            if h.interest is not None:
                facts.append(f"interest {h.interest}")
            size = float(S.FONT_SIZE)
            name_lines = M.wrap(cut(h.name, 120), S.WRAP_NAME_EM * size, size, True)
            fact_line = " \u00b7 ".join(facts)
            sid = stakeholder_svg_id(i)
            shape = S.STAKEHOLDER_KIND_SHAPES.get(str(h.kind), "box")
            decor = [*([(t, _BOLD)] for t in name_lines), [(fact_line, _KIND_ATTRS)]]
            box = self._box(sid, decor, size, shape)
            out.append(
                f'{quote("h:" + h.id)} [id="{sid}",shape={shape},style=filled,'
                f'fillcolor="{light}",color="{strong}",penwidth=2.4,{box},'
                f"label={label([*name_lines, fact_line])}];"
            )
        # A relation held both ways (A opposes B, B opposes A) is one
        # double-headed edge with one label.
        held = {(h.id, r.target, str(r.kind)) for h in self.amap.stakeholders for r in h.relations}
        for i, h in enumerate(self.amap.stakeholders):
            for k, r in enumerate(h.relations):
                kind = str(r.kind)
                mutual = r.target != h.id and (r.target, h.id, kind) in held
                if mutual and (r.target, h.id) < (h.id, r.target):
                    continue  # drawn from the other end
                colour = S.RELATION_COLOURS.get(kind, S.MUTED_COLOUR)
                estyle = S.RELATION_STYLES.get(kind, "solid")
                both = ",dir=both" if mutual else ""
                out.append(
                    f'{quote("h:" + h.id)} -> {quote("h:" + r.target)} [id="r{i}_{k}",'
                    f'color="{colour}",fontcolor="{colour}",style="{estyle}"{both},'
                    f"label={quote(kind)}];"
                )

    def stances(self) -> None:
        default = S.STAKEHOLDER_PALETTE[0]
        for i, st in enumerate(self.amap.stances):
            strong, _light = self.colours.get(st.stakeholder, default)
            kind = str(st.kind)
            colour = S.REJECT_COLOUR if kind == "rejects" else strong
            head = "tee" if kind == "rejects" else "dot"
            self.out.append(
                f'{quote("h:" + st.stakeholder)} -> {quote("c:" + st.claim)} [id="st{i}",'
                f'color="{colour}",style="{S.STANCE_EDGE_STYLES.get(kind, "solid")}",'
                f"arrowhead={head},penwidth=1.4];"
            )

    def legend(self, view: str) -> None:
        amap = self.amap
        lines: list[list[Segment]] = [[("Key", _BOLD)]]

        def entry(glyph: str, colour: str, text: str, bold: bool = True) -> None:
            attrs = f'fill="{colour}"' + (' font-weight="bold"' if bold else "")
            lines.append([(glyph, attrs), ("  " + text, "")])

        if view in ("argument", "full"):
            if amap.supports:
                entry(S.GLYPHS["support"], S.SUPPORT_COLOUR, "supports (a reason for)")
            if any(len(s.premises) > 1 for s in amap.supports):
                entry(S.GLYPHS["linked"], S.SUPPORT_COLOUR, "linked premises: only together")
            if any(a.kind != "undercuts" for a in amap.attacks):
                entry(S.GLYPHS["attack"], S.ATTACK_COLOUR, "attacks (a reason against)")
            if any(a.kind == "undercuts" for a in amap.attacks):
                entry(S.GLYPHS["undercut"], S.ATTACK_COLOUR, "undercuts: denies a reason's link")
            if amap.main:
                entry(S.GLYPHS["swatch"], "#e0b000", "main claim (yellow)")
            kinds = {str(c.kind) for c in amap.claims}
            for kind in (k for k in S.CLAIM_KINDS if k in kinds):
                lines.append(
                    [
                        (kind.upper(), _KIND_ATTRS),
                        ("  " + S.CLAIM_KIND_DESCRIPTIONS.get(kind, kind), ""),
                    ]
                )
            hedges = [
                S.HEDGES[h].word.upper() for h in S.HEDGES if h in {c.hedge for c in amap.claims}
            ]
            if hedges:
                lines.append([(" / ".join(hedges), _KIND_ATTRS), ("  " + S.HEDGE_DESCRIPTION, "")])
            for mark in (m for m in S.MARKS if m in self.used_marks):
                mk = S.MARKS[mark]
                entry(S.GLYPHS["swatch"], mk.border or mk.fill or S.BORDER, mk.legend)
        if view == "argument" and amap.stances:
            holders = {st.stakeholder for st in amap.stances}
            for h in amap.stakeholders:
                if h.id in holders:
                    strong, _ = self.colours[h.id]
                    lines.append(
                        [(h.id, f'fill="{strong}" font-weight="bold"'), ("  " + h.name, "")]
                    )
            lines.append(
                [
                    ("who", 'font-weight="bold"'),
                    (" asserts  ", ""),
                    ("+who", ""),
                    (" endorses  ", ""),
                    (
                        S.REJECT_MARK + "who",
                        f'fill="{S.REJECT_COLOUR}" text-decoration="line-through"',
                    ),
                    (" rejects", ""),
                ]
            )
        if view in ("stakeholders", "full"):
            for kind in sorted({str(r.kind) for h in amap.stakeholders for r in h.relations}):
                entry(S.GLYPHS["relation"], S.RELATION_COLOURS.get(kind, S.MUTED_COLOUR), kind)
        if view == "full" and amap.stances:
            entry(S.GLYPHS["assert"], S.MUTED_COLOUR, "asserts")
            entry(S.GLYPHS["endorse"], S.MUTED_COLOUR, "endorses")
            entry(S.GLYPHS["reject"], S.REJECT_COLOUR, "rejects")
        if len(lines) == 1:
            return
        texts = ["".join(t for t, _ in line) for line in lines]
        box = self._box("legend", lines, 14.0, "box")
        self.out.append(
            '"legend" [id="legend",shape=box,style="rounded,filled",fillcolor="#f7f7f7",'
            f'color="#9e9e9e",fontsize=14,{box},label={label(texts)}];'
        )
