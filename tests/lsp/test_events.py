"""The language server's event-based positions agree with the reference path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.formats._positions import parse_with_positions
from argmap.lsp import _events

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path",
    [ROOT / "maps" / "chicago_ice.yaml", *sorted((ROOT / "docs" / "examples").rglob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_same_data_and_positions_as_the_reference_path(path: Path) -> None:
    text = path.read_text("utf-8")
    fast, slow = _events.parse(text), parse_with_positions(text)
    assert fast is not None
    assert fast.data == slow.data
    assert fast.positions.values == slow.positions.values
    assert fast.positions.keys == slow.positions.keys


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: 1\na: 2\n",  # duplicate keys
        "? [a]\n: 1\n",  # a key that is not a scalar
        "a: 1\n---\nb: 2\n",  # two documents
        "<<: {a: 1}\n",  # merge keys
    ],
)
def test_what_the_reference_path_treats_specially_falls_back(text: str) -> None:
    assert _events.parse(text) is None


def test_scalars_are_resolved_as_the_reference_path_does() -> None:
    text = "a: [yes, 'no', 1, -2.5, .inf, null, ~, true, 2024-03-01, '1', x]\nb:\n"
    fast = _events.parse(text)
    assert fast is not None and fast.data == parse_with_positions(text).data
    assert fast.ends[("a", 1)] == (1, 14)  # 'no', quotes and all, is columns 10-13


def test_syntax_errors_are_located() -> None:
    fast = _events.parse("a: [1, 2\n")
    assert fast is not None
    assert [(p.line, p.col) for p in fast.problems] == [
        (p.line, p.col) for p in parse_with_positions("a: [1, 2\n").problems
    ]


def test_lsp_without_pygls_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name.startswith("argmap.lsp.server"):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 1
    assert "pip install 'argmap[lsp]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_lint_warnings_move_with_the_lines_around_an_edit() -> None:
    pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
    from argmap.lsp.analysis import Diagnostic, Span
    from argmap.lsp.server import shift

    old = "a\nb\nc\nd\n"
    new = "a\nB\nB2\nc\nd\n"  # line 1 changed into two lines
    found = [Diagnostic(Span("f", line, 0, 1), str(line), warning=True) for line in range(4)]
    moved = shift(found, old, new)
    assert [(d.message, d.span.line) for d in moved] == [("0", 0), ("2", 3), ("3", 4)]


BROKEN = sorted((ROOT / "tests" / "formats" / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_the_language_server_places_problems_as_validate_does(path: Path) -> None:
    """The server locates problems with a partial event read; the places are
    those `argmap validate` prints."""
    import argmap
    from argmap.errors import MapError
    from argmap.lsp.analysis import validate

    try:
        argmap.load(path)
    except MapError as exc:
        expected = sorted((p.line, p.col, p.message) for p in exc.problems)
    else:
        pytest.skip("valid")
    result = validate(str(path), lambda _p: None)
    got = sorted(
        (d.span.line + 1, d.span.col + 1, d.message) for d in result.diagnostics[str(path)]
    )
    assert got == [(line or 1, col or 1, message) for line, col, message in expected]
