"""Paged output benchmarks (figures in docs/performance.md, "Pages").

    python benchmarks/bench_pages.py [N]      # default N = 2000

- end to end: ``argmap render MAP --page slide -o deck.pdf`` for an N-claim
  synthetic map (generate.py), wall time in a fresh process, interleaved with
  the anchor ``argmap render maps/chicago_ice.yaml -o X.svg``, best of 2;
- in process: paginating (split, page layouts, fonts) and encoding the PDF,
  timed apart, with the number of pages.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def wall(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    from generate import generate

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"map_{n}.yaml"
        src.write_text(generate(n), "utf-8")
        deck, anchor = [], []
        for _ in range(2):
            anchor.append(
                wall(
                    ["argmap", "render", str(ROOT / "maps/chicago_ice.yaml"), "-o", f"{tmp}/a.svg"]
                )
            )
            deck.append(
                wall(["argmap", "render", str(src), "--page", "slide", "-o", f"{tmp}/deck.pdf"])
            )
        print(f"anchor (Chicago to SVG): best {min(anchor):.2f} s")
        print(f"{n}-claim slide deck end to end: best {min(deck):.2f} s ({deck})")

        import argmap
        from argmap.render.dot import build_graph
        from argmap.render.encode import encode
        from argmap.render.paginate import paginate_graph
        from argmap.render.views import scene

        amap = argmap.load(src)
        t = time.perf_counter()
        pages = paginate_graph(build_graph(scene(amap)), "slide")
        t1 = time.perf_counter()
        encode(pages, "pdf")
        t2 = time.perf_counter()
        print(f"in process: paginate {t1 - t:.2f} s, PDF {t2 - t1:.2f} s, {len(pages.svgs)} pages")


if __name__ == "__main__":
    main()
