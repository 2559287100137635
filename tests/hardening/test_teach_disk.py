"""`teach` checks the files on disk, and its manifest describes them (issue 11, class 8)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

MAP = """argmap: 1
title: Later start
main: [later]
stakeholders:
  - {id: teachers, name: Teachers, kind: union, power: 3, interest: 5}
claims:
  - {id: later, text: The school day should start later.}
  - {id: sleep, text: Teenagers fall asleep late.}
supports:
  - {from: sleep, to: later}
stances:
  - {stakeholder: teachers, asserts: later}
"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _teach(map_path: Path, out: Path) -> dict[str, str]:
    result = CliRunner().invoke(main, ["teach", str(map_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "MANIFEST.json").read_text("utf-8"))
    for name, digest in manifest["files"].items():  # exactly what is on disk
        assert _sha((out / name).read_bytes()) == digest, name
    files: dict[str, str] = manifest["files"]
    return files


@pytest.fixture(scope="module")
def taught(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("teach")
    map_path = root / "m.yaml"
    map_path.write_text(MAP, "utf-8")
    out = root / "out"
    _teach(map_path, out)
    return map_path, out, {p.name: p.read_bytes() for p in out.iterdir()}


def test_a_png_overwritten_with_garbage_is_made_again(taught, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    map_path, _, files = taught
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / "m.png").write_bytes(b"garbage")
    _teach(map_path, out)
    assert (out / "m.png").read_bytes() == files["m.png"]


def test_a_valid_png_from_another_run_is_made_again(taught, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A killed run of another version of the map wrote its PNG, not its manifest.
    map_path, _, files = taught
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / "m.png").write_bytes(files["m-stakeholders.png"])
    _teach(map_path, out)
    assert (out / "m.png").read_bytes() == files["m.png"]


def test_a_broken_pdf_is_made_again(taught, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    map_path, _, files = taught
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / "m-reveal.pdf").write_bytes(b"%PDF-1.4 cut short")
    _teach(map_path, out)
    assert (out / "m-reveal.pdf").read_bytes().rstrip().endswith(b"%%EOF")


def test_rasters_made_elsewhere_are_kept_and_the_manifest_is_unchanged(  # type: ignore[no-untyped-def]
    taught, tmp_path: Path
) -> None:
    # A fresh clone: the committed PNG was rasterised on another machine (other
    # bytes), and the committed manifest records those bytes.
    map_path, _, files = taught
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    elsewhere = files["m.png"] + b"\0"  # still a PNG to a reader; other bytes
    (out / "m.png").write_bytes(elsewhere)
    manifest = json.loads(files["MANIFEST.json"])
    manifest["files"]["m.png"] = _sha(elsewhere)
    committed = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    (out / "MANIFEST.json").write_bytes(committed)
    _teach(map_path, out)
    assert (out / "m.png").read_bytes() == elsewhere  # kept: `git status` stays clean
    assert (out / "MANIFEST.json").read_bytes() == committed


def test_a_changed_map_redraws_and_the_manifest_follows(taught, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, files = taught
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    changed = tmp_path / "m.yaml"
    changed.write_text(MAP.replace("fall asleep late", "sleep late"), "utf-8")
    recorded = _teach(changed, out)
    assert recorded["m.png"] != _sha(files["m.png"])
