"""Questions about a map: what supports or opposes a claim, who holds it, and more.

Preconditions: a consistent map (as loaded). Every function takes the map
first and returns plain data (immutable records with ``to_json``); unknown ids raise
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
from collections.abc import Iterator
from typing import Any

from argmap._gc import paused_gc
from argmap.model import ArgumentMap, AttackKind, Record, StanceKind, Support, record_fields


class _Record(Record):
    """An immutable query result, compared, hashed and shown by its fields as
    the model's records are; a plain class, so that ``argmap query`` does not
    pay for making dataclasses at start-up."""

    __slots__: tuple[str, ...] = ()
    _fields: tuple[str, ...] = ()
    """The fields in their order (``__slots__`` is sorted)."""

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        record_fields(cls, cls._fields, cls._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


class Step(_Record):
    """One link of a chain: ``source`` supports/rebuts/undercuts ``target``.

    ``via`` is the support the link goes through (the support whose premise
    ``source`` is, or the support ``source`` undercuts), else None.
    """

    _fields = (
        "source",
        "kind",
        "target",
        "via",
    )
    __slots__ = _fields
    source: str
    kind: str
    target: str
    via: str | None

    def __init__(self, source: str, kind: str, target: str, via: str | None = None) -> None:
        self._set(source=source, kind=kind, target=target, via=via)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "kind": self.kind, "to": self.target, "via": self.via}

    def __str__(self) -> str:
        if self.kind == "undercuts":
            return f"{self.source} undercuts {self.via} (the reason for {self.target})"
        if self.kind == "supports" and self.via:
            return f"{self.source} supports {self.target} (via {self.via})"
        return f"{self.source} {self.kind} {self.target}"


class Found(_Record):
    """A claim found by a chain query, its role, depth and the chain to the target.

    Roles: ``supports`` (a reason, or a reason for a reason), ``defends`` (it
    attacks an opposer), ``rebuts`` / ``undercuts`` (it attacks the target or a
    supporter), ``supports-objection`` (a reason for an opposer).
    """

    _fields = (
        "claim",
        "role",
        "depth",
        "path",
    )
    __slots__ = _fields
    claim: str
    role: str
    depth: int
    path: tuple[Step, ...]

    def __init__(self, claim: str, role: str, depth: int, path: tuple[Step, ...]) -> None:
        self._set(claim=claim, role=role, depth=depth, path=path)

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "role": self.role,
            "depth": self.depth,
            "path": [s.to_json() for s in self.path],
        }


class _Index:
    """Who points at what, built once per map (the last map queried is kept)."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.supports_of: dict[str, list[Support]] = {}
        self.rebutters: dict[str, list[str]] = {}
        self.undercutters: dict[str, list[str]] = {}
        for s in amap.supports:
            self.supports_of.setdefault(s.conclusion, []).append(s)
        rebuts = AttackKind.REBUTS
        for a in amap.attacks:
            if a.kind == rebuts:
                self.rebutters.setdefault(a.target, []).append(a.attacker)
            else:
                self.undercutters.setdefault(a.target, []).append(a.attacker)

    def incoming(self, claim: str) -> list[Step]:
        """The links pointing at a claim: its supports' premises, rebuttals, undercuts."""
        steps: list[Step] = []
        for s in self.supports_of.get(claim, ()):
            steps.extend(Step(p, "supports", claim, s.id) for p in s.premises)
            steps.extend(Step(u, "undercuts", claim, s.id) for u in self.undercutters.get(s.id, ()))
        steps.extend(Step(r, "rebuts", claim) for r in self.rebutters.get(claim, ()))
        return steps


_last: list[tuple[ArgumentMap, _Index]] = []


def _index(amap: ArgumentMap) -> _Index:
    if _last and _last[0][0] is amap:
        return _last[0][1]
    with paused_gc():
        index = _Index(amap)
    _last[:] = [(amap, index)]
    return index


def _direct(amap: ArgumentMap, claim: str) -> list[Step]:
    """The links pointing at a claim, by one scan (cheaper than an index for one claim)."""
    steps: list[Step] = []
    mine: dict[str, Support] = {s.id: s for s in amap.supports if s.conclusion == claim}
    for s in mine.values():
        steps.extend(Step(p, "supports", claim, s.id) for p in s.premises)
    rebuts = AttackKind.REBUTS
    for a in amap.attacks:
        if a.kind == rebuts:
            if a.target == claim:
                steps.append(Step(a.attacker, "rebuts", claim))
        elif a.target in mine:
            steps.append(Step(a.attacker, "undercuts", claim, a.target))
    return steps


def _chains(amap: ArgumentMap, claim: str, depth: int | None) -> list[tuple[Found, int]]:
    """Breadth-first over (claim, side) states; side +1 pro, -1 con."""
    amap.require_claim(claim)
    incoming = (lambda c: _direct(amap, c)) if depth == 1 else _index(amap).incoming
    seen: set[tuple[str, int]] = {(claim, 1)}
    found: list[tuple[Found, int]] = []
    frontier: deque[tuple[str, int, tuple[Step, ...]]] = deque([(claim, 1, ())])
    while frontier:
        node, side, path = frontier.popleft()
        if depth is not None and len(path) >= depth:
            continue
        steps = sorted(incoming(node), key=lambda s: (s.source, s.kind, s.via or ""))
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


class Holder(_Record):
    """A stakeholder's stance on a claim."""

    _fields = (
        "stakeholder",
        "stance",
        "strength",
    )
    __slots__ = _fields
    stakeholder: str
    stance: str
    strength: float | None

    def __init__(self, stakeholder: str, stance: str, strength: float | None) -> None:
        self._set(stakeholder=stakeholder, stance=stance, strength=strength)

    def to_json(self) -> dict[str, Any]:
        return {"stakeholder": self.stakeholder, "stance": self.stance, "strength": self.strength}


def who(amap: ArgumentMap, claim: str) -> dict[str, list[Holder]]:
    """Stakeholders asserting, endorsing and rejecting a claim (stance -> holders)."""
    amap.require_claim(claim)
    out: dict[str, list[Holder]] = {str(k): [] for k in StanceKind}
    for s in amap.stances_on(claim):
        out[str(s.kind)].append(Holder(s.stakeholder, str(s.kind), s.strength))
    return out


def holds(amap: ArgumentMap, stakeholder: str) -> dict[str, list[str]]:
    """A stakeholder's claims by stance (stance -> claim ids, in the order of its stances)."""
    amap.require_stakeholder(stakeholder)
    out: dict[str, list[str]] = {str(k): [] for k in StanceKind}
    seen: set[tuple[str, str]] = set()
    for s in amap.stances:
        if s.stakeholder == stakeholder and (s.kind, s.claim) not in seen:
            seen.add((s.kind, s.claim))
            out[s.kind.value].append(s.claim)
    return out


class Chain(_Record):
    """An argument chain between two claims; ``sign`` is pro (+1) or con (-1)."""

    _fields = (
        "steps",
        "sign",
    )
    __slots__ = _fields
    steps: tuple[Step, ...]
    sign: int

    def __init__(self, steps: tuple[Step, ...], sign: int) -> None:
        self._set(steps=steps, sign=sign)

    def to_json(self) -> dict[str, Any]:
        return {
            "sign": "pro" if self.sign > 0 else "con",
            "steps": [s.to_json() for s in self.steps],
        }


def _simple_chains(
    out: dict[str, list[Step]], source: str, target: str, max_length: int
) -> Iterator[tuple[Step, ...]]:
    """Every chain of at most ``max_length`` links from source to target that
    visits no claim twice, depth first."""
    path: list[Step] = []
    on_path = {source}
    stack = [iter(out.get(source, ()))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            if path:
                on_path.discard(path.pop().target)
            continue
        if step.target in on_path:
            continue
        if step.target == target:
            yield (*path, step)
        elif len(path) + 1 < max_length:
            path.append(step)
            on_path.add(step.target)
            stack.append(iter(out.get(step.target, ())))


def paths(
    amap: ArgumentMap, source: str, target: str, max_length: int = 8, limit: int = 50
) -> list[Chain]:
    """Argument chains from ``source`` to ``target`` (supports, rebuttals, undercuts).

    Simple chains of at most ``max_length`` links, shortest first, at most
    ``limit`` of them. A chain is pro when it has an even number of attacks.
    """
    amap.require_claim(source)
    amap.require_claim(target)
    if source == target:
        return []
    # Outgoing links from the index, in map order; a depth-first walk of the
    # simple chains (what networkx's all_simple_edge_paths does, without
    # building a graph), the first 10,000 of them.
    index = _index(amap)
    out: dict[str, list[Step]] = {}
    for c in amap.claims:
        for step in index.incoming(c.id):
            out.setdefault(step.source, []).append(step)
    chains: list[Chain] = []
    for chain in itertools.islice(_simple_chains(out, source, target, max_length), 10_000):
        sign = 1
        for s in chain:
            if s.kind != "supports":
                sign = -sign
        chains.append(Chain(chain, sign))
    chains.sort(
        key=lambda c: (len(c.steps), [(s.source, s.kind, s.target, s.via or "") for s in c.steps])
    )
    return chains[:limit]


class Unsupported(_Record):
    """A claim put forward with no reason: who asserts it."""

    _fields = (
        "claim",
        "asserted_by",
    )
    __slots__ = _fields
    claim: str
    asserted_by: tuple[str, ...]

    def __init__(self, claim: str, asserted_by: tuple[str, ...]) -> None:
        self._set(claim=claim, asserted_by=asserted_by)

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "asserted_by": list(self.asserted_by)}


def unsupported(amap: ArgumentMap) -> list[Unsupported]:
    """Claims some stakeholder asserts, with no support concluding them and not assumed."""
    with paused_gc():
        return _unsupported(amap)


def _unsupported(amap: ArgumentMap) -> list[Unsupported]:
    asserts = StanceKind.ASSERTS
    by_claim: dict[str, set[str]] = {}
    for s in amap.stances:
        if s.kind == asserts:
            by_claim.setdefault(s.claim, set()).add(s.stakeholder)
    for sup in amap.supports:
        by_claim.pop(sup.conclusion, None)
    return [
        Unsupported(c.id, tuple(sorted(by_claim[c.id])))
        for c in amap.claims
        if c.id in by_claim and not c.assumed
    ]


class Unanswered(_Record):
    """An objection (attack) whose attacker nothing attacks."""

    _fields = (
        "attack",
        "attacker",
        "kind",
        "target",
    )
    __slots__ = _fields
    attack: str
    attacker: str
    kind: str
    target: str

    def __init__(self, attack: str, attacker: str, kind: str, target: str) -> None:
        self._set(attack=attack, attacker=attacker, kind=kind, target=target)

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
