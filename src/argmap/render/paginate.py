"""Stage 5 of the render pipeline: cut a finished drawing to pages (:func:`paginate`).

``page=None`` keeps the drawing as one page of its own size. Page sizes and
splitting a map over several pages plug in here; every encoder takes the
:class:`~argmap.render.values.Pages` this returns.
"""

from __future__ import annotations

from argmap.errors import ArgmapError
from argmap.render.values import Drawing, Pages

PAGES: tuple[str, ...] = ()
"""Named page sizes this stage knows (none yet: drawings keep their own size)."""


def paginate(drawing: Drawing, page: str | None = None) -> Pages:
    """The drawing as pages of size ``page`` (None: one page, the drawing's size)."""
    if page is None:
        return Pages(drawing, (drawing.svg,), None, drawing.notes)
    raise ArgmapError(f"unknown page size {page!r} (known: {', '.join(PAGES) or 'none'})")
