"""The CLI as a whole: help text everywhere, documented commands exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
from click.testing import CliRunner

from argmap.cli import main
from argmap.cli._app import load_all_commands

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    out: dict[str, click.Command] = {}
    children = load_all_commands() if group is main else group.commands
    for name, command in children.items():
        out[prefix + name] = command
        if isinstance(command, click.Group):
            out.update(_commands(command, f"{prefix}{name} "))
    return out


def test_every_command_has_help_text() -> None:
    for name, command in _commands(main).items():
        assert command.help and command.help.strip(), f"{name} has no help text"
        result = CliRunner().invoke(main, [*name.split(), "--help"])
        assert result.exit_code == 0, name


def test_every_documented_command_exists() -> None:
    documented = re.findall(
        r"^###+ `argmap ([a-z-]+(?: [a-z-]+)?)", (ROOT / "docs" / "cli.md").read_text("utf-8"), re.M
    )
    commands = _commands(main)
    assert documented
    for name in documented:
        assert name in commands or name.split()[0] in commands, f"docs/cli.md documents {name!r}"


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for name in load_all_commands():
        assert f"`argmap {name}" in text, f"{name} is not in docs/cli.md"


def test_sources_checks_the_chicago_quotes(chicago_path: Path, shared_dir: Path) -> None:
    article = shared_dir / "seeds" / "000_8a765ca2f1c7d25d.txt"
    result = CliRunner().invoke(main, ["sources", str(chicago_path), "--text", str(article)])
    assert result.exit_code == 0, result.output
    assert "MISSING" not in result.output
    assert re.search(r"^(\d+) of \1 quotes found$", result.output, re.M)


def test_sources_fails_on_a_missing_quote(tmp_path: Path) -> None:
    (tmp_path / "text.txt").write_text("The quick brown fox\njumps over the dog.\n", "utf-8")
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: t\nsources: [{id: s, title: T, file: text.txt}]\n"
        "claims:\n"
        '  - {id: a, text: A, sources: [{source: s, quote: "brown  fox jumps"}]}\n'
        "  - {id: b, text: B, sources: [{source: s, quote: lazy cat}]}\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["sources", str(tmp_path / "m.yaml")])
    assert result.exit_code == 1
    assert f"a: {tmp_path / 'text.txt'}:1:11" in result.output
    assert "b: MISSING" in result.output


def test_sources_without_text_is_an_error(chicago_path: Path, tmp_path: Path) -> None:
    lines = chicago_path.read_text("utf-8").splitlines(keepends=True)
    bare = tmp_path / "chicago.yaml"
    bare.write_text("".join(x for x in lines if not x.lstrip().startswith("file:")), "utf-8")
    result = CliRunner().invoke(main, ["sources", str(bare)])
    assert result.exit_code == 1
    assert "no text given (use --text article=FILE)" in result.output


def test_chicago_sources_are_read_from_the_map(chicago_path: Path, shared_dir: Path) -> None:
    result = CliRunner().invoke(main, ["sources", str(chicago_path)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("quotes found")
    # quotes on relations and stances are checked with the claims'
    assert "\nsupport:violates-federal-law>dereliction-of-duty: " in result.output
    assert "\nattack:nuance-undercuts-dereliction: " in result.output
    assert "\nstance:union:officers-burdened: " in result.output


def test_sources_reports_a_hedge_the_map_drops(tmp_path: Path) -> None:
    (tmp_path / "text.txt").write_text(
        "The union might believe that officers carry a burden. They see it plainly.", "utf-8"
    )
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: t\nsources: [{id: s, title: S, file: text.txt}]\n"
        "claims:\n  - id: burden\n    text: Officers carry a burden.\n"
        "    sources: [{source: s, quote: officers carry a burden}]\n"
        "  - {id: plain, text: Plain.}\n"
        "attacks:\n  - from: burden\n    to: plain\n"
        "    sources: [{source: s, quote: They see it plainly}]\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["sources", str(tmp_path / "m.yaml")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1].startswith('burden: HEDGE: the quote hedges ("might believe")')
    assert lines[2].startswith("attack:burden!plain: ")
    assert lines[3].startswith('attack:burden!plain: HEDGE: the quote hedges ("see")')
    assert lines[-1] == "2 of 2 quotes found; 2 with hedging words the map does not account for"
    data = json.loads(
        CliRunner().invoke(main, ["sources", str(tmp_path / "m.yaml"), "--json"]).output
    )
    assert [d["hedge"]["words"] for d in data] == [["might believe"], ["see"]]


def test_readme_example_map_is_valid() -> None:
    import argmap

    text = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    amap = argmap.loads(block.group(1), "README.md")
    assert [c.id for c in amap.claims] == ["later-start", "teens-sleep-late", "buses-cost"]


def test_format_doc_example_is_valid() -> None:
    import argmap

    text = (ROOT / "docs" / "format.md").read_text("utf-8")
    block = re.search(r"```yaml\n(argmap: 1.*?)```", text, re.S)
    assert block is not None
    amap = argmap.loads(block.group(1), "docs/format.md")
    assert len(amap.supports[0].premises) == 2


def test_a_folder_or_missing_file_as_map_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    for args in (
        ["stats", str(folder)],
        ["sources", str(folder)],
        ["query", str(folder), "unsupported"],
        ["stakeholders", str(folder)],
        ["compare", str(folder), "a", "b"],
        ["evaluate", str(folder)],
        ["render", str(folder)],
        ["reveal", str(folder), "-o", str(tmp_path / "r.pdf")],
        ["teach", str(folder), "-o", str(tmp_path / "t")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, args
        assert f"{folder}: is a directory, not a map file" in result.output, args
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "no.yaml"), "-o", "x.json"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'no.yaml'}: no such file" in result.output


def test_an_unreadable_format_is_named_without_options_the_command_lacks(tmp_path: Path) -> None:
    drawing = tmp_path / "m.mmd"
    drawing.write_text("flowchart TD\n", "utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(drawing)])
    assert result.exit_code == 1
    assert f"{drawing}: format 'mermaid' can only be written" in result.output
    odd = tmp_path / "m.map"
    odd.write_text("argmap: 1\ntitle: T\nclaims: []\n", "utf-8")
    result = CliRunner().invoke(main, ["query", str(odd), "unanswered"])
    assert result.exit_code == 1
    assert "cannot tell the format from the file name (known suffixes: " in result.output
    assert "--from" not in result.output
    result = CliRunner().invoke(main, ["convert", str(odd), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "give the format with --from" in result.output


def test_validate_and_stats_read_other_formats(shared_dir: Path) -> None:
    aif = shared_dir / "corpora" / "araucaria-aif" / "nodeset10.json"
    result = CliRunner().invoke(main, ["validate", str(aif)])
    assert result.exit_code == 0, result.output
    assert f"{aif}: valid (4 claims, 1 supports" in result.output
    stats = CliRunner().invoke(main, ["stats", str(aif), "--json"])
    assert stats.exit_code == 0
    assert '"total": 4' in stats.output
