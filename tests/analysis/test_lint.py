"""lint: each fidelity check on a small inline map, ignores, selection, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import loads
from argmap.analysis.lint import CODES, lint
from argmap.cli import main
from argmap.formats.yaml import item_positions

TEXT = (
    "The city should keep the policy. Does the city refuse to help?\n"
    "No. The police still help when a crime is suspected. The union might believe it "
    "is a burden. The union might believe it is a burden.\n"
    "The policy limits the police.\n"
)

HEAD = """argmap: 1
title: t
sources:
  - {id: s, title: S}
stakeholders:
  - {id: u, name: Union}
  - {id: c, name: City}
"""


def codes_of(text: str, texts: dict[str, str] | None = None) -> list[tuple[str, str]]:
    amap = loads(text)
    report = lint(amap, {"s": TEXT} if texts is None else texts)
    return [(w.code, w.item) for w in report.warnings]


def clean_map(extra_claims: str = "", rest: str = "") -> str:
    return (
        HEAD
        + """claims:
  - id: keep
    text: Keep the policy.
    kind: policy
    sources: [{source: s, quote: "The city should keep the policy."}]
  - id: limits
    text: The policy limits the police.
    sources: [{source: s, quote: "The policy limits the police."}]
"""
        + extra_claims
        + """supports:
  - {from: limits, to: keep, inferred: the article implies the policy is what it defends}
"""
        + rest
        + "main: [keep]\n"
    )


def test_a_clean_map_has_no_warnings() -> None:
    assert codes_of(clean_map()) == []


def test_f101_a_stakeholder_holding_both_sides_of_a_rebuttal() -> None:
    text = clean_map(
        "  - {id: no, text: No policy., sources: [{source: s, quote: The policy limits}]}\n",
        """attacks:
  - {from: no, to: keep, inferred: opposite positions}
stances:
  - {stakeholder: u, asserts: [keep, no], inferred: the union is said to hold both}
""",
    )
    assert ("F101", "no!keep") in codes_of(text)
    other = text.replace("asserts: [keep, no]", "asserts: keep")
    assert ("F101", "no!keep") not in codes_of(other)


def test_f102_a_quote_that_is_a_question() -> None:
    text = clean_map(
        "  - {id: refuses, text: The city refuses., sources: "
        "[{source: s, quote: Does the city refuse}]}\n"
        "  - {id: q, text: Q., sources: [{source: s, quote: Does the city refuse to help?}]}\n"
    )
    found = codes_of(text)
    assert ("F102", "refuses") in found  # the question is the sentence around the quote
    assert ("F102", "q") in found
    # without the text, only a quote that is itself a question is seen
    alone = codes_of(text, {})
    assert ("F102", "q") in alone and ("F102", "refuses") not in alone
    assert ("F102", "keep") not in found


def test_f103_a_quote_occurring_twice() -> None:
    text = clean_map(
        "  - id: burden\n    text: A burden.\n    hedge: possible\n"
        "    sources: [{source: s, quote: The union might believe it is a burden.}]\n"
    )
    assert ("F103", "burden") in codes_of(text)
    once = TEXT.replace("burden. The union might believe it is a burden.", "burden.")
    assert ("F103", "burden") not in codes_of(text, {"s": once})


def test_f104_a_hedged_quote_on_an_unhedged_claim() -> None:
    claim = (
        "  - id: burden\n    text: A burden.\n"
        '    sources: [{source: s, quote: "The union might believe it is a burden. The"}]\n'
    )
    assert ("F104", "burden") in codes_of(clean_map(claim))
    hedged = claim.replace("    text: A burden.\n", "    text: A burden.\n    hedge: possible\n")
    assert ("F104", "burden") not in codes_of(clean_map(hedged))


def test_f105_unsourced_relations_and_stances() -> None:
    text = clean_map(
        "",
        "stances:\n  - {stakeholder: c, asserts: keep}\n",
    ).replace(", inferred: the article implies the policy is what it defends", "")
    found = codes_of(text)
    assert ("F105", "limits>keep") in found
    assert ("F105", "c:keep") in found
    quoted = text.replace(
        "{stakeholder: c, asserts: keep}",
        '{stakeholder: c, asserts: keep, sources: [{source: s, quote: "should keep"}]}',
    )
    assert ("F105", "c:keep") not in codes_of(quoted)


def test_f106_a_policy_claim_on_descriptive_text() -> None:
    text = clean_map().replace(
        'quote: "The city should keep the policy."', 'quote: "The police still help"'
    )
    assert ("F106", "keep") in codes_of(text)
    assert ("F106", "keep") not in codes_of(clean_map())


def test_f107_a_claim_never_reached_from_a_main_claim() -> None:
    text = clean_map(
        "  - {id: stray, text: Stray., sources: [{source: s, quote: The police still help}]}\n"
    )
    assert ("F107", "stray") in codes_of(text)
    joined = text.replace(
        "supports:\n",
        "supports:\n  - {from: stray, to: limits, inferred: mapper}\n",
    )
    assert ("F107", "stray") not in codes_of(joined)


def test_f108_a_source_without_text() -> None:
    assert ("F108", "s") in codes_of(clean_map(), {})
    report = lint(loads(clean_map()), {}, unreadable={"s": "a.txt: No such file or directory"})
    assert "No such file" in report.warnings[0].message


def test_f109_a_quote_not_in_the_text() -> None:
    text = clean_map().replace('The policy limits the police."', 'The policy limits the cops."')
    assert ("F109", "limits") in codes_of(text)


def test_ignores_in_the_map_hide_a_warning_and_unused_ones_are_reported() -> None:
    text = clean_map().replace(
        'quote: "The city should keep the policy."', 'quote: "The police still help"'
    )
    ignored = text + (
        "lint:\n  ignore:\n    - {code: F106, item: keep, reason: the article implies it}\n"
        "    - {code: F102, item: keep, reason: stale}\n"
    )
    report = lint(loads(ignored), {"s": TEXT})
    assert report.ignored == 1
    assert [(w.code, w.item) for w in report.warnings] == [("F100", "keep")]


def test_select_and_ignore_by_code_and_prefix() -> None:
    text = clean_map().replace(", inferred: the article implies the policy is what it defends", "")
    amap = loads(text)
    assert [w.code for w in lint(amap, {}, select=["F105"]).warnings] == ["F105"]
    assert {w.code for w in lint(amap, {}, ignore=["F10"]).warnings} == set()
    with pytest.raises(Exception, match="unknown lint code"):
        lint(amap, {}, select=["X1"])


def test_every_code_is_documented_with_an_example() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "lint.md").read_text("utf-8")
    for code in CODES:
        section = doc.split(f"### {code}", 1)
        assert len(section) == 2, f"{code} is not in docs/lint.md"
        assert "```yaml" in section[1].split("### ", 1)[0], f"{code} has no example"


def test_positions_point_at_the_item() -> None:
    text = clean_map().replace(", inferred: the article implies the policy is what it defends", "")
    pos = item_positions(text)
    report = lint(loads(text), {"s": TEXT}, positions=pos)
    w = report.warnings[0]
    line = text.splitlines()[w.line - 1] if w.line else ""
    assert w.code == "F105" and "from: limits" in line


def test_cli_prints_path_line_col_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    (tmp_path / "s.txt").write_text(TEXT, "utf-8")
    text = clean_map().replace("{id: s, title: S}", "{id: s, title: S, file: s.txt}")
    path.write_text(
        text.replace(", inferred: the article implies the policy is what it defends", "")
    )
    runner = CliRunner()
    r = runner.invoke(main, ["lint", str(path)])
    assert r.exit_code == 1
    assert r.stdout.startswith(f"{path}:")
    head = r.stdout.split(": F105 ")[0]
    assert head.count(":") == 2  # path:line:col
    assert runner.invoke(main, ["lint", str(path), "--exit-zero"]).exit_code == 0
    assert runner.invoke(main, ["lint", str(path), "--ignore", "F105"]).exit_code == 0
    data = json.loads(runner.invoke(main, ["lint", str(path), "--json"]).stdout)
    assert data["warnings"][0]["code"] == "F105"
    missing = text.replace("file: s.txt", "file: gone.txt")
    path.write_text(missing)
    r = runner.invoke(main, ["lint", str(path)])
    assert r.exit_code == 1 and "F108" in r.stdout and "Traceback" not in r.output


def test_the_chicago_map_lints_clean(chicago_path: Path, shared_dir: Path) -> None:
    r = CliRunner().invoke(main, ["lint", str(chicago_path), "--json"])
    data = json.loads(r.stdout)
    assert data["warnings"] == [], data["warnings"]
    assert r.exit_code == 0
    # every ignore in it is used and says why
    amap = loads(chicago_path.read_text("utf-8"))
    assert data["ignored"] == len(amap.lint_ignores)
    assert all(len(ig.reason) > 40 for ig in amap.lint_ignores)
