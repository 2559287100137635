"""The cache of PNG and PDF files (argmap.render._raster_cache) and its use by teach."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import loads
from argmap.model import ArgumentMap
from argmap.render import _raster_cache as cache
from argmap.render import teach

SMALL = (
    "argmap: 1\ntitle: t\nmain: [a]\nclaims:\n  - {id: a, text: A.}\n"
    "  - {id: c, text: C.}\nsupports:\n  - {from: c, to: a}\n"
)


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    return tmp_path / "argmap" / "rasters"


def test_round_trip_and_keys(own_cache: Path) -> None:
    name = cache.key("png", 1.2, ["<svg/>"])
    assert name is not None
    others = [
        cache.key("pdf", None, ["<svg/>"]),
        cache.key("png", 1.0, ["<svg/>"]),
        cache.key("png", 1.2, ["<svg />"]),
        cache.key("png", 1.2, ["<svg/>", "<svg/>"]),
        cache.key("png", 1.2, ["<svg/><svg/>"]),
    ]
    assert len({name, *others}) == 1 + len(others)
    assert cache.get(name) is None
    cache.put(name, b"\x89PNG data")
    assert cache.get(name) == b"\x89PNG data"
    assert (own_cache / name[:2] / name).is_file()
    assert own_cache.stat().st_mode & 0o777 == 0o700


def test_a_damaged_entry_is_not_returned(own_cache: Path) -> None:
    name = cache.key("png", 1.2, ["<svg/>"])
    assert name is not None
    cache.put(name, b"\x89PNG data")
    entry = own_cache / name[:2] / name
    raw = entry.read_bytes()
    entry.write_bytes(raw[:-1])  # cut short
    assert cache.get(name) is None
    entry.write_bytes(raw[:-1] + b"X")  # changed
    assert cache.get(name) is None
    entry.write_bytes(b"garbage")
    assert cache.get(name) is None


def test_the_cache_can_be_turned_off(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = cache.key("png", 1.2, ["<svg/>"])
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert cache.key("png", 1.2, ["<svg/>"]) is None
    cache.put(name, b"data")
    assert cache.get(name) is None
    assert not own_cache.exists()


def test_the_fingerprint_covers_the_rasteriser(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render import convert

    before = cache.fingerprint()
    monkeypatch.setattr(cache, "_fingerprint", [])
    monkeypatch.setattr(convert, "RASTERISER", convert.RASTERISER + " changed")
    assert cache.fingerprint() != before


def test_teach_draws_each_raster_once(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("vl_convert", reason="rasters need the raster extra")
    monkeypatch.setattr(teach, "raster_pool", lambda: None)  # drawn in this process
    amap = loads(SMALL)
    first = teaching_files(amap)
    assert {n for n in first if n.endswith((".png", ".pdf"))} and own_cache.is_dir()

    def refuse(*_args: object) -> bytes:
        raise AssertionError("drawn again")

    with monkeypatch.context() as m:
        m.setattr(teach, "svg_to_png", refuse)
        m.setattr(teach, "svgs_to_pdf", refuse)
        m.setattr(teach, "raster_pool", refuse)  # nothing to draw: no pool started
        assert teaching_files(amap) == first
    for entry in own_cache.glob("*/*"):
        entry.write_bytes(entry.read_bytes()[:-1])  # every entry damaged: drawn again
    assert teaching_files(amap) == first
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert teaching_files(amap) == first


def teaching_files(amap: ArgumentMap) -> dict[str, bytes]:
    return teach.teaching_set(amap, "t").files


def test_the_pools_workers_draw_what_this_process_draws() -> None:
    pytest.importorskip("vl_convert", reason="rasters need the raster extra")
    from argmap.render import convert, draw

    svg = draw(loads(SMALL)).svg
    pool = convert.raster_pool(2)
    assert pool is not None
    with pool:
        png = pool.submit(convert.svg_to_png, svg)
        pages = pool.submit(convert.pdf_pages, [svg, svg])
        assert png.result() == convert.svg_to_png(svg)
        assert len(pages.result()) == 2
