"""The functions :mod:`argmap` offers at the top (docs/api.md).

Each imports what it needs when called, so ``import argmap`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import networkx as nx
    import pydot

    from argmap.analysis.explain import Explanation
    from argmap.analysis.semantics import Evaluation
    from argmap.render.view import View


def load(path: str | Path, format: str | None = None) -> ArgumentMap:
    """Read and validate a map file in any format argmap reads (``argmap formats``).

    The format comes from the suffix (and the content, for ``.json``, ``.yaml``
    and ``.txt``), or from ``format``. Raises :class:`~argmap.errors.MapError`
    listing every problem, as ``path:line:col: message``.
    """
    from argmap.formats.registry import read

    return read(path, format)


def loads(text: str, path: str = "<string>", format: str = "yaml") -> ArgumentMap:
    """Read and validate map text in ``format`` (default: native YAML);
    ``path`` names the text in messages."""
    if format == "yaml":
        from argmap.formats.yaml import loads as loads_yaml

        return loads_yaml(text, path)
    from argmap.errors import ArgmapError
    from argmap.formats.registry import get

    fmt = get(format)
    if fmt.loads is None:
        raise ArgmapError(f"format {format!r} can only be written")
    return fmt.loads(text, path)


def dumps(amap: ArgumentMap, format: str = "yaml") -> str:
    """The map as text in ``format`` (default: native YAML, argmap's layout)."""
    from argmap.errors import ArgmapError
    from argmap.formats.registry import get

    fmt = get(format)
    if fmt.dumps is None:
        raise ArgmapError(f"format {format!r} can only be read")
    return fmt.dumps(amap)


def dump(amap: ArgumentMap, path: str | Path) -> None:
    """Write the map as native YAML to ``path`` (atomically)."""
    from argmap.formats.yaml import dump as dump_yaml

    dump_yaml(amap, path)


def evaluate(
    amap: ArgumentMap, semantics: str = "grounded", *, stakeholder: str | None = None
) -> Evaluation:
    """Label every claim in, out or undecided, with a reason for each verdict.

    ``semantics``: ``grounded``, ``complete``, ``preferred`` or ``stable``
    (Carneades: :func:`argmap.analysis.evaluate_carneades`). ``stakeholder``:
    accept that stakeholder's asserted and endorsed claims as given.
    """
    from argmap.analysis.semantics import evaluate as evaluate_map

    return evaluate_map(amap, semantics, stakeholder=stakeholder)


def explain(
    amap: ArgumentMap,
    claim: str,
    semantics: str = "grounded",
    *,
    stakeholder: str | None = None,
    depth: int | None = None,
) -> Explanation:
    """Why ``claim`` has its label: the dispute as a tree and what the verdict
    hinges on (as ``argmap explain``)."""
    from argmap.analysis.explain import explain as explain_claim

    return explain_claim(amap, claim, semantics, stakeholder=stakeholder, depth=depth)


def view(
    amap: ArgumentMap,
    view: str = "argument",
    *,
    focus: str | None = None,
    depth: int = 1,
    stakeholder: str | None = None,
    tag: str | None = None,
    evaluate: str | None = None,
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
) -> View:
    """One drawing of the map, as ``argmap render`` makes it; it draws itself
    in Jupyter and :meth:`~argmap.render.view.View.draw` gives any format.

    ``view``: ``argument``, ``stakeholders``, ``full`` or ``grid``;
    ``focus``/``depth``, ``stakeholder``, ``tag`` narrow the map; ``evaluate``
    names a semantics whose labels colour the claims; ``marks`` adds marks
    of your own (id -> mark name).
    """
    return _view(
        amap, view, focus, depth, stakeholder, tag, evaluate, marks, layout, rankdir, legend
    )


def _view(
    amap: ArgumentMap,
    name: str,
    focus: str | None,
    depth: int,
    stakeholder: str | None,
    tag: str | None,
    semantics: str | None,
    marks: Mapping[str, str] | None,
    layout: str | None,
    rankdir: str | None,
    legend: bool,
) -> View:
    from argmap.render.view import View, evaluation_marks
    from argmap.render.views import select

    all_marks = dict(marks or {})
    if semantics is not None:
        all_marks = {**evaluation_marks(amap, semantics), **all_marks}
    narrowed = select(amap, focus=focus, depth=depth, stakeholder=stakeholder, tag=tag)
    return View(narrowed, name, all_marks, layout, rankdir, legend)


def draw(
    amap: ArgumentMap,
    format: str = "svg",
    *,
    view: str = "argument",
    focus: str | None = None,
    depth: int = 1,
    stakeholder: str | None = None,
    tag: str | None = None,
    evaluate: str | None = None,
    marks: Mapping[str, str] | None = None,
    layout: str | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    page: str | None = None,
) -> str | bytes:
    """The map drawn: ``dot``, ``svg`` and ``html`` as text, ``png`` and ``pdf``
    as bytes. The options are those of :func:`view` (and ``page``, a page
    size: docs/render.md)."""
    drawn = _view(
        amap, view, focus, depth, stakeholder, tag, evaluate, marks, layout, rankdir, legend
    )
    return drawn.draw(format, page=page)


def to_pydot(
    amap: ArgumentMap,
    view: str = "argument",
    *,
    marks: Mapping[str, str] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
) -> pydot.Dot:
    """The drawing's graph as a :class:`pydot.Dot` (:func:`argmap.render.view.to_pydot`)."""
    from argmap.render.view import to_pydot as build

    return build(amap, view=view, marks=marks, rankdir=rankdir, legend=legend)


def from_graph(g: nx.MultiDiGraph[str], *, title: str | None = None) -> ArgumentMap:
    """The map a graph view describes: the inverse of :func:`argmap.to_graph`
    (:func:`argmap.formats.graphview.from_graph`)."""
    from argmap.formats.graphview import from_graph as build

    return build(g, title=title)
