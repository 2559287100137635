"""Questions about a map: what supports or opposes a claim, who holds it, and more.

Preconditions: a consistent map (as loaded). Every function takes the map
first and returns plain data (dataclasses with ``to_json``); unknown ids raise
:class:`~argmap.errors.UnknownIdError` with a did-you-mean hint.

Chains: a claim *supports* the target when it is a premise of a support that
concludes it; it *opposes* it when it rebuts it or undercuts one of its
supports. Going down the chain, a reason for a supporter supports, a reason
for an opposer opposes, an attack on an opposer *defends* the target, and an
attack on a supporter opposes it. Each claim is reported once per side with
its shortest chain (ties broken by id), so a claim may both support and oppose
a target through different chains.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx

from argmap.errors import UnknownIdError
from argmap.model import ArgumentMap, AttackKind, StanceKind


@dataclass(frozen=True, slots=True)
class Step:
    """One link of a chain: ``source`` supports/rebuts/undercuts ``target``.

    ``via`` is the support the link goes through (the support whose premise
    ``source`` is, or the support ``source`` undercuts), else None.
    """

    source: str
    kind: str
    target: str
    via: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "kind": self.kind, "to": self.target, "via": self.via}

    def __str__(self) -> str:
        if self.kind == "undercuts":
            return f"{self.source} undercuts {self.via} (the reason for {self.target})"
        if self.kind == "supports" and self.via:
            return f"{self.source} supports {self.target} (via {self.via})"
        return f"{self.source} {self.kind} {self.target}"


@dataclass(frozen=True, slots=True)
class Found:
    """A claim found by a chain query, its role, depth and the chain to the target.

    Roles: ``supports`` (a reason, or a reason for a reason), ``defends`` (it
    attacks an opposer), ``rebuts`` / ``undercuts`` (it attacks the target or a
    supporter), ``supports-objection`` (a reason for an opposer).
    """

    claim: str
    role: str
    depth: int
    path: tuple[Step, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "role": self.role,
            "depth": self.depth,
            "path": [s.to_json() for s in self.path],
        }


def _check_claim(amap: ArgumentMap, claim: str) -> None:
    if not amap.has_claim(claim):
        raise UnknownIdError("claim", claim, [c.id for c in amap.claims])


def _check_stakeholder(amap: ArgumentMap, stakeholder: str) -> None:
    try:
        amap.stakeholder(stakeholder)
    except KeyError:
        raise UnknownIdError(
            "stakeholder", stakeholder, [h.id for h in amap.stakeholders]
        ) from None


def _incoming(amap: ArgumentMap) -> dict[str, list[Step]]:
    """Claim -> the links pointing at it (supports, rebuttals, undercuts of its supports)."""
    into: dict[str, list[Step]] = {}
    conclusion = {}
    for s in amap.supports:
        conclusion[s.id] = s.conclusion
        steps = into.setdefault(s.conclusion, [])
        steps.extend(Step(p, "supports", s.conclusion, s.id) for p in s.premises)
    for a in amap.attacks:
        if a.kind == AttackKind.REBUTS:
            into.setdefault(a.target, []).append(Step(a.attacker, "rebuts", a.target))
        else:
            target = conclusion[a.target]
            into.setdefault(target, []).append(Step(a.attacker, "undercuts", target, a.target))
    return into


def _chains(amap: ArgumentMap, claim: str, depth: int | None) -> list[tuple[Found, int]]:
    """Breadth-first over (claim, side) states; side +1 pro, -1 con."""
    _check_claim(amap, claim)
    into = _incoming(amap)
    seen: set[tuple[str, int]] = {(claim, 1)}
    found: list[tuple[Found, int]] = []
    frontier: deque[tuple[str, int, tuple[Step, ...]]] = deque([(claim, 1, ())])
    while frontier:
        node, side, path = frontier.popleft()
        if depth is not None and len(path) >= depth:
            continue
        steps = sorted(into.get(node, []), key=lambda s: (s.source, s.kind, s.via or ""))
        for step in steps:
            new_side = side if step.kind == "supports" else -side
            state = (step.source, new_side)
            if state in seen:
                continue
            seen.add(state)
            new_path = (step, *path)
            if new_side > 0:
                role = "supports" if step.kind == "supports" else "defends"
            elif step.kind == "supports":
                role = "supports-objection"
            else:
                role = step.kind
            found.append((Found(step.source, role, len(new_path), new_path), new_side))
            frontier.append((step.source, new_side, new_path))
    return found


def supporters(amap: ArgumentMap, claim: str, depth: int | None = 1) -> list[Found]:
    """Claims for ``claim``: direct reasons (depth 1), down to ``depth`` links, or all (None)."""
    return [f for f, side in _chains(amap, claim, depth) if side > 0]


def opposers(amap: ArgumentMap, claim: str, depth: int | None = 1) -> list[Found]:
    """Claims against ``claim``: rebuttals and undercuts of its reasons, and further down."""
    return [f for f, side in _chains(amap, claim, depth) if side < 0]


@dataclass(frozen=True, slots=True)
class Holder:
    """A stakeholder's stance on a claim."""

    stakeholder: str
    stance: str
    strength: float | None

    def to_json(self) -> dict[str, Any]:
        return {"stakeholder": self.stakeholder, "stance": self.stance, "strength": self.strength}


def who(amap: ArgumentMap, claim: str) -> dict[str, list[Holder]]:
    """Stakeholders asserting, endorsing and rejecting a claim (stance -> holders)."""
    _check_claim(amap, claim)
    out: dict[str, list[Holder]] = {str(k): [] for k in StanceKind}
    for s in amap.stances_on(claim):
        out[str(s.kind)].append(Holder(s.stakeholder, str(s.kind), s.strength))
    return out


def holds(amap: ArgumentMap, stakeholder: str) -> dict[str, list[str]]:
    """A stakeholder's claims by stance (stance -> claim ids in map order)."""
    _check_stakeholder(amap, stakeholder)
    order = {c.id: i for i, c in enumerate(amap.claims)}
    out: dict[str, list[str]] = {str(k): [] for k in StanceKind}
    for s in amap.stances_of(stakeholder):
        if s.claim not in out[str(s.kind)]:
            out[str(s.kind)].append(s.claim)
    for claims in out.values():
        claims.sort(key=order.__getitem__)
    return out


@dataclass(frozen=True, slots=True)
class Chain:
    """An argument chain between two claims; ``sign`` is pro (+1) or con (-1)."""

    steps: tuple[Step, ...]
    sign: int

    def to_json(self) -> dict[str, Any]:
        return {
            "sign": "pro" if self.sign > 0 else "con",
            "steps": [s.to_json() for s in self.steps],
        }


def paths(
    amap: ArgumentMap, source: str, target: str, max_length: int = 8, limit: int = 50
) -> list[Chain]:
    """Argument chains from ``source`` to ``target`` (supports, rebuttals, undercuts).

    Simple chains of at most ``max_length`` links, shortest first, at most
    ``limit`` of them. A chain is pro when it has an even number of attacks.
    """
    _check_claim(amap, source)
    _check_claim(amap, target)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_nodes_from(c.id for c in amap.claims)
    step_of: dict[tuple[str, str, str], Step] = {}
    for node, incoming in _incoming(amap).items():
        for step in incoming:
            key = f"{step.kind}:{step.via or ''}"
            g.add_edge(step.source, node, key=key)
            step_of[(step.source, node, key)] = step
    if source == target:
        return []
    chains: list[Chain] = []
    for edge_path in itertools.islice(
        nx.all_simple_edge_paths(g, source, target, cutoff=max_length), 10_000
    ):
        chain = tuple(step_of[cast(tuple[str, str, str], tuple(e))] for e in edge_path)
        sign = 1
        for s in chain:
            if s.kind != "supports":
                sign = -sign
        chains.append(Chain(chain, sign))
    chains.sort(
        key=lambda c: (len(c.steps), [(s.source, s.kind, s.target, s.via or "") for s in c.steps])
    )
    return chains[:limit]


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A claim put forward with no reason: who asserts it."""

    claim: str
    asserted_by: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "asserted_by": list(self.asserted_by)}


def unsupported(amap: ArgumentMap) -> list[Unsupported]:
    """Claims some stakeholder asserts, with no support concluding them and not assumed."""
    concluded = {s.conclusion for s in amap.supports}
    by_claim: dict[str, list[str]] = {}
    for s in amap.stances:
        if s.kind == StanceKind.ASSERTS and s.stakeholder not in by_claim.get(s.claim, []):
            by_claim.setdefault(s.claim, []).append(s.stakeholder)
    return [
        Unsupported(c.id, tuple(sorted(by_claim[c.id])))
        for c in amap.claims
        if c.id in by_claim and c.id not in concluded and not c.assumed
    ]


@dataclass(frozen=True, slots=True)
class Unanswered:
    """An objection (attack) whose attacker nothing attacks."""

    attack: str
    attacker: str
    kind: str
    target: str

    def to_json(self) -> dict[str, Any]:
        return {
            "attack": self.attack,
            "attacker": self.attacker,
            "kind": self.kind,
            "target": self.target,
        }


def unanswered(amap: ArgumentMap) -> list[Unanswered]:
    """Objections nobody has answered: attacks whose attacker is not itself rebutted
    and none of whose reasons is undercut."""
    rebutted = {a.target for a in amap.attacks if a.kind == AttackKind.REBUTS}
    cut_supports = {a.target for a in amap.attacks if a.kind == AttackKind.UNDERCUTS}
    cut_claims = {s.conclusion for s in amap.supports if s.id in cut_supports}
    answered = rebutted | cut_claims
    return [
        Unanswered(a.id, a.attacker, str(a.kind), a.target)
        for a in amap.attacks
        if a.attacker not in answered
    ]
