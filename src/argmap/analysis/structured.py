"""How a map's supports, linked premises and undercuts enter a Dung evaluation.

A map is read as a small structured argumentation theory (in the spirit of
ASPIC+ with defeasible rules) and translated into an abstract framework, one
argument per claim and per support plus two kinds of helper argument:

- A claim with no reason given (no support concludes it), or marked
  ``assumed``, or accepted as given (``--from``), is *presumed*: it stands
  unless something defeats it, like a premise of the knowledge base.
- A claim with reasons stands on them: it needs at least one support that
  holds. The helper ``no-reason(c)`` attacks ``c`` and is attacked by every
  support of ``c``, so it is out exactly when some reason holds.
- A support (an inference, linked premises included) holds when every one of
  its premises is in and no undercutter is in. The helper ``fails(p)`` is
  attacked by premise ``p`` and attacks every support using ``p``, so a
  support is defeated as soon as one of its premises is out.
- A rebuttal is an attack from the attacker claim on the target claim; an
  undercut is an attack from the attacker claim on the support.

Why this reduction rather than the bipolar ones (supported and mediated
attacks): with deductive support, an objection to a conclusion transfers back
to each premise (mediated attack), so one rebuttal of "the policy should stand"
would knock out the plain facts offered for it; with necessary support, each of
several independent reasons would be required. Here independent reasons are
alternatives, linked premises are a conjunction, and an undercut defeats only
the inference it names, which is how argument maps are read. Claims given
without reasons are taken at face value, so a map need not mark its leaves as
assumed (Carneades' stricter reading is :mod:`argmap.analysis.carneades`).

Limits: attack and support weights and preferences are not used (they enter
gradual and Carneades evaluation); a circle of supports with no reason from
outside it leaves its claims undecided rather than out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from argmap._gc import paused_gc
from argmap.analysis.af import Framework
from argmap.model import ArgumentMap, Attack, AttackKind

_attacker = attrgetter("attacker")
_target = attrgetter("target")


def no_reason(claim_id: str) -> str:
    """The name of the helper argument "no reason for this claim holds"."""
    return f"no-reason({claim_id})"


def fails(claim_id: str) -> str:
    """The name of the helper argument "this premise is not in"."""
    return f"fails({claim_id})"


@dataclass(frozen=True, slots=True)
class StructuredFramework:
    """A map translated to a framework, with what each argument stands for.

    The framework's arguments are the claims, in map order (arguments
    ``0..len(claims)-1``), then the supports, then the helper arguments.
    ``presumed``: claims that stand without a reason; ``given``: claims accepted
    as given, which no rebuttal can defeat.
    """

    af: Framework
    claims: tuple[str, ...]
    supports: tuple[str, ...]
    presumed: frozenset[str]
    given: frozenset[str]

    def node(self, item_id: str) -> int:
        """The framework argument of a claim or support."""
        return self.af.index[item_id]


def build(amap: ArgumentMap, given: Iterable[str] = ()) -> StructuredFramework:
    """Translate a map into a framework (see the module docstring)."""
    with paused_gc():
        return _build(amap, given)


def _build(amap: ArgumentMap, given: Iterable[str]) -> StructuredFramework:
    given_set = frozenset(given)
    concluded = {s.conclusion for s in amap.supports}
    presumed = frozenset(
        c.id for c in amap.claims if c.id not in concluded or c.assumed or c.id in given_set
    )
    names: list[str] = [c.id for c in amap.claims]
    names.extend(s.id for s in amap.supports)
    # the attacks, as two lists: sources[i] attacks sinks[i]
    sources: list[str] = []
    sinks: list[str] = []
    for c in amap.claims:
        if c.id not in presumed:
            names.append(no_reason(c.id))
            sources.append(no_reason(c.id))
            sinks.append(c.id)
    premises = sorted({p for s in amap.supports for p in s.premises})
    names.extend(fails(p) for p in premises)
    for p in premises:
        sources.append(p)
        sinks.append(fails(p))
    for s in amap.supports:
        if s.conclusion not in presumed:
            sources.append(s.id)
            sinks.append(no_reason(s.conclusion))
        for p in s.premises:
            sources.append(fails(p))
            sinks.append(s.id)
    attacks: Iterable[Attack] = amap.attacks
    if given_set:
        attacks = [
            a for a in amap.attacks if not (a.kind == AttackKind.REBUTS and a.target in given_set)
        ]
    sources.extend(map(_attacker, attacks))
    sinks.extend(map(_target, attacks))
    return StructuredFramework(
        af=Framework.from_ends(names, sources, sinks),
        claims=tuple(c.id for c in amap.claims),
        supports=tuple(s.id for s in amap.supports),
        presumed=presumed,
        given=given_set,
    )
