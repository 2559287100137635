"""ArgumentMap -> networkx graph: the one place graph attribute names are defined.

The graph is a :class:`networkx.MultiDiGraph` (edge keys are the edge kinds).
Every support is a node of its own, so linked premises meet at one node and an
undercut has a node to point at. See docs/format.md, "The graph".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import networkx as nx

# Node and edge attribute names.
KIND = "kind"
TEXT = "text"
LABEL = "label"
CLAIM_KIND = "claim_kind"
TAGS = "tags"
ASSUMED = "assumed"
WEIGHT = "weight"
SCHEME = "scheme"
LINKED = "linked"
NAME = "name"
STAKEHOLDER_KIND = "stakeholder_kind"
POWER = "power"
INTEREST = "interest"
LEGITIMACY = "legitimacy"
URGENCY = "urgency"
ID = "id"
STANCE = "stance"
STRENGTH = "strength"
RELATION = "relation"
NOTE = "note"

# Node kinds.
CLAIM = "claim"
SUPPORT = "support"
STAKEHOLDER = "stakeholder"

# Edge kinds.
PREMISE = "premise"
SUPPORTS = "supports"
ATTACKS = "attacks"
UNDERCUTS = "undercuts"
STANCE_EDGE = "stance"
RELATION_EDGE = "relation"


def to_graph(amap: ArgumentMap) -> nx.MultiDiGraph[str]:
    """Build the graph view of a map (claims, supports, stakeholders and their edges)."""
    import networkx as nx  # imported on use: it costs a tenth of a second to load

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=amap.title)
    for c in amap.claims:
        g.add_node(
            c.id,
            **{
                KIND: CLAIM,
                TEXT: c.text,
                CLAIM_KIND: str(c.kind),
                LABEL: c.label,
                TAGS: c.tags,
                ASSUMED: c.assumed,
                WEIGHT: c.weight,
            },
        )
    for s in amap.supports:
        g.add_node(
            s.id, **{KIND: SUPPORT, WEIGHT: s.weight, SCHEME: s.scheme, LINKED: len(s.premises) > 1}
        )
        for p in s.premises:
            g.add_edge(p, s.id, key=PREMISE, **{KIND: PREMISE})
        g.add_edge(s.id, s.conclusion, key=SUPPORTS, **{KIND: SUPPORTS, WEIGHT: s.weight})
    for a in amap.attacks:
        kind = UNDERCUTS if a.kind == "undercuts" else ATTACKS
        g.add_edge(a.attacker, a.target, key=kind, **{KIND: kind, ID: a.id, WEIGHT: a.weight})
    for h in amap.stakeholders:
        g.add_node(
            h.id,
            **{
                KIND: STAKEHOLDER,
                NAME: h.name,
                STAKEHOLDER_KIND: str(h.kind),
                POWER: h.power,
                INTEREST: h.interest,
                LEGITIMACY: h.legitimacy,
                URGENCY: h.urgency,
            },
        )
    for h in amap.stakeholders:
        for r in h.relations:
            g.add_edge(
                h.id,
                r.target,
                key=f"{RELATION_EDGE}:{r.kind}",
                **{KIND: RELATION_EDGE, RELATION: str(r.kind), NOTE: r.note},
            )
    for st in amap.stances:
        g.add_edge(
            st.stakeholder,
            st.claim,
            key=STANCE_EDGE,
            **{KIND: STANCE_EDGE, STANCE: str(st.kind), STRENGTH: st.strength},
        )
    return g
