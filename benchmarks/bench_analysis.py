"""Speed of semantics and queries (a benchmark, not a test).

    python benchmarks/bench_analysis.py            # everything (a few minutes)
    python benchmarks/bench_analysis.py --quick    # smaller sizes, no comparison

Random frameworks: n arguments and 2n attacks drawn uniformly (seeded), which
at these sizes always contain cycles. Targets (issue 6): grounded on 100k
arguments within 0.2 s; preferred and stable credulous and sceptical
acceptance of one argument, and one extension, on 10k arguments within 10 s;
queries on the 100k-claim synthetic map within 0.1 s after load.

With ``python-argumentation`` (PyArg) installed, its grounded and preferred
semantics run side by side on the sizes it can handle, each in a child process
stopped after ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.analysis import af
from argmap.analysis.af import Framework, Label

HERE = Path(__file__).resolve().parent


def random_framework(n: int, seed: int = 0, density: int = 2) -> Framework:
    rng = random.Random(seed)
    attacks = [(rng.randrange(n), rng.randrange(n)) for _ in range(density * n)]
    return Framework.from_indices(n, attacks)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(k: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    runs = [timed(fn) for _ in range(k)]
    return min(r[0] for r in runs), runs[0][1]


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |")


def bench_grounded(sizes: list[int]) -> None:
    print("\n### Grounded labelling (random, 2n attacks)\n")
    row("arguments", "build framework (s)", "grounded (s)", "in / out / undecided")
    row("---", "---", "---", "---")
    for n in sizes:
        build, f = timed(lambda n=n: random_framework(n))
        t, labels = best_of(3, lambda f=f: af.grounded(f))
        counts = [sum(1 for x in labels if x is lab) for lab in Label]
        row(n, f"{build:.3f}", f"{t:.3f}", " / ".join(map(str, counts)))


def bench_sat(sizes: list[tuple[int, int]]) -> None:
    print("\n### Preferred and stable (random, with cycles)\n")
    row(
        "arguments",
        "attacks",
        "semantics",
        "one extension (s)",
        "credulous (s)",
        "sceptical (s)",
        "answer",
    )
    row("---", "---", "---", "---", "---", "---", "---")
    for n, density in sizes:
        f = random_framework(n, seed=1, density=density)
        ground = af.grounded(f)
        # an argument grounded semantics leaves open, so the question is not trivial
        arg = next((i for i, lab in enumerate(ground) if lab is Label.UNDECIDED), 0)
        for sem in ("preferred", "stable"):
            t_ext, ext = timed(lambda f=f, sem=sem: af.one_extension(f, sem))
            t_cred, cred = timed(lambda f=f, sem=sem, arg=arg: af.credulous(f, arg, sem))
            t_scep, scep = timed(lambda f=f, sem=sem, arg=arg: af.sceptical(f, arg, sem))
            size = "none" if ext is None else f"|E|={len(ext)}"
            row(
                n,
                density * n,
                sem,
                f"{t_ext:.2f}",
                f"{t_cred:.2f}",
                f"{t_scep:.2f}",
                f"{size}, cred={cred}, scep={scep}",
            )


def _pyarg_job(kind: str, n: int, queue: Any) -> None:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions

    f = random_framework(n, seed=1 if kind == "preferred" else 0)
    args = [Argument(str(i)) for i in range(n)]
    defeats = [Defeat(args[a], args[b]) for a, b in f.attacks()]
    framework = AbstractArgumentationFramework("r", args, defeats)
    start = time.perf_counter()
    if kind == "grounded":
        result: Any = len(get_grounded_extension(framework))
    else:
        result = len(get_preferred_extensions(framework))
    queue.put((time.perf_counter() - start, result))


def pyarg(kind: str, n: int, timeout: float) -> str:
    queue: Any = mp.Queue()
    proc = mp.Process(target=_pyarg_job, args=(kind, n, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return f"timeout ({timeout:g} s)"
    if queue.empty():
        return "failed"
    t, _ = queue.get()
    return f"{t:.3f}"


def bench_pyarg(timeout: float) -> None:
    try:
        import py_arg  # noqa: F401
    except ImportError:
        print("\n(python-argumentation not installed: no side-by-side run)")
        return
    print("\n### Side by side with python-argumentation (PyArg)\n")
    row("semantics", "arguments", "argmap (s)", "PyArg (s)")
    row("---", "---", "---", "---")
    for n in (100, 1_000, 10_000):
        f = random_framework(n)
        t, _ = best_of(3, lambda f=f: af.grounded(f))
        row("grounded", n, f"{t:.4f}", pyarg("grounded", n, timeout))
    for n in (10, 20, 40, 100):
        f = random_framework(n, seed=1)
        t, _ = timed(lambda f=f: af.extensions(f, "preferred"))
        row("preferred (all extensions)", n, f"{t:.4f}", pyarg("preferred", n, timeout))


def bench_queries(path: Path) -> None:
    from argmap.analysis import queries as q
    from argmap.analysis.semantics import label_claims
    from argmap.formats.yaml import load

    if not path.exists():
        print(f"\n({path} missing: python benchmarks/generate.py 100000 -o {path})")
        return
    t_load, amap = timed(lambda: load(path))
    print(
        f"\n### Queries on {path.name} ({len(amap.claims)} claims, "
        f"{len(amap.supports)} supports, {len(amap.attacks)} attacks; load {t_load:.2f} s)\n"
    )
    # the most connected claim: the most demanding direct query
    degree: dict[str, int] = {}
    for s in amap.supports:
        degree[s.conclusion] = degree.get(s.conclusion, 0) + len(s.premises)
    for a in amap.attacks:
        degree[a.target] = degree.get(a.target, 0) + 1
    claim = max(sorted(degree), key=degree.__getitem__)
    holder = amap.stakeholders[0].id
    row("query", "first call (s)", "repeated (best of 3, s)", "result size")
    row("---", "---", "---", "---")
    cases: list[tuple[str, Callable[[], Any]]] = [
        (f"supporters {claim}", lambda: q.supporters(amap, claim)),
        (f"opposers {claim}", lambda: q.opposers(amap, claim)),
        (f"supporters {claim} --depth 3", lambda: q.supporters(amap, claim, 3)),
        (f"opposers {claim} --all", lambda: q.opposers(amap, claim, None)),
        (f"who {claim}", lambda: q.who(amap, claim)),
        (f"holds {holder}", lambda: q.holds(amap, holder)),
        ("unsupported", lambda: q.unsupported(amap)),
        ("unanswered", lambda: q.unanswered(amap)),
        ("label_claims (grounded, whole map)", lambda: label_claims(amap)),
    ]
    for name, fn in cases:
        first, result = timed(fn)
        t, _ = best_of(3, fn)
        if isinstance(result, dict) and all(isinstance(v, list) for v in result.values()):
            size = sum(len(v) for v in result.values())
        else:
            size = len(result)
        row(name, f"{first:.3f}", f"{t:.3f}", size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small sizes, no PyArg.")
    parser.add_argument("--timeout", type=float, default=60.0, help="PyArg time limit (s).")
    parser.add_argument("--map", type=Path, default=HERE / "data" / "map_100000.yaml")
    args = parser.parse_args(argv)
    if args.quick:
        bench_grounded([1_000, 10_000])
        bench_sat([(1_000, 2)])
        return 0
    bench_grounded([10_000, 100_000])
    bench_sat([(1_000, 2), (10_000, 2), (10_000, 3)])
    bench_queries(args.map)
    bench_pyarg(args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
