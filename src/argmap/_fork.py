"""Work done in a forked child, its result sent back over a pipe.

:func:`fork_work` is the one way argmap hands work to a child that answers:
the guards of a big YAML text (:mod:`argmap.formats._fastyaml`), the second
map of a diff (:func:`argmap.formats._cache.load_both`), and half of a
range of strings (:func:`in_two`). :func:`can_fork` says when forking is
safe: on POSIX, with no other thread running.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from argmap._gc import ends_with_command

__all__ = ["Child", "can_fork", "fork_work", "fork_writer", "in_two"]


def can_fork() -> bool:
    """Whether this process may fork: POSIX, and no other thread that a
    child could find holding a lock."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


class Child:
    """A forked child whose work comes back over a pipe (:func:`fork_work`).
    Call :meth:`result` or :meth:`abandon` once: both reap the child."""

    __slots__ = ("_pid", "_read_end")

    def __init__(self, pid: int, read_end: int) -> None:
        self._pid = pid
        self._read_end = read_end

    def result(self) -> bytes:
        """The bytes the child wrote, once it has ended; b"" if it failed."""
        try:
            with os.fdopen(self._read_end, "rb") as pipe:
                return pipe.read()
        except OSError:
            return b""
        finally:
            self._reap()

    @contextlib.contextmanager
    def reading(self) -> Iterator[BinaryIO]:
        """The pipe, to read as the child writes (see :func:`fork_writer`);
        closed and the child reaped afterwards (a child still writing then
        fails, and ends)."""
        pipe = os.fdopen(self._read_end, "rb")
        try:
            yield pipe
        finally:
            with contextlib.suppress(OSError):
                pipe.close()
            self._reap()

    def abandon(self) -> None:
        """Close the pipe without reading (the child's writes then fail, and
        it ends), and reap it."""
        with contextlib.suppress(OSError):
            os.close(self._read_end)
        self._reap()

    def _reap(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def fork_work(work: Callable[[], bytes], after: Callable[[], object] | None = None) -> Child | None:
    """Run ``work`` in a forked child, which writes the bytes it gives to a
    pipe, closes it, runs ``after`` (if any) and ends; None when no child
    could be forked. A child that fails writes nothing. Check
    :func:`can_fork` first."""
    return fork_writer(lambda out: out.write(work()), after)


def fork_writer(
    work: Callable[[BinaryIO], object], after: Callable[[], object] | None = None
) -> Child | None:
    """:func:`fork_work` for a child that writes as it goes: ``work(pipe)``,
    read meanwhile through :meth:`Child.reading`. What a child that fails
    has written may be cut short."""
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - the child, which ends here
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                work(out)
            if after is not None:
                after()
        finally:
            os._exit(0)
    os.close(write_end)
    return Child(pid, read_end)


def in_two(work: Callable[[int, int], list[str]], count: int, least: int = 20_000) -> list[str]:
    """``work(0, count)``, worked out as ``work(0, half) + work(half, count)``,
    the second part in a forked child while this process does the first.

    Only in a command line process (:func:`argmap._gc.ends_with_command`)
    that may fork, on two processors or more, and for ``count`` of at least
    ``least``: elsewhere the work is done here, at once.

    ``work(start, stop)`` gives strings for the positions ``start`` to
    ``stop - 1``, the same wherever it runs, so that the two parts make the
    whole. The child's part comes back over a pipe; a child that fails, or
    gives anything but a list of strings, has its part done here after all.
    """
    if count < least or not (ends_with_command() and can_fork() and (os.cpu_count() or 1) >= 2):
        return work(0, count)
    half = count // 2
    child = fork_work(lambda: marshal.dumps(work(half, count)))
    if child is None:
        return work(0, count)
    try:
        first = work(0, half)
    except BaseException:
        child.abandon()
        raise
    second = _strings(child.result())
    return first + (second if second is not None else work(half, count))


def _strings(data: bytes) -> list[str] | None:
    """The strings the child wrote, or None."""
    try:
        got = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if type(got) is not list or not all(type(s) is str for s in got):
        return None
    return got
