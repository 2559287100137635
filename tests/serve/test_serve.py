"""``argmap serve``: the live page in a real headless Chromium, driven by Playwright,
against the server run as the command a person runs (in a subprocess)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
SERVE = [sys.executable, "-c", "from argmap.cli import main; main()", "serve"]

MAP = """argmap: 1
title: Should the school day start later?
stakeholders:
  - {id: teachers, name: Teachers' union, kind: union}
claims:
  - {id: later-start, text: The school day should start at 9:30., kind: policy}
  - {id: teens-sleep-late, text: Teenagers' body clocks make them fall asleep late.}
  - {id: buses-cost, text: A later start means running the buses twice., kind: prediction}
supports:
  - {from: teens-sleep-late, to: later-start}
attacks:
  - {from: buses-cost, to: later-start}
stances:
  - {stakeholder: teachers, asserts: later-start}
"""

NASTY_CLAIM = '  - {id: evil, text: "<img src=x onerror=window.__pwned=1> </script><b>x</b>"}\n'


def save(path: Path, text: str) -> None:
    """Save as most editors do: write a new file and rename it over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Served:
    def __init__(self, proc: subprocess.Popen[str], url: str, lines: list[str]) -> None:
        self.proc = proc
        self.url = url
        self.lines = lines

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, then the exit code and everything it printed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
            pytest.fail("argmap serve did not stop on Ctrl-C")
        return self.proc.returncode, "".join(self.lines) + err


def start(*args: str) -> Served:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [*SERVE, *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r" at (http://\S+/) \(Ctrl-C stops\)", line)
        if m:
            return Served(proc, m.group(1), lines)
    proc.kill()
    pytest.fail("argmap serve did not start: " + "".join(lines) + proc.stderr.read())


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "school.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


@pytest.fixture
def served(map_file: Path) -> Iterator[Served]:
    s = start(str(map_file), "--port", "0")
    yield s
    code, err = s.stop()
    assert code == 0, err
    assert "Traceback" not in err
    assert "argmap serve: stopped" in err


def _wait(page: Any, expression: str, timeout: float = 20.0) -> None:
    """Wait until a JS expression is true (polled from here: the page's CSP
    forbids the eval that Playwright's wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {expression}")
        time.sleep(0.02)


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#map svg g.node")
    _wait(page, "document.getElementById('live-status').textContent === 'live'")
    page.evaluate("window.__still_here = 42")  # a full reload would lose it
    return page


def _text(page: Any) -> str:
    """The drawing's text, its wrapped lines joined."""
    return " ".join(str(page.inner_text("#map")).split())


def test_a_save_redraws_the_page_without_a_reload(
    browser: Any, served: Served, map_file: Path
) -> None:
    page = _open(browser, served.url)
    assert "running the buses twice" in _text(page)
    page.click("#c0")  # select "later-start"
    assert page.eval_on_selector("#info", "e => e.dataset.selected") == "later-start"
    page.select_option("#who", "")
    page.click("#c0")
    save(
        map_file,
        MAP.replace("running the buses twice.", "running every bus route twice at a cost.").replace(
            "supports:\n",
            "  - {id: sport, text: Morning sport practice would move to the evening.}\n"
            "supports:\n  - {from: sport, to: buses-cost}\n",
        ),
    )
    _wait(page, "window.argmapLive.swaps >= 1")
    assert "every bus route twice" in _text(page)
    assert "Morning sport practice" in _text(page)
    assert "running the buses twice." not in _text(page)
    assert page.evaluate("window.__still_here") == 42
    # The selected claim is still selected, and the page's clicks work on the new drawing.
    assert page.eval_on_selector("#info", "e => e.dataset.selected") == "later-start"
    assert "sel" in page.eval_on_selector("#c0", "e => Array.from(e.classList)")
    new_claim = page.evaluate(
        "(() => { const d = window.argmap.data();"
        " return Object.keys(d.claims).find(k => d.claims[k].id === 'sport'); })()"
    )
    page.click(f"#{new_claim}")
    assert "Morning sport practice" in page.inner_text("#info")
    assert page.evaluate("window.argmapLive.updates") >= 1
    page.close()


def test_a_broken_save_shows_the_errors_over_the_last_drawing_and_a_fix_restores(
    browser: Any, served: Served, map_file: Path
) -> None:
    page = _open(browser, served.url)
    broken = MAP.replace(
        "{from: buses-cost, to: later-start}", "{from: buses-cost, to: latr-start}"
    )
    save(map_file, broken)
    page.wait_for_selector("#live-errors:not([hidden])", timeout=20000)
    errors = page.inner_text("#live-errors")
    line = broken.splitlines().index("  - {from: buses-cost, to: latr-start}") + 1
    expected = rf"school\.yaml:{line}:\d+: unknown claim or support 'latr-start'"
    assert re.search(expected, errors), errors
    assert "last good one" in errors
    assert "running the buses twice" in _text(page)  # the last good drawing, below
    assert page.evaluate("window.__still_here") == 42
    # A save that is not even YAML.
    map_file.write_text(MAP + "claims: [oops\n", encoding="utf-8")  # written in place
    _wait(
        page,
        "document.getElementById('live-errors').textContent.includes('school.yaml:')"
        " && !document.getElementById('live-errors').textContent.includes('latr-start')",
    )
    assert re.search(r"school\.yaml:\d+:\d+: ", page.inner_text("#live-errors"))
    fixed = MAP.replace("running the buses twice.", "running the buses twice as the drivers say.")
    save(map_file, fixed)
    page.wait_for_selector("#live-errors", state="hidden", timeout=20000)
    _wait(page, "window.argmapLive.swaps >= 1")
    assert "as the drivers say" in _text(page)
    assert page.evaluate("window.__still_here") == 42
    page.close()
    code, err = served.stop()
    assert code == 0
    assert "unknown claim or support 'latr-start'" in err  # the terminal says it too


def test_every_open_tab_follows(browser: Any, served: Served, map_file: Path) -> None:
    tabs = [_open(browser, served.url) for _ in range(2)]
    save(map_file, MAP.replace("fall asleep late", "fall asleep after eleven"))
    for tab in tabs:
        _wait(tab, "window.argmapLive.swaps >= 1")
        assert "fall asleep after eleven" in _text(tab)
        tab.close()


def test_map_text_never_runs_in_a_live_update(browser: Any, served: Served, map_file: Path) -> None:
    page = _open(browser, served.url)
    save(map_file, MAP.replace("supports:\n", NASTY_CLAIM + "supports:\n"))
    _wait(page, "window.argmapLive.swaps >= 1")
    assert "<img src=x onerror=window.__pwned=1>" in _text(page)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#map img, #map b').length") == 0
    page.close()


def test_diff_marks_what_changed_since_the_page_was_opened(browser: Any, map_file: Path) -> None:
    s = start(str(map_file), "--port", "0", "--diff")
    try:
        page = _open(browser, s.url)
        assert "added" not in _text(page)
        save(
            map_file,
            MAP.replace(
                "supports:\n",
                "  - {id: sport, text: Morning sport practice would move.}\n"
                "supports:\n  - {from: sport, to: buses-cost}\n",
            ),
        )
        _wait(page, "window.argmapLive.swaps >= 1")
        assert "Morning sport practice" in _text(page)
        assert "added" in _text(page)  # the mark's badge and key
        # A page opened now starts from the new version: nothing added yet.
        fresh = _open(browser, s.url)
        assert "Morning sport practice" in _text(fresh)
        assert "added" not in _text(fresh)
        page.close()
        fresh.close()
    finally:
        code, err = s.stop()
    assert code == 0, err


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_only_the_page_and_the_stream_for_this_host(served: Served, map_file: Path) -> None:
    status, body = _get(served.url)
    assert status == 200 and "connect-src 'self'" in body
    port = served.url.rsplit(":", 1)[1].strip("/")
    assert _get(served.url, f"localhost:{port}")[0] == 200
    assert _get(served.url, f"rebind.example.com:{port}")[0] == 403  # DNS rebinding
    for path in ("school.yaml", "..%2Fschool.yaml", "static/x", "events/../school.yaml"):
        assert _get(served.url + path)[0] == 404, path
    assert map_file.read_text() not in _get(served.url + "school.yaml")[1]


def test_a_port_in_use_is_a_clear_error(served: Served, map_file: Path) -> None:
    port = served.url.rsplit(":", 1)[1].strip("/")
    proc = subprocess.run(
        [*SERVE, str(map_file), "--port", port],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=60,
    )
    assert proc.returncode == 1
    assert f"127.0.0.1:{port}: the port is already in use" in proc.stderr
    assert "--port 0" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_map_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*SERVE, str(tmp_path / "nope.yaml"), "--port", "0"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=60,
    )
    assert proc.returncode == 1
    assert "nope.yaml: no such file" in proc.stderr


EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "school-day"


def test_saves_of_included_files_redraw_too(browser: Any, tmp_path: Path) -> None:
    import shutil

    if not EXAMPLE.is_dir():
        pytest.skip(f"{EXAMPLE} not found")
    root = tmp_path / "school-day"
    shutil.copytree(EXAMPLE, root)
    buses = root / "chapters" / "buses.yaml"
    s = start(str(root / "debate.yaml"), "--port", "0")
    try:
        page = _open(browser, s.url)
        assert "running the buses twice" in _text(page)
        text = buses.read_text("utf-8")
        save(buses, text.replace("running the buses twice", "running every bus twice"))
        _wait(page, "window.argmapLive.swaps >= 1")
        assert "running every bus twice" in _text(page)
        save(buses, text.replace("to: later-start", "to: later-sart"))
        page.wait_for_selector("#live-errors:not([hidden])", timeout=20000)
        line = (
            text.splitlines().index(next(x for x in text.splitlines() if "to: later-start" in x))
            + 1
        )
        expected = rf"chapters/buses\.yaml:{line}:\d+: unknown claim"
        assert re.search(expected, page.inner_text("#live-errors")), page.inner_text("#live-errors")
        assert page.evaluate("window.__still_here") == 42
        page.close()
    finally:
        code, err = s.stop()
    assert code == 0, err
