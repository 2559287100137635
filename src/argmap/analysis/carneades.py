"""Carneades (CAES) evaluation: the grounded labelling of statements and arguments.

Preconditions: a consistent map. The rules follow Carneades 4's evaluator
(``caes.go``):

- Assumed claims are in; the other positions of an issue with an in position
  are out.
- An argument (support) is *applicable* when its undercutter is in, or its
  undercutter is out and none of its premises is undecided; its *weight* is 0
  when it is undercut or not applicable, else given by its weighing function
  (``Support.scheme``): ``linked`` (the default: 1 if every premise is in),
  ``convergent`` (1 if some premise is in), ``cumulative`` (the fraction of
  premises in), ``factorized`` (0 if a premise is out, else the number of
  premises in over the number of distinct premises of all arguments on the
  issue), or ``constant: X`` (X if every premise is in). A native support with
  a ``weight`` and no scheme weighs like ``constant: weight``.
- Repeat until nothing changes: a statement whose arguments are all applicable
  and weigh 0 (or has none) is out; a statement on no issue with an applicable
  argument of weight above 0 is in; an issue whose arguments are all undercut
  or applicable is resolved by its proof standard on the strongest argument of
  each position (preponderance: strictly greater than every rival;
  clear-and-convincing: and by more than 0.5; beyond reasonable doubt: and
  every rival below 0.3): the winner is in, the others out, and with no winner
  all are out.
- Several undercuts of one support count as one undercutter that is in if any
  is in and out if all are out. Rebuttals, which Carneades does not have, make
  a statement out when a rebutter is in and keep it from being in until every
  rebutter is out (Carneades graphs imported by argmap have none).

Statements are visited in map order; Carneades visits them in no fixed order,
and the examples' expected labels do not depend on it.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.analysis.af import Label
from argmap.model import ArgumentMap, AttackKind, Issue, ProofStandard, Support

ALPHA = 0.5
BETA = 0.3


@dataclass(frozen=True, slots=True)
class CarneadesResult:
    """Labels of claims, weights of supports (at the fixpoint) and reasons."""

    labels: dict[str, str]
    weights: dict[str, float]
    reasons: dict[str, str]


def _greater(standard: ProofStandard, w1: float, w2: float) -> bool:
    if standard is ProofStandard.PREPONDERANCE:
        return w1 > w2
    if standard is ProofStandard.CLEAR_AND_CONVINCING:
        return w1 > w2 and w1 - w2 > ALPHA
    return w1 > w2 and w1 - w2 > ALPHA and w2 < BETA


_CONSTANT = re.compile(r"^\s*constant\s*[:=]?\s*([0-9]*\.?[0-9]+)\s*$")


class _Caes:
    def __init__(self, amap: ArgumentMap, names: Mapping[str, str]) -> None:
        self.amap = amap
        self.names = names
        self.l: dict[str, Label] = {c.id: Label.UNDECIDED for c in amap.claims}
        self.why: dict[str, str] = {}
        self.args: dict[str, list[Support]] = {c.id: [] for c in amap.claims}
        for s in amap.supports:
            self.args[s.conclusion].append(s)
        self.cutters: dict[str, list[str]] = {}
        self.rebutters: dict[str, list[str]] = {}
        for a in amap.attacks:
            if a.kind == AttackKind.UNDERCUTS:
                self.cutters.setdefault(a.target, []).append(a.attacker)
            else:
                self.rebutters.setdefault(a.target, []).append(a.attacker)
        self.issue_of: dict[str, Issue] = {}
        for issue in amap.issues:
            for p in issue.positions:
                self.issue_of.setdefault(p, issue)
        self.changed: list[str] = []  # statements in the order their labels changed
        self.premise_count: dict[str, int] = {}
        for issue in amap.issues:
            texts = {
                amap.claim(p).text
                for pos in issue.positions
                for arg in self.args.get(pos, [])
                for p in arg.premises
            }
            self.premise_count[issue.id] = len(texts)

    def n(self, item: str) -> str:
        return self.names.get(item, item)

    def undercut(self, s: Support) -> Label:
        labels = [self.l[c] for c in self.cutters.get(s.id, [])]
        if not labels or all(x is Label.OUT for x in labels):
            return Label.OUT
        if any(x is Label.IN for x in labels):
            return Label.IN
        return Label.UNDECIDED

    def applicable(self, s: Support) -> bool:
        cut = self.undercut(s)
        if cut is Label.IN:
            return True
        if cut is Label.UNDECIDED:
            return False
        return all(self.l[p] is not Label.UNDECIDED for p in s.premises)

    def weight(self, s: Support) -> float:
        if self.undercut(s) is Label.IN or not self.applicable(s):
            return 0.0
        labels = [self.l[p] for p in s.premises]
        scheme = (s.scheme or "").strip().lower()
        if scheme == "convergent":
            return 1.0 if any(x is Label.IN for x in labels) else 0.0
        if scheme == "cumulative":
            return sum(x is Label.IN for x in labels) / len(labels) if labels else 0.0
        if scheme == "factorized":
            if any(x is Label.OUT for x in labels):
                return 0.0
            issue = self.issue_of.get(s.conclusion)
            n = self.premise_count.get(issue.id, 0) if issue else len(labels)
            return sum(x is Label.IN for x in labels) / n if n else 0.0
        constant = _CONSTANT.match(scheme)
        full = all(x is Label.IN for x in labels)
        if constant:
            return float(constant.group(1)) if full else 0.0
        if not scheme and s.weight is not None:
            return s.weight if full else 0.0
        return 1.0 if full else 0.0

    def rebutted(self, stmt: str) -> Label:
        labels = [self.l[r] for r in self.rebutters.get(stmt, [])]
        if any(x is Label.IN for x in labels):
            return Label.IN
        if all(x is Label.OUT for x in labels):
            return Label.OUT
        return Label.UNDECIDED

    def supported(self, stmt: str) -> Support | None:
        for s in self.args[stmt]:
            if self.applicable(s) and self.weight(s) > 0:
                return s
        return None

    def unsupported(self, stmt: str) -> bool:
        return all(self.applicable(s) and self.weight(s) <= 0 for s in self.args[stmt])

    def ready(self, issue: Issue) -> bool:
        return all(
            self.undercut(s) is Label.IN or self.applicable(s)
            for p in issue.positions
            for s in self.args[p]
        )

    def resolve(self, issue: Issue) -> None:
        best = {p: max([0.0, *(self.weight(s) for s in self.args[p])]) for p in issue.positions}
        winner = None
        for p1 in issue.positions:
            if best[p1] == 0.0:
                continue
            if all(
                _greater(issue.standard, best[p1], best[p2]) for p2 in issue.positions if p2 != p1
            ):
                winner = p1
                break
        scores = ", ".join(f"{self.n(p)} {best[p]:g}" for p in issue.positions)
        for p in issue.positions:
            if p == winner:
                self.put(
                    p,
                    Label.IN,
                    f"in because it wins issue {self.n(issue.id)} under {issue.standard} "
                    f"(strongest arguments: {scores})",
                )
            else:
                lost = f"{self.n(winner)} wins" if winner else "no position meets the standard"
                self.put(
                    p,
                    Label.OUT,
                    f"out because it loses issue {self.n(issue.id)} under {issue.standard}: {lost} "
                    f"(strongest arguments: {scores})",
                )

    def run(self) -> None:
        for c in self.amap.claims:
            if c.assumed:
                self.l[c.id] = Label.IN
                self.why[c.id] = "in because it is assumed"
        for issue in self.amap.issues:
            assumed = [p for p in issue.positions if self.l[p] is Label.IN]
            if assumed:
                for p in issue.positions:
                    if self.l[p] is Label.UNDECIDED:
                        self.l[p] = Label.OUT
                        self.why[p] = (
                            f"out because {self.n(assumed[0])}, another position of issue "
                            f"{self.n(issue.id)}, is assumed"
                        )
        # Passes over the statements in map order until nothing changes; a
        # statement is looked at again only when a label it depends on has
        # changed (the others would come to the same verdict), so a long chain
        # costs one look per statement instead of a pass per link.
        order = {c.id: k for k, c in enumerate(self.amap.claims)}
        ids = [c.id for c in self.amap.claims]
        dependents = self._dependents()
        current = list(range(len(ids)))  # this pass, as a heap of map positions
        later: set[int] = set()  # the next pass
        queued = set(current)
        while current:
            while current:
                k = heapq.heappop(current)
                queued.discard(k)
                before = self.changes
                self._visit(ids[k])
                for changed in self.changed[before:]:
                    for d in dependents.get(changed, ()):
                        j = order[d]
                        if j > k and j not in queued:
                            heapq.heappush(current, j)
                            queued.add(j)
                        elif j <= k:
                            later.add(j)
            current = sorted(later - queued)
            queued.update(current)
            later = set()
        for c in self.amap.claims:
            self.why.setdefault(
                c.id,
                "undecided because its arguments depend on statements that are "
                "themselves undecided",
            )

    def _visit(self, stmt: str) -> None:
        if self.l[stmt] is not Label.UNDECIDED:
            return
        rebut = self.rebutted(stmt)
        at_issue = self.issue_of.get(stmt)
        if rebut is Label.IN:
            attacker = next(r for r in self.rebutters[stmt] if self.l[r] is Label.IN)
            self.put(
                stmt, Label.OUT, f"out because it is attacked by {self.n(attacker)}, which is in"
            )
        elif self.unsupported(stmt):
            self.put(
                stmt,
                Label.OUT,
                "out because no argument supports it and it is not assumed"
                if not self.args[stmt]
                else "out because every argument for it has weight 0 ("
                + ", ".join(self._failure(s) for s in self.args[stmt])
                + ")",
            )
        elif at_issue is None and rebut is Label.OUT:
            arg = self.supported(stmt)
            if arg is not None:
                self.put(
                    stmt,
                    Label.IN,
                    f"in because argument {self.n(arg.id)} applies with weight "
                    f"{self.weight(arg):g}",
                )
        if self.l[stmt] is Label.UNDECIDED and at_issue is not None and self.ready(at_issue):
            self.resolve(at_issue)

    def put(self, stmt: str, label: Label, why: str) -> None:
        if self.l[stmt] is not label:
            self.changed.append(stmt)
        self.l[stmt] = label
        self.why[stmt] = why

    @property
    def changes(self) -> int:
        return len(self.changed)

    def _dependents(self) -> dict[str, set[str]]:
        """Statement -> the statements whose verdict may change with its label."""
        direct: dict[str, set[str]] = {}
        for s in self.amap.supports:
            for p in s.premises:
                direct.setdefault(p, set()).add(s.conclusion)
            for cutter in self.cutters.get(s.id, []):
                direct.setdefault(cutter, set()).add(s.conclusion)
        for target, rebutters in self.rebutters.items():
            for r in rebutters:
                direct.setdefault(r, set()).add(target)
        out: dict[str, set[str]] = {}
        for stmt, ds in direct.items():
            widened = set(ds)
            for d in ds:
                issue = self.issue_of.get(d)
                if issue is not None:
                    widened.update(issue.positions)
            out[stmt] = widened
        return out

    def _failure(self, s: Support) -> str:
        if self.undercut(s) is Label.IN:
            return f"{self.n(s.id)} is undercut"
        out = [p for p in s.premises if self.l[p] is Label.OUT]
        if out:
            return f"{self.n(s.id)}: premise {self.n(out[0])} is out"
        return f"{self.n(s.id)} weighs 0"


def evaluate(amap: ArgumentMap, names: Mapping[str, str] | None = None) -> CarneadesResult:
    """Label every claim in, out or undecided by Carneades' rules.

    ``names`` renames ids in the reasons (a Carneades file's own ids).
    """
    caes = _Caes(amap, names or {})
    caes.run()
    return CarneadesResult(
        labels={c.id: str(caes.l[c.id]) for c in amap.claims},
        weights={s.id: caes.weight(s) for s in amap.supports},
        reasons={c.id: caes.why[c.id] for c in amap.claims},
    )


def label_claims(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> "in" / "out" / "undecided" by Carneades' rules."""
    return evaluate(amap).labels
