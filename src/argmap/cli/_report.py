"""The ``argmap evaluate --json`` report: a map file read in any format and
evaluated, keyed by the ids written in the file (docs/cli.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from argmap.analysis import semantics as sem
from argmap.errors import UnknownIdError
from argmap.formats.registry import read_with_ids


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
    words, and ``names`` / ``stakeholder_names`` say how to name each claim
    and stakeholder.
    """
    amap, ids = read_with_ids(path)
    given_by, evaluate, acceptance = sem.given_by, sem.evaluate, sem.acceptance

    def name(item: str) -> str:
        return ids.get(item, item)

    def shown(items: Iterable[str]) -> list[str]:
        # a Carneades import's stand-in premises are not the file's statements
        return [i for i in items if not ids or i in ids]

    if claim is not None:
        original = {v: k for k, v in ids.items()}
        claim = original.get(claim, claim)
        if not amap.has_claim(claim):
            raise UnknownIdError("claim", ids.get(claim, claim), [name(c.id) for c in amap.claims])
    report: dict[str, Any] = {
        "semantics": semantics,
        "claim": name(claim) if claim else None,
        "from": stakeholder,
        "acceptance": None,
        "extensions": None,
        "stable_exists": True,
        "strength": None,
        "fragile": {},
    }
    if semantics == "carneades":
        from argmap.analysis import carneades

        given = given_by(amap, stakeholder) if stakeholder else ()
        if given:
            amap = replace(
                amap,
                claims=tuple(replace(c, assumed=True) if c.id in given else c for c in amap.claims),
            )
        result = carneades.evaluate(amap, names=ids)
        keep = shown(result.labels)
        report["labels"] = {name(c): result.labels[c] for c in keep}
        report["reasons"] = {name(c): result.reasons[c] for c in keep}
        report["supports"] = {name(s): w for s, w in result.weights.items()}
        report["given"] = [name(c) for c in given]
    else:
        ev = evaluate(amap, semantics, stakeholder=stakeholder, words=words)
        keep = shown(ev.labels)
        report["labels"] = {name(c): ev.labels[c] for c in keep}
        report["reasons"] = {name(c): ev.reasons[c] for c in keep}
        report["supports"] = {name(s): lab for s, lab in ev.support_labels.items()}
        report["given"] = [name(c) for c in ev.given]
        report["stable_exists"] = ev.stable_exists
        from argmap.analysis.explain import fragile_verdicts

        report["fragile"] = {
            name(c): {
                "label": f.label,
                "rests_on": [{"claim": name(r), "held_by": f.held_by[r]} for r in f.rests_on],
            }
            for c, f in fragile_verdicts(amap, ev).items()
        }
        if ev.extensions is not None:
            report["extensions"] = [[name(c) for c in shown(ext)] for ext in ev.extensions]
        report["acceptance"] = {
            name(c): {"credulous": ev.credulous[c], "sceptical": ev.sceptical[c]} for c in keep
        }
        if claim is not None and name(claim) not in report["acceptance"]:
            acc = acceptance(amap, claim, semantics, given=ev.given)
            report["acceptance"][name(claim)] = {
                "credulous": acc.credulous,
                "sceptical": acc.sceptical,
            }
    if words:
        report["names"] = {
            name(c.id): c.label or sem.short_words(c.text, 60)
            for c in amap.claims
            if not ids or c.id in ids
        }
        report["stakeholder_names"] = {h.id: h.name for h in amap.stakeholders}
    if strength:
        from argmap.analysis.gradual import dfquad

        report["strength"] = {name(c): round(v, 6) for c, v in dfquad(amap).strengths.items()}
    return report
