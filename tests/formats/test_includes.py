"""Maps over several files: ``include:``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.errors import MapError
from argmap.formats._positions import parse_with_positions
from argmap.formats.yaml import load_with_files, map_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "school-day"


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(MapError) as info:
        argmap.load(path)
    return [str(p) for p in info.value.problems]


def test_the_example_is_the_same_map_as_one_file_of_all_its_items() -> None:
    loaded = load_with_files(EXAMPLE / "debate.yaml")
    names = [Path(f).relative_to(EXAMPLE).as_posix() for f in loaded.files]
    assert names == [
        "debate.yaml",
        "stakeholders.yaml",
        "chapters/sleep.yaml",
        "chapters/buses.yaml",
    ]
    # The same items written in one file, in reading order.
    merged: dict[str, list[object]] = {}
    for name in loaded.files:
        data = parse_with_positions(Path(name).read_text("utf-8")).data
        for key in ("sources", "stakeholders", "claims", "supports", "attacks", "stances"):
            merged.setdefault(key, []).extend(data.get(key) or [])
    text = json.dumps({"argmap": 1, "title": loaded.amap.title, "main": ["later-start"], **merged})
    single = argmap.loads(text)
    assert loaded.amap.claims == single.claims
    assert loaded.amap.supports == single.supports
    assert loaded.amap.attacks == single.attacks
    assert loaded.amap.stances == single.stances
    assert loaded.amap.stakeholders == single.stakeholders
    assert [i.code for i in loaded.amap.lint_ignores] == ["F108"]  # from a chapter
    assert loaded.amap.title == "Should the school day start later?"  # the root's


def test_errors_name_the_file_line_and_column_they_are_in(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": (
                "argmap: 1\ntitle: T\ninclude: [part.yaml]\nclaims:\n  - {id: a, text: A}\n"
            ),
            "part.yaml": (
                "argmap: 1\nclaims:\n  - {id: b, text: B, kind: polcy}\n"
                "supports:\n  - {from: b, to: nowhere}\n"
            ),
        },
    )
    assert problems(tmp_path / "root.yaml") == [
        f"{tmp_path / 'part.yaml'}:3:28: unknown kind 'polcy'; did you mean 'policy'? "
        "(one of: fact, value, policy, prediction, definition, interpretation, testimony)",
        f"{tmp_path / 'part.yaml'}:5:19: unknown claim 'nowhere'",
    ]


def test_a_duplicate_id_names_both_places(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": (
                "argmap: 1\ntitle: T\ninclude: sub/part.yaml\nclaims:\n  - {id: a, text: A}\n"
            ),
            "sub/part.yaml": "argmap: 1\nclaims:\n  - {id: b, text: B}\n  - {id: a, text: again}\n",
        },
    )
    assert problems(tmp_path / "root.yaml") == [
        f"{tmp_path / 'sub' / 'part.yaml'}:4:10: duplicate id 'a': already used by a claim "
        f"(first defined at {tmp_path / 'root.yaml'}:5:10)"
    ]


def test_an_include_cycle_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: a.yaml\nclaims: []\n",
            "a.yaml": "argmap: 1\ninclude: [b.yaml]\n",
            "b.yaml": "argmap: 1\ninclude: [a.yaml]\n",
        },
    )
    (message,) = problems(tmp_path / "root.yaml")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert message.startswith(f"{b}:2:11: include cycle: {a} -> {b} -> {a}")


def test_a_source_file_is_relative_to_the_file_that_names_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: parts/sources.yaml\nclaims: []\n",
            "parts/sources.yaml": "argmap: 1\nsources: [{id: s, title: S, file: texts/s.txt}]\n",
        },
    )
    (source,) = argmap.load(tmp_path / "root.yaml").sources
    assert source.file == "parts/texts/s.txt"


def test_a_file_cannot_include_itself(tmp_path: Path) -> None:
    write(tmp_path, {"root.yaml": "argmap: 1\ntitle: T\ninclude: ./root.yaml\nclaims: []\n"})
    root = tmp_path / "root.yaml"
    (message,) = problems(root)
    assert message.startswith(f"{root}:3:10: include cycle: {root} -> {root}")


def test_a_file_included_twice_through_others_is_read_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: [one.yaml, two.yaml]\nclaims: []\n",
            "one.yaml": "argmap: 1\ninclude: people.yaml\nclaims: [{id: a, text: A}]\n",
            "two.yaml": (
                "argmap: 1\ninclude: people.yaml\nstances: [{stakeholder: p, asserts: a}]\n"
            ),
            "people.yaml": "argmap: 1\nstakeholders: [{id: p, name: P}]\n",
        },
    )
    loaded = load_with_files(tmp_path / "root.yaml")
    assert [Path(f).name for f in loaded.files] == [
        "root.yaml",
        "one.yaml",
        "people.yaml",
        "two.yaml",
    ]
    assert [s.id for s in loaded.amap.stakeholders] == ["p"]


def test_includes_stay_inside_the_maps_folder(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("argmap: 1\nclaims: []\n", "utf-8")
    maps = tmp_path / "maps"
    write(
        maps,
        {
            "root.yaml": (
                "argmap: 1\ntitle: T\nclaims: []\n"
                "include: [../outside.yaml, /etc/hostname, missing.yaml, link.yaml]\n"
            )
        },
    )
    os.symlink(tmp_path / "outside.yaml", maps / "link.yaml")
    found = problems(maps / "root.yaml")
    assert [m.split(": ", 1)[0] for m in found] == [
        f"{maps / 'root.yaml'}:4:11",
        f"{maps / 'root.yaml'}:4:28",
        f"{maps / 'root.yaml'}:4:43",
        f"{maps / 'root.yaml'}:4:57",
    ]
    assert "leads outside" in found[0] and "absolute path" in found[1]
    assert "cannot include 'missing.yaml': no such file" in found[2]
    assert "through a symbolic link" in found[3]


def test_in_a_repository_includes_may_reach_across_its_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            "shared/people.yaml": "argmap: 1\nstakeholders: [{id: p, name: P}]\n",
            "articles/one.yaml": (
                "argmap: 1\ntitle: T\ninclude: ../shared/people.yaml\n"
                "claims: [{id: a, text: A}]\nstances: [{stakeholder: p, asserts: a}]\n"
            ),
        },
    )
    assert [s.id for s in argmap.load(tmp_path / "articles" / "one.yaml").stakeholders] == ["p"]


def test_what_an_included_file_may_hold(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: [part.yaml]\nclaims: []\n",
            "part.yaml": "claims: {id: a}\ntitel: x\n",
        },
    )
    part = tmp_path / "part.yaml"
    found = problems(tmp_path / "root.yaml")
    assert found[0] == f"{part}:1:1: missing the format version key: add `argmap: 1` at the top"
    assert found[1].startswith(f"{part}:1:9: 'claims' must be a list")
    assert found[2].startswith(f"{part}:2:1: unknown key 'titel'; did you mean 'title'?")


def test_syntax_errors_in_an_included_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: part.yaml\nclaims: []\n",
            "part.yaml": "argmap: 1\nclaims: [\n",
        },
    )
    (message,) = problems(tmp_path / "root.yaml")
    assert message.startswith(f"{tmp_path / 'part.yaml'}:3:1: YAML syntax error")


def test_map_text_without_a_file_cannot_include() -> None:
    with pytest.raises(MapError, match=r"<string>:3:1: 'include' names files"):
        argmap.loads("argmap: 1\ntitle: T\ninclude: x.yaml\nclaims: []\n")


def test_map_files_lists_the_files_even_while_the_map_is_broken(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "root.yaml": "argmap: 1\ntitle: T\ninclude: [a.yaml, gone.yaml]\nclaims: []\n",
            "a.yaml": "argmap: 1\nclaims: [{id: a, text: A}]\nsupports: [{from: a, to: b}]\n",
        },
    )
    assert map_files(tmp_path / "root.yaml") == (tmp_path / "root.yaml", tmp_path / "a.yaml")
    (tmp_path / "root.yaml").write_text("argmap: 1\ntitle: T\ninclude: a.yaml\nclaims: []\n")
    assert map_files(tmp_path / "root.yaml") == (tmp_path / "root.yaml", tmp_path / "a.yaml")
    assert map_files(EXAMPLE / "stakeholders.yaml") == (EXAMPLE / "stakeholders.yaml",)


def test_the_schema_accepts_the_example_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        data = parse_with_positions(path.read_text("utf-8")).data
        assert list(validator.iter_errors(data)) == [], path
    assert list(validator.iter_errors({"argmap": 1, "include": ["a.yaml", 3]}))


def test_render_draws_the_claims_of_every_file(tmp_path: Path) -> None:
    out = tmp_path / "debate.svg"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE / "debate.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text("utf-8")
    assert "buses already run in two" in svg  # chapters/buses.yaml
    assert "body clocks" in svg  # chapters/sleep.yaml


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")

    def run(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)

    run("init", "-q")
    shutil.copytree(EXAMPLE, tmp_path / "maps")
    run("add", ".")
    run("commit", "-qm", "the debate")
    buses = tmp_path / "maps" / "chapters" / "buses.yaml"
    buses.write_text(buses.read_text("utf-8").replace("in two waves", "in three waves"))
    run("commit", "-qam", "three waves")
    return tmp_path


def test_diff_and_log_read_included_files_at_the_revision(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff", "HEAD~1:maps/debate.yaml", "HEAD:maps/debate.yaml"])
    assert result.exit_code == 1, result.output
    assert "buses-already-staggered" in result.output
    assert "{+three+}" in result.output
    result = CliRunner().invoke(main, ["log", "maps/debate.yaml", "buses-already-staggered"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n    ") >= 2  # changed in "three waves", added before
    assert "three waves" in result.output and "the debate" in result.output
    (repo / "maps" / "chapters" / "buses.yaml").write_text("argmap: 1\nclaims: [\n")
    result = CliRunner().invoke(main, ["diff", "HEAD~1:maps/debate.yaml", "HEAD:maps/debate.yaml"])
    assert result.exit_code == 1 and "{+three+}" in result.output  # the revisions, not the disk
