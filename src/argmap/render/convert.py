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

from argmap.errors import ArgmapError, ToolMissingError

RASTERISER = "vl-convert, text as outlines 1"
"""What draws PNG and PDF files from SVG: part of what a teaching set records
each raster was made from, so a change here redraws them."""
MAX_PIXELS = 4000
"""PNGs are scaled so that their longer side is at most this many pixels
(default of :func:`max_side`): at most 4000 x 4000 pixels, 64 MB of RGBA."""
MAX_SIDE_ENV = "ARGMAP_MAX_PNG_SIDE"
"""The environment variable that changes :data:`MAX_PIXELS` (pixels)."""
PNG_SCALE = 1.2
"""Preferred scale of a PNG (1.6 pixels per point: sharp on a projector)."""
MIN_SCALE = 0.05
"""Below this scale a PNG's text is under a pixel tall: such a PNG is refused
(:class:`RasterTooBig`) rather than drawn, whatever its size in pixels."""

_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)
_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_LENGTH = re.compile(r"^\s*([\d.]+(?:[eE][+-]?\d+)?)\s*(px|pt|in|cm|mm|pc)?\s*$")
_PX_PER: dict[str | None, float] = {
    **{"px": 1.0, None: 1.0, "pt": 4 / 3, "pc": 16.0},
    **{"in": 96.0, "cm": 96 / 2.54, "mm": 9.6 / 2.54},
}


class DrawingTooBig(ArgmapError):
    """A drawing too big to convert to PNG or PDF within argmap's limits or
    the converter's."""


class RasterTooBig(DrawingTooBig):
    """A drawing too big to rasterise within the PNG size limit."""


_TOO_BIG_HINT = "write SVG, split it with --page, or draw a part (--focus, --tag, --stakeholder)"


def _convert(method: str, svg: str, **options: Any) -> bytes:
    """vl-convert's ``method`` on ``svg``; its failures as user errors."""
    try:
        data: bytes = getattr(_vlc(), method)(svg, **options)
    except RuntimeError as exc:  # vl-convert reports every failure so
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "failed"
        kind = "PNG" if method == "svg_to_png" else "PDF"
        if "limit" in first:
            raise DrawingTooBig(
                f"the drawing is too big to convert to {kind} ({first}); {_TOO_BIG_HINT}"
            ) from None
        raise ArgmapError(f"converting the drawing to {kind} failed: {first}") from None
    return data


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


def max_side() -> int:
    """The longest side of a PNG in pixels: ``ARGMAP_MAX_PNG_SIDE``, else :data:`MAX_PIXELS`."""
    value = os.environ.get(MAX_SIDE_ENV)
    if not value:
        return MAX_PIXELS
    if not value.strip().isdigit() or int(value) <= 0:
        raise ArgmapError(f"{MAX_SIDE_ENV}={value!r}: not a number of pixels (e.g. 8000)")
    return int(value)


def pixel_size(svg: str) -> tuple[float, float]:
    """The width and height of an SVG in pixels at scale 1 (as vl-convert draws
    it: a point is 4/3 pixel), from its ``width``/``height`` or ``viewBox``;
    ArgmapError when it states neither."""
    tag = _SVG_TAG.search(svg)
    attrs = dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', tag.group(0))) if tag else {}
    dims: list[float] = []
    for name in ("width", "height"):
        m = _LENGTH.match(attrs.get(name, ""))
        if m is None:
            break
        dims.append(float(m.group(1)) * _PX_PER[m.group(2)])
    if len(dims) == 2:
        return dims[0], dims[1]
    box = attrs.get("viewBox", "").replace(",", " ").split()
    try:
        return float(box[2]), float(box[3])
    except (IndexError, ValueError):
        raise ArgmapError("cannot tell the size of the drawing to make a PNG of it") from None


def png_scale(svg: str) -> float:
    """The scale :func:`svg_to_png` uses: :data:`PNG_SCALE`, less for big
    drawings, so that the longer side is at most :func:`max_side` pixels."""
    return _capped(svg, PNG_SCALE)


def _capped(svg: str, scale: float) -> float:
    w, h = pixel_size(svg)
    longest, side = max(w, h), max_side()
    if longest * scale <= side or longest <= 0:
        return scale
    return round(side / longest, 4)  # within a pixel of the limit


def raster_scale(svg: str, scale: float | None = None) -> float:
    """The scale :func:`svg_to_png` draws at: ``scale`` (default
    :data:`PNG_SCALE`), lowered so the PNG's longer side is at most
    :func:`max_side` pixels; :class:`RasterTooBig` when that is under
    :data:`MIN_SCALE`, saying which limit and how to change it."""
    wanted = PNG_SCALE if scale is None else scale
    used = _capped(svg, wanted)
    if used < min(MIN_SCALE, wanted):
        w, h = pixel_size(svg)
        raise RasterTooBig(
            f"the drawing is too big for a PNG: {w * 0.75:.0f} x {h * 0.75:.0f} pt would have "
            f"to be scaled to {used:.4f} to stay within the {max_side()}-pixel limit on a "
            f"PNG's longer side, and its text would be unreadable; write SVG or PDF, split "
            f"it with --page, draw a part (--focus, --tag, --stakeholder), or raise the "
            f"limit with {MAX_SIDE_ENV}=PIXELS (memory: 4 bytes per pixel)"
        )
    return used


def svg_to_png(svg: str, scale: float | None = None) -> bytes:
    """A PNG of the SVG on a white background, at ``scale`` pixels per SVG unit
    (default :func:`png_scale`), within the limits of :func:`raster_scale`:
    whatever the scale asked for or the drawing's size, the PNG's longer
    side is at most :func:`max_side` pixels, so its memory is bounded."""
    chosen = raster_scale(svg, scale)  # before any work on a drawing too big
    from argmap.render.outline import outline

    return _convert("svg_to_png", outline(svg), scale=chosen)


def svg_to_pdf(svg: str) -> bytes:
    """A one-page vector PDF of the SVG (text as glyph outlines: see
    :mod:`argmap.render.outline`)."""
    from argmap.render.outline import outline

    return _convert("svg_to_pdf", outline(svg))


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


def processors() -> int:
    """How many processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def raster_pool(workers: int | None = None) -> Any:
    """A pool of worker processes (one per processor, at most four) for
    :func:`svg_to_png` and :func:`pdf_pages` jobs, or None on one processor.
    Its workers are started at once, in the background, so that they start
    while the caller lays out what they will draw; the caller shuts it down.

    Where the platform can fork, the workers are forked from a fork server
    that has imported vl-convert and read the font once
    (:mod:`argmap.render._raster_worker`), instead of each importing and
    reading them in a fresh interpreter."""
    count = min(processors(), 4) if workers is None else workers
    if count < 2:
        return None
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # Never a plain fork of this process: forking a process that runs
    # vl-convert's and wasmtime's threads is not safe. The fork server is a
    # fresh interpreter that starts no thread before it forks.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context: Any = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", "argmap.render._raster_worker"])
    else:  # pragma: no cover - not POSIX
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(count, mp_context=context)
    # A worker is started by the first job that finds none idle; starting
    # one waits for the fork server, so it is done off this thread.
    threading.Thread(target=_start_workers, args=(pool, count), daemon=True).start()
    return pool


def _start_workers(pool: Any, count: int) -> None:
    """Start the ``count`` workers of ``pool`` with a job each that does nothing."""
    try:
        for _ in range(count):
            pool.submit(os.getpid)
    except RuntimeError:  # the pool was shut down first: nothing to start
        return


def pdf_pages(svgs: list[str]) -> list[bytes]:
    """One one-page PDF per SVG (for :func:`join_pdfs`)."""
    return [svg_to_pdf(svg) for svg in svgs]


def svgs_to_pdf(svgs: list[str]) -> bytes:
    """One vector PDF with a page per SVG. Long documents are converted in
    several processes at once (one per processor, at most four); the pages and
    the file are the same either way."""
    if len(svgs) == 1:
        return svg_to_pdf(svgs[0])
    workers = min(processors(), 4, len(svgs) // 4) if len(svgs) >= PARALLEL_FROM else 1
    pool = raster_pool(workers)
    if pool is None:
        return join_pdfs(pdf_pages(svgs))
    size = -(-len(svgs) // (workers * 2))
    chunks = [svgs[i : i + size] for i in range(0, len(svgs), size)]
    with pool:
        pages = [page for chunk in pool.map(pdf_pages, chunks) for page in chunk]
    return join_pdfs(pages)
