"""Stage 6 of the render pipeline: pages to the bytes of a file (:func:`encode`).

``svg``: the SVG text of a one-page drawing; ``png``: one PNG of a one-page
drawing; ``pdf``: one PDF page per page (vector, through
:mod:`argmap.render.convert`); ``html``: the interactive page
(:mod:`argmap.render.html`) of the whole drawing. ``dot`` is not encoded here:
it is the build stage's text.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.errors import ArgmapError
from argmap.render.values import Pages

ENCODINGS: tuple[str, ...] = ("svg", "png", "pdf", "html")


def encode(pages: Pages, fmt: str, *, texts: Mapping[str, str] | None = None) -> bytes:
    """The file bytes of ``pages`` in format ``fmt``; ``texts`` (source id ->
    text) are put in an HTML page (:func:`argmap.render.html.page`)."""
    if fmt not in ENCODINGS:
        raise ArgmapError(f"unknown output format {fmt!r} (known: {', '.join(ENCODINGS)})")
    if fmt == "html":
        from argmap.render.html import page

        scene = pages.drawing.scene
        if scene is None:
            raise ArgmapError("an HTML page needs a drawing made from a map")
        return page(scene.amap, pages.drawing, texts=texts).encode("utf-8")
    from argmap.render import convert

    if fmt == "pdf":
        return convert.svgs_to_pdf(list(pages.svgs))
    if len(pages.svgs) != 1:
        raise ArgmapError(
            f"{fmt.upper()} holds one page and this drawing has {len(pages.svgs)}: "
            "write a PDF, or one file per page"
        )
    return _one(pages.svgs[0], fmt, pages.page)


def _one(svg: str, fmt: str, page: str | None) -> bytes:
    from argmap.render import convert

    if fmt == "svg":
        return svg.encode("utf-8")
    if page is None:
        return convert.svg_to_png(svg)
    from argmap.render.paginate import page_size

    return convert.svg_to_png(svg, scale=page_size(page).png_scale)


def encode_each(pages: Pages, fmt: str) -> tuple[bytes, ...]:
    """One ``svg`` or ``png`` file per page."""
    if fmt not in ("svg", "png"):
        raise ArgmapError(f"one file per page is for SVG and PNG, not {fmt!r}")
    return tuple(_one(svg, fmt, pages.page) for svg in pages.svgs)
