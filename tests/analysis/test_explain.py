"""explain: the dispute tree, pivots of a label, fragile verdicts."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import loads
from argmap.analysis import explain as ex
from argmap.analysis.semantics import evaluate
from argmap.cli import main
from argmap.model import ArgumentMap, Attack, AttackKind, Claim, Stance, StanceKind, Support

SMALL = """
argmap: 1
title: t
main: [keep]
stakeholders:
  - {id: city, name: City}
  - {id: union, name: Union}
  - {id: feds, name: Feds}
claims:
  - {id: keep, text: Keep the policy., kind: policy}
  - {id: trust, text: It builds trust.}
  - {id: law, text: It breaks the law., hedge: reported, hedge_words: often arguing}
  - {id: courts, text: The courts have not ruled.}
  - {id: costs, text: It costs money.}
  - {id: cheap, text: It is cheap.}
supports:
  - {from: trust, to: keep}
attacks:
  - {from: law, to: keep}
  - {from: costs, to: trust>keep}
  - {from: cheap, to: costs}
stances:
  - {stakeholder: city, asserts: [keep, trust]}
  - {stakeholder: union, asserts: trust}
  - {stakeholder: feds, asserts: law, hedge: reported, hedge_words: often arguing}
"""


def small() -> ArgumentMap:
    return loads(SMALL)


def test_the_tree_shows_reasons_and_objections_level_by_level() -> None:
    e = ex.explain(small(), "keep")
    assert e.label == "out"
    roles = [(c.role, c.item, c.label) for c in e.tree.children]
    assert roles == [("reason", "trust", "in"), ("objection", "law", "in")]
    reason = e.tree.children[0]
    assert reason.step == "in"
    undercut = reason.children[0]
    assert (undercut.role, undercut.item, undercut.label) == ("undercut", "costs", "out")
    assert [(c.role, c.item) for c in undercut.children] == [("objection", "cheap")]
    assert e.tree.children[1].status == "unchallenged"


def test_a_single_unanswered_objection_is_the_pivot_with_its_holders_and_hedge() -> None:
    e = ex.explain(small(), "keep")
    got = {(c.action, c.kind, c.item): p.label for p in e.pivots for c in p.changes}
    assert ("challenge", "claim", "law") in got
    assert ("remove", "attack", "law!keep") in got
    assert all(len(p.changes) == 1 for p in e.pivots)
    law = next(c for p in e.pivots for c in p.changes if c.item == "law")
    assert law.hedge == "reported" and law.hedge_words == "often arguing"
    assert [(h.stakeholder, h.stance, h.hedge) for h in law.holders] == [
        ("feds", "asserts", "reported")
    ]
    assert got[("challenge", "claim", "law")] == "in"
    assert e.fragile and e.fragile[0].item == "law"


def test_every_reported_pivot_changes_the_label_when_applied_to_the_map() -> None:
    amap = small()
    e = ex.explain(amap, "keep")
    for p in e.pivots:
        changed = _apply(amap, p.changes)
        assert evaluate(changed).labels["keep"] != e.label, p


def test_pairs_are_searched_when_no_single_change_will_do() -> None:
    amap = loads(
        """
argmap: 1
title: t
claims:
  - {id: c, text: C}
  - {id: a, text: A}
  - {id: b, text: B}
supports:
  - {from: a, to: c}
  - {from: b, to: c}
"""
    )
    e = ex.explain(amap, "c")
    assert e.label == "in"
    assert e.pivots and all(len(p.changes) == 2 for p in e.pivots)
    assert any({c.item for c in p.changes} == {"a", "b"} for p in e.pivots)
    for p in e.pivots:
        assert evaluate(_apply(amap, p.changes)).labels["c"] != "in"


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable"])
def test_pivots_agree_with_brute_force_on_random_maps(semantics: str) -> None:
    rng = random.Random(7)
    for trial in range(25):
        amap = _random_map(rng, 7)
        for claim in amap.claims[:3]:
            e = ex.explain(amap, claim.id, semantics)
            want = _brute_singles(amap, claim.id, semantics)
            got = {
                (c.action, c.kind, c.item)
                for p in e.pivots
                if len(p.changes) == 1
                for c in p.changes
            }
            assert got == want, (trial, claim.id, amap)
            for p in e.pivots:
                after = evaluate(_apply(amap, p.changes), semantics).labels[claim.id]
                assert after == p.label != e.label, (trial, claim.id, p)


def test_fragile_verdicts_rest_on_one_holders_unanswered_claim() -> None:
    amap = small()
    ev = evaluate(amap)
    fragile = ex.fragile_verdicts(amap, ev)
    assert set(fragile) == {"keep"}
    assert fragile["keep"].rests_on == ("law",)
    assert fragile["keep"].held_by == {"law": "feds"}
    # a second holder makes it no longer one party's word
    two = loads(SMALL.replace("asserts: trust}", "asserts: [trust, law]}"))
    assert ex.fragile_verdicts(two, evaluate(two)) == {}


def test_from_a_stakeholder_given_claims_are_not_challenged() -> None:
    e = ex.explain(small(), "keep", stakeholder="city")
    assert e.label == "in" and "keep" in e.given
    assert all(c.item not in e.given for p in e.pivots for c in p.changes)


def test_preferred_semantics_pivots() -> None:
    amap = loads(
        """
argmap: 1
title: t
claims:
  - {id: a, text: A}
  - {id: b, text: B}
  - {id: c, text: C}
attacks:
  - {from: a, to: b}
  - {from: b, to: a}
  - {from: b, to: c}
"""
    )
    e = ex.explain(amap, "c", "preferred")
    assert e.label == "undecided"
    assert any(c.item == "b" and c.action == "challenge" for p in e.pivots for c in p.changes)


def test_cli_explain_and_evaluate_why(chicago_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        main, ["explain", str(chicago_path), "sanctuary-policy-should-stand", "--json"]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["claim"] == "sanctuary-policy-should-stand"
    assert {"tree", "pivots", "label", "reason", "fragile"} <= set(data)
    r2 = runner.invoke(
        main, ["evaluate", str(chicago_path), "--why", "sanctuary-policy-should-stand", "--json"]
    )
    assert json.loads(r2.stdout) == data
    r3 = runner.invoke(main, ["explain", str(chicago_path), "no-such-claim"])
    assert r3.exit_code == 1 and "no-such-claim" in r3.stderr


def test_evaluate_json_has_fragile(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL, "utf-8")
    r = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
    data = json.loads(r.stdout)
    assert data["fragile"] == {
        "keep": {"label": "out", "rests_on": [{"claim": "law", "held_by": "feds"}]}
    }
    text = CliRunner().invoke(main, ["evaluate", str(path)]).stdout
    assert "Keep the policy [keep] [fragile]: out because" in text
    assert "fragile: the verdict rests on It breaks the law [law]" in text


@pytest.mark.parametrize("semantics", ["grounded", "complete", "preferred", "stable"])
def test_explain_runs_under_every_semantics(semantics: str) -> None:
    e = ex.explain(small(), "trust", semantics)
    assert e.semantics == semantics


# --------------------------------------------------------------------------- helpers


def _apply(amap: ArgumentMap, changes: tuple[ex.Change, ...]) -> ArgumentMap:
    from dataclasses import replace

    claims = list(amap.claims)
    supports = list(amap.supports)
    attacks = list(amap.attacks)
    for n, c in enumerate(changes):
        if c.action == "challenge":
            cid = f"challenger-{n}"
            claims.append(Claim(cid, "a new objection"))
            kind = AttackKind.REBUTS if c.kind == "claim" else AttackKind.UNDERCUTS
            attacks.append(Attack(f"{cid}!{c.item}", cid, c.item, kind))
        elif c.kind == "support":
            supports = [s for s in supports if s.id != c.item]
            attacks = [a for a in attacks if a.target != c.item]
        else:
            attacks = [a for a in attacks if a.id != c.item]
    return replace(amap, claims=tuple(claims), supports=tuple(supports), attacks=tuple(attacks))


def _brute_singles(
    amap: ArgumentMap, claim: str, semantics: str = "grounded"
) -> set[tuple[str, str, str]]:
    now = evaluate(amap, semantics).labels[claim]
    out: set[tuple[str, str, str]] = set()
    options: list[ex.Change] = []
    for c in amap.claims:
        if c.id != claim:
            options.append(ex.Change("challenge", "claim", c.id, "", "", False))
    for s in amap.supports:
        options.append(ex.Change("challenge", "support", s.id, "", "", False))
        options.append(ex.Change("remove", "support", s.id, "", "", False))
    for a in amap.attacks:
        options.append(ex.Change("remove", "attack", a.id, "", "", False))
    for o in options:
        if evaluate(_apply(amap, (o,)), semantics).labels[claim] != now:
            out.add((o.action, o.kind, o.item))
    return out


def _random_map(rng: random.Random, n: int) -> ArgumentMap:
    ids = [f"c{i}" for i in range(n)]
    claims = tuple(Claim(i, i.upper()) for i in ids)
    supports: list[Support] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(n // 2 + 1):
        a, b = rng.sample(ids, 2)
        if (a, b) not in seen:
            seen.add((a, b))
            supports.append(Support(f"{a}>{b}", (a,), b))
    attacks: list[Attack] = []
    pairs: set[tuple[str, str]] = set()
    for _ in range(n):
        a, b = rng.sample(ids, 2)
        if (a, b) not in pairs:
            pairs.add((a, b))
            attacks.append(Attack(f"{a}!{b}", a, b))
    if supports and rng.random() < 0.7:
        s = rng.choice(supports)
        a = rng.choice(ids)
        attacks.append(Attack(f"{a}!{s.id}", a, s.id, AttackKind.UNDERCUTS))
    stances = tuple(Stance("h", c, StanceKind.ASSERTS) for c in itertools.islice(ids, 0, n, 2))
    from argmap.model import Stakeholder

    return ArgumentMap(
        title="r",
        stakeholders=(Stakeholder("h", "H"),),
        claims=claims,
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=stances,
    )


def test_render_evaluate_marks_a_fragile_verdict(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL, "utf-8")
    r = CliRunner().invoke(main, ["render", str(path), "--evaluate", "--format", "dot"])
    assert r.exit_code == 0, r.output
    keep = next(line for line in r.stdout.splitlines() if line.startswith('"c:keep"'))
    assert "OUT · FRAGILE" in keep and "#d97706" in keep and "dashed" in keep
    trust = next(line for line in r.stdout.splitlines() if line.startswith('"c:trust"'))
    assert "FRAGILE" not in trust


def test_page_data_carries_the_verdict_and_what_it_rests_on() -> None:
    from argmap.render.html import page_data

    claims = {c["id"]: c for c in page_data(small())["claims"].values()}
    assert claims["keep"]["verdict"] == {
        "label": "out",
        "fragile": [{"claim": "law", "text": "It breaks the law.", "held_by": "Feds"}],
    }
    assert claims["trust"]["verdict"] == {"label": "in", "fragile": []}


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable"])
def test_fragile_verdicts_agree_with_challenging_each_claim(semantics: str) -> None:
    rng = random.Random(3)
    for trial in range(20):
        amap = _random_map(rng, 7)
        ev = evaluate(amap, semantics)
        got = {c: f.rests_on for c, f in ex.fragile_verdicts(amap, ev).items()}
        want: dict[str, list[str]] = {}
        rebutted = {a.target for a in amap.attacks if a.kind is AttackKind.REBUTS}
        concluded = {s.conclusion for s in amap.supports}
        held = {st.claim for st in amap.stances}
        for c in amap.claims:
            if c.id in rebutted or c.id in concluded or c.id not in held:
                continue
            after = evaluate(
                _apply(amap, (ex.Change("challenge", "claim", c.id, "", "", False),)), semantics
            )
            for other in amap.claims:
                if other.id != c.id and after.labels[other.id] != ev.labels[other.id]:
                    want.setdefault(other.id, []).append(c.id)
        assert got == {k: tuple(v) for k, v in want.items()}, (trial, semantics)
