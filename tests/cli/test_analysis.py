"""The analysis commands: JSON shapes, text output, exit codes, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["query"],
        ["query", "M", "supporters"],
        ["query", "M", "opposers"],
        ["query", "M", "who"],
        ["query", "M", "holds"],
        ["query", "M", "path"],
        ["query", "M", "unsupported"],
        ["query", "M", "unanswered"],
        ["stakeholders"],
        ["compare"],
        ["evaluate"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Usage:" in out
    assert len(out.split("\n\n")[1].strip()) > 10


def test_query_json_shapes(chicago_path: Path) -> None:
    code, out, _ = run("query", chicago_path, "opposers", "dereliction-of-duty", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["claim"] == "dereliction-of-duty" and data["depth"] == 1
    assert {f["claim"] for f in data["found"]} == {
        "affirms-local-sovereignty",
        "protects-vulnerable-residents",
        "not-blanket-refusal",
    }
    cut = next(f for f in data["found"] if f["role"] == "undercuts")
    assert cut["path"] == [
        {
            "from": "not-blanket-refusal",
            "kind": "undercuts",
            "to": "dereliction-of-duty",
            "via": "union-dereliction-inference",
        }
    ]
    code, out, _ = run("query", chicago_path, "supporters", "dereliction-of-duty", "--all")
    assert (
        code == 0 and "── for: Sanctuary policies violate federal law [violates-federal-law]" in out
    )
    data = json.loads(run("query", chicago_path, "who", "dereliction-of-duty", "--json")[1])
    assert data["rejects"] == [{"stakeholder": "city", "stance": "rejects", "strength": None}]
    data = json.loads(run("query", chicago_path, "holds", "union", "--json")[1])
    assert "dereliction-of-duty" in data["asserts"]
    data = json.loads(
        run(
            "query",
            chicago_path,
            "path",
            "cpd-cooperates-on-crime",
            "dereliction-of-duty",
            "--json",
        )[1]
    )
    assert {c["sign"] for c in data["chains"]} == {"con"}
    assert json.loads(run("query", chicago_path, "unsupported", "--json")[1])["claims"]
    assert json.loads(run("query", chicago_path, "unanswered", "--json")[1])["objections"]


def test_unknown_ids_exit_1_with_a_hint(chicago_path: Path) -> None:
    code, _, err = run("query", chicago_path, "who", "dereliction-of-dty")
    assert code == 1
    assert "did you mean 'dereliction-of-duty'" in err
    code, _, err = run("compare", chicago_path, "city", "unoin")
    assert code == 1 and "did you mean 'union'" in err
    code, _, err = run("evaluate", chicago_path, "--from", "unoin")
    assert code == 1 and "did you mean 'union'" in err


def test_stakeholders_and_compare(chicago_path: Path) -> None:
    code, out, _ = run("stakeholders", chicago_path, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"stakeholders", "pairs", "alignment", "coalitions", "grid"}
    assert data["alignment"]["city"]["union"] == -1.0
    code, out, _ = run("compare", chicago_path, "city", "union")
    assert code == 0
    assert "disagree on Dereliction of duty [dereliction-of-duty]: City of Chicago" in out
    assert "rejects, Chicago police union asserts" in out
    text = run("stakeholders", chicago_path)[1]
    assert "manage closely" in text and "Coalitions:" in text


def test_evaluate_json_and_text(chicago_path: Path) -> None:
    code, out, _ = run("evaluate", chicago_path, "--json", "--strength")
    assert code == 0
    data = json.loads(out)
    assert data["semantics"] == "grounded"
    # the union's reading and the city's are set against each other, neither refuted
    assert data["labels"]["dereliction-of-duty"] == "undecided"
    assert data["reasons"]["dereliction-of-duty"].startswith("undecided because")
    assert 0 <= data["strength"]["dereliction-of-duty"] <= 1
    code, out, _ = run("evaluate", chicago_path, "--from", "union")
    assert code == 0
    assert "Dereliction of duty [dereliction-of-duty]: in because it is accepted as given" in out
    data = json.loads(run("evaluate", chicago_path, "--semantics", "preferred", "--json")[1])
    assert data["acceptance"]["dereliction-of-duty"] == {"credulous": True, "sceptical": False}


def test_evaluate_carneades_keys_by_file_ids(shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "carneades-yaml" / "unsupported2.yml"
    code, out, _ = run("evaluate", path, "--semantics", "carneades", "--json")
    assert code == 0
    assert json.loads(out)["labels"] == {
        "p": "undecided",
        "¬p": "undecided",
        "q": "out",
        "¬app(a1)": "in",
    }


def test_evaluate_iccma_preferred(tmp_path: Path) -> None:
    path = tmp_path / "cycle.af"
    path.write_text("p af 4\n1 2\n2 1\n2 3\n3 4\n")
    code, out, _ = run("evaluate", path, "--semantics", "preferred", "--json", "--claim", "a4")
    assert code == 0
    data = json.loads(out)
    assert data["extensions"] == [["a1", "a3"], ["a2", "a4"]]
    assert data["acceptance"]["a4"] == {"credulous": True, "sceptical": False}
    code, out, _ = run("evaluate", path, "--semantics", "stable", "--extensions")
    assert code == 0 and "extension 1: 1 [a1], 3 [a3]" in out


def test_depth_and_all_together_is_a_usage_error(chicago_path: Path) -> None:
    args = ["query", str(chicago_path), "supporters", "dereliction-of-duty"]
    result = CliRunner().invoke(main, [*args, "--depth", "2", "--all"])
    assert result.exit_code == 2
    assert "give --depth N or --all, not both" in result.output
    assert CliRunner().invoke(main, [*args, "--all"]).exit_code == 0
