"""Text drawn as glyph outlines, for the rasteriser and the PDF writer.

A finished drawing places every text line itself from the shipped font's
advance widths (:mod:`argmap.render.metrics`). The rasteriser inside
vl-convert shapes text again, at a cost that grows with every character (about
a tenth of a millisecond each, most of the time of a PNG or a PDF page), and
could in principle shape it differently from what was measured.
:func:`outline` replaces each ``<text>`` by references to the outline of each
glyph, placed at exactly the advances the layout measured, each glyph defined
once per drawing. The SVG and HTML outputs keep their text; only what is
handed to the rasteriser and the PDF writer is outlined.

A text this cannot place exactly is left as it is, for the rasteriser to
shape: one with characters the shipped font lacks (emoji, most non-Latin
scripts: the viewer's fallback fonts draw those), or with per-character
positions, rotations or a font other than the shipped one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from typing import Any

from argmap.render import metrics as M

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_S = "{" + SVG_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_INHERITED = (
    "font-family",
    "font-size",
    "font-weight",
    "fill",
    "fill-opacity",
    "text-anchor",
    "letter-spacing",
)
_POSITIONAL = ("dx", "dy", "rotate", "textLength", "transform")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class _Paths(dict[str, str]):
    """Glyph name -> SVG path of its outline in font units, drawn on first use."""

    def __init__(self, glyphs: Any) -> None:
        super().__init__()
        self.glyphs = glyphs

    def __missing__(self, name: str) -> str:
        from fontTools.pens.svgPathPen import SVGPathPen

        pen = SVGPathPen(self.glyphs)
        self.glyphs[name].draw(pen)
        path: str = pen.getCommands()
        self[name] = path
        return path


@dataclass(frozen=True, slots=True)
class _Font:
    upm: float
    cmap: dict[int, str]
    advance: dict[str, int]
    paths: _Paths


@cache
def _font(bold: bool) -> _Font:
    from fontTools.ttLib import TTFont

    font = TTFont(str(M.font_path(bold)), lazy=True)
    cmap = dict(font.getBestCmap())
    advance = {name: adv for name, (adv, _lsb) in font["hmtx"].metrics.items()}
    return _Font(float(font["head"].unitsPerEm), cmap, advance, _Paths(font.getGlyphSet()))


def _size(value: str | None, default: float) -> float:
    if not value:
        return default
    m = _NUMBER.match(value.strip())
    return float(m.group(0)) if m else default


def _ours(family: str | None) -> bool:
    return family is None or family.split(",")[0].strip().strip("'\"") == M.FAMILY


@dataclass(slots=True)
class _Run:
    text: str
    style: dict[str, str]


def _collapse(runs: list[_Run]) -> list[_Run]:
    """The runs with SVG's default white-space handling across the whole text:
    newlines dropped, tabs as spaces, runs of spaces as one, none at either end."""
    out: list[_Run] = []
    space = True  # strips leading spaces
    for run in runs:
        chars: list[str] = []
        for ch in run.text:
            if ch == "\n":
                continue
            if ch in " \t":
                if space:
                    continue
                space = True
                chars.append(" ")
            else:
                space = False
                chars.append(ch)
        out.append(_Run("".join(chars), run.style))
    for run in reversed(out):
        if run.text:
            if run.text.endswith(" "):
                run.text = run.text[:-1]
            break
    return out


class _Outliner:
    def __init__(self) -> None:
        self.used: dict[tuple[bool, str], str] = {}

    def glyph_id(self, bold: bool, name: str) -> str:
        key = (bold, name)
        gid = self.used.get(key)
        if gid is None:
            gid = f"argmap-g{len(self.used)}"
            self.used[key] = gid
        return gid

    def runs(self, text: ET.Element, style: dict[str, str]) -> list[_Run] | None:
        """The text's runs with their styles, or None when it cannot be outlined."""
        runs: list[_Run] = []
        if text.text:
            runs.append(_Run(text.text, style))
        for child in text:
            if (
                child.tag != _S + "tspan"
                or len(child)
                or any(a in child.attrib for a in ("x", "y", *_POSITIONAL))
            ):
                return None
            sub = dict(style)
            sub.update({k: v for k, v in child.attrib.items() if k in _INHERITED})
            if "text-decoration" in child.attrib:
                sub["text-decoration"] = child.attrib["text-decoration"]
            if child.text:
                runs.append(_Run(child.text, sub))
            if child.tail:
                runs.append(_Run(child.tail, style))
        return runs

    def replace(self, text: ET.Element, style: dict[str, str]) -> ET.Element | None:
        """A group of glyph references drawing ``text``, or None to keep it."""
        if any(a in text.attrib for a in _POSITIONAL):
            return None
        try:
            x = float(text.attrib.get("x", "0"))
            y = float(text.attrib.get("y", "0"))
        except ValueError:
            return None
        runs = self.runs(text, style)
        if runs is None:
            return None
        if text.get(_XML_SPACE) == "preserve":
            for run in runs:
                run.text = run.text.replace("\n", " ").replace("\t", " ")
        else:
            runs = _collapse(runs)
        placed: list[tuple[_Run, float, float, bool, list[str]]] = []
        width = 0.0
        for run in runs:
            if not _ours(run.style.get("font-family")):
                return None
            bold = run.style.get("font-weight", "normal") in ("bold", "bolder", "600", "700")
            font = _font(bold)
            size = _size(run.style.get("font-size"), 14.0)
            spacing = _size(run.style.get("letter-spacing"), 0.0)
            names: list[str] = []
            for ch in run.text:
                name = font.cmap.get(ord(ch))
                if name is None:
                    return None
                names.append(name)
            placed.append((run, size, spacing, bold, names))
            width += sum(font.advance[n] for n in names) * size / font.upm + spacing * len(names)
        anchor = style.get("text-anchor", "start")
        if anchor == "middle":
            x -= width / 2
        elif anchor == "end":
            x -= width
        group = ET.Element(_S + "g")
        for key in ("fill", "fill-opacity"):
            if key in style:
                group.set(key, style[key])
        for attr in ("class", "id", "opacity", "visibility", "display"):
            if attr in text.attrib:
                group.set(attr, text.attrib[attr])
        for run, size, spacing, bold, names in placed:
            font = _font(bold)
            scale = size / font.upm
            start = x
            target = group
            if run.style is not style and (
                run.style.get("fill") != style.get("fill")
                or run.style.get("fill-opacity") != style.get("fill-opacity")
            ):
                target = ET.SubElement(group, _S + "g")
                for key in ("fill", "fill-opacity"):
                    if key in run.style:
                        target.set(key, run.style[key])
            for name in names:
                if font.paths[name]:
                    ET.SubElement(
                        target,
                        _S + "use",
                        {
                            "href": "#" + self.glyph_id(bold, name),
                            "transform": f"matrix({scale:.5g} 0 0 {-scale:.5g} {x:.2f} {y:.2f})",
                        },
                    )
                x += font.advance[name] * scale + spacing
            if run.style.get("text-decoration") == "line-through" and x > start:
                ET.SubElement(
                    target,
                    _S + "rect",
                    {
                        "x": f"{start:.2f}",
                        "y": f"{y - 0.32 * size:.2f}",
                        "width": f"{x - start:.2f}",
                        "height": f"{max(0.07 * size, 0.5):.2f}",
                    },
                )
        return group

    def walk(self, node: ET.Element, style: dict[str, str]) -> None:
        for i, child in enumerate(list(node)):
            sub = style
            own = {k: v for k, v in child.attrib.items() if k in _INHERITED}
            if own:
                sub = {**style, **own}
            if child.tag == _S + "text":
                group = self.replace(child, sub)
                if group is not None:
                    group.tail = child.tail
                    node.remove(child)
                    node.insert(i, group)
            elif child.tag not in (_S + "style", _S + "title", _S + "desc", _S + "script"):
                self.walk(child, sub)

    def defs(self) -> ET.Element:
        defs = ET.Element(_S + "defs")
        for (bold, name), gid in self.used.items():
            ET.SubElement(defs, _S + "path", {"id": gid, "d": _font(bold).paths[name]})
        return defs


ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def outline(svg: str) -> str:
    """``svg`` with every text it can place exactly drawn as glyph outlines
    (same positions, sizes, weights and colours); anything else unchanged."""
    if "<text" not in svg:
        return svg
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return svg
    outliner = _Outliner()
    base = {k: v for k, v in root.attrib.items() if k in _INHERITED}
    outliner.walk(root, base)
    if not outliner.used:
        return svg
    root.insert(0, outliner.defs())
    return ET.tostring(root, encoding="unicode")
