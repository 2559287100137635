"""Pure functions over the model and graph: queries, statistics, semantics, stakeholders.

Every public function is importable from here (``from argmap.analysis import
supporters, evaluate, explain``); the modules are imported on first use, so
``import argmap.analysis`` costs nothing. By module:

- :mod:`~argmap.analysis.queries`: ``supporters``, ``opposers``, ``who``,
  ``holds``, ``paths``, ``unsupported``, ``unanswered``;
- :mod:`~argmap.analysis.semantics`: ``evaluate``, ``label_claims``,
  ``acceptance``, ``given_by`` (Dung semantics, with a reason per verdict);
- :mod:`~argmap.analysis.explain`: ``fragile_verdicts`` (``explain`` is
  :func:`argmap.explain`);
- :mod:`~argmap.analysis.carneades`: ``evaluate_carneades`` (its ``evaluate``);
- :mod:`~argmap.analysis.gradual`: ``dfquad`` (gradual strengths);
- :mod:`~argmap.analysis.stakeholders`: ``compare`` (two stakeholders),
  ``analyse_stakeholders`` (its ``analyse``), ``coalitions``;
- :mod:`~argmap.analysis.anchors`: ``check_anchors``, ``find_quote``;
  :mod:`~argmap.analysis.hedges`: ``check_hedges``;
  :mod:`~argmap.analysis.grid`: ``quadrant``.

Four functions share their module's name, and a module imported once shadows
a package attribute of its name, so they are reached through the module:
``argmap.analysis.explain.explain`` (or :func:`argmap.explain`),
``argmap.analysis.stats.stats``, ``argmap.analysis.lint.lint`` and
``argmap.analysis.coverage.coverage``.

Everything here is pure (docs/architecture.md): it takes a model (and texts)
and returns values; it never reads files, prints or imports the format layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.analysis.anchors import AnchorCheck, check_anchors, find_quote
    from argmap.analysis.carneades import CarneadesResult
    from argmap.analysis.carneades import evaluate as evaluate_carneades
    from argmap.analysis.coverage import Coverage
    from argmap.analysis.explain import (
        Change,
        DisputeNode,
        Explanation,
        Fragile,
        Pivot,
        fragile_verdicts,
    )
    from argmap.analysis.gradual import Strengths, dfquad
    from argmap.analysis.grid import Quadrant, quadrant
    from argmap.analysis.hedges import HedgeProblem, check_hedges
    from argmap.analysis.lint import LintReport, LintWarning
    from argmap.analysis.queries import (
        Chain,
        Found,
        Step,
        Unanswered,
        Unsupported,
        holds,
        opposers,
        paths,
        supporters,
        unanswered,
        unsupported,
        who,
    )
    from argmap.analysis.semantics import (
        SEMANTICS,
        Evaluation,
        acceptance,
        evaluate,
        given_by,
        label_claims,
    )
    from argmap.analysis.stakeholders import Comparison, StakeholderReport, coalitions, compare
    from argmap.analysis.stakeholders import analyse as analyse_stakeholders

# public name -> (module, name in that module)
_WHERE: dict[str, tuple[str, str]] = {
    **{
        n: ("queries", n)
        for n in (
            "Chain",
            "Found",
            "Step",
            "Unanswered",
            "Unsupported",
            "holds",
            "opposers",
            "paths",
            "supporters",
            "unanswered",
            "unsupported",
            "who",
        )
    },
    **{
        n: ("semantics", n)
        for n in ("SEMANTICS", "Evaluation", "acceptance", "evaluate", "given_by", "label_claims")
    },
    **{
        n: ("explain", n)
        for n in (
            "Change",
            "DisputeNode",
            "Explanation",
            "Fragile",
            "Pivot",
            "fragile_verdicts",
        )
    },
    "CarneadesResult": ("carneades", "CarneadesResult"),
    "evaluate_carneades": ("carneades", "evaluate"),
    "Strengths": ("gradual", "Strengths"),
    "dfquad": ("gradual", "dfquad"),
    "Comparison": ("stakeholders", "Comparison"),
    "StakeholderReport": ("stakeholders", "StakeholderReport"),
    "coalitions": ("stakeholders", "coalitions"),
    "compare": ("stakeholders", "compare"),
    "analyse_stakeholders": ("stakeholders", "analyse"),
    "LintReport": ("lint", "LintReport"),
    "LintWarning": ("lint", "LintWarning"),
    "AnchorCheck": ("anchors", "AnchorCheck"),
    "check_anchors": ("anchors", "check_anchors"),
    "find_quote": ("anchors", "find_quote"),
    "HedgeProblem": ("hedges", "HedgeProblem"),
    "check_hedges": ("hedges", "check_hedges"),
    "Coverage": ("coverage", "Coverage"),
    "Quadrant": ("grid", "Quadrant"),
    "quadrant": ("grid", "quadrant"),
}

__all__ = [
    "SEMANTICS",
    "AnchorCheck",
    "CarneadesResult",
    "Chain",
    "Change",
    "Comparison",
    "Coverage",
    "DisputeNode",
    "Evaluation",
    "Explanation",
    "Found",
    "Fragile",
    "HedgeProblem",
    "LintReport",
    "LintWarning",
    "Pivot",
    "Quadrant",
    "StakeholderReport",
    "Step",
    "Strengths",
    "Unanswered",
    "Unsupported",
    "acceptance",
    "analyse_stakeholders",
    "check_anchors",
    "check_hedges",
    "coalitions",
    "compare",
    "dfquad",
    "evaluate",
    "evaluate_carneades",
    "find_quote",
    "fragile_verdicts",
    "given_by",
    "holds",
    "label_claims",
    "opposers",
    "paths",
    "quadrant",
    "supporters",
    "unanswered",
    "unsupported",
    "who",
]


def __getattr__(name: str) -> object:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'argmap.analysis' has no attribute {name!r}")
    module = importlib.import_module(f"argmap.analysis.{where[0]}")
    return getattr(module, where[1])


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
