"""Labels of every argument under preferred and stable semantics, and what can
be answered on frameworks past the limit (a benchmark, not a test).

    python benchmarks/bench_labels.py labels [--rounds N]   # issue 12, item 3
    python benchmarks/bench_labels.py hard [--budget S]     # issue 12, item 5

``labels``: random frameworks of 10k arguments and 20k attacks (the same
``.apx`` file as ``bench_e2e.py``: attacks drawn uniformly, no self-attacks,
seed 0; and ``bench_analysis.py``'s generator, seeds 0 and 1).
In-process: ``af.labelling`` (labels, credulous and sceptical acceptance of
every argument) against one grounded labelling of the same framework; target
1 s. End to end: ``argmap evaluate FILE --semantics preferred`` (and stable)
against ``argmap evaluate FILE`` (grounded), fresh processes, run back to back
in alternating order; target 2x, the median of the per-round ratios.

``hard``: 10k arguments and 40k attacks (``bench_analysis.py``'s generator,
seed 1, self-attacks allowed). Each task gets ``--budget`` seconds (default
60): the grounded preprocessing and the parts and strongly connected
components it leaves; one preferred extension grown through the reduct
(admissible sets searched strongly connected component by component along
the condensation); credulous acceptance settled for as many arguments as the
budget allows (each model settles every argument it labels in or out); a
stable extension (which would be a preferred one). With clingo installed (not
a dependency: ``pip install clingo``), the anchor: clingo on the same
framework, one preferred extension (complete encoding with a domain heuristic,
``--enum-mode=domRec``) and credulous acceptance of one argument, each with
the same budget.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argmap.analysis import af
from argmap.analysis.af import Framework, Label

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_analysis import random_framework  # noqa: E402
from bench_e2e import _apx, _env  # noqa: E402

EXE = str(Path(sys.executable).parent / "argmap")


def _counts(labels: list[Label]) -> str:
    return " / ".join(str(sum(1 for x in labels if x is lab)) for lab in Label)


def _apx_framework(path: Path) -> Framework:
    from argmap.analysis.structured import build
    from argmap.formats.registry import read_with_ids

    amap, _ = read_with_ids(path)
    return build(amap).af


def labels(rounds: int) -> None:
    path = _apx(10_000, 2.0)
    cases = [
        (f"{path.name}", _apx_framework(path)),
        ("random seed 0, 2n attacks", random_framework(10_000, seed=0, density=2)),
        ("random seed 1, 2n attacks", random_framework(10_000, seed=1, density=2)),
    ]
    print("\n### In-process: labels and acceptance of every argument (best of 3)\n")
    print(
        "| framework | grounded (anchor) | preferred | stable | in / out / undecided (preferred) |"
    )
    print("|---|---|---|---|---|")
    af.labelling(cases[0][1], "stable")  # imports python-sat once, outside the timings
    for name, f in cases:
        times: dict[str, float] = {}
        result: dict[str, af.Result] = {}
        for sem in ("grounded", "preferred", "stable"):
            best = float("inf")
            for _ in range(3):
                t = time.perf_counter()
                result[sem] = af.labelling(f, sem)
                best = min(best, time.perf_counter() - t)
            times[sem] = best
        print(
            f"| {name} | {times['grounded']:.3f} s | {times['preferred']:.3f} s"
            f" | {times['stable']:.3f} s | {_counts(result['preferred'].labels)} |"
        )

    def run(*extra: str) -> float:
        t = time.perf_counter()
        done = subprocess.run([EXE, "evaluate", str(path), *extra], capture_output=True, env=_env())
        if done.returncode:
            raise SystemExit(done.stderr.decode()[-2000:])
        return time.perf_counter() - t

    anchor: list[float] = []
    runs: dict[str, list[float]] = {"preferred": [], "stable": []}
    ratios: dict[str, list[float]] = {"preferred": [], "stable": []}
    for r in range(rounds):
        for sem in runs:
            if r % 2:
                t, a = run("--semantics", sem), run()
            else:
                a, t = run(), run("--semantics", sem)
            anchor.append(a)
            runs[sem].append(t)
            ratios[sem].append(t / a)
    print(f"\n### End to end, {path.name}, {rounds} rounds (fresh processes)\n")
    print("| command | median | best | median ratio to the anchor |")
    print("|---|---|---|---|")
    print(
        f"| anchor: `argmap evaluate FILE` (grounded) | {statistics.median(anchor):.3f} s"
        f" | {min(anchor):.3f} s | 1 |"
    )
    for sem, ts in runs.items():
        print(
            f"| `argmap evaluate FILE --semantics {sem}` | {statistics.median(ts):.3f} s"
            f" | {min(ts):.3f} s | {statistics.median(ratios[sem]):.2f}x |"
        )
    print(f"\n(load average after the run: {os.getloadavg()})")


class _Timed:
    """A python-sat solve with a wall-clock limit (the solver is interrupted)."""

    def __init__(self, solver: Any) -> None:
        self.solver = solver

    def solve(self, assumptions: list[int], seconds: float) -> bool | None:
        timer = threading.Timer(max(seconds, 0.01), self.solver.interrupt)
        timer.start()
        try:
            return self.solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
            self.solver.clear_interrupt()


def _sccs(f: Framework, nodes: set[int]) -> list[list[int]]:
    """Strongly connected components of ``f`` restricted to ``nodes``, parents first."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for b in nodes for a in f.attackers[b] if a in nodes)
    cond = nx.condensation(g)
    return [sorted(cond.nodes[c]["members"]) for c in nx.topological_sort(cond)]


def _admissible_in(f: Framework, comp: list[int], allowed: set[int], seconds: float) -> Any:
    """A non-empty admissible set of ``f`` restricted to ``comp`` inside ``allowed``:
    a list, None (there is none) or "timeout"."""
    from pysat.solvers import Solver  # type: ignore[import-untyped]

    local = {x: k for k, x in enumerate(comp)}
    m = len(comp)
    s = Solver(name=af.SOLVER)
    for x in comp:
        xi = local[x] + 1
        atk = [local[y] for y in f.attackers[x] if y in local]
        for y in atk:
            s.add_clause([-xi, -(y + 1)])  # conflict-free
            s.add_clause([-xi, m + y + 1])  # every attacker is attacked
        s.add_clause([-(m + local[x] + 1), *(y + 1 for y in atk)])
        if x not in allowed:
            s.add_clause([-xi])
    s.add_clause([local[x] + 1 for x in allowed])
    ok = _Timed(s).solve([], seconds)
    model = s.get_model() if ok else None
    s.delete()
    if ok is None:
        return "timeout"
    if not ok:
        return None
    return [x for x in comp if model[local[x]] > 0]


def _one_preferred(f: Framework, budget: float) -> str:
    """Grow the grounded extension E while the reduct (the arguments neither in E
    nor attacked by it) has a non-empty admissible set: E is preferred when it
    has none. Such a set, if any, lies in one strongly connected component of
    the reduct, among its arguments attacked from no other component."""
    start = time.perf_counter()
    n = len(f)
    base = af.grounded(f)
    ext = {i for i in range(n) if base[i] is Label.IN}
    hit = {i for i in range(n) if base[i] is Label.OUT}
    steps = 0
    while True:
        rest = {i for i in range(n) if i not in ext and i not in hit}
        grew = False
        for comp in _sccs(f, rest):
            inside = set(comp)
            allowed = {x for x in comp if all(a in inside or a not in rest for a in f.attackers[x])}
            if not allowed:
                continue
            left = budget - (time.perf_counter() - start)
            found = _admissible_in(f, comp, allowed, left) if left > 0 else "timeout"
            if found == "timeout":
                return (
                    f"no answer: after {steps} growth steps |E| = {len(ext)} admissible, "
                    f"the search in a component of {len(comp)} arguments did not end "
                    f"({time.perf_counter() - start:.1f} s)"
                )
            if found:
                ext.update(found)
                for x in found:
                    hit.update(f.targets[x])
                steps += 1
                grew = True
                break
        if not grew:
            return (
                f"preferred extension of {len(ext)} arguments after {steps} growth steps "
                f"({time.perf_counter() - start:.1f} s)"
            )


def _credulous_sweep(f: Framework, budget: float) -> tuple[str, int | None]:
    """Settle credulous acceptance (and being out in some complete labelling)
    for as many arguments as the budget allows."""
    start = time.perf_counter()
    base = af.grounded(f)
    part = max(af._parts(f, base), key=len)
    sub = af._subframework(f, part)
    m = len(sub)
    cred = [False] * m
    out = [False] * m
    calls = 0
    no_more = False
    with af._Encoding(sub, stable=False) as enc:
        timed = _Timed(enc.solver)
        while time.perf_counter() - start < budget:
            open_ = [enc.in_lit(i) for i in range(m) if not cred[i]]
            act = enc.fresh()
            enc.solver.add_clause([-act, *open_])
            ok = timed.solve([act], budget - (time.perf_counter() - start))
            enc.solver.add_clause([-act])
            calls += 1
            if not ok:
                no_more = ok is False
                break
            model = enc.solver.get_model()
            ext = frozenset(v - 1 for v in model[:m] if v > 0)
            for i, lab in enumerate(af.labels_of(sub, ext)):
                if lab is Label.IN:
                    cred[i] = True
                elif lab is Label.OUT:
                    out[i] = True
    example = next((part[i] for i in range(m) if cred[i]), None)
    tail = " (the rest are not)" if no_more else ", the rest unknown"
    return (
        f"{sum(cred)} of the {m} open arguments shown credulously accepted{tail}; "
        f"{sum(out)} shown out in some complete labelling, so not sceptically accepted "
        f"under preferred semantics ({calls} SAT calls, {time.perf_counter() - start:.1f} s)",
        example,
    )


def _credulous_one(f: Framework, arg: int, budget: float) -> str:
    start = time.perf_counter()
    with af._Encoding(f, stable=False) as enc:
        ok = _Timed(enc.solver).solve([enc.in_lit(arg)], budget)
    took = time.perf_counter() - start
    return {None: "no answer", True: "credulously accepted", False: "not accepted"}[ok] + (
        f" ({took:.1f} s)"
    )


def _stable(f: Framework, budget: float) -> str:
    start = time.perf_counter()
    with af._Encoding(f, stable=True) as enc:
        ok = _Timed(enc.solver).solve([], budget)
    took = time.perf_counter() - start
    return {None: "no answer", True: "a stable extension", False: "none exists"}[ok] + (
        f" ({took:.1f} s)"
    )


def _clingo(f: Framework, budget: float, task: str, arg: int | None = None) -> str:
    try:
        import clingo  # type: ignore[import-not-found]
    except ImportError:
        return "clingo not installed"
    facts = [f"arg({i})." for i in range(len(f))]
    facts += [f"att({a},{b})." for a, b in f.attacks()]
    program = """
        {in(X)} :- arg(X).
        :- in(X), in(Y), att(X,Y).
        defeated(X) :- in(Y), att(Y,X).
        undefended(X) :- att(Y,X), not defeated(Y).
        :- in(X), undefended(X).
        :- arg(X), not in(X), not undefended(X).
        #show in/1.
    """
    options = ["--models=1"]
    if task == "preferred":
        program += "#heuristic in(X) : arg(X). [1,true]\n"
        options += ["--heuristic=Domain", "--enum-mode=domRec"]
    else:
        program += f":- not in({arg}).\n"
    ctl = clingo.Control(options)
    start = time.perf_counter()
    ctl.add("base", [], program + "\n".join(facts))
    ctl.ground([("base", [])])
    grounded_in = time.perf_counter() - start
    found: list[int] = []

    def on_model(model: Any) -> None:
        found.append(len(model.symbols(shown=True)))

    with ctl.solve(on_model=on_model, async_=True) as handle:
        done = handle.wait(max(budget - grounded_in, 0.01))
        if not done:
            handle.cancel()
            return f"no answer ({time.perf_counter() - start:.1f} s, grounding {grounded_in:.1f} s)"
        result = handle.get()
    took = time.perf_counter() - start
    if task == "preferred":
        return f"preferred extension of {found[0]} arguments ({took:.1f} s)" if found else "none?"
    return ("credulously accepted" if result.satisfiable else "not accepted") + f" ({took:.1f} s)"


def hard(budget: float) -> None:
    f = random_framework(10_000, seed=1, density=4)
    print(f"\n### 10,000 arguments, {sum(map(len, f.targets))} attacks; budget {budget:g} s\n")
    t = time.perf_counter()
    base = af.grounded(f)
    took = time.perf_counter() - t
    open_ = {i for i in range(len(f)) if base[i] is Label.UNDECIDED}
    sccs = sorted((len(c) for c in _sccs(f, open_)), reverse=True)
    parts = af._parts(f, base)
    print("| task | argmap | clingo |")
    print("|---|---|---|")
    print(
        f"| grounded preprocessing | {took:.3f} s: in / out / undecided {_counts(base)}; "
        f"{len(parts)} part(s), {len(sccs)} strongly connected components, largest "
        f"{sccs[0] if sccs else 0} | |"
    )
    jobs: list[tuple[str, Callable[[], str], Callable[[], str]]] = []
    sweep, example = _credulous_sweep(f, budget)
    print(f"| credulous acceptance, every argument | {sweep} | |")
    if example is not None:
        print(
            f"| credulous acceptance of argument {example} | yes (from the sweep) | "
            f"{_clingo(f, budget, 'credulous', example)} |"
        )
    other = min(open_) if open_ else 0
    jobs.append(
        (
            f"credulous acceptance of argument {other} (the first open one)",
            lambda: _credulous_one(f, other, budget),
            lambda: _clingo(f, budget, "credulous", other),
        )
    )
    jobs.append(
        (
            "one preferred extension",
            lambda: _one_preferred(f, budget),
            lambda: _clingo(f, budget, "preferred"),
        )
    )
    jobs.append(("a stable extension", lambda: _stable(f, budget), lambda: "not run"))
    for name, ours, theirs in jobs:
        print(f"| {name} | {ours()} | {theirs()} |")
    print(f"\n(load average after the run: {os.getloadavg()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["labels"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0)
    args = parser.parse_args()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"{now}  {platform.machine()}  {os.cpu_count()} cores  Python {platform.python_version()}"
        f"  load {os.getloadavg()}"
    )
    for part in args.parts:
        if part == "labels":
            labels(args.rounds)
        elif part == "hard":
            hard(args.budget)
        else:
            raise SystemExit(f"unknown part {part!r} (labels, hard)")


if __name__ == "__main__":
    main()
