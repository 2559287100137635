"""The teacher's set: every drawing of a map a class needs, as named files.

:func:`teaching_set` returns file name -> bytes (the CLI writes them). The set:
the whole argument map (DOT, SVG, PNG), a focused view around each main claim
(SVG, PNG), the stakeholder diagram (SVG, PNG), the power/interest plot (SVG, PNG),
the interactive page (HTML), the step-by-step reveal (PDF), a slide deck of the
whole argument (16:9 PDF, split into readable pages), printable handouts (A4
and Letter PDFs) and
``MANIFEST.json``, which records the SHA-256 of every file but the PDF and,
for each PNG and PDF, of the SVG it was made from (so a check can tell stale rasters from
stale sources without comparing raster bytes).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.model import ArgumentMap
from argmap.render import _raster_cache, draw, render
from argmap.render.convert import (
    RASTERISER,
    DrawingTooBig,
    join_pdfs,
    pdf_pages,
    raster_pool,
    raster_scale,
    svg_to_png,
    svgs_to_pdf,
)
from argmap.render.html import page
from argmap.render.paginate import paginate
from argmap.render.reveal import frames
from argmap.render.views import select

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


@dataclass(frozen=True, slots=True)
class TeachingSet:
    """Files by name, notes (layout choices) worth telling the user, and the
    source of each raster."""

    files: dict[str, bytes]
    notes: tuple[str, ...] = ()
    made_from: dict[str, str] = field(default_factory=dict)
    """PNG/PDF file name -> SHA-256 of the SVG it was made from."""


DECKS: dict[str, str] = {"slides": "slide", "handout-a4": "a4", "handout-letter": "letter"}
"""The paged PDFs of the whole argument: file name part -> page size."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def teaching_set(
    amap: ArgumentMap,
    stem: str,
    *,
    via: str | None = None,
    rasters: bool = True,
    texts: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> TeachingSet:
    """All drawings of ``amap``, named ``STEM.*`` and ``STEM-<view>.*``.

    ``texts`` (source id -> text) go into the interactive page, which shows
    a selected claim's quotes in their paragraphs.

    ``rasters=False`` leaves out the PNG and PDF files themselves (but not
    what they would be made from), which is what a staleness check
    regenerates.

    ``progress`` is called with the name of each of the
    :func:`teaching_steps` drawings as it starts (for a progress bar).
    """
    pools = _Pool()
    try:
        return _teaching_set(amap, stem, via, rasters, texts, progress, pools)
    finally:
        pools.shutdown()


class _Pool:
    """The raster pool (:func:`raster_pool`), started by the first raster
    not found in the raster cache: a set drawn before is all in the cache,
    and starting workers it does not need would only slow it down.

    Jobs are handed to the pool by a thread of its own: handing over the
    first ones waits for the workers to start, which the drawings laid out
    here meanwhile need not."""

    __slots__ = ("_pool", "_started", "_submitter")

    def __init__(self) -> None:
        self._pool: Any = None
        self._submitter: ThreadPoolExecutor | None = None
        self._started = False

    def start(self) -> bool:
        """Whether there is a pool (started on the first call; none on one processor)."""
        if not self._started:
            self._started = True
            self._pool = raster_pool()
            if self._pool is not None:
                from concurrent.futures import ThreadPoolExecutor

                self._submitter = ThreadPoolExecutor(1)
        return self._pool is not None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Future[Any]]:
        """A future of the pool's future of ``fn(*args)`` (after :meth:`start`)."""
        assert self._submitter is not None
        return self._submitter.submit(self._pool.submit, fn, *args)

    def shutdown(self) -> None:
        """Shut the pool down if it was started."""
        if self._submitter is not None:
            self._submitter.shutdown(cancel_futures=True)
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _teaching_set(
    amap: ArgumentMap,
    stem: str,
    via: str | None,
    rasters: bool,
    texts: Mapping[str, str] | None,
    progress: Callable[[str], None] | None,
    pools: _Pool,
) -> TeachingSet:
    step = progress or (lambda _name: None)
    files: dict[str, bytes] = {}
    made_from: dict[str, str] = {}
    notes: list[str] = []
    # Rasters are drawn by the pool's workers (when there are several
    # processors) while the next drawings are laid out here.
    # Each is kept in the raster cache under its key, and taken from it when
    # drawn before from the same SVG.
    pending: list[tuple[str, Any, str | None]] = []

    def add_svg(name: str, svg: str, png: bool) -> None:
        data = svg.encode("utf-8")
        files[f"{name}.svg"] = data
        if png:
            try:
                scale = raster_scale(svg)  # refuses what svg_to_png would, before any work
            except DrawingTooBig as exc:
                notes.append(f"{name}.png: not written: {exc}")
                return
            if rasters:
                keep = _raster_cache.key("png", scale, [svg])
                found = _raster_cache.get(keep)
                if found is not None:
                    files[f"{name}.png"] = found
                elif not pools.start():
                    files[f"{name}.png"] = drawn = svg_to_png(svg)
                    _raster_cache.put(keep, drawn)
                else:
                    pending.append((f"{name}.png", pools.submit(svg_to_png, svg), keep))
            made_from[f"{name}.png"] = _sha(RASTERISER.encode("utf-8") + data)

    def add_pdf(name: str, svgs: list[str]) -> None:
        if rasters:
            keep = _raster_cache.key("pdf", None, svgs)
            found = _raster_cache.get(keep)
            try:
                if found is not None:
                    files[name] = found
                elif not pools.start():
                    files[name] = drawn = svgs_to_pdf(svgs)
                    _raster_cache.put(keep, drawn)
                else:
                    half = -(-len(svgs) // 2)
                    parts = [pools.submit(pdf_pages, svgs[i : i + half]) for i in (0, half)]
                    pending.append((name, parts, keep))
            except DrawingTooBig as exc:
                notes.append(f"{name}: not written: {exc}")
                return
        made_from[name] = _sha((RASTERISER + "".join(svgs)).encode("utf-8"))

    def collect() -> None:
        for name, job, keep in pending:
            try:
                if isinstance(job, list):
                    pages = [page for part in job for page in part.result().result()]
                    files[name] = join_pdfs(pages)
                else:
                    files[name] = job.result().result()
            except DrawingTooBig as exc:
                notes.append(f"{name}: not written: {exc}")
                made_from.pop(name, None)
            else:
                _raster_cache.put(keep, files[name])

    step("whole map")
    whole = draw(amap, via=via)
    notes.extend(whole.notes)
    files[f"{stem}.dot"] = render(amap, "dot").data
    add_svg(stem, whole.svg, True)
    files[f"{stem}.html"] = page(amap, whole, texts=texts).encode("utf-8")
    for claim in amap.main:
        step(f"close-up of {claim}")
        part = draw(select(amap, focus=claim, depth=1), via=via)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", claim).lstrip(".")
        add_svg(f"{stem}-focus-{safe}", part.svg, True)
    step("stakeholders")
    add_svg(f"{stem}-stakeholders", draw(amap, view="stakeholders", via=via).svg, True)
    step("power/interest grid")
    add_svg(f"{stem}-grid", draw(amap, view="grid", via=via).svg, True)
    step("reveal")
    svgs, _ = frames(amap, via=via)
    add_pdf(f"{stem}-reveal.pdf", svgs)
    for name, size in DECKS.items():
        step(name)
        pages = paginate(whole, size, via=via)
        notes.extend(n for n in pages.notes if n not in whole.notes)
        add_pdf(f"{stem}-{name}.pdf", list(pages.svgs))
    collect()
    manifest = {
        # The PDF writer orders its font objects differently from run to run,
        # so the PDF is vouched for by the SVG frames it was made from.
        "files": {
            name: _sha(data) for name, data in sorted(files.items()) if not name.endswith(".pdf")
        },
        "made_from": dict(sorted(made_from.items())),
    }
    files["MANIFEST.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    return TeachingSet(dict(sorted(files.items())), tuple(notes), dict(sorted(made_from.items())))


def teaching_steps(amap: ArgumentMap) -> int:
    """How many drawings :func:`teaching_set` makes (the steps it reports)."""
    return 4 + len(amap.main) + len(DECKS)


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _intact(name: str, data: bytes, recorded: str | None) -> bool:
    """Whether raster bytes on disk are the file a manifest vouched for: a PNG
    must hash to its record, a PDF (whose bytes vary from run to run, so it has
    none) must at least be a whole PDF."""
    if name.endswith(".pdf"):
        return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    return data.startswith(_PNG_MAGIC) and recorded == _sha(data)


def settle(
    new: TeachingSet, old_manifest: bytes | None, on_disk: Mapping[str, bytes]
) -> dict[str, bytes]:
    """The files to write over an earlier set: all of ``new`` but the rasters
    already on disk (``on_disk``: name -> bytes of each of ``new``'s rasters
    found there) that were made from the same SVG and are intact (see
    :func:`unchanged_rasters`), with a ``MANIFEST.json`` that records the
    hashes of the files as they will then be on disk.

    A raster overwritten by hand, or left by a run that was stopped before it
    wrote its manifest, is made again: the old manifest's hash does not match.
    """
    recorded = _old_records(old_manifest)[0]
    keep = {
        name
        for name in unchanged_rasters(new, old_manifest)
        if name in on_disk
        and name in new.files
        and _intact(name, on_disk[name], recorded.get(name))
    }
    manifest = json.loads(new.files["MANIFEST.json"])
    for name in keep:
        if name in manifest["files"]:
            manifest["files"][name] = _sha(on_disk[name])
    out = {name: data for name, data in new.files.items() if name not in keep}
    out["MANIFEST.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    return out


def _old_records(old_manifest: bytes | None) -> tuple[dict[str, str], dict[str, str]]:
    """An earlier manifest's ``files`` and ``made_from`` (empty when unreadable)."""
    if old_manifest is None:
        return {}, {}
    try:
        data = json.loads(old_manifest)
        files, made_from = data.get("files", {}), data["made_from"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}, {}
    if not isinstance(files, dict) or not isinstance(made_from, dict):
        return {}, {}
    return files, made_from


def unchanged_rasters(new: TeachingSet, old_manifest: bytes | None) -> frozenset[str]:
    """PNG/PDF files of ``new`` made from the same SVG as an earlier set's.

    Rewriting them would change nothing a reader sees (PDF bytes vary from
    run to run), so a caller that has them already can keep its copies, once
    it has checked that they are intact: :func:`settle` does both.
    """
    before = _old_records(old_manifest)[1]
    return frozenset(name for name, source in new.made_from.items() if before.get(name) == source)
