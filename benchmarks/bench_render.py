"""Rendering benchmarks (figures in docs/performance.md, "Rendering").

    python benchmarks/bench_render.py            # everything
    python benchmarks/bench_render.py startup dot big

- startup: ``argmap render maps/chicago_ice.yaml -o X.svg`` end to end, wall
  time including Python start-up (best and median of 7, warm module cache).
- dot: DOT emission (:func:`argmap.render.dot.build_dot`) for the 1k, 10k and
  100k-claim synthetic maps (benchmarks/data/map_N.yaml, made by generate.py
  when missing); map loading is not timed.
- big: 500 and 2,000-claim synthetic maps to SVG with default options (layout
  chosen by size), through the bundled WebAssembly Graphviz unless
  ARGMAP_GRAPHVIZ says otherwise.
- dense: the same for randomly cross-linked maps (about two supports or
  attacks from every claim to random others, so many cycles), the case that
  makes Graphviz's dot take minutes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _map_file(n: int) -> Path:
    path = HERE / "data" / f"map_{n}.yaml"
    if not path.exists():
        from generate import generate

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n), "utf-8")
    return path


def startup() -> None:
    exe = Path(sys.executable).parent / "argmap"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "chicago.svg"
        cmd = [str(exe), "render", str(ROOT / "maps" / "chicago_ice.yaml"), "-o", str(out)]
        subprocess.run(cmd, check=True)  # warm the compiled-module cache
        times = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run(cmd, check=True)
            times.append(time.perf_counter() - t)
    print(
        f"startup  chicago -> svg  best {min(times):.3f} s  median {statistics.median(times):.3f} s"
    )


def dot() -> None:
    import argmap
    from argmap.render.dot import build_dot

    for n in (1000, 10000, 100000):
        amap = argmap.load(_map_file(n))
        times = []
        for _ in range(3 if n < 100000 else 2):
            t = time.perf_counter()
            text = build_dot(amap)
            times.append(time.perf_counter() - t)
        print(f"dot      {n:>6} claims  {min(times):.3f} s  ({len(text) / 1e6:.1f} MB)")


def big() -> None:
    import argmap
    from argmap.render import render

    for n in (500, 2000):
        amap = argmap.load(_map_file(n))
        t = time.perf_counter()
        result = render(amap, "svg")
        took = time.perf_counter() - t
        note = result.notes[0] if result.notes else "default dot"
        print(f"big      {n:>6} claims -> svg  {took:.2f} s  [{note}]")


def dense_map(n: int, seed: int = 1) -> object:
    import random

    from argmap.model import ArgumentMap, Attack, Claim, Support

    rnd = random.Random(seed)
    claims = tuple(
        Claim(id=f"c{i}", text=f"Claim {i} says something of moderate length about the topic.")
        for i in range(n)
    )
    supports, attacks, seen = [], [], set()
    for i in range(1, n):
        for _ in range(2):
            j = rnd.randrange(n)
            if j == i or (i, j) in seen:
                continue
            seen.add((i, j))
            if rnd.random() < 0.6:
                supports.append(Support(id=f"c{i}>c{j}", premises=(f"c{i}",), conclusion=f"c{j}"))
            else:
                attacks.append(Attack(id=f"c{i}!c{j}", attacker=f"c{i}", target=f"c{j}"))
    return ArgumentMap(
        title="dense", claims=claims, supports=tuple(supports), attacks=tuple(attacks)
    )


def dense() -> None:
    from argmap.model import ArgumentMap
    from argmap.render import render

    for n in (500, 2000):
        amap = dense_map(n)
        assert isinstance(amap, ArgumentMap)
        edges = len(amap.supports) + len(amap.attacks)
        t = time.perf_counter()
        result = render(amap, "svg")
        took = time.perf_counter() - t
        note = result.notes[0] if result.notes else "default dot"
        print(f"dense    {n:>6} claims, {edges} links -> svg  {took:.2f} s  [{note}]")


def main() -> None:
    parts = sys.argv[1:] or ["startup", "dot", "big", "dense"]
    for part in parts:
        {"startup": startup, "dot": dot, "big": big, "dense": dense}[part]()


if __name__ == "__main__":
    main()
