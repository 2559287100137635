"""No quadratic traps, and capped error output (issue 11, class 5).

Each check times the same work at n and 4n and asks for well under the 16x a
quadratic algorithm would take (the ratio, not the absolute time, so a busy
machine does not make it fail).
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.carneades import evaluate as carneades
from argmap.cli import main
from argmap.formats import _fastyaml
from argmap.formats.yaml import support_id
from argmap.git import line_diff
from argmap.model import ArgumentMap, Claim, Support


def _best(func: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _grows_linearly(make: Callable[[int], Callable[[], object]], n: int) -> None:
    small, big = _best(make(n)), _best(make(4 * n))
    assert big < 10 * max(small, 2e-3), (small, big)  # quadratic: 16 times


def test_the_bracket_guard_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        data = b"a: " + b"[" * n + b"]" * n + b"\n"
        return lambda: _fastyaml._multiline_flow(data)

    _grows_linearly(make, 100_000)
    assert _fastyaml._multiline_flow(b"a: [[[[[[x]]]]]\n")  # one left open
    assert not _fastyaml._multiline_flow(b"a: [[[[[[x]]]]]]\nb: {[{}]}\n")
    assert _fastyaml._multiline_flow(b"a: [[[[[[x]]]]]\n]\n")  # closed on the next line


def test_carneades_on_a_support_chain_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        claims = tuple(Claim(id=f"c{i}", text="x", assumed=i == n - 1) for i in range(n))
        supports = tuple(
            Support(support_id([f"c{i + 1}"], f"c{i}"), (f"c{i + 1}",), f"c{i}", explicit_id=False)
            for i in range(n - 1)
        )
        amap = ArgumentMap(title="t", claims=claims, supports=supports)
        return lambda: carneades(amap)

    _grows_linearly(make, 300)
    claims = tuple(Claim(id=f"c{i}", text="x", assumed=i == 9) for i in range(10))
    supports = tuple(
        Support(support_id([f"c{i + 1}"], f"c{i}"), (f"c{i + 1}",), f"c{i}", explicit_id=False)
        for i in range(9)
    )
    labels = carneades(ArgumentMap(title="t", claims=claims, supports=supports)).labels
    assert set(labels.values()) == {"in"}  # the whole chain, against map order


def test_a_big_file_that_is_not_a_map_gets_one_message(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text("".join(f"key{i:07d}: value {i}\n" for i in range(20_000)))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 2, result.output
    assert f"{path}:1:1: not an argument map: none of its 20000 top-level keys" in result.output


def test_messages_are_capped_per_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\nclaims:\n" + "".join(f"  - {{id: c{i}}}\n" for i in range(120))
    )
    runner = CliRunner()
    out = runner.invoke(main, ["validate", str(path)]).output.splitlines()
    assert len(out) == 52
    assert out[50] == f"{path}: … and 70 more problems (--max-errors 0 prints them all)"
    assert (
        len(runner.invoke(main, ["validate", "--max-errors", "5", str(path)]).output.splitlines())
        == 7
    )
    assert (
        len(runner.invoke(main, ["--max-errors", "0", "validate", str(path)]).output.splitlines())
        == 121
    )
    out = runner.invoke(main, ["stats", "--max-errors", "3", str(path)]).output.splitlines()
    assert len(out) == 4 and "and 117 more" in out[-1]


def test_the_diff_driver_falls_back_fast_for_files_that_are_not_maps(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    lines = [f"key{i:07d}: value {i}\n" for i in range(50_000)]
    old.write_text("".join(lines))
    lines[25_000] = "key0025000: changed\n"
    new.write_text("".join(lines))
    start = time.perf_counter()
    result = CliRunner().invoke(
        main, ["git-diff-driver", "k.yaml", str(old), "0", "100644", str(new), "0", "100644"]
    )
    assert result.exit_code == 0
    assert time.perf_counter() - start < 5
    assert "no `argmap:` key" in result.output
    assert "-key0025000: value 25000\n+key0025000: changed\n" in result.output
    assert "@@ -24998,7 +24998,7 @@" in result.output


_LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n"]), max_size=30)


def _apply(a: list[str], diff: str) -> list[str]:
    """Apply a unified diff to the lines ``a`` (strictly: context must match)."""
    import re

    out: list[str] = []
    pos = 0  # next line of a to copy
    lines = diff.splitlines(keepends=True)[2:]
    k = 0
    while k < len(lines):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[k])
        assert m, lines[k]
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out.extend(a[pos:start])
        pos = start
        k += 1
        while k < len(lines) and not lines[k].startswith("@@"):
            tag, text = lines[k][0], lines[k][1:]
            if tag in " -":
                assert a[pos] == text
                pos += 1
            if tag in " +":
                out.append(text)
            k += 1
    return out + a[pos:]


@settings(max_examples=300, deadline=None)
@given(_LINES, _LINES, st.integers(0, 4))
def test_line_diff_turns_old_into_new(a: list[str], b: list[str], context: int) -> None:
    got = line_diff("".join(a).encode(), "".join(b).encode(), "x", "y", context=context)
    assert (got == "") == (a == b)
    assert _apply(a, got) == b
    if not a or not b or (a[0] != b[0] and a[-1] != b[-1]):
        expected = "".join(difflib.unified_diff(a, b, "x", "y", n=context))
        assert got == expected  # nothing shared at the ends: exactly difflib's diff
