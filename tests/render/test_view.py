"""argmap.render.view: the View object and the pydot graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydot
import pytest

import argmap
from argmap.render.dot import build_dot
from argmap.render.view import View, to_pydot

BOTH = Path(__file__).resolve().parents[2] / "maps" / "chicago_ice.yaml"


def _bare(value: Any) -> Any:
    """A DOT value without its quotes (``"c0"`` and ``c0`` are the same ID)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _described(
    dot: str | pydot.Dot,
) -> tuple[dict[str, dict[str, Any]], list[tuple[Any, ...]]]:
    """Nodes (name -> attributes) and edges (from, to, id, label, attributes) of
    DOT text (parsed by pydot) or of a pydot graph."""
    (g,) = pydot.graph_from_dot_data(dot) if isinstance(dot, str) else (dot,)
    nodes = {
        n.get_name(): {k: _bare(v) for k, v in n.get_attributes().items()}
        for n in g.get_nodes()
        if n.get_name() not in ("graph", "node", "edge")
    }
    edges = sorted(
        (
            e.get_source(),
            e.get_destination(),
            _bare(e.get("id")),
            _bare(e.get("label")),
            sorted((k, _bare(v)) for k, v in e.get_attributes().items()),
        )
        for e in g.get_edges()
    )
    return nodes, edges


SMALL = """argmap: 1
title: Should the school day start later?
main: [later]
stakeholders:
  - {id: teachers, name: Teachers' union, kind: union, power: 3, interest: 5,
     relations: [{type: opposes, to: board}]}
  - {id: board, name: School board, kind: government, relations: [{type: opposes, to: teachers}]}
claims:
  - {id: later, text: The school day should start at 9:30., kind: policy}
  - {id: sleep, text: Teenagers fall asleep late., label: Sleep}
  - {id: clocks, text: Body clocks shift in puberty.}
  - {id: buses, text: Buses would run twice., kind: prediction}
  - {id: cheap, text: The buses are cheap.}
supports:
  - {from: [sleep, clocks], to: later}
attacks:
  - {from: buses, to: later}
  - {from: cheap, to: sleep+clocks>later}
stances:
  - {stakeholder: teachers, asserts: later}
  - {stakeholder: board, rejects: later}
"""


@pytest.mark.parametrize(
    ("source", "view"),
    [("chicago", "argument"), ("chicago", "stakeholders"), ("small", "full")],
)
def test_to_pydot_describes_the_same_graph_as_the_text_builder(source: str, view: str) -> None:
    amap = argmap.load(BOTH) if source == "chicago" else argmap.loads(SMALL)
    marks = {amap.claims[0].id: "in", amap.supports[0].id: "added", amap.attacks[0].id: "removed"}
    text = build_dot(amap, view=view, marks=marks)
    built = to_pydot(amap, view=view, marks=marks)
    assert isinstance(built, pydot.Dot)
    want_nodes, want_edges = _described(text)
    got_nodes, got_edges = _described(built)
    assert set(got_nodes) == set(want_nodes) and want_nodes
    for name, attrs in want_nodes.items():
        assert got_nodes[name] == attrs, name  # labels, sizes, shapes, colours
    assert got_edges == want_edges and want_edges
    (g,) = pydot.graph_from_dot_data(text)
    assert built.get_graph_defaults()[0]["rankdir"] == g.get_graph_defaults()[0]["rankdir"]


def test_hostile_text_stays_inside_its_label() -> None:
    amap = argmap.loads(
        "argmap: 1\ntitle: t\nclaims:\n"
        '  - {id: a, text: "x\\" ]; evil -> node [label=\\"pwn"}\n'
        '  - {id: b, text: "<svg onload=alert(1)> \\\\ & }"}\n'
        "supports:\n  - {from: a, to: b}\n"
    )
    nodes, edges = _described(to_pydot(amap).to_string())
    assert set(nodes) == {'"c:a"', '"c:b"', '"legend"'}
    assert [e[:4] for e in edges] == [('"c:a"', '"c:b"', "s0", None)]
    assert nodes == _described(build_dot(amap))[0]


def test_view_draws_each_format_once_and_shows_itself() -> None:
    amap = argmap.load(BOTH)
    v = argmap.view(amap, "argument", focus="dereliction-of-duty", depth=1)
    assert isinstance(v, View)
    assert {c.id for c in v.amap.claims} < {c.id for c in amap.claims}
    svg = v._repr_svg_()
    assert svg.startswith("<?xml") and "</svg>" in svg
    assert v.svg is svg  # drawn once, kept
    html = v._repr_html_()
    assert html.startswith('<div class="argmap-drawing"') and "<?xml" not in html
    assert "<svg " in html and html.endswith("</div>")
    assert v.dot.startswith("digraph argmap {")
    assert v.to_pydot().get_node('"c:dereliction-of-duty"')


def test_evaluate_marks_the_claims() -> None:
    amap = argmap.load(BOTH)
    v = argmap.view(amap, evaluate="grounded")
    ev = argmap.evaluate(amap)
    assert {c: m.removesuffix("-fragile") for c, m in v.marks.items()} == ev.labels
    assert "UNDECIDED" in v.dot
