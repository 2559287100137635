"""sources --coverage: paragraphs, sentences, anchors, argumentative sentences, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from argmap import loads
from argmap.analysis.coverage import coverage, coverage_html, markers_in, paragraphs, sentences
from argmap.cli import main

TEXT = (
    "A Heading\n"
    "The city keeps the policy. But the union objects because it hinders safety. "
    "It rains in local vs. federal weather.\n"
    "We should talk more. Nobody quoted this.\n"
)

MAP = """argmap: 1
title: "Coverage <b>test</b>"
sources:
  - {id: s, title: "S & <i>co</i>"}
stakeholders:
  - {id: u, name: Union}
claims:
  - id: keeps
    text: "The city keeps the policy <script>alert(1)</script>."
    sources: [{source: s, quote: The city keeps the policy.}]
  - id: hinders
    text: It hinders safety.
    sources: [{source: s, quote: it hinders safety}]
attacks:
  - {from: hinders, to: keeps, sources: [{source: s, quote: But the union objects}]}
stances:
  - {stakeholder: u, asserts: hinders, sources: [{source: s, quote: the union objects}]}
"""


def test_paragraphs_are_lines_in_long_line_text_and_blocks_in_wrapped_text() -> None:
    long = "x" * 130 + "\nsecond line\n"
    assert len(paragraphs(long)) == 2
    wrapped = "one line\nwrapped on\n\nnext block\n"
    assert [wrapped[a:b] for a, b in paragraphs(wrapped)] == ["one line\nwrapped on", "next block"]


def test_sentences_do_not_split_after_an_abbreviation() -> None:
    text = "Local vs. federal power. Then more! And a question?"
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "Local vs. federal power.",
        "Then more!",
        "And a question?",
    ]


def test_markers() -> None:
    assert markers_in("But we should go because it rains.") == ("but", "should", "because")
    assert markers_in("The butter is soft.") == ()


def test_which_items_anchor_which_sentence() -> None:
    cov = coverage(loads(MAP), {"s": TEXT}).sources[0]
    heading, first, second = cov.paragraphs
    assert heading.heading and not first.heading
    s1, s2, s3 = first.sentences
    assert s1.anchored_by == ("claim:keeps",)
    assert set(s2.anchored_by) == {"claim:hinders", "attack:hinders!keeps", "stance:u:hinders"}
    assert s2.argumentative and s2.markers == ("but", "because")
    assert s3.anchored_by == () and not s3.argumentative
    # the second paragraph argues ("should") and nothing anchors it
    assert second.argumentative and second.anchored_by == ()
    assert [s.text for s in cov.unanchored_argumentative()] == ["We should talk more."]
    summary = cov.to_json()["summary"]
    assert summary["argumentative_paragraphs_unanchored"] == [3]
    assert summary["sentences"] == 5 and summary["sentences_anchored"] == 2


def test_html_escapes_every_text_and_links_spans_to_items() -> None:
    amap = loads(MAP)
    page = coverage_html(coverage(amap, {"s": TEXT}), amap)
    assert "<script>alert(1)</script>" not in page
    assert "<b>test</b>" not in page and "<i>co</i>" not in page
    assert "S &amp; &lt;i&gt;co&lt;/i&gt;" in page
    owners = json.loads(
        re.search(r'<script type="application/json" id="owners">(.*?)</script>', page, re.S)
        .group(1)  # type: ignore[union-attr]
        .replace("\\u003c", "<")
    )
    assert owners["claim:keeps"]["text"].startswith("The city keeps")
    assert 'data-owners="claim:keeps"' in page
    assert "p-open" in page  # the unanchored argumentative paragraph is flagged


def test_cli_coverage_text_json_html_and_exit(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(TEXT, "utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(MAP.replace('title: "S & <i>co</i>"', "title: S, file: s.txt"), "utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["sources", str(path), "--coverage"])
    assert r.exit_code == 1  # an argumentative paragraph is unanchored
    assert "! 3:1 We should talk more." in r.stdout
    assert "<- keeps" in r.stdout
    html = tmp_path / "c.html"
    r = runner.invoke(main, ["sources", str(path), "--coverage", "--json", "--html", str(html)])
    data = json.loads(r.stdout)
    assert data["sources"][0]["summary"]["argumentative_sentences_unanchored"] == 1
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert runner.invoke(main, ["sources", str(path), "--html", str(html)]).exit_code == 2


def test_every_argumentative_paragraph_of_the_chicago_article_is_anchored(
    chicago_path: Path, shared_dir: Path
) -> None:
    article = (shared_dir / "seeds" / "000_8a765ca2f1c7d25d.txt").read_text("utf-8")
    amap = loads(chicago_path.read_text("utf-8"))
    cov = coverage(amap, {amap.sources[0].id: article}).sources[0]
    assert cov.missing == ()
    open_paragraphs = [p.number for p in cov.paragraphs if p.argumentative and not p.anchored_by]
    assert open_paragraphs == []
    assert sum(1 for p in cov.paragraphs if p.argumentative) >= 10
