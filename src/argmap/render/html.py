"""The interactive page: one self-contained HTML file (inline SVG, CSS, JS, data).

It opens from disk with no network. Clicking a claim highlights what supports
it (green) and what opposes it (red), directly and down the chain, and lists
who holds it; hovering shows the full text and the source quotes; a menu
filters by stakeholder. Map text reaches the page only as Graphviz-escaped SVG
text and as JSON inside a ``<script type="application/json">`` block, with
``<``, ``>``, ``&`` and U+2028/U+2029 escaped, and the script writes it with
``textContent`` only, so no text from a map can run as code.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from argmap.model import Anchor, ArgumentMap, Attack, Claim, Stance, Support
from argmap.render.dot import (
    attack_svg_id,
    claim_svg_id,
    junction_supports,
    stakeholder_colours,
    support_part_ids,
)
from argmap.render.svg import strip_prolog
from argmap.render.text import clean, xml
from argmap.render.values import Drawing

_JSON_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def embed_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(
        _JSON_SAFE
    )


def _hedging(item: Claim | Support | Attack | Stance) -> dict[str, str]:
    """An item's hedge, the source's words and the mapper's inference, where given."""
    out: dict[str, str] = {}
    if item.hedge is not None:
        out["hedge"] = str(item.hedge)
    if item.hedge_words is not None:
        out["hedge_words"] = clean(item.hedge_words)
    inferred = getattr(item, "inferred", None)
    if inferred is not None:
        out["inferred"] = clean(inferred)
    return out


def page_data(amap: ArgumentMap) -> dict[str, Any]:
    """What the page's script needs: claims by SVG id, their reasons, stakeholders,
    and the supports and attacks by the SVG ids they are drawn with."""
    svg_of = {c.id: claim_svg_id(i) for i, c in enumerate(amap.claims)}
    names = {h.id: h.name for h in amap.stakeholders}
    sources = {s.id: s.title for s in amap.sources}

    def quotes(anchors: tuple[Anchor, ...]) -> list[dict[str, str]]:
        return [
            {"source": clean(sources.get(a.source, a.source)), "quote": clean(a.quote)}
            for a in anchors
        ]

    claims: dict[str, Any] = {}
    for c in amap.claims:
        claims[svg_of[c.id]] = {
            "id": clean(c.id),
            "label": clean(c.label or ""),
            "text": clean(c.text),
            "kind": str(c.kind),
            "quotes": quotes(c.anchors),
            "holders": [],
            "reasons": [],
            **_hedging(c),
        }
    for st in amap.stances:
        if st.claim in svg_of:
            claims[svg_of[st.claim]]["holders"].append(
                {
                    "who": clean(st.stakeholder),
                    "name": clean(names.get(st.stakeholder, st.stakeholder)),
                    "stance": str(st.kind),
                    "quotes": quotes(st.anchors),
                    **_hedging(st),
                }
            )
    relations: dict[str, Any] = {}
    junctions = junction_supports(amap)
    parts: dict[str, tuple[str, ...]] = {}
    conclusion: dict[str, str] = {}
    for i, s in enumerate(amap.supports):
        parts[s.id] = support_part_ids(i, len(s.premises), s.id in junctions)
        conclusion[s.id] = s.conclusion
        about = {
            "id": clean(s.id),
            "kind": "supports",
            "from": [clean(p) for p in s.premises],
            "to": clean(s.conclusion),
            "quotes": quotes(s.anchors),
            **_hedging(s),
        }
        for part in parts[s.id]:
            relations[part] = about
        if s.conclusion not in svg_of:
            continue
        for p in s.premises:
            if p in svg_of:
                claims[svg_of[s.conclusion]]["reasons"].append(
                    {"claim": svg_of[p], "sign": 1, "via": list(parts[s.id])}
                )
    for i, a in enumerate(amap.attacks):
        relations[attack_svg_id(i)] = {
            "id": clean(a.id),
            "kind": str(a.kind),
            "from": [clean(a.attacker)],
            "to": clean(a.target),
            "quotes": quotes(a.anchors),
            **_hedging(a),
        }
        target = conclusion.get(a.target, a.target)
        if target in svg_of and a.attacker in svg_of:
            via = [attack_svg_id(i)]
            claims[svg_of[target]]["reasons"].append(
                {"claim": svg_of[a.attacker], "sign": -1, "via": via}
            )
    colours = stakeholder_colours(amap)
    stakeholders = [
        {"id": clean(h.id), "name": clean(h.name), "colour": colours[h.id][0]}
        for h in amap.stakeholders
    ]
    return {"claims": claims, "relations": relations, "stakeholders": stakeholders}


def _asset(name: str) -> str:
    return resources.files("argmap.render").joinpath(name).read_text("utf-8")


def page(amap: ArgumentMap, drawing: Drawing) -> str:
    """The whole page for a drawing of ``amap`` (from :func:`argmap.render.draw`)."""
    title = xml(amap.title or "Argument map")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:\">\n"
        f"<title>{title}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n"
        f'<header><h1>{title}</h1>\n<label>Stakeholder: <select id="who">'
        '<option value="">everyone</option></select></label>\n'
        '<span class="hint">Click a claim to see what supports and opposes it; '
        "hover for the full text and sources.</span></header>\n"
        '<main><div id="map">\n'
        f"{strip_prolog(drawing.svg)}</div>\n"
        '<aside id="info"><p class="hint">No claim selected.</p></aside></main>\n'
        '<div id="tip" hidden></div>\n'
        f'<script type="application/json" id="argmap-data">{embed_json(page_data(amap))}'
        "</script>\n"
        f"<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n"
    )
