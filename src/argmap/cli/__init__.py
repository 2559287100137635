"""The ``argmap`` command line: the only layer that prints or exits.

Each area of the CLI lives in its own module and registers its commands on
:data:`main`; a module is imported only when one of its commands runs
(:class:`argmap.cli._app.LazyGroup`; the command list is
:data:`argmap.cli._app.COMMANDS`). Exit codes (documented in docs/cli.md): 0
success (or "no differences" for ``diff``), 1 invalid input or other user
error (``diff``: the maps differ), 2 command-line misuse (click's own usage
errors; ``diff``: an error).
"""

from __future__ import annotations

from argmap.cli._app import main

__all__ = ["main"]
