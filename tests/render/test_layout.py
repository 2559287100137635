"""Layouts people can follow, checked from Graphviz's coordinates on both routes."""

from __future__ import annotations

import re
import shutil
import struct
import sys
import zlib
from pathlib import Path

import pytest

import argmap
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render import render
from argmap.render.dot import build_graph
from argmap.render.geometry import (
    Layout,
    crossings,
    edges_through_boxes,
    laid_out,
    overlapping_boxes,
    overlapping_labels,
    read_layout,
)
from argmap.render.layout import lay_out, run_graphviz
from argmap.render.views import scene

ROOT = Path(__file__).resolve().parents[2]
ROUTES = ["wasm"] + (["system"] if shutil.which("dot") else [])
sys.path.insert(0, str(ROOT / "benchmarks"))


def maps() -> list[ArgumentMap]:
    from generate import generate

    return [
        argmap.load(ROOT / "maps" / "chicago_ice.yaml"),
        argmap.loads(generate(30, 1)),
        argmap.loads(generate(60, 2)),
    ]


def chosen(amap: ArgumentMap, view: str, via: str, layout: str | None = None) -> Layout:
    graph = build_graph(scene(amap, view=view, layout=layout))
    return laid_out(lay_out(graph, via).dot, graph.engine, via)


@pytest.mark.parametrize("via", ROUTES)
def test_full_view_stance_arrows_pass_no_claim_box(via: str) -> None:
    for amap in maps():
        lay = chosen(amap, "full", via)
        assert any(e.id.startswith("st") for e in lay.edges)
        through = edges_through_boxes(
            lay, edge=lambda e: e.id.startswith("st"), box=lambda b: b.name.startswith("c:")
        )
        assert through == [], f"{amap.title}: {through[:5]}"


@pytest.mark.parametrize("via", ROUTES)
def test_edge_labels_do_not_overlap(via: str) -> None:
    for amap in maps():
        for view in ("stakeholders", "full"):
            lay = chosen(amap, view, via)
            assert overlapping_labels(lay) == [], f"{amap.title} {view}"


def test_mutual_relations_are_one_double_headed_edge() -> None:
    amap = maps()[0]
    held = {(h.id, r.target, str(r.kind)) for h in amap.stakeholders for r in h.relations}
    mutual = {(a, b, k) for a, b, k in held if (b, a, k) in held}
    assert mutual, "the Chicago map has mutual relations"
    dot = render(amap, "dot", view="stakeholders").data.decode()
    for a, b, kind in mutual:
        edges = re.findall(
            rf'"h:({re.escape(a)}|{re.escape(b)})" -> "h:({re.escape(b)}|{re.escape(a)})" '
            rf'\[[^\]]*label="{kind}"\]',
            dot,
        )
        pairs = [e for e in edges if set(e) == {a, b}]
        assert len(pairs) == 1, (a, b, kind, pairs)
    assert dot.count("dir=both") == len(mutual) // 2
    svg = render(amap, "svg", view="stakeholders", via="wasm").data.decode()
    labels = re.findall(r'<g id="r[^"]*" class="edge">.*?</g>', svg, re.S)
    assert len(labels) == len(held) - len(mutual) // 2


@pytest.mark.parametrize("engine", ["neato", "fdp", "sfdp", "twopi", "osage"])
def test_other_engines_keep_boxes_apart(engine: str) -> None:
    amap = maps()[0]
    for view in ("argument", "stakeholders"):
        for via in ROUTES:
            lay = chosen(amap, view, via, layout=engine)
            assert overlapping_boxes(lay) == [], f"{engine} {view} {via}"


def test_overlap_check_sees_overlaps() -> None:
    graph = build_graph(scene(maps()[0]))
    raw = read_layout(run_graphviz(graph.dot, "json", "neato", "wasm"))
    assert overlapping_boxes(raw)  # neato without overlap handling piles boxes up


@pytest.mark.parametrize("engine", ["circo", "patchwork"])
def test_engines_that_overlap_boxes_are_refused(engine: str) -> None:
    with pytest.raises(ArgmapError, match="boxes would overlap"):
        render(maps()[0], "svg", layout=engine)


@pytest.mark.parametrize("via", ROUTES)
def test_layout_stage_keeps_the_variant_with_fewest_crossings(via: str) -> None:
    amap = maps()[1]
    graph = build_graph(scene(amap))
    assert len(graph.variants) > 1
    counts = [crossings(laid_out(v, "dot", via)) for v in graph.variants]
    kept = crossings(laid_out(lay_out(graph, via).dot, "dot", via))
    assert kept == min(counts)


def _png_rows(data: bytes) -> list[bytes]:
    pos, idat = 8, b""
    width = height = 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 6)
        elif kind == b"IDAT":
            idat += body
    raw, stride, rows = zlib.decompress(idat), width * 4 + 1, []
    prev = bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * stride], bytearray(raw[y * stride + 1 : (y + 1) * stride])
        for i in range(len(line)):
            a = line[i - 4] if i >= 4 else 0
            b, c = prev[i], prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return rows


@pytest.mark.parametrize("via", ROUTES)
def test_png_edges_are_white_not_grey(via: str) -> None:
    amap = argmap.loads(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: A.}\n  - {id: b, text: B.}\n"
        "supports:\n  - {from: b, to: a}\n"
    )
    rows = _png_rows(render(amap, "png", via=via).data)
    white = b"\xff\xff\xff\xff"
    for row in (rows[0], rows[-1]):
        assert set(row[i : i + 4] for i in range(0, len(row), 4)) == {white}
    for row in rows:
        assert row[:4] == white and row[-4:] == white
