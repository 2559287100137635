"""Gradual strength of claims: DF-QuAD (Rago et al., 2016) over the map's supports and attacks.

Preconditions: a consistent map. Every claim has a base score, its ``weight``
(default 0.5). A support contributes the strength of its weakest premise (its
premises are linked: the chain is as strong as its weakest link) times its
own ``weight`` (default 1), reduced by each undercutter u to ``x * (1 - s(u) w(u))``
with ``w(u)`` the undercut's ``weight`` (default 1).
A rebuttal contributes the attacker's strength times the attack's ``weight``
(default 1). With ``F(v1..vn) = 1 - (1 - v1)...(1 - vn)`` (0 for none), the
attack total ``va`` and the support total ``vs`` of a claim with base score
``t``, its strength is ``t - t * (va - vs)`` when ``va >= vs`` and
``t + (1 - t) * (vs - va)`` otherwise.

Hedges discount: a claim's base score, and a support's or attack's weight, is
multiplied by its hedge's factor (:data:`HEDGE_FACTORS`: certain 1, likely
0.8, reported 0.7, possible 0.5; no hedge 1). So "the union might believe"
counts for less than what the source states outright, whatever weight the
mapper gave the argument itself. Stance hedges do not enter: the strengths
are the map's, not a stakeholder's.

Circular support is not counted: a support whose premise and conclusion
support each other through a cycle of supports contributes that premise's base
score, not its strength. Otherwise each claim's strength would feed back into
itself, and a cycle of supports with nothing outside it would drive every claim
in it to 1 (the fixpoint of ``s = t + (1 - t) s``); this way each claim of such
a cycle gets what its supporters' own base scores give (0.75 for two claims of
base 0.5 that support each other), as if the cycle were cut before it closed.

On an acyclic map the strengths are computed once, premises and attackers
first. With cycles the update is iterated from the base scores until no
strength changes by more than 1e-9 (``converged``) or 1000 rounds pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import ArgumentMap, AttackKind, Hedge

DEFAULT_BASE = 0.5
HEDGE_FACTORS: dict[Hedge, float] = {
    Hedge.CERTAIN: 1.0,
    Hedge.LIKELY: 0.8,
    Hedge.REPORTED: 0.7,
    Hedge.POSSIBLE: 0.5,
}
"""How much a hedge leaves of a base score or a weight."""


def hedge_factor(hedge: Hedge | None) -> float:
    """The factor for a hedge (1 for none)."""
    return 1.0 if hedge is None else HEDGE_FACTORS[hedge]


TOLERANCE = 1e-9
MAX_ROUNDS = 1000


@dataclass(frozen=True, slots=True)
class Strengths:
    """Strength of every claim in [0, 1]; the base scores used (hedges
    discounted); whether the iteration converged."""

    strengths: dict[str, float]
    base: dict[str, float]
    converged: bool = True


def _aggregate(values: list[float]) -> float:
    prod = 1.0
    for v in values:
        prod *= 1.0 - v
    return 1.0 - prod


def _combine(base: float, va: float, vs: float) -> float:
    if va >= vs:
        return base - base * (va - vs)
    return base + (1.0 - base) * (vs - va)


def dfquad(amap: ArgumentMap) -> Strengths:
    """DF-QuAD strength of every claim (see the module docstring)."""
    base = {
        c.id: (DEFAULT_BASE if c.weight is None else c.weight) * hedge_factor(c.hedge)
        for c in amap.claims
    }
    supports_of: dict[str, list[tuple[tuple[str, ...], float, list[tuple[str, float]]]]] = {}
    cutters: dict[str, list[tuple[str, float]]] = {}
    attackers: dict[str, list[tuple[str, float]]] = {}
    for a in amap.attacks:
        w = (1.0 if a.weight is None else a.weight) * hedge_factor(a.hedge)
        if a.kind == AttackKind.UNDERCUTS:
            cutters.setdefault(a.target, []).append((a.attacker, w))
        else:
            attackers.setdefault(a.target, []).append((a.attacker, w))
    for s in amap.supports:
        w = (1.0 if s.weight is None else s.weight) * hedge_factor(s.hedge)
        supports_of.setdefault(s.conclusion, []).append((s.premises, w, cutters.get(s.id, [])))

    circular = _circular_supports(amap)

    def strength(c: str, sigma: dict[str, float]) -> float:
        va = _aggregate([sigma[x] * w for x, w in attackers.get(c, [])])
        contributions = []
        for premises, w, cuts in supports_of.get(c, []):
            x = min(base[p] if (p, c) in circular else sigma[p] for p in premises) * w
            for u, wu in cuts:
                x *= 1.0 - sigma[u] * wu
            contributions.append(x)
        return _combine(base[c], va, _aggregate(contributions))

    # dependencies: a claim's strength needs its premises, attackers and undercutters
    deps: dict[str, set[str]] = {c.id: set() for c in amap.claims}
    for c, items in supports_of.items():
        for premises, _, cuts in items:
            deps[c].update(p for p in premises if (p, c) not in circular)
            deps[c].update(u for u, _ in cuts)
    for c, atts in attackers.items():
        deps[c].update(x for x, _ in atts)
    order = _topological(deps, [c.id for c in amap.claims])
    if order is not None:
        sigma: dict[str, float] = {}
        for c in order:
            sigma[c] = strength(c, sigma)
        return Strengths({c.id: sigma[c.id] for c in amap.claims}, base)
    sigma = dict(base)
    for _ in range(MAX_ROUNDS):
        new = {c: strength(c, sigma) for c in sigma}
        delta = max((abs(new[c] - sigma[c]) for c in sigma), default=0.0)
        sigma = new
        if delta <= TOLERANCE:
            return Strengths(sigma, base)
    return Strengths(sigma, base, converged=False)


def _circular_supports(amap: ArgumentMap) -> frozenset[tuple[str, str]]:
    """The (premise, conclusion) pairs of supports that lie on a cycle of supports."""
    succ: dict[str, list[str]] = {}
    for s in amap.supports:
        for p in s.premises:
            succ.setdefault(p, []).append(s.conclusion)
    component = _components(succ)
    return frozenset(
        (p, s.conclusion)
        for s in amap.supports
        for p in s.premises
        if p in component and component[p] == component.get(s.conclusion)
    )


def _components(succ: dict[str, list[str]]) -> dict[str, int]:
    """Node -> number of its strongly connected component, for the nodes on a
    cycle (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: dict[str, int] = {}
    counter = 0
    for root in succ:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succ.get(node, [])
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    for member in members:
                        out[member] = index[node]
    return out


def _topological(deps: dict[str, set[str]], nodes: list[str]) -> list[str] | None:
    """Nodes with each after its dependencies, or None if there is a cycle."""
    remaining = {n: len(deps[n]) for n in nodes}
    users: dict[str, list[str]] = {}
    for n in nodes:
        for d in deps[n]:
            users.setdefault(d, []).append(n)
    ready = [n for n in nodes if remaining[n] == 0]
    order: list[str] = []
    while ready:
        n = ready.pop()
        order.append(n)
        for u in users.get(n, []):
            remaining[u] -= 1
            if remaining[u] == 0:
                ready.append(u)
    return order if len(order) == len(nodes) else None
