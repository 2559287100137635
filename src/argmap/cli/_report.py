"""The ``argmap evaluate --json`` report: a map file read in any format and
evaluated, keyed by the ids written in the file (docs/cli.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from argmap._gc import retire
from argmap.analysis import semantics as sem
from argmap.errors import UnknownIdError
from argmap.formats.registry import read_with_ids
from argmap.model import ArgumentMap

V = TypeVar("V")


def evaluation_report(
    path: str | Path,
    semantics: str = "grounded",
    *,
    stakeholder: str | None = None,
    claim: str | None = None,
    strength: bool = False,
    words: bool = False,
) -> dict[str, Any]:
    """Evaluate a map file and return the ``argmap evaluate --json`` report.

    Shape (docs/cli.md): ``semantics``, ``labels`` and ``reasons`` (claim ->
    label / sentence), ``supports`` (support -> label; Carneades: support ->
    weight), ``extensions`` (lists of claims, or None), ``acceptance`` (claim
    -> credulous / sceptical, or None), ``claim``, ``from``, ``given``,
    ``stable_exists``, ``strength`` (claim -> DF-QuAD strength, or None) and
    ``fragile`` (claim -> ``{"label", "rests_on": [{"claim", "held_by"}]}`` for
    each fragile verdict, see :func:`argmap.analysis.explain.fragile_verdicts`;
    empty under Carneades).
    On a Carneades file every claim is keyed by its id as written in the file.
    ``words`` (for text output, not the JSON): the reasons cite claims in
    words, ``names`` / ``stakeholder_names`` say how to name each claim
    and stakeholder, and ``acceptance`` holds only ``claim``.
    """
    amap, ids = read_with_ids(path)
    retire(amap)  # kept to the end of a command, which frees nothing
    n = _Names(ids)
    if claim is not None:
        claim = n.original.get(claim, claim)
        if not amap.has_claim(claim):
            raise UnknownIdError("claim", n(claim), [n(c.id) for c in amap.claims])
    report: dict[str, Any] = {
        "semantics": semantics,
        "claim": n(claim) if claim else None,
        "from": stakeholder,
        "acceptance": None,
        "extensions": None,
        "stable_exists": True,
        "strength": None,
        "fragile": {},
    }
    if semantics == "carneades":
        amap = _carneades(report, amap, n, stakeholder)
    else:
        _dung(report, amap, n, semantics, stakeholder, claim, words)
    if words:
        short = sem.short_words
        report["names"] = (
            {n(c.id): c.label or short(c.text, 60) for c in amap.claims if n.kept(c.id)}
            if n.ids
            else {c.id: c.label or short(c.text, 60) for c in amap.claims}
        )
        report["stakeholder_names"] = {h.id: h.name for h in amap.stakeholders}
    if strength:
        from argmap.analysis.gradual import dfquad

        report["strength"] = {n(c): round(v, 6) for c, v in dfquad(amap).strengths.items()}
    return report


class _Names:
    """Claims named as the file writes them (a Carneades file's own ids)."""

    def __init__(self, ids: dict[str, str]) -> None:
        self.ids = ids
        self.original = {v: k for k, v in ids.items()}

    def __call__(self, item: str) -> str:
        return self.ids.get(item, item)

    def kept(self, item: str) -> bool:
        # a Carneades import's stand-in premises are not the file's statements
        return not self.ids or item in self.ids

    def shown(self, items: Iterable[str]) -> list[str]:
        if not self.ids:
            return list(items)
        return [i for i in items if self.kept(i)]

    def keyed(self, values: dict[str, V], keep: list[str]) -> dict[str, V]:
        """``values`` of the claims ``keep`` (all of ``values``' keys, in order),
        keyed as the file writes them (``values`` itself when those are the keys)."""
        if not self.ids:  # the file's ids are the map's
            return values
        return {self(c): values[c] for c in keep}


def _carneades(
    report: dict[str, Any], amap: ArgumentMap, n: _Names, stakeholder: str | None
) -> ArgumentMap:
    """Carneades' labels and argument weights; the map with the stakeholder's
    claims assumed."""
    from argmap.analysis import carneades

    given = sem.given_by(amap, stakeholder) if stakeholder else ()
    if given:
        claims = tuple(replace(c, assumed=True) if c.id in given else c for c in amap.claims)
        amap = replace(amap, claims=claims)
    result = carneades.evaluate(amap, names=n.ids)
    keep = n.shown(result.labels)
    report["labels"] = {n(c): result.labels[c] for c in keep}
    report["reasons"] = {n(c): result.reasons[c] for c in keep}
    report["supports"] = {n(s): w for s, w in result.weights.items()}
    report["given"] = [n(c) for c in given]
    return amap


def _dung(
    report: dict[str, Any],
    amap: ArgumentMap,
    n: _Names,
    semantics: str,
    stakeholder: str | None,
    claim: str | None,
    words: bool,
) -> None:
    """Labels, reasons, extensions, acceptance and fragile verdicts under a
    Dung semantics."""
    from argmap.analysis.explain import fragile_verdicts

    ev = sem.evaluate(amap, semantics, stakeholder=stakeholder, words=words)
    keep = n.shown(ev.labels)
    report["labels"] = n.keyed(ev.labels, keep)
    report["reasons"] = n.keyed(ev.reasons, keep)
    report["supports"] = {n(s): lab for s, lab in ev.support_labels.items()}
    report["given"] = [n(c) for c in ev.given]
    report["stable_exists"] = ev.stable_exists
    report["fragile"] = {
        n(c): {
            "label": f.label,
            "rests_on": [{"claim": n(r), "held_by": f.held_by[r]} for r in f.rests_on],
        }
        for c, f in fragile_verdicts(amap, ev).items()
    }
    if ev.extensions is not None:
        report["extensions"] = [[n(c) for c in n.shown(ext)] for ext in ev.extensions]
    # the text says only the acceptance of the claim asked about (--claim)
    asked = keep if not words else [claim] if claim is not None and claim in ev.credulous else []
    report["acceptance"] = {
        n(c): {"credulous": ev.credulous[c], "sceptical": ev.sceptical[c]} for c in asked
    }
    if claim is not None and n(claim) not in report["acceptance"]:
        acc = sem.acceptance(amap, claim, semantics, given=ev.given)
        report["acceptance"][n(claim)] = {"credulous": acc.credulous, "sceptical": acc.sceptical}
