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
disagree (for complete semantics that is exactly the grounded labelling), and
says of every argument whether it is credulously and sceptically accepted. It
starts from the grounded labelling, solves each weakly connected part of what
that leaves undecided on its own, and there lets every model the solver
returns settle every argument it labels (docs/evaluation.md).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from operator import add, mul

from argmap._gc import paused_gc
from argmap.errors import ToolMissingError

_DRAINED: deque[object] = deque(maxlen=0)
_drain: Callable[[Iterable[object]], None] = _DRAINED.extend
"""Runs an iterator to its end, keeping nothing."""

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
        pairs = list(attacks)
        return cls.from_ends(names, [a for a, _ in pairs], [b for _, b in pairs])

    @classmethod
    def from_ends(
        cls, names: Iterable[str], attackers: Sequence[str], targets: Sequence[str]
    ) -> Framework:
        """:meth:`from_edges` with the attacks given as two lists of names:
        ``attackers[i]`` attacks ``targets[i]``."""
        if len(attackers) != len(targets):
            raise ValueError("as many attackers as targets are needed")
        with paused_gc():
            return cls._from_ends(list(names), attackers, targets)

    @classmethod
    def _from_ends(
        cls, name_list: list[str], attacker_names: Sequence[str], target_names: Sequence[str]
    ) -> Framework:
        index = {name: i for i, name in enumerate(name_list)}
        n = len(name_list)
        attackers: list[list[int]] = [[] for _ in range(n)]
        targets: list[list[int]] = [[] for _ in range(n)]
        number = index.__getitem__
        sources = list(map(number, attacker_names))
        sinks = list(map(number, target_names))
        if len(set(map(add, map(mul, sources, repeat(n)), sinks))) < len(sources):
            # repeated attacks kept once, in the order first given
            unique = list(dict.fromkeys(zip(sources, sinks, strict=True)))
            sources = [a for a, _ in unique]
            sinks = [b for _, b in unique]
        # the lists grow in C: each attack appended to its target's and its attacker's list
        _drain(map(list.append, map(attackers.__getitem__, sinks), sources))
        _drain(map(list.append, map(targets.__getitem__, sources), sinks))
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
    return sorted(found, key=lambda e: sorted(e))


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

    ``extensions`` is None when there were more than the enumeration limit;
    ``exists`` is False for stable semantics on a framework with no stable
    extension. ``credulous[i]`` says argument ``i`` is in some extension,
    ``sceptical[i]`` that it is in every one (vacuously true when there is
    none).
    """

    labels: list[Label]
    extensions: list[frozenset[int]] | None
    exists: bool = True
    credulous: list[bool] = field(default_factory=list)
    sceptical: list[bool] = field(default_factory=list)


def labelling(af: Framework, semantics: Semantics | str, limit: int = 64) -> Result:
    """Labels, credulous and sceptical acceptance of every argument, and the
    extensions when there are at most ``limit``.

    An argument is labelled in (out) when it is in (out) in every extension,
    otherwise undecided. Only the arguments the grounded labelling leaves
    undecided are open: every complete labelling agrees with the grounded one
    on the rest, and the undecided arguments split into parts with no attack
    between them (weakly connected components), whose extensions combine
    freely, so each part is solved alone (:func:`_solve_part`).
    """
    sem = Semantics(semantics)
    base = grounded(af)
    n = len(af)
    sure = [lab is Label.IN for lab in base]
    if sem is Semantics.GROUNDED:
        return Result(base, [frozenset(i for i in range(n) if sure[i])], True, sure, list(sure))
    parts = _parts(af, base)
    core = frozenset(i for i in range(n) if sure[i])
    labels = list(base)
    credulous = list(sure)
    sceptical = list(sure)
    # the extensions, as long as there are at most ``limit`` of them
    listed: list[frozenset[int]] | None = [core]
    with paused_gc():
        for part in parts:
            cap = limit // len(listed) + 1 if listed is not None else _PART_LIST
            solved = _solve_part(_subframework(af, part), sem, cap)
            if solved is None:  # a part with no stable extension: none at all
                return Result([Label.UNDECIDED] * n, [], False, [False] * n, [True] * n)
            exts, cred, scep_in, scep_out = solved
            for k, i in enumerate(part):
                credulous[i] = cred[k]
                if sem is Semantics.COMPLETE:
                    continue  # complete: the grounded labels and acceptance
                sceptical[i] = scep_in[k]
                labels[i] = Label.IN if scep_in[k] else Label.OUT if scep_out[k] else labels[i]
            if listed is not None:
                if exts is None or len(listed) * len(exts) > limit:
                    listed = None
                else:
                    listed = [
                        done | frozenset(part[k] for k in ext) for done in listed for ext in exts
                    ]
    if listed is not None:
        if len(listed) > limit:
            listed = None
        else:
            listed.sort(key=lambda e: sorted(e))
    return Result(labels, listed, True, credulous, sceptical)


_PART_LIST = 8
"""Extensions enumerated per part once the whole list is too long to give."""


def _parts(af: Framework, base: list[Label]) -> list[list[int]]:
    """The weakly connected components of the grounded-undecided arguments."""
    open_ = [lab is Label.UNDECIDED for lab in base]
    seen = [False] * len(af)
    parts: list[list[int]] = []
    for start in range(len(af)):
        if not open_[start] or seen[start]:
            continue
        seen[start] = True
        part = [start]
        stack = [start]
        while stack:
            i = stack.pop()
            for j in (*af.attackers[i], *af.targets[i]):
                if open_[j] and not seen[j]:
                    seen[j] = True
                    part.append(j)
                    stack.append(j)
        part.sort()
        parts.append(part)
    return parts


def _subframework(af: Framework, part: list[int]) -> Framework:
    """The framework restricted to ``part`` (local numbers in the order of ``part``)."""
    local = {i: k for k, i in enumerate(part)}
    attackers = [[local[a] for a in af.attackers[i] if a in local] for i in part]
    targets = [[local[t] for t in af.targets[i] if t in local] for i in part]
    names = [af.names[i] for i in part]
    return Framework(names, attackers, targets)


_Part = tuple[list[frozenset[int]] | None, list[bool], list[bool], list[bool]]


def _solve_part(sub: Framework, sem: Semantics, cap: int) -> _Part | None:
    """Extensions (None if ``cap`` or more), credulous, sceptically-in and
    sceptically-out flags of a part; None under stable semantics when the part
    has no stable extension.

    The part's extensions are enumerated up to ``cap``; when they are fewer,
    everything follows from the list. Otherwise, on one incremental solver:
    credulous acceptance, and being out in some complete labelling, are
    decided for all arguments by asking for a model with *some* argument not
    yet known to be in (out), each model settling every argument it labels in
    (out); then, for preferred semantics, the arguments still candidates for
    being in (out) in every preferred extension are tested by searching for a
    preferred extension where one of them is not, excluding each preferred
    extension found, until none is left.
    """
    m = len(sub)
    stable = sem is Semantics.STABLE
    exts = extensions(sub, sem, limit=cap)
    if stable and not exts:
        return None
    if len(exts) < cap:
        per = [labels_of(sub, e) for e in exts]
        cred = [any(e[i] is Label.IN for e in per) for i in range(m)]
        scep_in = [all(e[i] is Label.IN for e in per) for i in range(m)]
        scep_out = [all(e[i] is Label.OUT for e in per) for i in range(m)]
        return exts, cred, scep_in, scep_out
    with _Encoding(sub, stable=stable) as enc:
        cred = [False] * m
        cred_out = [False] * m

        def settle(ext: frozenset[int]) -> None:
            for i, lab in enumerate(labels_of(sub, ext)):
                if lab is Label.IN:
                    cred[i] = True
                elif lab is Label.OUT:
                    cred_out[i] = True

        for e in exts:
            settle(e)
        for flags, lit in ((cred, enc.in_lit), (cred_out, enc.out_lit)):
            if sem is Semantics.COMPLETE and flags is cred_out:
                break
            while True:
                open_ = [lit(i) for i in range(m) if not flags[i]]
                if not open_:
                    break
                act = enc.fresh()
                enc.solver.add_clause([-act, *open_])
                model = enc.solve([act])
                enc.solver.add_clause([-act])
                if model is None:
                    break
                settle(model)
        if sem is not Semantics.PREFERRED:
            # stable: no argument is undecided, so in every extension = never out
            return None, cred, [not x for x in cred_out], [not x for x in cred]
        # preferred: in (out) in some complete labelling means in (out) in the
        # preferred extension containing it
        cand_in = {i for i in range(m) if cred[i] and not cred_out[i]}
        cand_out = {i for i in range(m) if cred_out[i] and not cred[i]}
        for e in exts:  # the preferred extensions found so far
            cand_in, cand_out = _refine(sub, e, cand_in, cand_out)
            enc.solver.add_clause([enc.in_lit(i) for i in range(m) if i not in e])
        while cand_in or cand_out:
            act = enc.fresh()
            enc.solver.add_clause(
                [
                    -act,
                    *(-enc.in_lit(i) for i in sorted(cand_in)),
                    *(-enc.out_lit(i) for i in sorted(cand_out)),
                ]
            )
            start = enc.solve([act])
            enc.solver.add_clause([-act])
            if start is None:
                break
            pref = enc.maximise(start)
            cand_in, cand_out = _refine(sub, pref, cand_in, cand_out)
            # later extensions may not lie inside this one
            enc.solver.add_clause([enc.in_lit(i) for i in range(m) if i not in pref])
        return (
            None,
            cred,
            [i in cand_in for i in range(m)],
            [i in cand_out for i in range(m)],
        )


def _refine(
    sub: Framework, pref: frozenset[int], cand_in: set[int], cand_out: set[int]
) -> tuple[set[int], set[int]]:
    lab = labels_of(sub, pref)
    return (
        {i for i in cand_in if lab[i] is Label.IN},
        {i for i in cand_out if lab[i] is Label.OUT},
    )
