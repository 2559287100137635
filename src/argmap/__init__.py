"""argmap: argument maps as code.

The public API: :func:`load` / :func:`loads` read and validate a map,
:func:`dump` / :func:`dumps` write one, :func:`to_graph` gives the networkx view,
:func:`diff_maps` compares two maps (a :class:`MapDiff`), and the model and
error classes are re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The names below are imported on first use (``argmap.load`` imports the
# loader, ``argmap.Claim`` the model), so that ``import argmap.cli`` and
# ``argmap --help`` do not pay for them.
if TYPE_CHECKING:
    from argmap.diff import MapDiff, diff_maps
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


_HOMES = {
    **dict.fromkeys(("ArgmapError", "MapError", "Problem", "UnknownIdError"), "argmap.errors"),
    **dict.fromkeys(("dump", "dumps", "load", "loads"), "argmap.formats.yaml"),
    "to_graph": "argmap.graph",
    # The diff machinery.
    **dict.fromkeys(("diff_maps", "MapDiff", "merge_maps", "MergeResult"), "argmap.diff"),
}


def __getattr__(name: str) -> object:
    import importlib

    home = _HOMES.get(name)
    if home is None and name in __all__:
        home = "argmap.model"
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
