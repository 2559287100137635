"""Property tests: diff(m, m) is empty; known edits are reported exactly."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.diff import MapDiff, diff_maps
from argmap.formats.yaml import attack_id, support_id
from argmap.model import (
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    Stakeholder,
    Stance,
    StanceKind,
    Support,
)

WORDS = ("ice", "city", "police", "union", "court", "policy", "safety", "trust", "law", "duty")


def claim_text(i: int) -> str:
    # Words unique to the claim, so different claims never look alike.
    return f"Claim{i} says word{i}a and word{i}b about topic{i}."


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Small valid maps with linked supports, rebuttals, undercuts and stances."""
    n = draw(st.integers(2, 10))
    ids = [f"c{i}" for i in range(n)]
    claims = [Claim(cid, claim_text(i)) for i, cid in enumerate(ids)]
    supports: dict[tuple[frozenset[str], str], Support] = {}
    for _ in range(draw(st.integers(0, n))):
        conclusion = draw(st.sampled_from(ids))
        others = [c for c in ids if c != conclusion]
        premises = tuple(sorted(draw(st.sets(st.sampled_from(others), min_size=1, max_size=2))))
        key = (frozenset(premises), conclusion)
        supports.setdefault(
            key, Support(support_id(premises, conclusion), premises, conclusion, explicit_id=False)
        )
    attacks: dict[tuple[str, str], Attack] = {}
    for _ in range(draw(st.integers(0, n))):
        attacker, target = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        attacks.setdefault(
            (attacker, target),
            Attack(attack_id(attacker, target), attacker, target, explicit_id=False),
        )
    sup_list = list(supports.values())
    if sup_list and draw(st.booleans()):
        s = draw(st.sampled_from(sup_list))
        attacker = draw(st.sampled_from(ids))
        attacks.setdefault(
            (attacker, s.id),
            Attack(
                attack_id(attacker, s.id), attacker, s.id, AttackKind.UNDERCUTS, explicit_id=False
            ),
        )
    holders = [Stakeholder(f"s{k}", f"Stakeholder {k}") for k in range(draw(st.integers(1, 3)))]
    stances: dict[tuple[str, str], Stance] = {}
    for _ in range(draw(st.integers(0, n))):
        h = draw(st.sampled_from(holders)).id
        c = draw(st.sampled_from(ids))
        stances.setdefault((h, c), Stance(h, c, draw(st.sampled_from(list(StanceKind)))))
    amap = ArgumentMap(
        title="generated",
        stakeholders=tuple(holders),
        claims=tuple(claims),
        supports=tuple(sup_list),
        attacks=tuple(attacks.values()),
        stances=tuple(stances.values()),
    )
    return argmap.loads(argmap.dumps(amap))  # valid, and as the loader builds it


def neighbours(m: ArgumentMap, cid: str) -> set[str]:
    out = {cid}
    for s in m.supports:
        ends = {*s.premises, s.conclusion}
        if cid in ends:
            out |= ends
    for a in m.attacks:
        target = a.target if m.has_claim(a.target) else None
        if a.attacker == cid or target == cid:
            out |= {a.attacker, target or a.attacker}
        if target is None and cid in {
            *m.support(a.target).premises,
            m.support(a.target).conclusion,
        }:
            out.add(a.attacker)
        if target is None and a.attacker == cid:
            s = m.support(a.target)
            out |= {*s.premises, s.conclusion}
    return out


@dataclass
class Expected:
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    renamed: set[tuple[str, str]] = field(default_factory=set)
    rel_added: set[tuple[str, str]] = field(default_factory=set)
    rel_removed: set[tuple[str, str]] = field(default_factory=set)
    flipped: set[tuple[str, str]] = field(default_factory=set)
    stances_added: set[tuple[str, str]] = field(default_factory=set)
    stances_removed: set[tuple[str, str]] = field(default_factory=set)
    stances_changed: set[tuple[str, str]] = field(default_factory=set)


def rtype(item: Support | Attack) -> str:
    if isinstance(item, Support):
        return "support"
    return "undercut" if item.kind is AttackKind.UNDERCUTS else "attack"


def reported(d: MapDiff) -> Expected:
    return Expected(
        added={c.id for c in d.claims_added},
        removed={c.id for c in d.claims_removed},
        changed={c.id for c in d.claims_changed},
        renamed={(c.old_id, c.id) for c in d.claims_renamed},
        rel_added={(r.type, r.id) for r in d.relations_added},
        rel_removed={(r.type, r.id) for r in d.relations_removed},
        flipped={(f.source, f.target) for f in d.relations_flipped},
        stances_added={(s.stakeholder, s.claim) for s in d.stances_added},
        stances_removed={(s.stakeholder, s.claim) for s in d.stances_removed},
        stances_changed={(s.stakeholder, s.claim) for s in d.stances_changed},
    )


EDITS = ("add", "remove", "retext", "reid", "relink", "flip", "restance")


@st.composite
def edited(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap, Expected]:
    """A map, a copy with known edits applied (on disjoint parts), and the edits."""
    old = draw(maps())
    m = old
    exp = Expected()
    touched: set[str] = set()
    for n, edit in enumerate(draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=5))):
        free = [c.id for c in m.claims if c.id not in touched]
        if edit == "add":
            cid = f"new{n}"
            m = replace(m, claims=(*m.claims, Claim(cid, f"Fresh{n} statement about newtopic{n}.")))
            exp.added.add(cid)
            touched.add(cid)
        elif edit == "retext" and free:
            cid = draw(st.sampled_from(free))
            m = replace(
                m,
                claims=tuple(
                    replace(c, text=f"Rewritten{n} wording entirely.") if c.id == cid else c
                    for c in m.claims
                ),
            )
            exp.changed.add(cid)
            touched.add(cid)
        elif edit in ("remove", "reid") and free:
            cid = draw(st.sampled_from(free))
            near = neighbours(m, cid)
            if near & touched:
                continue
            touched |= near
            if edit == "remove":
                m, gone = remove_claim(m, cid)
                exp.removed.add(cid)
                exp.rel_removed |= {(rtype(r), r.id) for r in gone}
                exp.stances_removed |= {(s.stakeholder, s.claim) for s in old.stances_on(cid)}
            else:
                new_id = f"{cid}-renamed{n}"
                m = rename_claim(m, cid, new_id)
                exp.renamed.add((cid, new_id))
                touched.add(new_id)
        elif edit in ("relink", "flip"):
            undercut = {a.target for a in m.attacks if a.kind is AttackKind.UNDERCUTS}
            options = [
                s
                for s in m.supports
                if s.id not in undercut
                and not ({*s.premises, s.conclusion} & touched)
                and (edit == "relink" or len(s.premises) == 1)
            ]
            if not options:
                continue
            s = draw(st.sampled_from(options))
            if edit == "flip":
                p, c = s.premises[0], s.conclusion
                if any(a.attacker == p and a.target == c for a in m.attacks):
                    continue
                a = Attack(attack_id(p, c), p, c, explicit_id=False)
                m = replace(
                    m,
                    supports=tuple(x for x in m.supports if x is not s),
                    attacks=(*m.attacks, a),
                )
                exp.flipped.add((p, c))
                touched |= {p, c}
                continue
            targets = [
                c
                for c in free
                if c not in s.premises
                and c != s.conclusion
                and not any(
                    set(x.premises) == set(s.premises) and x.conclusion == c for x in m.supports
                )
            ]
            if not targets:
                continue
            target = draw(st.sampled_from(targets))
            moved = Support(support_id(s.premises, target), s.premises, target, explicit_id=False)
            m = replace(m, supports=tuple(moved if x is s else x for x in m.supports))
            exp.rel_removed.add(("support", s.id))
            exp.rel_added.add(("support", moved.id))
            touched |= {*s.premises, s.conclusion, target}
        elif edit == "restance":
            options2 = [s for s in m.stances if s.claim not in touched]
            if not options2:
                continue
            stance = draw(st.sampled_from(options2))
            kinds = [k for k in StanceKind if k != stance.kind]
            changed = replace(stance, kind=draw(st.sampled_from(kinds)))
            m = replace(m, stances=tuple(changed if x is stance else x for x in m.stances))
            exp.stances_changed.add((stance.stakeholder, stance.claim))
            touched.add(stance.claim)
    return old, argmap.loads(argmap.dumps(m)), exp


def remove_claim(m: ArgumentMap, cid: str) -> tuple[ArgumentMap, list[Support | Attack]]:
    gone_sup = [s for s in m.supports if cid in s.premises or s.conclusion == cid]
    gone_ids = {s.id for s in gone_sup}
    gone_att = [a for a in m.attacks if cid in (a.attacker, a.target) or a.target in gone_ids]
    new = replace(
        m,
        claims=tuple(c for c in m.claims if c.id != cid),
        supports=tuple(s for s in m.supports if s not in gone_sup),
        attacks=tuple(a for a in m.attacks if a not in gone_att),
        stances=tuple(s for s in m.stances if s.claim != cid),
    )
    return new, [*gone_sup, *gone_att]


def rename_claim(m: ArgumentMap, old: str, new: str) -> ArgumentMap:
    def r(i: str) -> str:
        return new if i == old else i

    sup_ids: dict[str, str] = {}
    supports = []
    for s in m.supports:
        premises = tuple(r(p) for p in s.premises)
        sid = s.id if s.explicit_id else support_id(premises, r(s.conclusion))
        sup_ids[s.id] = sid
        supports.append(replace(s, id=sid, premises=premises, conclusion=r(s.conclusion)))
    attacks = []
    for a in m.attacks:
        target = sup_ids.get(a.target, r(a.target))
        aid = a.id if a.explicit_id else attack_id(r(a.attacker), target)
        attacks.append(replace(a, id=aid, attacker=r(a.attacker), target=target))
    return replace(
        m,
        claims=tuple(replace(c, id=r(c.id)) for c in m.claims),
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=tuple(replace(s, claim=r(s.claim)) for s in m.stances),
        main=tuple(r(x) for x in m.main),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_diff_of_a_map_with_itself_is_empty_and_exits_0(m: ArgumentMap) -> None:
    d = diff_maps(m, m)
    assert d.is_empty()
    assert all(not v for section in d.to_json().values() for v in section.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.yaml"
        path.write_text(argmap.dumps(m), "utf-8")
        result = CliRunner().invoke(main, ["diff", str(path), str(path)])
    assert result.exit_code == 0, result.output
    assert "no differences" in result.output


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_known_edits_are_reported_exactly(case: tuple[ArgumentMap, ArgumentMap, Expected]) -> None:
    old, new, expected = case
    d = diff_maps(old, new)
    assert reported(d) == expected
    assert not d.relations_changed and not d.stakeholders_changed and not d.map_changed
    assert d.is_empty() == (expected == Expected())


@settings(max_examples=40, deadline=None)
@given(edited())
def test_diff_is_deterministic_and_reverses(
    case: tuple[ArgumentMap, ArgumentMap, Expected],
) -> None:
    old, new, _ = case
    forward = diff_maps(old, new)
    assert forward.to_json() == diff_maps(old, new).to_json()
    back = diff_maps(new, old)
    assert {c.id for c in back.claims_added} == {c.id for c in forward.claims_removed}
    assert {(c.id, c.old_id) for c in back.claims_renamed} == {
        (c.old_id, c.id) for c in forward.claims_renamed
    }
    assert len(back.relations_flipped) == len(forward.relations_flipped)


@settings(max_examples=40, deadline=None)
@given(edited())
def test_drawing_overlay_marks_match_the_diff(
    case: tuple[ArgumentMap, ArgumentMap, Expected],
) -> None:
    from argmap.diff import drawing_overlay

    old, new, expected = case
    union, marks = drawing_overlay(old, new)
    assert {c.id for c in union.claims} == {c.id for c in new.claims} | expected.removed
    claim_marks = {i: m for i, m in marks.items() if union.has_claim(i)}
    assert claim_marks == {
        **{i: "added" for i in expected.added},
        **{i: "removed" for i in expected.removed},
        **{i: "changed" for i in expected.changed},
        **{n: "renamed" for _o, n in expected.renamed},
    }
    # every support and attack of the union has its ends in the union
    for s in union.supports:
        assert all(union.has_claim(p) for p in (*s.premises, s.conclusion))
    support_ids = {s.id for s in union.supports}
    for a in union.attacks:
        assert union.has_claim(a.attacker)
        assert union.has_claim(a.target) or a.target in support_ids
    if expected == Expected():
        assert marks == {} and union == new
