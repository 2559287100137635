"""The union of two versions of a map, for drawing a diff.

The union holds every claim, support, attack, stakeholder, stance and source of
both versions: the new map as it is, plus what only the old one had. Claims
keep their new ids (a renamed claim appears once, under its new id); items
only in the old version keep their old ids, with removed claims' ends taken
through the renames. In the unlikely case an old id is taken in the new map by
something else, ``~old`` is appended to it.
"""

from __future__ import annotations

from dataclasses import replace

from argmap.diff._core import MapDiff, diff_maps, support_key
from argmap.model import ArgumentMap, Attack, AttackKind, Claim, Support

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
RENAMED = "renamed"


def stance_mark_key(stakeholder: str, claim: str) -> str:
    """The key of a stance in the marks (stances have no ids; "@" is in none)."""
    return f"stance:{stakeholder}@{claim}"


def drawing_overlay(old: ArgumentMap, new: ArgumentMap) -> tuple[ArgumentMap, dict[str, str]]:
    """The union map and marks: claim/support/attack id -> added/removed/changed/renamed,
    and :func:`stance_mark_key` -> added/removed for stances.

    Changed claims carry their new text. A flipped relation shows as the old
    relation removed and the new one added.
    """
    o = _Overlay(old, new, diff_maps(old, new))
    removed_claims = o.claims()
    extra_supports = o.old_supports()
    extra_attacks = o.old_attacks()
    o.mark_new_relations()
    new_sh = {s.id for s in new.stakeholders}
    new_st = {(s.stakeholder, s.claim) for s in new.stances}
    new_src = {s.id for s in new.sources}
    old_st = {(s.stakeholder, o.cid(s.claim)) for s in old.stances}
    for st in old.stances:
        if (st.stakeholder, o.cid(st.claim)) not in new_st:
            o.marks[stance_mark_key(st.stakeholder, o.cid(st.claim))] = REMOVED
    for st in new.stances:
        if (st.stakeholder, st.claim) not in old_st:
            o.marks[stance_mark_key(st.stakeholder, st.claim)] = ADDED
    union = ArgumentMap(
        title=new.title,
        description=new.description,
        version=new.version,
        main=new.main,
        issues=new.issues,
        rephrases=new.rephrases,
        preferences=new.preferences,
        sources=new.sources + tuple(s for s in old.sources if s.id not in new_src),
        stakeholders=new.stakeholders + tuple(s for s in old.stakeholders if s.id not in new_sh),
        claims=new.claims + tuple(removed_claims),
        supports=new.supports + tuple(extra_supports),
        attacks=new.attacks + tuple(extra_attacks),
        stances=new.stances
        + tuple(
            replace(s, claim=o.cid(s.claim))
            for s in old.stances
            if (s.stakeholder, o.cid(s.claim)) not in new_st
        ),
    )
    return union, dict(sorted(o.marks.items()))


class _Overlay:
    """The union in the making: ids handed out, marks given, one step per kind."""

    def __init__(self, old: ArgumentMap, new: ArgumentMap, d: MapDiff) -> None:
        self.old, self.new, self.d = old, new, d
        self.taken = set(new.ids())
        self.marks: dict[str, str] = {}
        self.claim_id: dict[str, str] = {c.id: c.id for c in new.claims}
        self.claim_id.update(d.renames)
        self.support_id: dict[str, str] = {}
        self.removed_ids = {(r.type, r.id) for r in d.relations_removed}
        self.removed_ids |= {(f.old.type, f.old.id) for f in d.relations_flipped}
        self.added_ids = {(r.type, r.id) for r in d.relations_added}
        self.added_ids |= {(f.new.type, f.new.id) for f in d.relations_flipped}
        self.changed_ids = {(r.relation.type, r.relation.id) for r in d.relations_changed}

    def unique(self, i: str) -> str:
        """``i``, or ``i~old`` (repeated) when the new map already has it."""
        while i in self.taken:
            i += "~old"
        self.taken.add(i)
        return i

    def cid(self, i: str) -> str:
        """An old claim id as it is in the union."""
        return self.claim_id.get(i, i)

    def claims(self) -> list[Claim]:
        """Marks every claim the diff names; the removed claims, under unique ids."""
        removed: list[Claim] = []
        for c in self.d.claims_removed:
            uid = self.claim_id[c.id] = self.unique(c.id)
            removed.append(replace(c, id=uid))
            self.marks[uid] = REMOVED
        self.marks.update((c.id, ADDED) for c in self.d.claims_added)
        self.marks.update((ch.id, CHANGED) for ch in self.d.claims_changed)
        self.marks.update((ch.id, RENAMED) for ch in self.d.claims_renamed)
        return removed

    def old_supports(self) -> list[Support]:
        """Old supports whose ends survive map onto the new support; the others
        come back, marked removed."""
        new_by_key = {support_key(s, str): s.id for s in self.new.supports}
        extra: list[Support] = []
        for s in self.old.supports:
            key = support_key(s, self.cid)
            if key in new_by_key and ("support", s.id) not in self.removed_ids:
                self.support_id[s.id] = new_by_key[key]
                continue
            uid = self.support_id[s.id] = self.unique(s.id)
            premises = tuple(self.cid(p) for p in s.premises)
            extra.append(replace(s, id=uid, premises=premises, conclusion=self.cid(s.conclusion)))
            self.marks[uid] = REMOVED
        return extra

    def old_attacks(self) -> list[Attack]:
        """The removed attacks, pointing at what their targets are in the union."""
        extra: list[Attack] = []
        for a in self.old.attacks:
            kind = _kind(a)
            if (kind, a.id) not in self.removed_ids:
                continue
            if kind == "undercut":
                target = self.support_id.get(a.target, a.target)
            else:
                target = self.cid(a.target)
            uid = self.unique(a.id)
            extra.append(replace(a, id=uid, attacker=self.cid(a.attacker), target=target))
            self.marks[uid] = REMOVED
        return extra

    def mark_new_relations(self) -> None:
        """Marks the new map's added and changed supports and attacks."""
        items = [("support", s.id) for s in self.new.supports]
        items += [(_kind(a), a.id) for a in self.new.attacks]
        for item in items:
            if item in self.added_ids:
                self.marks[item[1]] = ADDED
            elif item in self.changed_ids:
                self.marks[item[1]] = CHANGED


def _kind(a: Attack) -> str:
    return "undercut" if a.kind is AttackKind.UNDERCUTS else "attack"
