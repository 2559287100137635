"""The interactive page as ``argmap serve`` sends it: the page of
:mod:`argmap.render.html`, plus the live script and what it starts from.

The live script (``render/live.js``) listens to the server's event stream and
swaps the drawing in place. The page's Content-Security-Policy gains
``connect-src 'self'`` for that stream and nothing else: the page still loads
nothing from anywhere.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from argmap.model import ArgumentMap
from argmap.render.values import Drawing

_CSP = "default-src 'none'; "
_END = "</body>"


def _live_js() -> str:
    return resources.files("argmap.render").joinpath("live.js").read_text("utf-8")


def live_page(amap: ArgumentMap, drawing: Drawing, live: dict[str, Any]) -> str:
    """The page for ``drawing`` of ``amap``, with the live script started from
    ``live`` (the instance, sequence, versions and current errors)."""
    from argmap.render.html import embed_json, page

    text = page(amap, drawing)
    if _CSP not in text or _END not in text:  # pragma: no cover - the page changed shape
        raise RuntimeError("the interactive page has no CSP or </body> to extend")
    text = text.replace(_CSP, _CSP + "connect-src 'self'; ", 1)
    at = text.rindex(_END)
    script = (
        f'<script type="application/json" id="argmap-live">{embed_json(live)}</script>\n'
        f'<script id="argmap-live-js">\n{_live_js()}</script>\n'
    )
    return text[:at] + script + text[at:]
