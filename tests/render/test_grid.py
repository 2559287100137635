"""The power/interest plot: dots at their values, labels that never overlap."""

from __future__ import annotations

import itertools
import math
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.analysis.grid import quadrant
from argmap.model import ArgumentMap
from argmap.render import render
from argmap.render.grid import DOT_RADIUS, GridPlot, plot, plot_svg
from argmap.render.svg import embed_fonts

SVG_NS = "{http://www.w3.org/2000/svg}"


def crowded(n: int, seed: int) -> ArgumentMap:
    """``n`` stakeholders on few distinct values, with long, hostile and non-Latin names."""
    rng = random.Random(seed)
    names = [
        "Federal Immigration and Customs Enforcement field office of the Midwest region",
        "<script>alert(1)</script> & co",
        "市民グループ「連帯」",
        "Ünïcödé Ångström Łódź",
        "Supercalifragilisticexpialidociouslylongwordwithoutanyspaces",
        "🙂 emoji party",
    ]
    lines = ["argmap: 1", "title: crowded", "stakeholders:"]
    shared = [(5, 5), (4, 4), (1, 1), (3, 2)]
    for i in range(n):
        name = names[i % len(names)] + f" {i}"
        power, interest = (
            rng.choice(shared) if rng.random() < 0.5 else (rng.randint(1, 5), rng.randint(1, 5))
        )
        lines += [f"  - id: s{i}", f"    name: '{name}'", f"    power: {power}"]
        lines.append(f"    interest: {interest}")
    lines += ["  - {id: nobody, name: No values given}", "claims:", "  - {id: c, text: C.}"]
    return argmap.loads("\n".join(lines) + "\n")


def check(p: GridPlot, amap: ArgumentMap) -> None:
    """Everything a reader relies on, from the plot's own coordinates."""
    area = p.area
    # dots sit at their values (or on the ring around a shared value)
    for d in p.dots:
        assert area.x + (d.interest - 0.5) / 5 * area.w == pytest.approx(d.value_x)
        assert area.bottom - (d.power - 0.5) / 5 * area.h == pytest.approx(d.value_y)
        twins = [o for o in p.dots if (o.power, o.interest) == (d.power, d.interest)]
        if len(twins) == 1:
            assert (d.x, d.y) == (d.value_x, d.value_y)
        else:
            assert (d.x, d.y) != (d.value_x, d.value_y)
            assert abs(d.x - d.value_x) < 0.5 * area.w / 5
            assert abs(d.y - d.value_y) < 0.5 * area.h / 5
        assert d.box().within(area)
    for a, b in itertools.combinations(p.dots, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= 2 * DOT_RADIUS, (a.stakeholder, b.stakeholder)
    # labels: inside the plot, clear of each other, of every dot and of the quadrant names
    names = [t.box for t in p.texts if t.size == 20.0]
    assert len(names) == 4
    for lab in p.labels:
        assert lab.box.within(area)
        assert not any(lab.box.overlaps(d.box()) for d in p.dots), lab.stakeholder
        assert not any(lab.box.overlaps(n) for n in names), lab.stakeholder
    for a, b in itertools.combinations([lab.box for lab in p.labels], 2):
        assert not a.overlaps(b)
    # every stakeholder is named: on the plot, by number in the key, or as not placed
    placed = {d.stakeholder for d in p.dots}
    labelled = {lab.stakeholder for lab in p.labels}
    assert placed == {h.id for h in amap.stakeholders if h.power and h.interest}
    assert labelled == placed
    key = " ".join(p.key)
    for h in amap.stakeholders:
        if h.id not in placed:
            assert h.name in key
    for lab in p.labels:
        if lab.lines[0].isdigit():
            assert f"{lab.lines[0]}: " in key


def test_chicago_plot(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    p = plot(amap)
    check(p, amap)
    assert p.key == ()  # everyone fits with a name
    by_id = {d.stakeholder: d for d in p.dots}
    # CPD and ICE share power 4 / interest 4: spread apart on one ring
    assert (by_id["cpd"].power, by_id["cpd"].interest) == (by_id["ice"].power, 4)
    assert by_id["cpd"].y != by_id["ice"].y
    assert len(p.rings) == 1
    # each dot lies in the quadrant its values name
    quads = dict(p.quadrants)
    for d in p.dots:
        q = quadrant(d.power, d.interest)
        assert q is not None and d.box().within(quads[q])
    assert [t.text for t in p.texts if t.size == 20.0] == [
        "KEEP SATISFIED",
        "MANAGE CLOSELY",
        "MONITOR",
        "KEEP INFORMED",
    ]


@pytest.mark.parametrize("n,seed", [(12, 1), (40, 2), (90, 3)])
def test_crowded_plots_never_overlap(n: int, seed: int) -> None:
    amap = crowded(n, seed)
    check(plot(amap), amap)


def test_plot_svg_draws_the_layout_as_text() -> None:
    amap = crowded(12, 1)
    p = plot(amap)
    svg = render(amap, "svg", view="grid").data
    assert svg == embed_fonts(plot_svg(p)).encode()
    assert svg == render(crowded(12, 1), "svg", view="grid").data  # deterministic
    root = ET.fromstring(svg)
    assert [e for e in root.iter() if e.tag.endswith("script")] == []
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    for v in "12345":
        assert texts.count(v) >= 2  # ticks on both axes
    assert any(t.startswith("Interest") for t in texts) and any(
        t.startswith("Power") for t in texts
    )
    joined = " ".join(texts)
    assert "<script>alert(1)</script> & co" in joined
    assert "市民グループ「連帯」" in joined
    # each label line is drawn inside the box the layout gave it
    by_index = {d.index: d for d in p.dots}
    labels = {lab.stakeholder: lab for lab in p.labels}
    for g in root.iter(f"{SVG_NS}g"):
        if g.get("class") != "node":
            continue
        d = by_index[int(g.get("id", "")[1:])]
        lab = labels[d.stakeholder]
        lines = g.findall(f"{SVG_NS}text")
        assert ["".join(t.itertext()) for t in lines] == list(lab.lines)
        for t in lines:
            x, y = float(t.get("x", 0)), float(t.get("y", 0))
            assert lab.box.x <= x <= lab.box.right and lab.box.y <= y <= lab.box.bottom


def test_png_and_pdf_of_the_plot(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    assert render(amap, "png", view="grid").data.startswith(b"\x89PNG")
    assert render(amap, "pdf", view="grid").data.startswith(b"%PDF-")


def test_grid_has_no_dot_form(chicago_path: Path) -> None:
    with pytest.raises(argmap.ArgmapError, match="plot, not through DOT"):
        render(argmap.load(chicago_path), "dot", view="grid")
