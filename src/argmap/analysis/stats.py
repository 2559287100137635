"""Counts of a map's parts by kind."""

from __future__ import annotations

from collections import Counter
from typing import Any

from argmap.model import ArgumentMap, AttackKind


def stats(amap: ArgumentMap) -> dict[str, Any]:
    """Counts by kind, as a JSON-ready dict with sorted, stable keys.

    Shape: ``{"claims": {"total": N, "by_kind": {...}, "assumed": N, "anchored": N},
    "supports": {"total", "linked"}, "attacks": {"total", "rebuts", "undercuts"},
    "stakeholders": {"total", "by_kind", "relations"}, "stances": {"total", "asserts",
    "endorses", "rejects"}, "sources": N, "issues": N, "rephrases": N, "preferences": N}``.
    """
    attack_kinds = Counter(a.kind for a in amap.attacks)
    stance_kinds = Counter(str(s.kind) for s in amap.stances)
    return {
        "claims": {
            "total": len(amap.claims),
            "by_kind": dict(sorted(Counter(str(c.kind) for c in amap.claims).items())),
            "assumed": sum(1 for c in amap.claims if c.assumed),
            "anchored": sum(1 for c in amap.claims if c.anchors),
        },
        "supports": {
            "total": len(amap.supports),
            "linked": sum(1 for s in amap.supports if len(s.premises) > 1),
        },
        "attacks": {
            "total": len(amap.attacks),
            "rebuts": attack_kinds[AttackKind.REBUTS],
            "undercuts": attack_kinds[AttackKind.UNDERCUTS],
        },
        "stakeholders": {
            "total": len(amap.stakeholders),
            "by_kind": dict(sorted(Counter(str(h.kind) for h in amap.stakeholders).items())),
            "relations": sum(len(h.relations) for h in amap.stakeholders),
        },
        "stances": {
            "total": len(amap.stances),
            "asserts": stance_kinds["asserts"],
            "endorses": stance_kinds["endorses"],
            "rejects": stance_kinds["rejects"],
        },
        "sources": len(amap.sources),
        "issues": len(amap.issues),
        "rephrases": len(amap.rephrases),
        "preferences": len(amap.preferences),
    }
