"""Frameworks past the limit: 10k arguments, 40k attacks, what is answered in 60 s.

    python benchmarks/bench_hard.py [--timeout 60] [--seed 1]

The framework is the analysis benchmark's random one (10,000 arguments,
40,000 attacks drawn uniformly, ``benchmarks/bench_analysis.py``). Printed:
how much the grounded labelling decides, the strongly connected components of
the undecided part (the condensation that SCC-recursive solvers walk), and,
each in a child process stopped after the timeout, on the undecided part
alone: credulous acceptance (preferred = complete) of the first arguments
grounded leaves open, one complete extension that is not the grounded one,
and one preferred extension (growing a complete extension until no strictly
larger one exists). Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from argmap.analysis import af
from bench_analysis import random_framework

ASKED = 1  # credulous questions asked (each one SAT call)


def _undecided_part(f: af.Framework) -> tuple[int, list[int], af.Framework]:
    """The grounded extension's size, the open arguments and the framework they form."""
    base = af.grounded(f)
    und = [i for i, lab in enumerate(base) if lab is af.Label.UNDECIDED]
    pos = {a: k for k, a in enumerate(und)}
    sub = af.Framework(
        [f.names[a] for a in und],
        [[pos[y] for y in f.attackers[a] if y in pos] for a in und],
        [[pos[t] for t in f.targets[a] if t in pos] for a in und],
    )
    return sum(lab is af.Label.IN for lab in base), und, sub


def _components(f: af.Framework) -> list[list[int]]:
    import networkx as nx

    g: nx.DiGraph[int] = nx.DiGraph()
    g.add_nodes_from(range(len(f)))
    g.add_edges_from(f.attacks())
    return [sorted(c) for c in nx.strongly_connected_components(g)]


def _job(task: str, seed: int, queue: Any) -> None:
    f = random_framework(10_000, seed=seed, density=4)
    sub = _undecided_part(f)[2]
    t = time.perf_counter()
    with af._Encoding(sub, stable=False) as enc:
        if task == "credulous":
            answers = [enc.solve([k + 1]) is not None for k in range(ASKED)]
            out = f"{sum(answers)} of the first {ASKED} open arguments credulously accepted"
        elif task == "complete":
            enc.solver.add_clause([k + 1 for k in range(enc.n)])  # not the grounded one
            ext = enc.solve()
            out = f"a complete extension with {len(ext or ())} open arguments in"
        else:
            pref = enc.maximise(enc.solve() or frozenset())
            out = f"a preferred extension: {len(pref)} open arguments in"
    queue.put(f"{out} ({time.perf_counter() - t:.2f} s)")


def timed(task: str, seed: int, timeout: float) -> str:
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_job, args=(task, seed, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return f"no answer within {timeout:.0f} s"
    return str(queue.get())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{now}  {os.cpu_count()} cores  load {os.getloadavg()[0]:.1f}")
    f = random_framework(10_000, seed=args.seed, density=4)
    t = time.perf_counter()
    core, und, sub = _undecided_part(f)
    comps = _components(sub)
    took = time.perf_counter() - t
    sizes = sorted((len(c) for c in comps), reverse=True)
    print(
        f"10,000 arguments, {sum(len(a) for a in f.attackers):,} attacks: grounded decides "
        f"{len(f) - len(und):,} ({core:,} in), leaves {len(und):,} open with "
        f"{sum(len(a) for a in sub.attackers):,} attacks among them; "
        f"{len(comps):,} components, the largest {sizes[:3]} ({took:.2f} s)"
    )
    tasks: dict[str, Callable[[], str]] = {}
    for task in ("credulous", "complete", "preferred"):
        tasks[task] = lambda task=task: timed(task, args.seed, args.timeout)
    for task, run in tasks.items():
        print(f"  {task}: {run()}")


if __name__ == "__main__":
    main()
