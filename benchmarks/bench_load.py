"""How long loading a big map takes, and how much memory.

    python benchmarks/bench_load.py                 # 1k, 10k and 100k claims
    python benchmarks/bench_load.py 1000 20000 --slow --alternatives

For each size, benchmarks/data/map_N.yaml is generated if missing (see
generate.py), then each measurement runs in a fresh subprocess, three times:

* ``fast parse``: :func:`argmap.formats._fastyaml.parse` on the text alone;
* ``argmap.load``: :func:`argmap.load` on the path, end to end (read, parse,
  validate every rule, build the model);
* with ``--slow``: the slow, position-tracking path alone
  (``argmap.formats._positions.parse_with_positions``);
* with ``--alternatives``: other YAML parsers that are installed, text to
  plain data (PyYAML's C loader, yaml-rs alone, rapidyaml + json, ryaml,
  fastyaml-rs, py-yaml12, pyyaml-rs), garbage collector off.

The table gives the best wall time of the three runs (the timed call only, not
interpreter start-up or imports), microseconds per claim (flat when growth is
linear), and the peak resident memory of the child process (``ru_maxrss``, the
largest of the three runs). The machine and the date come first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SRC = HERE.parent / "src"
RUNS = 3

# --------------------------------------------------------------------------- child side


def _fast(text: str, path: Path) -> Callable[[], object]:
    from argmap.formats import _fastyaml

    if not _fastyaml.available():
        raise RuntimeError("yaml-rs is not installed")

    def run() -> object:
        data = _fastyaml.parse(text)
        if data is None:
            raise RuntimeError("the fast path declined the map")
        return data

    return run


def _load(text: str, path: Path) -> Callable[[], object]:
    import argmap

    return lambda: argmap.load(path)


def _slow(text: str, path: Path) -> Callable[[], object]:
    from argmap.formats._positions import parse_with_positions

    return lambda: parse_with_positions(text)


def _gc_off(function: Callable[[str], object], text: str) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return function(text)
        finally:
            gc.enable()

    return run


def _pyyaml_c(text: str, path: Path) -> Callable[[], object]:
    import yaml

    return _gc_off(lambda t: yaml.load(t, Loader=yaml.CSafeLoader), text)


def _yaml_rs(text: str, path: Path) -> Callable[[], object]:
    import yaml_rs

    return _gc_off(lambda t: yaml_rs.loads(t, parse_datetime=False), text)


def _rapidyaml(text: str, path: Path) -> Callable[[], object]:
    import ryml

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            raise ValueError("duplicate key")
        return out

    def parse(t: str) -> object:
        tree = ryml.parse_in_arena(t.encode())
        return json.loads(ryml.emit_json_malloc(tree, tree.root_id()), object_pairs_hook=hook)

    return _gc_off(parse, text)


def _ryaml(text: str, path: Path) -> Callable[[], object]:
    import ryaml

    return _gc_off(ryaml.loads, text)


def _fastyaml_rs(text: str, path: Path) -> Callable[[], object]:
    import fast_yaml

    return _gc_off(fast_yaml.safe_load, text)


def _py_yaml12(text: str, path: Path) -> Callable[[], object]:
    import yaml12

    return _gc_off(yaml12.parse_yaml, text)


def _pyyaml_rs(text: str, path: Path) -> Callable[[], object]:
    import pyyaml_rs

    return _gc_off(pyyaml_rs.safe_load, text)


MODES: dict[str, tuple[str, Callable[[str, Path], Callable[[], object]]]] = {
    "fast": ("fast parse (_fastyaml.parse)", _fast),
    "load": ("argmap.load (parse + validate)", _load),
    "slow": ("slow path (parse_with_positions)", _slow),
    "pyyaml-c": ("PyYAML CSafeLoader", _pyyaml_c),
    "yaml-rs": ("yaml-rs alone", _yaml_rs),
    "rapidyaml": ("rapidyaml + json.loads", _rapidyaml),
    "ryaml": ("ryaml", _ryaml),
    "fastyaml-rs": ("fastyaml-rs", _fastyaml_rs),
    "py-yaml12": ("py-yaml12", _py_yaml12),
    "pyyaml-rs": ("pyyaml-rs", _pyyaml_rs),
}
ALTERNATIVES = [
    "pyyaml-c",
    "yaml-rs",
    "rapidyaml",
    "ryaml",
    "fastyaml-rs",
    "py-yaml12",
    "pyyaml-rs",
]


def child(mode: str, path: Path) -> None:
    """Time one call; print {"seconds": ...} or {"error": ...} as JSON."""
    text = path.read_text(encoding="utf-8")
    try:
        run = MODES[mode][1](text, path)
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    except Exception as exc:  # reported in the table, not a crash
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:80]}))
        return
    print(json.dumps({"seconds": seconds}))


# --------------------------------------------------------------------------- parent side


def measure(mode: str, path: Path) -> tuple[float | None, float, str]:
    """Best seconds, peak RSS in MiB, error text (if any) over RUNS fresh children."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    best: float | None = None
    peak = 0.0
    error = ""
    for _ in range(RUNS):
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
        try:
            result = json.loads(out.decode().strip().splitlines()[-1])
        except (IndexError, ValueError):
            result = {"error": f"exit code {proc.returncode}"}
        if "error" in result:
            error = result["error"]
            break
        seconds = float(result["seconds"])
        best = seconds if best is None else min(best, seconds)
    return best, peak, error


def ensure_map(n: int) -> Path:
    path = DATA / f"map_{n}.yaml"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n), encoding="utf-8")
    return path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time loading big maps.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--slow", action="store_true", help="also time the slow path")
    parser.add_argument("--alternatives", action="store_true", help="also time other parsers")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0

    modes = ["fast", "load"]
    if args.slow:
        modes.append("slow")
    if args.alternatives:
        modes += ALTERNATIVES
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"Machine: {machine()}  ")
    print(f"Date: {now}  ")
    print(f"Best of {RUNS} fresh processes; time of the call only; peak RSS of the process.\n")
    print("| claims | file | what | best time | µs/claim | peak RSS |")
    print("|---:|---:|---|---:|---:|---:|")
    for n in args.sizes:
        path = ensure_map(n)
        size = f"{path.stat().st_size / 1e6:.1f} MB"
        for mode in modes:
            seconds, peak, error = measure(mode, path)
            label = MODES[mode][0]
            if seconds is None:
                print(f"| {n:,} | {size} | {label} | n/a: {error} | | {peak:.0f} MiB |")
            else:
                per = seconds / n * 1e6
                print(
                    f"| {n:,} | {size} | {label} | {seconds:.3f} s | {per:.1f} | {peak:.0f} MiB |"
                )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
