"""One drawing of a map for Python users: :class:`View`, and :func:`to_pydot`.

A :class:`View` is a map, narrowed and marked, with the view and options to
draw it; it draws itself in Jupyter (``_repr_svg_``, ``_repr_html_``), and
:meth:`View.draw` gives it as DOT, SVG or HTML text or PNG/PDF bytes. The
drawing is made on first use and kept.

:func:`to_pydot` builds the same graph as the DOT text builder
(:func:`argmap.render.dot.build_dot`: the same nodes, edges, ids, labels,
shapes and colours) as a :class:`pydot.Dot`, for people who adjust a drawing
in Python. The CLI keeps the text builder, which is several times faster.
The finer typography of argmap's SVG (bold titles, the small kind line,
coloured stakeholder badges) is applied after Graphviz and so is in neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import pydot

__all__ = ["View", "evaluation_marks", "to_pydot"]

_TEXT_FORMATS = ("dot", "svg", "html")


def evaluation_marks(amap: ArgumentMap, semantics: str = "grounded") -> dict[str, str]:
    """Claim id -> ``in``/``out``/``undecided`` (``-fragile`` added to a fragile
    verdict, docs/evaluation.md), the marks ``argmap render --evaluate`` draws."""
    from argmap.analysis.semantics import evaluate, label_claims

    labels = label_claims(amap, semantics)
    if semantics == "carneades":
        return labels
    from argmap.analysis.explain import fragile_verdicts

    fragile = fragile_verdicts(amap, evaluate(amap, semantics))
    return {c: f"{lab}-fragile" if c in fragile else lab for c, lab in labels.items()}


@dataclass(frozen=True)
class View:
    """A map to draw: ``view`` is ``argument``, ``stakeholders``, ``full`` or
    ``grid``; ``marks`` maps ids to marks (:data:`argmap.render.style.MARKS`);
    ``layout``/``rankdir``/``legend`` as for :func:`argmap.render.render`.
    Build one with :func:`argmap.view`, which also narrows and evaluates."""

    amap: ArgumentMap
    view: str = "argument"
    marks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    layout: str | None = None
    rankdir: str | None = None
    legend: bool = True
    _made: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def draw(self, format: str = "svg", *, page: str | None = None) -> str | bytes:
        """The drawing as ``dot``, ``svg`` or ``html`` text, or ``png``/``pdf`` bytes.

        ``page`` puts it on a page size (docs/render.md, "Pages"); a drawing
        split over several pages is refused here for SVG and PNG (draw a PDF).
        """
        key = f"{format}:{page}"
        if key not in self._made:
            from argmap.render import render

            done = render(
                self.amap,
                format,
                view=self.view,
                marks=self.marks,
                layout=self.layout,
                rankdir=self.rankdir,
                legend=self.legend,
                page=page,
            )
            if len(done.pages) > 1:
                raise ArgmapError(
                    f"the drawing is split over {len(done.pages)} pages: draw a PDF, "
                    "or leave out the page size"
                )
            data: str | bytes = done.data
            if format in _TEXT_FORMATS:
                data = done.data.decode("utf-8")
            self._made[key] = data
        result: str | bytes = self._made[key]
        return result

    @property
    def svg(self) -> str:
        """The drawing as SVG text."""
        return str(self.draw("svg"))

    @property
    def dot(self) -> str:
        """The DOT text Graphviz lays out (not for the ``grid`` view)."""
        return str(self.draw("dot"))

    def to_pydot(self) -> pydot.Dot:
        """The DOT graph as a :class:`pydot.Dot` (see :func:`to_pydot`)."""
        return to_pydot(
            self.amap,
            view=self.view,
            marks=self.marks,
            rankdir=self.rankdir,
            legend=self.legend,
        )

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self) -> str:
        return notebook_html(self.svg)


_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)


def notebook_html(svg: str) -> str:
    """An SVG drawing inline in HTML, scaled to the cell's width."""
    body = _PROLOG.sub("", svg)
    return (
        '<div class="argmap-drawing" style="max-width:100%;overflow:auto">'
        + body.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
        + "</div>"
    )


# --------------------------------------------------------------------------- pydot

_ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,]+)')


def _attrs(text: str) -> dict[str, Any]:
    """``k=v,k="v, w"`` (the builder's own attribute strings) as a dict."""
    return {k: v for k, v in _ATTR.findall(text)}


def _label(decor: list[list[tuple[str, str]]]) -> str:
    from argmap.render.text import label

    return label(["".join(t for t, _ in line) for line in decor])


def to_pydot(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    title: bool = True,
) -> pydot.Dot:
    """The graph :func:`argmap.render.dot.build_dot` writes, built with pydot.

    Node names are ``"c:ID"`` (claims), ``"s:ID"`` (support junctions) and
    ``"h:ID"`` (stakeholders), with the SVG ids of
    :func:`~argmap.render.dot.claim_svg_id` and friends as ``id``; labels,
    sizes, shapes and colours are those of the text builder. Change
    attributes and write it with pydot (``graph.create_svg()`` needs a system
    Graphviz).
    """
    import pydot

    from argmap.render import dot as D
    from argmap.render import style as S
    from argmap.render.text import cut, label, quote, wrap

    b = D._build(
        amap,
        view=view,
        marks=marks,
        rankdir=rankdir,
        legend=legend,
        title=title,
        graph_attrs=None,
    )
    g = pydot.Dot("argmap", graph_type="digraph")
    header = [line for line in b.out[1:4] if line.startswith("graph [")]
    gattrs = _attrs(header[0][len("graph [") : -2])
    if title and amap.title:
        gattrs["label"] = label(wrap(cut(amap.title, 300), 80))
    g.set_graph_defaults(**gattrs)
    g.set_node_defaults(
        fontname=quote(S.FONT),
        fontsize=str(S.FONT_SIZE),
        fontcolor=quote(S.TEXT_COLOUR),
        margin='"0.2,0.09"',
    )
    g.set_edge_defaults(
        fontname=quote(S.FONT), fontsize=str(S.EDGE_FONT_SIZE), penwidth=f"{S.EDGE_WIDTH:g}"
    )

    def box(sid: str) -> dict[str, Any]:
        block = b.blocks[sid]
        return {
            "width": D._inches(block.node_width),
            "height": D._inches(block.node_height),
            "fixedsize": "true",
            "label": _label(b.decor[sid]),
        }

    marks = dict(marks or {})
    if view in ("argument", "full"):
        main = set(amap.main)
        for i, c in enumerate(amap.claims):
            sid = D.claim_svg_id(i)
            look, _suffix = b._claim_look(c.kind, c.id in main, marks.get(c.id), c.hedge)
            g.add_node(pydot.Node(quote("c:" + c.id), id=sid, **_attrs(look), **box(sid)))
        junctions = D.junction_supports(amap)
        for i, s in enumerate(amap.supports):
            style = _attrs(b._edge_style(s.id, S.SUPPORT_COLOUR, "solid", S.EDGE_WIDTH))
            to = quote("c:" + s.conclusion)
            sid = D.support_svg_id(i)
            if s.id not in junctions:
                g.add_edge(
                    pydot.Edge(
                        quote("c:" + s.premises[0]),
                        to,
                        id=sid,
                        arrowsize="1.1",
                        **style,
                        **_attrs(b._edge_label(s.id)),
                    )
                )
                continue
            colour = style["color"]
            j = quote("s:" + s.id)
            if len(s.premises) > 1:
                shape: dict[str, Any] = {
                    "shape": "circle",
                    "label": '"&amp;"',
                    "fixedsize": "true",
                    "width": "0.34",
                    "fontsize": "15",
                    "fontcolor": '"#ffffff"',
                    "style": "filled",
                    "fillcolor": colour,
                    "color": colour,
                }
            else:
                shape = {"shape": "point", "width": "0.16", "fillcolor": colour, "color": colour}
            g.add_node(pydot.Node(j, id=sid, **shape))
            g.add_edge(
                pydot.Edge(
                    j, to, id=f"{sid}c", arrowsize="1.1", **style, **_attrs(b._edge_label(s.id))
                )
            )
            for k, p in enumerate(s.premises):
                g.add_edge(
                    pydot.Edge(quote("c:" + p), j, id=f"{sid}p{k}", arrowhead="none", **style)
                )
        for i, a in enumerate(amap.attacks):
            under = a.kind == "undercuts"
            style = _attrs(
                b._edge_style(a.id, S.ATTACK_COLOUR, "dashed" if under else "solid", S.ATTACK_WIDTH)
            )
            target = quote(("s:" if under else "c:") + a.target)
            g.add_edge(
                pydot.Edge(
                    quote("c:" + a.attacker),
                    target,
                    id=D.attack_svg_id(i),
                    arrowhead="tee",
                    arrowsize="1.3",
                    **style,
                    **_attrs(b._edge_label(a.id)),
                )
            )
    if view in ("stakeholders", "full"):
        _stakeholders(g, amap, b, box)
    if view == "full":
        for i, st in enumerate(amap.stances):
            strong, _light = b.colours.get(st.stakeholder, S.STAKEHOLDER_PALETTE[0])
            kind = str(st.kind)
            g.add_edge(
                pydot.Edge(
                    quote("h:" + st.stakeholder),
                    quote("c:" + st.claim),
                    id=f"st{i}",
                    color=quote(S.REJECT_COLOUR if kind == "rejects" else strong),
                    style=quote(S.STANCE_EDGE_STYLES.get(kind, "solid")),
                    arrowhead="tee" if kind == "rejects" else "dot",
                    penwidth="1.4",
                )
            )
    if "legend" in b.blocks:
        g.add_node(
            pydot.Node(
                '"legend"',
                id="legend",
                shape="box",
                style='"rounded,filled"',
                fillcolor='"#f7f7f7"',
                color='"#9e9e9e"',
                fontsize="14",
                **box("legend"),
            )
        )
    return g


def _stakeholders(g: pydot.Dot, amap: ArgumentMap, b: Any, box: Any) -> None:
    import pydot

    from argmap.render import dot as D
    from argmap.render import style as S
    from argmap.render.text import quote

    for i, h in enumerate(amap.stakeholders):
        strong, light = b.colours[h.id]
        sid = D.stakeholder_svg_id(i)
        g.add_node(
            pydot.Node(
                quote("h:" + h.id),
                id=sid,
                shape=S.STAKEHOLDER_KIND_SHAPES.get(str(h.kind), "box"),
                style="filled",
                fillcolor=quote(light),
                color=quote(strong),
                penwidth="2.4",
                **box(sid),
            )
        )
    # A relation held both ways is one double-headed edge, as in the text builder.
    held = {(h.id, r.target, str(r.kind)) for h in amap.stakeholders for r in h.relations}
    for i, h in enumerate(amap.stakeholders):
        for k, r in enumerate(h.relations):
            kind = str(r.kind)
            mutual = r.target != h.id and (r.target, h.id, kind) in held
            if mutual and (r.target, h.id) < (h.id, r.target):
                continue
            colour = quote(S.RELATION_COLOURS.get(kind, S.MUTED_COLOUR))
            extra: dict[str, Any] = {"dir": "both"} if mutual else {}
            g.add_edge(
                pydot.Edge(
                    quote("h:" + h.id),
                    quote("h:" + r.target),
                    id=f"r{i}_{k}",
                    color=colour,
                    fontcolor=colour,
                    style=quote(S.RELATION_STYLES.get(kind, "solid")),
                    label=quote(kind),
                    **extra,
                )
            )
