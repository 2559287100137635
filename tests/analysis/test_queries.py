"""Queries, pinned on the Chicago map and on small inline maps."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis import queries as q
from argmap.model import ArgumentMap

SMALL = """
argmap: 1
title: small
stakeholders:
  - {id: a, name: A}
  - {id: b, name: B}
claims:
  - {id: c, text: Conclusion}
  - {id: p, text: Premise}
  - {id: r, text: Rebuttal}
  - {id: d, text: Defender}
  - {id: u, text: Undercutter}
  - {id: pr, text: Reason for the rebuttal}
supports:
  - {from: p, to: c, id: s1}
  - {from: pr, to: r}
attacks:
  - {from: r, to: c}
  - {from: d, to: r}
  - {from: u, to: s1}
stances:
  - {stakeholder: a, asserts: [c, d]}
  - {stakeholder: b, asserts: r, strength: 0.5}
  - {stakeholder: b, rejects: c}
"""


@pytest.fixture
def small() -> ArgumentMap:
    return argmap.loads(SMALL)


@pytest.fixture
def chicago(chicago_path: Path) -> ArgumentMap:
    return argmap.load(chicago_path)


def test_direct_and_deep_chains(small: ArgumentMap) -> None:
    assert [(f.claim, f.role) for f in q.supporters(small, "c")] == [("p", "supports")]
    assert [(f.claim, f.role) for f in q.opposers(small, "c")] == [
        ("r", "rebuts"),
        ("u", "undercuts"),
    ]
    deep_pro = {(f.claim, f.role, f.depth) for f in q.supporters(small, "c", None)}
    assert deep_pro == {("p", "supports", 1), ("d", "defends", 2)}
    deep_con = {(f.claim, f.role, f.depth) for f in q.opposers(small, "c", None)}
    assert ("pr", "supports-objection", 2) in deep_con
    (defender,) = [f for f in q.supporters(small, "c", None) if f.claim == "d"]
    assert [(s.source, s.kind, s.target) for s in defender.path] == [
        ("d", "rebuts", "r"),
        ("r", "rebuts", "c"),
    ]


def test_who_holds_unsupported_unanswered(small: ArgumentMap) -> None:
    held = q.who(small, "c")
    assert [h.stakeholder for h in held["asserts"]] == ["a"]
    assert [h.stakeholder for h in held["rejects"]] == ["b"]
    assert q.holds(small, "b") == {"asserts": ["r"], "endorses": [], "rejects": ["c"]}
    assert [u.claim for u in q.unsupported(small)] == ["d"]
    # r is answered by d; d and u are not answered
    assert {u.attacker for u in q.unanswered(small)} == {"d", "u"}


def test_paths_have_a_sign(small: ArgumentMap) -> None:
    chains = q.paths(small, "d", "c")
    assert [c.sign for c in chains] == [1]
    assert q.paths(small, "c", "d") == []


def test_unknown_ids_suggest(small: ArgumentMap) -> None:
    with pytest.raises(argmap.UnknownIdError, match="did you mean 'c'"):
        q.supporters(small, "cc")
    with pytest.raises(argmap.UnknownIdError, match="stakeholder"):
        q.holds(small, "aa")


def test_chicago_what_opposes_the_dereliction_charge(chicago: ArgumentMap) -> None:
    direct = {(f.claim, f.role) for f in q.opposers(chicago, "dereliction-of-duty")}
    assert direct == {
        ("affirms-local-sovereignty", "rebuts"),
        ("protects-vulnerable-residents", "rebuts"),
        ("not-blanket-refusal", "undercuts"),
    }
    deep = {f.claim for f in q.opposers(chicago, "dereliction-of-duty", None)}
    # CPD still cooperating on crime backs the nuance that undercuts the charge
    assert {"cpd-cooperates-on-crime", "cities-set-own-priorities"} <= deep


def test_chicago_what_supports_the_dereliction_charge(chicago: ArgumentMap) -> None:
    direct = {f.claim for f in q.supporters(chicago, "dereliction-of-duty")}
    # "a failure to uphold the law": the federal claim is one of the charge's reasons
    assert direct == {
        "cpd-no-proactive-status-help",
        "police-must-uphold-law",
        "violates-federal-law",
    }
    deep = {(f.claim, f.role) for f in q.supporters(chicago, "dereliction-of-duty", None)}
    assert ("policy-restricts-resources", "supports") in deep


def test_chicago_who_and_holds(chicago: ArgumentMap) -> None:
    held = q.who(chicago, "dereliction-of-duty")
    assert [h.stakeholder for h in held["asserts"]] == ["union"]
    assert [h.stakeholder for h in held["rejects"]] == ["city"]
    assert "sanctuary-policy-should-stand" in q.holds(chicago, "city")["asserts"]


def test_chicago_unanswered_includes_the_nuance(chicago: ArgumentMap) -> None:
    ids = {u.attack for u in q.unanswered(chicago)}
    assert "nuance-undercuts-dereliction" in ids
    assert "data-and-evidence!reporting-argument" in ids
    # the legal question is open: nothing refutes the federal claim
    assert not any(i.endswith("!violates-federal-law") for i in ids)


def _networkx_paths(
    amap: ArgumentMap, source: str, target: str, cutoff: int
) -> set[tuple[q.Step, ...]]:
    """The reference: simple paths of the map's networkx graph (argmap.graph),
    where a support is a node between its premises and its conclusion."""
    import networkx as nx

    from argmap import graph as G

    g = G.to_graph(amap)
    out: set[tuple[q.Step, ...]] = set()
    for edges in nx.all_simple_edge_paths(g, source, target, cutoff=2 * cutoff):
        steps: list[q.Step] = []
        for (u, v, kind), nxt in zip(edges, [*edges[1:], None], strict=True):
            if kind == G.ATTACKS:
                steps.append(q.Step(u, "rebuts", v))
            elif nxt is not None and kind in (G.PREMISE, G.UNDERCUTS):
                verb = "supports" if kind == G.PREMISE else "undercuts"
                steps.append(q.Step(u, verb, nxt[1], v))
        if len(steps) <= cutoff:
            out.add(tuple(steps))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_paths_are_the_simple_chains_networkx_finds(seed: int) -> None:
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    amap = argmap.loads(generate(40, seed, supports=1.2, attacks=0.8))
    rng = random.Random(seed)
    ids = [c.id for c in amap.claims]
    for _ in range(15):
        source, target = rng.sample(ids, 2)
        cutoff = rng.randint(1, 6)
        found = q.paths(amap, source, target, max_length=cutoff, limit=10**6)
        assert {c.steps for c in found} == _networkx_paths(amap, source, target, cutoff)
        assert len(found) == len({c.steps for c in found})
