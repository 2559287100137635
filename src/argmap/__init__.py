"""argmap: argument maps as code.

The public API (docs/api.md has a worked example):

- read and write: :func:`load` (any format argmap reads), :func:`loads`,
  :func:`dump`, :func:`dumps`;
- ask: :func:`supporters`, :func:`opposers`, :func:`who`, :func:`holds`,
  :func:`paths`, :func:`unsupported`, :func:`unanswered` (and everything in
  :mod:`argmap.analysis`);
- evaluate: :func:`evaluate`, :func:`explain`;
- draw: :func:`view` (a drawing that shows itself in Jupyter), :func:`draw`
  (text or bytes in any format), :func:`to_pydot`;
- graphs: :func:`to_graph`, :func:`from_graph` (networkx);
- compare: :func:`diff_maps` (a :class:`MapDiff`), :func:`merge_maps`;
- the model and error classes.

Maps and diffs draw themselves in Jupyter. Everything is imported on first
use, so ``import argmap`` loads neither networkx nor a Graphviz (nor, until
it is used, the model).

The packages beneath (cli, git, render, diff, analysis, formats, graph,
model, io, ids, errors) form layers that import only downwards; see
docs/architecture.md, which also says where a new format, view, semantics or
command goes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from argmap._version import __version__ as __version__

if TYPE_CHECKING:
    from argmap._api import (
        draw,
        dump,
        dumps,
        evaluate,
        explain,
        from_graph,
        load,
        loads,
        to_pydot,
        view,
    )
    from argmap.analysis.queries import (
        holds,
        opposers,
        paths,
        supporters,
        unanswered,
        unsupported,
        who,
    )
    from argmap.diff import MapDiff, MergeResult, diff_maps, merge_maps
    from argmap.errors import ArgmapError, MapError, Problem, UnknownIdError
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
    from argmap.render.view import View

# public name -> the module that defines it (imported on first use)
_LAZY: dict[str, str] = {
    **dict.fromkeys(("ArgmapError", "MapError", "Problem", "UnknownIdError"), "argmap.errors"),
    **dict.fromkeys(
        (
            "Anchor",
            "ArgumentMap",
            "Attack",
            "AttackKind",
            "Claim",
            "ClaimKind",
            "Issue",
            "Preference",
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
        ),
        "argmap.model",
    ),
    **dict.fromkeys(
        (
            "draw",
            "dump",
            "dumps",
            "evaluate",
            "explain",
            "from_graph",
            "load",
            "loads",
            "to_pydot",
            "view",
        ),
        "argmap._api",
    ),
    **dict.fromkeys(
        ("holds", "opposers", "paths", "supporters", "unanswered", "unsupported", "who"),
        "argmap.analysis.queries",
    ),
    **dict.fromkeys(("diff_maps", "MapDiff", "merge_maps", "MergeResult"), "argmap.diff"),
    "to_graph": "argmap.graph",
    "View": "argmap.render.view",
}

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
    "MergeResult",
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
    "View",
    "diff_maps",
    "draw",
    "dump",
    "dumps",
    "evaluate",
    "explain",
    "from_graph",
    "holds",
    "load",
    "loads",
    "merge_maps",
    "opposers",
    "paths",
    "supporters",
    "to_graph",
    "to_pydot",
    "unanswered",
    "unsupported",
    "view",
    "who",
]


_PACKAGES = frozenset({"analysis", "diff", "formats", "git", "graph", "io", "render"})
"""Subpackages and modules reached as attributes (``argmap.analysis.compare``)."""


def __getattr__(name: str) -> object:
    if name in _PACKAGES:
        return importlib.import_module(f"argmap.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def _jupyter_display(obj: object, mime: str) -> str | None:
    """How the model's objects draw themselves in Jupyter (see
    :class:`argmap.model.Drawable`)."""
    from argmap._display import display

    return display(obj, mime)
