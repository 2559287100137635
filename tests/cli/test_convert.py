"""argmap convert and argmap formats."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.formats.registry import read

AIF = {
    "nodes": [
        {"nodeID": "1", "text": "A", "type": "I"},
        {"nodeID": "2", "text": "B", "type": "I"},
        {"nodeID": "3", "text": "RA", "type": "RA"},
        {"nodeID": "4", "text": "RA", "type": "RA"},
    ],
    "edges": [
        {"fromID": "1", "toID": "3"},
        {"fromID": "3", "toID": "2"},
        {"fromID": "1", "toID": "4"},
        {"fromID": "4", "toID": "2"},
    ],
}


def test_convert_between_formats(tmp_path: Path, chicago_path: Path) -> None:
    runner = CliRunner()
    original = argmap.load(chicago_path)
    out = tmp_path / "c.json"
    assert runner.invoke(main, ["convert", str(chicago_path), "-o", str(out)]).exit_code == 0
    back = tmp_path / "c.yaml"
    result = runner.invoke(main, ["convert", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    again = argmap.load(back)
    # the source's relative `file:` is rewritten to reach the same file from the new folder
    assert [(back.parent / str(s.file)).resolve() for s in again.sources] == [
        (chicago_path.parent / str(s.file)).resolve() for s in original.sources
    ]
    assert replace(again, sources=original.sources) == original
    aif = tmp_path / "c.aif.json"
    assert runner.invoke(main, ["convert", str(chicago_path), "-o", str(aif)]).exit_code == 0
    assert "nodes" in json.loads(aif.read_text("utf-8"))
    result = runner.invoke(main, ["convert", str(chicago_path), "-o", "-", "--to", "argdown"])
    assert result.exit_code == 0 and result.stdout.startswith("===\n")
    # what Argdown cannot hold is said, not silently dropped
    assert f"{chicago_path}: note: " in result.stderr
    assert "of attacks not written: Argdown attacks hold no data" in result.stderr


def test_relation_quotes_survive_aif_and_argdown(tmp_path: Path, chicago_path: Path) -> None:
    original = argmap.load(chicago_path)
    runner = CliRunner()
    for name in ("c.aif.json", "c.argdown"):
        out = tmp_path / name
        result = runner.invoke(main, ["convert", str(chicago_path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        back = read(out)
        quoted = {s.id: s.anchors for s in original.supports if s.anchors}
        assert {s.id: s.anchors for s in back.supports if s.anchors} == quoted, name
        if name.endswith(".aif.json"):
            # AIF: locutions anchoring the conflicts (YA "Disagreeing")
            assert {a.id: a.anchors for a in back.attacks if a.anchors} == {
                a.id: a.anchors for a in original.attacks if a.anchors
            }
            assert "56 quotes of claims not written: AIF has no place for them" in result.stderr
        else:
            # Argdown: data blocks on arguments and statements
            assert {c.id: (c.anchors, c.hedge) for c in back.claims} == {
                c.id: (c.anchors, c.hedge) for c in original.claims
            }
            assert back.support("sanctuary-definition-applies").inferred == (
                original.support("sanctuary-definition-applies").inferred
            )


def test_aif_losses_are_noted(tmp_path: Path) -> None:
    src = tmp_path / "n.json"
    src.write_text(json.dumps(AIF), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(src), "-o", str(tmp_path / "n.yaml")])
    assert result.exit_code == 0
    assert "note: 1 duplicate inferences merged" in result.output
    assert len(argmap.load(tmp_path / "n.yaml").supports) == 1


def test_user_errors_exit_1_without_traceback(tmp_path: Path, chicago_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [', "utf-8")
    result = runner.invoke(main, ["convert", str(bad), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert "bad.json:1:12: invalid JSON" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["convert", str(chicago_path), "-o", str(tmp_path / "x.doc")])
    assert result.exit_code == 1 and "use --to" in result.output
    result = runner.invoke(main, ["convert", str(chicago_path), "-o", "x", "--to", "kialo"])
    assert result.exit_code == 1 and "can only be read" in result.output
    result = runner.invoke(main, ["convert", str(chicago_path), "-o", "x", "--to", "nope"])
    assert result.exit_code == 1 and "unknown format 'nope'" in result.output


def test_convert_a_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.json").write_text(json.dumps(AIF), "utf-8")
    (src / "sub" / "b.aif.json").write_text(json.dumps(AIF), "utf-8")
    (src / "c.json").write_text('{"nodes": 1}', "utf-8")
    result = CliRunner().invoke(main, ["convert", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "1 of 3 file(s) could not be converted" in result.output
    assert argmap.load(tmp_path / "out" / "a.yaml").claims
    assert argmap.load(tmp_path / "out" / "sub" / "b.yaml").claims
    assert "converting" not in result.output  # no progress bar when not a terminal


def test_convert_the_araucaria_corpus(tmp_path: Path, shared_dir: Path) -> None:
    src = tmp_path / "aif"
    shutil.copytree(shared_dir / "corpora" / "araucaria-aif", src)
    result = CliRunner().invoke(
        main, ["convert", str(src), "-o", str(tmp_path / "out"), "--to", "json", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.json"))) == 661


def test_formats_lists_readers_and_writers() -> None:
    result = CliRunner().invoke(main, ["formats", "--json"])
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.output)}
    for name in ("yaml", "json", "aif", "argdown"):
        assert rows[name]["read"] and rows[name]["write"]
    assert rows["kialo"]["read"] and not rows["kialo"]["write"]
    for name in ("graphml", "nodelink", "mermaid"):
        assert rows[name]["write"] and not rows[name]["read"]
    text = CliRunner().invoke(main, ["formats"]).output
    assert "aif" in text and ".graphml" in text


def test_a_map_the_target_cannot_hold_is_named(tmp_path: Path, chicago_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "c.apx"
    result = runner.invoke(main, ["convert", str(chicago_path), "-o", str(target)])
    assert result.exit_code == 1 and not target.exists()
    assert result.output.startswith(f"{chicago_path}: an abstract framework has only")
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(chicago_path, folder / "chicago.yaml")
    result = runner.invoke(
        main, ["convert", str(folder), "-o", str(tmp_path / "af"), "--to", "apx"]
    )
    assert result.exit_code == 1
    assert f"{folder / 'chicago.yaml'}: an abstract framework has only" in result.output
