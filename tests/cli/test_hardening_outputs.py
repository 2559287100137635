"""Failure class 2 of the hardening issue: one output rule everywhere.

``-o -`` is standard output; a symlink is written through to its target;
an existing FIFO, device, socket or folder is refused; writes are atomic and
a signal during a write leaves no temporary file behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ArgmapError
from argmap.io import write_atomic

Cli = Callable[..., Any]
SRC = Path(__file__).resolve().parents[2] / "src"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------------ -o -


def test_dash_is_standard_output_for_every_one_file_command(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    cases: list[tuple[tuple[Any, ...], bytes]] = [
        (("render", small_map, "-o", "-"), b"digraph"),
        (("render", small_map, "-o", "-", "--format", "svg"), b"<svg "),
        (("render", small_map, "-o", "-", "--format", "png"), b"\x89PNG"),
        (("render", small_map, "-o", "-", "--format", "pdf"), b"%PDF"),
        (("render", "--diff", small_map, small_map, "-o", "-", "--format", "svg"), b"<svg"),
        (("convert", small_map, "-o", "-", "--to", "json"), b"{"),
        (("reveal", small_map, "-o", "-"), b"%PDF"),
        (("merge", small_map, small_map, small_map, "-o", "-"), b"argmap: 1"),
        (("sources", small_map, "--coverage", "--html", "-"), b"<!DOCTYPE html>"),
    ]
    for args, start in cases:
        ran = argmap_cli(*args, cwd=tmp_path, timeout=60)
        assert ran.code == 0, (args, ran.err)
        assert start in ran.out[:300], args
    assert not (tmp_path / "-").exists()


def test_teach_and_folder_convert_refuse_dash(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    for args in (("teach", small_map, "-o", "-"), ("convert", small_map.parent, "-o", "-")):
        ran = argmap_cli(*args, cwd=tmp_path)
        assert ran.code == 1 and "standard output" in ran.err, args
    assert not (tmp_path / "-").exists()


# ------------------------------------------------------------------ what is at the path


def test_a_symlink_is_written_through(argmap_cli: Cli, small_map: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.dot"
    target.write_text("old")
    link = tmp_path / "link.dot"
    link.symlink_to(target)
    ran = argmap_cli("render", small_map, "-o", link)
    assert ran.code == 0, ran.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("digraph")
    assert _leftovers(tmp_path) == []


def test_a_fifo_a_device_or_a_folder_is_refused(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "out.dot"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for args, what in (
        (("render", small_map, "-o", fifo), "FIFO"),
        (("render", small_map, "-o", "/dev/null", "--format", "dot"), "character device"),
        (("convert", small_map, "-o", "/dev/full", "--to", "json"), "character device"),
        (("merge", small_map, small_map, small_map, "-o", fifo), "FIFO"),
        (("convert", small_map, "-o", folder), "directory"),
    ):
        ran = argmap_cli(*args)
        assert ran.code in (1, 2), args
        assert what in ran.err and "writes only regular files" in ran.err, args
        assert "Traceback" not in ran.err
    assert fifo.exists() and not fifo.is_file()  # still the FIFO
    assert Path("/dev/null").is_char_device()
    assert folder.is_dir() and _leftovers(tmp_path) == []


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "x.svg"
    link.symlink_to("/dev/null")
    with pytest.raises(ArgmapError, match="character device"):
        write_atomic(link, b"data")
    assert link.is_symlink()


# ------------------------------------------------------------------ atomic writes


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("precious")
    path.chmod(0o640)

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_text() == "precious"
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    write_atomic(path, b"new")
    assert path.read_text() == "new" and path.stat().st_mode & 0o777 == 0o640


_SLOW_WRITE = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
    real_fsync(fd)
os.fsync = slow_fsync
from argmap.cli import main
main(sys.argv[1:], prog_name="argmap")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_temporary_file(
    small_map: Path, tmp_path: Path, signum: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "m.json"
    target.write_text("before")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, "convert", str(small_map), "-o", str(target)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"writing"
        assert len(_leftovers(out)) == 1  # the write is under way
        proc.send_signal(signum)
        code = proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    assert code != 0
    if signum == signal.SIGTERM:
        assert code == -signal.SIGTERM  # it still ends as SIGTERM does
    assert _leftovers(out) == []
    assert target.read_text() == "before"


def test_signals_act_as_before_outside_a_write(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    write_atomic(tmp_path / "x.txt", b"x")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
