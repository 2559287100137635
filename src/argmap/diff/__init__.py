"""Semantic diffs between two versions of a map (docs/diff.md).

:func:`diff_maps` compares two maps and returns a :class:`MapDiff`;
:func:`to_text`, :func:`to_markdown` and :func:`stat` format it and
``MapDiff.to_json()`` gives the stable JSON shape. :func:`drawing_overlay`
builds the union of both versions with marks, for drawing the diff.
:func:`merge_maps` merges two versions of a common base (docs/merge.md) and
:func:`merge_text` writes the result in OURS' layout with conflicts marked.

A layer above :mod:`argmap.analysis` and :mod:`argmap.formats`
(docs/architecture.md): it may use both (verdict changes; the YAML writer for
merged text) and never reads files itself; :mod:`argmap.git` and the CLI
bring it the two versions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.diff._core import (
    ClaimChange,
    FieldChange,
    MapDiff,
    OtherChange,
    RelationChange,
    RelationFlip,
    RelationRef,
    StakeholderChange,
    StanceChange,
    VerdictChange,
    diff_maps,
    word_diff,
)
from argmap.diff._format import stat, to_markdown, to_text
from argmap.diff._history import ClaimEvent, claim_history
from argmap.diff._overlay import drawing_overlay
from argmap.diff._rename import TEXT_FLOOR, TEXT_WEIGHT, THRESHOLD

if TYPE_CHECKING:
    from argmap.diff._merge_text import merge_text
    from argmap.diff.merge import Conflict, MergeResult, merge_maps

# Merging is imported on first use: its text writer needs PyYAML (20 ms),
# which a diff of two valid maps never does.
_MERGE = {
    "Conflict": "argmap.diff.merge",
    "MergeResult": "argmap.diff.merge",
    "merge_maps": "argmap.diff.merge",
    "merge_text": "argmap.diff._merge_text",
}


def __getattr__(name: str) -> object:
    module = _MERGE.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.diff' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "TEXT_FLOOR",
    "TEXT_WEIGHT",
    "THRESHOLD",
    "ClaimChange",
    "ClaimEvent",
    "Conflict",
    "FieldChange",
    "MapDiff",
    "MergeResult",
    "OtherChange",
    "RelationChange",
    "RelationFlip",
    "RelationRef",
    "StakeholderChange",
    "StanceChange",
    "VerdictChange",
    "claim_history",
    "diff_maps",
    "drawing_overlay",
    "merge_maps",
    "merge_text",
    "stat",
    "to_markdown",
    "to_text",
    "word_diff",
]
