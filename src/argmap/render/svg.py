"""Stage 4 of the render pipeline: finish Graphviz's SVG (:func:`finish`).

Typography the plain labels cannot carry: Graphviz writes one ``<text>``
element per label line, and :func:`decorate` rewrites those lines from the
decorations :func:`argmap.render.dot.build` returns: the kind line small and
grey, titles bold, stakeholder badges in their colours. The text itself is
re-escaped here from the map's own strings, so what a reader sees is exactly
the map's text. XML comments (which repeat node names) are dropped.
"""

from __future__ import annotations

import re

from argmap.render.style import TEXT_FIT
from argmap.render.text import xml
from argmap.render.values import Decorations, Drawing, Laid

_GROUP = re.compile(r'<g id="([^"]+)" class="(node|graph)"[^>]*>')
_TEXT = re.compile(r"<text([^>]*)>(.*?)</text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_SIZE = re.compile(r'font-size="([\d.]+)"')


def _fit(m: re.Match[str]) -> str:
    return f'font-size="{float(m.group(1)) * TEXT_FIT:.2f}"'


def finish(laid: Laid) -> Drawing:
    """The finished drawing of a laid-out graph."""
    graph = laid.graph
    return Drawing(
        decorate(laid.svg, graph.decorations), graph.dot, graph.engine, graph.notes, graph.scene
    )


def decorate(svg: str, decorations: Decorations) -> str:
    """Apply decorations to an SVG from Graphviz; nodes whose line count does not
    match are left as Graphviz drew them."""
    svg = _COMMENT.sub("", svg)
    pieces: list[str] = []
    pos = 0
    for m in _GROUP.finditer(svg):
        lines = decorations.get(m.group(1))
        if lines is None:
            continue
        start = m.end()
        # A graph's own label lines come before its first child group.
        end = svg.find("<g " if m.group(2) == "graph" else "</g>", start)
        if end < 0:
            continue
        body = svg[start:end]
        texts = list(_TEXT.finditer(body))
        if len(texts) != len(lines):
            continue
        pieces.append(svg[pos:start])
        at = 0
        for t, line in zip(texts, lines, strict=True):
            pieces.append(body[at : t.start()])
            pieces.append(f"<text{_SIZE.sub(_fit, t.group(1))}>")
            for text, attrs in line:
                if attrs:
                    pieces.append(f"<tspan {attrs}>{xml(text)}</tspan>")
                else:
                    pieces.append(xml(text))
            pieces.append("</text>")
            at = t.end()
        pieces.append(body[at:])
        pos = end
    pieces.append(svg[pos:])
    return "".join(pieces)


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
