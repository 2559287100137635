"""Node-link JSON export of the graph view (networkx ``node_link_data``; D3).

``{"directed": true, "multigraph": true, "graph": {"title": ...}, "nodes":
[{"id": ..., "kind": ..., ...}], "edges": [{"source", "target", "key", "kind",
...}]}`` with every attribute of :func:`argmap.graph.to_graph` (tags as lists,
missing values as null). ``networkx.node_link_graph(data, edges="edges")``
reads it back into the same graph.
"""

from __future__ import annotations

import json

import networkx as nx

from argmap.formats.registry import Format
from argmap.graph import to_graph
from argmap.model import ArgumentMap

__all__ = ["FORMAT", "dumps"]


def dumps(amap: ArgumentMap) -> str:
    """The graph as node-link JSON (sorted keys, indented, deterministic)."""
    data = nx.node_link_data(to_graph(amap), edges="edges")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMAT = Format(
    name="nodelink",
    description="node-link JSON of the graph view (networkx, D3; write only)",
    suffixes=(".nodelink.json",),
    dumps=dumps,
)
