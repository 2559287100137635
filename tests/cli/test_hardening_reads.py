"""Failure class 1 of the hardening issue: every read bounded, only regular
files read, every raster capped, running out of memory is a message."""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ArgmapError
from argmap.io import DEFAULT_MAX_FILE_SIZE, max_file_size, parse_size, read_bytes, read_text
from argmap.render.convert import MAX_PIXELS, RasterTooBig, raster_scale, svg_to_png

Cli = Callable[..., Any]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "x.yaml"
    os.mkfifo(path)
    return path


# ------------------------------------------------------------------ bounded reads


def test_read_bytes_refuses_what_is_not_a_regular_file(tmp_path: Path, fifo: Path) -> None:
    for path, kind in (
        (fifo, "FIFO"),
        (Path("/dev/zero"), "character device"),
        (tmp_path, "directory"),
    ):
        with pytest.raises(ArgmapError, match=kind):
            read_bytes(path)  # returns at once: a FIFO with no writer does not block


def test_read_bytes_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(ArgmapError, match=r"over the 1000 bytes limit.*ARGMAP_MAX_FILE_SIZE"):
        read_bytes(path, 1000)
    assert read_bytes(path, 1001) == b"x" * 1001


def test_read_text_reports_where_a_bad_byte_is(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"ok\nab\xe9")
    with pytest.raises(ArgmapError, match=r"t.txt:2:3: not UTF-8"):
        read_text(path)


def test_the_size_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_MAX_FILE_SIZE", raising=False)
    assert max_file_size() == DEFAULT_MAX_FILE_SIZE == 64 * 1024**2
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "2M")
    assert max_file_size() == 2 * 1024**2
    assert parse_size("512k") == 512 * 1024 and parse_size("100") == 100
    for bad in ("lots", "-1", "0", "1T"):
        with pytest.raises(ArgmapError, match="not a size"):
            parse_size(bad)


def test_validate_refuses_devices_fifos_and_folders(
    argmap_cli: Cli, tmp_path: Path, fifo: Path
) -> None:
    for target, kind in (
        (fifo, "FIFO"),
        ("/dev/zero", "character device"),
        (tmp_path, "directory"),
    ):
        ran = argmap_cli("validate", target)
        assert ran.code == 1, target
        assert kind in ran.err and "Traceback" not in ran.err


def test_every_map_reader_refuses_dev_zero(argmap_cli: Cli, small_map: Path) -> None:
    for args in (
        ("stats", "/dev/zero"),
        ("evaluate", "/dev/zero"),
        ("convert", "/dev/zero", "-o", "-", "--to", "json"),
        ("render", "/dev/zero"),
        ("merge", small_map, "/dev/zero", small_map),
        ("diff", small_map, "/dev/zero"),
        ("sources", small_map, "--text", "/dev/zero"),
    ):
        ran = argmap_cli(*args)
        assert ran.code in (1, 2), args
        assert "/dev/zero: is a character device" in ran.err, args
        assert "Traceback" not in ran.err


def test_validate_refuses_a_map_over_the_limit(argmap_cli: Cli, small_map: Path) -> None:
    ran = argmap_cli("validate", small_map, env={"ARGMAP_MAX_FILE_SIZE": "100"})
    assert ran.code == 1
    assert "over the 100 bytes limit on input files" in ran.err
    assert "ARGMAP_MAX_FILE_SIZE" in ran.err
    assert argmap_cli("validate", small_map).code == 0
    bad = argmap_cli("validate", small_map, env={"ARGMAP_MAX_FILE_SIZE": "much"})
    assert bad.code == 1 and "not a size" in bad.err


def test_a_source_file_that_is_a_device_is_not_read(argmap_cli: Cli, small_map: Path) -> None:
    text = small_map.read_text().replace("file: notes.txt", "file: /dev/zero")
    small_map.write_text(text)
    ran = argmap_cli("sources", small_map, "--allow", "/dev")
    assert ran.code == 1
    assert "/dev/zero: is a character device" in ran.err


def test_git_blobs_are_bounded(tmp_path: Path, small_map: Path) -> None:
    import subprocess

    from argmap.git import read_blob

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "m.yaml").write_text(small_map.read_text())
    for cmd in (
        ["init", "-q"],
        ["add", "m.yaml"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "m"],
    ):
        subprocess.run(["git", *cmd], cwd=repo, check=True)
    assert read_blob("HEAD", "m.yaml", repo) == small_map.read_bytes()
    os.environ["ARGMAP_MAX_FILE_SIZE"] = "50"
    try:
        with pytest.raises(ArgmapError, match="over the 50 bytes limit"):
            read_blob("HEAD", "m.yaml", repo)
    finally:
        del os.environ["ARGMAP_MAX_FILE_SIZE"]


# ------------------------------------------------------------------ rasters


def _svg(width_pt: float, height_pt: float) -> str:
    return (
        f'<svg width="{width_pt}pt" height="{height_pt}pt" viewBox="0 0 {width_pt} {height_pt}" '
        'xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="10" height="10"/></svg>'
    )


def test_a_huge_drawing_is_refused_before_any_bitmap_is_made() -> None:
    # 1,000,000 x 1,200,000 pt, as a 10,000-claim map draws: the old 0.05
    # floor on the scale asked vl-convert for a 20 GB bitmap.
    with pytest.raises(RasterTooBig, match=r"4000-pixel limit.*ARGMAP_MAX_PNG_SIDE"):
        svg_to_png(_svg(1_000_000, 1_200_000))


def test_no_scale_asked_for_goes_past_the_pixel_cap() -> None:
    svg = _svg(3000, 1500)  # 4000 x 2000 px at scale 1
    width, height = _png_size(svg_to_png(svg, scale=5.0))
    assert max(width, height) <= MAX_PIXELS + 1
    assert raster_scale(svg, 5.0) == pytest.approx(1.0, abs=1e-3)
    small = _svg(100, 50)
    assert _png_size(svg_to_png(small, scale=2.0)) == (266, 133)  # 2 x 4/3 px per point, truncated


def test_the_pixel_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_MAX_PNG_SIDE", "300")
    width, height = _png_size(svg_to_png(_svg(3000, 1500)))
    assert max(width, height) <= 301
    monkeypatch.setenv("ARGMAP_MAX_PNG_SIDE", "big")
    with pytest.raises(ArgmapError, match="not a number of pixels"):
        svg_to_png(_svg(10, 10))


def test_render_refuses_a_png_it_cannot_draw_within_the_cap(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.png"
    ran = argmap_cli("render", small_map, "-o", out, env={"ARGMAP_MAX_PNG_SIDE": "20"})
    assert ran.code == 1 and not out.exists()
    assert "20-pixel limit" in ran.err and "ARGMAP_MAX_PNG_SIDE" in ran.err
    ran = argmap_cli("render", small_map, "-o", out, env={"ARGMAP_MAX_PNG_SIDE": "200"})
    assert ran.code == 0
    assert max(_png_size(out.read_bytes())) <= 201


def test_teach_leaves_out_a_png_too_big_to_draw(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ran = argmap_cli("teach", small_map, "-o", out, env={"ARGMAP_MAX_PNG_SIDE": "20"}, timeout=120)
    assert ran.code == 0, ran.err
    assert "m.png: not written" in ran.err
    assert (out / "m.svg").is_file() and not (out / "m.png").exists()


# ------------------------------------------------------------------ memory


_OUT_OF_MEMORY = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
import argmap.formats.registry as registry
def greedy(*args, **kwargs):
    raise MemoryError
registry.read = registry.check = greedy
from argmap.cli import main
main(sys.argv[1:], prog_name="argmap")
"""


@pytest.mark.parametrize(("command", "code"), [("validate", 1), ("stats", 1), ("diff", 2)])
def test_running_out_of_memory_says_which_limit(small_map: Path, command: str, code: int) -> None:
    # Where memory runs out depends on the machine; a reader that raises
    # MemoryError stands for it (a Python allocation failing anywhere).
    import subprocess
    import sys

    args = [command, str(small_map)] + ([str(small_map)] if command == "diff" else [])
    proc = subprocess.run(
        [sys.executable, "-c", _OUT_OF_MEMORY, *args],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == code, proc.stderr
    assert "out of memory" in proc.stderr and "3 GiB address-space limit" in proc.stderr
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


def test_a_drawing_over_the_converters_limits_is_a_user_error() -> None:
    from argmap.render.convert import DrawingTooBig, svg_to_pdf

    # resvg stops at a million nodes: a 10,000-claim map's reveal frames hit it.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        + '<rect width="1" height="1"/>' * 1_100_000
        + "</svg>"
    )
    with pytest.raises(DrawingTooBig, match=r"too big to convert to PDF.*--page"):
        svg_to_pdf(svg)
