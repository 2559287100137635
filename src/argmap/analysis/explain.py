"""Why a claim has its label: the dispute around it, and what the verdict hinges on.

Preconditions: a consistent map (as loaded). Evaluation is the one of
:mod:`argmap.analysis.semantics`: the map is translated into an abstract
framework (:mod:`argmap.analysis.structured`) and labelled there.

The *dispute* of a claim is a tree: under the claim, its reasons (supports
concluding it; a reason with linked premises lists them) and its objections
(claims rebutting it); under a reason, the objections to the inference
(undercutters); under each claim again its own reasons and objections, level
by level. A claim already shown higher up in the tree is not expanded again.

A *pivot* is a smallest set of changes to the map that would change the
claim's label. The changes considered are:

- challenging a claim: adding a new, unattacked claim that rebuts it;
- challenging a support: adding a new, unattacked claim that undercuts it;
- removing a support (its conclusion then has one reason fewer; a claim left
  with no reason at all is taken at face value, as everywhere in evaluation);
- removing an attack.

Claims accepted as given (``--from``) are not challenged: no rebuttal defeats
them. The claim itself is not challenged either (that would be trivial).

The search is restricted to the claim's dependency cone: the arguments of the
translated framework from which an attack path leads to the claim (nothing
else can change its label under grounded, complete or preferred semantics,
which respect directionality; stable semantics does not, so there the whole
framework is used). Single changes come first; under grounded and complete
semantics each is decided by re-labelling only the part of the cone
downstream of the change, with the rest of the labelling fixed. Pairs are
searched only when no single change is a pivot, and only among the
:data:`PAIR_CANDIDATES` changes nearest to the claim (by attack distance in
the framework) that each alter the label of what they change; when the bound
cuts the search, :attr:`Explanation.complete` is False.

*Fragile* verdicts (:func:`fragile_verdicts`) are the labels that would change
if one unchallenged claim standing without a reason and held by exactly one
stakeholder were challenged.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from argmap._gc import paused_gc
from argmap.analysis import af as _af
from argmap.analysis.af import Framework, Label, Semantics
from argmap.analysis.semantics import Evaluation, evaluate
from argmap.analysis.structured import StructuredFramework, build, no_reason
from argmap.model import ArgumentMap, AttackKind, StanceKind

__all__ = [
    "PAIR_CANDIDATES",
    "Change",
    "DisputeNode",
    "Explanation",
    "Fragile",
    "Holder",
    "Pivot",
    "explain",
    "fragile_verdicts",
]

PAIR_CANDIDATES = 40
"""Pairs of changes are searched among at most this many changes (the nearest)."""

_DIRECTIONAL = (Semantics.GROUNDED, Semantics.COMPLETE, Semantics.PREFERRED)
_INCREMENTAL = (Semantics.GROUNDED, Semantics.COMPLETE)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Holder:
    """A stakeholder's stance on a claim, with how firmly the source puts it."""

    stakeholder: str
    name: str
    stance: str
    strength: float | None = None
    hedge: str | None = None
    hedge_words: str | None = None
    inferred: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "stakeholder": self.stakeholder,
            "name": self.name,
            "stance": self.stance,
            "strength": self.strength,
            "hedge": self.hedge,
            "hedge_words": self.hedge_words,
            "inferred": self.inferred,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the map: challenge or remove a claim, support or attack.

    ``text`` describes the item in words (a claim's label or text; a
    relation as "A supports B"). ``label`` is the item's label now;
    ``attacked`` whether anything in the map attacks it (False: it is
    unchallenged). ``holders``: for a claim, every stance on it; for a
    support or attack, the stances holding (asserting or endorsing) the claims
    it comes from. ``hedge``/``hedge_words``/``inferred`` are the item's own.
    """

    action: str
    kind: str
    item: str
    text: str
    label: str
    attacked: bool
    holders: tuple[Holder, ...] = ()
    hedge: str | None = None
    hedge_words: str | None = None
    inferred: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "kind": self.kind,
            "item": self.item,
            "text": self.text,
            "label": self.label,
            "attacked": self.attacked,
            "holders": [h.to_json() for h in self.holders],
            "hedge": self.hedge,
            "hedge_words": self.hedge_words,
            "inferred": self.inferred,
        }


@dataclass(frozen=True, slots=True)
class Pivot:
    """A smallest set of changes and the label the claim would then have."""

    changes: tuple[Change, ...]
    label: str

    def to_json(self) -> dict[str, Any]:
        return {"changes": [c.to_json() for c in self.changes], "label": self.label}


@dataclass(frozen=True, slots=True)
class DisputeNode:
    """One line of the dispute tree.

    ``role``: ``claim`` (the root), ``reason`` (a support for the parent;
    ``item`` is the premise, or the support itself when its premises are
    linked), ``premise`` (one of a linked reason's premises), ``objection``
    (a claim rebutting the parent) or ``undercut`` (a claim attacking the
    parent reason's inference). ``via`` is the support or attack linking the
    node to its parent; ``step`` the label of that support (a reason's
    inference can fail though its premise is in). ``status`` says in a few
    words why the item has its label. ``repeated``: shown higher up and not
    expanded again.
    """

    item: str
    kind: str
    role: str
    text: str
    label: str
    status: str
    via: str | None = None
    step: str | None = None
    repeated: bool = False
    children: tuple[DisputeNode, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "kind": self.kind,
            "role": self.role,
            "text": self.text,
            "label": self.label,
            "status": self.status,
            "via": self.via,
            "step": self.step,
            "repeated": self.repeated,
            "children": [c.to_json() for c in self.children],
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a claim has its label: the reason, the dispute tree, the pivots.

    ``pivots`` are all of the smallest size found (1 or 2; empty when no
    single change or pair changes the label). ``candidates`` is the number
    of single changes tried; ``complete`` is False when the pair search was
    cut by :data:`PAIR_CANDIDATES`. ``fragile`` lists the single changes
    that challenge an unchallenged claim standing without a reason and held
    by exactly one stakeholder (see :func:`fragile_verdicts`).
    """

    claim: str
    text: str
    semantics: str
    label: str
    reason: str
    tree: DisputeNode
    pivots: tuple[Pivot, ...]
    candidates: int
    complete: bool
    stakeholder: str | None = None
    given: tuple[str, ...] = ()
    fragile: tuple[Change, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "text": self.text,
            "semantics": self.semantics,
            "from": self.stakeholder,
            "given": list(self.given),
            "label": self.label,
            "reason": self.reason,
            "tree": self.tree.to_json(),
            "pivots": [p.to_json() for p in self.pivots],
            "candidates": self.candidates,
            "complete": self.complete,
            "fragile": [c.to_json() for c in self.fragile],
        }


@dataclass(frozen=True, slots=True)
class Fragile:
    """A verdict that would change if one unchallenged, thinly held claim fell.

    ``rests_on`` are those claims (each unattacked, standing with no reason
    of its own, and held by exactly one stakeholder), in map order;
    ``held_by`` maps each to its holder.
    """

    claim: str
    label: str
    rests_on: tuple[str, ...]
    held_by: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "rests_on": [{"claim": c, "held_by": self.held_by[c]} for c in self.rests_on],
        }


# --------------------------------------------------------------------------- words


def _words(amap: ArgumentMap, claim: str) -> str:
    c = amap.claim(claim)
    return c.label or c.text


def _hedge(item: object) -> tuple[str | None, str | None, str | None]:
    """(hedge, hedge words, inferred) of a claim, relation or stance."""
    hedge = getattr(item, "hedge", None)
    return (
        None if hedge is None else str(hedge),
        getattr(item, "hedge_words", None),
        getattr(item, "inferred", None),
    )


class _Context:
    """The map, its translation and labels, and who points at what."""

    def __init__(self, amap: ArgumentMap, ev: Evaluation, sf: StructuredFramework) -> None:
        self.amap = amap
        self.ev = ev
        self.sf = sf
        self.rebuttals: dict[str, list[tuple[str, str]]] = {}
        self.undercuts: dict[str, list[tuple[str, str]]] = {}
        for a in amap.attacks:
            group = self.rebuttals if a.kind == AttackKind.REBUTS else self.undercuts
            group.setdefault(a.target, []).append((a.id, a.attacker))
        self.reasons: dict[str, list[str]] = {}
        for s in amap.supports:
            self.reasons.setdefault(s.conclusion, []).append(s.id)
        self.stances: dict[str, list[Holder]] = {}
        for st in amap.stances:
            hedge, words, inferred = _hedge(st)
            self.stances.setdefault(st.claim, []).append(
                Holder(
                    st.stakeholder,
                    amap.stakeholder(st.stakeholder).name,
                    str(st.kind),
                    st.strength,
                    hedge,
                    words,
                    inferred,
                )
            )
        self.attacks = {a.id: a for a in amap.attacks}

    def label(self, item: str) -> str:
        labels = self.ev.labels if item in self.ev.labels else self.ev.support_labels
        return labels[item]

    def holders(self, claim: str) -> tuple[Holder, ...]:
        return tuple(self.stances.get(claim, ()))

    def holding(self, claim: str) -> tuple[Holder, ...]:
        return tuple(h for h in self.holders(claim) if h.stance != str(StanceKind.REJECTS))

    def status(self, claim: str) -> str:
        lab = self.ev.labels[claim]
        rebutters = [] if claim in self.sf.given else self.rebuttals.get(claim, [])
        if lab == "in":
            if claim in self.sf.given:
                return "accepted as given"
            if not rebutters:
                if claim in self.sf.presumed:
                    return "unchallenged"
                return "a reason holds; unchallenged"
            return "every objection is answered"
        if lab == "out":
            if any(self.ev.labels[a] == "in" for _, a in rebutters):
                return "defeated by an objection that stands"
            if claim not in self.sf.presumed:
                return "none of its reasons holds"
            return "defeated in every extension"
        return "open: the dispute does not settle it"

    def support_words(self, support: str) -> str:
        s = self.amap.support(support)
        premises = " + ".join(_words(self.amap, p).rstrip(".") for p in s.premises)
        return f"{premises} supports {_words(self.amap, s.conclusion).rstrip('.')}"


# --------------------------------------------------------------------------- the dispute


def _tree(ctx: _Context, root: str, depth: int | None) -> DisputeNode:
    shown: set[str] = {root}

    def claim_children(claim: str, level: int) -> tuple[DisputeNode, ...]:
        if depth is not None and level >= depth:
            return ()
        out: list[DisputeNode] = []
        for sid in ctx.reasons.get(claim, []):
            s = ctx.amap.support(sid)
            step = ctx.ev.support_labels[sid]
            cutters = [node(a, "undercut", aid, level + 1) for aid, a in ctx.undercuts.get(sid, [])]
            if len(s.premises) == 1:
                out.append(node(s.premises[0], "reason", sid, level, step, tuple(cutters)))
            else:
                premises = [node(p, "premise", None, level + 1) for p in s.premises]
                out.append(
                    DisputeNode(
                        sid,
                        "support",
                        "reason",
                        " + ".join(_words(ctx.amap, p) for p in s.premises),
                        step,
                        "the linked premises are all in" if step == "in" else "a premise fails",
                        sid,
                        step,
                        children=(*premises, *cutters),
                    )
                )
        for aid, a in ctx.rebuttals.get(claim, []):
            out.append(node(a, "objection", aid, level))
        return tuple(out)

    def node(
        claim: str,
        role: str,
        via: str | None,
        level: int,
        step: str | None = None,
        extra: tuple[DisputeNode, ...] = (),
    ) -> DisputeNode:
        repeated = claim in shown
        shown.add(claim)
        status = ctx.status(claim)
        if role == "objection" and claim not in ctx.sf.given and root in ctx.sf.given:
            status += "; does not count against a claim accepted as given"
        children = () if repeated else claim_children(claim, level + 1)
        return DisputeNode(
            claim,
            "claim",
            role,
            _words(ctx.amap, claim),
            ctx.ev.labels[claim],
            status,
            via,
            step,
            repeated,
            (*extra, *children),
        )

    return DisputeNode(
        root,
        "claim",
        "claim",
        _words(ctx.amap, root),
        ctx.ev.labels[root],
        ctx.status(root),
        children=claim_children(root, 0),
    )


# --------------------------------------------------------------------------- changes


@dataclass(frozen=True, slots=True)
class _Mod:
    """A change in framework terms."""

    forced_out: frozenset[int] = frozenset()
    removed_edges: frozenset[tuple[int, int]] = frozenset()
    removed_nodes: frozenset[int] = frozenset()
    # removed supports as (support, the conclusion's no-reason helper)
    removed_reasons: frozenset[tuple[int, int]] = frozenset()

    def combine(self, other: _Mod, reasons: Mapping[int, int]) -> _Mod:
        """Both changes at once; ``reasons``: no-reason helper -> number of reasons.

        A conclusion whose every reason is removed stands at face value, so
        its no-reason helper goes too.
        """
        gone = self.removed_reasons | other.removed_reasons
        nodes = set(self.removed_nodes | other.removed_nodes)
        count: dict[int, int] = {}
        for _, helper in gone:
            count[helper] = count.get(helper, 0) + 1
        nodes.update(h for h, n in count.items() if n == reasons.get(h))
        return _Mod(
            self.forced_out | other.forced_out,
            self.removed_edges | other.removed_edges,
            frozenset(nodes),
            gone,
        )

    def sources(self) -> set[int]:
        """Where the change enters the framework (its effect flows from here)."""
        out = set(self.forced_out)
        out.update(v for _, v in self.removed_edges)
        out.update(self.removed_nodes)
        return out


def _changes(ctx: _Context, nodes: set[int], target: str) -> list[tuple[Change, _Mod]]:
    """Every change whose item lies in the cone ``nodes``, in map order."""
    amap, sf = ctx.amap, ctx.sf
    index = sf.af.index
    out: list[tuple[Change, _Mod]] = []
    claim_holders = ctx.holding
    for c in amap.claims:
        n = index[c.id]
        if n not in nodes or c.id == target or c.id in sf.given:
            continue
        hedge, words, inferred = _hedge(c)
        out.append(
            (
                Change(
                    "challenge",
                    "claim",
                    c.id,
                    _words(amap, c.id),
                    ctx.label(c.id),
                    bool(ctx.rebuttals.get(c.id)),
                    ctx.holders(c.id),
                    hedge,
                    words,
                    inferred,
                ),
                _Mod(forced_out=frozenset({n})),
            )
        )
    for s in amap.supports:
        n = index[s.id]
        if n not in nodes:
            continue
        hedge, words, inferred = _hedge(s)
        holders = tuple(h for p in s.premises for h in claim_holders(p))
        text = ctx.support_words(s.id)
        attacked = bool(ctx.undercuts.get(s.id))
        out.append(
            (
                Change(
                    "challenge",
                    "support",
                    s.id,
                    text,
                    ctx.label(s.id),
                    attacked,
                    holders,
                    hedge,
                    words,
                    inferred,
                ),
                _Mod(forced_out=frozenset({n})),
            )
        )
        removed = {n}
        gone: frozenset[tuple[int, int]] = frozenset()
        if s.conclusion not in sf.presumed:
            helper = index[no_reason(s.conclusion)]
            gone = frozenset({(n, helper)})
            if ctx.reasons[s.conclusion] == [s.id]:
                # the conclusion is left with no reason: taken at face value
                removed.add(helper)
        out.append(
            (
                Change(
                    "remove",
                    "support",
                    s.id,
                    text,
                    ctx.label(s.id),
                    attacked,
                    holders,
                    hedge,
                    words,
                    inferred,
                ),
                _Mod(removed_nodes=frozenset(removed), removed_reasons=gone),
            )
        )
    for a in amap.attacks:
        if a.kind == AttackKind.REBUTS and a.target in sf.given:
            continue
        u, v = index[a.attacker], index[a.target]
        if v not in nodes:
            continue
        hedge, words, inferred = _hedge(a)
        verb = "rebuts" if a.kind == AttackKind.REBUTS else "undercuts"
        target_words = (
            _words(amap, a.target) if a.kind == AttackKind.REBUTS else ctx.support_words(a.target)
        )
        out.append(
            (
                Change(
                    "remove",
                    "attack",
                    a.id,
                    f"{_words(amap, a.attacker).rstrip('.')} {verb} {target_words.rstrip('.')}",
                    ctx.label(a.attacker),
                    bool(ctx.rebuttals.get(a.attacker)),
                    claim_holders(a.attacker),
                    hedge,
                    words,
                    inferred,
                ),
                _Mod(removed_edges=frozenset({(u, v)})),
            )
        )
    return out


# --------------------------------------------------------------------------- re-labelling


def _cone(af: Framework, target: int) -> set[int]:
    seen = {target}
    todo = [target]
    attackers = af.attackers
    while todo:
        for a in attackers[todo.pop()]:
            if a not in seen:
                seen.add(a)
                todo.append(a)
    return seen


def _distances(af: Framework, target: int, nodes: set[int]) -> dict[int, int]:
    dist = {target: 0}
    todo = deque([target])
    while todo:
        x = todo.popleft()
        for a in af.attackers[x]:
            if a in nodes and a not in dist:
                dist[a] = dist[x] + 1
                todo.append(a)
    return dist


class _Relabeller:
    """Decides the target's label after a change, within the cone."""

    def __init__(
        self,
        af: Framework,
        sem: Semantics,
        base: Sequence[Label],
        nodes: set[int],
        target: int,
        ground: Sequence[Label] | None = None,
    ) -> None:
        self.af = af
        self.sem = sem
        self.base = base
        self.nodes = nodes
        self.target = target
        # the grounded labelling, and where it leaves the scope undecided
        self.ground = base if ground is None else ground
        self._open: set[int] | None = None

    @property
    def open(self) -> set[int]:
        if self._open is None:
            self._open = {n for n in self.nodes if self.ground[n] is Label.UNDECIDED}
        return self._open

    def effective(self, mod: _Mod) -> bool:
        """Whether the change can alter the label of what it changes (cheap).

        Only grounded (and complete) labels are monotone enough for this: a
        new attacker of an argument already out, or a lost attack from one,
        changes nothing there. Under preferred and stable semantics it can
        (a new attacker may free an extension that had to defeat it), so
        every change is tried.
        """
        if self.sem not in _INCREMENTAL:
            return True
        base = self.base
        if any(base[n] is not Label.OUT for n in mod.forced_out):
            return True
        if any(base[u] is not Label.OUT for u, _ in mod.removed_edges):
            return True
        return any(base[n] is not Label.OUT or self.af.targets[n] for n in mod.removed_nodes)

    def label(self, mod: _Mod) -> Label:
        """The target's label after the change.

        Under preferred and stable semantics the grounded re-labelling is
        used whenever it is total on the scope after the change (it is then
        the only complete labelling); otherwise the SAT solver decides.
        """
        if self.sem in _INCREMENTAL:
            return self._grounded(mod)
        region = self._region(mod)
        if self.open <= region:
            after = self.region_labels(mod, region, self.ground)
            if Label.UNDECIDED not in after.values():
                if self.target in mod.removed_nodes or self.target not in after:
                    return self.ground[self.target]
                return after[self.target]
        return self._exact(mod)

    def _region(self, mod: _Mod) -> set[int]:
        """The part of the scope downstream of the change."""
        region: set[int] = set()
        todo = [n for n in mod.sources() if n in self.nodes]
        region.update(todo)
        targets, nodes = self.af.targets, self.nodes
        while todo:
            for t in targets[todo.pop()]:
                if t in nodes and t not in region:
                    region.add(t)
                    todo.append(t)
        return region

    def _grounded(self, mod: _Mod) -> Label:
        # the part of the cone downstream of the change
        region: set[int] = set()
        todo = [n for n in mod.sources() if n in self.nodes]
        region.update(todo)
        targets, nodes = self.af.targets, self.nodes
        while todo:
            for t in targets[todo.pop()]:
                if t in nodes and t not in region:
                    region.add(t)
                    todo.append(t)
        if self.target not in region or self.target in mod.removed_nodes:
            return self.base[self.target]
        return self.region_labels(mod, region)[self.target]

    def region_labels(
        self, mod: _Mod, region: set[int], fixed: Sequence[Label] | None = None
    ) -> dict[int, Label]:
        """The grounded labels of ``region`` after the change, the rest held fixed.

        ``region`` must be closed downstream within the cone: nothing outside
        it depends on the change, so its grounded labelling is that of the
        region conditioned on the fixed labels of its attackers outside it.
        """
        af = self.af
        base = self.base if fixed is None else fixed
        targets = af.targets
        removed_edges, removed_nodes, forced = mod.removed_edges, mod.removed_nodes, mod.forced_out
        undecided, in_, out = 0, 1, 2
        state: dict[int, int] = {}
        live: dict[int, int] = {}
        outs: list[int] = []
        for r in region:
            if r in removed_nodes:
                continue
            count = 0
            beaten = r in forced
            for a in af.attackers[r]:
                if a in removed_nodes or (a, r) in removed_edges:
                    continue
                if a in region:
                    count += 1
                else:
                    lab = base[a]
                    if lab is Label.IN:
                        beaten = True
                    elif lab is Label.UNDECIDED:
                        count += 1
            state[r] = undecided
            live[r] = count
            if beaten:
                outs.append(r)

        def edges_from(x: int) -> Iterable[int]:
            for t in targets[x]:
                if t in state and (x, t) not in removed_edges:
                    yield t

        stack: list[int] = []

        def mark_out(x: int) -> None:
            state[x] = out
            for u in edges_from(x):
                live[u] -= 1
                if not live[u] and state[u] == undecided:
                    stack.append(u)

        for r in outs:
            if state[r] == undecided:
                mark_out(r)
        stack.extend(r for r, n in live.items() if not n and state[r] == undecided)
        while stack:
            i = stack.pop()
            if state[i] != undecided:
                continue
            state[i] = in_
            for t in edges_from(i):
                if state[t] == undecided:
                    mark_out(t)
        names = (Label.UNDECIDED, Label.IN, Label.OUT)
        return {r: names[x] for r, x in state.items()}

    def _exact(self, mod: _Mod) -> Label:
        names = [self.af.names[i] for i in sorted(self.nodes) if i not in mod.removed_nodes]
        keep = set(names)
        edges: list[tuple[str, str]] = []
        for i in self.nodes:
            if i in mod.removed_nodes:
                continue
            for t in self.af.targets[i]:
                if (
                    t in self.nodes
                    and t not in mod.removed_nodes
                    and (i, t) not in mod.removed_edges
                ):
                    edges.append((self.af.names[i], self.af.names[t]))
        for n in sorted(mod.forced_out):
            challenger = f"challenge({self.af.names[n]})"
            names.append(challenger)
            keep.add(challenger)
            edges.append((challenger, self.af.names[n]))
        framework = Framework.from_edges(names, edges)
        result = _af.labelling(framework, self.sem)
        return result.labels[framework.index[self.af.names[self.target]]]


# --------------------------------------------------------------------------- explain


def explain(
    amap: ArgumentMap,
    claim: str,
    semantics: str = "grounded",
    *,
    stakeholder: str | None = None,
    given: Iterable[str] = (),
    depth: int | None = None,
    words: bool = False,
) -> Explanation:
    """Why ``claim`` has its label under ``semantics``: reason, dispute tree, pivots.

    ``stakeholder`` and ``given`` accept claims as given, as in
    :func:`argmap.analysis.semantics.evaluate`. ``depth`` limits the tree to
    that many levels below the claim (None: the whole dispute). ``words``:
    the reason cites claims in words rather than by id (as in ``evaluate``).
    """
    amap.require_claim(claim)
    with paused_gc():
        ev = evaluate(amap, semantics, given=given, stakeholder=stakeholder, words=words)
        sf = build(amap, ev.given)
        ctx = _Context(amap, ev, sf)
        tree = _tree(ctx, claim, depth)
        pivots, tried, complete = _pivots(ctx, claim, Semantics(ev.semantics))
    fragile = tuple(
        c
        for p in pivots
        if len(p.changes) == 1
        for c in p.changes
        if c.action == "challenge"
        and c.kind == "claim"
        and not c.attacked
        and c.item in sf.presumed
        and len({h.stakeholder for h in c.holders if h.stance != str(StanceKind.REJECTS)}) == 1
    )
    return Explanation(
        claim=claim,
        text=_words(amap, claim),
        semantics=ev.semantics,
        label=ev.labels[claim],
        reason=ev.reasons[claim],
        tree=tree,
        pivots=pivots,
        candidates=tried,
        complete=complete,
        stakeholder=stakeholder,
        given=ev.given,
        fragile=fragile,
    )


def _pivots(ctx: _Context, claim: str, sem: Semantics) -> tuple[tuple[Pivot, ...], int, bool]:
    sf = ctx.sf
    af = sf.af
    target = sf.node(claim)
    nodes = _cone(af, target) if sem in _DIRECTIONAL else set(range(len(af)))
    base = _af.labelling(af, sem, limit=64).labels
    ground = base if sem in _INCREMENTAL else _af.grounded(af)
    relabel = _Relabeller(af, sem, base, nodes, target, ground)
    now = base[target]
    changes = _changes(ctx, nodes, claim)
    singles: list[Pivot] = []
    for change, mod in changes:
        if not relabel.effective(mod):
            continue
        after = relabel.label(mod)
        if after is not now:
            singles.append(Pivot((change,), str(after)))
    if singles:
        return tuple(singles), len(changes), True
    dist = _distances(af, target, nodes)

    def nearest(mod: _Mod) -> int:
        return min((dist.get(n, len(af)) for n in mod.sources()), default=len(af))

    effective = [(c, m) for c, m in changes if relabel.effective(m)]
    effective.sort(key=lambda cm: nearest(cm[1]))
    complete = len(effective) <= PAIR_CANDIDATES
    pool = effective[:PAIR_CANDIDATES]
    reasons: dict[int, int] = {}
    for conclusion, ids in ctx.reasons.items():
        if conclusion not in sf.presumed:
            reasons[sf.node(no_reason(conclusion))] = len(ids)
    pairs: list[Pivot] = []
    for (c1, m1), (c2, m2) in combinations(pool, 2):
        if c1.item == c2.item and c1.kind == c2.kind:
            continue
        after = relabel.label(m1.combine(m2, reasons))
        if after is not now:
            pairs.append(Pivot((c1, c2), str(after)))
    order = {c.item + "\0" + c.action: i for i, (c, _) in enumerate(changes)}
    pairs.sort(key=lambda p: tuple(order[c.item + "\0" + c.action] for c in p.changes))
    return tuple(pairs), len(changes), complete


# --------------------------------------------------------------------------- fragile verdicts


def fragile_verdicts(amap: ArgumentMap, ev: Evaluation) -> dict[str, Fragile]:
    """Claim -> :class:`Fragile`, for every verdict of ``ev`` that is fragile.

    A verdict is fragile when challenging one claim that nothing attacks,
    that stands with no reason of its own, and that exactly one stakeholder
    holds (asserts or endorses) would change it: the verdict then rests on
    that one party's unanswered word.
    The claims challenged are never themselves marked (their label trivially
    rests on themselves). Claims accepted as given are not challenged.
    """
    with paused_gc():
        return _fragile(amap, ev)


def _fragile(amap: ArgumentMap, ev: Evaluation) -> dict[str, Fragile]:
    holders: dict[str, set[str]] = {}
    for st in amap.stances:
        if st.kind is not StanceKind.REJECTS:
            holders.setdefault(st.claim, set()).add(st.stakeholder)
    if not any(len(h) == 1 for h in holders.values()):
        return {}  # no claim is held by exactly one stakeholder: none is challenged
    sem = Semantics(ev.semantics)
    sf = build(amap, ev.given)
    af = sf.af
    attacked = {a.target for a in amap.attacks if a.kind == AttackKind.REBUTS}
    base: list[Label] | None = None
    ground: list[Label] | None = None
    everything = set(range(len(af)))
    found: dict[str, list[str]] = {}
    held_by: dict[str, str] = {}
    claim_nodes = {sf.node(c): c for c in sf.claims}
    for c in amap.claims:
        if (
            c.id in attacked
            or c.id in sf.given
            or c.id not in sf.presumed
            or len(holders.get(c.id, ())) != 1
        ):
            continue
        if ev.labels[c.id] == "out" and sem in _INCREMENTAL:
            continue  # challenging what is out changes no grounded label
        if base is None:
            base = _af.labelling(af, sem, limit=64).labels
            ground = base if sem in _INCREMENTAL else _af.grounded(af)
        node = sf.node(c.id)
        changed = _changed(af, sem, base, everything, node, ground)
        hit = False
        for n in changed:
            other = claim_nodes.get(n)
            if other is not None and other != c.id:
                found.setdefault(other, []).append(c.id)
                hit = True
        if hit:
            held_by[c.id] = next(iter(holders[c.id]))
    order = {c.id: i for i, c in enumerate(amap.claims)}
    return {
        claim: Fragile(
            claim,
            ev.labels[claim],
            tuple(sorted(rests, key=order.__getitem__)),
            {r: held_by[r] for r in rests},
        )
        for claim, rests in sorted(found.items(), key=lambda kv: order[kv[0]])
    }


def _changed(
    af: Framework,
    sem: Semantics,
    base: Sequence[Label],
    nodes: set[int],
    node: int,
    grounded_base: Sequence[Label] | None = None,
) -> list[int]:
    """The arguments whose label changes when ``node`` is challenged.

    Under preferred and stable semantics ``grounded_base`` (the grounded
    labelling) lets most changes be decided without the SAT solver: where the
    grounded labelling of the part that matters is total both before and after
    the change, it is the only complete labelling there, so the preferred and
    stable ones coincide with it.
    """
    mod = _Mod(forced_out=frozenset({node}))
    region = _downstream(af, node)
    if sem in _INCREMENTAL:
        labels = _Relabeller(af, sem, base, nodes, node).region_labels(mod, region)
        return sorted(n for n, lab in labels.items() if lab is not base[n])
    ground = grounded_base if grounded_base is not None else _af.grounded(af)
    if sem is Semantics.PREFERRED:
        scope = _upstream(af, region)
        total = all(ground[n] is not Label.UNDECIDED for n in scope)
    else:
        scope = set(range(len(af)))
        total = Label.UNDECIDED not in ground
    if total:
        labels = _Relabeller(af, Semantics.GROUNDED, ground, nodes, node).region_labels(mod, region)
        if all(lab is not Label.UNDECIDED for lab in labels.values()):
            return sorted(n for n, lab in labels.items() if lab is not base[n])
    keep = sorted(scope)
    names = [af.names[i] for i in keep]
    edges = [(af.names[a], af.names[t]) for a in keep for t in af.targets[a] if t in scope]
    names.append("challenge")
    edges.append(("challenge", af.names[node]))
    framework = Framework.from_edges(names, edges)
    after = _af.labelling(framework, sem, limit=64).labels
    return sorted(n for n in scope if after[framework.index[af.names[n]]] is not base[n])


def _upstream(af: Framework, region: set[int]) -> set[int]:
    """``region`` and every argument from which an attack path leads into it."""
    seen = set(region)
    todo = list(region)
    while todo:
        for a in af.attackers[todo.pop()]:
            if a not in seen:
                seen.add(a)
                todo.append(a)
    return seen


def _downstream(af: Framework, node: int) -> set[int]:
    seen = {node}
    todo = [node]
    while todo:
        for t in af.targets[todo.pop()]:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen
