"""Interchange speed: the AraucariaDB folder through `argmap convert`, AIF export.

    python benchmarks/bench_convert.py [--corpus ../shared/corpora/araucaria-aif]
        [--map benchmarks/data/map_100000.yaml] [--repeat 3]

Prints the best of ``--repeat`` runs for: converting the whole corpus folder in
one ``argmap convert DIR -o DIR`` process (start-up included), AIF import of the
corpus in-process, and AIF, Argdown, GraphML, Mermaid and native JSON export
of the synthetic map (made with benchmarks/generate.py when missing).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best(repeat: int, run: Callable[[], object]) -> str:
    """Best wall-clock time of ``repeat`` runs, and the CPU time of that run
    (this process and its children): on a busy machine CPU time is steadier."""
    runs = []
    for _ in range(repeat):
        cpu = _cpu()
        start = time.perf_counter()
        run()
        runs.append((time.perf_counter() - start, _cpu() - cpu))
    wall, cpu = min(runs)
    return f"{wall:.2f} s (cpu {cpu:.2f} s)"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpora" / "araucaria-aif"
    )
    parser.add_argument("--map", type=Path, default=HERE / "data" / "map_100000.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import argmap
    from argmap.formats import aif, argdown, graphml, json_native, mermaid

    files = sorted(args.corpus.glob("*.json"))
    argmap_cli = Path(sys.executable).with_name("argmap")
    with tempfile.TemporaryDirectory() as tmp:
        seconds = best(
            args.repeat,
            lambda: subprocess.run(
                [str(argmap_cli), "convert", str(args.corpus), "-o", f"{tmp}/out", "-q"],
                check=True,
            ),
        )
    print(f"argmap convert DIR -o DIR, {len(files)} AIF files (process): {seconds}")
    texts = [(str(p), p.read_text("utf-8")) for p in files]
    seconds = best(args.repeat, lambda: [aif.loads(t, p) for p, t in texts])
    print(f"AIF import of {len(files)} files in-process: {seconds}")

    if not args.map.exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        n = int(args.map.stem.rpartition("_")[2])
        args.map.parent.mkdir(parents=True, exist_ok=True)
        args.map.write_text(generate(n), "utf-8")
    amap = argmap.load(args.map)
    print(f"map: {args.map.name} ({len(amap.claims)} claims, {len(amap.supports)} supports)")
    for name, dump, repeat in (
        ("AIF export", aif.dumps, args.repeat),
        ("native JSON export", json_native.dumps, args.repeat),
        ("Argdown export", argdown.dumps, args.repeat),
        ("Mermaid export", mermaid.dumps, args.repeat),
        ("GraphML export", graphml.dumps, 1),
    ):
        print(f"{name}: {best(repeat, lambda d=dump: d(amap))}")  # type: ignore[misc]
    text = aif.dumps(amap)
    print(f"AIF import of the exported map: {best(1, lambda: aif.loads(text))}")


if __name__ == "__main__":
    main()
