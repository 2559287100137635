"""The diff commands (cli/diff.py) end to end: formats, colour, and the
external diff driver git runs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "diff"))
from samples import DIFF_BASE as BASE


def test_external_diff_driver_output(tmp_path: Path) -> None:
    from argmap.git import external_diff

    folder = tmp_path
    old = folder / "old.yaml"
    new = folder / "new.yaml"
    old.write_text(BASE, "utf-8")
    new.write_text(BASE.replace("power: 3,", "power: 4,"), "utf-8")
    out = external_diff("maps/m.yaml", str(old), str(new))
    assert out.startswith("--- a/maps/m.yaml\n+++ b/maps/m.yaml\n")
    assert "  ~ Teachers union [teachers]: power 3 -> 4\n" in out
    added = external_diff("maps/m.yaml", os.devnull, str(new))
    assert "claims: 5 added" in added
    new.write_text("not: a map\n", "utf-8")
    fallback = external_diff("maps/m.yaml", str(old), str(new))
    assert "is not read as a map" in fallback and "+not: a map\n" in fallback


def test_external_diff_driver_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    missing = tmp_path / "gone.yaml"
    args = ["git-diff-driver", "m.yaml", str(missing), "0", "0", os.devnull, "0", "0"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0  # a diff driver always exits 0 (docs/cli.md, git-setup)
    assert result.output == f"argmap: m.yaml: no diff: {missing}: no such file\n"


def test_cli_formats_and_colour(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, "utf-8")
    new.write_text(BASE.replace("power: 3,", "power: 4,"), "utf-8")
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(main, ["diff", *args, str(old), str(new)])
        return result.exit_code, result.output

    code, plain = run()
    assert code == 1 and "\x1b" not in plain  # not a terminal: no colour
    assert "  ~ Teachers union [teachers]: power 3 -> 4" in plain
    code, coloured = run("--color", "always")
    assert code == 1 and "\x1b[33m  ~ Teachers union [teachers]: power 3 -> 4\x1b[0m" in coloured
    code, md_out = run("--markdown")
    assert "#### Stakeholders" in md_out and "- changed `teachers`: power 3 → 4" in md_out
    code, stat_out = run("--stat")
    assert stat_out == "stakeholders: 1 changed\n"
    code, json_out = run("--json")
    assert json.loads(json_out)["stakeholders"]["changed"][0]["id"] == "teachers"
    assert json_out == run("--json")[1]  # byte-identical
