"""Failure class 3 of the hardening issue: git-setup quotes argmap's command
for the shell, refuses patterns that would add .gitattributes lines, and the
diff driver exits 0 whatever git gives it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ArgmapError
from argmap.git import argmap_command, check_pattern, setup_diff_driver

Cli = Callable[..., Any]
SRC = Path(__file__).resolve().parents[2] / "src"
NASTY = 'it\'s a "dir"; touch PWNED; $(touch PWNED2) `touch PWNED3` $HOME'


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path, small_map: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "m.yaml").write_text(small_map.read_text())
    assert _git(repo, "init", "-q").returncode == 0
    _git(repo, "add", "m.yaml")
    assert _git(repo, "commit", "-qm", "first").returncode == 0
    return repo


def test_every_word_of_the_command_is_quoted() -> None:
    argv = [f"/opt/{NASTY}/bin/argmap"]
    command = argmap_command("git-diff-driver", argv)
    assert shlex.split(command) == [*argv, "git-diff-driver"]
    merge = argmap_command("merge-driver %O %A %B %P", ["/usr/bin/python3", "-m", "argmap"])
    words = ["/usr/bin/python3", "-m", "argmap", "merge-driver", "%O", "%A", "%B", "%P"]
    assert shlex.split(merge) == words


def test_git_diff_and_merge_run_argmap_from_a_path_with_shell_characters(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install = tmp_path / NASTY / "bin"
    install.mkdir(parents=True)
    script = install / "argmap"
    script.write_text(
        "#!/bin/sh\n"
        f'PYTHONPATH={shlex.quote(str(SRC))} exec {shlex.quote(sys.executable)} -m argmap "$@"\n'
    )
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(install / "python"))
    setup_diff_driver(("*.yaml",), cwd=repo)
    config = _git(repo, "config", "diff.argmap.command").stdout.strip()
    assert shlex.split(config)[0] == str(script)

    text = (repo / "m.yaml").read_text().replace("start at 9:30.", "start at 10:00.")
    (repo / "m.yaml").write_text(text)
    shown = _git(repo, "diff")
    assert shown.returncode == 0, shown.stderr
    assert "later-start" in shown.stdout and "10:00" in shown.stdout  # argmap's diff ran
    assert not any((repo / name).exists() for name in ("PWNED", "PWNED2", "PWNED3"))
    assert not any(Path.cwd().joinpath(n).exists() for n in ("PWNED", "PWNED2", "PWNED3"))

    # The merge driver runs through the same quoting.
    _git(repo, "commit", "-qam", "ours")
    _git(repo, "checkout", "-qb", "theirs", "HEAD~1")
    theirs = (repo / "m.yaml").read_text() + "attacks: []\n"
    (repo / "m.yaml").write_text(theirs.replace("fall asleep late.", "fall asleep late at night."))
    _git(repo, "commit", "-qam", "theirs")
    _git(repo, "checkout", "-q", "-")
    merged = _git(repo, "merge", "-q", "--no-edit", "theirs")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = (repo / "m.yaml").read_text()
    assert "10:00" in result and "late at night" in result
    assert not any((repo / name).exists() for name in ("PWNED", "PWNED2", "PWNED3"))


@pytest.mark.parametrize(
    "pattern",
    ["*.yaml\n* diff=evil", "", "   ", "#comment", "!*.yaml", "a b", "x\tdiff", "[attr]m", '"q"'],
)
def test_git_setup_refuses_a_pattern_that_is_not_one_glob(
    argmap_cli: Cli, repo: Path, pattern: str
) -> None:
    with pytest.raises(ArgmapError, match="refused"):
        check_pattern(pattern)
    ran = argmap_cli("git-setup", "--pattern", pattern, cwd=repo)
    assert ran.code == 1 and "refused" in ran.err
    assert not (repo / ".gitattributes").exists()
    assert _git(repo, "config", "diff.argmap.command").stdout == ""


def test_git_setup_takes_ordinary_patterns(argmap_cli: Cli, repo: Path) -> None:
    ran = argmap_cli("git-setup", "--pattern", "maps/**/*.yaml", "--pattern", "*.argmap", cwd=repo)
    assert ran.code == 0, ran.err
    lines = (repo / ".gitattributes").read_text().splitlines()
    assert lines == [
        "maps/**/*.yaml diff=argmap",
        "maps/**/*.yaml merge=argmap",
        "*.argmap diff=argmap",
        "*.argmap merge=argmap",
    ]


def test_the_diff_driver_exits_0_on_files_it_cannot_read(argmap_cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    for old, new in ((tmp_path / "gone", tmp_path / "gone2"), (fifo, "/dev/zero")):
        ran = argmap_cli(
            "git-diff-driver", "m.yaml", old, "0" * 40, "100644", new, "1" * 40, "100644"
        )
        assert ran.code == 0
        assert "argmap: m.yaml: no diff:" in ran.text and "Traceback" not in ran.err
