"""How maps and diffs draw themselves in Jupyter (what
:class:`argmap.model.Drawable` calls, through the :mod:`argmap` package).

A map is drawn in the argument view; a diff as the union of both versions
with the changes marked (as ``argmap render --diff``). Jupyter asks for SVG
and HTML in turn, so the last object's view is kept and drawn once.
"""

from __future__ import annotations

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.view import View

_last: list[tuple[object, View]] = []


def _view(obj: object) -> View | None:
    if _last and _last[0][0] is obj:
        return _last[0][1]
    from argmap.diff import MapDiff

    if isinstance(obj, ArgumentMap):
        view = View(obj)
    elif isinstance(obj, MapDiff):
        if obj.old is None or obj.new is None:
            return None
        from argmap.diff import drawing_overlay

        union, marks = drawing_overlay(obj.old, obj.new)
        view = View(union, marks=marks)
    else:
        return None
    _last[:] = [(obj, view)]
    return view


def display(obj: object, mime: str) -> str | None:
    """``obj`` drawn as ``svg`` or ``html`` for Jupyter; None when it cannot be
    drawn (Jupyter then shows its ``repr``)."""
    view = _view(obj)
    if view is None:
        return None
    try:
        return view._repr_svg_() if mime == "svg" else view._repr_html_()
    except ArgmapError:
        return None
