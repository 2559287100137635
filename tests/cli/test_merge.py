"""`argmap merge` (cli/merge.py) end to end: exit codes, output and JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "diff"))
from samples import MERGE_BASE as BASE
from samples import edit, write


def test_cli_merge_exit_codes_output_and_json(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    ours = write(tmp_path, "ours.yaml", edit(BASE, "every winter.", "every winter, ours."))
    theirs = write(tmp_path, "theirs.yaml", edit(BASE, "Bigger ships", "Larger ships"))
    runner = CliRunner()
    clean = runner.invoke(main, ["merge", base, ours, theirs])
    assert clean.exit_code == 0, clean.output
    assert "Larger ships" in clean.stdout and "every winter, ours." in clean.stdout

    conflicted = write(tmp_path, "conflicted.yaml", edit(BASE, "every winter.", "every spring."))
    out = tmp_path / "out.yaml"
    res = runner.invoke(main, ["merge", base, ours, conflicted, "-o", str(out), "--json"])
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert report["clean"] is False and report["output"] == str(out)
    assert [(c["item"], c["kind"]) for c in report["conflicts"]] == [("d", "field")]
    assert "1 conflict(s)" in res.stderr and "claim 'd': text changed on both sides" in res.stderr
    check = runner.invoke(main, ["validate", str(out)])
    assert check.exit_code == 1
    assert "unresolved merge conflict in claim 'd'" in check.output


def test_cli_merge_unreadable_or_invalid_input_exits_2(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    bad = write(tmp_path, "bad.yaml", "argmap: 1\ntitle: x\nclaims: [{id: a}]\n")
    runner = CliRunner()
    missing = runner.invoke(main, ["merge", base, str(tmp_path / "nope.yaml"), base])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr and "Traceback" not in missing.output
    invalid = runner.invoke(main, ["merge", base, bad, base])
    assert invalid.exit_code == 2
    assert "bad.yaml:3" in invalid.stderr
    out = tmp_path / "kept.yaml"
    out.write_text("precious", "utf-8")
    runner.invoke(main, ["merge", base, bad, base, "-o", str(out)])
    assert out.read_text("utf-8") == "precious"
