"""``argmap teach maps/chicago_ice.yaml -o DIR`` end to end, warm, with an anchor.

    python benchmarks/bench_teach.py [REPEATS]

Each round runs, in fresh processes and interleaved so that a busy machine
slows both alike: the anchor (``argmap render maps/chicago_ice.yaml -o
x.svg``) and ``argmap teach`` into an empty folder (every file written). The
compiled WebAssembly Graphviz is cached by a first, untimed run. Prints best
and median wall time and the CPU time of the children. Figures go to
docs/performance.md ("Rendering").
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = str(Path(sys.executable).parent / "argmap")
    src = str(ROOT / "maps" / "chicago_ice.yaml")
    cpus = os.cpu_count()
    print(f"{date.today()}  {platform.processor() or platform.machine()}  {cpus} cores")
    with tempfile.TemporaryDirectory() as tmp:
        anchor_cmd = [exe, "render", src, "-o", str(Path(tmp) / "x.svg")]
        subprocess.run(anchor_cmd, check=True, capture_output=True)  # warm the cache
        times: dict[str, list[tuple[float, float]]] = {"anchor render": [], "teach": []}
        for k in range(repeats):
            times["anchor render"].append(_run(anchor_cmd))
            times["teach"].append(_run([exe, "teach", src, "-o", str(Path(tmp) / f"t{k}")]))
    for name, runs in times.items():
        walls = [w for w, _ in runs]
        cpu = statistics.median(c for _, c in runs)
        print(
            f"{name:<14} best {min(walls):.2f} s  median {statistics.median(walls):.2f} s"
            f"  (CPU median {cpu:.2f} s)  load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
