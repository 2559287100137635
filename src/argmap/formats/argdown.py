"""Argdown (https://argdown.org): export, and import of the same subset.

Export writes:

- a front matter block (``=== ... ===``, YAML) with the title, the
  description, the stakeholders (``argmap: {stakeholders: {id: name}}``) and a
  colour for each stakeholder's stance tags (``color: {tagColors: ...}``);
- every claim as a statement ``[id]: text #(tag) #(board asserts)``; a
  stakeholder's stance on a claim is the tag ``#(STAKEHOLDER VERB)``;
- under each claim, its plain supports and rebuttals as relations:
  ``<+ [premise]`` (a one-premise support with a derived id) and
  ``<- [attacker]``;
- every other support (linked premises, an id of its own, a scheme, or
  undercut) as an argument with a premise-conclusion structure::

      <sleep-argument>

      (1) [teens-sleep-late]
      (2) [sleep-helps-learning]
      --
      Example
      --
      (3) [later-start]

  An argument for a support with a derived id is titled ``<a+c to b>``;
  the scheme is the inference rule. Undercuts follow as ``<title>`` then
  ``<_ [attacker]``. A support with quotes, a hedge or an ``inferred``
  reason is written as an argument too, carrying them as Argdown data:
  ``<title> {"sources": [...], "hedge": "possible", "inferred": "..."}``;
- a claim's quotes and hedge as data after its text (``[id]: text {...}``),
  with the sources' titles in the front matter (``argmap: {sources: ...}``).

Argdown relations and tags hold no data, so the quotes, hedges and
``inferred`` reasons of attacks and stances are not written; :func:`losses`
counts them (``argmap convert`` prints the count).

Text is escaped with backslashes wherever Argdown would read markup; line
breaks become spaces. Import reads this subset (statements, relations ``+``,
``<+``, ``+>``, ``-``, ``<-``, ``->``, ``_>``, ``<_``, arguments with
premise-conclusion structures, tags, data on statements and arguments, the
front matter) and hand-written maps
that stay within it; statement titles that are not slugs are made slugs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap import ids as id_rules
from argmap.errors import MapError, Problem
from argmap.formats.registry import Format
from argmap.ids import IdPool, attack_id, support_id
from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    Hedge,
    Source,
    Stakeholder,
    Stance,
    StanceKind,
    Support,
)

__all__ = ["FORMAT", "PALETTE", "dumps", "loads", "losses"]

PALETTE = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)
"""Colours of stakeholders' stance tags, in stakeholder order (ColorBrewer Dark2)."""

# Characters Argdown reads as markup anywhere in a line of text.
_ALWAYS = frozenset("\\[]<>{}#@*_=")
_SPACE = re.compile(r"\s+")


def _escape(text: str) -> str:
    """Text as Argdown statement content: one line, markup characters escaped."""
    text = _SPACE.sub(" ", text).strip()
    out: list[str] = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if (
            ch in _ALWAYS
            or (ch in ".:" and not nxt.isspace())  # .name. and :name: special chars
            or (ch == "/" and nxt in "/*")  # comments
            or (ch in "+-" and i == 0)
        ):
            out.append("\\")
        out.append(ch)
    return "".join(out)


_YAML_UNSAFE = re.compile("[=\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes are YAML's). ``=`` is escaped
    so that no ``===`` ends the front matter, and characters YAML readers refuse
    unescaped are escaped too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _tag(text: str) -> str | None:
    cleaned = _SPACE.sub(" ", text).strip()
    if not cleaned or ")" in cleaned:
        return None
    return f"#({cleaned})"


def _derived_title(premises: tuple[str, ...], conclusion: str) -> str:
    return "+".join(premises) + " to " + conclusion


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACES = re.compile(r"[{}]")


def _data(item: Claim | Support) -> str:
    """An item's quotes, hedge and inferred reason as an Argdown data block ("" if none)."""
    data: dict[str, Any] = {}
    if item.anchors:
        data["sources"] = [{"source": a.source, "quote": a.quote} for a in item.anchors]
    if item.hedge is not None:
        data["hedge"] = str(item.hedge)
    if item.hedge_words is not None:
        data["hedge_words"] = item.hedge_words
    inferred = getattr(item, "inferred", None)
    if inferred is not None:
        data["inferred"] = inferred
    if not data:
        return ""
    # Argdown finds the end of a data block by its braces, even inside quotes.
    text = _JSON_STRING.sub(
        lambda m: _BRACES.sub(lambda b: f"\\u{ord(b.group()):04x}", m.group()),
        json.dumps(data, ensure_ascii=False),
    )
    return " " + _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def losses(amap: ArgumentMap) -> list[str]:
    """What :func:`dumps` cannot write: the data of attacks and stances."""
    notes: list[str] = []
    groups: tuple[tuple[str, tuple[Attack, ...] | tuple[Stance, ...]], ...] = (
        ("attacks", amap.attacks),
        ("stances", amap.stances),
    )
    for what, items in groups:
        quotes = sum(len(x.anchors) for x in items)
        hedges = sum(1 for x in items if x.hedge is not None)
        inferred = sum(1 for x in items if x.inferred is not None)
        lost = [
            f"{n} {label}"
            for n, label in ((quotes, "quotes"), (hedges, "hedges"), (inferred, "inferred reasons"))
            if n
        ]
        if lost:
            notes.append(f"{', '.join(lost)} of {what} not written: Argdown {what} hold no data")
    return notes


def dumps(amap: ArgumentMap) -> str:
    """Write the map as Argdown text (deterministic)."""
    out: list[str] = ["==="]
    out.append(f"title: {_yaml_string(amap.title)}")
    if amap.description is not None:
        out.append(f"description: {_yaml_string(amap.description)}")
    quoted = {a.source for c in amap.claims for a in c.anchors}
    quoted.update(a.source for s in amap.supports for a in s.anchors)
    if amap.stakeholders or quoted:
        out.append("argmap:")
    if quoted:
        out.append("  sources:")
        out.extend(
            f'    "{src.id}": {_yaml_string(src.title)}' for src in amap.sources if src.id in quoted
        )
    if amap.stakeholders:
        out.append("  stakeholders:")
        out.extend(f'    "{h.id}": {_yaml_string(h.name)}' for h in amap.stakeholders)
        used = {(st.stakeholder, st.kind) for st in amap.stances}
        if used:
            out.append("color:")
            out.append("  tagColors:")
        for n, h in enumerate(amap.stakeholders):
            colour = PALETTE[n % len(PALETTE)]
            out.extend(
                f'    "{h.id} {verb}": "{colour}"' for verb in StanceKind if (h.id, verb) in used
            )
    out.append("===")
    out.append("")

    undercut = {a.target for a in amap.attacks if a.kind is AttackKind.UNDERCUTS}
    as_argument = [
        s
        for s in amap.supports
        if s.explicit_id
        or len(s.premises) > 1
        or s.scheme
        or s.id in undercut
        or s.anchors
        or s.hedge is not None
        or s.inferred is not None
    ]
    argument_ids = {s.id for s in as_argument}
    incoming: dict[str, list[str]] = {}
    for s in amap.supports:
        if s.id not in argument_ids:
            incoming.setdefault(s.conclusion, []).append(f"  <+ [{s.premises[0]}]")
    undercuts: dict[str, list[str]] = {}
    for a in amap.attacks:
        if a.kind is AttackKind.UNDERCUTS:
            undercuts.setdefault(a.target, []).append(f"  <_ [{a.attacker}]")
        else:
            incoming.setdefault(a.target, []).append(f"  <- [{a.attacker}]")
    tags: dict[str, list[str]] = {}
    for st in amap.stances:
        tags.setdefault(st.claim, []).append(f"#({st.stakeholder} {st.kind})")

    for c in amap.claims:
        parts = [f"[{c.id}]: {_escape(c.text)}"]
        parts.extend(t for t in (_tag(tag) for tag in c.tags) if t is not None)
        parts.extend(tags.get(c.id, ()))
        out.append(" ".join(parts) + _data(c))
        out.extend(incoming.get(c.id, ()))
        out.append("")

    for s in as_argument:
        title = s.id if s.explicit_id else _derived_title(s.premises, s.conclusion)
        out.append(f"<{title}>{_data(s)}")
        out.append("")
        out.extend(f"({n}) [{p}]" for n, p in enumerate(s.premises, start=1))
        if s.scheme:
            out.extend(["--", _escape(s.scheme), "--"])
        else:
            out.append("----")
        out.append(f"({len(s.premises) + 1}) [{s.conclusion}]")
        out.append("")
        if s.id in undercuts:
            out.append(f"<{title}>")
            out.extend(undercuts[s.id])
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- import

_STATEMENT = re.compile(r"^\[([^\]]+)\]\s*(?::\s?(.*))?$")
_ARGUMENT = re.compile(r"^<([^<>]+)>\s*(?::\s?(.*))?$")
_RELATION = re.compile(r"^(\s+)(<\+|\+>|\+|<-|->|-|<_|_>|_|><)\s*(.*)$")
_PCS_ITEM = re.compile(r"^\((\d+)\)\s*(.*)$")
_TAG = re.compile(r"#(?:\(([^)]+)\)|([A-Za-z0-9-]+))")
_UNESCAPE = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text).strip()


def _slug(title: str) -> str:
    return id_rules.slug(title, fallback="statement")


@dataclass
class _Node:
    kind: str  # "statement" or "argument"
    title: str


@dataclass
class _Argument:
    title: str
    line: int
    premises: list[str] = field(default_factory=list)
    conclusion: str | None = None
    description: str = ""
    scheme: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.texts: dict[str, str] = {}
        self.order: list[str] = []  # titles, by first definition, then first mention
        self.mentioned: list[str] = []
        self.tags: dict[str, list[str]] = {}
        self.data: dict[str, dict[str, Any]] = {}
        self.arguments: dict[str, _Argument] = {}
        # (kind, from node, to node, line)
        self.relations: list[tuple[str, _Node, _Node, int]] = []

    def fail(self, line: int, col: int, message: str) -> MapError:
        return MapError([Problem(self.path, line, col, message)])

    def statement(self, title: str, text: str | None, line: int) -> str:
        if title.startswith("-"):
            raise self.fail(line, 1, f"invalid statement title [{title}]")
        if title not in self.texts:
            self.mentioned.append(title)
            self.texts[title] = ""
        if text and title not in self.order:
            self.order.append(title)
        if text:
            for m in _TAG.finditer(text):
                if not _escaped(text, m.start()):
                    self.tags.setdefault(title, []).append((m.group(1) or m.group(2)).strip())
            bare = _TAG.sub(lambda m: m.group(0) if _escaped(text, m.start()) else "", text)
            if not self.texts[title]:
                self.texts[title] = _unescape(bare)
        return title

    def split_data(self, ref: str, line: int) -> tuple[str, dict[str, Any] | None]:
        """A reference without its trailing data block ``{...}``, and the data."""
        stripped = ref.rstrip()
        if not stripped.endswith("}") or _escaped(stripped, len(stripped) - 1):
            return ref, None
        for m in re.finditer(r"\{", stripped):
            if _escaped(stripped, m.start()):
                continue
            try:
                data = yaml.safe_load(stripped[m.start() :])
            except yaml.YAMLError:
                continue
            if isinstance(data, dict):
                return stripped[: m.start()].rstrip(), data
        raise self.fail(line, 1, "invalid data block {...}: write it as YAML key: value pairs")

    def node(self, ref: str, line: int, col: int) -> _Node:
        ref, data = self.split_data(ref, line)
        m = _STATEMENT.match(ref)
        if m:
            title = self.statement(m.group(1), m.group(2), line)
            if data is not None:
                self.data.setdefault(title, {}).update(data)
            return _Node("statement", title)
        m = _ARGUMENT.match(ref)
        if m:
            title = m.group(1)
            arg = self.arguments.setdefault(title, _Argument(title, line))
            if data is not None:
                arg.data.update(data)
            if m.group(2) and not arg.description:
                arg.description = _unescape(_TAG.sub("", m.group(2)))
            return _Node("argument", title)
        raise self.fail(line, col, f"expected [statement] or <argument>, found {ref!r}")

    def parse(self, text: str) -> dict[str, Any]:
        """Read the text into the parser's tables; the front matter.

        A state machine over lines: each line is a comment, an inference rule
        line, a relation (indented), a heading, a numbered premise, an
        inference line (``----``) or a top-level statement or argument, and
        is handled by the method of that name.
        """
        lines = text.splitlines()
        front, start = self.front_matter(lines)
        self.stack: list[tuple[int, _Node]] = []  # (indent, node)
        self.current: _Argument | None = None  # the argument whose PCS may follow
        self.pcs: _Argument | None = None
        self.pending: list[str] = []
        self.in_rule = False
        self.rule: list[str] = []
        self.in_comment = False
        self.comment_at = (0, 0)  # where the open comment started
        for number in range(start, len(lines)):
            raw = lines[number]
            lineno = number + 1
            stripped = raw.strip()
            col = len(raw) - len(raw.lstrip()) + 1
            if self.comment(stripped, lineno, col) or not stripped or stripped.startswith("//"):
                continue
            if self.in_rule:
                self.rule_line(stripped)
            elif raw[0] in " \t":
                self.relation(raw, lineno)
            elif stripped.startswith("#") and not stripped.startswith("#("):
                self.stack = []  # a heading
            elif m := _PCS_ITEM.match(stripped):
                self.premise(raw, m, lineno)
            elif self.pcs is not None and re.fullmatch(r"-{2,}", stripped):
                self.inference(stripped, lineno)
            else:
                self.top_level(stripped, lineno)
        if self.in_comment:
            line, col = self.comment_at
            opener = lines[line - 1].strip()[:4]
            opener, closer = ("<!--", "-->") if opener == "<!--" else ("/*", "*/")
            raise self.fail(
                line, col, f"the comment opened here with {opener} is never closed; add {closer}"
            )
        if self.in_rule:
            raise self.fail(len(lines), 1, "an inference rule (--) is not closed")
        if self.pcs is not None:
            self.finish(self.pcs, self.pending, len(lines))
        return front

    def front_matter(self, lines: list[str]) -> tuple[dict[str, Any], int]:
        """The YAML front matter between ``===`` lines, and the line after it."""
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start == len(lines) or not lines[start].strip().startswith("==="):
            return {}, start
        end = start + 1
        while end < len(lines) and not lines[end].strip().startswith("==="):
            end += 1
        if end == len(lines):
            raise self.fail(start + 1, 1, "the front matter (===) is not closed")
        try:
            loaded = yaml.safe_load("\n".join(lines[start + 1 : end]))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = start + 2 + (mark.line if mark else 0)
            col = mark.column + 1 if mark else 1
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise self.fail(line, col, f"invalid YAML in the front matter: {problem}") from None
        except ValueError:  # an integer with more digits than int() converts
            raise self.fail(
                start + 2,
                1,
                "invalid YAML in the front matter: an integer of more than 4300 digits",
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise self.fail(start + 2, 1, "the front matter must be YAML key: value pairs")
        return loaded or {}, end + 1

    def comment(self, stripped: str, lineno: int = 0, col: int = 1) -> bool:
        """Whether the line is (inside) a ``/* */`` or ``<!-- -->`` comment."""
        closes = "*/" in stripped or "-->" in stripped
        if self.in_comment:
            self.in_comment = not closes
            return True
        if stripped.startswith(("/*", "<!--")):
            self.in_comment = not closes
            self.comment_at = (lineno, col)
            return True
        return False

    def rule_line(self, stripped: str) -> None:
        """A line of an inference rule, or the ``--`` that closes it."""
        if not stripped.startswith("--"):
            self.rule.append(stripped)
            return
        self.in_rule = False
        assert self.pcs is not None
        self.pcs.scheme = _unescape(" ".join(self.rule)) or None
        self.rule = []

    def relation(self, raw: str, lineno: int) -> None:
        """An indented relation (``<+``, ``<-``, ``_>``, ...) to the node above it."""
        m = _RELATION.match(raw)
        if not m:
            raise self.fail(lineno, 1, "an indented line must be a relation (<+, <-, <_ ...)")
        indent = len(m.group(1).expandtabs(4))
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            raise self.fail(lineno, 1, "a relation needs a statement or argument above it")
        other = self.node(m.group(3).strip(), lineno, len(m.group(1)) + 1)
        parent = self.stack[-1][1]
        symbol = m.group(2)
        kind = {"+": "support", "-": "attack", "_": "undercut", "><": "contradiction"}[
            symbol.strip("<>") or symbol
        ]
        if kind == "contradiction":
            raise self.fail(lineno, 1, "contradictions (><) have no argmap equivalent")
        a, b = (parent, other) if symbol.endswith(">") else (other, parent)
        self.relations.append((kind, a, b, lineno))
        self.stack.append((indent, other))

    def premise(self, raw: str, m: re.Match[str], lineno: int) -> None:
        """A numbered statement of the premise-conclusion structure below an argument."""
        if self.pcs is None:
            if self.current is None:
                raise self.fail(lineno, 1, "a numbered premise needs an <argument> above it")
            if self.current.conclusion is not None:
                raise self.fail(lineno, 1, f"argument <{self.current.title}> is defined twice")
            self.pcs = self.current
        item = m.group(2)
        if item.startswith("["):
            col = len(raw) - len(raw.lstrip()) + 1 + m.start(2)
            ref = self.node(item, lineno, col).title
        else:
            ref = self.statement(_slug(_unescape(_TAG.sub("", item))), item, lineno)
        self.pending.append(ref)

    def inference(self, stripped: str, lineno: int) -> None:
        """An inference line: the statements above it are premises."""
        assert self.pcs is not None
        if not self.pending:
            raise self.fail(lineno, 1, "an inference line needs premises above it")
        self.pcs.premises.extend(self.pending)
        self.pending = []
        self.in_rule = stripped == "--"

    def top_level(self, stripped: str, lineno: int) -> None:
        """A statement or argument at the start of a line (closing any open PCS)."""
        if self.pcs is not None:
            self.finish(self.pcs, self.pending, lineno)
            self.pending = []
            self.pcs = None
        self.current = None
        node = self.node(stripped, lineno, 1)
        if node.kind == "argument":
            self.current = self.arguments[node.title]
        self.stack = [(0, node)]

    def finish(self, pcs: _Argument, pending: list[str], lineno: int) -> None:
        """Close a premise-conclusion structure: the last statement is the
        conclusion; every statement before the last inference line is a premise
        (intermediate conclusions of a multi-step argument included)."""
        if not pending or not pcs.premises:
            raise self.fail(
                lineno, 1, f"argument <{pcs.title}> needs premises, a ---- line and a conclusion"
            )
        pcs.conclusion = pending[-1]
        pcs.premises = [p for p in dict.fromkeys(pcs.premises) if p != pcs.conclusion]


def _escaped(text: str, at: int) -> bool:
    return at > 0 and text[at - 1] == "\\"


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Read Argdown text written by :func:`dumps` (or within the same subset)."""
    parser = _Parser(path)
    front = parser.parse(text.lstrip("\ufeff"))
    b = _Builder(parser, front)
    claims, stances = b.claims()
    supports = b.supports()
    attacks = b.relations(supports)
    heading = front.get("title")
    description = front.get("description")
    return ArgumentMap(
        title=str(heading) if heading is not None else "Argdown import",
        description=str(description) if description is not None else None,
        sources=tuple(Source(k, v) for k, v in b.titles.items()),
        stakeholders=tuple(b.stakeholders),
        claims=tuple(claims),
        supports=tuple(supports),
        attacks=tuple(attacks),
        stances=tuple(stances),
    )


class _Builder:
    """The parsed tables turned into a map: claims (and the stances their tags
    carry), supports from the premise-conclusion structures, then the
    relations; ids are handed out once for every statement."""

    def __init__(self, parser: _Parser, front: dict[str, Any]) -> None:
        self.parser = parser
        # An argument without a premise-conclusion structure is a claim in argmap.
        for arg in parser.arguments.values():
            if arg.conclusion is None and arg.title not in parser.texts:
                parser.texts[arg.title] = arg.description or arg.title
                parser.order.append(arg.title)
        defined = set(parser.order)
        parser.order.extend([t for t in parser.mentioned if t not in defined])
        pool = IdPool()
        self.ids: dict[str, str] = {title: pool.take(_slug(title)) for title in parser.order}
        self.holders: dict[str, str] = {}
        meta = front.get("argmap")
        if isinstance(meta, dict) and isinstance(meta.get("stakeholders"), dict):
            for key, name in meta["stakeholders"].items():
                self.holders[str(key)] = str(name)
        self.stakeholders = [Stakeholder(_slug(k), v) for k, v in self.holders.items()]
        self.titles: dict[str, str] = {}
        if isinstance(meta, dict) and isinstance(meta.get("sources"), dict):
            self.titles = {_slug(str(k)): str(v) for k, v in meta["sources"].items()}
        self.support_of: dict[str, str] = {}  # argument title -> support id
        self.seen: set[tuple[frozenset[str], str]] = set()

    def extras(self, data: dict[str, Any], line: int, what: str) -> dict[str, Any]:
        """Anchors, hedge, hedge words and inferred reason from a data block."""
        out: dict[str, Any] = {}
        anchors: list[Anchor] = []
        for entry in data.get("sources") or ():
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("source"), str)
                and isinstance(entry.get("quote"), str)
                and entry["quote"].strip()
            ):
                raise self.parser.fail(
                    line, 1, f"{what}: each of 'sources' needs a source and a quote"
                )
            source = _slug(entry["source"])
            self.titles.setdefault(source, source)
            anchors.append(Anchor(source, entry["quote"]))
        if anchors:
            out["anchors"] = tuple(anchors)
        if data.get("hedge") is not None:
            try:
                out["hedge"] = Hedge(str(data["hedge"]))
            except ValueError:
                choices = ", ".join(str(h) for h in Hedge)
                raise self.parser.fail(
                    line, 1, f"{what}: unknown hedge {data['hedge']!r} (one of: {choices})"
                ) from None
            if data.get("hedge_words") is not None:
                out["hedge_words"] = str(data["hedge_words"])
        if data.get("inferred") is not None and what.startswith("<"):
            out["inferred"] = str(data["inferred"])
        return out

    def claims(self) -> tuple[list[Claim], list[Stance]]:
        """A claim per statement; a tag ``#(holder verb)`` is a stance instead."""
        p = self.parser
        stances: list[Stance] = []
        claims: list[Claim] = []
        for title in p.order:
            tags: list[str] = []
            for tag in p.tags.get(title, ()):
                holder, _, verb = tag.rpartition(" ")
                if holder in self.holders and verb in ("asserts", "endorses", "rejects"):
                    stances.append(Stance(_slug(holder), self.ids[title], StanceKind(verb)))
                elif tag not in tags:
                    tags.append(tag)
            extras = self.extras(p.data.get(title, {}), 1, f"[{title}]")
            claims.append(
                Claim(self.ids[title], p.texts[title] or title, tags=tuple(tags), **extras)
            )
        return claims, stances

    def supports(self) -> list[Support]:
        """A support per argument with a premise-conclusion structure."""
        supports: list[Support] = []
        for arg in self.parser.arguments.values():
            if arg.conclusion is None:
                continue
            premises = tuple(self.ids[p] for p in arg.premises)
            conclusion = self.ids[arg.conclusion]
            if (frozenset(premises), conclusion) in self.seen or conclusion in premises:
                raise self.parser.fail(
                    arg.line, 1, f"argument <{arg.title}> repeats another support"
                )
            self.seen.add((frozenset(premises), conclusion))
            derived = arg.title == _derived_title(premises, conclusion)
            sid = support_id(premises, conclusion) if derived else _slug(arg.title)
            self.support_of[arg.title] = sid
            supports.append(
                Support(
                    sid,
                    premises,
                    conclusion,
                    scheme=arg.scheme,
                    explicit_id=not derived,
                    **self.extras(arg.data, arg.line, f"<{arg.title}>"),
                )
            )
        return supports

    def claim_of(self, node: _Node, line: int, as_target: bool) -> str:
        """The claim a relation's end stands for (an argument: its conclusion)."""
        if node.kind == "statement":
            return self.ids[node.title]
        arg = self.parser.arguments[node.title]
        if arg.conclusion is None:
            return self.ids[arg.title]
        if as_target:
            raise self.parser.fail(
                line,
                1,
                f"<{arg.title}> has premises: support or attack one of them ([title]), "
                "or undercut the argument with _>",
            )
        return self.ids[arg.conclusion]

    def relations(self, supports: list[Support]) -> list[Attack]:
        """The relations: supports (added to ``supports``), rebuttals and undercuts."""
        attacks: list[Attack] = []
        pairs: set[tuple[str, str]] = set()
        p = self.parser
        for kind, a, b, line in p.relations:
            if kind == "undercut":
                if b.kind != "argument" or p.arguments[b.title].conclusion is None:
                    raise p.fail(
                        line, 1, "an undercut (_>, <_) must point at an argument with premises"
                    )
                attacker, target = self.claim_of(a, line, False), self.support_of[b.title]
                attack_kind = AttackKind.UNDERCUTS
            else:
                source = self.claim_of(a, line, False)
                if kind == "support" and b.kind == "statement" and source == self.ids[b.title]:
                    continue  # <arg> +> [its conclusion]
                target = self.claim_of(b, line, True)
                if kind == "support":
                    self.one_premise_support(source, target, supports)
                    continue
                attacker, attack_kind = source, AttackKind.REBUTS
            if attacker == target or (attacker, target) in pairs:
                continue
            pairs.add((attacker, target))
            attacks.append(
                Attack(
                    attack_id(attacker, target), attacker, target, attack_kind, explicit_id=False
                )
            )
        return attacks

    def one_premise_support(self, source: str, target: str, supports: list[Support]) -> None:
        if (frozenset([source]), target) in self.seen or source == target:
            return
        self.seen.add((frozenset([source]), target))
        supports.append(Support(support_id([source], target), (source,), target, explicit_id=False))


FORMAT = Format(
    name="argdown",
    description="Argdown: statements, arguments with premise-conclusion structures, relations",
    suffixes=(".argdown", ".ad"),
    loads=loads,
    dumps=dumps,
    losses=losses,
)
