"""SVG to PNG and PDF without system tools, through the ``vl-convert-python`` wheel
(the ``argmap[raster]`` extra, with pypdf for joining pages).

vl-convert (resvg and svg2pdf inside, with its own fonts) rasterises and
converts in-process; it was chosen over resvg-py because it also writes vector
PDF and does not depend on the fonts installed on the machine
(docs/render.md). Text is handed to it as outlines of the font argmap ships
(:mod:`argmap.render.outline`), placed where the layout measured it; what
cannot be outlined is shaped by vl-convert with that same font registered.
"""

from __future__ import annotations

import os
import re
from typing import Any

from argmap.errors import ToolMissingError

RASTERISER = "vl-convert, text as outlines 1"
"""What draws PNG and PDF files from SVG: part of what a teaching set records
each raster was made from, so a change here redraws them."""
MAX_PIXELS = 4000
"""PNGs are scaled so that their longer side is at most this many pixels."""
PNG_SCALE = 1.2
"""Preferred scale of a PNG (1.6 pixels per point: sharp on a projector)."""

_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


_registered: list[bool] = []


def _vlc() -> Any:
    try:
        import vl_convert
    except ImportError as exc:
        raise ToolMissingError(
            "PNG and PDF need the raster extra (vl-convert-python): pip install 'argmap[raster]'"
        ) from exc
    if not _registered:
        # The drawings' font (shipped with argmap) for the rasteriser and the
        # PDF writer, which embeds it.
        from argmap.render.metrics import font_dir

        vl_convert.register_font_directory(str(font_dir()))
        _registered.append(True)
    return vl_convert


def size(svg: str) -> tuple[float, float]:
    """The width and height of a Graphviz SVG in points (0, 0 when not stated)."""
    m = _SIZE.search(svg)
    return (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)


def png_scale(svg: str) -> float:
    """The scale :func:`svg_to_png` uses: :data:`PNG_SCALE`, less for big drawings."""
    w, h = size(svg)
    longest = max(w, h) * 4 / 3  # vl-convert draws a point as 4/3 pixel
    if longest * PNG_SCALE <= MAX_PIXELS or longest <= 0:
        return PNG_SCALE
    return round(max(MAX_PIXELS / longest, 0.05), 4)


def svg_to_png(svg: str, scale: float | None = None) -> bytes:
    """A PNG of the SVG on a white background, at ``scale`` pixels per SVG unit
    (default :func:`png_scale`)."""
    from argmap.render.outline import outline

    chosen = png_scale(svg) if scale is None else scale
    data: bytes = _vlc().svg_to_png(outline(svg), scale=chosen)
    return data


def svg_to_pdf(svg: str) -> bytes:
    """A one-page vector PDF of the SVG (text as glyph outlines: see
    :mod:`argmap.render.outline`)."""
    from argmap.render.outline import outline

    data: bytes = _vlc().svg_to_pdf(outline(svg))
    return data


def join_pdfs(pages: list[bytes]) -> bytes:
    """One PDF holding the pages of several one-page PDFs, in order."""
    import io

    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError as exc:
        raise ToolMissingError(
            "multi-page PDF needs the raster extra (pypdf): pip install 'argmap[raster]'"
        ) from exc
    writer = PdfWriter()
    for page in pages:
        for p in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(p)
    writer.add_metadata({"/Producer": "argmap"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PARALLEL_FROM = 12
"""Pages from which :func:`svgs_to_pdf` converts in several processes."""


def _workers(pages: int) -> int:
    if pages < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4, pages // 4))


def _pdf_pages(svgs: list[str]) -> list[bytes]:
    return [svg_to_pdf(svg) for svg in svgs]


def svgs_to_pdf(svgs: list[str]) -> bytes:
    """One vector PDF with a page per SVG. Long documents are converted in
    several processes at once (one per processor, at most four); the pages and
    the file are the same either way."""
    if len(svgs) == 1:
        return svg_to_pdf(svgs[0])
    workers = _workers(len(svgs))
    if workers == 1:
        return join_pdfs(_pdf_pages(svgs))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(svgs) // (workers * 2))
    chunks = [svgs[i : i + size] for i in range(0, len(svgs), size)]
    # A fresh interpreter per worker: forking a process that runs vl-convert's
    # and wasmtime's threads is not safe.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pages = [page for chunk in pool.map(_pdf_pages, chunks) for page in chunk]
    return join_pdfs(pages)
