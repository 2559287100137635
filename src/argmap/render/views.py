"""Stage 1 of the render pipeline: select what to draw (:func:`scene`).

Focused views: the part of a map around a claim, a stakeholder or a tag.

Each selector returns a smaller :class:`ArgumentMap` with the same ids, so
every drawing (and marks keyed by id) works on it unchanged. A support is kept
when its conclusion and at least one premise are kept, and then all its
premises come along (a linked argument is never drawn half); an attack is kept
when both ends are kept.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType

from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap
from argmap.render.values import Scene

VIEWS: tuple[str, ...] = ("argument", "stakeholders", "full", "grid")
RANKDIRS: tuple[str, ...] = ("TB", "BT", "LR", "RL")


def neighbours(amap: ArgumentMap) -> dict[str, set[str]]:
    """Claim id -> claims one step away (as premise, conclusion, attacker or
    target; an undercut links the attacker to the support's claims)."""
    near: dict[str, set[str]] = {c.id: set() for c in amap.claims}
    by_support = {s.id: s for s in amap.supports}
    for s in amap.supports:
        for p in s.premises:
            near[p].add(s.conclusion)
            near[s.conclusion].add(p)
    for a in amap.attacks:
        if a.kind == "undercuts" and a.target in by_support:
            s = by_support[a.target]
            ends: Iterable[str] = (s.conclusion, *s.premises)
        else:
            ends = (a.target,)
        for end in ends:
            if end in near and a.attacker in near:
                near[a.attacker].add(end)
                near[end].add(a.attacker)
    return near


def around(amap: ArgumentMap, claim: str, depth: int) -> set[str]:
    """The claims within ``depth`` steps of ``claim``, up and down the argument."""
    amap.require_claim(claim)
    if depth < 0:
        raise ArgmapError("--depth must be 0 or more")
    near = neighbours(amap)
    seen = {claim}
    queue = deque([(claim, 0)])
    while queue:
        at, d = queue.popleft()
        if d == depth:
            continue
        for nxt in sorted(near[at]):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, d + 1))
    return seen


def of_stakeholder(amap: ArgumentMap, stakeholder: str) -> set[str]:
    """The claims a stakeholder asserts, endorses or rejects, and the claims
    attacking them directly."""
    amap.require_stakeholder(stakeholder)
    held = {st.claim for st in amap.stances if st.stakeholder == stakeholder}
    return held | {a.attacker for a in amap.attacks if a.target in held}


def tagged(amap: ArgumentMap, tag: str) -> set[str]:
    """The claims carrying ``tag``."""
    found = {c.id for c in amap.claims if tag in c.tags}
    if not found:
        known = sorted({t for c in amap.claims for t in c.tags})
        raise UnknownIdError("tag", tag, known)
    return found


def restrict(amap: ArgumentMap, keep: set[str]) -> ArgumentMap:
    """The map cut down to the claims in ``keep`` (see the module docstring)."""
    keep = set(keep)
    supports = tuple(
        s for s in amap.supports if s.conclusion in keep and any(p in keep for p in s.premises)
    )
    for s in supports:
        keep.update(s.premises)
    support_ids = {s.id for s in supports}
    attacks = tuple(
        a
        for a in amap.attacks
        if a.attacker in keep and (a.target in keep or a.target in support_ids)
    )
    return replace(
        amap,
        main=tuple(c for c in amap.main if c in keep),
        claims=tuple(c for c in amap.claims if c.id in keep),
        supports=supports,
        attacks=attacks,
        stances=tuple(st for st in amap.stances if st.claim in keep),
        issues=(),
        rephrases=tuple(r for r in amap.rephrases if r.original in keep and r.restatement in keep),
        preferences=(),
    )


def select(
    amap: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int = 1,
    stakeholder: str | None = None,
    tag: str | None = None,
) -> ArgumentMap:
    """The map limited by every selector given (their intersection)."""
    keep: set[str] | None = None
    for chosen in (
        around(amap, focus, depth) if focus is not None else None,
        of_stakeholder(amap, stakeholder) if stakeholder is not None else None,
        tagged(amap, tag) if tag is not None else None,
    ):
        if chosen is not None:
            keep = chosen if keep is None else keep & chosen
    if keep is None:
        return amap
    return restrict(amap, keep)


def scene(
    amap: ArgumentMap,
    *,
    view: str = "argument",
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    title: bool = True,
    focus: str | None = None,
    depth: int = 1,
    stakeholder: str | None = None,
    tag: str | None = None,
) -> Scene:
    """The pipeline's first value: the map narrowed by ``focus``/``stakeholder``/
    ``tag`` (see :func:`select`) and the view with its options, checked."""
    if view not in VIEWS:
        raise ArgmapError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    if rankdir is not None and rankdir not in RANKDIRS:
        raise ArgmapError(f"unknown rankdir {rankdir!r} (known: {', '.join(RANKDIRS)})")
    narrowed = select(amap, focus=focus, depth=depth, stakeholder=stakeholder, tag=tag)
    return Scene(
        narrowed,
        view,
        MappingProxyType(dict(marks or {})),
        layout,
        rankdir,
        legend,
        title,
    )
