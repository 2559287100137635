"""Stakeholder analysis: agreement, alignment, coalitions and the power/interest grid.

Preconditions: a consistent map. A stakeholder *holds* a claim it asserts or
endorses and *denies* a claim it rejects. For a pair A, B:

- they **agree** on a claim both hold or both deny;
- they **disagree** directly on a claim one holds and the other denies;
- they **conflict** through an attack when a claim one holds rebuts a claim the
  other holds, or undercuts a support for it.

Alignment is (agreements - disagreements - conflicts) / (their sum), in
[-1, 1], or None when the two share nothing.

Coalitions (documented method): a tie between two stakeholders is their
alignment (0 if None) plus 0.5 for each friendly relation between them
(allied-with, cooperates-with, represents, member-of, employs, funds) and
minus 0.5 for each hostile one (opposes, litigates-against). Starting from
singletons, the two groups with the highest average tie are merged, as long as
that average is above 0 and no tie inside the merged group is negative;
ties are broken by the sorted member ids. Groups of one are reported too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.grid import quadrant
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, AttackKind, RelationKind, StanceKind

FRIENDLY = frozenset(
    {
        RelationKind.ALLIED_WITH,
        RelationKind.COOPERATES_WITH,
        RelationKind.REPRESENTS,
        RelationKind.MEMBER_OF,
        RelationKind.EMPLOYS,
        RelationKind.FUNDS,
    }
)
HOSTILE = frozenset({RelationKind.OPPOSES, RelationKind.LITIGATES_AGAINST})
RELATION_TIE = 0.5


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A claim one stakeholder holds and the other rejects (stances as given)."""

    claim: str
    a: str
    b: str

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "a": self.a, "b": self.b}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A claim held by one side attacking a claim held by the other.

    ``holder`` is the stakeholder holding the attacker; ``via`` the support an
    undercut attacks.
    """

    attacker: str
    kind: str
    target: str
    holder: str
    via: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "attacker": self.attacker,
            "kind": self.kind,
            "target": self.target,
            "holder": self.holder,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Where two stakeholders agree and disagree."""

    a: str
    b: str
    agree: tuple[str, ...]
    both_reject: tuple[str, ...]
    disagree: tuple[Disagreement, ...]
    conflicts: tuple[Conflict, ...]
    relations: tuple[str, ...] = field(default=())

    @property
    def alignment(self) -> float | None:
        plus = len(self.agree) + len(self.both_reject)
        minus = len(self.disagree) + len(self.conflicts)
        if plus + minus == 0:
            return None
        return round((plus - minus) / (plus + minus), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "agree": list(self.agree),
            "both_reject": list(self.both_reject),
            "disagree": [d.to_json() for d in self.disagree],
            "conflicts": [c.to_json() for c in self.conflicts],
            "relations": list(self.relations),
            "alignment": self.alignment,
        }


class _Stances:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {c.id: i for i, c in enumerate(amap.claims)}
        self.held: dict[str, dict[str, str]] = {h.id: {} for h in amap.stakeholders}
        self.denied: dict[str, set[str]] = {h.id: set() for h in amap.stakeholders}
        for s in amap.stances:
            if s.kind == StanceKind.REJECTS:
                self.denied[s.stakeholder].add(s.claim)
            else:
                self.held[s.stakeholder].setdefault(s.claim, str(s.kind))
        self.conclusion = {s.id: s.conclusion for s in amap.supports}

    def sort(self, claims: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(claims), key=self.order.__getitem__))

    def compare(self, a: str, b: str) -> Comparison:
        ha, hb = self.held[a], self.held[b]
        da, db = self.denied[a], self.denied[b]
        disagree = [Disagreement(c, ha[c], "rejects") for c in ha if c in db]
        disagree += [Disagreement(c, "rejects", hb[c]) for c in da if c in hb]
        disagree.sort(key=lambda d: self.order[d.claim])
        conflicts: list[Conflict] = []
        for att in self.amap.attacks:
            if att.kind == AttackKind.REBUTS:
                target, via = att.target, None
            else:
                target, via = self.conclusion[att.target], att.target
            for holder, other in ((a, hb), (b, ha)):
                mine = ha if holder == a else hb
                if att.attacker in mine and target in other:
                    conflicts.append(Conflict(att.attacker, str(att.kind), target, holder, via))
        conflicts.sort(key=lambda c: (self.order[c.attacker], self.order[c.target], c.holder))
        relations = []
        for x, y in ((a, b), (b, a)):
            for r in self.amap.stakeholder(x).relations:
                if r.target == y:
                    relations.append(f"{x} {r.kind} {y}")
        return Comparison(
            a=a,
            b=b,
            agree=self.sort(set(ha) & set(hb)),
            both_reject=self.sort(da & db),
            disagree=tuple(disagree),
            conflicts=tuple(conflicts),
            relations=tuple(relations),
        )


def compare(amap: ArgumentMap, a: str, b: str) -> Comparison:
    """Where two stakeholders agree and disagree, directly and through attacks."""
    amap.require_stakeholder(a)
    amap.require_stakeholder(b)
    if a == b:
        raise ArgmapError(
            f"compare needs two different stakeholders, not {a!r} twice; "
            "`argmap stakeholders` lists them"
        )
    return _Stances(amap).compare(a, b)


@dataclass(frozen=True, slots=True)
class GridEntry:
    """A stakeholder's place on the power/interest grid."""

    stakeholder: str
    name: str
    power: int | None
    interest: int | None
    quadrant: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "stakeholder": self.stakeholder,
            "name": self.name,
            "power": self.power,
            "interest": self.interest,
            "quadrant": self.quadrant,
        }


@dataclass(frozen=True, slots=True)
class StakeholderReport:
    """Every pair compared, the alignment matrix, coalitions and the grid."""

    stakeholders: tuple[str, ...]
    pairs: tuple[Comparison, ...]
    coalitions: tuple[tuple[str, ...], ...]
    grid: tuple[GridEntry, ...]

    def matrix(self) -> dict[str, dict[str, float | None]]:
        """Alignment of every pair (symmetric; 1.0 on the diagonal)."""
        out: dict[str, dict[str, float | None]] = {
            s: {t: (1.0 if s == t else None) for t in self.stakeholders} for s in self.stakeholders
        }
        for p in self.pairs:
            out[p.a][p.b] = out[p.b][p.a] = p.alignment
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "stakeholders": list(self.stakeholders),
            "pairs": [p.to_json() for p in self.pairs],
            "alignment": self.matrix(),
            "coalitions": [list(c) for c in self.coalitions],
            "grid": [g.to_json() for g in self.grid],
        }


def _ties(amap: ArgumentMap, pairs: Iterable[Comparison]) -> dict[frozenset[str], float]:
    ties: dict[frozenset[str], float] = {}
    for p in pairs:
        ties[frozenset((p.a, p.b))] = p.alignment or 0.0
    for h in amap.stakeholders:
        for r in h.relations:
            key = frozenset((h.id, r.target))
            if len(key) != 2:
                continue
            if r.kind in FRIENDLY:
                ties[key] = ties.get(key, 0.0) + RELATION_TIE
            elif r.kind in HOSTILE:
                ties[key] = ties.get(key, 0.0) - RELATION_TIE
    return ties


def coalitions(amap: ArgumentMap, pairs: Iterable[Comparison]) -> tuple[tuple[str, ...], ...]:
    """Groups by average-linkage merging of stakeholder ties (see the module docstring)."""
    ties = _ties(amap, pairs)
    order = {h.id: i for i, h in enumerate(amap.stakeholders)}
    groups: list[tuple[str, ...]] = [(h.id,) for h in amap.stakeholders]

    def tie(x: str, y: str) -> float:
        return ties.get(frozenset((x, y)), 0.0)

    while True:
        best: tuple[float, tuple[str, ...], tuple[str, ...]] | None = None
        for i, g1 in enumerate(groups):
            for g2 in groups[i + 1 :]:
                links = [tie(x, y) for x in g1 for y in g2]
                if min(links) < 0:
                    continue
                avg = sum(links) / len(links)
                if avg <= 0:
                    continue
                key = (avg, tuple(sorted(g1 + g2)))
                if best is None or key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
                    best = (avg, g1, g2)
        if best is None:
            break
        _, g1, g2 = best
        groups = [g for g in groups if g not in (g1, g2)]
        groups.append(tuple(sorted(g1 + g2, key=order.__getitem__)))
    groups.sort(key=lambda g: (-len(g), order[g[0]]))
    return tuple(groups)


def analyse(amap: ArgumentMap) -> StakeholderReport:
    """Compare every pair of stakeholders, find coalitions and place each on the grid."""
    st = _Stances(amap)
    ids = tuple(h.id for h in amap.stakeholders)
    pairs = tuple(st.compare(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    grid = tuple(
        GridEntry(
            h.id,
            h.name,
            h.power,
            h.interest,
            str(q) if (q := quadrant(h.power, h.interest)) is not None else None,
        )
        for h in amap.stakeholders
    )
    return StakeholderReport(ids, pairs, coalitions(amap, pairs), grid)
