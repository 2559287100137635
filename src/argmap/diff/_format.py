"""Formatting a MapDiff: text (optionally coloured), Markdown and a one-line stat.

One walker (:func:`_sections`) goes through the diff section by section, in
the order both formats show it; a writer (:class:`_Text`, :class:`_Markdown`)
says how each kind of line looks.

Text from a map never reaches the output raw: in text output strings are
quoted as JSON strings (control characters escaped), in Markdown every
character with a meaning in Markdown or HTML is escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, ClassVar

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
)
from argmap.model import Claim, Stakeholder, Stance

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


class _Writer:
    """How one output format shows each line of a diff; ``op`` is ``+`` (added)
    or ``-`` (removed)."""

    def title(self, section: str, d: MapDiff) -> str:
        raise NotImplementedError

    def claim(self, op: str, c: Claim) -> str:
        raise NotImplementedError

    def claim_changed(self, ch: ClaimChange) -> str:
        raise NotImplementedError

    def claim_renamed(self, ch: ClaimChange) -> str:
        raise NotImplementedError

    def field(self, ch: ClaimChange, f: FieldChange) -> str:
        raise NotImplementedError

    def relation(self, op: str, r: RelationRef) -> str:
        raise NotImplementedError

    def relation_changed(self, rc: RelationChange) -> str:
        raise NotImplementedError

    def relation_flipped(self, f: RelationFlip) -> str:
        raise NotImplementedError

    def stakeholder(self, op: str, s: Stakeholder) -> str:
        raise NotImplementedError

    def stakeholder_changed(self, sc: StakeholderChange) -> str:
        raise NotImplementedError

    def stance(self, op: str, s: Stance) -> str:
        raise NotImplementedError

    def stance_changed(self, s: StanceChange) -> str:
        raise NotImplementedError

    def map_field(self, f: FieldChange) -> str:
        raise NotImplementedError

    def other(self, op: str, o: OtherChange) -> str:
        raise NotImplementedError

    def other_changed(self, o: OtherChange) -> str:
        raise NotImplementedError

    def verdict(self, v: VerdictChange) -> str:
        raise NotImplementedError

    def no_verdicts(self) -> str:
        raise NotImplementedError


def _sections(d: MapDiff, w: _Writer) -> list[tuple[str, list[str]]]:
    """The diff's sections that have something to show, as (title, lines)."""
    claims = [w.claim("+", c) for c in d.claims_added]
    claims += [w.claim("-", c) for c in d.claims_removed]
    for ch in d.claims_changed:
        claims += [w.claim_changed(ch), *(w.field(ch, f) for f in ch.changes)]
    for ch in d.claims_renamed:
        claims += [w.claim_renamed(ch), *(w.field(ch, f) for f in ch.changes)]
    relations = [w.relation("+", r) for r in d.relations_added]
    relations += [w.relation("-", r) for r in d.relations_removed]
    relations += [w.relation_changed(rc) for rc in d.relations_changed]
    relations += [w.relation_flipped(f) for f in d.relations_flipped]
    holders = [w.stakeholder("+", s) for s in d.stakeholders_added]
    holders += [w.stakeholder("-", s) for s in d.stakeholders_removed]
    holders += [w.stakeholder_changed(sc) for sc in d.stakeholders_changed]
    stances = [w.stance("+", s) for s in d.stances_added]
    stances += [w.stance("-", s) for s in d.stances_removed]
    stances += [w.stance_changed(s) for s in d.stances_changed]
    other = [w.map_field(f) for f in d.map_changed]
    other += [w.other("+", o) for o in d.other_added]
    other += [w.other("-", o) for o in d.other_removed]
    other += [w.other_changed(o) for o in d.other_changed]
    sections = [
        ("claims", claims),
        ("relations", relations),
        ("stakeholders", holders),
        ("stances", stances),
        ("map", other),
    ]
    if d.verdicts is not None:
        sections.append(("verdicts", [w.verdict(v) for v in d.verdicts] or [w.no_verdicts()]))
    return [(w.title(name, d), body) for name, body in sections if body]


class _Text(_Writer):
    """Plain text, ANSI-coloured when ``color`` is true; map text as JSON strings;
    claims and stakeholders by name with the id beside them (:class:`_Names`)."""

    COLOURS: ClassVar[dict[str, str]] = {"+": _GREEN, "-": _RED, "~": _YELLOW, ">": _CYAN}

    def __init__(self, color: bool, names: _Names) -> None:
        self.color = color
        self.names = names

    def paint(self, code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if self.color else s

    def line(self, op: str, s: str) -> str:
        return self.paint(self.COLOURS[op], f"  {op} {s}")

    def title(self, section: str, d: MapDiff) -> str:
        name = f"verdicts ({d.semantics})" if section == "verdicts" else section
        return self.paint(_BOLD, f"{name}:")

    def claim(self, op: str, c: Claim) -> str:
        return self.line(op, f"{self.names.labelled(c)}: {_q(c.text)}")

    def claim_changed(self, ch: ClaimChange) -> str:
        return self.line("~", self.names.claim(ch.id))

    def claim_renamed(self, ch: ClaimChange) -> str:
        score = ch.similarity or 0.0
        return self.line(">", f"{ch.old_id} -> {ch.id} (renamed, similarity {score:.2f})")

    def field(self, ch: ClaimChange, f: FieldChange) -> str:
        if f.field == "text" and ch.words:
            return f"      text: {self.words(ch)}"
        return f"      {f.field}: {_q(f.old)} -> {_q(f.new)}"

    def words(self, ch: ClaimChange) -> str:
        out: list[str] = []
        for op, run in ch.words:
            shown = _q(run)[1:-1]
            if op == "=":
                out.append(shown)
            elif op == "-":
                out.append(self.paint(_RED, f"[-{shown}-]"))
            else:
                out.append(self.paint(_GREEN, f"{{+{shown}+}}"))
        return " ".join(out)

    def relation(self, op: str, r: RelationRef) -> str:
        return self.line(op, self.names.rel(r))

    def relation_changed(self, rc: RelationChange) -> str:
        return self.line("~", f"{self.names.rel(rc.relation)}: {_changes(rc.changes)}")

    def relation_flipped(self, f: RelationFlip) -> str:
        ends = f"{self.names.claim(f.source)} -> {self.names.claim(f.target)}"
        return self.line("~", f"{ends}: was {f.old.type}, now {f.new.type}")

    def stakeholder(self, op: str, s: Stakeholder) -> str:
        return self.line(op, f"{_q(s.id)[1:-1]}: {_q(s.name)}")

    def stakeholder_changed(self, sc: StakeholderChange) -> str:
        bits = [_changes(sc.changes)] if sc.changes else []
        name = self.names.stakeholder
        bits += [f"relation + {t} {name(to)}" for t, to, _n in sc.relations_added]
        bits += [f"relation - {t} {name(to)}" for t, to, _n in sc.relations_removed]
        bits += [
            f"relation ~ {t} {name(to)} note {_q(a)} -> {_q(b)}"
            for t, to, a, b in sc.relations_changed
        ]
        return self.line("~", f"{name(sc.id)}: {'; '.join(bits)}")

    def stance(self, op: str, s: Stance) -> str:
        who, what = self.names.stakeholder(s.stakeholder), self.names.claim(s.claim)
        return self.line(op, f"{who} {s.kind} {what}")

    def stance_changed(self, s: StanceChange) -> str:
        who, what = self.names.stakeholder(s.stakeholder), self.names.claim(s.claim)
        return self.line("~", f"{who} on {what}: {_changes(s.changes)}")

    def map_field(self, f: FieldChange) -> str:
        return self.line("~", f"{f.field}: {_q(f.old)} -> {_q(f.new)}")

    def other(self, op: str, o: OtherChange) -> str:
        return self.line(op, f"{o.section} {o.id}")

    def other_changed(self, o: OtherChange) -> str:
        return self.line("~", f"{o.section} {o.id}: {_changes(o.changes)}")

    def verdict(self, v: VerdictChange) -> str:
        change = f"{v.old or 'absent'} -> {v.new or 'absent'}"
        return f"  {self.names.claim(v.id)}: {change} ({'; '.join(v.why)})"

    def no_verdicts(self) -> str:
        return "  no claim changed label"


def to_text(d: MapDiff, old_name: str = "old", new_name: str = "new", color: bool = False) -> str:
    """The diff as readable text, ANSI-coloured when ``color`` is true.

    Claims and stakeholders are named by label (or text) with the id beside
    them in brackets, when the diff knows the two maps (:func:`diff_maps`'s do).
    """
    w = _Text(color, _Names(d))
    lines = [
        w.paint(_BOLD, f"--- {_q(old_name)[1:-1]}"),
        w.paint(_BOLD, f"+++ {_q(new_name)[1:-1]}"),
    ]
    if d.is_empty():
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    for title, body in _sections(d, w):
        lines += [title, *body]
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


class _Markdown(_Writer):
    """Markdown for a pull-request comment: map text escaped, ids as code."""

    VERBS: ClassVar[dict[str, str]] = {"+": "added", "-": "removed"}

    def title(self, section: str, d: MapDiff) -> str:
        if section == "verdicts":
            return f"Verdicts ({md(d.semantics or '')})"
        return section.capitalize()

    def claim(self, op: str, c: Claim) -> str:
        text = md(c.text) if op == "+" else f"~~{md(c.text)}~~"
        return f"- {self.VERBS[op]} {code(c.id)}: {text}"

    def claim_changed(self, ch: ClaimChange) -> str:
        return f"- changed {code(ch.id)}"

    def claim_renamed(self, ch: ClaimChange) -> str:
        score = ch.similarity or 0.0
        return f"- renamed {code(ch.old_id)} → {code(ch.id)} (similarity {score:.2f})"

    def field(self, ch: ClaimChange, f: FieldChange) -> str:
        if f.field == "text" and ch.words:
            return f"  - text: {self.words(ch)}"
        return f"  - {f.field}: {_mdv(f.old)} → {_mdv(f.new)}"

    def words(self, ch: ClaimChange) -> str:
        parts = []
        for op, run in ch.words:
            if op == "=":
                parts.append(md(run))
            elif op == "-":
                parts.append(f"~~{md(run)}~~")
            else:
                parts.append(f"**{md(run)}**")
        return " ".join(parts)

    def rel(self, r: RelationRef) -> str:
        if r.type == "support":
            return f"support {' + '.join(code(x) for x in r.sources)} → {code(r.target)}"
        return f"{r.type} {code(r.sources[0])} → {code(r.target)}"

    def relation(self, op: str, r: RelationRef) -> str:
        return f"- {self.VERBS[op]} {self.rel(r)}"

    def relation_changed(self, rc: RelationChange) -> str:
        return f"- changed {self.rel(rc.relation)}: {_changes(rc.changes, _mdv)}"

    def relation_flipped(self, f: RelationFlip) -> str:
        return f"- flipped {code(f.source)} → {code(f.target)}: was {f.old.type}, now {f.new.type}"

    def stakeholder(self, op: str, s: Stakeholder) -> str:
        return f"- {self.VERBS[op]} {code(s.id)}: {md(s.name)}"

    def stakeholder_changed(self, sc: StakeholderChange) -> str:
        bits = [_changes(sc.changes, _mdv)] if sc.changes else []
        bits += [f"relation added: {md(t)} {code(to)}" for t, to, _n in sc.relations_added]
        bits += [f"relation removed: {md(t)} {code(to)}" for t, to, _n in sc.relations_removed]
        bits += [
            f"relation note changed: {md(t)} {code(to)}" for t, to, _a, _b in sc.relations_changed
        ]
        return f"- changed {code(sc.id)}: {'; '.join(bits)}"

    def stance(self, op: str, s: Stance) -> str:
        return f"- {self.VERBS[op]} {code(s.stakeholder)} {s.kind} {code(s.claim)}"

    def stance_changed(self, s: StanceChange) -> str:
        return f"- changed {code(s.stakeholder)} on {code(s.claim)}: {_changes(s.changes, _mdv)}"

    def map_field(self, f: FieldChange) -> str:
        return f"- {md(f.field)}: {_mdv(f.old)} → {_mdv(f.new)}"

    def other(self, op: str, o: OtherChange) -> str:
        return f"- {self.VERBS[op]} {md(o.section)} {code(o.id)}"

    def other_changed(self, o: OtherChange) -> str:
        return f"- changed {md(o.section)} {code(o.id)}: {_changes(o.changes, _mdv)}"

    def verdict(self, v: VerdictChange) -> str:
        why = md("; ".join(v.why))
        return f"- {code(v.id)}: {v.old or 'absent'} → {v.new or 'absent'} ({why})"

    def no_verdicts(self) -> str:
        return "- no claim changed label"


def to_markdown(d: MapDiff, old_name: str = "old", new_name: str = "new") -> str:
    """The diff as Markdown for a pull-request comment."""
    lines = [f"### argmap diff: {md(old_name)} → {md(new_name)}", "", f"**{md(stat(d))}**"]
    if d.is_empty():
        return "\n".join(lines) + "\n"
    for title, body in _sections(d, _Markdown()):
        lines += ["", f"#### {title}", "", *body]
    return "\n".join(lines) + "\n"
