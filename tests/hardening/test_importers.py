"""Importers give valid maps or clear errors; exports read back (issue 11, class 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.errors import MapError
from argmap.formats import iccma
from argmap.formats import yaml as native
from argmap.formats.yaml import ID_MAX, ID_PATTERN, attack_id
from argmap.model import ArgumentMap, Attack, AttackKind, Claim


@pytest.mark.parametrize(
    ("loads", "text", "line"),
    [
        (iccma.loads_apx, "arg(a).\narg(b).\natt(a,b).\natt(a,a).\n", 4),
        (iccma.loads_tgf, "1\n2\n#\n1 2\n2 2\n", 5),
        (iccma.loads_af, "p af 2\n1 2\n1 1\n", 3),
    ],
)
def test_a_self_attack_is_a_clear_positioned_error(loads, text: str, line: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MapError) as err:
        loads(text, "f")
    (problem,) = err.value.problems
    assert problem.line == line
    assert "attacks itself" in problem.message


@pytest.mark.parametrize(
    ("loads", "text"),
    [
        (iccma.loads_apx, "arg(a).\narg(a).\narg(a b).\narg(a-b).\natt(a,a-b).\natt(a,a-b).\n"),
        (iccma.loads_tgf, "a\na\na-b\n#\na a-b\na a-b\n"),
    ],
)
def test_duplicate_nodes_and_attacks_give_a_valid_map(loads, text: str) -> None:  # type: ignore[no-untyped-def]
    amap = loads(text, "f")
    again = native.loads(native.dumps(amap))
    assert again == amap
    assert len({c.id for c in amap.claims}) == len(amap.claims)


def test_a_very_long_apx_name_gets_a_valid_id(tmp_path: Path) -> None:
    name = "x" * 10_000
    amap = iccma.loads_apx(f"arg({name}).\narg({name}y).\natt({name},{name}y).\n", "f")
    ids = [c.id for c in amap.claims]
    assert len(set(ids)) == 2
    assert all(len(i) <= ID_MAX and ID_PATTERN.match(i) for i in ids)
    assert amap.claims[0].text == name
    native.loads(native.dumps(amap))  # valid


def test_many_clashing_names_stay_valid_and_fast() -> None:
    names = ["y" * 300 + f"+{k}" for k in range(3000)]  # all slug to the same 200 characters
    text = "".join(f"arg({n}).\n" for n in names)
    amap = iccma.loads_apx(text, "f")
    ids = [c.id for c in amap.claims]
    assert len(set(ids)) == 3000
    assert all(len(i) <= ID_MAX for i in ids)


_ID = st.from_regex(r"\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}\Z")


@st.composite
def _frameworks(draw: st.DrawFn) -> ArgumentMap:
    ids = draw(st.lists(_ID, min_size=1, max_size=8, unique=True))
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
            unique=True,
            max_size=12,
        )
    )
    return ArgumentMap(
        title="t",
        claims=tuple(Claim(id=i, text=i) for i in ids),
        attacks=tuple(
            Attack(
                id=attack_id(a, b), attacker=a, target=b, kind=AttackKind.REBUTS, explicit_id=False
            )
            for a, b in pairs
        ),
    )


@settings(max_examples=150, deadline=None)
@given(_frameworks())
def test_apx_and_tgf_exports_read_back(amap: ArgumentMap) -> None:
    for dumps, loads in ((iccma.dumps_apx, iccma.loads_apx), (iccma.dumps_tgf, iccma.loads_tgf)):
        back = loads(dumps(amap), "t")
        assert back == amap


@settings(max_examples=100, deadline=None)
@given(_frameworks())
def test_af_export_reads_back_with_its_ids(amap: ArgumentMap) -> None:
    back = iccma.loads_af(iccma.dumps_af(amap), "t")
    assert [c.id for c in back.claims] == [c.id for c in amap.claims]
    assert back.attacks == amap.attacks


@pytest.mark.parametrize("ident", ["c.d", "1.2", "a.b.c", "x..y", "1"])
def test_dotted_and_numeric_ids_round_trip_through_apx(tmp_path: Path, ident: str) -> None:
    source = tmp_path / "m.yaml"
    source.write_text(
        f'argmap: 1\ntitle: m\nclaims:\n  - {{id: "{ident}", text: x}}\n  - {{id: b, text: y}}\n'
        f'attacks:\n  - {{from: "{ident}", to: b}}\n'
    )
    runner = CliRunner()
    assert (
        runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "m.apx")]).exit_code == 0
    )
    result = runner.invoke(
        main, ["convert", str(tmp_path / "m.apx"), "-o", str(tmp_path / "b.yaml")]
    )
    assert result.exit_code == 0, result.output
    back = native.load(tmp_path / "b.yaml")
    assert [c.id for c in back.claims] == [ident, "b"]
    assert back.attacks[0].attacker == ident


def test_apx_syntax_errors_are_positioned() -> None:
    with pytest.raises(MapError) as err:
        iccma.loads_apx("arg(a).\n  arg(b). junk\n", "f")
    (problem,) = err.value.problems
    assert (problem.line, problem.col) == (2, 11)


MAP = "argmap: 1\ntitle: m\nclaims:\n  - {id: a, text: x}\n  - {id: b, text: y}\n"


def test_a_folder_convert_never_keeps_one_of_two_outputs(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "m.yaml").write_text(MAP)
    (source / "m.af").write_text("p af 2\n1 2\n")
    (source / "m.json").write_text(
        '{"argmap": 1, "title": "j", "claims": [{"id": "j", "text": "j"}]}'
    )
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "would all be written to" in result.output
    for name in ("m.af", "m.json", "m.yaml"):
        assert name in result.output
    assert not (tmp_path / "out").exists()  # nothing written


def test_an_output_folder_inside_the_input_is_not_read_again(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "m.af").write_text("p af 2\n1 2\n")
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["convert", str(source), "-o", str(source / "out")])
        assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()) == [
        "m.af",
        "out/m.yaml",
    ]


def test_the_input_folder_itself_is_refused_as_output(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MAP)
    result = CliRunner().invoke(main, ["convert", str(tmp_path), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "input folder" in result.output
    assert (tmp_path / "m.yaml").read_text() == MAP
