"""The registry's static table says what the format modules do, and sniffing is bounded."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import _sniff, registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("entry", registry.TABLE, ids=lambda e: e.name)
def test_table_matches_module(entry: registry.Entry) -> None:
    fmt = importlib.import_module(f"argmap.formats.{entry.module}").FORMAT
    assert fmt.name == entry.name
    assert fmt.suffixes == entry.suffixes
    assert (fmt.loads is not None) == entry.reads
    assert (fmt.dumps is not None) == entry.writes
    assert fmt.sniff is entry.sniff


def test_formats_lists_every_module_in_order() -> None:
    assert list(registry.formats()) == [e.name for e in registry.TABLE]


def test_reading_a_yaml_map_imports_only_its_format() -> None:
    code = (
        "import sys\n"
        "from argmap.formats.registry import read\n"
        "read(sys.argv[1])\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap.formats.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "maps" / "chicago_ice.yaml")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    loaded = set(ast.literal_eval(out))
    assert not loaded & {f"argmap.formats.{m}" for m in ("aif", "carneades", "graphml", "kialo")}
    assert "argmap.formats._positions" not in loaded  # PyYAML only for maps with problems


def test_sniffs_look_at_the_head_only() -> None:
    head = "argmap: 1\ntitle: t\n"
    assert _sniff.native_yaml(head + "x: y\n" * 1_000_000)
    assert not _sniff.native_yaml("a: b\n" * 60 + head)  # beyond the first 50 lines
    assert _sniff.carneades("meta:\n  title: x\n" + "statements: {}\n")
    assert not _sniff.carneades("argmap: 1\nstatements: {}\n")
    assert not _sniff.carneades(" " * (_sniff.HEAD_CHARS + 10) + "\nstatements: {}\n")


def test_the_suffix_and_the_sniff_choose(tmp_path: Path) -> None:
    carneades = tmp_path / "g.yaml"
    carneades.write_text("meta:\n  title: x\nstatements:\n  a: {text: A}\n", encoding="utf-8")
    assert registry.for_path(carneades, carneades.read_text()).name == "carneades"
    assert registry.for_path(tmp_path / "x.aif.json").name == "aif"
    assert registry.for_path(tmp_path / "x.json").name == "json"
    with pytest.raises(Exception, match="can only be written"):
        registry.for_path(tmp_path / "x.graphml")
