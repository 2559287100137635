"""Reading source texts for the interactive page: bounded, and only inside the map's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.formats.sources import read_source_files


def test_source_files_are_read_only_inside_the_map_folder(tmp_path: Path) -> None:
    inside = tmp_path / "maps"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("the secret", "utf-8")
    (inside / "big.txt").write_text("x" * 50, "utf-8")
    (inside / "link.txt").symlink_to(tmp_path / "secret.txt")
    (inside / "latin1.txt").write_bytes(b"caf\xe9")
    text = """
argmap: 1
title: t
sources:
  - {id: up, title: Up, file: ../secret.txt}
  - {id: abs, title: Abs, file: %s}
  - {id: link, title: Link, file: link.txt}
  - {id: big, title: Big, file: big.txt}
  - {id: bad, title: Bad, file: latin1.txt}
  - {id: gone, title: Gone, file: missing.txt}
claims: [{id: a, text: A.}]
""" % (tmp_path / "secret.txt")
    (inside / "m.yaml").write_text(text, "utf-8")
    amap = argmap.load(inside / "m.yaml")
    read = read_source_files(amap, inside / "m.yaml", limit=40)
    assert read.texts == {}
    why = "\n".join(read.skipped)
    for source in ("up", "abs", "link"):
        assert f"source {source!r}: " in why and "outside the map's folder" in why
    assert "50 bytes, over the 40" in why
    assert "not UTF-8" in why and "missing.txt" in why
    # Named by the user, a file is read wherever it is.
    named = read_source_files(amap, inside / "m.yaml", [f"up={tmp_path / 'secret.txt'}"])
    assert named.texts["up"] == "the secret"
    assert read_source_files(amap, inside / "m.yaml").texts["big"] == "x" * 50
    with pytest.raises(argmap.ArgmapError, match="unknown source 'nope'"):
        read_source_files(amap, inside / "m.yaml", ["nope=x.txt"])
