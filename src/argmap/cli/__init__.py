"""The ``argmap`` command line: the only layer that prints or exits.

Each area of the CLI lives in its own module and registers its commands on
:data:`main`; a module is imported only when one of its commands runs
(:class:`argmap.cli._app.LazyGroup`; the command list is
:data:`argmap.cli._commands.COMMANDS`). Exit codes (documented in docs/cli.md): 0
success (or "no differences" for ``diff``), 1 invalid input or other user
error (``diff``: the maps differ), 2 command-line misuse (click's own usage
errors; ``diff``: an error).

The installed ``argmap`` script runs :func:`run`, which answers ``argmap
--help`` and the common forms of ``argmap validate`` (:mod:`argmap.cli._fast`)
without importing click; :data:`main` (the click group) is imported
on first use.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.cli._app import main

__all__ = ["main", "run"]


def run(prog_name: str | None = None) -> None:
    """The command line: ``argmap --help`` from the command table, plain
    ``argmap validate`` directly, anything else through the click group.

    The process ends as soon as the command is done (:func:`_end`), without
    freeing what the command built."""
    from argmap import _gc

    _gc.keep_until_exit()
    try:
        _run(prog_name)
    except SystemExit as done:
        _end(done)
        raise
    _end(SystemExit(0))


def _end(done: SystemExit) -> None:
    """End the process with ``done``'s exit code, skipping the interpreter's
    teardown, which would free every object left, one by one (a big map is
    millions): the exit handlers run (the map cache's writer among them),
    standard output and error are flushed, and the process ends.

    Returns, for the usual exit, when something needs it: another thread
    that is not a daemon still runs, the code is not a number, or a stream
    cannot be flushed (the usual exit then reports it)."""
    import threading

    code = 0 if done.code is None else done.code
    if not isinstance(code, int):
        return
    main = threading.main_thread()
    if any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate()):
        return
    if not _flushed():
        return
    import atexit

    atexit._run_exitfuncs()
    os._exit(code if _flushed() else 120)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _run(prog_name: str | None) -> None:
    if sys.argv[1:] in (["--help"], ["-h"]):
        from argmap.cli._commands import help_width, top_help

        prog = prog_name or os.path.basename(sys.argv[0])
        sys.stdout.write(top_help(prog, help_width()))
        sys.stdout.flush()
        raise SystemExit(0)
    from argmap.cli._fast import try_fast

    code = try_fast(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from argmap.cli._app import main

    main(prog_name=prog_name)


def __getattr__(name: str) -> object:
    if name == "main":
        from argmap.cli._app import main

        return main
    raise AttributeError(f"module 'argmap.cli' has no attribute {name!r}")
