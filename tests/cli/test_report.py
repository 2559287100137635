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


def test_report_gives_acceptance_of_every_claim_beyond_the_listing_limit(tmp_path: Path) -> None:
    # seven separate two-cycles a <-> b, each with a -> c: 2**7 extensions
    lines = ["p af 21"]
    for k in range(7):
        a, b, c = 3 * k + 1, 3 * k + 2, 3 * k + 3
        lines += [f"{a} {b}", f"{b} {a}", f"{a} {c}"]
    path = tmp_path / "f.af"
    path.write_text("\n".join(lines) + "\n")
    for semantics in ("preferred", "stable"):
        report = evaluation_report(path, semantics)
        assert report["extensions"] is None  # 2**7 extensions, more than 64
        assert set(report["acceptance"]) == {f"a{i}" for i in range(1, 22)}
        # a1 is in the extensions that take it, its target a3 in those that do not
        assert report["acceptance"]["a1"] == {"credulous": True, "sceptical": False}
        assert report["acceptance"]["a3"] == {"credulous": True, "sceptical": False}
    sure = tmp_path / "g.af"
    sure.write_text("p af 3\n1 2\n2 3\n")
    report = evaluation_report(sure, "complete")
    assert report["acceptance"]["a1"] == {"credulous": True, "sceptical": True}
    assert report["acceptance"]["a2"] == {"credulous": False, "sceptical": False}


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
