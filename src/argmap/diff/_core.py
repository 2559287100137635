"""The semantic diff between two versions of a map.

Items are matched by id first. Claims left over on both sides are then offered
to rename detection (:mod:`argmap.diff._rename`). Supports are matched by their
endpoints, ``(frozenset(premises), conclusion)``, and attacks by
``(attacker, target)``, with claim ids mapped through the renames and an
undercut's target (a support) taken by its endpoints, so a derived id that
changed only because a claim was renamed is no difference. A one-premise
support ``p -> c`` removed while a rebuttal ``p -> c`` is added (or the other
way round) is reported once, as a flipped relation.

Every list in a :class:`MapDiff` is sorted, so the same two maps always give
byte-identical output.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import compress
from operator import attrgetter, ne
from typing import Any

from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    Drawable,
    Stakeholder,
    Stance,
    Support,
    compared_fields,
)

Json = Any
"""A JSON-able value (str, int, float, bool, None, list, dict)."""

# Claim fields compared, in report order.
CLAIM_FIELDS = (
    "text",
    "kind",
    "label",
    "tags",
    "anchors",
    "assumed",
    "weight",
    "hedge",
    "hedge_words",
    "note",
)
STAKEHOLDER_FIELDS = (
    "name",
    "kind",
    "power",
    "interest",
    "legitimacy",
    "urgency",
    "description",
)
_RELATION_EXTRA_FIELDS = ("anchors", "hedge", "hedge_words", "inferred")
STANCE_FIELDS = ("stance", "strength", "anchors", "note", "hedge", "hedge_words", "inferred")
SUPPORT_FIELDS = ("id", "weight", "scheme", "note", *_RELATION_EXTRA_FIELDS)
ATTACK_FIELDS = ("id", "weight", "note", *_RELATION_EXTRA_FIELDS)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an item with its old and new value (JSON-able)."""

    field: str
    old: Json
    new: Json

    def to_json(self) -> dict[str, Json]:
        """``{"field", "old", "new"}``."""
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim present in both versions whose fields differ, or that was renamed.

    ``words`` is the word-level diff of the text when it changed: pairs of
    ``("=", same)``, ``("-", removed)`` and ``("+", added)``. ``similarity`` is
    the rename score (None for claims matched by id).
    """

    id: str
    old_id: str
    changes: tuple[FieldChange, ...]
    words: tuple[tuple[str, str], ...] = ()
    similarity: float | None = None

    def to_json(self) -> dict[str, Json]:
        """The documented JSON entry (docs/diff.md)."""
        out: dict[str, Json] = {"changes": [c.to_json() for c in self.changes]}
        if self.similarity is None:
            out["id"] = self.id
        else:
            out["old_id"] = self.old_id
            out["new_id"] = self.id
            out["similarity"] = round(self.similarity, 3)
        if self.words:
            out["words"] = [list(w) for w in self.words]
        return out


@dataclass(frozen=True, slots=True)
class RelationRef:
    """A support, rebuttal or undercut as it appears in one version.

    ``type`` is ``support``, ``attack`` (a rebuttal) or ``undercut``; ``sources``
    are the premises (or the attacker); ``target`` is the conclusion, the
    attacked claim, or the undercut support's id.
    """

    type: str
    id: str
    sources: tuple[str, ...]
    target: str

    def sort_key(self) -> tuple[str, str, tuple[str, ...], str]:
        """Order by type, target, sources, id."""
        return (self.type, self.target, self.sources, self.id)

    def to_json(self) -> dict[str, Json]:
        """``{"type", "id", "from", "to"}``; ``from`` is a list for supports."""
        src: Json = list(self.sources) if self.type == "support" else self.sources[0]
        return {"type": self.type, "id": self.id, "from": src, "to": self.target}


@dataclass(frozen=True, slots=True)
class RelationChange:
    """A relation present in both versions (same endpoints) with other changes."""

    relation: RelationRef
    changes: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Json]:
        """The relation's fields plus ``changes``."""
        out = self.relation.to_json()
        out["changes"] = [c.to_json() for c in self.changes]
        return out


@dataclass(frozen=True, slots=True)
class RelationFlip:
    """``source -> target`` was a support and is now a rebuttal, or the reverse."""

    source: str
    target: str
    old: RelationRef
    new: RelationRef

    def to_json(self) -> dict[str, Json]:
        """``{"from", "to", "old", "new", "old_id", "new_id"}``."""
        return {
            "from": self.source,
            "to": self.target,
            "old": self.old.type,
            "new": self.new.type,
            "old_id": self.old.id,
            "new_id": self.new.id,
        }


@dataclass(frozen=True, slots=True)
class StakeholderChange:
    """A stakeholder in both versions whose fields or relations differ.

    Relations are matched by ``(type, to)``; ``relations_added`` and
    ``relations_removed`` hold ``(type, to, note)``, ``relations_changed`` holds
    ``(type, to, old note, new note)``.
    """

    id: str
    changes: tuple[FieldChange, ...]
    relations_added: tuple[tuple[str, str, str | None], ...] = ()
    relations_removed: tuple[tuple[str, str, str | None], ...] = ()
    relations_changed: tuple[tuple[str, str, str | None, str | None], ...] = ()

    def to_json(self) -> dict[str, Json]:
        """The documented JSON entry (docs/diff.md)."""

        def rel(r: tuple[str, str, str | None]) -> dict[str, Json]:
            return {"type": r[0], "to": r[1], "note": r[2]}

        return {
            "id": self.id,
            "changes": [c.to_json() for c in self.changes],
            "relations": {
                "added": [rel(r) for r in self.relations_added],
                "removed": [rel(r) for r in self.relations_removed],
                "changed": [
                    {"type": t, "to": to, "old_note": a, "new_note": b}
                    for t, to, a, b in self.relations_changed
                ],
            },
        }


@dataclass(frozen=True, slots=True)
class StanceChange:
    """A stance of one stakeholder on one claim (new id) that changed."""

    stakeholder: str
    claim: str
    changes: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Json]:
        """``{"stakeholder", "claim", "changes"}``."""
        return {
            "stakeholder": self.stakeholder,
            "claim": self.claim,
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class OtherChange:
    """An item of another section (sources, issues, rephrases, preferences)."""

    section: str
    id: str
    changes: tuple[FieldChange, ...] = ()

    def to_json(self) -> dict[str, Json]:
        """``{"section", "id"}`` plus ``changes`` for changed items."""
        out: dict[str, Json] = {"section": self.section, "id": self.id}
        if self.changes:
            out["changes"] = [c.to_json() for c in self.changes]
        return out


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """A claim whose label (in / out / undecided) differs between the versions.

    ``old`` or ``new`` is None when the claim exists in one version only.
    ``why`` lists the changes around the claim that explain the new label.
    """

    id: str
    old: str | None
    new: str | None
    why: tuple[str, ...]

    def to_json(self) -> dict[str, Json]:
        """``{"id", "old", "new", "why"}``."""
        return {"id": self.id, "old": self.old, "new": self.new, "why": list(self.why)}


@dataclass(frozen=True, slots=True)
class MapDiff(Drawable):
    """Everything that differs between two versions of a map (all lists sorted).

    A diff is true when the maps differ (``if diff_maps(a, b): ...``). ``old``
    and ``new`` are the two maps compared (left out of ``repr``, equality and
    JSON); in Jupyter a diff draws itself as the union of both with the changes
    marked.
    """

    claims_added: tuple[Claim, ...] = ()
    claims_removed: tuple[Claim, ...] = ()
    claims_changed: tuple[ClaimChange, ...] = ()
    claims_renamed: tuple[ClaimChange, ...] = ()
    relations_added: tuple[RelationRef, ...] = ()
    relations_removed: tuple[RelationRef, ...] = ()
    relations_changed: tuple[RelationChange, ...] = ()
    relations_flipped: tuple[RelationFlip, ...] = ()
    stakeholders_added: tuple[Stakeholder, ...] = ()
    stakeholders_removed: tuple[Stakeholder, ...] = ()
    stakeholders_changed: tuple[StakeholderChange, ...] = ()
    stances_added: tuple[Stance, ...] = ()
    stances_removed: tuple[Stance, ...] = ()
    stances_changed: tuple[StanceChange, ...] = ()
    map_changed: tuple[FieldChange, ...] = ()
    other_added: tuple[OtherChange, ...] = ()
    other_removed: tuple[OtherChange, ...] = ()
    other_changed: tuple[OtherChange, ...] = ()
    renames: Mapping[str, str] = field(default_factory=dict)
    """Old claim id -> new claim id for every renamed claim."""
    verdicts: tuple[VerdictChange, ...] | None = None
    """Label changes when the diff was evaluated (None: not evaluated)."""
    semantics: str | None = None
    old: ArgumentMap | None = field(default=None, repr=False, compare=False)
    new: ArgumentMap | None = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        """True when the two versions differ (verdicts aside), as :meth:`is_empty` says."""
        return not self.is_empty()

    def is_empty(self) -> bool:
        """Whether the two versions are the same map (verdicts aside)."""
        return not any(
            (
                self.claims_added,
                self.claims_removed,
                self.claims_changed,
                self.claims_renamed,
                self.relations_added,
                self.relations_removed,
                self.relations_changed,
                self.relations_flipped,
                self.stakeholders_added,
                self.stakeholders_removed,
                self.stakeholders_changed,
                self.stances_added,
                self.stances_removed,
                self.stances_changed,
                self.map_changed,
                self.other_added,
                self.other_removed,
                self.other_changed,
            )
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """How many items of each section were added, removed, changed, ..."""
        return {
            "claims": {
                "added": len(self.claims_added),
                "removed": len(self.claims_removed),
                "changed": len(self.claims_changed),
                "renamed": len(self.claims_renamed),
            },
            "relations": {
                "added": len(self.relations_added),
                "removed": len(self.relations_removed),
                "changed": len(self.relations_changed),
                "flipped": len(self.relations_flipped),
            },
            "stakeholders": {
                "added": len(self.stakeholders_added),
                "removed": len(self.stakeholders_removed),
                "changed": len(self.stakeholders_changed),
            },
            "stances": {
                "added": len(self.stances_added),
                "removed": len(self.stances_removed),
                "changed": len(self.stances_changed),
            },
            "other": {
                "map": len(self.map_changed),
                "added": len(self.other_added),
                "removed": len(self.other_removed),
                "changed": len(self.other_changed),
            },
        }

    def to_json(self) -> dict[str, Json]:
        """The stable JSON shape documented in docs/diff.md."""
        out: dict[str, Json] = {
            "claims": {
                "added": [_claim_json(c) for c in self.claims_added],
                "removed": [_claim_json(c) for c in self.claims_removed],
                "changed": [c.to_json() for c in self.claims_changed],
                "renamed": [c.to_json() for c in self.claims_renamed],
            },
            "relations": {
                "added": [r.to_json() for r in self.relations_added],
                "removed": [r.to_json() for r in self.relations_removed],
                "changed": [r.to_json() for r in self.relations_changed],
                "flipped": [r.to_json() for r in self.relations_flipped],
            },
            "stakeholders": {
                "added": [_stakeholder_json(s) for s in self.stakeholders_added],
                "removed": [_stakeholder_json(s) for s in self.stakeholders_removed],
                "changed": [s.to_json() for s in self.stakeholders_changed],
            },
            "stances": {
                "added": [_stance_json(s) for s in self.stances_added],
                "removed": [_stance_json(s) for s in self.stances_removed],
                "changed": [s.to_json() for s in self.stances_changed],
            },
            "map": {
                "changed": [c.to_json() for c in self.map_changed],
                "added": [o.to_json() for o in self.other_added],
                "removed": [o.to_json() for o in self.other_removed],
                "changed_items": [o.to_json() for o in self.other_changed],
            },
        }
        if self.verdicts is not None:
            out["verdicts"] = {
                "semantics": self.semantics,
                "changed": [v.to_json() for v in self.verdicts],
            }
        return out


# --------------------------------------------------------------------------- JSON helpers


def _json_value(value: Any) -> Json:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, Anchor):
        return {"source": value.source, "quote": value.quote}
    if isinstance(value, str):  # StrEnum too
        return str(value)
    return value


def _claim_json(c: Claim) -> dict[str, Json]:
    return {"id": c.id, "text": c.text, "kind": str(c.kind)}


def _stakeholder_json(s: Stakeholder) -> dict[str, Json]:
    return {"id": s.id, "name": s.name, "kind": str(s.kind)}


def _stance_json(s: Stance) -> dict[str, Json]:
    return {
        "stakeholder": s.stakeholder,
        "claim": s.claim,
        "stance": str(s.kind),
        "strength": s.strength,
    }


def _field_changes(old: Any, new: Any, names: Sequence[str]) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for name in names:
        a = getattr(old, name)
        b = getattr(new, name)
        if a != b:
            out.append(FieldChange(name, _json_value(a), _json_value(b)))
    return tuple(out)


_WORD = re.compile(r"\S+")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word-level diff: runs of ``("=", text)``, ``("-", text)``, ``("+", text)``.

    Words are whitespace-separated; runs are joined with single spaces.
    """
    a = _WORD.findall(old)
    b = _WORD.findall(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


# --------------------------------------------------------------------------- matching

SupportKey = tuple[frozenset[str], str]
AttackKey = tuple[str, str | SupportKey]


def support_key(s: Support, rename: Callable[[str], str]) -> SupportKey:
    """A support's identity: its premises and conclusion (claim ids renamed)."""
    return (frozenset(rename(p) for p in s.premises), rename(s.conclusion))


class _SupportKeys:
    """Support id -> endpoint key, computed on demand (only undercuts need it)."""

    def __init__(self, amap: ArgumentMap, rename: Callable[[str], str]) -> None:
        self._amap = amap
        self._rename = rename

    def get(self, support_id: str) -> SupportKey | None:
        try:
            return support_key(self._amap.support(support_id), self._rename)
        except KeyError:
            return None


def _attack_keys(
    attacks: Iterable[Attack], rename: Callable[[str], str], support_keys: _SupportKeys
) -> dict[AttackKey, Attack]:
    out: dict[AttackKey, Attack] = {}
    for a in attacks:
        target: str | SupportKey
        key = support_keys.get(a.target) if a.kind is AttackKind.UNDERCUTS else None
        target = key if key is not None else rename(a.target)
        out[(rename(a.attacker), target)] = a
    return out


def _support_ref(s: Support) -> RelationRef:
    return RelationRef("support", s.id, tuple(sorted(s.premises)), s.conclusion)


def _attack_ref(a: Attack) -> RelationRef:
    kind = "undercut" if a.kind is AttackKind.UNDERCUTS else "attack"
    return RelationRef(kind, a.id, (a.attacker,), a.target)


def _support_changes(old: Support, new: Support) -> tuple[FieldChange, ...]:
    names = [n for n in SUPPORT_FIELDS if n != "id"]
    if (old.explicit_id or new.explicit_id) and old.id != new.id:
        names.insert(0, "id")
    return _field_changes(old, new, names)


def _attack_changes(old: Attack, new: Attack) -> tuple[FieldChange, ...]:
    names = [n for n in ATTACK_FIELDS if n != "id"]
    if (old.explicit_id or new.explicit_id) and old.id != new.id:
        names.insert(0, "id")
    return _field_changes(old, new, names)


def _stance_changes(old: Stance, new: Stance) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    if old.kind != new.kind:
        out.append(FieldChange("stance", str(old.kind), str(new.kind)))
    out.extend(_field_changes(old, new, STANCE_FIELDS[1:]))
    return tuple(out)


def _stakeholder_change(old: Stakeholder, new: Stakeholder) -> StakeholderChange | None:
    if old == new:
        return None
    changes = _field_changes(old, new, STAKEHOLDER_FIELDS)
    a = {(str(r.kind), r.target): r.note for r in old.relations}
    b = {(str(r.kind), r.target): r.note for r in new.relations}
    added = tuple(sorted((k[0], k[1], b[k]) for k in b.keys() - a.keys()))
    removed = tuple(sorted((k[0], k[1], a[k]) for k in a.keys() - b.keys()))
    changed = tuple(sorted((k[0], k[1], a[k], b[k]) for k in a.keys() & b.keys() if a[k] != b[k]))
    if not (changes or added or removed or changed):
        return None  # only the order of relations changed
    return StakeholderChange(new.id, changes, added, removed, changed)


def _other_sections(
    old: ArgumentMap, new: ArgumentMap
) -> tuple[list[OtherChange], list[OtherChange], list[OtherChange]]:
    added: list[OtherChange] = []
    removed: list[OtherChange] = []
    changed: list[OtherChange] = []
    for section in ("sources", "issues", "rephrases", "preferences"):
        a = {item.id: item for item in getattr(old, section)}
        b = {item.id: item for item in getattr(new, section)}
        added.extend(OtherChange(section, i) for i in b.keys() - a.keys())
        removed.extend(OtherChange(section, i) for i in a.keys() - b.keys())
        for i in a.keys() & b.keys():
            if a[i] != b[i]:
                names = [f.name for f in fields(a[i]) if f.name != "id"]
                changed.append(OtherChange(section, i, _field_changes(a[i], b[i], names)))
    key = lambda o: (o.section, o.id)  # noqa: E731
    return sorted(added, key=key), sorted(removed, key=key), sorted(changed, key=key)


def diff_maps(
    old: ArgumentMap,
    new: ArgumentMap,
    *,
    renames: bool = True,
    evaluate: str | None = None,
) -> MapDiff:
    """Compare two versions of a map.

    ``renames=False`` turns rename detection off (a changed id is then a removal
    and an addition). ``evaluate`` names a semantics (e.g. ``"grounded"``): the
    diff then also lists the claims whose label changed, using
    :func:`argmap.analysis.semantics.label_claims`.

    One step per section: claims (with renames), relations, stakeholders,
    stances, and the map's own fields and other sections; every list is sorted
    so the diff is deterministic.
    """
    found = _renames(old, new) if renames else {}
    rename_map = {o: n for o, (n, _s) in found.items()}

    def rn(claim_id: str) -> str:
        return rename_map.get(claim_id, claim_id)

    claims = _diff_claims(old, new, found)
    rel_added, rel_removed, rel_changed, flips = _diff_relations(old, new, rn)
    holders = _diff_stakeholders(old, new)
    stances = _diff_stances(old, new, rename_map)
    map_changed = list(_field_changes(old, new, ("title", "description")))
    if tuple(rn(m) for m in old.main) != new.main:
        map_changed.append(FieldChange("main", list(old.main), list(new.main)))
    o_added, o_removed, o_changed = _other_sections(old, new)

    rel_key = RelationRef.sort_key
    result = MapDiff(
        claims_added=claims[0],
        claims_removed=claims[1],
        claims_changed=claims[2],
        claims_renamed=claims[3],
        relations_added=tuple(sorted(rel_added, key=rel_key)),
        relations_removed=tuple(sorted(rel_removed, key=rel_key)),
        relations_changed=tuple(sorted(rel_changed, key=lambda r: r.relation.sort_key())),
        relations_flipped=tuple(sorted(flips, key=lambda f: (f.target, f.source))),
        stakeholders_added=holders[0],
        stakeholders_removed=holders[1],
        stakeholders_changed=holders[2],
        stances_added=stances[0],
        stances_removed=stances[1],
        stances_changed=stances[2],
        map_changed=tuple(map_changed),
        other_added=tuple(o_added),
        other_removed=tuple(o_removed),
        other_changed=tuple(o_changed),
        renames=dict(sorted(rename_map.items())),
        old=old,
        new=new,
    )
    if evaluate is not None:
        from argmap.diff._verdicts import verdict_changes

        return _with_verdicts(result, verdict_changes(old, new, result, evaluate), evaluate)
    return result


def _renames(old: ArgumentMap, new: ArgumentMap) -> dict[str, tuple[str, float]]:
    """Old claim id -> (new id, similarity) for the claims whose id changed."""
    from argmap.diff._rename import detect_renames

    old_ids, new_ids = old.claims_by_id(), new.claims_by_id()
    if old_ids.keys() == new_ids.keys():  # the common case, compared in C
        return {}
    gone = [i for i in old_ids if i not in new_ids]
    fresh = [i for i in new_ids if i not in old_ids]
    return detect_renames(old, new, gone, fresh) if gone and fresh else {}


def _claim_change(oc: Claim, nc: Claim, old_id: str, score: float | None) -> ClaimChange:
    changes = _field_changes(oc, nc, CLAIM_FIELDS)
    words = word_diff(oc.text, nc.text) if oc.text != nc.text else ()
    return ClaimChange(nc.id, old_id, changes, words, score)


def _diff_claims(
    old: ArgumentMap, new: ArgumentMap, found: dict[str, tuple[str, float]]
) -> tuple[tuple[Claim, ...], tuple[Claim, ...], tuple[ClaimChange, ...], tuple[ClaimChange, ...]]:
    """Claims added, removed, changed in place and renamed (sorted by id)."""
    old_claims, new_claims = old.claims_by_id(), new.claims_by_id()
    same_ids = old_claims.keys() == new_claims.keys()
    kept = list(old_claims) if same_ids else [cid for cid in old_claims if cid in new_claims]
    olds = list(old_claims.values()) if same_ids else list(map(old_claims.__getitem__, kept))
    news = list(map(new_claims.__getitem__, kept))
    compared = compared_fields(Claim)  # the pairs compared in one pass, in C
    differ = map(ne, map(compared, olds), map(compared, news))
    changed = [
        ch
        for k in compress(range(len(kept)), differ)
        if (ch := _claim_change(olds[k], news[k], kept[k], None)).changes
    ]
    renamed = [
        _claim_change(old_claims[oid], new_claims[nid], oid, score)
        for oid, (nid, score) in found.items()
    ]
    renamed_new = {nid for nid, _ in found.values()}
    added: list[Claim] = []
    removed: list[Claim] = []
    if not same_ids:
        added = [c for i, c in new_claims.items() if i not in old_claims and i not in renamed_new]
        removed = [c for i, c in old_claims.items() if i not in new_claims and i not in found]
    return (
        tuple(sorted(added, key=lambda c: c.id)),
        tuple(sorted(removed, key=lambda c: c.id)),
        tuple(sorted(changed, key=lambda c: c.id)),
        tuple(sorted(renamed, key=lambda c: (c.old_id, c.id))),
    )


def _diff_stakeholders(
    old: ArgumentMap, new: ArgumentMap
) -> tuple[tuple[Stakeholder, ...], tuple[Stakeholder, ...], tuple[StakeholderChange, ...]]:
    """Stakeholders added, removed and changed (sorted by id)."""
    old_sh = {s.id: s for s in old.stakeholders}
    new_sh = {s.id: s for s in new.stakeholders}
    changed = [
        shc
        for i in old_sh.keys() & new_sh.keys()
        if (shc := _stakeholder_change(old_sh[i], new_sh[i])) is not None
    ]
    return (
        tuple(sorted((new_sh[i] for i in new_sh.keys() - old_sh.keys()), key=lambda s: s.id)),
        tuple(sorted((old_sh[i] for i in old_sh.keys() - new_sh.keys()), key=lambda s: s.id)),
        tuple(sorted(changed, key=lambda s: s.id)),
    )


def _diff_stances(
    old: ArgumentMap, new: ArgumentMap, rename_map: dict[str, str]
) -> tuple[tuple[Stance, ...], tuple[Stance, ...], tuple[StanceChange, ...]]:
    """Stances added, removed and changed, with claims taken through the
    renames (sorted by claim, then stakeholder)."""
    if not rename_map:
        differ = _differ_in_order(old.stances, new.stances, _STANCE_KEY, None, Stance)
        if differ is not None:  # the same stances, in the same order: only changes
            same = [
                StanceChange(sa.stakeholder, sa.claim, ch)
                for sa, sb in differ
                if (ch := _stance_changes(sa, sb))
            ]
            return (), (), tuple(sorted(same, key=lambda s: (s.claim, s.stakeholder)))
    get = rename_map.get
    old_st = {(s.stakeholder, get(s.claim, s.claim)): s for s in old.stances}
    new_st = {(s.stakeholder, s.claim): s for s in new.stances}
    changed: list[StanceChange] = []
    removed: list[Stance] = []
    for k, sa in old_st.items():
        sb = new_st.get(k)
        if sb is None:
            removed.append(replace(sa, claim=k[1]))
        elif sa != sb and (ch := _stance_changes(sa, sb)):
            changed.append(StanceChange(k[0], k[1], ch))
    added = [s for k, s in new_st.items() if k not in old_st]
    return (
        tuple(sorted(added, key=lambda s: (s.claim, s.stakeholder))),
        tuple(sorted(removed, key=lambda s: (s.claim, s.stakeholder))),
        tuple(sorted(changed, key=lambda s: (s.claim, s.stakeholder))),
    )


def _diff_relations(
    old: ArgumentMap, new: ArgumentMap, rn: Callable[[str], str]
) -> tuple[list[RelationRef], list[RelationRef], list[RelationChange], list[RelationFlip]]:
    """Added, removed, changed and flipped relations, matched by endpoints.

    Nearly every relation keeps its id and its ends, so those are paired by id
    first (cheaply); endpoint keys are built only for what is left. Since keys
    are unique within a map, this pairs exactly as matching by keys alone.
    """
    same_sup, sup_removed, sup_added, changed = _diff_supports(old, new, rn)
    att_removed, att_added, att_changed = _diff_attacks(old, new, rn, same_sup)
    changed += att_changed
    flips: list[RelationFlip] = []
    from_support = _flips(sup_removed, att_added, rn, str)
    to_support = _flips(sup_added, att_removed, str, rn)
    for s, a in from_support:
        flips.append(
            RelationFlip(rn(s.premises[0]), rn(s.conclusion), _support_ref(s), _attack_ref(a))
        )
    for s, a in to_support:
        flips.append(RelationFlip(s.premises[0], s.conclusion, _attack_ref(a), _support_ref(s)))
    gone = {id(s) for s, _ in from_support} | {id(a) for _, a in to_support}
    came = {id(a) for _, a in from_support} | {id(s) for s, _ in to_support}
    removed = [_support_ref(s) for s in sup_removed if id(s) not in gone]
    removed += [_attack_ref(a) for a in att_removed if id(a) not in gone]
    added = [_support_ref(s) for s in sup_added if id(s) not in came]
    added += [_attack_ref(a) for a in att_added if id(a) not in came]
    return added, removed, changed, flips


def _diff_supports(
    old: ArgumentMap, new: ArgumentMap, rn: Callable[[str], str]
) -> tuple[set[str], list[Support], list[Support], list[RelationChange]]:
    """The ids of supports that kept id and ends, and the supports removed,
    added and changed."""
    same = _changed_in_order(old.supports, new.supports, _SUPPORTS)
    if same is not None:  # the same supports, in the same order: only changes
        return {s.id for s in old.supports}, [], [], same
    changed: list[RelationChange] = []
    new_sup_ids = {s.id: s for s in new.supports}
    same_sup: set[str] = set()
    old_left: list[Support] = []
    for sa in old.supports:
        sb = new_sup_ids.get(sa.id)
        if sb is not None and sb.conclusion == sa.conclusion and sb.premises == sa.premises:
            same_sup.add(sa.id)
            if sa != sb and (ch := _support_changes(sa, sb)):
                changed.append(RelationChange(_support_ref(sb), ch))
        else:
            old_left.append(sa)
    new_left = [sb for sb in new.supports if sb.id not in same_sup]
    old_sup = {support_key(sa, rn): sa for sa in old_left}
    new_sup = {support_key(sb, str): sb for sb in new_left}
    removed = [old_sup[k] for k in old_sup.keys() - new_sup.keys()]
    added = [new_sup[k] for k in new_sup.keys() - old_sup.keys()]
    for k in old_sup.keys() & new_sup.keys():
        sa, sb = old_sup[k], new_sup[k]
        if sa != sb and (ch := _support_changes(sa, sb)):
            changed.append(RelationChange(_support_ref(sb), ch))
    return same_sup, removed, added, changed


def _diff_attacks(
    old: ArgumentMap, new: ArgumentMap, rn: Callable[[str], str], same_sup: set[str]
) -> tuple[list[Attack], list[Attack], list[RelationChange]]:
    """The attacks removed, added and changed (an undercut keeps its match only
    when the support it cuts kept its id and ends)."""
    if all(a.kind is AttackKind.REBUTS or a.target in same_sup for a in old.attacks):
        same = _changed_in_order(old.attacks, new.attacks, _ATTACKS)
        if same is not None:  # the same attacks, in the same order: only changes
            return [], [], same
    changed: list[RelationChange] = []
    new_att_ids = {a.id: a for a in new.attacks}
    same_att: set[str] = set()
    old_left_att: list[Attack] = []
    for aa in old.attacks:
        ab = new_att_ids.get(aa.id)
        if (
            ab is not None
            and ab.attacker == aa.attacker
            and ab.target == aa.target
            and ab.kind is aa.kind
            and (aa.kind is AttackKind.REBUTS or aa.target in same_sup)
        ):
            same_att.add(aa.id)
            if aa != ab and (ch := _attack_changes(aa, ab)):
                changed.append(RelationChange(_attack_ref(ab), ch))
        else:
            old_left_att.append(aa)
    new_left_att = [ab for ab in new.attacks if ab.id not in same_att]
    old_att = _attack_keys(old_left_att, rn, _SupportKeys(old, rn))
    new_att = _attack_keys(new_left_att, str, _SupportKeys(new, str))
    removed = [old_att[k] for k in old_att.keys() - new_att.keys()]
    added = [new_att[k] for k in new_att.keys() - old_att.keys()]
    for ka in old_att.keys() & new_att.keys():
        aa, ab = old_att[ka], new_att[ka]
        if aa != ab and (ch := _attack_changes(aa, ab)):
            changed.append(RelationChange(_attack_ref(ab), ch))
    return removed, added, changed


# What pairs two revisions of a stance (relations: _Relations below).
_STANCE_KEY = attrgetter("stakeholder", "claim")


def _differ_in_order(
    old: Sequence[Any],
    new: Sequence[Any],
    pair: Callable[[Any], object],
    share: Callable[[Any], object] | None,
    cls: type,
) -> list[tuple[Any, Any]] | None:
    """Where ``old`` and ``new`` pair up in order (the same ``pair`` keys,
    none twice, and the same ``share``), as nearly always from one revision
    to the next: the pairs that differ. None otherwise. Compared in a few
    passes in C, not a comparison per pair in Python."""
    keys = list(map(pair, old))
    if keys != list(map(pair, new)) or len(set(keys)) != len(keys):
        return None
    if share is not None and list(map(share, old)) != list(map(share, new)):
        return None
    compared = compared_fields(cls)
    differ = map(ne, map(compared, old), map(compared, new))
    return [(old[k], new[k]) for k in compress(range(len(keys)), differ)]


@dataclass(frozen=True, slots=True)
class _Relations:
    """How two revisions of one kind of relation pair up (``pair``, and what
    else they must ``share`` to be matched by that alone), and how a change
    of one reads."""

    pair: Callable[[Any], object]
    share: Callable[[Any], object]
    cls: type
    ref: Callable[[Any], RelationRef]
    changes: Callable[[Any, Any], tuple[FieldChange, ...]]


_SUPPORTS = _Relations(
    attrgetter("id"), attrgetter("conclusion", "premises"), Support, _support_ref, _support_changes
)
_ATTACKS = _Relations(
    attrgetter("id"), attrgetter("attacker", "target", "kind"), Attack, _attack_ref, _attack_changes
)


def _changed_in_order(
    old: Sequence[Any], new: Sequence[Any], kind: _Relations
) -> list[RelationChange] | None:
    """The changes of relations that pair up in order (:func:`_differ_in_order`), or None."""
    differ = _differ_in_order(old, new, kind.pair, kind.share, kind.cls)
    if differ is None:
        return None
    return [RelationChange(kind.ref(b), ch) for a, b in differ if (ch := kind.changes(a, b))]


def _with_verdicts(d: MapDiff, verdicts: tuple[VerdictChange, ...], semantics: str) -> MapDiff:
    from dataclasses import replace

    return replace(d, verdicts=verdicts, semantics=semantics)


def _flips(
    supports: Iterable[Support],
    attacks: Iterable[Attack],
    rename_support: Callable[[str], str],
    rename_attack: Callable[[str], str],
) -> list[tuple[Support, Attack]]:
    """Pair one-premise supports with rebuttals between the same two claims."""
    by_ends = {
        (rename_attack(a.attacker), rename_attack(a.target)): a
        for a in attacks
        if a.kind is AttackKind.REBUTS
    }
    out: list[tuple[Support, Attack]] = []
    for s in supports:
        if len(s.premises) != 1:
            continue
        a = by_ends.pop((rename_support(s.premises[0]), rename_support(s.conclusion)), None)
        if a is not None:
            out.append((s, a))
    return out
