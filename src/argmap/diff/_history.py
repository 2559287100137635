"""The history of one claim across a sequence of versions (``argmap log``).

Preconditions: versions are given newest first, each with the commit that
made it; the oldest is compared with an empty map, so it shows the claim's
creation. The claim is followed back through renames.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.diff._core import ClaimChange, MapDiff, RelationRef, diff_maps
from argmap.model import ArgumentMap


@dataclass(frozen=True, slots=True)
class ClaimEvent:
    """What one commit did to the claim (known as ``claim`` after the commit)."""

    commit: str
    subject: str
    claim: str
    what: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """``{"commit", "subject", "claim", "what"}``."""
        return {
            "commit": self.commit,
            "subject": self.subject,
            "claim": self.claim,
            "what": list(self.what),
        }


def _q(text: object) -> str:
    return json.dumps(text, ensure_ascii=False)


def _changes(ch: ClaimChange) -> list[str]:
    out: list[str] = []
    for f in ch.changes:
        if f.field == "text" and ch.words:
            bits = []
            for op, run in ch.words:
                bits.append(run if op == "=" else f"[-{run}-]" if op == "-" else f"{{+{run}+}}")
            out.append("text: " + _q(" ".join(bits)))
        else:
            out.append(f"{f.field}: {_q(f.old)} -> {_q(f.new)}")
    return out


def _rel(r: RelationRef) -> str:
    if r.type == "support":
        return f"support {' + '.join(r.sources)} -> {r.target}"
    return f"{r.type} {r.sources[0]} -> {r.target}"


def events_for(d: MapDiff, claim: str) -> list[str]:
    """What a diff says about one claim (its id in the newer version): the
    claim itself, then its relations, then the stances on it."""
    old_id = next((o for o, n in d.renames.items() if n == claim), claim)
    return [
        *_claim_events(d, claim),
        *_relation_events(d, {claim, old_id}),
        *_stance_events(d, claim, {claim, old_id}),
    ]


def _claim_events(d: MapDiff, claim: str) -> list[str]:
    out = [f"added: {_q(c.text)}" for c in d.claims_added if c.id == claim]
    out += [f"removed: {_q(c.text)}" for c in d.claims_removed if c.id == claim]
    for ch in d.claims_changed:
        if ch.id == claim:
            out.extend(_changes(ch))
    for ch in d.claims_renamed:
        if ch.id == claim:
            out.append(f"renamed from {ch.old_id}")
            out.extend(_changes(ch))
        elif ch.old_id == claim:
            out.append(f"renamed to {ch.id}")
            out.extend(_changes(ch))
    return out


def _relation_events(d: MapDiff, ids: set[str]) -> list[str]:
    def touches(r: RelationRef) -> bool:
        return r.target in ids or bool(ids & set(r.sources))

    out = [f"{_rel(r)} added" for r in d.relations_added if touches(r)]
    out += [f"{_rel(r)} removed" for r in d.relations_removed if touches(r)]
    out += [f"{_rel(rc.relation)} changed" for rc in d.relations_changed if touches(rc.relation)]
    out += [
        f"{f.source} -> {f.target}: was {f.old.type}, now {f.new.type}"
        for f in d.relations_flipped
        if f.source in ids or f.target in ids
    ]
    return out


def _stance_events(d: MapDiff, claim: str, ids: set[str]) -> list[str]:
    out = [f"stance added: {s.stakeholder} {s.kind}" for s in d.stances_added if s.claim == claim]
    out += [
        f"stance removed: {s.stakeholder} {s.kind}" for s in d.stances_removed if s.claim in ids
    ]
    for sc in d.stances_changed:
        if sc.claim == claim:
            bits = ", ".join(f"{f.field} {_q(f.old)} -> {_q(f.new)}" for f in sc.changes)
            out.append(f"stance of {sc.stakeholder} changed: {bits}")
    return out


def claim_history(
    versions: Sequence[tuple[str, str, ArgumentMap]], claim: str
) -> tuple[ClaimEvent, ...]:
    """The commits (newest first) that changed ``claim``, and how.

    ``versions`` are ``(commit, subject, map)``, newest first. ``claim`` is the
    id in the newest version that has it; older ids are followed via renames.
    """
    out: list[ClaimEvent] = []
    current = claim
    for i, (commit, subject, new) in enumerate(versions):
        old = versions[i + 1][2] if i + 1 < len(versions) else ArgumentMap()
        if not new.has_claim(current) and not old.has_claim(current):
            continue
        d = diff_maps(old, new)
        what = events_for(d, current)
        if what:
            out.append(ClaimEvent(commit, subject, current, tuple(what)))
        current = next((o for o, n in d.renames.items() if n == current), current)
    return tuple(out)
