"""Stakeholder analysis on the Chicago map and a small map."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.analysis import stakeholders as sh


def test_chicago_city_and_union_disagree(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    c = sh.compare(amap, "city", "union")
    assert c.agree == ()
    assert {d.claim for d in c.disagree} == {
        "sanctuary-policy-should-stand",
        "end-sanctuary-policy",
        "cpd-should-fully-cooperate",
        "dereliction-of-duty",
    }
    through = {(k.attacker, k.kind, k.target) for k in c.conflicts}
    # the nuance that undercuts the charge is the author's, not the city's
    assert not any(k.attacker == "not-blanket-refusal" for k in c.conflicts)
    assert ("affirms-local-sovereignty", "rebuts", "dereliction-of-duty") in through
    assert ("dereliction-of-duty", "rebuts", "affirms-local-sovereignty") in through
    assert c.alignment == -1.0
    assert "city opposes union" in c.relations


def test_chicago_coalitions_and_grid(chicago_path: Path) -> None:
    report = sh.analyse(argmap.load(chicago_path))
    groups = [set(g) for g in report.coalitions]
    city_side = next(g for g in groups if "city" in g)
    union_side = next(g for g in groups if "union" in g)
    assert city_side != union_side
    # the article attributes to the city only its own view, so it shares no
    # claim with the author, CPD or the immigrants it serves
    assert city_side == {"city"}
    assert {"federal", "officers", "ice"} <= union_side
    assert "author" not in union_side
    grid = {g.stakeholder: g.quadrant for g in report.grid}
    assert grid["city"] == "manage closely"
    assert grid["courts"] == "keep satisfied"
    assert grid["immigrants"] == "keep informed"
    matrix = report.matrix()
    assert matrix["city"]["union"] == matrix["union"]["city"] == -1.0


def test_no_overlap_means_no_alignment() -> None:
    amap = argmap.loads(
        "argmap: 1\ntitle: t\nstakeholders:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
        "claims:\n  - {id: x, text: X}\n  - {id: y, text: Y}\n"
        "stances:\n  - {stakeholder: a, asserts: x}\n  - {stakeholder: b, asserts: y}\n"
    )
    assert sh.compare(amap, "a", "b").alignment is None
    assert sh.analyse(amap).coalitions == (("a",), ("b",))
