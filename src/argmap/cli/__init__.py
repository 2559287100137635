"""The ``argmap`` command line: the only layer that prints or exits.

Each area of the CLI lives in its own module and registers its commands on
:data:`main` here. Exit codes (documented in docs/cli.md): 0 success (or "no
differences" for ``diff``), 1 invalid input or other user error (``diff``: the
maps differ), 2 command-line misuse (click's own usage errors; ``diff``:
an error).
"""

from __future__ import annotations

from argmap.cli import analysis as _analysis  # noqa: F401  (registers commands)
from argmap.cli import convert as _convert  # noqa: F401  (registers commands)
from argmap.cli import core as _core  # noqa: F401  (registers commands)
from argmap.cli import diff as _diff  # noqa: F401  (registers commands)
from argmap.cli import lsp as _lsp  # noqa: F401  (registers commands)
from argmap.cli import merge as _merge  # noqa: F401  (registers commands)
from argmap.cli import render as _render  # noqa: F401  (registers commands)
from argmap.cli._app import main

__all__ = ["main"]
