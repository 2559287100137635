"""Speed of `argmap explain` (dispute tree and pivots of one claim) and fragile verdicts.

    python benchmarks/bench_explain.py             # 1,000 and 10,000 claims
    python benchmarks/bench_explain.py 1000        # other sizes

Target: the pivots of one claim of a generated 1,000-claim map within 2 s.
For each size the map (benchmarks/data/map_N.yaml, generated with
benchmarks/generate.py when missing) is explained for three claims: the one
with the largest dependency cone (the worst case), a main-like claim with
the most attackers, and the median claim by cone size.

End to end, each command runs in a fresh process (the `argmap` script next
to the Python running this,
start-up and loading included) next to an anchor measured in the same loop,
`argmap evaluate MAP --json` on the same map, so a busy machine slows both
alike: the runs are interleaved (anchor, explain, anchor, explain, ...) and
the best of each is reported. In-process, `explain()` and
`fragile_verdicts()` are timed after loading against `evaluate()` on the same
map, also interleaved, best of five.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from argmap.analysis import explain as ex  # noqa: E402
from argmap.analysis.semantics import evaluate  # noqa: E402
from argmap.analysis.structured import build  # noqa: E402
from argmap.formats.registry import read  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402


def map_path(n: int) -> Path:
    path = ROOT / "benchmarks" / "data" / f"map_{n}.yaml"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from generate import generate

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n), "utf-8")
    return path


def claims_to_explain(amap: ArgumentMap) -> dict[str, str]:
    sf = build(amap)
    cone = {c.id: len(ex._cone(sf.af, sf.node(c.id))) for c in amap.claims}
    by_cone = sorted(cone, key=lambda c: (cone[c], c))
    attackers: dict[str, int] = {}
    for a in amap.attacks:
        attackers[a.target] = attackers.get(a.target, 0) + 1
    most = max(amap.claims, key=lambda c: (attackers.get(c.id, 0), cone[c.id])).id
    return {
        f"largest cone ({cone[by_cone[-1]]} arguments)": by_cone[-1],
        f"most attacked ({attackers.get(most, 0)} attackers, cone {cone[most]})": most,
        f"median cone ({cone[by_cone[len(by_cone) // 2]]})": by_cone[len(by_cone) // 2],
    }


def best(k: int, *fns: Callable[[], Any]) -> list[float]:
    """Best time of each function over ``k`` interleaved rounds."""
    times = [float("inf")] * len(fns)
    for _ in range(k):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[i] = min(times[i], time.perf_counter() - start)
    return times


def command(*args: str) -> Callable[[], None]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def run() -> None:
        subprocess.run(
            [str(Path(sys.executable).parent / "argmap"), *args],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )

    return run


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for n in args.sizes:
        path = map_path(n)
        amap = read(path)
        targets = claims_to_explain(amap)
        print(f"\n### {n:,} claims ({path.name})\n")
        row(
            "claim",
            "pivots",
            "end to end: explain",
            "anchor: evaluate",
            "in-process: explain",
            "anchor: evaluate()",
        )
        row("---", "---", "---", "---", "---", "---")
        for what, claim in targets.items():
            e = ex.explain(amap, claim)
            size = len(e.pivots[0].changes) if e.pivots else 0
            found = f"{len(e.pivots)} of size {size}" if e.pivots else "none of size 1-2"
            if not e.complete:
                found += " (pairs bounded)"
            anchor_cli, explain_cli = best(
                max(1, args.rounds // 2),
                command("evaluate", str(path), "--json"),
                command("explain", str(path), claim, "--json"),
            )
            anchor_lib, explain_lib = best(
                args.rounds,
                lambda amap=amap: evaluate(amap),
                lambda amap=amap, claim=claim: ex.explain(amap, claim),
            )
            row(
                f"{what}: `{claim}`",
                found,
                f"{explain_cli:.2f} s",
                f"{anchor_cli:.2f} s",
                f"{explain_lib:.3f} s",
                f"{anchor_lib:.3f} s",
            )
        ev = evaluate(amap)
        anchor_lib, fragile_lib = best(
            args.rounds,
            lambda amap=amap: evaluate(amap),
            lambda amap=amap, ev=ev: ex.fragile_verdicts(amap, ev),
        )
        count = len(ex.fragile_verdicts(amap, ev))
        print(
            f"\nfragile_verdicts (every claim, {count} fragile): {fragile_lib:.3f} s; "
            f"evaluate(): {anchor_lib:.3f} s"
        )


if __name__ == "__main__":
    main()
