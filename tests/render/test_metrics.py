"""Text always fits: every line of every node lies inside the node's shape.

Read back from the SVG each route writes (system Graphviz and the bundled
WebAssembly build): the shape's outline, and each text line's box measured
with the same font metrics the drawing is laid out and drawn with.
"""

# ruff: noqa: RUF001  (text in other scripts is the point of these maps)
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.render import draw
from argmap.render import metrics as M
from argmap.render.views import select

NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]
ROUTES = ["wasm"] + (["system"] if shutil.which("dot") else [])

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
GENERATED = f"""
argmap: 1
title: "Generated: long words, long labels, scripts, emoji — {LONG_WORD}"
main: [top, cjk]
stakeholders:
  - {{id: gov, name: "Ministère de l'Intérieur et des Collectivités", kind: government,
      power: 5, interest: 4}}
  - {{id: court, name: "Верховный суд Российской Федерации", kind: court, power: 5, interest: 1}}
  - {{id: union, name: "Ελληνική Ομοσπονδία Εργατών", kind: union, power: 2, interest: 5}}
  - {{id: press, name: "报纸和电视新闻记者协会", kind: media, power: 1, interest: 3}}
  - {{id: folk, name: "Residents 🏠 of the 🌆 city", kind: community, power: 1, interest: 5}}
  - {{id: org, name: "{LONG_WORD}", kind: organisation, power: 3, interest: 3}}
  - {{id: x, name: "WWWWWWWWWWWWWWWWWWWWWWWWWW", kind: person}}
  - {{id: ag, name: "מחלקת התחבורה", kind: agency}}
  - {{id: pub, name: "Public", kind: public}}
  - {{id: other, name: "Other", kind: other}}
claims:
  - id: top
    kind: policy
    label: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW long bold label that goes on"
    text: "{LONG_WORD} and then some more words after the long one."
  - id: cjk
    kind: value
    label: 城市应该保护所有居民的安全
    text: 城市应该保护所有居民的安全，无论他们的移民身份如何，这是一项基本的道德责任。
  - id: greek
    kind: prediction
    text: Η πόλη θα γίνει πιο ασφαλής όταν όλοι οι κάτοικοι εμπιστεύονται την αστυνομία.
  - id: arabic
    kind: interpretation
    text: يجب على المدينة أن تحمي جميع سكانها بغض النظر عن وضعهم
  - id: emoji
    kind: testimony
    label: "🚓🚓🚓 Police 👮 say 🗣️"
    text: "We 👍 the policy 💯💯💯💯💯💯💯💯💯💯💯💯💯💯💯💯💯💯 and 🙏 for calm"
    assumed: true
  - id: defn
    kind: definition
    text: "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii lllllllllllllllllllllll"
  - id: caps
    text: "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM"
supports:
  - {{from: greek, to: top}}
  - {{from: [arabic, defn], to: cjk}}
  - {{from: caps, to: top}}
attacks:
  - {{from: emoji, to: top}}
  - {{from: greek, to: cjk}}
stances:
  - {{stakeholder: gov, asserts: top}}
  - {{stakeholder: court, rejects: top}}
  - {{stakeholder: union, endorses: top}}
  - {{stakeholder: press, asserts: cjk}}
  - {{stakeholder: folk, rejects: cjk}}
  - {{stakeholder: org, endorses: cjk}}
  - {{stakeholder: x, asserts: emoji}}
  - {{stakeholder: ag, asserts: greek}}
  - {{stakeholder: pub, rejects: caps}}
  - {{stakeholder: other, endorses: defn}}
  - {{stakeholder: org, asserts: emoji}}
  - {{stakeholder: gov, rejects: emoji}}
"""


def chicago() -> ArgumentMap:
    return argmap.load(ROOT / "maps" / "chicago_ice.yaml")


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _inside(poly: list[tuple[float, float]], x: float, y: float, tol: float) -> bool:
    """Point in polygon (ray casting), or within ``tol`` of its edges."""
    n = len(poly)
    hit = False
    for i in range(n):
        (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % n]
        dx, dy = x1 - x0, y1 - y0
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / seg))
        if (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= tol * tol:
            return True
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * dx / dy:
            hit = not hit
    return hit


def _outline(node: ET.Element) -> tuple[str, object]:
    for el in node:
        tag = el.tag.removeprefix(NS)
        if tag == "ellipse":
            return "ellipse", tuple(float(el.get(k, "0")) for k in ("cx", "cy", "rx", "ry"))
        if tag in ("polygon", "path"):
            nums = _numbers(el.get("points") or el.get("d") or "")
            pts = list(zip(nums[0::2], nums[1::2], strict=False))
            if tag == "path":  # rounded boxes: the box the curves keep inside
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
                pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            return "polygon", pts
    raise AssertionError("node without a shape")


def _line_box(text: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of one drawn line, measured with the font."""
    assert text.get("text-anchor") == "start"
    base = float(text.get("font-size", "14"))
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    runs: list[tuple[str, float, bool, float]] = []
    if text.text:
        runs.append((text.text, base, False, 0.0))
    for span in text:
        size = float(span.get("font-size", base))
        bold = span.get("font-weight") == "bold"
        runs.append((span.text or "", size, bold, float(span.get("letter-spacing", "0"))))
        if span.tail:
            runs.append((span.tail, base, False, 0.0))
    width = sum(M.text_width(t, s, b, sp) for t, s, b, sp in runs)
    top = max(s for _, s, _, _ in runs)
    face = M.face(any(b for _, _, b, _ in runs))
    return x, y - face.ascent * top, x + width, y + face.descent * top


def misfits(svg: str) -> list[str]:
    """Every text line of a measured node (claims, stakeholders, key) that is
    not inside its node's shape."""
    root = ET.fromstring(svg)
    bad: list[str] = []
    checked = 0
    for node in root.iter(f"{NS}g"):
        nid = node.get("id", "")
        if node.get("class") != "node" or not re.fullmatch(r"c\d+|h\d+|legend", nid):
            continue
        kind, shape = _outline(node)
        for text in node.iter(f"{NS}text"):
            checked += 1
            left, top, right, bottom = _line_box(text)
            corners = [(left, top), (right, top), (left, bottom), (right, bottom)]
            for cx, cy in corners:
                if kind == "ellipse":
                    ex, ey, rx, ry = shape  # type: ignore[misc]
                    ok = ((cx - ex) / rx) ** 2 + ((cy - ey) / ry) ** 2 <= 1.0001
                else:
                    ok = _inside(shape, cx, cy, 0.5)  # type: ignore[arg-type]
                if not ok:
                    words = "".join(text.itertext())[:40]
                    bad.append(f"{nid}: {words!r} corner {cx:.1f},{cy:.1f} outside")
                    break
    assert checked, "no measured text found"
    return bad


def _views(amap: ArgumentMap) -> list[tuple[str, ArgumentMap, str]]:
    out = [(v, amap, v) for v in ("argument", "stakeholders", "full")]
    out += [(f"focus {c}", select(amap, focus=c, depth=1), "argument") for c in amap.main]
    return out


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("which", ["chicago", "generated"])
def test_every_line_inside_its_node(route: str, which: str) -> None:
    amap = chicago() if which == "chicago" else argmap.loads(GENERATED)
    for name, part, view in _views(amap):
        svg = draw(part, view=view, via=route).svg
        assert misfits(svg) == [], f"{which} {name} via {route}"


def test_the_check_catches_text_that_runs_out() -> None:
    svg = draw(argmap.loads(GENERATED), via="wasm").svg
    # Push one claim's lines 60 pt to the right: they must be reported.
    moved = re.sub(
        r'(<g id="c0" class="node">.*?)</g>',
        lambda m: (
            re.sub(r'x="([\d.-]+)"', lambda x: f'x="{float(x.group(1)) + 60:.2f}"', m.group(1))
            + "</g>"
        ),
        svg,
        count=1,
        flags=re.S,
    )
    assert any(b.startswith("c0:") for b in misfits(moved))


def test_nodes_are_sized_from_measured_text() -> None:
    from argmap.render.dot import build_graph
    from argmap.render.views import scene

    graph = build_graph(scene(argmap.loads(GENERATED)))
    top = graph.blocks["c0"]
    assert top.width <= M.text_width("W" * 60, 16, True)
    # the long word is broken to the wrap width, not left one line wide
    assert max(line.width for line in top.lines) <= 17 * 19 + 1  # a main claim: 19 pt
    assert "fixedsize=true" in graph.dot
    # CJK is measured at a full em a character, emoji wider still
    assert M.text_width("城市", 10) == pytest.approx(20)
    assert M.text_width("💯", 10) > 10


def test_svg_embeds_the_font_and_names_it() -> None:
    svg = draw(argmap.loads(GENERATED), via="wasm").svg
    assert "@font-face" in svg and "data:font/ttf;base64," in svg
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {"DejaVu Sans,Verdana,sans-serif"}
