"""Three-way merge of maps: two versions that grew apart from a common base.

:func:`merge_maps` matches items as the diff does (docs/diff.md): claims by id
and then by rename detection against the base, supports by their endpoints,
attacks by attacker and target, stances by stakeholder and claim, everything
else by id. Both sides' claim ids are first taken into one id space, the
*merged ids*: a claim one side renamed gets that side's new id, and the other
side's references to it (supports, attacks, stances, ``main``, issues,
rephrases, preferences, and the derived ids ``a>b`` and ``a!b``) follow.

Then every item is merged field by field (over :func:`dataclasses.fields`, so
a new model field merges without code here): a field changed on one side only
takes that side's value, the same change on both sides is taken once, and a
list of distinct values (tags, anchors, relations, ``main``) merges as a set,
keeping OURS' order. What cannot be combined is a :class:`Conflict`:

* ``field``: both sides changed one field of one item to different values
  (or both added an item with the same identity and different fields);
* ``rename``: both sides renamed one claim to different ids, or a rename
  clashes with an id the other side added;
* ``delete-change``: one side deleted an item the other side changed;
* ``delete-reference``: one side deleted an item the other side now refers to.

A conflicted item stays in :attr:`MergeResult.merged` as OURS has it (a
deleted item comes back as the other side has it), so the merged map is
always a consistent map; :func:`argmap.diff.merge_text` writes it with the
conflicts marked for a person to resolve.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from argmap._gc import paused_gc
from argmap.diff._core import Json, _json_value
from argmap.model import (
    Anchor,
    ArgumentMap,
    AttackKind,
    Relation,
    Stance,
    Support,
)

CONFLICT_KINDS = ("field", "rename", "delete-change", "delete-reference")

# Sections whose items have a fixed identity other than ``id``.
_CLAIM_REFS: dict[type, tuple[str, ...]] = {
    Support: ("premises", "conclusion"),
    Stance: ("claim",),
}

_SECTION_NAMES = {
    "claims": "claim",
    "supports": "support",
    "attacks": "attack",
    "stakeholders": "stakeholder",
    "stances": "stance",
    "sources": "source",
    "issues": "issue",
    "rephrases": "rephrase",
    "preferences": "preference",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One thing the two sides did that cannot be combined.

    ``section`` is the map section (``claims``, ``supports``, ..., or ``map``
    for the map's own fields), ``item`` the item in merged ids (a stance is
    ``stakeholder/claim``), ``kind`` one of :data:`CONFLICT_KINDS`, ``field``
    the model field for ``field`` and ``rename`` conflicts, ``ours`` and
    ``theirs`` each side's value (JSON-able; ``None`` for a side that deleted
    the item), ``message`` the conflict in words.
    """

    section: str
    item: str
    kind: str
    field: str | None
    ours: Json
    theirs: Json
    message: str

    def to_json(self) -> dict[str, Json]:
        """The documented JSON entry (docs/merge.md)."""
        return {
            "section": self.section,
            "item": self.item,
            "kind": self.kind,
            "field": self.field,
            "ours": self.ours,
            "theirs": self.theirs,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Mark:
    """How a conflicted item of the merged map is marked in the written file.

    ``theirs`` is the item with THEIRS' value in each conflicting field (for
    ``field`` and ``rename`` conflicts); ``deleted_by`` names the side that
    deleted the item (``ours`` or ``theirs``) and ``other`` what the other side
    did, for the delete conflicts.
    """

    theirs: Any = None
    deleted_by: str | None = None
    other: str = ""


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged map and what could not be merged.

    ``merged`` is a consistent map; where there are conflicts it holds OURS'
    value of each conflicting field. ``renames`` maps each renamed claim's base
    id to its merged id. ``origin`` gives, per section, the index in ``ours``
    (OURS as given) of the item each merged item comes from (None for an item
    OURS does not have), and ``marks``
    the conflicted items by ``(section, index in merged)``; both are for
    writing the result in OURS' layout.
    """

    merged: ArgumentMap
    conflicts: tuple[Conflict, ...] = ()
    renames: Mapping[str, str] = field(default_factory=dict)
    origin: Mapping[str, tuple[int | None, ...]] = field(default_factory=dict, compare=False)
    marks: Mapping[tuple[str, int], Mark] = field(default_factory=dict, compare=False)
    map_mark: Mark | None = field(default=None, compare=False)
    ours: ArgumentMap = field(default_factory=ArgumentMap, compare=False)

    @property
    def clean(self) -> bool:
        """Whether the sides merged without conflicts."""
        return not self.conflicts

    def to_json(self) -> dict[str, Json]:
        """``{"clean", "conflicts", "renames"}`` (docs/merge.md)."""
        return {
            "clean": self.clean,
            "conflicts": [c.to_json() for c in self.conflicts],
            "renames": dict(sorted(self.renames.items())),
        }


# --------------------------------------------------------------------------- sections


def _sections() -> list[str]:
    """The fields of ArgumentMap that are lists of items (in model order)."""
    out = []
    for f in fields(ArgumentMap):
        if f.init and f.name != "main" and str(f.type).startswith("tuple["):
            out.append(f.name)
    return out


SECTIONS = tuple(_sections())
"""The map's item sections, in model (and file) order."""

_SCALARS = tuple(f.name for f in fields(ArgumentMap) if f.init and f.name not in SECTIONS)


def _support_key(s: Support) -> Hashable:
    return (frozenset(s.premises), s.conclusion)


def _show_key(section: str, item: Any) -> str:
    if section == "stances":
        return f"{item.stakeholder}/{item.claim}"
    return str(getattr(item, "id", item))


def _describe(section: str, item: Any) -> str:
    if section == "stances":
        return f"the stance of {item.stakeholder!r} on {item.claim!r}"
    return f"{_SECTION_NAMES.get(section, section)} {_show_key(section, item)!r}"


# --------------------------------------------------------------------------- renames


def _renames(base: ArgumentMap, side: ArgumentMap) -> dict[str, str]:
    from argmap.diff._rename import detect_renames

    base_ids = {c.id for c in base.claims}
    side_ids = {c.id for c in side.claims}
    gone = [c.id for c in base.claims if c.id not in side_ids]
    fresh = [c.id for c in side.claims if c.id not in base_ids]
    if not gone or not fresh:
        return {}
    return {o: n for o, (n, _s) in detect_renames(base, side, gone, fresh).items()}


def _translate(amap: ArgumentMap, tr: Mapping[str, str]) -> ArgumentMap:
    """The map with claim ids taken through ``tr``, derived ids re-derived."""
    if not tr:
        return amap
    from argmap.ids import attack_id, preference_id, rephrase_id, support_id

    def r(x: str) -> str:
        return tr.get(x, x)

    claims = tuple(replace(c, id=tr[c.id]) if c.id in tr else c for c in amap.claims)
    sup_ids: dict[str, str] = {}
    supports = []
    for s in amap.supports:
        if s.conclusion in tr or any(p in tr for p in s.premises):
            premises = tuple(r(p) for p in s.premises)
            sid = s.id if s.explicit_id else support_id(premises, r(s.conclusion))
            sup_ids[s.id] = sid
            s = replace(s, id=sid, premises=premises, conclusion=r(s.conclusion))
        supports.append(s)
    attacks = []
    for a in amap.attacks:
        target = sup_ids.get(a.target, r(a.target))
        if a.attacker in tr or target != a.target:
            aid = a.id if a.explicit_id else attack_id(r(a.attacker), target)
            a = replace(a, id=aid, attacker=r(a.attacker), target=target)
        attacks.append(a)
    stances = tuple(replace(s, claim=tr[s.claim]) if s.claim in tr else s for s in amap.stances)
    issues = tuple(
        replace(i, positions=tuple(r(p) for p in i.positions))
        if any(p in tr for p in i.positions)
        else i
        for i in amap.issues
    )
    rephrases = []
    for rp in amap.rephrases:
        if rp.original in tr or rp.restatement in tr:
            derived = rp.id == rephrase_id(rp.original, rp.restatement)
            o, n = r(rp.original), r(rp.restatement)
            rp = replace(rp, id=rephrase_id(o, n) if derived else rp.id, original=o, restatement=n)
        rephrases.append(rp)
    every = {**tr, **sup_ids}
    preferences = []
    for pf in amap.preferences:
        if pf.preferred in every or pf.over in every:
            derived = pf.id == preference_id(pf.preferred, pf.over)
            pa, pb = every.get(pf.preferred, pf.preferred), every.get(pf.over, pf.over)
            pf = replace(pf, id=preference_id(pa, pb) if derived else pf.id, preferred=pa, over=pb)
        preferences.append(pf)
    return replace(
        amap,
        main=tuple(r(m) for m in amap.main),
        claims=claims,
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=stances,
        issues=issues,
        rephrases=tuple(rephrases),
        preferences=tuple(preferences),
    )


# --------------------------------------------------------------------------- values


class _Clash(Exception):
    """Two sides changed one value differently."""


def _element_key(x: Any) -> Hashable:
    if isinstance(x, Relation):
        return (x.kind, x.target)
    return x  # type: ignore[no-any-return]


def _merge_set(b: tuple[Any, ...], o: tuple[Any, ...], t: tuple[Any, ...]) -> tuple[Any, ...]:
    """Merge lists of distinct elements as sets, in OURS' order then THEIRS'."""
    kb = {_element_key(x): x for x in b}
    ko = {_element_key(x): x for x in o}
    kt = {_element_key(x): x for x in t}
    if len(kb) != len(b) or len(ko) != len(o) or len(kt) != len(t):
        raise _Clash  # not a list of distinct elements
    out: list[Any] = []
    for k, x in ko.items():
        if k in kt:
            y = kt[k]
            if x != y:
                x = _merge_value(kb.get(k, _ABSENT), x, y)
            out.append(x)
        elif k not in kb:
            out.append(x)  # added by ours
        elif kb[k] != x:
            raise _Clash  # theirs removed what ours changed
    for k, y in kt.items():
        if k in ko:
            continue
        if k not in kb:
            out.append(y)  # added by theirs
        elif kb[k] != y:
            raise _Clash  # ours removed what theirs changed
    return tuple(out)


_ABSENT = object()


def _merge_value(b: Any, o: Any, t: Any) -> Any:
    """The merged value of one field; _Clash when the sides disagree."""
    if o == t:
        return o
    if b is not _ABSENT:
        if b == o:
            return t
        if b == t:
            return o
    if isinstance(o, tuple) and isinstance(t, tuple):
        if b is _ABSENT:
            return _merge_set((), o, t)
        if isinstance(b, tuple):
            return _merge_set(b, o, t)
    if (
        is_dataclass(o)
        and not isinstance(o, type)
        and type(o) is type(t)
        and (b is _ABSENT or type(b) is type(o))
        and not isinstance(o, Anchor)
    ):
        return replace(
            o,
            **{
                f.name: _merge_value(
                    _ABSENT if b is _ABSENT else getattr(b, f.name),
                    getattr(o, f.name),
                    getattr(t, f.name),
                )
                for f in fields(o)
                if f.init
            },
        )
    raise _Clash


def _merge_fields(b: Any, o: Any, t: Any) -> tuple[Any, list[str]]:
    """Merge one item field by field: the result and the conflicting fields."""
    values: dict[str, Any] = {}
    clashes: list[str] = []
    for f in fields(o):
        if not f.init:
            continue
        name = f.name
        ov, tv = getattr(o, name), getattr(t, name)
        bv = _ABSENT if b is None else getattr(b, name)
        try:
            values[name] = _merge_value(bv, ov, tv)
        except _Clash:
            values[name] = ov
            clashes.append(name)
    return type(o)(**values), clashes


# --------------------------------------------------------------------------- the merge


@dataclass(slots=True)
class _Section:
    name: str
    items: list[Any]
    origin: list[int | None]
    marks: dict[int, Mark]
    touched: list[int]


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    """Merge OURS and THEIRS, two versions of BASE (see the module docstring).

    Deterministic; OURS' order of items is kept, items only THEIRS added come
    after their predecessor in THEIRS.
    """
    with paused_gc():
        return _merge(base, ours, theirs)


def _merge(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    conflicts: list[Conflict] = []
    ren_o = _renames(base, ours)
    ren_t = _renames(base, theirs)
    merged_id, rename_conflicts = _merged_ids(base, ours, theirs, ren_o, ren_t)
    conflicts.extend(rename_conflicts)
    tr_b = {b: m for b, m in merged_id.items() if b != m}
    tr_o = {ren_o.get(b, b): m for b, m in merged_id.items() if ren_o.get(b, b) != m}
    tr_t = {ren_t.get(b, b): m for b, m in merged_id.items() if ren_t.get(b, b) != m}
    b_map, o_map, t_map = _translate(base, tr_b), _translate(ours, tr_o), _translate(theirs, tr_t)

    sections: dict[str, _Section] = {}
    support_keys: dict[str, dict[str, Hashable]] = {}
    pools: dict[str, tuple[dict[Hashable, Any], dict[Hashable, Any], dict[Hashable, Any]]] = {}
    for name in SECTIONS:
        kb = _keyed(name, getattr(b_map, name), support_keys.get("b", {}))
        ko = _keyed(name, getattr(o_map, name), support_keys.get("o", {}))
        kt = _keyed(name, getattr(t_map, name), support_keys.get("t", {}))
        if name == "supports":
            for side, pool in (("b", kb), ("o", ko), ("t", kt)):
                support_keys[side] = {x.id: k for k, x in pool.items()}
        sections[name] = _merge_section(name, kb, ko, kt, conflicts)
        pools[name] = (kb, ko, kt)

    scalars: dict[str, Any] = {}
    clashing: dict[str, Any] = {}
    for name in _SCALARS:
        bv, ov, tv = getattr(b_map, name), getattr(o_map, name), getattr(t_map, name)
        try:
            scalars[name] = _merge_value(bv, ov, tv)
        except _Clash:
            scalars[name] = ov
            clashing[name] = tv
            conflicts.append(
                Conflict(
                    "map",
                    "",
                    "field",
                    name,
                    _json_value(ov),
                    _json_value(tv),
                    f"the map's {name} changed on both sides: ours {_short(ov)}, "
                    f"theirs {_short(tv)}",
                )
            )
    _restore_references(sections, pools, conflicts, tuple(scalars.get("main", ())))
    _fix_undercut_targets(sections, support_keys)
    for c in rename_conflicts:
        claims = sections["claims"]
        for i, item in enumerate(claims.items):
            if item.id == c.item:
                before = claims.marks.get(i)
                alt = before.theirs if before is not None and before.theirs is not None else item
                claims.marks[i] = Mark(theirs=replace(alt, id=c.theirs))
    values: dict[str, Any] = {**scalars, **{n: tuple(s.items) for n, s in sections.items()}}
    merged = ArgumentMap(**values)
    map_mark = Mark(theirs=replace(merged, **clashing)) if clashing else None
    renames = {b: m for b, m in merged_id.items() if b != m}
    conflicts.sort(
        key=lambda c: (
            SECTIONS.index(c.section) if c.section in SECTIONS else -1,
            c.item,
            c.kind,
            c.field or "",
        )
    )
    return MergeResult(
        merged=merged,
        conflicts=tuple(conflicts),
        renames=renames,
        origin={n: tuple(s.origin) for n, s in sections.items()},
        marks={(n, i): m for n, s in sections.items() for i, m in s.marks.items()},
        map_mark=map_mark,
        ours=ours,
    )


def _short(value: Any, limit: int = 200) -> str:
    import json

    text = json.dumps(_json_value(value), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _merged_ids(
    base: ArgumentMap,
    ours: ArgumentMap,
    theirs: ArgumentMap,
    ren_o: Mapping[str, str],
    ren_t: Mapping[str, str],
) -> tuple[dict[str, str], list[Conflict]]:
    """Base claim id -> merged id, and the conflicts between renames."""
    out: dict[str, str] = {}
    conflicts: list[Conflict] = []
    base_ids = {c.id for c in base.claims}
    new_o = {c.id for c in ours.claims} - base_ids - set(ren_o.values())
    new_t = {c.id for c in theirs.claims} - base_ids - set(ren_t.values())
    taken: dict[str, str] = {}
    for c in base.claims:
        b = c.id
        o, t = ren_o.get(b), ren_t.get(b)
        m = o or t or b
        problem = ""
        if o and t and o != t:
            problem = f"claim {b!r} was renamed on both sides: ours to {o!r}, theirs to {t!r}"
        elif o and o in new_t:
            problem = f"ours renamed claim {b!r} to {o!r}, but theirs added another claim {o!r}"
            m = b
        elif t and t in new_o:
            problem = f"theirs renamed claim {b!r} to {t!r}, but ours added another claim {t!r}"
            m = b
        elif m in taken and m != b:
            problem = f"claims {taken[m]!r} and {b!r} were both renamed to {m!r}"
            m = b
        if problem:
            conflicts.append(Conflict("claims", m, "rename", "id", o or b, t or b, problem))
        taken[m] = b
        out[b] = m
    return out, conflicts


def _keyed(
    name: str, items: Sequence[Any], support_keys: Mapping[str, Hashable]
) -> dict[Hashable, Any]:
    """A section's items by their identity (see the module docstring)."""
    if name == "supports":
        return {(frozenset(x.premises), x.conclusion): x for x in items}
    if name == "attacks":
        get = support_keys.get
        return {(x.attacker, get(x.target, x.target)): x for x in items}
    if name == "stances":
        return {(x.stakeholder, x.claim): x for x in items}
    if items and hasattr(items[0], "id"):
        return {x.id: x for x in items}
    return {x: x for x in items}


def _merge_section(
    name: str,
    kb: dict[Hashable, Any],
    ko: dict[Hashable, Any],
    kt: dict[Hashable, Any],
    conflicts: list[Conflict],
) -> _Section:
    result: dict[Hashable, Any] = {}
    marks: dict[Hashable, Mark] = {}
    # Keys of items that may refer to something one side deleted: items both
    # sides have alike refer only to what both sides have, so they never do.
    touched: set[Hashable] = set()

    def conflict(item: Any, kind: str, fld: str | None, ov: Json, tv: Json, msg: str) -> None:
        conflicts.append(Conflict(name, _show_key(name, item), kind, fld, ov, tv, msg))

    kt_get, kb_get = kt.get, kb.get
    for k, o in ko.items():
        t = kt_get(k)
        if t is not None and (o is t or o == t):
            result[k] = o
            continue
        b = kb_get(k)
        if t is None:
            if b is None:
                result[k] = o  # added by ours
                touched.add(k)
            elif b != o:
                touched.add(k)
                what = _changed_fields(b, o)
                conflict(
                    o,
                    "delete-change",
                    None,
                    "changed",
                    None,
                    f"theirs deleted {_describe(name, o)}, ours changed it ({what})",
                )
                result[k] = o
                marks[k] = Mark(deleted_by="theirs", other=f"changed {what}")
            continue  # else deleted by theirs
        touched.add(k)
        if b is not None and b == o:
            result[k] = t
            continue
        if b is not None and b == t:
            result[k] = o
            continue
        merged, clashes = _merge_fields(b, o, t)
        result[k] = merged
        if clashes:
            alt = replace(merged, **{f: getattr(t, f) for f in clashes})
            marks[k] = Mark(theirs=alt)
            for f in clashes:
                ov, tv = getattr(o, f), getattr(t, f)
                both = "changed on both sides" if b is not None else "added on both sides"
                conflict(
                    o,
                    "field",
                    f,
                    _json_value(ov),
                    _json_value(tv),
                    f"{_describe(name, o)}: {f} {both}: ours {_short(ov)}, theirs {_short(tv)}",
                )
    # Items only theirs has.
    theirs_new: set[Hashable] = set()
    for k, t in kt.items():
        if k in ko:
            continue
        b = kb.get(k)
        if b is None:
            result[k] = t  # added by theirs
            touched.add(k)
            theirs_new.add(k)
        elif b != t:
            touched.add(k)
            theirs_new.add(k)
            what = _changed_fields(b, t)
            conflict(
                t,
                "delete-change",
                None,
                None,
                "changed",
                f"ours deleted {_describe(name, t)}, theirs changed it ({what})",
            )
            result[k] = t
            marks[k] = Mark(deleted_by="ours", other=f"changed {what}")
    index_in_ours = {k: i for i, k in enumerate(ko)} if ko else {}
    if theirs_new:
        order = _order(result, theirs_new, kt)
        items = [result[k] for k in order]
    else:
        order = list(result)
        items = list(result.values())
    origin = [index_in_ours.get(k) for k in order]
    mark_at = {i: marks[k] for i, k in enumerate(order) if k in marks} if marks else {}
    new = [i for i, k in enumerate(order) if k in touched] if touched else []
    return _Section(name, items, origin, mark_at, new)


def _changed_fields(b: Any, x: Any) -> str:
    names = [f.name for f in fields(b) if f.init and getattr(b, f.name) != getattr(x, f.name)]
    return ", ".join(names) or "order"


def _order(
    result: Mapping[Hashable, Any], theirs_new: set[Hashable], theirs: Iterable[Hashable]
) -> list[Hashable]:
    """OURS' order (``result`` holds OURS' items first, in order, then the items
    only THEIRS has); an item only THEIRS has follows its predecessor in THEIRS."""
    after: dict[Hashable, list[Hashable]] = {}
    start: list[Hashable] = []
    prev: Hashable = None
    for k in theirs:
        if k in theirs_new:
            (after.setdefault(prev, []) if prev is not None else start).append(k)
            prev = k
        elif k in result:
            prev = k
    keys = list(result)
    kept = keys[: len(keys) - len(theirs_new)]
    out: list[Hashable] = []

    def expand(k: Hashable) -> None:
        stack = [k]
        while stack:
            x = stack.pop()
            out.append(x)
            stack.extend(reversed(after.get(x, ())))

    for k in start:
        expand(k)
    done = 0
    anchors = [(i, k) for i, k in enumerate(kept) if k in after] if after else []
    for i, k in anchors:
        out.extend(kept[done:i])
        expand(k)
        done = i + 1
    out.extend(kept[done:])
    return out


def _references(section: str, item: Any) -> Iterable[tuple[str, str]]:
    """(section, id) of each item this one refers to (claims, supports, ...)."""
    if section == "supports":
        for p in item.premises:
            yield "claims", p
        yield "claims", item.conclusion
    elif section == "attacks":
        yield "claims", item.attacker
        yield ("supports" if item.kind is AttackKind.UNDERCUTS else "claims"), item.target
    elif section == "stances":
        yield "stakeholders", item.stakeholder
        yield "claims", item.claim
    elif section == "stakeholders":
        for r in item.relations:
            yield "stakeholders", r.target
    elif section == "issues":
        for p in item.positions:
            yield "claims", p
    elif section == "rephrases":
        yield "claims", item.original
        yield "claims", item.restatement
    elif section == "preferences":
        yield "any", item.preferred
        yield "any", item.over
    for name in _tuple_fields(type(item)):
        for v in getattr(item, name):
            if isinstance(v, Anchor):
                yield "sources", v.source


_TUPLE_FIELDS: dict[type, tuple[str, ...]] = {}


def _tuple_fields(cls: type) -> tuple[str, ...]:
    """The names of a model class's fields that hold tuples (where anchors live)."""
    names = _TUPLE_FIELDS.get(cls)
    if names is None:
        names = tuple(f.name for f in fields(cls) if str(f.type).startswith("tuple["))
        _TUPLE_FIELDS[cls] = names
    return names


def _restore_references(
    sections: dict[str, _Section],
    pools: Mapping[str, tuple[dict[Hashable, Any], dict[Hashable, Any], dict[Hashable, Any]]],
    conflicts: list[Conflict],
    main: tuple[str, ...],
) -> None:
    """Bring back items one side deleted that the merged map still refers to."""
    while True:
        ids = {n: {getattr(x, "id", None) for x in s.items} for n, s in sections.items()}
        every = set().union(*ids.values())
        missing: dict[tuple[str, str], list[str]] = {}
        for name, section in sections.items():
            for index in section.touched:
                item = section.items[index]
                for target_section, ref in _references(name, item):
                    have = every if target_section == "any" else ids.get(target_section, set())
                    if ref not in have:
                        missing.setdefault((target_section, ref), []).append(_describe(name, item))
        for ref in main:
            if ref not in ids["claims"]:
                missing.setdefault(("claims", ref), []).append("the map's main claims")
        if not missing:
            return
        progress = False
        for (target_section, ref), users in sorted(missing.items()):
            found = _find_deleted(target_section, ref, pools, sections)
            if found is None:
                continue
            section_name, key, item, side = found
            deleted_by = "theirs" if side == "o" else "ours"
            kept_by = "ours" if side == "o" else "theirs"
            refs = ", ".join(sorted(set(users)))
            conflicts.append(
                Conflict(
                    section_name,
                    _show_key(section_name, item),
                    "delete-reference",
                    None,
                    None if deleted_by == "ours" else "referenced",
                    None if deleted_by == "theirs" else "referenced",
                    f"{deleted_by} deleted {_describe(section_name, item)}, "
                    f"{kept_by} refers to it ({refs})",
                )
            )
            section = sections[section_name]
            section.marks[len(section.items)] = Mark(
                deleted_by=deleted_by, other=f"refers to it: {refs}"
            )
            section.touched.append(len(section.items))
            section.items.append(item)
            section.origin.append(list(pools[section_name][1]).index(key) if side == "o" else None)
            progress = True
        if not progress:
            return


def _find_deleted(
    target_section: str,
    ref: str,
    pools: Mapping[str, tuple[dict[Hashable, Any], dict[Hashable, Any], dict[Hashable, Any]]],
    sections: Mapping[str, _Section],
) -> tuple[str, Hashable, Any, str] | None:
    names = SECTIONS if target_section == "any" else (target_section,)
    for name in names:
        if name not in pools:
            continue
        kb, ko, kt = pools[name]
        for side, pool in (("o", ko), ("t", kt), ("b", kb)):
            for key, item in pool.items():
                if getattr(item, "id", None) == ref:
                    return name, key, item, side
    return None


def _fix_undercut_targets(
    sections: dict[str, _Section], support_keys: Mapping[str, Mapping[str, Hashable]]
) -> None:
    """Point each undercut at the merged id of the support it targets."""
    by_key = {_support_key(s): s.id for s in sections["supports"].items}
    every_key = {**support_keys["b"], **support_keys["t"], **support_keys["o"]}
    attacks = sections["attacks"]
    for i, a in enumerate(attacks.items):
        if a.kind is not AttackKind.UNDERCUTS:
            continue
        key = every_key.get(a.target)
        target = by_key.get(key) if key is not None else None
        if target is not None and target != a.target:
            from argmap.ids import attack_id

            aid = a.id if a.explicit_id else attack_id(a.attacker, target)
            attacks.items[i] = replace(a, id=aid, target=target)
