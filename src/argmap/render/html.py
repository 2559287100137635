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

import base64
import bisect
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
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


def page_data(amap: ArgumentMap, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the page's script needs: claims by SVG id, their reasons, stakeholders,
    the supports and attacks by the SVG ids they are drawn with, the main claims
    (``main``), the outline of the argument (``outline``, :func:`outline`) and the
    sources whose text is given in ``texts`` (source id -> text), split into
    paragraphs (``sources``).

    Each claim's ``verdict`` is its grounded label and, when the verdict is
    fragile, the unanswered claims it rests on with their one holder
    (:func:`argmap.analysis.explain.fragile_verdicts`). Each quote says where it
    is in its source's text, when it is found there: ``at`` is ``[first
    paragraph, offset, last paragraph, offset]`` (offsets in UTF-16 code units,
    as JavaScript counts, the second one exclusive).
    """
    from argmap.analysis.explain import fragile_verdicts
    from argmap.analysis.semantics import evaluate

    ev = evaluate(amap)
    fragile = fragile_verdicts(amap, ev)
    svg_of = {c.id: claim_svg_id(i) for i, c in enumerate(amap.claims)}
    names = {h.id: h.name for h in amap.stakeholders}

    def verdict(claim: str) -> dict[str, Any]:
        f = fragile.get(claim)
        rests = [] if f is None else list(f.rests_on)
        return {
            "label": ev.labels[claim],
            "fragile": [
                {
                    "claim": clean(r),
                    "text": clean(amap.claim(r).label or amap.claim(r).text),
                    "held_by": clean(names.get(f.held_by[r], f.held_by[r])) if f else "",
                }
                for r in rests
            ],
        }

    sources = {s.id: s.title for s in amap.sources}
    texts = {k: clean(v) for k, v in (texts or {}).items() if k in sources}
    located = {k: _Located(v) for k, v in texts.items()}

    def quotes(anchors: tuple[Anchor, ...]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for a in anchors:
            q: dict[str, Any] = {
                "source": clean(sources.get(a.source, a.source)),
                "sid": clean(a.source),
                "quote": clean(a.quote),
            }
            where = located[a.source].find(q["quote"]) if a.source in located else None
            if where is not None:
                q["at"] = where
            out.append(q)
        return out

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
            "verdict": verdict(c.id),
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
    return {
        "title": clean(amap.title or "Argument map"),
        "claims": claims,
        "relations": relations,
        "stakeholders": stakeholders,
        "main": [svg_of[m] for m in amap.main if m in svg_of],
        "outline": outline(amap),
        "sources": {
            clean(k): {"title": clean(sources[k]), "paragraphs": located[k].paragraphs}
            for k in sorted(located)
        },
    }


def _utf16(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (how JavaScript counts)."""
    return len(text.encode("utf-16-le")) // 2


_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LONG_LINE = 120
"""A block with a line this long is not hard-wrapped: its lines are paragraphs."""


class _Located:
    """A source text split into paragraphs, and quotes found in it.

    Paragraphs are separated by blank lines; in a block with a line of 120
    characters or more (text written one paragraph a line, not wrapped) each
    line is a paragraph of its own.
    """

    def __init__(self, text: str) -> None:
        from argmap.analysis.anchors import quote_finder

        self.text = text
        spans: list[tuple[int, int]] = []
        start = 0
        for sep in [*_BLANK_LINES.finditer(text), None]:
            end = len(text) if sep is None else sep.start()
            spans.extend(self._block(start, end))
            if sep is not None:
                start = sep.end()
        self.spans = [(a, b) for a, b in spans if text[a:b].strip()]
        self.starts = [a for a, _ in self.spans]
        self.paragraphs = [text[a:b] for a, b in self.spans]
        self._find = quote_finder(text)

    def _block(self, start: int, end: int) -> list[tuple[int, int]]:
        lines: list[tuple[int, int]] = []
        at = start
        for line in self.text[start:end].split("\n"):
            lines.append((at, at + len(line)))
            at += len(line) + 1
        if len(lines) > 1 and max(b - a for a, b in lines) >= _LONG_LINE:
            return lines
        return [(start, end)]

    def find(self, quote: str) -> list[int] | None:
        found = self._find(quote)
        if found is None or not self.spans:
            return None
        start, end = found
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        a, b = self.spans[first], self.spans[last]
        s = min(max(start, a[0]), a[1])
        e = min(max(end, b[0]), b[1])
        return [
            first,
            _utf16(self.text[a[0] : s]),
            last,
            _utf16(self.text[b[0] : e]),
        ]


_DEEPEST = 60
"""How deep the outline nests before it starts a claim over at the top level."""


def outline(amap: ArgumentMap) -> list[dict[str, Any]]:
    """The whole argument as a nested outline, for reading as text.

    Each entry is ``{"claim": SVG id, "reasons": [...]}``; each reason is
    ``{"sign": 1 or -1, "kind": "supports" | "rebuts" | "undermines" |
    "undercuts", "claims": [entries], "undercuts": [reasons]}`` (several
    claims: linked premises, together; ``undercuts``: attacks on that
    support). The main claims come first, then the claims that are no other
    claim's reason or objection, then any left (in a cycle). A claim appears
    in full once, where it is first reached; later it is ``{"claim": id,
    "see": true}``. Every claim of the map appears.
    """
    svg_of = {c.id: claim_svg_id(i) for i, c in enumerate(amap.claims)}
    supports_of: dict[str, list[Support]] = {}
    attacks_on: dict[str, list[Attack]] = {}
    used: set[str] = set()
    for s in amap.supports:
        supports_of.setdefault(s.conclusion, []).append(s)
        used.update(s.premises)
    for a in amap.attacks:
        attacks_on.setdefault(a.target, []).append(a)
        used.add(a.attacker)
    done: set[str] = set()

    def attack(a: Attack, depth: int) -> dict[str, Any]:
        return {
            "sign": -1,
            "kind": str(a.kind),
            "claims": [entry(a.attacker, depth + 1)] if a.attacker in svg_of else [],
            "undercuts": [],
        }

    def entry(claim: str, depth: int = 0) -> dict[str, Any]:
        if claim in done or depth > _DEEPEST:
            # Deeper than _DEEPEST, the claim is listed again as a root.
            return {"claim": svg_of[claim], "see": True}
        done.add(claim)
        reasons: list[dict[str, Any]] = []
        for s in supports_of.get(claim, []):
            reasons.append(
                {
                    "sign": 1,
                    "kind": "supports",
                    "claims": [entry(p, depth + 1) for p in s.premises if p in svg_of],
                    "undercuts": [attack(a, depth) for a in attacks_on.get(s.id, [])],
                }
            )
        reasons.extend(attack(a, depth) for a in attacks_on.get(claim, []))
        return {"claim": svg_of[claim], "reasons": reasons}

    roots = [m for m in amap.main if m in svg_of]
    roots += [c.id for c in amap.claims if c.id not in used]
    roots += [c.id for c in amap.claims]
    return [entry(c) for c in dict.fromkeys(roots) if c not in done]


def _asset(name: str) -> str:
    return resources.files("argmap.render").joinpath(name).read_text("utf-8")


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(
    amap: ArgumentMap,
    drawing: Drawing,
    *,
    texts: Mapping[str, str] | None = None,
    scripts: Sequence[str] = (),
    connect: Sequence[str] = (),
) -> str:
    """The whole page for a drawing of ``amap`` (from :func:`argmap.render.draw`).

    ``texts`` (source id -> full text, read by the caller, e.g. with
    :func:`argmap.formats.sources.read_source_files`) lets the page show a
    selected claim's quotes in their paragraphs. ``scripts`` are more inline
    scripts run after the page's own (a live-reload server's, say), each
    allowed by its hash, and ``connect`` the origins they may connect to
    (``connect-src``); by default the page may connect nowhere.
    """
    title = xml(amap.title or "Argument map")
    own = "\n" + _asset("page.js")
    bodies = [own, *("\n" + s + "\n" for s in scripts)]
    for body in bodies:
        if "</script" in body.lower():
            raise ValueError("a page script must not contain </script")
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src {' '.join(script_hash(b) for b in bodies)}; "
        f"connect-src {' '.join(connect) if connect else chr(39) + 'none' + chr(39)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{xml(policy)}">\n'
        f"<title>{title}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#outline">Skip to the outline of the argument</a>\n'
        f'<header><h1 id="title">{title}</h1>\n'
        '<div class="tools" role="toolbar" aria-label="Map tools">'
        '<label class="find">Find <input type="search" id="search" autocomplete="off" '
        'placeholder="words in a claim" aria-describedby="found"></label>'
        '<output id="found" aria-live="polite"></output>'
        '<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">'
        "\u2212</button>"
        '<output id="zoom-level" aria-label="Zoom level"></output>'
        '<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>'
        '<button type="button" id="fit" title="Fit the whole map (0)">Fit</button>'
        '<label>Stakeholder <select id="who"><option value="">everyone</option></select>'
        "</label>"
        '<a href="#outline" class="to-outline">Outline</a></div>\n'
        '<p class="hint" id="help">Drag to move, wheel or pinch to zoom. Tab or arrow keys '
        "go from claim to claim, Enter selects, Escape clears. Click a claim to see what "
        "supports (green) and opposes (red) it.</p></header>\n"
        '<main><div id="map" tabindex="-1">\n'
        f"{strip_prolog(drawing.svg)}</div>\n"
        '<aside id="info" aria-live="polite" aria-label="Selected claim">'
        '<p class="hint">No claim selected.</p></aside></main>\n'
        '<section id="outline" aria-labelledby="outline-title">'
        '<h2 id="outline-title">Outline of the argument</h2>'
        '<p class="hint">Each claim with its reasons for (+) and against (\u2212).</p>'
        '<div id="outline-body"></div></section>\n'
        '<div id="tip" hidden></div>\n'
        f'<script type="application/json" id="argmap-data">'
        f"{embed_json(page_data(amap, texts))}</script>\n"
        + "".join(f"<script>{b}</script>\n" for b in bodies)
        + "</body>\n</html>\n"
    )
