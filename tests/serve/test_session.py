"""The map followed through its saves (no server, no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.serve.app import host_allowed
from argmap.serve.session import LiveMap, claim_centres, movement

MAP = """argmap: 1
title: t
claims:
  - {id: top, text: Top claim.}
  - {id: reason, text: A reason.}
  - {id: objection, text: An objection.}
supports:
  - {from: reason, to: top}
attacks:
  - {from: objection, to: top}
"""


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LOCALHOST", True),
        ("[::1]:8000", True),
        ("192.168.1.20:8000", True),
        ("evil.example:8000", False),
        ("localhost.evil.example", False),
        ("", False),
        ("[::1", False),
    ],
)
def test_host_header(host: str, ok: bool) -> None:
    assert host_allowed(host) is ok


def test_host_given_with_host_option_is_allowed() -> None:
    assert host_allowed("mybox.local:8000", ["mybox.local"])
    assert not host_allowed("other.local:8000", ["mybox.local"])


def test_refresh_follows_good_broken_and_fixed_saves(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    live = LiveMap(path)
    first = live.refresh()
    assert (first.seq, first.version, first.errors) == (1, 1, ())
    assert live.refresh() is first  # nothing changed: nothing to push
    path.write_text(MAP + "# a comment changes nothing drawn\n")
    assert live.refresh() is first
    path.write_text(MAP.replace("to: top}\nattacks", "to: tpo}\nattacks"))
    broken = live.refresh()
    assert broken.version == 1 and broken.seq == 2
    assert broken.amap is first.amap  # the last good map is kept
    (problem,) = broken.errors
    assert problem.startswith(f"{path}:8:")
    assert "unknown claim 'tpo'" in problem
    out = live.payload(known=1)
    assert out["errors"] == [problem] and "svg" not in out  # the page keeps its drawing
    path.write_text(MAP.replace("A reason.", "A better reason."))
    fixed = live.refresh()
    assert (fixed.version, fixed.errors) == (2, ())
    out = live.payload(known=1)
    assert "A better reason." in out["svg"]
    assert out["data"]["claims"]["c1"]["text"] == "A better reason."
    assert out["moved"]["common"] == 3


def test_moving_a_claim_in_the_file_moves_nothing_in_the_drawing(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    live = LiveMap(path)
    live.refresh()
    before = live.payload()["svg"]
    lines = MAP.splitlines(keepends=True)
    path.write_text("".join([*lines[:3], lines[4], lines[5], lines[3], *lines[6:]]))
    state = live.refresh()
    assert state.version == 2
    assert state.moved is not None and state.moved.moved_raw == 0
    assert claim_centres(live.payload()["svg"]) == claim_centres(before)


def test_movement_aligns_by_the_median_shift() -> None:
    before = {"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (200.0, 50.0)}
    after = {"a": (30.0, 10.0), "b": (130.0, 10.0), "c": (400.0, 60.0), "new": (0.0, 0.0)}
    m = movement(before, after)
    assert m.common == 3
    assert m.shift == (30.0, 10.0)
    assert (m.moved_raw, m.moved) == (3, 1)
    assert m.max_shift == pytest.approx(170.0)


def test_diff_payload_marks_what_changed_since_a_version(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    live = LiveMap(path, diff=True)
    live.refresh()
    live.page()  # a tab opened on version 1
    added = re.compile(r">\s*added<")
    assert not added.search(live.payload(since=1)["svg"])
    path.write_text(MAP.replace("supports:\n", "  - {id: more, text: One more.}\nsupports:\n"))
    live.refresh()
    marked = live.payload(since=1)["svg"]
    assert "One more." in marked and added.search(marked)
    assert not added.search(live.payload(since=2)["svg"])  # a page opened now
    path.write_text(MAP.replace("supports:\n", "  - {id: more, text: Two more.}\nsupports:\n"))
    live.refresh()
    assert sorted(live._versions) == [1, 3]  # version 2 had no tab: not kept


def test_the_page_starts_the_live_script(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    live = LiveMap(path)
    live.refresh()
    page = live.page()
    assert "connect-src 'self'" in page
    assert "ARGMAP_LIVE = " in page and "EventSource" in page
    path.write_text("claims: [")
    live.refresh()
    assert "Top claim." in live.page()  # the last good drawing


def test_missing_server_libraries_are_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.util

    from click.testing import CliRunner

    from argmap.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    result = CliRunner().invoke(main, ["serve", str(path)])
    assert result.exit_code == 1
    assert "argmap serve needs uvicorn: pip install 'argmap[serve]'" in result.output


def test_watched_files_follow_the_includes(tmp_path: Path) -> None:
    import shutil

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "school-day"
    if not example.is_dir():
        pytest.skip(f"{example} not found")
    root = tmp_path / "school-day"
    shutil.copytree(example, root)
    live = LiveMap(root / "debate.yaml")
    assert live.refresh().errors == ()
    names = {p.relative_to(root.absolute()).as_posix() for p in live.watched()}
    assert names == {
        "debate.yaml",
        "stakeholders.yaml",
        "chapters/sleep.yaml",
        "chapters/buses.yaml",
    }
    buses = root / "chapters" / "buses.yaml"
    text = buses.read_text().replace("to: later-start", "to: later-sart")
    buses.write_text(text)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "later-sart" in x)
    (problem,) = live.refresh().errors
    assert problem.startswith(f"{buses}:{line}:")
    assert "unknown claim or support 'later-sart'" in problem
    assert (root / "chapters" / "buses.yaml").absolute() in live.watched()  # still followed


def test_a_map_broken_from_the_start_still_gets_a_page(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP.replace("to: top}\nattacks", "to: tpo}\nattacks"))
    live = LiveMap(path)
    state = live.refresh()
    assert state.version == 0 and state.amap is None and len(state.errors) == 1
    page = live.page()
    assert "unknown claim" in page and "ARGMAP_LIVE" in page  # shown by the live script
    assert "svg" not in live.payload()
    path.write_text(MAP)
    assert live.refresh().version == 1
    assert "Top claim." in live.payload(known=0)["svg"]


def test_a_layout_graphviz_refuses_is_laid_out_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.serve.session as session

    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    live = LiveMap(path)
    live.refresh()
    monkeypatch.setattr(session, "pinned", lambda dot, *_a: dot.replace("digraph", "digraph {"))
    path.write_text(MAP.replace("A reason.", "A better reason."))
    state = live.refresh()
    assert state.errors == () and state.version == 2
    assert "A better reason." in live.payload()["svg"]
