"""argmap._fork.in_two: work over a range split between this process and a forked child."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import BinaryIO

import pytest

from argmap import _fork


def _work(
    calls: list[tuple[int, int]], fail_in_child: bool = False
) -> Callable[[int, int], list[str]]:
    parent = os.getpid()

    def work(start: int, stop: int) -> list[str]:
        if os.getpid() == parent:
            calls.append((start, stop))
        elif fail_in_child:
            raise RuntimeError("the child fails")
        return [f"line {i}" for i in range(start, stop) for _ in range(i % 3)]

    return work


def test_a_library_does_the_work_here_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fork, "ends_with_command", lambda: False)
    calls: list[tuple[int, int]] = []
    assert _fork.in_two(_work(calls), 50_000) == _work([])(0, 50_000)
    assert calls == [(0, 50_000)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
@pytest.mark.parametrize("fail_in_child", [False, True])
def test_a_command_line_process_shares_the_work_with_a_child(
    monkeypatch: pytest.MonkeyPatch, fail_in_child: bool
) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("in_two forks only on two processors or more")
    monkeypatch.setattr(_fork, "ends_with_command", lambda: True)
    # as in a command line process (a server test may have left a thread behind)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    calls: list[tuple[int, int]] = []
    got = _fork.in_two(_work(calls, fail_in_child), 50_001)
    assert got == _work([])(0, 50_001)
    # This process did the first half; the second was the child's, unless it failed.
    assert calls == ([(0, 25_000), (25_000, 50_001)] if fail_in_child else [(0, 25_000)])


def test_short_ranges_are_not_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fork, "ends_with_command", lambda: True)
    calls: list[tuple[int, int]] = []
    assert _fork.in_two(_work(calls), 100) == _work([])(0, 100)
    assert calls == [(0, 100)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
def test_a_writing_child_is_read_as_it_writes() -> None:
    chunks = [bytes([i]) * 100_000 for i in range(20)]  # far more than a pipe holds

    def write(out: BinaryIO) -> None:
        for chunk in chunks:
            out.write(chunk)

    child = _fork.fork_writer(write)
    assert child is not None
    with child.reading() as pipe:
        assert pipe.read(100_000) == chunks[0]  # the first part, before the rest is written
        assert pipe.read() == b"".join(chunks[1:])

    def fail(out: BinaryIO) -> None:
        out.write(b"part")
        raise RuntimeError("the child fails")

    child = _fork.fork_writer(fail)
    assert child is not None
    with child.reading() as pipe:
        assert pipe.read() == b"part"  # cut short
