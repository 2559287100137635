"""The ``argmap evaluate --json`` report, built from a file in any format."""

from __future__ import annotations

from pathlib import Path

from argmap.cli._report import evaluation_report


def test_report_on_iccma(tmp_path: Path) -> None:
    path = tmp_path / "f.af"
    path.write_text("p af 3\n1 2\n2 1\n2 3\n")
    report = evaluation_report(path, "preferred")
    assert report["labels"] == {"a1": "undecided", "a2": "undecided", "a3": "undecided"}
    assert report["extensions"] == [["a1", "a3"], ["a2"]]
    assert report["acceptance"]["a3"] == {"credulous": True, "sceptical": False}


def test_report_keys_carneades_claims_by_the_ids_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text(
        """\
statements:
  "¬p": {text: Not p.}
  q: {text: Q.}
arguments:
  a1: {conclusion: "¬p", premises: [q]}
assumptions: [q]
""",
        "utf-8",
    )
    report = evaluation_report(path, "carneades")
    assert set(report["labels"]) == {"¬p", "q"}
    assert report["labels"]["¬p"] == "in"
