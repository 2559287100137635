"""The git merge driver, in real repositories in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import argmap
from argmap.errors import MapError
from argmap.git import setup_diff_driver

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAP = """\
argmap: 1
title: Harbour debate
claims:
  - {id: a, text: The harbour should be dredged this year., kind: policy}
  - {id: b, text: Dredging stirs up old pollution in the silt.}
  - {id: c, text: Bigger ships bring jobs to the town.}
  - {id: d, text: The channel silts up every winter.}
supports:
  - {from: c, to: a}
  - {from: d, to: a}
attacks:
  - {from: b, to: a}
"""


def run(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    config = repo.parent / "gitconfig"
    config.touch()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_EDITOR": "true",
    }
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {proc.stdout}{proc.stderr}")
    return proc


def make_repo(tmp: Path, driver: bool, text: str = MAP) -> Path:
    repo = tmp / "repo"
    repo.mkdir()
    run(repo, "init", "-q", "-b", "main")
    if driver:
        setup_diff_driver(("*.yaml",), cwd=repo)
        run(repo, "add", ".gitattributes")
    (repo / "map.yaml").write_text(text, "utf-8")
    run(repo, "add", "map.yaml")
    run(repo, "commit", "-q", "-m", "base")
    return repo


def commit_edit(repo: Path, branch: str, old: str, new: str, start: str = "main") -> None:
    run(repo, "checkout", "-q", "-B", branch, start)
    path = repo / "map.yaml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")
    run(repo, "commit", "-q", "-am", f"edit on {branch}")


def two_branches(repo: Path, ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    commit_edit(repo, "theirs", *theirs)
    commit_edit(repo, "ours", *ours)


NEIGHBOURS = (
    ("in the silt.}", "in the silt of the basin.}"),
    ("jobs to the town.}", "jobs and trade to the town.}"),
)


def test_setup_installs_the_merge_driver_quoted(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    attributes = (repo / ".gitattributes").read_text("utf-8").splitlines()
    assert "*.yaml diff=argmap" in attributes and "*.yaml merge=argmap" in attributes
    driver = run(repo, "config", "--get", "merge.argmap.driver").stdout.strip()
    assert driver.endswith(" merge-driver %O %A %B %P")
    # again: nothing is added twice
    setup_diff_driver(("*.yaml",), cwd=repo)
    assert (repo / ".gitattributes").read_text("utf-8").splitlines() == attributes


def test_neighbouring_edits_conflict_in_git_without_the_driver(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=False)
    two_branches(repo, *NEIGHBOURS)
    assert run(repo, "merge", "-q", "theirs", check=False).returncode != 0
    assert "<<<<<<<" in (repo / "map.yaml").read_text("utf-8")


def test_neighbouring_edits_merge_cleanly_with_the_driver(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    two_branches(repo, *NEIGHBOURS)
    run(repo, "merge", "-q", "--no-edit", "theirs")
    text = (repo / "map.yaml").read_text("utf-8")
    merged = argmap.loads(text)
    assert merged.claim("b").text == "Dredging stirs up old pollution in the silt of the basin."
    assert merged.claim("c").text == "Bigger ships bring jobs and trade to the town."
    # the layout is ours: only the one line theirs changed differs from ours
    ours = run(repo, "show", "HEAD~1:map.yaml").stdout.splitlines()
    changed = [pair for pair in zip(ours, text.splitlines(), strict=True) if pair[0] != pair[1]]
    assert changed == [
        (
            "  - {id: c, text: Bigger ships bring jobs to the town.}",
            "  - {id: c, text: Bigger ships bring jobs and trade to the town.}",
        )
    ]


def test_rename_and_new_reference_to_the_old_id_merge_into_a_valid_map(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    run(repo, "checkout", "-q", "-b", "theirs")
    path = repo / "map.yaml"
    path.write_text(MAP.replace("{id: c,", "{id: jobs,").replace("{from: c,", "{from: jobs,"))
    run(repo, "commit", "-q", "-am", "rename c to jobs")
    commit_edit(
        repo, "ours", "  - {from: b, to: a}\n", "  - {from: b, to: a}\n  - {from: c, to: b}\n"
    )
    run(repo, "merge", "-q", "--no-edit", "theirs")
    merged = argmap.loads(path.read_text("utf-8"))
    assert not merged.has_claim("c")
    assert {(a.attacker, a.target) for a in merged.attacks} == {("b", "a"), ("jobs", "b")}


def test_delete_versus_edit_leaves_git_in_conflict_with_both_versions(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    commit_edit(repo, "theirs", "old pollution in the silt.}", "old pollution and lead.}")
    run(repo, "checkout", "-q", "-B", "ours", "main")
    path = repo / "map.yaml"
    text = path.read_text("utf-8")
    text = text.replace("  - {id: b, text: Dredging stirs up old pollution in the silt.}\n", "")
    path.write_text(text.replace("attacks:\n  - {from: b, to: a}\n", ""), "utf-8")
    run(repo, "commit", "-q", "-am", "drop b")
    proc = run(repo, "merge", "-q", "theirs", check=False)
    assert proc.returncode != 0
    assert "ours deleted claim 'b', theirs changed it (text)" in proc.stdout + proc.stderr
    status = run(repo, "status", "--porcelain").stdout
    assert "UU map.yaml" in status
    merged = path.read_text("utf-8")
    assert "pollution and lead" in merged and "ours: deleted" in merged
    with pytest.raises(MapError, match="unresolved merge conflict in claim 'b'"):
        argmap.loads(merged)


def test_rebase_uses_the_driver(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    commit_edit(repo, "topic", *NEIGHBOURS[0])
    commit_edit(repo, "main", *NEIGHBOURS[1], start="main")
    run(repo, "checkout", "-q", "topic")
    run(repo, "rebase", "-q", "main")
    merged = argmap.loads((repo / "map.yaml").read_text("utf-8"))
    assert "basin" in merged.claim("b").text and "trade" in merged.claim("c").text


def test_files_that_are_not_maps_get_gits_line_merge(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, driver=True)
    other = repo / "ci.yaml"
    other.write_text("one: 1\ntwo: 2\nthree: 3\nfour: 4\nfive: 5\n", "utf-8")
    run(repo, "add", "ci.yaml")
    run(repo, "commit", "-q", "-m", "ci")
    for branch, old, new in (("theirs", "one: 1", "one: 10"), ("ours", "five: 5", "five: 50")):
        run(repo, "checkout", "-q", "-B", branch, "main")
        other.write_text(other.read_text("utf-8").replace(old, new), "utf-8")
        run(repo, "commit", "-q", "-am", branch)
    run(repo, "merge", "-q", "--no-edit", "theirs")
    assert other.read_text("utf-8") == "one: 10\ntwo: 2\nthree: 3\nfour: 4\nfive: 50\n"
    # an overlapping edit still conflicts, with git's markers
    for branch, new in (("x", "two: 20"), ("y", "two: 21")):
        run(repo, "checkout", "-q", "-B", branch, "ours")
        other.write_text(other.read_text("utf-8").replace("two: 2\n", new + "\n"), "utf-8")
        run(repo, "commit", "-q", "-am", branch)
    assert run(repo, "merge", "-q", "x", check=False).returncode != 0
    text = other.read_text("utf-8")
    assert "<<<<<<<" in text and "two: 20" in text and "two: 21" in text
