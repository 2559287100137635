"""argmap.io: reading names the file on failure; an atomic write either replaces
the file completely or leaves the old one as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from argmap import io
from argmap.errors import ArgmapError


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_writes_and_makes_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "map.svg"
    io.write_atomic(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    io.write_atomic(target, b"<svg>2</svg>")
    assert target.read_bytes() == b"<svg>2</svg>"
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_the_old_file_survives_a_failed_write(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old contents")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        io.write_atomic(target, b"new contents that never land")
    monkeypatch.undo()
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.pdf"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Interrupted(KeyboardInterrupt):
        pass

    def fdopen(fd: int, mode: str) -> object:
        handle = real_fdopen(fd, mode)
        handle.write(b"half of the new")
        handle.close()
        raise Interrupted

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(Interrupted):
        io.write_atomic(target, b"all of the new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_write_atomic_keeps_the_old_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "run.sh"
    target.write_bytes(b"old")
    target.chmod(0o750)
    io.write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o750


def test_read_bytes_names_the_file_and_the_reason(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_bytes(b"argmap: 1\n")
    assert io.read_bytes(tmp_path / "m.yaml") == b"argmap: 1\n"
    with pytest.raises(ArgmapError, match=r"missing\.yaml: no such file"):
        io.read_bytes(tmp_path / "missing.yaml")
    with pytest.raises(ArgmapError, match="is a directory, not a map file"):
        io.read_bytes(tmp_path)
