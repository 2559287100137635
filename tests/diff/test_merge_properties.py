"""Property tests of the three-way merge over random maps and random edit scripts."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.diff import merge_maps, merge_text
from argmap.errors import MapError
from argmap.formats.yaml import support_id
from argmap.model import ArgumentMap, Claim, StanceKind, Support

_spec = importlib.util.spec_from_file_location(
    "diff_property_strategies", Path(__file__).with_name("test_properties.py")
)
assert _spec is not None and _spec.loader is not None
_props = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _props
_spec.loader.exec_module(_props)
maps = _props.maps
neighbours = _props.neighbours
remove_claim = _props.remove_claim
rename_claim = _props.rename_claim

Edit = Callable[[ArgumentMap], ArgumentMap]


@dataclass
class Script:
    """Edits drawn against one base map, and the claims (and stakeholders) they touch."""

    edits: list[Edit] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)

    def apply(self, m: ArgumentMap) -> ArgumentMap:
        for e in self.edits:
            m = e(m)
        return argmap.loads(argmap.dumps(m))


KINDS = ("add", "remove", "retext", "rename", "weight", "restance", "power", "tag")


def _retext(cid: str, text: str) -> Edit:
    return lambda m: replace(
        m, claims=tuple(replace(c, text=text) if c.id == cid else c for c in m.claims)
    )


def _tag(cid: str, tag: str) -> Edit:
    return lambda m: replace(
        m, claims=tuple(replace(c, tags=(*c.tags, tag)) if c.id == cid else c for c in m.claims)
    )


def _add(cid: str, text: str, to: str | None) -> Edit:
    def go(m: ArgumentMap) -> ArgumentMap:
        m = replace(m, claims=(*m.claims, Claim(cid, text)))
        if to is not None:
            s = Support(support_id((cid,), to), (cid,), to, explicit_id=False)
            m = replace(m, supports=(*m.supports, s))
        return m

    return go


def _weight(key: tuple[frozenset[str], str], w: float) -> Edit:
    return lambda m: replace(
        m,
        supports=tuple(
            replace(s, weight=w) if (frozenset(s.premises), s.conclusion) == key else s
            for s in m.supports
        ),
    )


def _restance(key: tuple[str, str], kind: StanceKind) -> Edit:
    return lambda m: replace(
        m,
        stances=tuple(
            replace(s, kind=kind) if (s.stakeholder, s.claim) == key else s for s in m.stances
        ),
    )


def _power(sid: str, power: int) -> Edit:
    return lambda m: replace(
        m,
        stakeholders=tuple(replace(h, power=power) if h.id == sid else h for h in m.stakeholders),
    )


@st.composite
def scripts(
    draw: st.DrawFn, base: ArgumentMap, side: str, avoid: frozenset[str] = frozenset()
) -> Script:
    """A random edit script on ``base``, touching nothing in ``avoid``."""
    script = Script()
    busy = set(avoid)
    for n, kind in enumerate(draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))):
        free = [c.id for c in base.claims if c.id not in busy]
        if kind == "add":
            cid = f"{side}new{n}"
            to = draw(st.sampled_from([None, *free])) if free else None
            script.edits.append(_add(cid, f"Fresh{side}{n} statement about {side}topic{n}.", to))
            busy.add(cid)
            if to is not None:
                busy.add(to)
        elif kind in ("retext", "tag") and free:
            cid = draw(st.sampled_from(free))
            if kind == "retext":
                script.edits.append(_retext(cid, f"Rewritten{side}{n} wording entirely."))
            else:
                script.edits.append(_tag(cid, f"{side}tag{n}"))
            busy.add(cid)
        elif kind in ("remove", "rename") and free:
            cid = draw(st.sampled_from(free))
            near = neighbours(base, cid)
            if near & busy:
                continue
            busy |= near
            if kind == "remove":
                script.edits.append(lambda m, cid=cid: remove_claim(m, cid)[0])
            else:
                new_id = f"{cid}-{side}{n}"
                script.edits.append(lambda m, cid=cid, new_id=new_id: rename_claim(m, cid, new_id))
                busy.add(new_id)
        elif kind == "weight":
            options = [s for s in base.supports if not ({*s.premises, s.conclusion} & busy)]
            if not options:
                continue
            s = draw(st.sampled_from(options))
            script.edits.append(_weight((frozenset(s.premises), s.conclusion), 0.25 + n / 10))
            busy |= {*s.premises, s.conclusion}
        elif kind == "restance":
            stances = [s for s in base.stances if s.claim not in busy]
            if not stances:
                continue
            stance = draw(st.sampled_from(stances))
            other = draw(st.sampled_from([k for k in StanceKind if k != stance.kind]))
            script.edits.append(_restance((stance.stakeholder, stance.claim), other))
            busy.add(stance.claim)
        elif kind == "power":
            holders = [h.id for h in base.stakeholders if f"sh:{h.id}" not in busy]
            if not holders:
                continue
            sid = draw(st.sampled_from(holders))
            script.edits.append(_power(sid, draw(st.integers(1, 5))))
            busy.add(f"sh:{sid}")
    script.touched = busy - avoid
    return script


@st.composite
def one_side(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap]:
    base = draw(maps())
    return base, draw(scripts(base, "x")).apply(base)


@st.composite
def disjoint_sides(draw: st.DrawFn) -> tuple[ArgumentMap, Script, Script]:
    base = draw(maps())
    x = draw(scripts(base, "x"))
    y = draw(scripts(base, "y", frozenset(x.touched)))
    return base, x, y


@st.composite
def any_sides(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap, ArgumentMap]:
    base = draw(maps())
    return base, draw(scripts(base, "x")).apply(base), draw(scripts(base, "y")).apply(base)


def normal(m: ArgumentMap) -> Any:
    """A map with order left out (sections and tags as sets)."""
    claims = frozenset(replace(c, tags=tuple(sorted(c.tags))) for c in m.claims)
    return (
        m.title,
        frozenset(m.main),
        frozenset(m.stakeholders),
        claims,
        frozenset(m.supports),
        frozenset(m.attacks),
        frozenset(m.stances),
    )


def written(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> tuple[Any, str]:
    result = merge_maps(base, ours, theirs)
    return result, merge_text(result, argmap.dumps(ours))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(one_side())
def test_a_side_merged_with_the_base_is_that_side(case: tuple[ArgumentMap, ArgumentMap]) -> None:
    base, x = case
    for result in (merge_maps(base, x, base), merge_maps(base, base, x), merge_maps(base, x, x)):
        assert result.clean, result.conflicts
        assert result.merged == x
    result, text = written(base, x, base)
    assert text == argmap.dumps(x)  # ours' layout, untouched
    result, text = written(base, base, x)
    assert argmap.loads(text) == x


@SETTINGS
@given(disjoint_sides())
def test_non_overlapping_scripts_merge_to_applying_both(
    case: tuple[ArgumentMap, Script, Script],
) -> None:
    base, xs, ys = case
    x, y = xs.apply(base), ys.apply(base)
    both = ys.apply(xs.apply(base))
    result, text = written(base, x, y)
    assert result.clean, result.conflicts
    assert normal(result.merged) == normal(both)
    assert argmap.loads(text) == result.merged


@SETTINGS
@given(any_sides())
def test_merge_is_symmetric_up_to_the_side_that_wins_the_layout(
    case: tuple[ArgumentMap, ArgumentMap, ArgumentMap],
) -> None:
    base, x, y = case
    forward, text = written(base, x, y)
    backward = merge_maps(base, y, x)

    # Items are named by merged ids, which follow OURS' renames: compare the rest.
    def swapped(c: Any) -> tuple[Any, ...]:
        return (c.section, c.kind, c.field, repr(c.theirs), repr(c.ours))

    def plain(c: Any) -> tuple[Any, ...]:
        return (c.section, c.kind, c.field, repr(c.ours), repr(c.theirs))

    if forward.clean:
        assert backward.clean
        assert normal(forward.merged) == normal(backward.merged)
        assert argmap.loads(text) == forward.merged
        return
    assert sorted(map(plain, forward.conflicts)) == sorted(map(swapped, backward.conflicts))
    # A conflicted merge is a map whose only problems are the marked conflicts.
    with pytest.raises(MapError) as info:
        argmap.loads(text, "m.yaml")
    messages = [p.message for p in info.value.problems]
    assert messages and all(m.startswith("unresolved merge conflict") for m in messages)
