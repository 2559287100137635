"""Verdict diff: which claims changed label between two versions, and why.

Labels come from :func:`argmap.analysis.semantics.label_claims` (in / out /
undecided under the named semantics). A claim is compared with itself across
a rename. The reasons name the changes next to the claim: attacks on it (or
undercuts of its supports) added, removed or flipped, supports for it added or
removed, its own ``assumed`` flag, and attackers or premises whose label
changed. When none
of these applies the change came from further away, and the reason says so.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, AttackKind

if TYPE_CHECKING:
    from argmap.diff._core import MapDiff, VerdictChange


def _premises(amap: ArgumentMap) -> dict[str, set[str]]:
    """Claim id -> premises of the supports concluding it."""
    out: dict[str, set[str]] = defaultdict(set)
    for s in amap.supports:
        out[s.conclusion].update(s.premises)
    return out


def _attackers(amap: ArgumentMap) -> dict[str, set[str]]:
    """Claim id -> attackers of it or of a support concluding it."""
    conclusion_of = {s.id: s.conclusion for s in amap.supports}
    out: dict[str, set[str]] = defaultdict(set)
    for a in amap.attacks:
        if a.kind is AttackKind.UNDERCUTS:
            target = conclusion_of.get(a.target)
            if target is not None:
                out[target].add(a.attacker)
        else:
            out[a.target].add(a.attacker)
    return out


def label(amap: ArgumentMap, semantics: str) -> dict[str, str]:
    """Each claim's label under ``semantics``; ArgmapError when evaluation is missing."""
    try:
        from argmap.analysis.semantics import label_claims
    except ImportError as exc:
        raise ArgmapError(
            "--evaluate needs argmap.analysis.semantics, which this installation lacks"
        ) from exc
    labels: dict[str, str] = label_claims(amap, semantics)
    return {k: str(v) for k, v in labels.items()}


def verdict_changes(
    old: ArgumentMap, new: ArgumentMap, d: MapDiff, semantics: str
) -> tuple[VerdictChange, ...]:
    """Claims (new ids; old ids for removed claims) whose label differs."""
    from argmap.diff._core import VerdictChange

    old_labels = label(old, semantics)
    new_labels = label(new, semantics)
    back = {n: o for o, n in d.renames.items()}
    reasons = _edit_reasons(old, new, d)
    new_att = _attackers(new)
    new_prem = _premises(new)

    def moved(role: str, ids: set[str]) -> list[str]:
        """The attackers or premises whose own label changed."""
        out = []
        for other in sorted(ids):
            was = old_labels.get(back.get(other, other))
            now = new_labels.get(other)
            if was is not None and was != now:
                out.append(f"{role} {other} is now {now} (was {was})")
        return out

    out: list[VerdictChange] = []
    for nc in new.claims:
        before = old_labels.get(back.get(nc.id, nc.id))
        after = new_labels.get(nc.id)
        if before == after:
            continue
        why = (["claim added"] if before is None else []) + list(reasons.get(nc.id, ()))
        why += moved("attacker", new_att.get(nc.id, set()))
        why += moved("premise", new_prem.get(nc.id, set()))
        out.append(VerdictChange(nc.id, before, after, tuple(why or _FURTHER)))
    renamed_old = set(d.renames)
    for oc in old.claims:
        if oc.id in renamed_old or oc.id in new_labels:
            continue
        was = old_labels.get(oc.id)
        if was is not None:
            out.append(VerdictChange(oc.id, was, None, ("claim removed",)))
    return tuple(sorted(out, key=lambda v: v.id))


_FURTHER = ("a change further away in the map",)


def _edit_reasons(old: ArgumentMap, new: ArgumentMap, d: MapDiff) -> dict[str, list[str]]:
    """Claim id (new) -> the edits of the diff that bear on it directly."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for r in d.relations_added:
        if r.type == "attack":
            reasons[r.target].append(f"attack from {r.sources[0]} added")
        elif r.type == "support":
            reasons[r.target].append(f"support from {', '.join(r.sources)} added")
    for r in d.relations_removed:
        target = d.renames.get(r.target, r.target)
        if r.type == "attack":
            reasons[target].append(f"attack from {r.sources[0]} removed")
        elif r.type == "support":
            reasons[target].append(f"support from {', '.join(r.sources)} removed")
    conclusion_new = {s.id: s.conclusion for s in new.supports}
    conclusion_old = {s.id: s.conclusion for s in old.supports}
    for r in d.relations_added:
        if r.type == "undercut" and r.target in conclusion_new:
            reasons[conclusion_new[r.target]].append(f"undercut from {r.sources[0]} added")
    for r in d.relations_removed:
        if r.type == "undercut" and r.target in conclusion_old:
            target = conclusion_old[r.target]
            reasons[d.renames.get(target, target)].append(f"undercut from {r.sources[0]} removed")
    for f in d.relations_flipped:
        reasons[f.target].append(
            f"relation from {f.source} flipped from {f.old.type} to {f.new.type}"
        )
    for c in (*d.claims_changed, *d.claims_renamed):
        for ch in c.changes:
            if ch.field == "assumed":
                reasons[c.id].append("now assumed" if ch.new else "no longer assumed")
    return reasons
