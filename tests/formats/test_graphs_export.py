"""GraphML, node-link JSON and Mermaid exports."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import networkx as nx
from hypothesis import given, settings

import argmap
from argmap.formats import graphml, mermaid, nodelink
from argmap.graph import to_graph
from argmap.model import ArgumentMap

sys.path.insert(0, str(Path(__file__).parent))
from interchange_strategies import maps

NASTY = """
argmap: 1
title: "A <b>bold</b> & \\"quoted\\" title"
claims:
  - {id: a, text: "a\\u0001 b <script>alert(1)</script> \\"q\\" #35; end; %% x"}
  - {id: b, text: "B ]) --> c1 click c1 call x() `md` |pipe| {curly}", tags: [x, y z]}
  - {id: c, text: C., weight: 0.25}
supports:
  - {from: [a, b], to: c}
  - {from: b, to: a, id: sb}
attacks:
  - {from: c, to: sb}
stakeholders:
  - {id: h, name: "H & co", power: 3}
stances:
  - {stakeholder: h, asserts: a, strength: 0.5}
"""


def _graphml_part(g: nx.MultiDiGraph[str]) -> tuple[object, ...]:
    return (sorted(g.nodes), sorted((a, b, k) for a, b, k in g.edges(keys=True)))


def test_graphml_keeps_nodes_edges_and_attributes() -> None:
    amap = argmap.loads(NASTY)
    text = graphml.dumps(amap)
    assert text == graphml.dumps(amap)
    g = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert _graphml_part(g) == _graphml_part(to_graph(amap))
    assert g.nodes["a"]["text"].startswith("a b <script>")  # XML-escaped, control char dropped
    assert g.nodes["b"]["tags"] == "x; y z"
    assert g.nodes["c"]["weight"] == 0.25
    assert g.nodes["h"]["power"] == 3
    assert "label" not in g.nodes["a"]  # None is left out
    assert "<script>" not in text


@settings(max_examples=40, deadline=None)
@given(maps())
def test_graphml_and_node_link_keep_the_graph(amap: ArgumentMap) -> None:
    # Both carry the graph view (claims, supports, attacks, stakeholders, stances,
    # relations with their attributes); not sources, issues, anchors, notes,
    # rephrases or preferences.
    g = to_graph(amap)
    back = nx.read_graphml(io.BytesIO(graphml.dumps(amap).encode("utf-8")), force_multigraph=True)
    assert _graphml_part(back) == _graphml_part(g)
    data = json.loads(nodelink.dumps(amap))
    again = nx.node_link_graph(data, edges="edges")
    assert sorted(again.nodes) == sorted(g.nodes)
    assert sorted(again.edges(keys=True)) == sorted(g.edges(keys=True))
    for node, attrs in g.nodes(data=True):
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in attrs.items()}
        assert again.nodes[node] == expected


def test_node_link_is_deterministic_json() -> None:
    amap = argmap.loads(NASTY)
    text = nodelink.dumps(amap)
    assert text == nodelink.dumps(amap)
    data = json.loads(text)
    assert data["graph"] == {"title": amap.title}
    assert {"source": "c", "target": "sb", "key": "undercuts"}.items() <= next(
        e for e in data["edges"] if e["target"] == "sb" and e["kind"] == "undercuts"
    ).items()


def test_mermaid_labels_cannot_break_out() -> None:
    text = mermaid.dumps(argmap.loads(NASTY))
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    for line in lines[1:4]:
        m = re.fullmatch(r'  c\d+\("([^"]*)"\)', line)
        assert m, line
        bare = re.sub(r"#\w+;", "", m.group(1))
        assert not re.search(r"[<>&`|{}\[\]();%#]", bare)
    assert "#lt;script#gt;" in text
    assert "#quot;q#quot;" in text
    # linked support and undercut support get junctions; an undercut points at it
    assert "  s1(( ))" in text and "  s2(( ))" in text
    assert "  c3 --x s2" in text
    assert text == mermaid.dumps(argmap.loads(NASTY))


def test_mermaid_of_the_chicago_map(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    text = mermaid.dumps(amap)
    links = sum(1 for line in text.splitlines() if re.match(r"  \w+ (-->|---|--x) \w+$", line))
    styled = sum(
        len(line.split()[1].split(","))
        for line in text.splitlines()
        if line.startswith("  linkStyle")
    )
    assert links == styled
