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

from argmap.diff._core import diff_maps, support_key
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
    d = diff_maps(old, new)
    taken = set(new.ids())

    def unique(i: str) -> str:
        while i in taken:
            i += "~old"
        taken.add(i)
        return i

    marks: dict[str, str] = {}
    claim_id: dict[str, str] = {c.id: c.id for c in new.claims}
    claim_id.update(d.renames)
    removed_claims: list[Claim] = []
    for c in d.claims_removed:
        uid = unique(c.id)
        claim_id[c.id] = uid
        removed_claims.append(replace(c, id=uid))
        marks[uid] = REMOVED
    for c in d.claims_added:
        marks[c.id] = ADDED
    for ch in d.claims_changed:
        marks[ch.id] = CHANGED
    for ch in d.claims_renamed:
        marks[ch.id] = RENAMED

    def cid(i: str) -> str:
        return claim_id.get(i, i)

    # Supports: old ones whose endpoints survive map onto the new support.
    new_by_key = {support_key(s, str): s.id for s in new.supports}
    support_id: dict[str, str] = {}
    removed_ids = {(r.type, r.id) for r in d.relations_removed}
    removed_ids |= {(f.old.type, f.old.id) for f in d.relations_flipped}
    added_ids = {(r.type, r.id) for r in d.relations_added}
    added_ids |= {(f.new.type, f.new.id) for f in d.relations_flipped}
    changed_ids = {(r.relation.type, r.relation.id) for r in d.relations_changed}

    extra_supports: list[Support] = []
    for s in old.supports:
        key = support_key(s, cid)
        if key in new_by_key and ("support", s.id) not in removed_ids:
            support_id[s.id] = new_by_key[key]
            continue
        uid = unique(s.id)
        support_id[s.id] = uid
        extra_supports.append(
            replace(
                s,
                id=uid,
                premises=tuple(cid(p) for p in s.premises),
                conclusion=cid(s.conclusion),
            )
        )
        marks[uid] = REMOVED

    extra_attacks: list[Attack] = []
    for a in old.attacks:
        kind = "undercut" if a.kind is AttackKind.UNDERCUTS else "attack"
        if (kind, a.id) not in removed_ids:
            continue
        target = support_id.get(a.target, a.target) if kind == "undercut" else cid(a.target)
        uid = unique(a.id)
        extra_attacks.append(replace(a, id=uid, attacker=cid(a.attacker), target=target))
        marks[uid] = REMOVED

    for s2 in new.supports:
        if ("support", s2.id) in added_ids:
            marks[s2.id] = ADDED
        elif ("support", s2.id) in changed_ids:
            marks[s2.id] = CHANGED
    for a2 in new.attacks:
        kind = "undercut" if a2.kind is AttackKind.UNDERCUTS else "attack"
        if (kind, a2.id) in added_ids:
            marks[a2.id] = ADDED
        elif (kind, a2.id) in changed_ids:
            marks[a2.id] = CHANGED

    new_sh = {s.id for s in new.stakeholders}
    extra_sh = [s for s in old.stakeholders if s.id not in new_sh]
    new_st = {(s.stakeholder, s.claim) for s in new.stances}
    old_st = {(s.stakeholder, cid(s.claim)) for s in old.stances}
    extra_st = [
        replace(s, claim=cid(s.claim))
        for s in old.stances
        if (s.stakeholder, cid(s.claim)) not in new_st
    ]
    for st in extra_st:
        marks[stance_mark_key(st.stakeholder, st.claim)] = REMOVED
    for st in new.stances:
        if (st.stakeholder, st.claim) not in old_st:
            marks[stance_mark_key(st.stakeholder, st.claim)] = ADDED
    new_src = {s.id for s in new.sources}
    extra_src = [s for s in old.sources if s.id not in new_src]

    union = ArgumentMap(
        title=new.title,
        description=new.description,
        version=new.version,
        main=new.main,
        sources=new.sources + tuple(extra_src),
        stakeholders=new.stakeholders + tuple(extra_sh),
        claims=new.claims + tuple(removed_claims),
        supports=new.supports + tuple(extra_supports),
        attacks=new.attacks + tuple(extra_attacks),
        stances=new.stances + tuple(extra_st),
        issues=new.issues,
        rephrases=new.rephrases,
        preferences=new.preferences,
    )
    return union, dict(sorted(marks.items()))
