"""End-to-end figures at the command line, each paired with its anchor.

    python benchmarks/bench_e2e.py [--rounds N] [startup] [big] [diff] [evaluate] [labels]

Every figure is the median of N rounds of fresh processes; within a round the
command and its anchor run back to back, in alternating order, so that a busy
machine slows both alike, and the ratio is taken per round (the median of the
per-round ratios is printed, with the medians of the times).

- ``startup``: anchor ``python -c pass``; ``argmap --help`` (target 4x),
  ``argmap validate`` and ``argmap query ... unsupported`` on the Chicago map
  (target 6x).
- ``big``: anchor ``json.load`` of the 100k-claim map's data (the same
  dicts, as JSON) in a fresh process; ``argmap validate`` of the YAML map
  (target 3x) with the cache of validated maps off (``ARGMAP_NO_CACHE=1``),
  and the first and the repeated load with the cache on (a fresh cache
  folder per round, so the first load is cold).
- ``diff``: ``argmap diff OLD NEW --stat`` of two 100k revisions (1% edited),
  cold cache (target 2.5 s), and warm. Before the next run, the detached
  processes that write a cold run's cache entries are left to finish.
- ``evaluate``: ``argmap evaluate`` of a 100k-argument ``.apx`` (target 2 s).
- ``labels``: ``argmap evaluate --semantics preferred`` against grounded on a
  10k-argument, 20k-attack ``.apx`` (target 2x).
- ``inprocess``: :func:`argmap.analysis.af.labelling` under preferred and
  stable on 10k arguments and 20k attacks (target 1 s).

Byte-compiled modules are written first (an installed argmap has them), and
the children run without ``PYTHONDONTWRITEBYTECODE``. Data is generated into
benchmarks/data/ when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"
EXE = str(Path(sys.executable).parent / "argmap")

sys.path.insert(0, str(ROOT / "benchmarks"))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def _time(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env or _env())
    wall = time.perf_counter() - t
    if done.returncode not in (0, 1):  # diff exits 1 when the maps differ
        raise SystemExit(f"{cmd} failed: {done.stderr.decode()[-2000:]}")
    return wall


Runner = Callable[[], float]


def paired(name: str, anchor: Runner, runs: dict[str, Runner], rounds: int, target: str) -> None:
    """Print median times and the median per-round ratio of each run to the anchor."""
    a_times: list[float] = []
    times: dict[str, list[float]] = {k: [] for k in runs}
    ratios: dict[str, list[float]] = {k: [] for k in runs}
    for r in range(rounds):
        for key, run in runs.items():
            if r % 2:
                t, a = run(), anchor()
            else:
                a, t = anchor(), run()
            a_times.append(a)
            times[key].append(t)
            ratios[key].append(t / a)
    print(f"\n{name}: anchor median {statistics.median(a_times):.3f} s ({target})")
    for key in runs:
        print(
            f"  {key:<44} median {statistics.median(times[key]):.3f} s"
            f"  best {min(times[key]):.3f} s  ratio {statistics.median(ratios[key]):.2f}x"
            f"  (load {os.getloadavg()[0]:.1f})"
        )


def startup(rounds: int) -> None:
    def cli(*args: str) -> Runner:
        return lambda: _time([EXE, *args])

    paired(
        "start-up (Chicago map)",
        lambda: _time([sys.executable, "-c", "pass"]),
        {
            "argmap --help": cli("--help"),
            "argmap validate chicago": cli("validate", str(CHICAGO)),
            "argmap query chicago unsupported": cli("query", str(CHICAGO), "unsupported"),
        },
        rounds,
        "python -c pass; targets: --help 4x, validate and query 6x",
    )


def _big_map() -> Path:
    path = DATA / "map_100000.yaml"
    if not path.exists():
        from generate import generate

        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(100_000), encoding="utf-8")
    return path


def _as_json(path: Path) -> Path:
    out = path.with_suffix(".data.json")
    if not out.exists():
        import yaml_rs  # the data the loader validates, as JSON

        text = json.dumps(yaml_rs.loads(path.read_text("utf-8")), default=str)
        out.write_text(text, encoding="utf-8")
    return out


def _await_entries(folder: Path, count: int) -> None:
    """Wait until the cache under ``folder`` holds ``count`` maps: new entries
    are written by detached processes after the command has answered, and the
    next timed run should not share the processors with them."""
    entries = folder / "argmap" / "maps"
    deadline = time.monotonic() + 120
    while len(list(entries.glob("*.amap"))) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # the writer renames its file into place, then exits


def big(rounds: int) -> None:
    path = _big_map()
    data = _as_json(path)
    load_json = [sys.executable, "-c", f"import json; json.load(open({str(data)!r}, 'rb'))"]
    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    counter = iter(range(10**6))

    def cached() -> float:
        folder = tmp / str(next(counter))
        env = _env(XDG_CACHE_HOME=str(folder))
        first = _time([EXE, "validate", str(path)], env)
        _await_entries(folder, 1)
        repeated = _time([EXE, "validate", str(path)], env)
        cached.repeated.append(repeated)  # type: ignore[attr-defined]
        return first

    cached.repeated = []  # type: ignore[attr-defined]
    paired(
        "100k-claim map (22 MB YAML)",
        lambda: _time(load_json),
        {
            "argmap validate, no cache": lambda: _time(
                [EXE, "validate", str(path)], _env(ARGMAP_NO_CACHE="1")
            ),
            "argmap validate, first load (cold cache)": cached,
        },
        rounds,
        "json.load of the same data in a fresh process; target 3x",
    )
    rep = cached.repeated  # type: ignore[attr-defined]
    print(
        f"  {'argmap validate, repeated load (cached)':<44} median {statistics.median(rep):.3f} s"
    )


def _revision(path: Path) -> Path:
    out = path.with_name("map_100000_edited.yaml")
    if not out.exists():
        rng = random.Random(1)
        lines = path.read_text("utf-8").splitlines(keepends=True)
        for k, line in enumerate(lines):
            if line.startswith("    text: ") and rng.random() < 0.01:
                value = line.rstrip("\n")
                if value[10:11] in ("'", '"'):  # a quoted text: revise inside the quotes
                    lines[k] = value[:-1] + " (revised)" + value[-1] + "\n"
                else:
                    lines[k] = value + " (revised)\n"
        out.write_text("".join(lines), encoding="utf-8")
    return out


def diff(rounds: int) -> None:
    old = _big_map()
    new = _revision(old)
    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    counter = iter(range(10**6))
    warm_env = _env(XDG_CACHE_HOME=str(tmp / "warm"))
    subprocess.run([EXE, "diff", str(old), str(new), "--stat"], env=warm_env, capture_output=True)
    _await_entries(tmp / "warm", 2)

    def cold() -> float:
        folder = tmp / str(next(counter))
        wall = _time([EXE, "diff", str(old), str(new), "--stat"], _env(XDG_CACHE_HOME=str(folder)))
        _await_entries(folder, 2)
        return wall

    paired(
        "diff of two 100k revisions",
        lambda: _time([sys.executable, "-c", "pass"]),
        {
            "argmap diff OLD NEW --stat, cold cache": cold,
            "argmap diff OLD NEW --stat, warm cache": lambda: _time(
                [EXE, "diff", str(old), str(new), "--stat"], warm_env
            ),
        },
        rounds,
        "python -c pass; target 2.5 s cold",
    )


def _apx(n: int, k: float, seed: int = 0) -> Path:
    path = DATA / f"af_{n}_{int(k * n)}.apx"
    if not path.exists():
        rng = random.Random(seed)
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < int(k * n):
            a, b = rng.randrange(n), rng.randrange(n)
            if a != b:
                pairs.add((a, b))
        lines = [f"arg(a{i})." for i in range(n)]
        lines += [f"att(a{a},a{b})." for a, b in sorted(pairs)]
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def evaluate(rounds: int) -> None:
    path = _apx(100_000, 2.0)
    paired(
        "evaluate a 100k-argument .apx (200k attacks)",
        lambda: _time([sys.executable, "-c", "pass"]),
        {"argmap evaluate (grounded)": lambda: _time([EXE, "evaluate", str(path)])},
        rounds,
        "python -c pass; target 2 s",
    )
    # the same work in process, step by step (one fresh interpreter per round)
    steps: dict[str, list[float]] = {}
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-c", _EVALUATE_STEPS, str(path)],
            capture_output=True,
            text=True,
            env=_env(),
            check=True,
        )
        for name, seconds in json.loads(done.stdout).items():
            steps.setdefault(name, []).append(seconds)
    print("  in process, median of the rounds:")
    for name, times in steps.items():
        print(f"    {name:<44} {statistics.median(times):.3f} s")


# Times each step of `argmap evaluate FILE` (text output) in one process.
_EVALUATE_STEPS = """
import io, json, sys, time
from argmap._gc import paused_gc
from argmap.analysis import af, semantics as sem
from argmap.cli import _report
from argmap.cli.analysis import _evaluation_text
from argmap.formats.registry import read_with_ids
path, t, out = sys.argv[1], time.perf_counter, {}
with paused_gc():
    s = t(); amap, ids = read_with_ids(path); out["read (map cache)"] = t() - s
    s = t(); sf = sem.build(amap, ()); out["framework"] = t() - s
    s = t(); got = af.labelling(sf.af, sem.Semantics.GROUNDED); out["grounded labels"] = t() - s
    s = t()
    why = sem._Explainer(amap, sf, got.labels, sem.Semantics.GROUNDED, True, sem.item_words(amap))
    why.all_claims()
    out["reasons"] = t() - s
    s = t(); report = _report.evaluation_report(path, words=True); out["whole report"] = t() - s
    sys.stdout = io.StringIO()
    s = t(); _evaluation_text(report, False); out["text (to memory)"] = t() - s
    sys.stdout = sys.__stdout__
print(json.dumps(out))
"""


def labels(rounds: int) -> None:
    path = _apx(10_000, 2.0)
    grounded = [EXE, "evaluate", str(path)]
    paired(
        "labels of every argument, 10k arguments, 20k attacks",
        lambda: _time(grounded),
        {
            f"argmap evaluate --semantics {s}": (
                lambda s=s: _time([EXE, "evaluate", str(path), "--semantics", s])
            )
            for s in ("preferred", "stable")
        },
        rounds,
        "argmap evaluate (grounded) of the same file; target 2x",
    )


def labels_in_process(rounds: int) -> None:
    """Every-argument labels in process (target 1 s), on the analysis benchmark's
    random 10k/20k framework and on one with 300 even cycles (more extensions
    than are listed, so the labels are decided backbone-style)."""
    from argmap.analysis import af
    from bench_analysis import random_framework

    rng = random.Random(7)
    pairs: set[tuple[int, int]] = set()
    for k in range(300):
        pairs |= {(2 * k, 2 * k + 1), (2 * k + 1, 2 * k)}
    while len(pairs) < 20_000:
        a, b = rng.randrange(10_000), rng.randrange(10_000)
        if a != b:
            pairs.add((a, b))
    cases = {
        "random 10k/20k (seed 1)": random_framework(10_000, seed=1, density=2),
        "10k/20k with 300 even cycles": af.Framework.from_indices(10_000, pairs),
    }
    print("\nlabels of every argument, in process (target 1 s)")
    for name, f in cases.items():
        for sem in ("preferred", "stable"):
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                result = af.labelling(f, sem)
                times.append(time.perf_counter() - t)
            how = "listed" if result.extensions is not None else "backbone"
            print(
                f"  {name:<30} {sem:<9} median {statistics.median(times):.3f} s"
                f"  ({how}; load {os.getloadavg()[0]:.1f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "parts", nargs="*", default=["startup", "big", "diff", "evaluate", "labels"]
    )
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, env=_env()
    )
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"{now}  {platform.machine()}  {os.cpu_count()} cores  Python {platform.python_version()}"
        f"  load {os.getloadavg()}"
    )
    for part in args.parts:
        {
            "startup": startup,
            "big": big,
            "diff": diff,
            "evaluate": evaluate,
            "labels": labels,
            "inprocess": labels_in_process,
        }[part](args.rounds)


if __name__ == "__main__":
    main()
