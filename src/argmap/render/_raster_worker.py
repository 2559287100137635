"""What the raster pool's workers need, made ready once in the process they
are forked from (the pool's fork server, see
:func:`argmap.render.convert.raster_pool`).

Importing this module imports vl-convert, registers the shipped font with it
and reads both weights of the font with the glyph outlines of printable
ASCII drawn (the text of nearly every drawing), so that each worker forked
afterwards starts with all of it in memory instead of doing it again. None
of this starts a thread, so the process is still safe to fork.
"""

from __future__ import annotations

from argmap.errors import ToolMissingError
from argmap.render import convert, outline


def ready() -> None:
    """Import and read everything a worker's first drawing needs (without
    vl-convert, nothing: each job then reports it missing)."""
    try:
        convert._vlc()
    except ToolMissingError:
        return
    for bold in (False, True):
        font = outline._font(bold)
        for code in range(0x20, 0x7F):
            name = font.cmap.get(code)
            if name is not None:
                font.paths[name]  # drawn and kept on first use


ready()
