"""Formatting a MapDiff: text (optionally coloured), Markdown and a one-line stat.

Text from a map never reaches the output raw: in text output strings are
quoted as JSON strings (control characters escaped), in Markdown every
character with a meaning in Markdown or HTML is escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from argmap.diff._core import ClaimChange, FieldChange, MapDiff, RelationRef
from argmap.model import Claim

_RED = "\x1b[31m"
_GREEN = "\x1b[32m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def stat(d: MapDiff) -> str:
    """A one-line summary, e.g. ``claims: 1 added, 2 changed; stances: 1 changed``."""
    if d.is_empty():
        return "no differences"
    parts: list[str] = []
    for section, counts in d.counts().items():
        if section == "other":
            n = sum(counts.values())
            if n:
                parts.append(f"other: {n} changed")
            continue
        items = [f"{n} {what}" for what, n in counts.items() if n]
        if items:
            parts.append(f"{section}: {', '.join(items)}")
    if d.verdicts:
        parts.append(f"verdicts: {len(d.verdicts)} changed")
    return "; ".join(parts)


# --------------------------------------------------------------------------- text


def _q(value: Any) -> str:
    """A value shown safely: strings as JSON strings, lists and None as JSON."""
    return json.dumps(value, ensure_ascii=False)


NAME_WIDTH = 40
"""Claims without a label are named in text output by their text, cut to this length."""


def _short(text: str, width: int = NAME_WIDTH) -> str:
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


class _Names:
    """Claims and stakeholders named for people: ``Label [id]`` (label, or the
    text shortened), from the new version, else the old; text JSON-escaped."""

    def __init__(self, d: MapDiff) -> None:
        self.claims: dict[str, str] = {}
        self.holders: dict[str, str] = {}
        for m in (d.old, d.new):  # the new version's wording wins
            if m is None:
                continue
            self.claims.update((c.id, c.label or _short(c.text)) for c in m.claims)
            self.holders.update((h.id, _short(h.name)) for h in m.stakeholders)

    @staticmethod
    def _named(words: str | None, item: str) -> str:
        shown = _q(item)[1:-1]
        if words is None or words == item:
            return shown
        return f"{_q(words)[1:-1]} [{shown}]"

    def claim(self, item: str) -> str:
        return self._named(self.claims.get(item), item)

    def labelled(self, c: Claim) -> str:
        """An added or removed claim, whose text is shown beside it: by label and id."""
        return self._named(c.label, c.id)

    def stakeholder(self, item: str) -> str:
        return self._named(self.holders.get(item), item)

    def rel(self, r: RelationRef) -> str:
        if r.type == "support":
            sources = " + ".join(self.claim(x) for x in r.sources)
            return f"support {sources} -> {self.claim(r.target)}"
        target = r.target if r.type == "undercut" else self.claim(r.target)
        return f"{r.type} {self.claim(r.sources[0])} -> {target}"


def to_text(d: MapDiff, old_name: str = "old", new_name: str = "new", color: bool = False) -> str:
    """The diff as readable text, ANSI-coloured when ``color`` is true.

    Claims and stakeholders are named by label (or text) with the id beside
    them in brackets, when the diff knows the two maps (:func:`diff_maps`'s do).
    """
    names = _Names(d)

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    def words(ch: ClaimChange) -> str:
        out: list[str] = []
        for op, run in ch.words:
            shown = _q(run)[1:-1]
            if op == "=":
                out.append(shown)
            elif op == "-":
                out.append(paint(_RED, f"[-{shown}-]"))
            else:
                out.append(paint(_GREEN, f"{{+{shown}+}}"))
        return " ".join(out)

    def fields(ch: ClaimChange, lines: list[str]) -> None:
        for f in ch.changes:
            if f.field == "text" and ch.words:
                lines.append(f"      text: {words(ch)}")
            else:
                lines.append(f"      {f.field}: {_q(f.old)} -> {_q(f.new)}")

    lines = [paint(_BOLD, f"--- {_q(old_name)[1:-1]}"), paint(_BOLD, f"+++ {_q(new_name)[1:-1]}")]
    if d.is_empty():
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    sections: list[tuple[str, list[str]]] = []

    claims: list[str] = []
    for c in d.claims_added:
        claims.append(paint(_GREEN, f"  + {names.labelled(c)}: {_q(c.text)}"))
    for c in d.claims_removed:
        claims.append(paint(_RED, f"  - {names.labelled(c)}: {_q(c.text)}"))
    for ch in d.claims_changed:
        claims.append(paint(_YELLOW, f"  ~ {names.claim(ch.id)}"))
        fields(ch, claims)
    for ch in d.claims_renamed:
        score = ch.similarity or 0.0
        claims.append(paint(_CYAN, f"  > {ch.old_id} -> {ch.id} (renamed, similarity {score:.2f})"))
        fields(ch, claims)
    sections.append(("claims", claims))

    rels: list[str] = []
    for r in d.relations_added:
        rels.append(paint(_GREEN, f"  + {names.rel(r)}"))
    for r in d.relations_removed:
        rels.append(paint(_RED, f"  - {names.rel(r)}"))
    for rc in d.relations_changed:
        rels.append(paint(_YELLOW, f"  ~ {names.rel(rc.relation)}: {_changes(rc.changes)}"))
    for f in d.relations_flipped:
        ends = f"{names.claim(f.source)} -> {names.claim(f.target)}"
        rels.append(paint(_YELLOW, f"  ~ {ends}: was {f.old.type}, now {f.new.type}"))
    sections.append(("relations", rels))

    holders: list[str] = []
    for s in d.stakeholders_added:
        holders.append(paint(_GREEN, f"  + {_q(s.id)[1:-1]}: {_q(s.name)}"))
    for s in d.stakeholders_removed:
        holders.append(paint(_RED, f"  - {_q(s.id)[1:-1]}: {_q(s.name)}"))
    for sc in d.stakeholders_changed:
        bits = [_changes(sc.changes)] if sc.changes else []
        bits += [f"relation + {t} {names.stakeholder(to)}" for t, to, _n in sc.relations_added]
        bits += [f"relation - {t} {names.stakeholder(to)}" for t, to, _n in sc.relations_removed]
        bits += [
            f"relation ~ {t} {names.stakeholder(to)} note {_q(a)} -> {_q(b)}"
            for t, to, a, b in sc.relations_changed
        ]
        holders.append(paint(_YELLOW, f"  ~ {names.stakeholder(sc.id)}: {'; '.join(bits)}"))
    sections.append(("stakeholders", holders))

    stances: list[str] = []
    for st in d.stances_added:
        who, what = names.stakeholder(st.stakeholder), names.claim(st.claim)
        stances.append(paint(_GREEN, f"  + {who} {st.kind} {what}"))
    for st in d.stances_removed:
        who, what = names.stakeholder(st.stakeholder), names.claim(st.claim)
        stances.append(paint(_RED, f"  - {who} {st.kind} {what}"))
    for sch in d.stances_changed:
        who, what = names.stakeholder(sch.stakeholder), names.claim(sch.claim)
        stances.append(paint(_YELLOW, f"  ~ {who} on {what}: {_changes(sch.changes)}"))
    sections.append(("stances", stances))

    other: list[str] = [
        paint(_YELLOW, f"  ~ {f.field}: {_q(f.old)} -> {_q(f.new)}") for f in d.map_changed
    ]
    other += [paint(_GREEN, f"  + {o.section} {o.id}") for o in d.other_added]
    other += [paint(_RED, f"  - {o.section} {o.id}") for o in d.other_removed]
    other += [
        paint(_YELLOW, f"  ~ {o.section} {o.id}: {_changes(o.changes)}") for o in d.other_changed
    ]
    sections.append(("map", other))

    if d.verdicts is not None:
        verdicts = [
            f"  {names.claim(v.id)}: {v.old or 'absent'} -> {v.new or 'absent'} "
            f"({'; '.join(v.why)})"
            for v in d.verdicts
        ]
        sections.append((f"verdicts ({d.semantics})", verdicts or ["  no claim changed label"]))

    for title, body in sections:
        if body:
            lines.append(paint(_BOLD, f"{title}:"))
            lines.extend(body)
    lines.append(stat(d))
    return "\n".join(lines) + "\n"


def _changes(changes: tuple[FieldChange, ...], show: Callable[[Any], str] = _q) -> str:
    arrow = "->" if show is _q else "→"
    return ", ".join(f"{f.field} {show(f.old)} {arrow} {show(f.new)}" for f in changes)


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md(text: str) -> str:
    """Text escaped for Markdown: specials backslashed, ``<``/``&`` as entities,
    line breaks as spaces."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(item_id: str) -> str:
    """An id as a Markdown code span (ids are slugs; anything else is escaped)."""
    if "`" in item_id or not item_id.isprintable():
        return md(item_id)
    return f"`{item_id}`"


def _mdv(value: Any) -> str:
    if isinstance(value, str):
        return md(value)
    return md(json.dumps(value, ensure_ascii=False))


def to_markdown(d: MapDiff, old_name: str = "old", new_name: str = "new") -> str:
    """The diff as Markdown for a pull-request comment."""
    lines = [f"### argmap diff: {md(old_name)} → {md(new_name)}", "", f"**{md(stat(d))}**"]
    if d.is_empty():
        return "\n".join(lines) + "\n"

    def words(ch: ClaimChange) -> str:
        parts = []
        for op, run in ch.words:
            if op == "=":
                parts.append(md(run))
            elif op == "-":
                parts.append(f"~~{md(run)}~~")
            else:
                parts.append(f"**{md(run)}**")
        return " ".join(parts)

    def claim_fields(ch: ClaimChange, out: list[str]) -> None:
        for f in ch.changes:
            if f.field == "text" and ch.words:
                out.append(f"  - text: {words(ch)}")
            else:
                out.append(f"  - {f.field}: {_mdv(f.old)} → {_mdv(f.new)}")

    def section(title: str, body: list[str]) -> None:
        if body:
            lines.extend(["", f"#### {title}", "", *body])

    claims: list[str] = []
    claims += [f"- added {code(c.id)}: {md(c.text)}" for c in d.claims_added]
    claims += [f"- removed {code(c.id)}: ~~{md(c.text)}~~" for c in d.claims_removed]
    for ch in d.claims_changed:
        claims.append(f"- changed {code(ch.id)}")
        claim_fields(ch, claims)
    for ch in d.claims_renamed:
        claims.append(
            f"- renamed {code(ch.old_id)} → {code(ch.id)} (similarity {ch.similarity or 0.0:.2f})"
        )
        claim_fields(ch, claims)
    section("Claims", claims)

    def rel(r: RelationRef) -> str:
        if r.type == "support":
            return f"support {' + '.join(code(x) for x in r.sources)} → {code(r.target)}"
        return f"{r.type} {code(r.sources[0])} → {code(r.target)}"

    rels = [f"- added {rel(r)}" for r in d.relations_added]
    rels += [f"- removed {rel(r)}" for r in d.relations_removed]
    rels += [
        f"- changed {rel(rc.relation)}: {_changes(rc.changes, _mdv)}" for rc in d.relations_changed
    ]
    rels += [
        f"- flipped {code(f.source)} → {code(f.target)}: was {f.old.type}, now {f.new.type}"
        for f in d.relations_flipped
    ]
    section("Relations", rels)

    holders = [f"- added {code(s.id)}: {md(s.name)}" for s in d.stakeholders_added]
    holders += [f"- removed {code(s.id)}: {md(s.name)}" for s in d.stakeholders_removed]
    for sc in d.stakeholders_changed:
        bits = [_changes(sc.changes, _mdv)] if sc.changes else []
        bits += [f"relation added: {md(t)} {code(to)}" for t, to, _n in sc.relations_added]
        bits += [f"relation removed: {md(t)} {code(to)}" for t, to, _n in sc.relations_removed]
        bits += [
            f"relation note changed: {md(t)} {code(to)}" for t, to, _a, _b in sc.relations_changed
        ]
        holders.append(f"- changed {code(sc.id)}: {'; '.join(bits)}")
    section("Stakeholders", holders)

    stances = [f"- added {code(s.stakeholder)} {s.kind} {code(s.claim)}" for s in d.stances_added]
    stances += [
        f"- removed {code(s.stakeholder)} {s.kind} {code(s.claim)}" for s in d.stances_removed
    ]
    stances += [
        f"- changed {code(s.stakeholder)} on {code(s.claim)}: {_changes(s.changes, _mdv)}"
        for s in d.stances_changed
    ]
    section("Stances", stances)

    other = [f"- {md(f.field)}: {_mdv(f.old)} → {_mdv(f.new)}" for f in d.map_changed]
    other += [f"- added {md(o.section)} {code(o.id)}" for o in d.other_added]
    other += [f"- removed {md(o.section)} {code(o.id)}" for o in d.other_removed]
    other += [
        f"- changed {md(o.section)} {code(o.id)}: {_changes(o.changes, _mdv)}"
        for o in d.other_changed
    ]
    section("Map", other)

    if d.verdicts is not None:
        verdicts = [
            f"- {code(v.id)}: {v.old or 'absent'} → {v.new or 'absent'} ({md('; '.join(v.why))})"
            for v in d.verdicts
        ]
        section(f"Verdicts ({md(d.semantics or '')})", verdicts or ["- no claim changed label"])
    return "\n".join(lines) + "\n"
