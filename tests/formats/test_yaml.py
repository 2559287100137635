"""The native format: every broken-map rule, positions, and round trips."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import MapError
from argmap.formats.yaml import _slow, dumps, loads
from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    ClaimKind,
    Hedge,
    Issue,
    ProofStandard,
    Relation,
    RelationKind,
    Source,
    Stakeholder,
    StakeholderKind,
    Stance,
    StanceKind,
    Support,
)

BROKEN = Path(__file__).parent / "broken"


def test_every_problem_is_reported_at_once() -> None:
    text = """argmap: 1
title: Many problems
claims:
  - id: a
    text: A.
    colour: red
  - id: a
    text: Again.
supports:
  - {from: b, to: a}
attacks:
  - {from: a, to: a}
"""
    with pytest.raises(MapError) as info:
        loads(text, "many.yaml")
    lines = [str(p) for p in info.value.problems]
    assert lines == [
        "many.yaml:6:5: unknown key 'colour' (allowed: assumed, hedge, hedge_words, id, kind, "
        "label, note, sources, tags, text, weight)",
        "many.yaml:7:9: duplicate id 'a': already used by a claim (first defined at line 4)",
        "many.yaml:10:12: unknown claim 'b'",
        "many.yaml:12:5: claim 'a' cannot attack itself",
    ]


def test_yaml_12_scalars_stay_strings() -> None:
    amap = loads(
        "argmap: 1\ntitle: yes\nsources:\n  - {id: s, title: no, date: 2024-03-01}\nclaims: []\n"
    )
    assert amap.title == "yes"
    assert amap.sources[0].title == "no"
    assert amap.sources[0].date == "2024-03-01"


def test_derived_ids_and_undercut_kind() -> None:
    amap = loads(
        """argmap: 1
title: t
claims:
  - {id: a, text: A}
  - {id: b, text: B}
  - {id: c, text: C}
  - {id: x, text: X}
supports:
  - {from: [a, c], to: b}
attacks:
  - {from: x, to: a+c>b}
  - {from: x, to: a}
"""
    )
    assert amap.supports[0].id == "a+c>b"
    assert amap.supports[0].premises == ("a", "c")
    assert [(a.id, a.kind) for a in amap.attacks] == [
        ("x!a+c>b", AttackKind.UNDERCUTS),
        ("x!a", AttackKind.REBUTS),
    ]


def test_stance_lists_expand_and_duplicates_are_caught() -> None:
    base = """argmap: 1
title: t
stakeholders: [{id: s, name: S}]
claims: [{id: a, text: A}, {id: b, text: B}]
stances:
  - {stakeholder: s, endorses: [a, b], strength: 0.5}
"""
    amap = loads(base)
    assert amap.stances == (
        Stance("s", "a", StanceKind.ENDORSES, 0.5),
        Stance("s", "b", StanceKind.ENDORSES, 0.5),
    )
    with pytest.raises(MapError, match="'s' already takes a stance on 'b'"):
        loads(base + "  - {stakeholder: s, rejects: b}\n")


def test_chicago_map_is_valid_and_complete(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    assert len(amap.claims) >= 30
    ids = {s.id for s in amap.stakeholders}
    assert {"city", "cpd", "union", "ice", "federal", "immigrants", "courts", "residents"} <= ids
    assert all(c.anchors for c in amap.claims)
    assert any(a.kind is AttackKind.UNDERCUTS for a in amap.attacks)
    assert any(len(s.premises) > 1 for s in amap.supports)
    holders = {s.stakeholder for s in amap.stances}
    assert holders >= ids - {"courts"}
    # every relation and stance is either quoted or marked as the mapper's inference
    for item in (*amap.supports, *amap.attacks, *amap.stances):
        assert item.anchors or item.inferred, item
    assert "no-simple-answer" in amap.main


def test_schema_accepts_the_chicago_map_and_rejects_broken_ones(chicago_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from argmap.formats._positions import parse_with_positions

    schema = json.loads(
        resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = parse_with_positions(chicago_path.read_text("utf-8")).data
    assert list(validator.iter_errors(data)) == []
    for name in ("unknown_key", "wrong_type", "unsupported_version", "two_verbs"):
        broken = parse_with_positions((BROKEN / f"{name}.yaml").read_text("utf-8")).data
        assert list(validator.iter_errors(broken)), name


def test_graph_view(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    g = argmap.to_graph(amap)
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"claim", "support", "stakeholder"}
    support = amap.supports[0]
    assert g.has_edge(support.premises[0], support.id, key="premise")
    assert g.has_edge(support.id, support.conclusion, key="supports")
    undercut = next(a for a in amap.attacks if a.kind is AttackKind.UNDERCUTS)
    assert g.edges[undercut.attacker, undercut.target, "undercuts"]["id"] == undercut.id
    stance = amap.stances[0]
    assert g.edges[stance.stakeholder, stance.claim, "stance"]["stance"] == str(stance.kind)


# ---------------------------------------------------------------- round trips

slugs = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda s: s.strip() != "")
unit = st.one_of(st.none(), st.floats(0, 1, allow_nan=False))
level = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def hedging(draw: st.DrawFn) -> dict[str, Any]:
    """A hedge level, and sometimes the source's words (only with a level)."""
    hedge = draw(st.none() | st.sampled_from(Hedge))
    words = draw(st.none() | texts) if hedge is not None else None
    return {"hedge": hedge, "hedge_words": words}


def anchor_lists(source_ids: list[str]) -> st.SearchStrategy[tuple[Anchor, ...]]:
    if not source_ids:
        return st.just(())
    return st.lists(st.builds(Anchor, st.sampled_from(source_ids), texts), max_size=2).map(tuple)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    ids = draw(st.lists(slugs, min_size=2, max_size=24, unique=True))
    n_claims = draw(st.integers(1, len(ids) - 1))
    claim_ids, rest = ids[:n_claims], ids[n_claims:]
    n_holders = draw(st.integers(0, len(rest)))
    holder_ids, rest = rest[:n_holders], rest[n_holders:]
    source_ids = rest
    sources = tuple(Source(s, draw(texts), author=draw(st.none() | texts)) for s in source_ids)
    claims = tuple(
        Claim(
            c,
            draw(texts),
            draw(st.sampled_from(ClaimKind)),
            label=draw(st.none() | texts),
            tags=tuple(draw(st.lists(texts, max_size=3, unique=True))),
            anchors=tuple(
                Anchor(s, draw(texts))
                for s in draw(st.lists(st.sampled_from(source_ids), max_size=2))
            )
            if source_ids
            else (),
            assumed=draw(st.booleans()),
            weight=draw(unit),
            note=draw(st.none() | texts),
            **draw(hedging()),
        )
        for c in claim_ids
    )
    supports: list[Support] = []
    seen: set[tuple[frozenset[str], str]] = set()
    if len(claim_ids) > 1:
        for i in range(draw(st.integers(0, 6))):
            conclusion = draw(st.sampled_from(claim_ids))
            others = [c for c in claim_ids if c != conclusion]
            premises = tuple(
                draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            )
            if (frozenset(premises), conclusion) in seen:
                continue
            seen.add((frozenset(premises), conclusion))
            explicit = draw(st.booleans())
            sid = f"s_{i}" if explicit else "+".join(premises) + ">" + conclusion
            supports.append(
                Support(
                    sid,
                    premises,
                    conclusion,
                    draw(unit),
                    draw(st.none() | texts),
                    None,
                    explicit,
                    anchors=draw(anchor_lists(source_ids)),
                    inferred=draw(st.none() | texts),
                    **draw(hedging()),
                )
            )
    attacks: list[Attack] = []
    pairs: set[tuple[str, str]] = set()
    targets = list(claim_ids) + [s.id for s in supports]
    if len(claim_ids) > 1:
        for i in range(draw(st.integers(0, 6))):
            attacker = draw(st.sampled_from(claim_ids))
            target = draw(st.sampled_from(targets))
            if target == attacker or (attacker, target) in pairs:
                continue
            pairs.add((attacker, target))
            explicit = draw(st.booleans())
            kind = AttackKind.REBUTS if target in claim_ids else AttackKind.UNDERCUTS
            aid = f"a_{i}" if explicit else f"{attacker}!{target}"
            attacks.append(
                Attack(
                    aid,
                    attacker,
                    target,
                    kind,
                    draw(unit),
                    None,
                    explicit,
                    anchors=draw(anchor_lists(source_ids)),
                    inferred=draw(st.none() | texts),
                    **draw(hedging()),
                )
            )
    stakeholders = tuple(
        Stakeholder(
            h,
            draw(texts),
            draw(st.sampled_from(StakeholderKind)),
            power=draw(level),
            interest=draw(level),
            description=draw(st.none() | texts),
            relations=tuple(
                Relation(kind, target, draw(st.none() | texts))
                for kind, target in draw(
                    st.lists(
                        st.tuples(
                            st.sampled_from(RelationKind),
                            st.sampled_from([x for x in holder_ids if x != h] or ["-"]),
                        ),
                        max_size=2,
                        unique=True,
                    )
                )
                if target != "-"
            ),
        )
        for h in holder_ids
    )
    stances = tuple(
        Stance(
            h,
            c,
            draw(st.sampled_from(StanceKind)),
            draw(unit),
            anchors=draw(anchor_lists(source_ids)),
            note=draw(st.none() | texts),
            inferred=draw(st.none() | texts),
            **draw(hedging()),
        )
        for h in holder_ids
        for c in draw(st.lists(st.sampled_from(claim_ids), max_size=3, unique=True))
    )
    issues = (
        (Issue("issue-1", draw(texts), (claim_ids[0],), draw(st.sampled_from(ProofStandard))),)
        if draw(st.booleans()) and "issue-1" not in ids
        else ()
    )
    return ArgumentMap(
        title=draw(texts),
        description=draw(st.none() | texts),
        main=(claim_ids[0],) if draw(st.booleans()) else (),
        sources=sources,
        stakeholders=stakeholders,
        claims=claims,
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=stances,
        issues=issues,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_dump_then_load_gives_the_same_map(amap: ArgumentMap) -> None:
    text = dumps(amap)
    assert loads(text) == amap
    assert dumps(loads(text)) == text  # formatting twice is stable
    # The exact path (PyYAML's composer, used to locate problems) agrees with
    # the fast path on every valid map.
    assert _slow(text, "m.yaml") == amap


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_native_json_round_trip_keeps_hedges_and_relation_quotes(amap: ArgumentMap) -> None:
    from argmap.formats import json_native

    assert json_native.loads(json_native.dumps(amap)) == amap


def test_chicago_round_trip(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    assert loads(dumps(amap)) == amap


def test_loaded_objects_are_true_frozen_model_objects() -> None:
    import dataclasses

    amap = loads(
        "argmap: 1\ntitle: t\nstakeholders: [{id: s, name: S}]\n"
        "claims: [{id: a, text: A, tags: [x]}, {id: b, text: B}]\n"
        "supports: [{from: a, to: b}]\nattacks: [{from: b, to: a}]\n"
        "stances: [{stakeholder: s, asserts: a}]\n"
    )
    for obj, cls in (
        (amap.claims[0], Claim),
        (amap.supports[0], Support),
        (amap.attacks[0], Attack),
        (amap.stances[0], Stance),
    ):
        assert type(obj) is cls
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.note = "changed"  # type: ignore[misc]
    assert amap.claims[0] == Claim("a", "A", tags=("x",))
    assert hash(amap.claims[1]) == hash(Claim("b", "B"))
    assert amap.attacks[0] == Attack("b!a", "b", "a", AttackKind.REBUTS, explicit_id=False)


@pytest.mark.parametrize("title", ["q\n", "Law\n\n", "a\nb"])
def test_a_text_ending_in_a_newline_is_quoted_and_read_back(title: str) -> None:
    amap = loads("argmap: 1\ntitle: t\nclaims:\n  - {id: a, text: A}\n", "m.yaml")
    again = loads(dumps(replace(amap, title=title)), "m.yaml")
    assert again.title == title


def test_the_same_premises_are_the_same_support_however_they_are_written() -> None:
    text = (
        "argmap: 1\ntitle: t\nclaims:\n"
        "  - {id: a, text: A}\n  - {id: b, text: B}\n  - {id: c, text: C}\n"
        "supports:\n"
        "  - {from: a, to: b}\n  - {from: [a], to: b}\n"
        "  - {from: [a, c], to: b}\n  - {from: [c, a], to: b}\n  - {from: c, to: b}\n"
    )
    with pytest.raises(MapError) as info:
        loads(text)
    found = [(p.line, p.message) for p in info.value.problems]
    assert found == [
        (9, "the same premises already support this conclusion (first defined at line 8)"),
        (11, "the same premises already support this conclusion (first defined at line 10)"),
    ]


@pytest.mark.parametrize(
    "path",
    [*sorted(BROKEN.glob("*.yaml")), Path(__file__).parents[2] / "maps" / "chicago_ice.yaml"],
    ids=lambda p: p.stem,
)
def test_checking_without_making_finds_the_same_problems(path: Path) -> None:
    """A builder that only checks and counts (for a verdict without the map)
    finds every problem one that makes the map finds, and counts alike."""
    from argmap.formats._positions import parse_with_positions
    from argmap.formats.yaml import _Builder, _Found

    data = parse_with_positions(path.read_text("utf-8")).data
    found: dict[bool, list[tuple[object, str]]] = {}
    sizes: dict[bool, dict[str, int]] = {}
    for make in (True, False):
        problems: list[_Found] = []
        builder = _Builder(problems, make=make)
        if builder.header(data) is not None:
            parts = builder.parts(data)
            builder.check_refs()
            if make:
                assert builder.sizes["claims"] == len(parts.claims)
                assert builder.sizes["supports"] == len(parts.supports)
                assert builder.sizes["attacks"] == len(parts.attacks)
            else:
                assert not parts.claims and not parts.supports and not parts.attacks
        found[make] = [(p.path, p.message) for p in problems]
        sizes[make] = builder.sizes
    assert found[True] == found[False]
    assert sizes[True] == sizes[False]
