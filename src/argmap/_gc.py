"""Pausing Python's cyclic garbage collector around bulk allocation, and
keeping big structures to the end of a command line process."""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    Loading a big map or building a framework from one allocates hundreds of
    thousands of containers, none of them in a cycle; left running, the
    collector would trigger full collections that rescan them again and
    again (two to three times the work). Nesting is safe: only the outermost
    pause turns the collector back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _kept is not None:
                # Under keep_until_exit everything made is kept to the end
                # anyway: set it aside, or the collector's next run would
                # go through it all once more (0.2 s for a big map).
                gc.freeze()
            gc.enable()


_KEPT_AT_MOST = 4
"""How many :func:`retire` calls a command keeps to its end: the last ones.
A command that evaluates many maps frees the earlier ones as usual, so its
memory stays bounded."""

_kept: deque[tuple[object, ...]] | None = None


def keep_until_exit() -> None:
    """Keep what :func:`retire` is given until the process ends.

    The command line calls this: it ends its process as soon as the command
    is done, without freeing what the command built (see
    :func:`argmap.cli.run`), so freeing a big map, a framework or a report
    object by object on the way out would be time spent for nothing.
    """
    global _kept
    if _kept is None:
        _kept = deque(maxlen=_KEPT_AT_MOST)


def ends_with_command() -> bool:
    """Whether the process ends when its command is done (:func:`keep_until_exit`)."""
    return _kept is not None


def free_as_usual() -> None:
    """Undo :func:`keep_until_exit`: for the commands that run until stopped
    (a server), which must free what they are done with."""
    global _kept
    _kept = None


def retire(*objects: object) -> None:
    """Hand over big structures that are no longer needed.

    In a library (the default) this does nothing: the objects are freed as
    usual once the caller drops them. Under :func:`keep_until_exit` the
    objects of the last few calls are kept (:data:`_KEPT_AT_MOST`), and the
    end of the process takes them all at once. Retire what a command builds
    once (its map, its report), not what it builds for each of many maps.
    """
    if _kept is not None:
        _kept.append(objects)
