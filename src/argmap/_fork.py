"""Work over a range split in two, the second half done in a forked child.

Only for a command line process (:func:`argmap._gc.ends_with_command`) that
runs no other thread, on a machine with two processors or more: elsewhere,
and for short ranges, the work is done here, at once.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable

from argmap._gc import ends_with_command

__all__ = ["in_two"]


def in_two(work: Callable[[int, int], list[str]], count: int, least: int = 20_000) -> list[str]:
    """``work(0, count)``, worked out as ``work(0, half) + work(half, count)``,
    the second part in a forked child while this process does the first.

    ``work(start, stop)`` gives strings for the positions ``start`` to
    ``stop - 1``, the same wherever it runs, so that the two parts make the
    whole. The child's part comes back over a pipe; a child that fails, or
    gives anything but a list of strings, has its part done here after all.
    """
    if count < least or not _can_split():
        return work(0, count)
    half = count // 2
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work(0, count)
    if child == 0:  # pragma: no cover - the child, which ends here
        try:
            os.close(read_end)
            data = marshal.dumps(work(half, count))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        first = work(0, half)
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        with contextlib.suppress(OSError):
            os.close(read_end)
        os.waitpid(child, 0)
    second = _strings(data)
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


def _can_split() -> bool:
    import threading

    return (
        ends_with_command()
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1
    )
