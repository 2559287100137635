"""ICCMA abstract-framework formats: .apx, .tgf and ICCMA 2023 .af."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.semantics import label_claims
from argmap.errors import ArgmapError, MapError
from argmap.formats import iccma, registry
from argmap.model import Attack, AttackKind, Claim

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


@pytest.mark.parametrize(
    "text",
    [
        APX,
        "arg(a).arg(b). att(a,b).\n",
        "arg( a ).\narg(b c).\natt(b c , a).\n",
        "arg(a).\r\narg(b).\r\natt(b,a).\r\n",
        "% header\narg(a). % first\n\n\targ (b) .\natt\t(a,b)\t.\natt(a,b).\narg(a).\n",
        "arg(x.y).\narg(x-y).\narg(x y).\natt(x.y,x y).\natt(x y,x-y).\n",
        "",
        "% nothing but a comment\n",
    ],
)
def test_apx_whole_text_reading_is_the_line_by_line_one(text: str) -> None:
    assert iccma._apx_facts(text) is not None  # read by the whole-text path
    assert iccma.loads_apx(text, "x.apx") == iccma._loads_apx_by_line(text, "x.apx")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("arg(a).\narg(b)\n", "x.apx:2:1: expected arg(X). or att(X,Y).: 'arg(b)'"),
        ("arg(a). garbage\n", "x.apx:1:9: expected arg(X). or att(X,Y).: 'garbage'"),
        ("arg(a).\natt(a).\n", "x.apx:2:1: malformed fact 'att(a).'"),
        ("arg(a).\n  arg().\n", "x.apx:2:3: malformed fact 'arg().'"),
        ("arg(a).\natt(a,b,c).\n", "x.apx:2:1: malformed fact 'att(a,b,c).'"),
        ("arg(a).\natt(a, ).\n", "x.apx:2:1: malformed fact 'att(a, ).'"),
        ("arg(a).\r\natt(a,z).\r\n", "x.apx:2:1: attack names unknown argument 'z'"),
        ("arg(a).\narg(b).\natt(b,b).\n", "x.apx:3:1: argument 'b' attacks itself"),
        (
            "arg(a).\narg(b).\natt(a,b).att(b,a)\n",
            "x.apx:3:10: expected arg(X). or att(X,Y).: 'att(b,a)'",
        ),
        ("arg(a). % att(a,\narg(b\n", "x.apx:2:1: expected arg(X). or att(X,Y).: 'arg(b'"),
        ("arg(\u00e4).\natt(\u00e4,b).\n", "x.apx:2:1: attack names unknown argument 'b'"),
    ],
)
def test_apx_problems_name_line_and_column(text: str, message: str) -> None:
    assert iccma._apx_facts(text) is None  # left to the line-by-line reader
    with pytest.raises(MapError) as caught:
        iccma.loads_apx(text, "x.apx")
    assert str(caught.value.problems[0]).startswith(message)


def test_evaluate_of_a_bad_apx_says_where_and_exits_1(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / "bad.apx"
    path.write_text("arg(a).\narg(b).\natt(a,b).\natt(a,c).\narg(b). x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{path}:4:1: attack names unknown argument 'c'" in result.output
    assert f"{path}:5:9: expected arg(X). or att(X,Y).: 'x'" in result.output


@pytest.mark.parametrize(
    ("names", "attacks"),
    [
        (["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "b"), ("c", "a")]),
        (["x.1", "_y-2", "Z", "9"], [("Z", "9"), ("9", "x.1")]),
        (["a-2", "a", "a~", "a-", ".d", "e f", "\u00e9"], [("a~", "a-"), (".d", "e f")]),
        (["n" * 201, "n" * 200, "n" * 199], [("n" * 201, "n" * 200)]),
        (["a\nb", "a"], [("a", "a\nb")]),
        ([], []),
    ],
)
def test_names_that_are_ids_make_the_map_the_general_way_does(
    names: list[str], attacks: list[tuple[str, str]]
) -> None:
    quick = iccma._build(names, attacks, "t")
    general = iccma._build(names, attacks, "t", wanted={"not a name": "x"})
    assert quick == general
    assert [type(c) for c in quick.claims] == [Claim] * len(names)
    assert {type(a) for a in quick.attacks} <= {Attack}
    assert iccma._own_ids(names) == all(c.id == c.text for c in general.claims)


def test_ids_of_plain_names_are_the_names() -> None:
    amap = iccma.loads_apx("arg(a.1).\narg(b_2).\natt(a.1,b_2).\natt(a.1,b_2).\n", "x.apx")
    assert [(c.id, c.text) for c in amap.claims] == [("a.1", "a.1"), ("b_2", "b_2")]
    assert [(a.id, a.kind, a.explicit_id) for a in amap.attacks] == [
        ("a.1!b_2", AttackKind.REBUTS, False)
    ]
    long = iccma.loads_apx(f"arg({'n' * 201}).\narg({'n' * 200}).\n", "x.apx")
    assert [c.id for c in long.claims] == ["n" * 200, "n" * 198 + "-2"]  # cut, then numbered
    assert [c.text for c in long.claims] == ["n" * 201, "n" * 200]
