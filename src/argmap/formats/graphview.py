"""The graph view read back: :func:`from_graph`, the inverse of :func:`argmap.graph.to_graph`.

A graph made by ``to_graph`` (or built by hand with the same node and edge
attributes, docs/format.md "The graph") becomes a map again, checked by the
native validator, so a graph that breaks the format's rules (an edge to a
missing node, a support with no conclusion) raises :class:`~argmap.errors.MapError`
listing every problem. The graph holds no sources, anchors, notes, hedges,
issues or main claims, so those are not in the map it gives back; everything
else is, with claims, supports and stakeholders in node order and attacks,
stances and relations in edge order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap import graph as G
from argmap.errors import MapError, Problem
from argmap.model import (
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    ClaimKind,
    Relation,
    RelationKind,
    Stakeholder,
    StakeholderKind,
    Stance,
    StanceKind,
    Support,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["from_graph"]

_PLACE = "<graph>"


def _problem(message: str) -> MapError:
    return MapError([Problem(_PLACE, None, None, message)])


def _enum(cls: Any, value: Any, what: str, node: str) -> Any:
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(str(v) for v in cls)
        raise _problem(f"{node}: unknown {what} {value!r} (known: {known})") from None


def _claim(node: str, a: dict[str, Any]) -> Claim:
    text = a.get(G.TEXT)
    if not isinstance(text, str):
        raise _problem(f"{node}: a claim node needs a text attribute")
    return Claim(
        id=node,
        text=text,
        kind=_enum(ClaimKind, a.get(G.CLAIM_KIND) or "fact", "claim kind", node),
        label=a.get(G.LABEL),
        tags=tuple(a.get(G.TAGS) or ()),
        assumed=bool(a.get(G.ASSUMED, False)),
        weight=a.get(G.WEIGHT),
    )


def _stakeholder(g: nx.MultiDiGraph[str], node: str, a: dict[str, Any]) -> Stakeholder:
    relations = tuple(
        Relation(
            _enum(RelationKind, e.get(G.RELATION), "relation", node),
            target,
            e.get(G.NOTE),
        )
        for _, target, e in g.out_edges(node, data=True)
        if e.get(G.KIND) == G.RELATION_EDGE
    )
    return Stakeholder(
        id=node,
        name=str(a.get(G.NAME) or node),
        kind=_enum(StakeholderKind, a.get(G.STAKEHOLDER_KIND) or "other", "stakeholder kind", node),
        power=a.get(G.POWER),
        interest=a.get(G.INTEREST),
        legitimacy=a.get(G.LEGITIMACY),
        urgency=a.get(G.URGENCY),
        relations=relations,
    )


def _support(g: nx.MultiDiGraph[str], node: str, a: dict[str, Any]) -> Support:
    from argmap.ids import support_id

    premises = tuple(p for p, _, e in g.in_edges(node, data=True) if e.get(G.KIND) == G.PREMISE)
    ends = [t for _, t, e in g.out_edges(node, data=True) if e.get(G.KIND) == G.SUPPORTS]
    if len(ends) != 1 or not premises:
        raise _problem(
            f"{node}: a support node needs premise edges in and one supports edge out "
            f"(has {len(premises)} premise(s), {len(ends)} conclusion(s))"
        )
    return Support(
        id=node,
        premises=premises,
        conclusion=ends[0],
        weight=a.get(G.WEIGHT),
        scheme=a.get(G.SCHEME),
        explicit_id=node != support_id(premises, ends[0]),
    )


def from_graph(g: nx.MultiDiGraph[str], *, title: str | None = None) -> ArgumentMap:
    """The map a graph view describes (see the module docstring).

    ``title`` overrides the graph's ``title`` attribute. Raises
    :class:`~argmap.errors.MapError` when the graph is not a valid map.
    """
    from argmap.formats.json_native import to_data
    from argmap.formats.yaml import from_data
    from argmap.ids import attack_id

    claims: list[Claim] = []
    supports: list[Support] = []
    holders: list[Stakeholder] = []
    for node, a in g.nodes(data=True):
        kind = a.get(G.KIND, G.CLAIM)
        if kind == G.CLAIM:
            claims.append(_claim(str(node), a))
        elif kind == G.SUPPORT:
            supports.append(_support(g, str(node), a))
        elif kind == G.STAKEHOLDER:
            holders.append(_stakeholder(g, str(node), a))
        else:
            raise _problem(
                f"{node}: unknown node kind {kind!r} (known: claim, support, stakeholder)"
            )
    attacks: list[Attack] = []
    stances: list[Stance] = []
    for source, target, e in g.edges(data=True):
        kind = e.get(G.KIND)
        if kind in (G.ATTACKS, G.UNDERCUTS):
            ident = e.get(G.ID) or attack_id(source, target)
            attacks.append(
                Attack(
                    id=ident,
                    attacker=source,
                    target=target,
                    kind=AttackKind.UNDERCUTS if kind == G.UNDERCUTS else AttackKind.REBUTS,
                    weight=e.get(G.WEIGHT),
                    explicit_id=ident != attack_id(source, target),
                )
            )
        elif kind == G.STANCE_EDGE:
            stance = _enum(StanceKind, e.get(G.STANCE), "stance", f"{source} -> {target}")
            stances.append(Stance(source, target, stance, e.get(G.STRENGTH)))
        elif kind not in (G.PREMISE, G.SUPPORTS, G.RELATION_EDGE):
            raise _problem(f"{source} -> {target}: unknown edge kind {kind!r}")
    amap = ArgumentMap(
        title=title if title is not None else str(g.graph.get("title") or ""),
        stakeholders=tuple(holders),
        claims=tuple(claims),
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=tuple(stances),
    )
    # The native validator checks every rule (references, ids, duplicates).
    return from_data(to_data(amap), _PLACE)
