"""Live preview benchmark (figures in docs/performance.md, "Live preview").

    python benchmarks/bench_serve.py [SAVES]      # default 8 saves

- end to end: ``argmap serve`` on a copy of the Chicago map in a fresh
  process, the page open in headless Chromium (Playwright); each save (a
  claim's text edited, written to a new file and renamed over the old, as
  editors do) is timed from just before the write to the frame that shows the
  new drawing (``requestAnimationFrame`` after ``window.argmap.update``), by
  the same clock (``Date.now()`` in the page, ``time.time()`` here); target
  300 ms. Then a broken save: to the errors shown in the page.
- in process: :meth:`argmap.serve.LiveMap.refresh` for the same edit (read,
  check, lay out, finish, page data), and how many claims moved for four kinds
  of edit, with and without holding the old ranks and order (argmap's layout
  cache off, so every layout is a real Graphviz run).
- anchor, in the same run: ``argmap render MAP -o x.html`` in a fresh
  process, layout cache off (what the edit loop cost before ``serve``).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TEXT = "text: There is no simple answer or easy fix; the issue is complex."
RUN = secrets.token_hex(3)
"""In every edited text, so no edit is found in argmap's layout cache from an
earlier run (a new edit never is)."""


def save(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def wall(args: list[str]) -> float:
    t = time.perf_counter()
    env = {**os.environ, "ARGMAP_NO_CACHE": "1"}
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - t


def wait(page: object, expression: str, timeout: float = 30.0) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)  # type: ignore[attr-defined]
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.005)


def end_to_end(saves: int, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    path = tmp / "chicago_ice.yaml"
    src = CHICAGO.read_text("utf-8")
    path.write_text(src, "utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from argmap.cli import main; main()", "serve", str(path), "-p0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    url = ""
    while not url:
        line = proc.stderr.readline()
        if not line:
            raise SystemExit("argmap serve did not start")
        m = re.search(r" at (http://\S+/) ", line)
        url = m.group(1) if m else ""
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            wait(page, "document.getElementById('live-status').textContent === 'live'")
            page.evaluate("window.__kept = 1")
            times: list[float] = []
            for k in range(saves):
                seq = page.evaluate("window.argmapLive.seq")
                new = src.replace(TEXT, TEXT[:-1] + f", edit {k + 1} {RUN}.")
                t0 = time.time() * 1000
                save(path, new)
                at = wait(
                    page,
                    f"window.argmapLive.painted && window.argmapLive.painted.seq > {seq}"
                    " && window.argmapLive.painted.at",
                )
                times.append(float(at) - t0)  # type: ignore[arg-type]
                time.sleep(0.3)
            assert page.evaluate("window.__kept") == 1, "the page reloaded"
            seq = page.evaluate("window.argmapLive.seq")
            t0 = time.time() * 1000
            save(path, src.replace("to: no-simple-answer", "to: no-simple-answr", 1))
            at = wait(
                page,
                f"window.argmapLive.painted && window.argmapLive.painted.seq > {seq}"
                " && window.argmapLive.painted.at",
            )
            broken = float(at) - t0  # type: ignore[arg-type]
            errors = page.inner_text("#live-errors")
            browser.close()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    print(
        f"save -> new drawing painted (end to end, {saves} saves): median "
        f"{statistics.median(times):.0f} ms, best {min(times):.0f}, worst {max(times):.0f} "
        f"({', '.join(f'{t:.0f}' for t in times)})"
    )
    print(f"broken save -> errors painted: {broken:.0f} ms ({errors.splitlines()[1][:70]}...)")


def in_process() -> None:
    import argmap
    from argmap.serve.session import LiveMap

    os.environ["ARGMAP_NO_CACHE"] = "1"  # every layout timed is a real Graphviz run
    src = CHICAGO.read_text("utf-8")
    texts = [src] + [src.replace(TEXT, TEXT[:-1] + f", edit {k} {RUN}x.") for k in range(1, 8)]
    maps = [argmap.loads(t) for t in texts]
    queue = list(maps)
    live = LiveMap(CHICAGO, read=lambda _p: queue.pop(0))
    t = time.perf_counter()
    live.refresh()
    first = time.perf_counter() - t
    took = []
    for _ in maps[1:]:
        t = time.perf_counter()
        live.refresh()
        took.append(time.perf_counter() - t)
    print(
        f"in process: first drawing {first * 1000:.0f} ms; refresh after an edit: median "
        f"{statistics.median(took) * 1000:.0f} ms, best {min(took) * 1000:.0f}"
    )

    ids = [c.id for c in maps[0].claims]

    def add(s: str) -> str:
        return s.replace(
            "\nsupports:\n",
            "\n  - {id: a-new-reason, text: A new reason someone just typed in.}\n"
            f"supports:\n  - {{from: a-new-reason, to: {ids[3]}, note: {RUN}}}\n",
            1,
        )

    def attack(s: str) -> str:
        return s.replace("\nattacks:\n", f"\nattacks:\n  - {{from: {ids[10]}, to: {ids[20]}}}\n", 1)

    def remove(s: str) -> str:
        lines = s.split("\n")
        end = lines.index("attacks:")
        j = end - 1
        while not lines[j].startswith("  - "):
            j -= 1
        return "\n".join(lines[:j] + lines[end:])

    edits = {"text": texts[1], "add a reason": add(src), "add an attack": attack(src)}
    edits["remove a support"] = remove(src)
    for hold in (False, True):
        row = []
        for name, text in edits.items():
            two = [maps[0], argmap.loads(text)]
            live = LiveMap(CHICAGO, read=lambda _p, two=two: two.pop(0), pin_layout=hold)
            live.refresh()
            m = live.refresh().moved
            assert m is not None
            row.append(f"{name}: {m.moved}/{m.common} moved (largest {m.max_shift:.0f} pt)")
        print(f"{'held' if hold else 'free'} ranks and order: " + "; ".join(row))


def main() -> None:
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    print(f"load average: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        anchor = min(
            wall(["argmap", "render", str(CHICAGO), "-o", f"{tmp}/a.html"]) for _ in range(2)
        )
        print(f"anchor: argmap render chicago -o a.html, fresh process: best of 2 {anchor:.2f} s")
        end_to_end(saves, Path(tmp))
    in_process()
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
