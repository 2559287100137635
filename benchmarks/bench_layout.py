"""Layout quality: edge crossings and total edge length, argmap against Argdown.

    python benchmarks/bench_layout.py

For the Chicago map and generated maps, argmap's argument view is laid out by
both Graphviz routes (bundled WebAssembly and system ``dot``) and the map's
Argdown export (``argmap convert -o X.argdown``) is drawn by the real Argdown
CLI (``$ARGDOWN_CLI map --format dot``, default
``benchmarks/node_modules/.bin/argdown``) and laid out by the system ``dot``.
argmap's figure is for the layout its layout stage keeps (the variant with
the fewest crossings); the first variant's is shown beside it. Crossings and
lengths are read from Graphviz's ``-Tjson`` coordinates with
:mod:`argmap.render.geometry` (edges sharing an end are not counted as
crossing). Figures go to docs/performance.md ("Layout quality").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def argdown_cli() -> str | None:
    found = os.environ.get("ARGDOWN_CLI") or str(HERE / "node_modules" / ".bin" / "argdown")
    return found if Path(found).exists() else shutil.which("argdown")


def argdown_dot(amap: object, cli: str) -> str:
    """The DOT the Argdown CLI writes for the map's Argdown export."""
    from argmap.formats import argdown

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "map.argdown"
        src.write_text(argdown.dumps(amap), "utf-8")  # type: ignore[arg-type]
        out = Path(tmp) / "out"
        subprocess.run(
            [cli, "map", str(src), str(out), "--format", "dot"], check=True, capture_output=True
        )
        return next(out.glob("*.dot")).read_text("utf-8")


def maps() -> list[tuple[str, object]]:
    import argmap
    from generate import generate

    found: list[tuple[str, object]] = [("chicago", argmap.load(ROOT / "maps" / "chicago_ice.yaml"))]
    for n, seed in ((30, 1), (60, 2), (120, 3)):
        found.append((f"generated-{n}", argmap.loads(generate(n, seed))))
    return found


def main() -> None:
    from argmap.render.dot import build_graph
    from argmap.render.geometry import crossings, edge_length, laid_out
    from argmap.render.layout import lay_out
    from argmap.render.views import scene

    cli = argdown_cli()
    routes = ["wasm"] + (["system"] if shutil.which("dot") else [])
    print(f"{'map':<14} {'drawing':<16} {'crossings':>9} {'length (pt)':>12} {'in widths':>9}")
    for name, amap in maps():
        graph = build_graph(scene(amap))  # type: ignore[arg-type]
        for via in routes:
            first = laid_out(graph.dot, graph.engine, via)
            lay = laid_out(lay_out(graph, via).dot, graph.engine, via)
            print(
                f"{name:<14} {'argmap ' + via:<16} {crossings(lay):>9} {edge_length(lay):>12.0f}"
                f" {widths(lay):>9.1f}   (first variant: {crossings(first)} crossings,"
                f" {edge_length(first):.0f} pt)"
            )
        if cli and shutil.which("dot"):
            lay = laid_out(argdown_dot(amap, cli), "dot", "system")
            print(
                f"{name:<14} {'argdown':<16} {crossings(lay):>9} {edge_length(lay):>12.0f}"
                f" {widths(lay):>9.1f}"
            )


def widths(lay: object) -> float:
    """Total edge length in units of the drawing's mean box width (the two
    programs draw boxes of different sizes)."""
    from argmap.render.geometry import Layout, edge_length

    assert isinstance(lay, Layout)
    boxes = [b.width for b in lay.boxes.values() if b.width > 20]
    return edge_length(lay) / (sum(boxes) / len(boxes)) if boxes else 0.0


if __name__ == "__main__":
    main()
