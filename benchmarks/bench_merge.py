"""Benchmark the three-way merge on synthetic maps with 1% of claims edited per side.

    python benchmarks/bench_merge.py            # 10k and 100k claims
    python benchmarks/bench_merge.py 1000 10000 # other sizes

For each size the base map is benchmarks/data/map_N.yaml (generated with
benchmarks/generate.py when missing). OURS and THEIRS are two versions of it
made as in bench_diff.py, each with 1% of its claims edited (re-ids, text
edits, removals, additions, relinked supports, changed stances), with
different random seeds, so the two edit sets mostly differ and overlap a
little (those overlaps are the conflicts). OURS and THEIRS are written to
files with the canonical writer.

In process (best of three, after loading the three files, which is not timed):
``merge_maps`` alone, and ``merge_maps`` plus ``merge_text`` (the merged file
in OURS' layout, read back to check it, as the command does).

End to end, in fresh processes, interleaved (anchor, merge, anchor, merge, ...)
so both see the same load on a shared machine: the anchor is
``argmap validate BASE OURS THEIRS`` (reading the three files), the merge is
``argmap merge BASE OURS THEIRS -o OUT``. Their difference is the merge beyond
loading. Best of three of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import argmap  # noqa: E402
from argmap.diff import merge_maps, merge_text  # noqa: E402
from bench_diff import edit, load  # noqa: E402

DATA = ROOT / "benchmarks" / "data"


def best(fn: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def run(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, env=env, check=False)
    took = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "argmap")
    print(
        f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
    )
    print(f"Python {platform.python_version()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"{'claims':>8} {'conflicts':>9} {'merge s':>8} {'cpu s':>7} {'+text s':>8} {'cpu s':>7}"
        f" {'us/claim':>8} {'e2e s':>7} {'anchor s':>8} {'beyond s':>8}"
    )
    for n in args.sizes:
        base = load(n)
        ours, _ = edit(base, seed=1)
        theirs, _ = edit(base, seed=2)
        ours_text = argmap.dumps(ours)
        base_path = DATA / f"map_{n}.yaml"
        ours_path = DATA / f"merge_{n}_ours.yaml"
        theirs_path = DATA / f"merge_{n}_theirs.yaml"
        out_path = DATA / f"merge_{n}_out.yaml"
        ours_path.write_text(ours_text, "utf-8")
        theirs_path.write_text(argmap.dumps(theirs), "utf-8")
        # The timed file-level work reads OURS' text already in memory.
        ours = argmap.loads(ours_text)
        theirs = argmap.load(theirs_path)
        result = merge_maps(base, ours, theirs)
        t_merge, c_merge = best(lambda b=base, o=ours, t=theirs: merge_maps(b, o, t))
        t_text, c_text = best(
            lambda b=base, o=ours, t=theirs, x=ours_text: merge_text(merge_maps(b, o, t), x)
        )
        files = [str(base_path), str(ours_path), str(theirs_path)]
        e2e, anchor = [], []
        for _ in range(3):
            anchor.append(run([exe, "validate", *files]))
            e2e.append(run([exe, "merge", *files, "-o", str(out_path)]))
        print(
            f"{n:>8} {len(result.conflicts):>9} {t_merge:>8.3f} {c_merge:>7.3f} {t_text:>8.3f}"
            f" {c_text:>7.3f} {t_text / n * 1e6:>8.1f} {min(e2e):>7.3f} {min(anchor):>8.3f}"
            f" {min(e2e) - min(anchor):>8.3f}"
        )
        kinds: dict[str, int] = {}
        for c in result.conflicts:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        print(f"         conflicts by kind: {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()
