"""The interactive page as ``argmap serve`` sends it: the page of
:mod:`argmap.render.html` with one more script, ``render/live.js``.

The live script listens to the server's event stream and hands each new
drawing to the page's own ``window.argmap.update``, which keeps the view, the
selected claim, the stakeholder filter and the search. The page's
Content-Security-Policy allows that script by its hash and lets it connect
to its own server (``connect-src 'self'``) and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

from argmap.model import ArgumentMap
from argmap.render.values import Drawing


def _live_js() -> str:
    return resources.files("argmap.render").joinpath("live.js").read_text("utf-8")


def live_page(
    amap: ArgumentMap,
    drawing: Drawing,
    live: dict[str, Any],
    texts: Mapping[str, str] | None = None,
) -> str:
    """The page for ``drawing`` of ``amap``, with the live script started from
    ``live`` (the instance, sequence, versions and current errors); ``texts``
    are the sources' texts (:func:`argmap.render.html.page`)."""
    from argmap.render.html import embed_json, page

    script = f"var ARGMAP_LIVE = {embed_json(live)};\n{_live_js()}"
    return page(amap, drawing, texts=texts, scripts=[script], connect=["'self'"])
