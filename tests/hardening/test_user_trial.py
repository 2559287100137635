"""The problems a user's trial found (issue 11, class 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.gradual import dfquad
from argmap.cli import main
from argmap.diff import drawing_overlay
from argmap.errors import ArgmapError, MapError
from argmap.formats import yaml as native
from argmap.render.dot import build_dot


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _problems(text: str) -> list[str]:
    with pytest.raises(MapError) as err:
        native.loads(text, "m.yaml")
    return [str(p) for p in err.value.problems]


def test_a_derived_id_of_a_support_with_its_own_id_says_which_id_to_use() -> None:
    problems = _problems(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n  - {id: b, text: y}\n"
        "  - {id: c, text: z}\nsupports:\n  - {id: s1, from: a, to: b}\n  - {from: c, to: b}\n"
        "attacks:\n  - {from: c, to: a>b}\n"
    )
    assert problems == [
        "m.yaml:11:19: unknown claim or support 'a>b': the support from 'a' to 'b' has its"
        " own id; refer to it as 's1'"
    ]


def test_claims_without_a_value_and_a_repeated_main_claim_are_refused() -> None:
    (problem,) = _problems("argmap: 1\ntitle: t\nclaims:\n")
    assert problem.startswith("m.yaml:3:1: 'claims' has no value")
    (problem,) = _problems("argmap: 1\ntitle: t\nmain: [a, a]\nclaims:\n  - {id: a, text: x}\n")
    assert problem.startswith("m.yaml:3:11: claim 'a' is listed twice in 'main'")
    native.loads("argmap: 1\ntitle: t\nclaims: []\n")  # an empty map is still fine


def test_a_text_file_beside_a_map_is_not_read_as_kialo(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("1. buy milk\n2. call the union\n")
    (tmp_path / "m.yaml").write_text("argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n")
    code, out = _invoke("convert", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 0, out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["m.yaml"]
    assert "notes.txt: note: skipped" in out
    code, out = _invoke("diff", str(tmp_path / "notes.txt"), str(tmp_path / "m.yaml"))
    assert code == 2 and "does not look like a kialo file" in out
    kialo = tmp_path / "k.txt"
    kialo.write_text("1. Start later.\n1.1. Pro: Teens sleep late.\n")
    code, out = _invoke("stats", str(kialo))
    assert code == 0, out


def test_an_odd_cycle_under_preferred_semantics_has_one_extension(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n  - {id: b, text: y}\n"
        "  - {id: c, text: z}\nattacks:\n  - {from: a, to: b}\n  - {from: b, to: c}\n"
        "  - {from: c, to: a}\n"
    )
    code, out = _invoke("evaluate", str(path), "--semantics", "preferred", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["extensions"] == [[]]
    for reason in report["reasons"].values():
        assert "disagree" not in reason
        assert reason.startswith("undecided because the only preferred extension")


def test_compare_refuses_a_stakeholder_with_itself(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\nstakeholders:\n  - {id: u, name: U}\n  - {id: v, name: V}\n"
        "claims:\n  - {id: a, text: x}\n"
    )
    code, out = _invoke("compare", str(path), "u", "u")
    assert code == 1 and "two different stakeholders" in out
    assert _invoke("compare", str(path), "u", "v")[0] == 0


OLD = (
    "argmap: 1\ntitle: t\nstakeholders:\n  - {id: u, name: U}\nclaims:\n  - {id: a, text: x}\n"
    "  - {id: b, text: y}\nsupports:\n  - {from: a, to: b}\n"
    "stances:\n  - {stakeholder: u, asserts: a}\n"
)
NEW = (
    "argmap: 1\ntitle: t\nstakeholders:\n  - {id: u, name: U}\nclaims:\n  - {id: a, text: x}\n"
    "  - {id: b, text: y}\nattacks:\n  - {from: a, to: b}\n"
)


def test_the_drawn_diff_marks_a_removed_stance_and_keeps_a_flipped_support_a_support() -> None:
    union, marks = drawing_overlay(native.loads(OLD), native.loads(NEW))
    dot = build_dot(union, marks=marks)
    support = next(line for line in dot.splitlines() if '[id="s0"' in line)
    attack = next(line for line in dot.splitlines() if '[id="a0"' in line)
    assert 'color="#1b7f3b"' in support and 'style="dotted"' in support  # a support, removed
    assert 'xlabel="removed"' in support and "arrowhead=tee" not in support
    assert 'style="dashed"' not in support  # dashed red is how undercuts look
    assert 'color="#c62828"' in attack and 'xlabel="added"' in attack
    assert "\u2212u" in dot  # the removed stance's badge


def test_convert_to_another_folder_rewrites_relative_source_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("text")
    (tmp_path / "in" / "m.yaml").write_text(
        "argmap: 1\ntitle: t\nsources:\n  - {id: s, title: S, file: notes.txt}\n"
        "  - {id: g, title: G, file: gone.txt}\nclaims:\n  - {id: a, text: x}\n"
    )
    out = tmp_path / "elsewhere" / "m.yaml"
    code, output = _invoke("convert", str(tmp_path / "in" / "m.yaml"), "-o", str(out))
    assert code == 0, output
    files = {s.id: s.file for s in native.load(out).sources}
    assert files == {"s": "../in/notes.txt", "g": "gone.txt"}
    assert (out.parent / files["s"]).resolve() == (tmp_path / "in" / "notes.txt").resolve()
    assert "'gone.txt' does not exist" in output


def test_strength_of_an_unsupported_support_cycle_is_not_one() -> None:
    amap = native.loads(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n  - {id: b, text: y}\n"
        "  - {id: c, text: z}\nsupports:\n  - {from: a, to: b}\n  - {from: b, to: c}\n"
        "  - {from: c, to: a}\n"
    )
    assert dfquad(amap).strengths == {"a": 0.75, "b": 0.75, "c": 0.75}
    chain = native.loads(
        "argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n  - {id: b, text: y}\n"
        "supports:\n  - {from: a, to: b}\n"
    )
    assert dfquad(chain).strengths == {"a": 0.5, "b": 0.75}  # what one support gives


def test_reveal_to_a_png_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: x}\n")
    code, out = _invoke("reveal", str(path), "-o", str(tmp_path / "rv.png"))
    assert code == 1 and not (tmp_path / "rv.png").exists(), out


def test_the_library_refuses_compare_x_x_too() -> None:
    from argmap.analysis.stakeholders import compare

    amap = native.loads("argmap: 1\ntitle: t\nstakeholders:\n  - {id: u, name: U}\nclaims: []\n")
    with pytest.raises(ArgmapError):
        compare(amap, "u", "u")
