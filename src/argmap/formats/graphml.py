"""GraphML export (yEd, Gephi, Cytoscape) of the graph view (argmap.graph).

The nodes and edges of :func:`argmap.graph.to_graph` with all their attributes
(names as documented in docs/format.md, "The graph"). GraphML values are
scalars, so tuples (tags) are joined with ``"; "`` and missing values (None)
are left out. Characters XML 1.0 forbids are dropped from texts.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from argmap.formats.registry import Format
from argmap.graph import to_graph
from argmap.model import ArgumentMap

__all__ = ["FORMAT", "dumps", "flat_graph"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _flat(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return "; ".join(_NOT_XML.sub("", str(v)) for v in value)
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    return value


def flat_graph(amap: ArgumentMap) -> nx.MultiDiGraph[str]:
    """The graph view with GraphML-ready attributes (no None, no tuples)."""
    g = to_graph(amap)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=_flat(amap.title))
    for node, attrs in g.nodes(data=True):
        out.add_node(node, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for a, b, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    return out


def dumps(amap: ArgumentMap) -> str:
    """The graph as GraphML text (deterministic: nodes and edges in map order)."""
    return "\n".join(nx.generate_graphml(flat_graph(amap), prettyprint=True)) + "\n"


FORMAT = Format(
    name="graphml",
    description="GraphML of the graph view, for yEd, Gephi and Cytoscape (write only)",
    suffixes=(".graphml",),
    dumps=dumps,
)
