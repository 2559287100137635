"""A big map checked in two processes (argmap.formats.yaml.check_bytes) gets
the verdict and the sizes of a whole load, and steps aside for every map
with a problem, wherever it is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.formats import _fastyaml, registry
from argmap.formats import yaml as native
from argmap.model import MapSize

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not _fastyaml.available(), reason="yaml-rs is not installed"),
    pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system"),
]


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a command line process (where check_bytes works), for small maps."""
    monkeypatch.setattr(native, "ends_with_command", lambda: True)
    monkeypatch.setattr(native, "can_fork", lambda: True)
    monkeypatch.setattr(native, "SPLIT_FROM", 0)
    monkeypatch.setattr(native.os, "cpu_count", lambda: 2)


def _map(claims: int = 400, relations: int = 399) -> str:
    """A map whose halves are cut at its `supports:` key."""
    lines = ["argmap: 1", "title: halves", "main: [c0]", "stakeholders:"]
    lines += ["  - {id: s0, name: One}", "  - {id: s1, name: Two}", "claims:"]
    lines += [f"  - id: c{i}\n    text: claim number {i}" for i in range(claims)]
    lines += ["supports:"]
    lines += [f"  - {{from: c{i + 1}, to: c{i}}}" for i in range(relations)]
    lines += ["attacks:", "  - {from: c3, to: c1}", "  - {from: c5, to: c2>c1}"]
    lines += ["stances:", "  - {stakeholder: s0, asserts: c0}"]
    lines += ["  - {stakeholder: s1, rejects: c1}"]
    return "\n".join(lines) + "\n"


def _halves(text: str) -> tuple[bytes, bytes, bool]:
    cut = _fastyaml.halves(text.encode())
    assert cut is not None
    return cut


def test_a_valid_map_gets_the_sizes_of_a_whole_load(two_processes: None) -> None:
    text = _map()
    _, second, continued = _halves(text)
    assert second.startswith(b"supports:\n") and not continued  # a cut between the sections
    size = native.check_bytes(text.encode(), "m.yaml")
    assert size == MapSize.of(native.loads(text)) == MapSize(400, 399, 2, 2)


def test_claims_cut_in_two_get_the_sizes_of_a_whole_load(two_processes: None) -> None:
    text = generate(600, seed=11)
    assert _halves(text)[2]  # the generated map's cut goes through its claims
    size = native.check_bytes(text.encode(), "m.yaml")
    assert size is not None and size == MapSize.of(native.loads(text))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a reference in the second half to nothing, or to an id of another kind
        ("  - {from: c1, to: c0}", "  - {from: nope, to: c0}"),
        ("  - {from: c1, to: c0}", "  - {from: s0, to: c0}"),
        ("  - {stakeholder: s1, rejects: c1}", "  - {stakeholder: s9, rejects: c1}"),
        ("  - {from: c5, to: c2>c1}", "  - {from: c5, to: c9>c1}"),
        # an id of the first half defined again in the second
        ("  - {from: c1, to: c0}", "  - {id: c7, from: c1, to: c0}"),
        # a reference that holds a NUL, around ids of the first half
        ("  - {stakeholder: s1, rejects: c1}", '  - {stakeholder: s1, rejects: "c1\\0c2"}'),
        # a problem inside the second half only
        ("  - {from: c1, to: c0}", "  - {from: c1, to: c0, weight: 2}"),
        ("  - {stakeholder: s0, asserts: c0}", "  - {stakeholder: s1, rejects: c1}"),
        # a top-level key in both halves
        ("stances:\n", "stakeholders:\n  - {id: s5, name: Five}\nstances:\n"),
        # a reference in the first half to nothing
        ("main: [c0]", "main: [c0, c999]"),
    ],
)
def test_a_problem_anywhere_leaves_the_verdict_to_a_whole_load(
    two_processes: None, old: str, new: str
) -> None:
    text = _map()
    assert old in text
    text = text.replace(old, new, 1)
    _halves(text)
    assert native.check_bytes(text.encode(), "m.yaml") is None
    with pytest.raises(MapError):
        native.loads(text)


def test_what_only_the_first_half_may_hold_takes_a_whole_load(two_processes: None) -> None:
    text = _map().replace("title: halves\n", "") + "title: at the end\n"
    _halves(text)
    assert native.check_bytes(text.encode(), "m.yaml") is None
    assert native.loads(text).title == "at the end"  # valid all the same


def test_a_library_or_a_small_map_is_read_whole(
    two_processes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _map().encode()
    assert native.check_bytes(text, "m.yaml") is not None
    monkeypatch.setattr(native, "SPLIT_FROM", len(text) + 1)
    assert native.check_bytes(text, "m.yaml") is None
    monkeypatch.setattr(native, "SPLIT_FROM", 0)
    monkeypatch.setattr(native, "ends_with_command", lambda: False)
    assert native.check_bytes(text, "m.yaml") is None


def test_registry_check_gives_the_map_when_it_was_read_whole(
    two_processes: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    path = tmp_path / "m.yaml"
    path.write_text(_map(), encoding="utf-8")
    monkeypatch.setattr(registry, "MAP_CACHE_FROM", 0)
    size, amap = registry.check(path)
    assert size == MapSize(400, 399, 2, 2) and amap is None  # checked in two processes
    path.write_text(_map().replace("title: halves\n", "") + "title: end\n", encoding="utf-8")
    size, amap = registry.check(path)
    assert size == MapSize(400, 399, 2, 2) and amap is not None and amap.title == "end"


def _validate(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_the_command_line_checks_a_big_map_in_two_processes(tmp_path: Path) -> None:
    text = generate(20_000, seed=2)
    assert len(text.encode()) >= native.SPLIT_FROM
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    expected = MapSize.of(native.loads(text))
    done = _validate(path, ARGMAP_NO_CACHE="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"{path}: valid ({expected.claims} claims, {expected.supports} supports, "
        f"{expected.attacks} attacks, {expected.stakeholders} stakeholders)\n"
    )
    # a reference across the halves to nothing: reported with its place, as ever
    cut = text.index("\nsupports:\n") + len("\nsupports:\n")
    line = text.count("\n", 0, cut) + 1
    path.write_text(text[:cut] + "  - {from: nope-claim, to: c1-park}\n" + text[cut:], "utf-8")
    done = _validate(path, ARGMAP_NO_CACHE="1")
    assert done.returncode == 1
    assert f"{path}:{line}:12: unknown claim 'nope-claim'" in done.stderr


def test_a_map_checked_in_two_processes_is_cached_afterwards(tmp_path: Path) -> None:
    text = generate(20_000, seed=4)
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    cache = tmp_path / "xdg"
    done = _validate(path, XDG_CACHE_HOME=str(cache))
    assert done.returncode == 0, done.stderr
    entries = cache / "argmap" / "maps"
    deadline = time.monotonic() + 60
    while not list(entries.glob("*.amap")) and time.monotonic() < deadline:
        time.sleep(0.1)  # written by a detached process once the command has answered
    assert len(list(entries.glob("*.amap"))) == 1
    again = _validate(path, XDG_CACHE_HOME=str(cache))
    assert again.returncode == 0 and again.stdout == done.stdout


def _mutations(text: str, count: int, seed: int) -> list[str]:
    """``text`` with one line dropped, repeated or altered, ``count`` ways."""
    import random

    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(count):
        k = rng.randrange(len(lines))
        changed = list(lines)
        how = rng.randrange(4)
        if how == 0:
            del changed[k]
        elif how == 1:
            changed.insert(k, lines[k])
        elif how == 2:
            changed[k] = lines[rng.randrange(len(lines))]
        else:
            changed[k] = lines[k].replace("c", "d", 1)
        out.append("".join(changed))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_a_verdict_in_two_processes_is_never_kinder_than_a_whole_load(
    two_processes: None, seed: int
) -> None:
    """Whatever the change to a valid map, a check in two processes says
    valid only when the whole load does, with its sizes."""
    sure = refused = 0
    for text in [_map(), *_mutations(_map(), 40, seed), *_mutations(generate(500, seed), 40, seed)]:
        size = native.check_bytes(text.encode(), "m.yaml")
        try:
            whole = MapSize.of(native.loads(text))
        except MapError:
            assert size is None, text
            refused += 1
            continue
        if size is not None:
            sure += 1
            assert size == whole
    # both kinds are met: maps checked in two processes, and maps with problems
    assert sure >= 10 and refused >= 10, (sure, refused)
