"""The top-level Python API (argmap/__init__.py, argmap/_api.py; docs/api.md)."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
import argmap.analysis
from argmap.formats import registry

ROOT = Path(__file__).resolve().parents[1]


def test_import_argmap_loads_nothing_heavy() -> None:
    code = (
        "import sys, argmap; "
        "print(sorted(m for m in ('networkx', 'pydot', 'wasmtime', 'vl_convert', 'pysat', "
        "'argmap.render', 'argmap.analysis.semantics', 'argmap.formats.yaml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", argmap.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(argmap, name) is not None
    assert name in dir(argmap)


@pytest.mark.parametrize("name", argmap.analysis.__all__)
def test_analysis_exports_its_functions(name: str) -> None:
    value = getattr(argmap.analysis, name)
    assert not isinstance(value, type(argmap))  # a function or class, not a module


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = argmap.nope  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        _ = argmap.analysis.nope  # type: ignore[attr-defined]


def test_load_reads_every_format_the_cli_reads(tmp_path: Path, chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    readable = [f for f in registry.formats().values() if f.loads and f.dumps]
    assert len(readable) >= 4
    for fmt in readable:
        if fmt.name in ("iccma", "apx", "tgf"):
            continue  # abstract frameworks cannot hold supports (docs/formats.md)
        path = tmp_path / f"chicago{fmt.suffixes[0]}"
        path.write_text(argmap.dumps(amap, fmt.name), encoding="utf-8")
        back = argmap.load(path)
        assert {c.id for c in back.claims} == {c.id for c in amap.claims}, fmt.name
    af = tmp_path / "x.af"
    af.write_text("p af 2\n1 2\n")
    assert [c.id for c in argmap.load(af).claims] == ["a1", "a2"]
    assert argmap.loads(af.read_text(), format="iccma").claims == argmap.load(af).claims


def test_loads_and_dumps_refuse_the_wrong_direction() -> None:
    with pytest.raises(argmap.ArgmapError, match="can only be written"):
        argmap.loads("x", format="mermaid")
    with pytest.raises(argmap.ArgmapError, match="can only be read"):
        argmap.dumps(argmap.loads("argmap: 1\ntitle: t\nclaims: []\n"), "kialo")


def test_questions_evaluation_and_explanation(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    found = argmap.opposers(amap, "dereliction-of-duty")
    assert {f.claim for f in found} == {
        "affirms-local-sovereignty",
        "protects-vulnerable-residents",
        "not-blanket-refusal",
    }
    assert [h.stakeholder for h in argmap.who(amap, "dereliction-of-duty")["rejects"]] == ["city"]
    ev = argmap.evaluate(amap, "preferred")
    assert ev.labels["dereliction-of-duty"] == "undecided"
    assert argmap.evaluate(amap, stakeholder="union").labels["dereliction-of-duty"] == "in"
    e = argmap.explain(amap, "dereliction-of-duty", depth=1)
    assert e.label == "undecided" and e.tree.children
    assert all(not g.children for c in e.tree.children for g in c.children)


def test_draw_returns_text_or_bytes(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    dot = argmap.draw(amap, "dot", focus="dereliction-of-duty")
    assert isinstance(dot, str) and dot.startswith("digraph argmap {")
    assert '"c:dereliction-of-duty"' in dot and '"c:no-simple-answer"' not in dot
    svg = argmap.draw(amap, view="stakeholders")
    assert isinstance(svg, str) and "</svg>" in svg
    html = argmap.draw(amap, "html", focus="dereliction-of-duty")
    assert isinstance(html, str) and html.lstrip().lower().startswith("<!doctype html>")
    png = argmap.draw(amap, "png", focus="dereliction-of-duty")
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")
    grid = argmap.draw(amap, view="grid")
    assert isinstance(grid, str) and "</svg>" in grid
    with pytest.raises(argmap.ArgmapError, match="unknown output format"):
        argmap.draw(amap, "gif")


def test_maps_and_diffs_draw_themselves(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    svg = amap._repr_svg_()
    assert svg is not None and "</svg>" in svg
    html = amap._repr_html_()
    assert html is not None and html.startswith("<div") and "<svg " in html
    same = argmap.diff_maps(amap, amap)
    assert not same and same.is_empty()
    claims = tuple(c for c in amap.claims if c.id != "balancing-act")
    smaller = argmap.ArgumentMap(
        title=amap.title,
        stakeholders=amap.stakeholders,
        claims=claims,
        supports=tuple(s for s in amap.supports if "balancing-act" not in (*s.premises,)),
        stances=tuple(s for s in amap.stances if s.claim != "balancing-act"),
    )
    d = argmap.diff_maps(smaller, amap)
    assert d and not d.is_empty() and d.new is amap and d.old is smaller
    drawn = d._repr_svg_()
    assert drawn is not None and "ADDED" in drawn
    assert d._repr_html_() is not None
    assert json.dumps(d.to_json())  # the JSON shape holds no maps
    assert "ArgumentMap(" not in repr(d)


def test_api_document_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted > 10
    assert result.failed == 0


def test_all_lists_exactly_the_lazy_names() -> None:
    assert set(argmap.analysis.__all__) == set(argmap.analysis._WHERE)
    assert set(argmap._LAZY) <= set(argmap.__all__)


def test_subpackages_are_reached_as_attributes() -> None:
    code = "import argmap; print(argmap.analysis.compare.__name__, argmap.diff.MapDiff.__name__)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["compare", "MapDiff"]
