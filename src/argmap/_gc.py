"""Pausing Python's cyclic garbage collector around bulk allocation."""

from __future__ import annotations

import gc
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
            gc.enable()
