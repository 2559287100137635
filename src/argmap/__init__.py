"""argmap: argument maps as code.

The public API: :func:`load` / :func:`loads` read and validate a map,
:func:`dump` / :func:`dumps` write one, :func:`to_graph` gives the networkx view,
:func:`diff_maps` compares two maps (a :class:`MapDiff`), and the model and
error classes are re-exported here.
"""

from __future__ import annotations

from argmap.errors import ArgmapError, MapError, Problem, UnknownIdError
from argmap.formats.yaml import dump, dumps, load, loads
from argmap.graph import to_graph
from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    ClaimKind,
    Issue,
    Preference,
    ProofStandard,
    Relation,
    RelationKind,
    Rephrase,
    Source,
    Stakeholder,
    StakeholderKind,
    Stance,
    StanceKind,
    Support,
)

__all__ = [
    "Anchor",
    "ArgmapError",
    "ArgumentMap",
    "Attack",
    "AttackKind",
    "Claim",
    "ClaimKind",
    "Issue",
    "MapDiff",
    "MapError",
    "Preference",
    "Problem",
    "ProofStandard",
    "Relation",
    "RelationKind",
    "Rephrase",
    "Source",
    "Stakeholder",
    "StakeholderKind",
    "Stance",
    "StanceKind",
    "Support",
    "UnknownIdError",
    "diff_maps",
    "dump",
    "dumps",
    "load",
    "loads",
    "to_graph",
]


def __getattr__(name: str) -> object:
    # The diff machinery is imported on first use, to keep start-up lean.
    if name in ("diff_maps", "MapDiff", "merge_maps", "MergeResult"):
        from argmap import diff

        return getattr(diff, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
