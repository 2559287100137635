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

from argmap.model import ArgumentMap
from argmap.render import draw, render
from argmap.render.convert import RASTERISER, RasterTooBig, raster_scale, svg_to_png, svgs_to_pdf
from argmap.render.html import page
from argmap.render.paginate import paginate
from argmap.render.reveal import frames
from argmap.render.views import select


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
    step = progress or (lambda _name: None)
    files: dict[str, bytes] = {}
    made_from: dict[str, str] = {}
    notes: list[str] = []

    def add_svg(name: str, svg: str, png: bool) -> None:
        data = svg.encode("utf-8")
        files[f"{name}.svg"] = data
        if png:
            try:
                if rasters:
                    files[f"{name}.png"] = svg_to_png(svg)
                else:
                    raster_scale(svg)  # refuses what svg_to_png would
            except RasterTooBig as exc:
                notes.append(f"{name}.png: not written: {exc}")
                return
            made_from[f"{name}.png"] = _sha(RASTERISER.encode("utf-8") + data)

    def add_pdf(name: str, svgs: list[str]) -> None:
        made_from[name] = _sha((RASTERISER + "".join(svgs)).encode("utf-8"))
        if rasters:
            files[name] = svgs_to_pdf(svgs)

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


def unchanged_rasters(new: TeachingSet, old_manifest: bytes | None) -> frozenset[str]:
    """PNG/PDF files of ``new`` made from the same SVG as an earlier set's.

    Rewriting them would change nothing a reader sees (PDF bytes vary from
    run to run), so a caller that has them already can keep its copies.
    """
    if old_manifest is None:
        return frozenset()
    try:
        before = json.loads(old_manifest)["made_from"]
    except (ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(name for name, source in new.made_from.items() if before.get(name) == source)
