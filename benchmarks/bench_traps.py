"""The inputs that used to take quadratic time, timed at n, 2n and 4n.

    python benchmarks/bench_traps.py            # the sizes of issue 11
    python benchmarks/bench_traps.py --quick    # a quarter of them

Each trap is measured in process (the call alone, best of three) and end to
end (the `argmap` command in a fresh process, best of three), at n, 2n and 4n.
Linear growth doubles the time from one size to the next (ratio about 2);
quadratic growth quadruples it. The anchor, reading a generated valid map of
the 4n-th size with `argmap validate`, is measured in the same run so the
figures can be compared on a busy machine. The script exits 1 if a ratio
exceeds 3.2 (halfway between linear and quadratic, in log terms).

* ``brackets``: the fast YAML path's guard on 100k nested brackets, and a
  valid map whose claim text is ``"[[[...]]]"`` (n brackets);
* ``carneades``: Carneades evaluation of a support chain of n claims listed
  against the direction of support (each needs the one after it);
* ``preferred``: `evaluate --semantics preferred --json` on an attack chain;
* ``not a map``: `validate` on a YAML mapping of n keys, none a map's (it
  prints one message);
* ``many problems``: `validate` on a map with n claims without text (it
  prints 50 messages and "... and N more");
* ``diff driver``: the git diff driver on two versions of the not-a-map file,
  one line apart (it falls back to a line diff).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))
RUNS = 3
LIMIT = 3.2


def _best(func: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _argmap(*args: str) -> Callable[[], object]:
    exe = shutil.which("argmap")
    cmd = (
        [exe, *args]
        if exe
        else [sys.executable, "-c", "from argmap.cli import main; main()", *args]
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return lambda: subprocess.run(cmd, capture_output=True, env=env, check=False)


def _chain_map(n: int, relation: str) -> str:
    lines = ["argmap: 1", "title: chain", "claims:"]
    lines += [
        f"  - {{id: c{i}, text: claim {i}{', assumed: true' if i == n - 1 else ''}}}"
        for i in range(n)
    ]
    lines.append(f"{relation}:")
    lines += [f"  - {{from: c{i + 1}, to: c{i}}}" for i in range(n - 1)]
    return "\n".join(lines) + "\n"


def _keys(n: int, changed: bool = False) -> str:
    return "".join(
        f"key{i:07d}: {'changed' if changed and i == n // 2 else 'value'} {i}\n" for i in range(n)
    )


def traps(
    scale: float, folder: Path
) -> dict[str, tuple[int, Callable[[int], Callable[[], object]], str]]:
    from argmap.analysis.carneades import evaluate
    from argmap.formats import _fastyaml
    from argmap.formats import yaml as native

    def write(name: str, text: str) -> str:
        path = folder / name
        path.write_text(text, "utf-8")
        return str(path)

    def nested(n: int) -> Callable[[], object]:
        data = b"a: " + b"[" * n + b"]" * n + b"\n"
        return lambda: _fastyaml._multiline_flow(data)

    def bracket_text(n: int) -> Callable[[], object]:
        text = f'argmap: 1\ntitle: t\nclaims:\n  - {{id: a, text: "{"[" * n}{"]" * n}"}}\n'
        return lambda: native.loads(text)

    def carneades(n: int) -> Callable[[], object]:
        amap = native.loads(_chain_map(n, "supports"))
        return lambda: evaluate(amap)

    def s(n: int) -> int:
        return max(1, int(n * scale))

    return {
        "brackets, 100k nesting (guard)": (s(100_000), nested, "in"),
        "brackets in a valid map's text": (s(50_000), bracket_text, "in"),
        "carneades support chain": (s(2_000), carneades, "in"),
        "carneades support chain (CLI)": (
            s(2_000),
            lambda n: _argmap(
                "evaluate",
                write(f"cs{n}.yaml", _chain_map(n, "supports")),
                "--semantics",
                "carneades",
                "--json",
            ),
            "cli",
        ),
        "preferred --json, attack chain (CLI)": (
            s(12_500),
            lambda n: _argmap(
                "evaluate",
                write(f"pc{n}.yaml", _chain_map(n, "attacks")),
                "--semantics",
                "preferred",
                "--json",
            ),
            "cli",
        ),
        "validate, not a map (CLI)": (
            s(50_000),
            lambda n: _argmap("validate", write(f"k{n}.yaml", _keys(n))),
            "cli",
        ),
        "validate, n problems (CLI)": (
            s(10_000),
            lambda n: _argmap(
                "validate",
                write(
                    f"p{n}.yaml",
                    "argmap: 1\ntitle: t\nclaims:\n"
                    + "".join(f"  - {{id: c{i}}}\n" for i in range(n)),
                ),
            ),
            "cli",
        ),
        "git diff driver, not a map (CLI)": (
            s(50_000),
            lambda n: _argmap(
                "git-diff-driver",
                "k.yaml",
                write(f"d{n}a.yaml", _keys(n)),
                "0",
                "100644",
                write(f"d{n}b.yaml", _keys(n, changed=True)),
                "0",
                "100644",
            ),
            "cli",
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of the sizes")
    args = parser.parse_args()
    scale = 0.25 if args.quick else 1.0
    load = os.getloadavg()[0]
    print(
        f"{dt.date.today()}, {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load:.2f}"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sys.path.insert(0, str(HERE))
        from generate import generate

        anchor_map = folder / "anchor.yaml"
        anchor_map.write_text(generate(int(10_000 * scale)), "utf-8")
        anchor = _best(_argmap("validate", str(anchor_map)))
        print(
            f"anchor: `argmap validate` on a valid {int(10_000 * scale)}-claim map:"
            f" {anchor:.2f} s\n"
        )
        print("| trap | where | n | t(n) | t(2n) | t(4n) | ratios |")
        print("|---|---|---|---|---|---|---|")
        for name, (n, make, where) in traps(scale, folder).items():
            times = [_best(make(k * n)) for k in (1, 2, 4)]
            ratios = [b / max(a, 1e-6) for a, b in itertools.pairwise(times)]
            worst = max(worst, *ratios)
            cells = " | ".join(f"{t:.3f} s" for t in times)
            print(f"| {name} | {where} | {n:,} | {cells} | {ratios[0]:.2f}, {ratios[1]:.2f} |")
    print(f"\nworst ratio {worst:.2f} (linear 2, quadratic 4; limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
