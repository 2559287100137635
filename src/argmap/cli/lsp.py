"""``argmap lsp``: the language server for editors."""

from __future__ import annotations

import click

from argmap.cli._app import main, user_errors
from argmap.errors import ToolMissingError


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way).")
@user_errors
def lsp(stdio: bool) -> None:
    """Run the language server for map files, over stdin and stdout.

    Editors start it themselves (docs/editors.md): diagnostics as you type,
    completion of ids, keys and kinds, hover, go to definition, references,
    outline and rename across every file of a map. Needs the `lsp` extra:
    pip install 'argmap[lsp]'.
    """
    from argmap._gc import free_as_usual

    free_as_usual()  # it runs until the editor stops it
    try:
        from argmap.lsp import server
    except ImportError as exc:
        if exc.name not in ("pygls", "lsprotocol") and not str(exc.name or "").startswith(
            ("pygls.", "lsprotocol.")
        ):
            raise
        raise ToolMissingError(
            "argmap lsp needs the pygls package: pip install 'argmap[lsp]'"
        ) from None
    server.start()
