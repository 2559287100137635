"""Rendering through Graphviz: SVG safety and routes, PNG/PDF, reveal frames, layout choice."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.render import draw, render
from argmap.render.layout import LIMITED_AT, LINES_AT, MAX_CROSS, SFDP_AT, choose
from argmap.render.reveal import frames, hidden_ids, steps

SVG_NS = "{http://www.w3.org/2000/svg}"

NASTY = r"""
argmap: 1
title: "Title with <b> & \"quotes\" \\ {braces}"
stakeholders:
  - {id: h, name: "H <script>alert(1)</script>"}
claims:
  - id: top
    label: "&lt; not an entity"
    text: "<script>alert('x')</script> & \"q\" \\ back {brace} -- --> ]]>"
  - {id: why, text: "line one\nline two Zürich “quotes” \u2028"}
supports:
  - {from: why, to: top}
stances:
  - {stakeholder: h, rejects: top}
"""

CHAIN = """
argmap: 1
title: chain
main: [a]
claims:
  - {id: a, text: A.}
  - {id: b, text: B.}
  - {id: c, text: C.}
  - {id: d, text: D.}
  - {id: lone, text: Alone.}
supports:
  - {from: b, to: a}
  - {from: c, to: b}
attacks:
  - {from: d, to: a}
"""


def svg_texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    assert [e for e in root.iter() if e.tag.endswith("script")] == []
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))


@pytest.mark.parametrize("view", ["argument", "stakeholders", "full", "grid"])
def test_svg_is_well_formed_and_shows_text_as_text(view: str) -> None:
    svg = render(argmap.loads(NASTY), "svg", view=view, via="wasm").data
    texts = " ".join(svg_texts(svg).split())
    if view in ("argument", "full"):
        assert "<script>alert('x')</script>" in texts
        assert "&lt; not an entity" in texts
        assert "Zürich “quotes”" in texts
    if view != "argument":
        assert "H<script>alert(1)</script>" in texts.replace(" ", "")


def test_svg_repeatable_and_ids_positional() -> None:
    amap = argmap.loads(CHAIN)
    one = render(amap, "svg", via="wasm").data
    assert one == render(argmap.loads(CHAIN), "svg", via="wasm").data
    assert b'id="c0" class="node"' in one and b'id="a0" class="edge"' in one


def test_png_and_pdf() -> None:
    amap = argmap.loads(CHAIN)
    png = render(amap, "png").data
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == render(amap, "png").data
    pdf = render(amap, "pdf").data
    assert pdf.startswith(b"%PDF-")


def test_reveal_steps_and_steady_positions() -> None:
    amap = argmap.loads(CHAIN)
    assert steps(amap) == [["a"], ["b", "d"], ["c"], ["lone"]]
    assert steps(amap, "claim") == [["a"], ["b"], ["c"], ["d"], ["lone"]]
    assert hidden_ids(amap, {"a"}) == {"c1", "c2", "c3", "c4", "s0", "s1", "a0"}
    svgs, _notes = frames(amap)
    assert len(svgs) == 4
    assert 'id="c2"' not in svgs[1] and 'id="c2"' in svgs[2]
    assert "step 2 of 4" in svgs[1]

    def where(svg: str, node: str) -> str:
        m = re.search(rf'<g id="{node}" class="node">.*?(points|d)="([^"]+)"', svg, re.S)
        assert m is not None
        return m.group(2)

    assert {where(s, "c0") for s in svgs} == {where(svgs[0], "c0")}


def test_reveal_frames_share_one_16_9_page_and_key_only_what_they_show(
    chicago_path: Path,
) -> None:
    amap = argmap.load(chicago_path)
    svgs, _ = frames(amap)
    heads = {re.search(r"<svg[^>]*>", s).group(0) for s in svgs}  # type: ignore[union-attr]
    assert len(heads) == 1  # same page size and viewport
    w, h = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svgs[0]).groups())  # type: ignore[union-attr]
    assert w / h == pytest.approx(16 / 9, rel=1e-3)
    places = {re.search(r'<g id="drawing" transform="[^"]+"', s).group(0) for s in svgs}  # type: ignore[union-attr]
    assert len(places) == 1
    assert "legend" not in svgs[-1]

    def key(svg: str) -> str:
        m = re.search(r'<g id="key".*?</g>', svg, re.S)
        assert m is not None
        return " ".join(ET.fromstring(m.group(0)).itertext())

    first, last = key(svgs[0]), key(svgs[-1])
    shown = set(steps(amap)[0])
    holders = {st.stakeholder for st in amap.stances if st.claim in shown}
    for sh in amap.stakeholders:
        assert (sh.name in first) == (sh.id in holders), sh.id
        assert sh.name in last or sh.id not in {st.stakeholder for st in amap.stances}
    assert "supports (a reason for)" not in first and "supports (a reason for)" in last
    kinds = {amap.claim(c).kind for c in shown}
    assert "FACT" not in first or "fact" in kinds


def test_reveal_key_follows_the_frames() -> None:
    from argmap.render.reveal import key_lines

    amap = argmap.loads(CHAIN)

    def text(shown: set[str]) -> str:
        return " ".join(t for line in key_lines(amap, shown) for t, _ in line)

    assert "supports" not in text({"a"}) and "attacks" not in text({"a"})
    assert "supports" in text({"a", "b"}) and "attacks" not in text({"a", "b"})
    assert "attacks" in text({"a", "d"})


def test_reveal_pdf_has_a_page_per_frame() -> None:
    from pypdf import PdfReader

    from argmap.render.reveal import pdf

    svgs, _ = frames(argmap.loads(CHAIN))
    data = pdf(svgs)
    import io

    assert len(PdfReader(io.BytesIO(data)).pages) == len(svgs)


def test_layout_chosen_by_size() -> None:
    assert choose(10, 10).engine == "dot" and choose(10, 10).note is None
    mid = choose(LIMITED_AT, 160)
    assert mid.engine == "dot" and mid.graph_attrs["mclimit"] == "0.01"
    assert mid.note and "mclimit" in mid.note and "splines" not in mid.graph_attrs
    assert choose(LINES_AT, LINES_AT).graph_attrs["splines"] == "line"
    big = choose(SFDP_AT, SFDP_AT)
    assert big.engine == "sfdp" and big.note and "sfdp" in big.note
    assert choose(500, 500 + MAX_CROSS).engine == "sfdp"  # cross-linked
    assert choose(SFDP_AT, 5000, "dot").engine == "dot"


def test_big_map_gets_a_note(tmp_path: Path) -> None:
    lines = ["argmap: 1", "title: big", "claims:"]
    lines += [f"  - {{id: c{i}, text: Claim {i}.}}" for i in range(LIMITED_AT + 5)]
    lines += ["supports:"]
    lines += [f"  - {{from: c{i}, to: c{i // 2}}}" for i in range(1, LIMITED_AT + 5)]
    result = render(argmap.loads("\n".join(lines)), "dot")
    assert result.notes and "mclimit" in result.notes[0]
    assert b"mclimit" in result.data


def test_wasm_and_route_agree_on_structure() -> None:
    drawing = draw(argmap.loads(CHAIN), via="wasm")
    assert drawing.engine == "dot"
    assert drawing.svg.startswith("<?xml")
