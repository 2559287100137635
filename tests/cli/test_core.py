"""The core commands (cli/core.py) end to end: validate's messages and exit
codes on broken maps, stats and schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main

BROKEN = Path(__file__).resolve().parents[1] / "formats" / "broken"


CASES = sorted(BROKEN.glob("*.yaml"))


def expectation(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_map_gets_positioned_message_and_exit_1(case: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(case)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    expected = expectation(case)
    if re.match(r"^\d+:\d+: ", expected):
        assert f"{case}:{expected}" in result.output
    else:
        assert f"{case}: {expected}" in result.output


def test_there_is_a_broken_map_per_rule() -> None:
    names = {c.stem for c in CASES}
    assert {
        "syntax_error",
        "duplicate_key",
        "duplicate_id",
        "dangling_reference",
        "self_support",
        "self_attack",
        "wrong_type",
        "unknown_key",
        "unsupported_version",
        "empty",
    } <= names


def test_not_utf8_reports_the_byte_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("argmap: 1\ntitle: Caf\xe9\nclaims: []\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:11: the file is not valid UTF-8 (byte 0xe9)" in result.output


def test_missing_file_is_a_user_error() -> None:
    result = CliRunner().invoke(main, ["validate", "no/such/map.yaml"])
    assert result.exit_code == 1
    assert "no/such/map.yaml: no such file" in result.output


def test_command_line_misuse_exits_2() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2
    assert CliRunner().invoke(main, ["stats", "--no-such-option", "x"]).exit_code == 2


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["argmap"] == {
        "const": 1,
        "description": "Format version.",
    }


def test_stats_json(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    result = CliRunner().invoke(main, ["stats", str(chicago_path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["claims"]["total"] == len(amap.claims)
    assert data["attacks"]["rebuts"] + data["attacks"]["undercuts"] == len(amap.attacks)
    assert data["stances"]["total"] == len(amap.stances)
