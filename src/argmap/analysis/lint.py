"""Fidelity checks: does the map say what its sources say, and hold together?

Preconditions: a consistent map (as loaded), the texts of its sources that
could be read (source id -> text), and why the others could not. Every check
is documented with an example in docs/lint.md; :data:`CODES` lists them.

A warning names the item it is about (``item``: a claim, support, attack or
source id, or ``stakeholder:claim`` for a stance) and where it is in the map
file (``key``, looked up in the positions the caller gives; see
:func:`argmap.formats.yaml.item_positions`). Warnings can be selected or
ignored by code or code prefix (``F1`` is every ``F1xx``), and ignored in the
map itself (``lint: {ignore: [{code, item, reason}]}``): an ignore entry that
no warning matches is itself reported (F100), so stale ignores do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from argmap.analysis.anchors import _normalise, _SourceIndex
from argmap.analysis.coverage import paragraphs, sentences
from argmap.analysis.hedges import check_hedges
from argmap.model import Anchor, ArgumentMap, AttackKind, ClaimKind, StanceKind

__all__ = ["CODES", "LintReport", "LintWarning", "lint", "matches"]

CODES: Final = {
    "F100": "an ignore entry in the map matches no warning",
    "F101": "a stakeholder holds two claims one of which attacks the other",
    "F102": "a quote is (part of) a question",
    "F103": "a quote occurs more than once in its source",
    "F104": "a hedged quote anchors an item that has no hedge",
    "F105": "a stance or relation that no quote supports and nothing marks as inferred",
    "F106": "a policy claim anchored only on descriptive text",
    "F107": "a claim never reached from a main claim",
    "F108": "a source whose quotes cannot be checked: its text is missing",
    "F109": "a quote that is not in its source's text",
}
"""Every lint code and what it means."""

_NORMATIVE: Final = re.compile(
    r"\b(?:should|must|ought|needs? to|ha(?:ve|s) to|necessary|essential|crucial|"
    r"paramount|required?|better|right to|wrong|call(?:s|ed)? for)\b",
    re.IGNORECASE,
)
"""Words that make a passage prescriptive (what should be done), not descriptive."""


@dataclass(frozen=True, slots=True)
class LintWarning:
    """One warning: its code, the item it is about, where, and what is wrong."""

    code: str
    item: str
    key: str
    message: str
    line: int | None = None
    col: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "item": self.item,
            "line": self.line,
            "col": self.col,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class LintReport:
    """The warnings that remain, in file order, and how many the map's ignores hid."""

    warnings: tuple[LintWarning, ...]
    ignored: int

    def to_json(self) -> dict[str, Any]:
        return {"warnings": [w.to_json() for w in self.warnings], "ignored": self.ignored}


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is one of ``patterns`` or starts with one (``F1`` matches ``F105``)."""
    return any(code.upper().startswith(p.strip().upper()) for p in patterns if p.strip())


def lint(
    amap: ArgumentMap,
    texts: Mapping[str, str],
    *,
    unreadable: Mapping[str, str] | None = None,
    positions: Mapping[str, tuple[int, int]] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> LintReport:
    """Run every check; keep the codes ``select``-ed (all when empty) and not ``ignore``-d.

    ``texts``: source id -> text, for the sources that could be read;
    ``unreadable``: source id -> why its text could not be read.
    """
    select, ignore = tuple(select), tuple(ignore)
    for pattern in (*select, *ignore):
        if not any(matches(code, [pattern]) for code in CODES):
            from argmap.errors import ArgmapError

            raise ArgmapError(f"unknown lint code {pattern!r} (known: {', '.join(CODES)})")
    found = list(_Checks(amap, texts, unreadable or {}).run())
    kept: list[LintWarning] = []
    used: set[int] = set()
    hidden = 0
    for w in found:
        if select and not matches(w.code, select):
            continue
        if matches(w.code, ignore):
            continue
        hit = [
            i
            for i, ig in enumerate(amap.lint_ignores)
            if matches(w.code, [ig.code]) and (ig.item is None or ig.item == w.item)
        ]
        if hit:
            used.update(hit)
            hidden += 1
            continue
        kept.append(w)
    for i, ig in enumerate(amap.lint_ignores):
        if i in used:
            continue
        w = LintWarning(
            "F100",
            ig.item or ig.code,
            f"lint#{i}",
            f"the ignore of {ig.code}"
            + (f" on {ig.item!r}" if ig.item else "")
            + " matches no warning; remove it"
            + ("" if any(matches(c, [ig.code]) for c in CODES) else " (no such code)"),
        )
        if (not select or matches("F100", select)) and not matches("F100", ignore):
            kept.append(w)
    pos = positions or {}
    placed = [_place(w, pos) for w in kept]
    placed.sort(key=lambda w: (w.line or 0, w.col or 0, w.code, w.item))
    return LintReport(tuple(placed), hidden)


def _place(w: LintWarning, positions: Mapping[str, tuple[int, int]]) -> LintWarning:
    key = w.key
    while key:
        if key in positions:
            line, col = positions[key]
            return LintWarning(w.code, w.item, w.key, w.message, line, col)
        key = key.rpartition("#")[0]
    return w


# --------------------------------------------------------------------------- the checks


def _quote(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 3].rstrip() + "...")


class _Checks:
    def __init__(
        self, amap: ArgumentMap, texts: Mapping[str, str], unreadable: Mapping[str, str]
    ) -> None:
        self.amap = amap
        self.texts = texts
        self.unreadable = unreadable
        self.indexes = {sid: _SourceIndex(t) for sid, t in texts.items()}
        self._sentences: dict[str, list[tuple[int, int]]] = {}

    def run(self) -> Iterator[LintWarning]:
        yield from self.conflicts()
        yield from self.quotes()
        yield from self.unsourced()
        yield from self.policies()
        yield from self.unreached()
        yield from self.missing_texts()

    # -- helpers

    def anchored(self) -> Iterator[tuple[str, str, str, Anchor, int]]:
        """(key, item, kind, anchor, number) for every anchor of the map."""
        amap = self.amap
        for c in amap.claims:
            for i, a in enumerate(c.anchors):
                yield f"claim:{c.id}", c.id, "claim", a, i
        for s in amap.supports:
            for i, a in enumerate(s.anchors):
                yield f"support:{s.id}", s.id, "support", a, i
        for k in amap.attacks:
            for i, a in enumerate(k.anchors):
                yield f"attack:{k.id}", k.id, "attack", a, i
        for st in amap.stances:
            for i, a in enumerate(st.anchors):
                item = f"{st.stakeholder}:{st.claim}"
                yield f"stance:{item}", item, "stance", a, i

    def sentence_of(self, source: str, start: int, end: int) -> str:
        """The sentence(s) of the source text that the span lies in."""
        text = self.texts[source]
        spans = self._sentences.get(source)
        if spans is None:
            spans = [s for p in paragraphs(text) for s in sentences(text, *p)]
            self._sentences[source] = spans
        inside = [(a, b) for a, b in spans if a < end and b > start]
        if not inside:
            return text[start:end]
        return text[inside[0][0] : inside[-1][1]]

    def holders(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for st in self.amap.stances:
            if st.kind is not StanceKind.REJECTS:
                out.setdefault(st.stakeholder, set()).add(st.claim)
        return out

    # -- F101

    def conflicts(self) -> Iterator[LintWarning]:
        amap = self.amap
        held = self.holders()
        for a in amap.attacks:
            if a.kind is not AttackKind.REBUTS:
                continue
            for sh in amap.stakeholders:
                claims = held.get(sh.id, set())
                if a.attacker in claims and a.target in claims:
                    yield LintWarning(
                        "F101",
                        a.id,
                        f"attack:{a.id}",
                        f"{sh.id} holds both {a.attacker!r} and {a.target!r}, but the map "
                        f"says the first rebuts the second ({a.id}); if the source has "
                        "them hold both, the relation is not a rebuttal",
                    )

    # -- F102, F103, F104, F109

    def quotes(self) -> Iterator[LintWarning]:
        for key, item, kind, anchor, number in self.anchored():
            where = f"{key}#{number}"
            index = self.indexes.get(anchor.source)
            located = index.locate(anchor.quote) if index is not None else None
            if index is not None and located is None:
                yield LintWarning(
                    "F109",
                    item,
                    where,
                    f"the quote {_quote(anchor.quote)} of {kind} {item!r} is not in the "
                    f"text of source {anchor.source!r}; `argmap sources` shows the "
                    "closest passage",
                )
            passage = anchor.quote
            if index is not None and located is not None:
                passage = self.sentence_of(anchor.source, located[0], located[1])
                count = _occurrences(index, anchor.quote)
                if count > 1:
                    yield LintWarning(
                        "F103",
                        item,
                        where,
                        f"the quote {_quote(anchor.quote)} of {kind} {item!r} occurs "
                        f"{count} times in source {anchor.source!r}; quote more words so "
                        "it points at one place",
                    )
            if passage.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
                yield LintWarning(
                    "F102",
                    item,
                    where,
                    f"the quote {_quote(anchor.quote)} of {kind} {item!r} is "
                    + ("a question" if passage is anchor.quote else "in a question")
                    + "; a question asserts nothing: anchor the answer instead",
                )
        yield from self.hedges()

    def hedges(self) -> Iterator[LintWarning]:
        """F104, by the rule of ``argmap sources`` (:func:`check_hedges`)."""
        numbers: dict[tuple[str, str, str], int] = {}
        for key, _, _, anchor, number in self.anchored():
            numbers.setdefault((key, anchor.source, anchor.quote), number)
        for p in check_hedges(self.amap, self.texts):
            kind, _, rest = p.owner.partition(":")
            if not rest:
                kind, rest = "claim", p.owner
            key = f"{kind}:{rest}"
            number = numbers.get((key, p.source, p.quote), 0)
            yield LintWarning("F104", rest, f"{key}#{number}", f"{kind} {rest!r}: {p.message}")

    # -- F105

    def unsourced(self) -> Iterator[LintWarning]:
        amap = self.amap
        for s in amap.supports:
            if not s.anchors and not s.inferred:
                yield LintWarning(
                    "F105",
                    s.id,
                    f"support:{s.id}",
                    f"no quote supports the support {s.id!r} and nothing marks it as "
                    "inferred; add `sources:` with a quote, or `inferred:` saying why",
                )
        for k in amap.attacks:
            if not k.anchors and not k.inferred:
                yield LintWarning(
                    "F105",
                    k.id,
                    f"attack:{k.id}",
                    f"no quote supports the attack {k.id!r} and nothing marks it as "
                    "inferred; add `sources:` with a quote, or `inferred:` saying why",
                )
        for st in amap.stances:
            if not st.anchors and not st.inferred:
                item = f"{st.stakeholder}:{st.claim}"
                yield LintWarning(
                    "F105",
                    item,
                    f"stance:{item}",
                    f"no quote supports the stance {st.stakeholder} {st.kind} {st.claim!r} "
                    "and nothing marks it as inferred; add `sources:` with a quote, or "
                    "`inferred:` saying why",
                )

    # -- F106

    def policies(self) -> Iterator[LintWarning]:
        for c in self.amap.claims:
            if c.kind is not ClaimKind.POLICY or not c.anchors:
                continue
            passages: list[str] = []
            for a in c.anchors:
                index = self.indexes.get(a.source)
                located = index.locate(a.quote) if index is not None else None
                if located is not None:
                    passages.append(self.sentence_of(a.source, located[0], located[1]))
                else:
                    passages.append(a.quote)
            if not any(_NORMATIVE.search(p) for p in passages):
                yield LintWarning(
                    "F106",
                    c.id,
                    f"claim:{c.id}",
                    f"the policy claim {c.id!r} is anchored only on descriptive text "
                    f"({_quote(c.anchors[0].quote)}); anchor it where the source says what "
                    "should be done, or give it the kind the text supports",
                )

    # -- F107

    def unreached(self) -> Iterator[LintWarning]:
        amap = self.amap
        if not amap.main:
            return
        links: dict[str, list[str]] = {}

        def link(a: str, b: str) -> None:
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)

        for s in amap.supports:
            link(s.id, s.conclusion)
            for p in s.premises:
                link(p, s.id)
        for a in amap.attacks:
            link(a.attacker, a.target)
        seen = set(amap.main)
        todo = list(amap.main)
        while todo:
            for x in links.get(todo.pop(), ()):
                if x not in seen:
                    seen.add(x)
                    todo.append(x)
        for c in amap.claims:
            if c.id not in seen:
                yield LintWarning(
                    "F107",
                    c.id,
                    f"claim:{c.id}",
                    f"the claim {c.id!r} is never reached from a main claim "
                    f"({', '.join(amap.main)}): no chain of supports and attacks joins "
                    "it to one; connect it, make it a main claim, or remove it",
                )

    # -- F108

    def missing_texts(self) -> Iterator[LintWarning]:
        amap = self.amap
        anchored: dict[str, int] = {}
        for _, _, _, a, _ in self.anchored():
            anchored[a.source] = anchored.get(a.source, 0) + 1
        for s in amap.sources:
            if s.id not in anchored or s.id in self.texts:
                continue
            if s.id in self.unreadable:
                why = f"its file cannot be read ({self.unreadable[s.id]})"
            elif s.file is None:
                why = "it has no `file:` and no text was given"
            else:
                why = f"its file {s.file!r} cannot be read"
            yield LintWarning(
                "F108",
                s.id,
                f"source:{s.id}",
                f"the {anchored[s.id]} quote(s) from source {s.id!r} cannot be checked: "
                f"{why}; add `file:` to the source or pass --text {s.id}=FILE",
            )


def _occurrences(index: _SourceIndex, quote: str) -> int:
    """How many times a quote occurs in a source (as :meth:`_SourceIndex.locate` finds it)."""
    if index.text.find(quote) >= 0:
        return _count(index.text, quote)
    plain = _normalise(quote, fold=False).text
    count = _count(index.plain.text, plain)
    if count:
        return count
    return _count(index.folded.text, _normalise(quote, fold=True).text)


def _count(hay: str, needle: str) -> int:
    if not needle:
        return 0
    n, pos = 0, hay.find(needle)
    while pos >= 0:
        n += 1
        pos = hay.find(needle, pos + 1)
    return n
