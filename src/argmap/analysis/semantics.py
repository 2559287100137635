"""Which claims stand: formal evaluation of a map, with a reason for every verdict.

Preconditions: a consistent map (as loaded). The map is translated into an
abstract framework by :mod:`argmap.analysis.structured` (which documents how
supports, linked premises and undercuts count) and labelled by
:mod:`argmap.analysis.af`. Under semantics with several extensions a claim is
labelled in (out) when it is in (out) in every extension, otherwise undecided;
stable semantics on a map with no stable extension labels everything undecided.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from argmap._gc import paused_gc
from argmap.analysis import af as _af
from argmap.analysis.af import Label, Semantics
from argmap.analysis.structured import StructuredFramework, build, no_reason
from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, AttackKind, StanceKind

SEMANTICS = tuple(s.value for s in Semantics)
"""The semantics names :func:`label_claims` and :func:`evaluate` accept."""

EXTENSION_LIMIT = 64
"""At most this many extensions are listed; beyond it labels are decided one by one."""


def _semantics(name: str) -> Semantics:
    try:
        return Semantics(name)
    except ValueError:
        raise ArgmapError(
            f"unknown semantics {name!r} (known: {', '.join((*SEMANTICS, 'carneades'))})"
        ) from None


def label_claims(amap: ArgumentMap, semantics: str = "grounded") -> dict[str, str]:
    """Claim id -> "in" / "out" / "undecided" under the semantics, in map order.

    ``semantics``: one of :data:`SEMANTICS`, or ``"carneades"`` for Carneades'
    rules (:mod:`argmap.analysis.carneades`).
    """
    if semantics == "carneades":
        from argmap.analysis import carneades

        return carneades.label_claims(amap)
    sf = build(amap)
    result = _af.labelling(sf.af, _semantics(semantics), limit=EXTENSION_LIMIT)
    return {c: str(result.labels[sf.node(c)]) for c in sf.claims}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Labels and reasons for every claim and support under one semantics.

    ``extensions`` lists the claims in each extension (None when there were too
    many to list); ``given`` are the claims accepted as given (``--from``);
    ``stable_exists`` is False for stable semantics with no stable extension.
    """

    semantics: str
    labels: dict[str, str]
    support_labels: dict[str, str]
    reasons: dict[str, str]
    extensions: list[list[str]] | None
    given: tuple[str, ...] = ()
    stakeholder: str | None = None
    stable_exists: bool = True
    support_reasons: dict[str, str] = field(default_factory=dict)


def given_by(amap: ArgumentMap, stakeholder: str) -> tuple[str, ...]:
    """The claims a stakeholder asserts or endorses, in map order."""
    amap.require_stakeholder(stakeholder)
    held = {
        s.claim
        for s in amap.stances_of(stakeholder)
        if s.kind in (StanceKind.ASSERTS, StanceKind.ENDORSES)
    }
    return tuple(c.id for c in amap.claims if c.id in held)


def evaluate(
    amap: ArgumentMap,
    semantics: str = "grounded",
    *,
    given: Iterable[str] = (),
    stakeholder: str | None = None,
) -> Evaluation:
    """Label every claim and support and say why.

    ``stakeholder``: accept that stakeholder's asserted and endorsed claims as
    given (they need no reason and no rebuttal defeats them); ``given`` adds
    claims to accept the same way.
    """
    sem = _semantics(semantics)
    given_ids = list(given)
    known_claims = [c.id for c in amap.claims]
    for g in given_ids:
        if not amap.has_claim(g):
            raise UnknownIdError("claim", g, known_claims)
    if stakeholder is not None:
        given_ids.extend(given_by(amap, stakeholder))
    with paused_gc():
        return _evaluate(amap, sem, given_ids, stakeholder)


def _evaluate(
    amap: ArgumentMap, sem: Semantics, given_ids: list[str], stakeholder: str | None
) -> Evaluation:
    sf = build(amap, given_ids)
    result = _af.labelling(sf.af, sem, limit=EXTENSION_LIMIT)
    count = len(result.extensions) if result.extensions is not None else None
    explainer = _Explainer(amap, sf, result.labels, sem, result.exists, count)
    known_claims = [c.id for c in amap.claims]
    extensions = None
    if result.extensions is not None:
        claim_nodes = {sf.node(c): c for c in sf.claims}
        extensions = sorted(
            sorted(claim_nodes[i] for i in ext if i in claim_nodes) for ext in result.extensions
        )
    return Evaluation(
        semantics=str(sem),
        labels={c: str(result.labels[sf.node(c)]) for c in sf.claims},
        support_labels={s: str(result.labels[sf.node(s)]) for s in sf.supports},
        reasons={c: explainer.claim(c) for c in sf.claims},
        extensions=extensions,
        given=tuple(c for c in known_claims if c in sf.given),
        stakeholder=stakeholder,
        stable_exists=result.exists,
        support_reasons={s: explainer.support(s) for s in sf.supports},
    )


@dataclass(frozen=True, slots=True)
class Acceptance:
    """Credulous (in some extension) and sceptical (in every one) acceptance."""

    claim: str
    semantics: str
    credulous: bool
    sceptical: bool


def acceptance(
    amap: ArgumentMap, claim: str, semantics: str = "preferred", *, given: Iterable[str] = ()
) -> Acceptance:
    """Whether a claim is credulously and sceptically accepted under a semantics.

    ``given``: claims accepted as given, as in :func:`evaluate`.
    """
    amap.require_claim(claim)
    sem = _semantics(semantics)
    sf = build(amap, given)
    node = sf.node(claim)
    return Acceptance(
        claim, str(sem), _af.credulous(sf.af, node, sem), _af.sceptical(sf.af, node, sem)
    )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Explainer:
    """Builds the reason sentences from the labels of the translated framework."""

    def __init__(
        self,
        amap: ArgumentMap,
        sf: StructuredFramework,
        labels: list[Label],
        sem: Semantics,
        exists: bool,
        count: int | None = None,
    ) -> None:
        self.amap = amap
        self.sf = sf
        self.labels = labels
        self.sem = sem
        self.exists = exists
        self.count = count  # how many extensions there are (None: not counted)
        self.rebutters: dict[str, list[str]] = {}
        self.undercutters: dict[str, list[str]] = {}
        for a in amap.attacks:
            if a.kind == AttackKind.REBUTS:
                if a.target not in sf.given:
                    self.rebutters.setdefault(a.target, []).append(a.attacker)
            else:
                self.undercutters.setdefault(a.target, []).append(a.attacker)
        self.reasons_for: dict[str, list[str]] = {}
        for s in amap.supports:
            self.reasons_for.setdefault(s.conclusion, []).append(s.id)

    def label(self, item: str) -> Label:
        return self.labels[self.sf.node(item)]

    def _with(self, ids: list[str], label: Label) -> list[str]:
        return [i for i in ids if self.label(i) is label]

    def _many(self) -> str:
        return f"{self.sem} extension"

    def short(self, claim: str) -> str:
        """A one-clause reason, used when a claim is cited in another's reason."""
        lab = self.label(claim)
        attackers = self.rebutters.get(claim, [])
        if lab is Label.IN:
            if claim in self.sf.given:
                return "it is accepted as given"
            if not attackers:
                if claim in self.sf.presumed:
                    return "nothing attacks it"
                return "it has a reason that holds and nothing attacks it"
            return "every claim attacking it is out"
        if lab is Label.OUT:
            ins = self._with(attackers, Label.IN)
            if ins:
                return f"it is attacked by {_join(ins)}, which " + (
                    "is in" if len(ins) == 1 else "are in"
                )
            if claim not in self.sf.presumed and self.label(no_reason(claim)) is Label.IN:
                return "none of its reasons holds"
            return f"every {self._many()} accepts one of its attackers"
        return "its attackers or reasons are themselves undecided"

    def claim(self, claim: str) -> str:
        """The full reason for a claim's label."""
        lab = self.label(claim)
        attackers = self.rebutters.get(claim, [])
        reasons = self.reasons_for.get(claim, [])
        if self.sem is Semantics.STABLE and not self.exists:
            return "undecided because the map has no stable extension"
        if lab is Label.IN:
            if claim in self.sf.given:
                return "in because it is accepted as given"
            parts: list[str] = []
            if claim in self.sf.presumed:
                if self.amap.claim(claim).assumed:
                    parts.append("it is assumed")
            else:
                good = self._with(reasons, Label.IN)
                parts.append(
                    f"its reason {good[0]} holds"
                    if len(good) == 1
                    else f"its reasons {_join(good)} hold"
                )
            if not attackers:
                parts.append("nothing attacks it")
            else:
                parts.append(
                    "every claim attacking it is out ("
                    + "; ".join(f"{a} is out because {self.short(a)}" for a in attackers)
                    + ")"
                )
            return "in because " + " and ".join(parts)
        if lab is Label.OUT:
            ins = self._with(attackers, Label.IN)
            if ins:
                return "out because " + "; and ".join(
                    f"it is attacked by {a}, which is in because {self.short(a)}" for a in ins
                )
            if claim not in self.sf.presumed and self.label(no_reason(claim)) is Label.IN:
                return (
                    "out because none of its reasons holds ("
                    + "; ".join(f"{s} {self._support_failure(s)}" for s in reasons)
                    + ")"
                )
            return (
                f"out because every {self._many()} accepts one of its attackers "
                f"({_join(attackers)})"
            )
        undecided = self._with(attackers, Label.UNDECIDED)
        if self.sem in (Semantics.GROUNDED, Semantics.COMPLETE):
            if undecided:
                return (
                    f"undecided because it is attacked by {_join(undecided)}, which "
                    + ("is itself" if len(undecided) == 1 else "are themselves")
                    + " undecided (attacks in a cycle that nothing settles)"
                )
            open_reasons = self._with(reasons, Label.UNDECIDED)
            return (
                f"undecided because its reason {_join(open_reasons)} is undecided "
                "(no reason for it is in, and not all have failed)"
            )
        if self.count == 1:
            cycle = (
                f" (attacked by {_join(undecided)}, in a cycle it leaves open)" if undecided else ""
            )
            return (
                f"undecided because the only {self.sem} extension neither accepts it "
                f"nor any of its attackers{cycle}"
            )
        return (
            f"undecided because the {self.sem} extensions disagree about it "
            "(it is not in every one, nor out in every one)"
        )

    def _support_failure(self, support: str) -> str:
        s = self.amap.support(support)
        cutters = self._with(self.undercutters.get(support, []), Label.IN)
        if cutters:
            return f"is undercut by {_join(cutters)}, which is in because {self.short(cutters[0])}"
        out = self._with(list(s.premises), Label.OUT)
        if out:
            return f"fails because its premise {out[0]} is out because {self.short(out[0])}"
        return "fails in every extension"

    def support(self, support: str) -> str:
        """The reason for a support's label."""
        lab = self.label(support)
        s = self.amap.support(support)
        if lab is Label.IN:
            cut = self.undercutters.get(support, [])
            tail = f", and its undercutters {_join(cut)} are out" if cut else ""
            return f"holds because its premises {_join(list(s.premises))} are in{tail}"
        if lab is Label.OUT:
            return "does not hold: it " + self._support_failure(support)
        return "undecided because a premise or an undercutter is undecided"


def read_with_ids(path: str | Path) -> tuple[ArgumentMap, dict[str, str]]:
    """Read a map in any format, with argmap id -> id as written in the file.

    The mapping is the identity except for Carneades graphs, whose statement
    ids (such as ``¬app(a1)``) are not argmap slugs.
    """
    from argmap.formats import registry
    from argmap.formats.carneades import loads_with_ids
    from argmap.formats.yaml import _read

    raw = _read(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return registry.read(path), {}
    if registry.for_path(path, text).name == "carneades":
        return loads_with_ids(text, str(path))
    return registry.read(path), {}


def evaluate_file(
    path: str | Path,
    semantics: str = "grounded",
    *,
    stakeholder: str | None = None,
    claim: str | None = None,
    strength: bool = False,
) -> dict[str, Any]:
    """Evaluate a map file and return the ``argmap evaluate --json`` report.

    Shape (docs/cli.md): ``semantics``, ``labels`` and ``reasons`` (claim ->
    label / sentence), ``supports`` (support -> label; Carneades: support ->
    weight), ``extensions`` (lists of claims, or None), ``acceptance`` (claim
    -> credulous / sceptical, or None), ``claim``, ``from``, ``given``,
    ``stable_exists``, ``strength`` (claim -> DF-QuAD strength, or None) and
    ``fragile`` (claim -> ``{"label", "rests_on": [{"claim", "held_by"}]}`` for
    each fragile verdict, see :func:`argmap.analysis.explain.fragile_verdicts`;
    empty under Carneades).
    On a Carneades file every claim is keyed by its id as written in the file.
    """
    amap, ids = read_with_ids(path)

    def name(item: str) -> str:
        return ids.get(item, item)

    def shown(items: Iterable[str]) -> list[str]:
        # a Carneades import's stand-in premises are not the file's statements
        return [i for i in items if not ids or i in ids]

    if claim is not None:
        original = {v: k for k, v in ids.items()}
        claim = original.get(claim, claim)
        if not amap.has_claim(claim):
            raise UnknownIdError("claim", ids.get(claim, claim), [name(c.id) for c in amap.claims])
    report: dict[str, Any] = {
        "semantics": semantics,
        "claim": name(claim) if claim else None,
        "from": stakeholder,
        "acceptance": None,
        "extensions": None,
        "stable_exists": True,
        "strength": None,
        "fragile": {},
    }
    if semantics == "carneades":
        from argmap.analysis import carneades

        given = given_by(amap, stakeholder) if stakeholder else ()
        if given:
            amap = replace(
                amap,
                claims=tuple(replace(c, assumed=True) if c.id in given else c for c in amap.claims),
            )
        result = carneades.evaluate(amap, names=ids)
        keep = shown(result.labels)
        report["labels"] = {name(c): result.labels[c] for c in keep}
        report["reasons"] = {name(c): result.reasons[c] for c in keep}
        report["supports"] = {name(s): w for s, w in result.weights.items()}
        report["given"] = [name(c) for c in given]
    else:
        ev = evaluate(amap, semantics, stakeholder=stakeholder)
        keep = shown(ev.labels)
        report["labels"] = {name(c): ev.labels[c] for c in keep}
        report["reasons"] = {name(c): ev.reasons[c] for c in keep}
        report["supports"] = {name(s): lab for s, lab in ev.support_labels.items()}
        report["given"] = [name(c) for c in ev.given]
        report["stable_exists"] = ev.stable_exists
        from argmap.analysis.explain import fragile_verdicts

        report["fragile"] = {
            name(c): {
                "label": f.label,
                "rests_on": [{"claim": name(r), "held_by": f.held_by[r]} for r in f.rests_on],
            }
            for c, f in fragile_verdicts(amap, ev).items()
        }
        if ev.extensions is not None:
            report["extensions"] = [[name(c) for c in shown(ext)] for ext in ev.extensions]
            if semantics in ("preferred", "stable", "complete"):
                members = [frozenset(ext) for ext in ev.extensions]  # sets: a long chain
                in_some = frozenset().union(*members)
                in_all = frozenset.intersection(*members) if members else frozenset()
                report["acceptance"] = {
                    name(c.id): {"credulous": c.id in in_some, "sceptical": c.id in in_all}
                    for c in amap.claims
                    if not ids or c.id in ids
                }
        if semantics == "grounded":
            report["acceptance"] = {
                name(c): {"credulous": ev.labels[c] == "in", "sceptical": ev.labels[c] == "in"}
                for c in keep
            }
        if claim is not None and report["acceptance"] is None:
            acc = acceptance(amap, claim, semantics, given=ev.given)
            report["acceptance"] = {
                name(claim): {"credulous": acc.credulous, "sceptical": acc.sceptical}
            }
    if strength:
        from argmap.analysis.gradual import dfquad

        report["strength"] = {name(c): round(v, 6) for c, v in dfquad(amap).strengths.items()}
    return report
