"""argmap.formats.graphview: from_graph, the graph view read back."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import argmap
from argmap.errors import MapError
from argmap.model import ArgumentMap

sys.path.insert(0, str(Path(__file__).parent))
from interchange_strategies import maps


def _graph_part(amap: ArgumentMap) -> dict[str, object]:
    """What the graph view carries, order aside (edges come back in edge order)."""
    return {
        "title": amap.title,
        "claims": [
            (c.id, c.text, c.kind, c.label, c.tags, c.assumed, c.weight) for c in amap.claims
        ],
        "supports": sorted(
            (s.id, s.premises, s.conclusion, s.weight, s.scheme, s.explicit_id)
            for s in amap.supports
        ),
        "attacks": sorted(
            (a.id, a.attacker, a.target, a.kind, a.weight, a.explicit_id) for a in amap.attacks
        ),
        "stakeholders": [
            (h.id, h.name, h.kind, h.power, h.interest, sorted(map(repr, h.relations)))
            for h in amap.stakeholders
        ],
        "stances": sorted((s.stakeholder, s.claim, s.kind, s.strength) for s in amap.stances),
    }


@settings(max_examples=60, deadline=None)
@given(maps())
def test_from_graph_inverts_to_graph(amap: ArgumentMap) -> None:
    back = argmap.from_graph(argmap.to_graph(amap))
    assert _graph_part(back) == _graph_part(amap)


def test_chicago_round_trip(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    back = argmap.from_graph(argmap.to_graph(amap))
    assert _graph_part(back) == _graph_part(amap)
    assert argmap.from_graph(argmap.to_graph(amap), title="T").title == "T"


def test_a_graph_built_by_hand() -> None:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(title="By hand")
    g.add_node("a", kind="claim", text="A.")
    g.add_node("b", text="B.")  # no kind: a claim
    g.add_node("s", kind="support")
    g.add_edge("a", "s", kind="premise")
    g.add_edge("s", "b", kind="supports")
    amap = argmap.from_graph(g)
    assert [c.id for c in amap.claims] == ["a", "b"]
    assert amap.support("s").premises == ("a",) and amap.support("s").explicit_id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.add_edge("a", "nowhere", kind="attacks"), "nowhere"),
        (lambda g: g.add_node("x", kind="claim"), "x: a claim node needs a text"),
        (lambda g: g.add_node("x", kind="oddity"), "unknown node kind 'oddity'"),
        (lambda g: g.add_node("x", kind="support"), "x: a support node needs premise edges"),
        (lambda g: g.add_edge("a", "b", kind="leans"), "unknown edge kind 'leans'"),
    ],
)
def test_bad_graphs_are_map_errors(change: object, message: str) -> None:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_node("a", kind="claim", text="A.")
    g.add_node("b", kind="claim", text="B.")
    change(g)  # type: ignore[operator]
    with pytest.raises(MapError, match=message):
        argmap.from_graph(g)
