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
    ``argmap validate`` directly, anything else through the click group."""
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
