"""Abstract argumentation frameworks (Dung): grounded, complete, preferred, stable.

Preconditions: a :class:`Framework` holds arguments numbered ``0..n-1`` (with
names for output) and attacks between them; self-attacks are allowed.

The grounded labelling is computed in linear time (O(arguments + attacks)) by
the usual propagation: an argument whose attackers are all out is in, and
whatever an in argument attacks is out. Complete, preferred and stable
semantics are encoded as SAT over labellings (two variables per argument, "in"
and "out"; neither means undecided) and solved with an incremental solver from
python-sat: credulous acceptance is one SAT call, stable sceptical acceptance
one UNSAT call, and preferred extensions come from growing a complete
extension until no strictly larger one exists (sceptical acceptance under
preferred semantics repeats that growth, excluding each preferred extension
found, until a counter-example appears or none is left).

Where a semantics has several extensions, :func:`labelling` gives an argument
the label it has in every extension and "undecided" when the extensions
disagree (for complete semantics that is exactly the grounded labelling).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from argmap._gc import paused_gc
from argmap.errors import ToolMissingError

SOLVER = "glucose4"
"""The python-sat solver used (incremental, with assumptions)."""


class Label(StrEnum):
    """The label of an argument or claim."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


class Semantics(StrEnum):
    """The extension-based semantics offered."""

    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"


@dataclass(slots=True)
class Framework:
    """Arguments ``0..n-1`` with names.

    ``attackers[i]`` attack ``i``; ``targets[i]`` are attacked by ``i``.
    """

    names: list[str]
    attackers: list[list[int]]
    targets: list[list[int]]
    index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_edges(cls, names: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """Build a framework from argument names and (attacker, target) name pairs.

        Repeated attacks are kept once. Unknown names in attacks raise KeyError.
        """
        with paused_gc():
            return cls._from_edges(list(names), attacks)

    @classmethod
    def _from_edges(cls, name_list: list[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        index = {name: i for i, name in enumerate(name_list)}
        n = len(name_list)
        attackers: list[list[int]] = [[] for _ in range(n)]
        targets: list[list[int]] = [[] for _ in range(n)]
        seen: set[tuple[int, int]] = set()
        for a, b in attacks:
            pair = (index[a], index[b])
            if pair in seen:
                continue
            seen.add(pair)
            attackers[pair[1]].append(pair[0])
            targets[pair[0]].append(pair[1])
        return cls(name_list, attackers, targets, index)

    @classmethod
    def from_indices(cls, n: int, attacks: Iterable[tuple[int, int]]) -> Framework:
        """Build a framework on arguments named ``"0"``..``str(n-1)``."""
        with paused_gc():
            return cls._from_indices(n, attacks)

    @classmethod
    def _from_indices(cls, n: int, attacks: Iterable[tuple[int, int]]) -> Framework:
        names = [str(i) for i in range(n)]
        attackers: list[list[int]] = [[] for _ in range(n)]
        targets: list[list[int]] = [[] for _ in range(n)]
        for a, b in set(attacks):
            if not (0 <= a < n and 0 <= b < n):
                raise KeyError(f"attack ({a}, {b}) outside 0..{n - 1}")
            attackers[b].append(a)
            targets[a].append(b)
        for lists in (attackers, targets):
            for item in lists:
                item.sort()
        return cls(names, attackers, targets, {name: i for i, name in enumerate(names)})

    def __len__(self) -> int:
        return len(self.names)

    def attacks(self) -> Iterator[tuple[int, int]]:
        """Every attack as (attacker, target), by attacker then target order of insertion."""
        for a, ts in enumerate(self.targets):
            for t in ts:
                yield a, t


def grounded(af: Framework) -> list[Label]:
    """The grounded labelling, in linear time."""
    n = len(af)
    undecided, in_, out = 0, 1, 2
    state = [undecided] * n
    # number of attackers not yet out, per argument
    live = [len(a) for a in af.attackers]
    stack = [i for i in range(n) if not live[i]]
    targets = af.targets
    pop, push = stack.pop, stack.append
    while stack:
        i = pop()
        state[i] = in_
        for t in targets[i]:
            if state[t] == undecided:
                state[t] = out
                for u in targets[t]:
                    live[u] -= 1
                    if not live[u] and state[u] == undecided:
                        push(u)
    names = (Label.UNDECIDED, Label.IN, Label.OUT)
    return [names[x] for x in state]


def grounded_extension(af: Framework) -> frozenset[int]:
    """The grounded extension: the arguments labelled in."""
    return frozenset(i for i, lab in enumerate(grounded(af)) if lab is Label.IN)


class _Encoding:
    """A SAT solver loaded with the complete (or stable) labelling constraints.

    Variable ``i + 1`` says argument ``i`` is in, ``n + i + 1`` that it is out.
    """

    def __init__(self, af: Framework, *, stable: bool) -> None:
        self.af = af
        self.n = n = len(af)
        self.next_var = 2 * n + 1
        try:
            from pysat.solvers import Solver  # type: ignore[import-untyped]
        except ImportError:
            raise ToolMissingError(
                "complete, preferred and stable semantics need python-sat "
                "(pip install python-sat); grounded semantics does not"
            ) from None
        self.solver = Solver(name=SOLVER)
        add = self.solver.add_clause
        for i in range(n):
            x_in, x_out = i + 1, n + i + 1
            atk = af.attackers[i]
            add([-x_in, -x_out])
            # in iff every attacker is out
            for y in atk:
                add([-x_in, n + y + 1])
            add([x_in, *(-(n + y + 1) for y in atk)])
            # out iff some attacker is in
            add([-x_out, *(y + 1 for y in atk)])
            for y in atk:
                add([-(y + 1), x_out])
            if stable:
                add([x_in, x_out])

    def fresh(self) -> int:
        var = self.next_var
        self.next_var += 1
        return var

    def solve(self, assumptions: Sequence[int] = ()) -> frozenset[int] | None:
        """The in-set of a labelling satisfying the constraints, or None."""
        if not self.solver.solve(assumptions=list(assumptions)):
            return None
        model = self.solver.get_model()
        return frozenset(v - 1 for v in model[: self.n] if v > 0)

    def in_lit(self, i: int) -> int:
        return i + 1

    def out_lit(self, i: int) -> int:
        return self.n + i + 1

    def maximise(self, ext: frozenset[int], assumptions: Sequence[int] = ()) -> frozenset[int]:
        """Grow a complete extension to a preferred one containing it."""
        while True:
            act = self.fresh()
            outside = [i + 1 for i in range(self.n) if i not in ext]
            self.solver.add_clause([-act, *outside])
            bigger = self.solve([*assumptions, act, *(i + 1 for i in ext)])
            self.solver.add_clause([-act])
            if bigger is None:
                return ext
            ext = bigger

    def close(self) -> None:
        self.solver.delete()

    def __enter__(self) -> _Encoding:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check(af: Framework, arg: int) -> None:
    if not 0 <= arg < len(af):
        raise IndexError(f"no argument {arg} in a framework of {len(af)}")


def one_extension(af: Framework, semantics: Semantics | str) -> frozenset[int] | None:
    """One extension under the semantics (None: stable semantics and no stable extension)."""
    sem = Semantics(semantics)
    if sem in (Semantics.GROUNDED, Semantics.COMPLETE):
        return grounded_extension(af)
    if sem is Semantics.PREFERRED:
        with _Encoding(af, stable=False) as enc:
            return enc.maximise(grounded_extension(af))
    with _Encoding(af, stable=True) as enc:
        return enc.solve()


def credulous(af: Framework, arg: int, semantics: Semantics | str) -> bool:
    """Whether ``arg`` is in some extension (grounded: in the grounded one)."""
    _check(af, arg)
    sem = Semantics(semantics)
    if sem is Semantics.GROUNDED:
        return grounded(af)[arg] is Label.IN
    # an argument in a complete extension is in the preferred one containing it
    with _Encoding(af, stable=sem is Semantics.STABLE) as enc:
        return enc.solve([arg + 1]) is not None


def sceptical(af: Framework, arg: int, semantics: Semantics | str) -> bool:
    """Whether ``arg`` is in every extension (vacuously true if there is none)."""
    _check(af, arg)
    sem = Semantics(semantics)
    if sem in (Semantics.GROUNDED, Semantics.COMPLETE):
        return grounded(af)[arg] is Label.IN
    with _Encoding(af, stable=sem is Semantics.STABLE) as enc:
        if sem is Semantics.STABLE:
            return enc.solve([-(arg + 1)]) is None
        return _sceptical_preferred(enc, arg + 1)


def _sceptical_preferred(enc: _Encoding, lit: int) -> bool:
    """Whether the labelling literal ``lit`` holds in every preferred extension.

    Counter-example search: a complete extension where ``lit`` fails, not inside
    any preferred extension already found to satisfy ``lit``; grown to a
    preferred extension, it either refutes ``lit`` or is excluded in turn.
    """
    blocks: list[int] = []
    while True:
        start = enc.solve([-lit, *blocks])
        if start is None:
            return True
        pref = enc.maximise(start)
        if not _holds(enc, lit, pref):
            return False
        act = enc.fresh()
        enc.solver.add_clause([-act, *(i + 1 for i in range(enc.n) if i not in pref)])
        blocks.append(act)


def _holds(enc: _Encoding, lit: int, ext: frozenset[int]) -> bool:
    """Whether ``lit`` (an in- or out-literal) is true in the labelling of ``ext``."""
    n = enc.n
    if lit <= n:
        return (lit - 1) in ext
    arg = lit - n - 1
    return any(a in ext for a in enc.af.attackers[arg])


def extensions(
    af: Framework, semantics: Semantics | str, limit: int | None = None
) -> list[frozenset[int]]:
    """Every extension (up to ``limit``), each as a set of argument numbers, sorted."""
    sem = Semantics(semantics)
    if sem is Semantics.GROUNDED:
        return [grounded_extension(af)]
    core, und, sub = _undecided_part(af)
    found = [core | {und[k] for k in ext} for ext in _extensions(sub, sem, limit)]
    return sorted(found, key=lambda e: sorted(e))


def _undecided_part(af: Framework) -> tuple[frozenset[int], list[int], Framework]:
    """The grounded extension, the arguments grounded semantics leaves undecided,
    and the framework they form among themselves.

    Every complete labelling agrees with the grounded one on the arguments it
    decides, and an undecided argument has no attacker in the grounded
    extension: its out attackers are out in every complete labelling, so only
    its undecided attackers matter. The complete (preferred, stable)
    labellings of the framework are therefore the grounded labelling joined
    with the complete (preferred, stable) labellings of the undecided part:
    the SAT work is on that part alone.
    """
    base = grounded(af)
    core = frozenset(i for i, lab in enumerate(base) if lab is Label.IN)
    und = [i for i, lab in enumerate(base) if lab is Label.UNDECIDED]
    pos = {a: k for k, a in enumerate(und)}
    sub = Framework(
        [af.names[a] for a in und],
        [[pos[y] for y in af.attackers[a] if y in pos] for a in und],
        [[pos[t] for t in af.targets[a] if t in pos] for a in und],
    )
    return core, und, sub


def _extensions(af: Framework, sem: Semantics, limit: int | None) -> list[frozenset[int]]:
    """Complete, preferred or stable extensions by SAT, up to ``limit``, in the order found."""
    found: list[frozenset[int]] = []
    with _Encoding(af, stable=sem is Semantics.STABLE) as enc:
        while limit is None or len(found) < limit:
            ext = enc.solve()
            if ext is None:
                break
            if sem is Semantics.PREFERRED:
                ext = enc.maximise(ext)
                # no later extension may lie inside this one
                enc.solver.add_clause([i + 1 for i in range(enc.n) if i not in ext])
            else:
                # exclude exactly this in-set
                enc.solver.add_clause([-(i + 1) if i in ext else i + 1 for i in range(enc.n)])
            found.append(ext)
    return found


def labels_of(af: Framework, ext: frozenset[int]) -> list[Label]:
    """The labelling of an extension: in, out (attacked by it) or undecided."""
    labels = [Label.UNDECIDED] * len(af)
    for i in ext:
        labels[i] = Label.IN
        for t in af.targets[i]:
            if t not in ext:
                labels[t] = Label.OUT
    return labels


@dataclass(frozen=True, slots=True)
class Result:
    """Labels under a semantics, with the extensions when they were enumerated.

    ``extensions`` is None when there were more than the enumeration limit (the
    labels are then computed argument by argument); ``exists`` is False for
    stable semantics on a framework with no stable extension.
    """

    labels: list[Label]
    extensions: list[frozenset[int]] | None
    exists: bool = True


def labelling(af: Framework, semantics: Semantics | str, limit: int = 64) -> Result:
    """The label every argument has in every extension, else undecided.

    Only the arguments grounded semantics leaves undecided need SAT (see
    :func:`_undecided_part`). Up to ``limit`` extensions are listed; when
    there are more, each open literal (an argument in, or out, in every
    extension) is decided backbone-style: every extension found along the way,
    by enumeration or while refuting another literal, rules out every literal
    it falsifies, so most are settled without a call of their own.
    """
    sem = Semantics(semantics)
    base = grounded(af)
    if sem is Semantics.GROUNDED:
        return Result(base, [frozenset(i for i, lab in enumerate(base) if lab is Label.IN)])
    core, und, sub = _undecided_part(af)
    found = _extensions(sub, sem, limit + 1)
    exts = sorted((core | {und[k] for k in ext} for ext in found), key=lambda e: sorted(e))
    if sem is Semantics.COMPLETE:
        # the labels are the grounded ones; the extensions are listed when few
        return Result(base, exts if len(exts) <= limit else None)
    if sem is Semantics.STABLE and not exts:
        return Result([Label.UNDECIDED] * len(af), [], exists=False)
    if len(exts) <= limit:
        per = [labels_of(af, e) for e in exts]
        labels = [
            per[0][i] if all(p[i] is per[0][i] for p in per) else Label.UNDECIDED
            for i in range(len(af))
        ]
        return Result(labels, exts)
    labels = list(base)
    if sem is Semantics.STABLE:
        decided = _backbone(sub, sem, found)
    else:
        decided = _preferred_backbone(sub, found)
    for k, verdict in decided.items():
        labels[und[k]] = verdict
    return Result(labels, None)


def _preferred_backbone(af: Framework, known: list[frozenset[int]]) -> dict[int, Label]:
    """:func:`_backbone` for preferred semantics, one strongly connected
    component at a time, each on the part of the framework upstream of it.

    Preferred semantics is directional: the preferred extensions of the part
    of a framework that nothing outside it attacks are the preferred
    extensions of the whole cut down to that part. So whether an argument is
    in (or out) in every preferred extension is decided on its component and
    everything that attacks it, directly or not: independent parts elsewhere
    (each doubling the number of extensions) do not enter the search.
    """
    order = _components(af)
    comp_of = {a: c for c, members in enumerate(order) for a in members}
    decided: dict[int, Label] = {}
    upstream: list[frozenset[int]] = []
    for c, members in enumerate(order):  # attackers' components come first
        up = set(members)
        for a in members:
            for y in af.attackers[a]:
                if comp_of[y] != c:
                    up |= upstream[comp_of[y]]
        upstream.append(frozenset(up))
    groups: dict[frozenset[int], list[int]] = {}
    for c, members in enumerate(order):
        groups.setdefault(upstream[c], []).extend(members)
    for part, members in groups.items():
        keep = sorted(part)
        pos = {a: k for k, a in enumerate(keep)}
        sub = Framework(
            [af.names[a] for a in keep],
            [[pos[y] for y in af.attackers[a]] for a in keep],
            [[pos[t] for t in af.targets[a] if t in pos] for a in keep],
        )
        seeds = list({frozenset(pos[a] for a in ext if a in pos) for ext in known})
        wanted = {pos[a] for a in members}
        for k, verdict in _backbone(sub, Semantics.PREFERRED, seeds, wanted).items():
            decided[keep[k]] = verdict
    return decided


def _components(af: Framework) -> list[list[int]]:
    """The strongly connected components of the attack graph, every component
    after the components of its attackers (Tarjan's algorithm, iterative)."""
    n = len(af)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            succ = af.attackers[v]  # walk against the attacks: attackers first
            while i < len(succ):
                w = succ[i]
                i += 1
                if index[w] < 0:
                    work.append((v, i))
                    work.append((w, 0))
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            else:
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
    return out


def _backbone(
    af: Framework,
    sem: Semantics,
    known: list[frozenset[int]],
    wanted: set[int] | None = None,
) -> dict[int, Label]:
    """The arguments in (or out) in every preferred or stable extension of ``af``.

    ``known`` are extensions already found. A literal stays a candidate while
    every extension seen satisfies it; a candidate is decided by one search
    for an extension that falsifies it (stable: one SAT call; preferred: the
    counter-example search of :func:`_sceptical_preferred`, blocking the
    preferred extensions seen that satisfy it), and every extension that
    search meets removes the candidates it falsifies. Only the arguments in
    ``wanted`` (default: all) are decided.
    """
    n = len(af)
    candidates: dict[int, tuple[int, Label]] = {}  # literal -> (argument, label)
    seen = [labels_of(af, e) for e in known]
    for k in range(n) if wanted is None else sorted(wanted):
        for lit, verdict in ((k + 1, Label.IN), (n + k + 1, Label.OUT)):
            if all(lab[k] is verdict for lab in seen):
                candidates[lit] = (k, verdict)
    decided: dict[int, Label] = {}
    with _Encoding(af, stable=sem is Semantics.STABLE) as enc:
        prefs: list[tuple[frozenset[int], int]] = []
        if sem is Semantics.PREFERRED:
            for ext in known:
                prefs.append((ext, _block(enc, ext)))

        def met(ext: frozenset[int]) -> None:
            lab = labels_of(af, ext)
            for lit in [c for c, (k, v) in candidates.items() if lab[k] is not v]:
                del candidates[lit]

        while candidates:
            lit = next(iter(candidates))
            k, verdict = candidates[lit]
            if sem is Semantics.STABLE:
                model = enc.solve([-lit])
                if model is None:
                    decided[k] = verdict
                    del candidates[lit]
                else:
                    met(model)
                continue
            blocks = [act for ext, act in prefs if _holds(enc, lit, ext)]
            while True:
                start = enc.solve([-lit, *blocks])
                if start is None:
                    decided[k] = verdict
                    del candidates[lit]
                    break
                pref = enc.maximise(start)
                act = _block(enc, pref)
                prefs.append((pref, act))
                met(pref)
                if lit not in candidates:  # refuted
                    break
                blocks.append(act)
    return decided


def _block(enc: _Encoding, ext: frozenset[int]) -> int:
    """An activation literal that, assumed, excludes every extension inside ``ext``."""
    act = enc.fresh()
    enc.solver.add_clause([-act, *(i + 1 for i in range(enc.n) if i not in ext)])
    return act
