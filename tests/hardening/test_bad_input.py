"""Bad input gets a positioned error, never a traceback (issue 11, class 6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

BIG = "9" * 5000
POSITIONED = re.compile(r"^\S+:\d+:\d+: ", re.MULTILINE)

CASES = {
    "weight.yaml": f"argmap: 1\ntitle: t\nclaims:\n  - {{id: a, text: x, weight: {BIG}}}\n",
    "version.yaml": f"argmap: {BIG}\ntitle: t\nclaims:\n  - id: a\n    text: x\n",
    "text.yaml": f"argmap: 1\ntitle: t\nclaims:\n  - id: a\n    text: {BIG}\n",
    "int.json": '{"argmap": 1, "title": "t", "claims": [{"id": "a", "text": "x", "weight": '
    + BIG
    + "}]}",
    "int.aif.json": '{"nodes": [{"nodeID": ' + BIG + ', "text": "x", "type": "I"}], "edges": []}',
    "surrogate.json": '{"argmap": 1, "title": "t", "claims": [{"id": "a", "text": "x\\ud800"}]}',
    "surrogate.aif.json": '{"nodes": [{"nodeID": "1", "text": "\\udc00x", "type": "I"}],'
    ' "edges": []}',
    "nul.yaml": "argmap: 1\ntitle: t\nclaims:\n  - {id: a, te\0xt: x}\n",
    "nul.json": '{"argmap": 1, "title": "t",\n "claims": [{"id": "a", "text": "x\0"}]}',
    "unclosed.argdown": "[a]: claim a\n\n/* a comment\n[b]: claim b\n",
    "carneades_int.yml": f"statements:\n  a: {BIG}\n",
    "carneades_nul.yml": "statements:\n  a: x\0\n",
}


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(CASES[name], encoding="utf-8")
    return path


def _args(name: str) -> list[str]:
    return ["--from", "carneades"] if name.startswith("carneades") else []


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_gives_a_positioned_error(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    if name.startswith("carneades"):
        result = CliRunner().invoke(
            main, ["convert", str(path), "--from", "carneades", "-o", str(tmp_path / "o.yaml")]
        )
    else:
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert POSITIONED.search(result.output), result.output


@pytest.mark.parametrize("name", sorted(n for n in CASES if not n.startswith("carneades")))
def test_convert_and_diff_refuse_cleanly(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    converted = CliRunner().invoke(main, ["convert", str(path), "-o", str(tmp_path / "out.yaml")])
    assert converted.exit_code == 1, converted.output
    assert not isinstance(converted.exception, Exception) or isinstance(
        converted.exception, SystemExit
    )
    assert POSITIONED.search(converted.output), converted.output
    assert not (tmp_path / "out.yaml").exists()
    diffed = CliRunner().invoke(main, ["diff", str(path), str(path)])
    assert diffed.exit_code == 2, diffed.output  # an error, not "differences"
    assert isinstance(diffed.exception, SystemExit | None)


def test_the_positions_point_at_the_culprit(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["validate", str(_write(tmp_path, "nul.yaml"))]).output
    assert ":4:15:" in out and "#x0000" in out
    out = CliRunner().invoke(main, ["validate", str(_write(tmp_path, "surrogate.json"))]).output
    assert ":1:62:" in out and "\\ud800" in out
    out = CliRunner().invoke(main, ["validate", str(_write(tmp_path, "unclosed.argdown"))]).output
    assert ":3:1:" in out and "*/" in out
    out = CliRunner().invoke(main, ["validate", str(_write(tmp_path, "weight.yaml"))]).output
    assert ":4:30:" in out and "4300 digits" in out


def test_paired_surrogate_escapes_are_one_character(tmp_path: Path) -> None:
    path = tmp_path / "emoji.json"
    path.write_text(
        '{"argmap": 1, "title": "t", "claims": [{"id": "a", "text": "\\ud83d\\ude00 \\\\ud800"}]}'
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_closed_comment_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.argdown"
    path.write_text("[a]: claim a\n\n/* a comment\nstill one */\n[b]: claim b\n")
    result = CliRunner().invoke(main, ["stats", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"total": 2' in result.output
