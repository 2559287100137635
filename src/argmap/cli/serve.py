"""Live preview: serve."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli._app import main, map_argument, user_errors
from argmap.errors import ArgmapError, ToolMissingError

if TYPE_CHECKING:
    from argmap.serve.session import State


def _report(path: Path, state: State) -> None:
    now = time.strftime("%H:%M:%S")
    if state.errors:
        n = len(state.errors)
        click.echo(
            f"{now} {path}: {n} problem{'s' if n > 1 else ''} (shown in the page):", err=True
        )
        for line in state.errors:
            click.echo(f"  {line}", err=True)
        return
    claims = len(state.amap.claims) if state.amap is not None else 0
    line = f"{now} {path}: drawn ({claims} claims) in {state.took * 1000:.0f} ms"
    if state.moved is not None:
        m = state.moved
        line += f"; {m.moved} of {m.common} claims moved"
    click.echo(line, err=True)


@main.command()
@map_argument
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1 or ::1 lets other machines see the map.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--diff", is_flag=True, help="Mark what changed since the page was opened (added, changed...)."
)
@user_errors
def serve(map_path: Path, port: int, host: str, open_browser: bool, diff: bool) -> None:
    """Show MAP in the browser and redraw it on every save.

    Serves the interactive page on http://127.0.0.1:PORT/ (this machine only).
    Each time the map is saved it is checked again and the new drawing
    replaces the old in every open tab, keeping the view and the selected
    claim; a save that breaks the map shows its problems above the last good
    drawing. Ctrl-C stops.
    """
    from argmap._gc import free_as_usual
    from argmap.serve.app import missing

    free_as_usual()  # it runs until stopped

    need = missing()
    if need:
        raise ToolMissingError(need)
    if not map_path.exists():
        raise ArgmapError(f"{map_path}: no such file")
    if not map_path.is_file():
        raise ArgmapError(f"{map_path}: is a folder, not a map file")
    from argmap.serve.app import bind, run, url_for
    from argmap.serve.session import LiveMap

    live = LiveMap(map_path, diff=diff)
    sock = bind(host, port)
    _report(map_path, live.refresh())
    from argmap.render._layout_cache import prune_once

    prune_once()  # now, rather than in the first save's redraw
    url = url_for(sock, host)
    click.echo(f"argmap serve: {map_path} at {url} (Ctrl-C stops)", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    hosts = () if host in ("127.0.0.1", "::1", "localhost") else (host,)
    run(live, sock, hosts=hosts, report=lambda state: _report(map_path, state))
    click.echo("argmap serve: stopped", err=True)
