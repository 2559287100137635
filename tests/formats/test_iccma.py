"""ICCMA abstract-framework formats: .apx, .tgf and ICCMA 2023 .af."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.semantics import label_claims
from argmap.errors import ArgmapError, MapError
from argmap.formats import iccma, registry

APX = "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).  % a reinstates c\n"


def test_apx_round_trip() -> None:
    amap = iccma.loads_apx(APX, "x.apx")
    assert [c.id for c in amap.claims] == ["a", "b", "c"]
    assert [(a.attacker, a.target) for a in amap.attacks] == [("a", "b"), ("b", "c")]
    assert iccma.loads_apx(iccma.dumps_apx(amap)).attacks == amap.attacks
    assert label_claims(amap) == {"a": "in", "b": "out", "c": "in"}


def test_tgf_and_af_agree() -> None:
    tgf = iccma.loads_tgf("1\n2\n3\n#\n1 2\n2 3\n3 1\n")
    af = iccma.loads_af("p af 3\n# a comment\n1 2\n2 3\n3 1\n")
    assert len(tgf.attacks) == len(af.attacks) == 3
    assert [c.id for c in af.claims] == ["a1", "a2", "a3"]
    assert set(label_claims(af, "preferred").values()) == {"undecided"}
    assert iccma.loads_af(iccma.dumps_af(af)).attacks == af.attacks
    assert iccma.loads_tgf(iccma.dumps_tgf(tgf)).attacks == tgf.attacks


def test_bad_input_names_the_line() -> None:
    with pytest.raises(MapError, match=r"x.af:2:1: argument out of range"):
        iccma.loads_af("p af 2\n1 3\n", "x.af")
    with pytest.raises(MapError, match="unknown argument 'z'"):
        iccma.loads_apx("arg(a).\natt(a,z).\n", "x.apx")
    with pytest.raises(MapError, match="header"):
        iccma.loads_af("1 2\n", "x.af")
    with pytest.raises(MapError, match=r"x.af:1:1: 'p af 99999999999': at most 10,000,000"):
        iccma.loads_af("p af 99999999999\n1 2\n", "x.af")


def test_maps_with_supports_cannot_be_written() -> None:
    import argmap

    amap = argmap.loads(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n"
        "supports:\n  - {from: a, to: b}\n"
    )
    with pytest.raises(ArgmapError, match="supports"):
        iccma.dumps_apx(amap)


def test_registry_reads_the_corpus(shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "carneades-tgf" / "reinstatement1.tgf"
    amap = registry.read(path)
    labels = label_claims(amap)
    assert sorted(labels.values()) == ["in", "in", "out"]


def test_registry_names(tmp_path: Path) -> None:
    for suffix, text in ((".apx", APX), (".tgf", "a\nb\n#\na b\n"), (".af", "p af 2\n1 2\n")):
        path = tmp_path / f"f{suffix}"
        path.write_text(text)
        amap = registry.read(path)
        assert len(amap.attacks) >= 1
