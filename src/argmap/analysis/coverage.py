"""Source coverage: which parts of each source text the map anchors, and which not.

Preconditions: a consistent map and the texts of its sources (reading them is
the caller's business). Quotes are found as ``argmap sources`` finds them
(:mod:`argmap.analysis.anchors`: tolerant of whitespace, typographic quotes
and dashes, and case).

A text is cut into paragraphs (blocks separated by blank lines; in a text
whose lines are long, each line) and paragraphs into sentences (after ``.``,
``!`` or ``?``, with any closing quote or bracket, before a space). A short
paragraph with no sentence-final punctuation is a heading. A sentence is
*argumentative* when it holds a discourse marker (:data:`MARKERS`: because,
but, however, therefore, should, must, argue, ...); a paragraph is
argumentative when one of its sentences is. A sentence or paragraph is
*anchored* by every item (claim, support, attack or stance) one of whose
quotes overlaps it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, Final

from argmap.analysis.anchors import _SourceIndex
from argmap.model import Anchor, ArgumentMap

__all__ = [
    "MARKERS",
    "Coverage",
    "Paragraph",
    "Sentence",
    "SourceCoverage",
    "Span",
    "anchored_items",
    "coverage",
    "coverage_html",
    "markers_in",
    "paragraphs",
]

MARKERS: Final = (
    "because",
    "since",
    "but",
    "however",
    "therefore",
    "thus",
    "hence",
    "consequently",
    "so",
    "although",
    "though",
    "yet",
    "whereas",
    "instead",
    "rather than",
    "should",
    "must",
    "ought",
    "need to",
    "needs to",
    "have to",
    "has to",
    "argue",
    "argues",
    "arguing",
    "argued",
    "believe",
    "believes",
    "claim",
    "claims",
    "essential",
    "crucial",
    "important",
    "if",
)
"""The discourse markers that make a sentence argumentative (whole words, any case)."""

_MARKER_RE: Final = re.compile(
    r"\b(?:" + "|".join(re.escape(m) for m in sorted(MARKERS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_SENTENCE_END: Final = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_HEADING_WORDS = 14
_WRAPPED = 120
"""A text with no line longer than this is hard-wrapped: its paragraphs are
separated by blank lines, not by line breaks."""


def markers_in(sentence: str) -> tuple[str, ...]:
    """The discourse markers of a sentence, lower-cased, in order, each once."""
    return tuple(dict.fromkeys(m.group().lower() for m in _MARKER_RE.finditer(sentence)))


# --------------------------------------------------------------------------- cutting


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each paragraph, whitespace trimmed, in order."""
    wrapped = max((len(line) for line in text.splitlines()), default=0) <= _WRAPPED
    blank = re.search(r"\n[ \t]*\n", text) is not None
    blocks = re.compile(r"\n[ \t]*\n") if blank and wrapped else re.compile(r"\n")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*blocks.finditer(text), None]:
        end = len(text) if m is None else m.start()
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            out.append((start, start + len(stripped)))
        if m is not None:
            pos = m.end()
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    for m in _SENTENCE_END.finditer(chunk):
        stop = start + m.end()
        after = chunk[m.end() :].lstrip()[:1]
        if after.islower():
            continue  # an abbreviation such as "vs." inside a sentence
        if text[pos:stop].strip():
            out.append((pos, stop))
        pos = stop
        while pos < end and text[pos].isspace():
            pos += 1
    if text[pos:end].strip():
        out.append((pos, end))
    return out


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted passage: offsets in the source text, where it starts, who quotes it.

    ``owners`` are item keys: ``claim:ID``, ``support:ID``, ``attack:ID`` or
    ``stance:STAKEHOLDER:CLAIM``.
    """

    start: int
    end: int
    line: int
    col: int
    quote: str
    owner: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, its discourse markers, and the items anchored in it."""

    start: int
    end: int
    line: int
    col: int
    text: str
    markers: tuple[str, ...]
    anchored_by: tuple[str, ...]

    @property
    def argumentative(self) -> bool:
        return bool(self.markers)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "col": self.col,
            "text": self.text,
            "argumentative": self.argumentative,
            "markers": list(self.markers),
            "anchored_by": list(self.anchored_by),
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or heading) and its sentences; ``number`` counts from 1."""

    number: int
    start: int
    end: int
    line: int
    heading: bool
    sentences: tuple[Sentence, ...]

    @property
    def anchored_by(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o for s in self.sentences for o in s.anchored_by))

    @property
    def argumentative(self) -> bool:
        return not self.heading and any(s.argumentative for s in self.sentences)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "line": self.line,
            "heading": self.heading,
            "argumentative": self.argumentative,
            "anchored_by": list(self.anchored_by),
            "sentences": [s.to_json() for s in self.sentences],
        }


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """The coverage of one source text; ``missing`` are quotes not found in it."""

    source: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[Span, ...]
    missing: tuple[tuple[str, str], ...]

    def unanchored_argumentative(self) -> list[Sentence]:
        """The argumentative sentences no item anchors, in text order."""
        return [
            s
            for p in self.paragraphs
            if not p.heading
            for s in p.sentences
            if s.argumentative and not s.anchored_by
        ]

    def to_json(self) -> dict[str, Any]:
        sents = [s for p in self.paragraphs if not p.heading for s in p.sentences]
        return {
            "source": self.source,
            "title": self.title,
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "spans": [
                {
                    "owner": s.owner,
                    "line": s.line,
                    "col": s.col,
                    "start": s.start,
                    "end": s.end,
                    "quote": s.quote,
                }
                for s in self.spans
            ],
            "missing": [{"owner": o, "quote": q} for o, q in self.missing],
            "summary": {
                "paragraphs": sum(1 for p in self.paragraphs if not p.heading),
                "paragraphs_anchored": sum(
                    1 for p in self.paragraphs if not p.heading and p.anchored_by
                ),
                "argumentative_paragraphs": sum(1 for p in self.paragraphs if p.argumentative),
                "argumentative_paragraphs_unanchored": [
                    p.number for p in self.paragraphs if p.argumentative and not p.anchored_by
                ],
                "sentences": len(sents),
                "sentences_anchored": sum(1 for s in sents if s.anchored_by),
                "argumentative_sentences": sum(1 for s in sents if s.argumentative),
                "argumentative_sentences_unanchored": len(self.unanchored_argumentative()),
            },
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    """The coverage of every source whose text was given, in map order."""

    sources: tuple[SourceCoverage, ...]

    def to_json(self) -> dict[str, Any]:
        return {"sources": [s.to_json() for s in self.sources]}


# --------------------------------------------------------------------------- computing


def anchored_items(amap: ArgumentMap) -> Iterator[tuple[str, int, Anchor]]:
    """(item key, anchor number, anchor) for every anchor of the map, in map order.

    Keys as in :class:`Span`: claims, then supports, attacks and stances.
    """
    for c in amap.claims:
        for i, a in enumerate(c.anchors):
            yield f"claim:{c.id}", i, a
    for s in amap.supports:
        for i, a in enumerate(s.anchors):
            yield f"support:{s.id}", i, a
    for k in amap.attacks:
        for i, a in enumerate(k.anchors):
            yield f"attack:{k.id}", i, a
    for st in amap.stances:
        for i, a in enumerate(st.anchors):
            yield f"stance:{st.stakeholder}:{st.claim}", i, a


def coverage(amap: ArgumentMap, texts: Mapping[str, str]) -> Coverage:
    """The coverage of each source of ``amap`` whose text is in ``texts`` (id -> text)."""
    out: list[SourceCoverage] = []
    for source in amap.sources:
        text = texts.get(source.id)
        if text is None:
            continue
        out.append(_source(amap, source.id, source.title, text))
    return Coverage(tuple(out))


def _source(amap: ArgumentMap, source: str, title: str, text: str) -> SourceCoverage:
    index = _SourceIndex(text)
    spans: list[Span] = []
    missing: list[tuple[str, str]] = []
    for owner, _, anchor in anchored_items(amap):
        if anchor.source != source:
            continue
        found = index.locate(anchor.quote) if anchor.quote.strip() else None
        if found is None:
            missing.append((owner, anchor.quote))
            continue
        line, col = index.line_col(found[0])
        spans.append(Span(found[0], found[1], line, col, anchor.quote, owner))
    paras: list[Paragraph] = []
    for number, (pstart, pend) in enumerate(paragraphs(text), 1):
        sents: list[Sentence] = []
        for sstart, send in sentences(text, pstart, pend):
            body = text[sstart:send]
            owners = tuple(
                dict.fromkeys(s.owner for s in spans if s.start < send and s.end > sstart)
            )
            line, col = index.line_col(sstart)
            sents.append(Sentence(sstart, send, line, col, body, markers_in(body), owners))
        ptext = text[pstart:pend]
        heading = len(sents) == 1 and not re.search(r"[.!?][\"'\u201d\u2019)\]]*$", ptext)
        heading = heading and len(ptext.split()) <= _HEADING_WORDS
        paras.append(
            Paragraph(number, pstart, pend, index.line_col(pstart)[0], heading, tuple(sents))
        )
    return SourceCoverage(source, title, text, tuple(paras), tuple(spans), tuple(missing))


# --------------------------------------------------------------------------- text


def coverage_text(cov: Coverage, amap: ArgumentMap) -> list[str]:
    """The coverage as lines of text: per paragraph, what anchors it, what is left."""
    out: list[str] = []
    for sc in cov.sources:
        data = sc.to_json()["summary"]
        out.append(f"source {sc.source}: {sc.title}")
        out.append(
            f"  {data['paragraphs_anchored']} of {data['paragraphs']} paragraphs and "
            f"{data['sentences_anchored']} of {data['sentences']} sentences anchored; "
            f"{data['argumentative_sentences_unanchored']} of "
            f"{data['argumentative_sentences']} argumentative sentences unanchored"
        )
        for p in sc.paragraphs:
            if p.heading:
                out.append(f"  [heading, line {p.line}] {_clip(sc.text[p.start : p.end])}")
                continue
            flag = "" if p.anchored_by or not p.argumentative else "  UNANCHORED, argumentative"
            out.append(f"  paragraph {p.number} (line {p.line}){flag}")
            for s in p.sentences:
                if s.anchored_by:
                    mark = "+"
                    tail = "  <- " + ", ".join(_owner_words(o) for o in s.anchored_by)
                elif s.argumentative:
                    mark = "!"
                    tail = f"  (argumentative: {', '.join(s.markers)}; nothing anchors it)"
                else:
                    mark = " "
                    tail = ""
                out.append(f"    {mark} {s.line}:{s.col} {_clip(s.text)}{tail}")
        for owner, quote in sc.missing:
            out.append(f"  not found: {_owner_words(owner)}: {quote!r}")
    return out


def _clip(text: str, width: int = 72) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3].rstrip() + "..."


def _owner_words(owner: str) -> str:
    kind, _, rest = owner.partition(":")
    if kind == "claim":
        return rest
    if kind == "stance":
        holder, _, claim = rest.partition(":")
        return f"{holder}'s stance on {claim}"
    return f"{kind} {rest}"


# --------------------------------------------------------------------------- html

_CSS = """
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;display:flex}
main{flex:1;max-width:52em;padding:1.5em 2em}
aside{width:24em;position:sticky;top:0;height:100vh;overflow:auto;background:#f6f6f3;
padding:1.5em;box-sizing:border-box;border-left:1px solid #ddd}
h1{font-size:1.3em}h2{font-size:1.05em;margin:1.6em 0 .4em;color:#555}
p{margin:.5em 0}
.s{border-radius:3px}
.s.arg{box-shadow:inset 0 -2px 0 #e0a000}
.p-open{border-left:4px solid #e0a000;padding-left:.6em}
mark{background:#cfe3ff;border-radius:2px;cursor:pointer;color:inherit}
mark.n2{background:#a9ccff}mark.n3{background:#86b6ff}
mark.sel{outline:2px solid #1565c0}
.legend span{display:inline-block;margin-right:1em}
.key-arg{box-shadow:inset 0 -2px 0 #e0a000}
.owner{margin:.6em 0;padding:.5em .7em;background:#fff;border:1px solid #ddd;border-radius:4px}
.owner .id{color:#777;font-size:.85em}
.owner .kind{text-transform:uppercase;font-size:.75em;color:#1565c0;letter-spacing:.05em}
"""

_JS = """
const owners = JSON.parse(document.getElementById('owners').textContent);
const panel = document.getElementById('panel');
function show(ev) {
  document.querySelectorAll('mark.sel').forEach(m => m.classList.remove('sel'));
  const m = ev.currentTarget; m.classList.add('sel');
  panel.replaceChildren();
  const h = document.createElement('h2'); h.textContent = 'Anchored here'; panel.append(h);
  for (const key of m.dataset.owners.split(' ')) {
    const o = owners[key]; const d = document.createElement('div'); d.className = 'owner';
    const k = document.createElement('div'); k.className = 'kind'; k.textContent = o.kind;
    const t = document.createElement('div'); t.textContent = o.text;
    const i = document.createElement('div'); i.className = 'id'; i.textContent = o.id;
    d.append(k, t, i); panel.append(d);
  }
}
document.querySelectorAll('mark').forEach(m => m.addEventListener('click', show));
"""


def _owner_info(amap: ArgumentMap, owner: str) -> dict[str, str]:
    kind, _, rest = owner.partition(":")
    if kind == "claim":
        c = amap.claim(rest)
        return {"kind": "claim", "id": rest, "text": c.text}
    if kind == "support":
        s = amap.support(rest)
        premises = " + ".join(amap.claim(p).label or amap.claim(p).text for p in s.premises)
        conclusion = amap.claim(s.conclusion)
        return {
            "kind": "support",
            "id": rest,
            "text": f"{premises} \u2192 supports \u2192 {conclusion.label or conclusion.text}",
        }
    if kind == "attack":
        a = next(x for x in amap.attacks if x.id == rest)
        target = (
            amap.claim(a.target).label or amap.claim(a.target).text
            if amap.has_claim(a.target)
            else a.target
        )
        attacker = amap.claim(a.attacker).label or amap.claim(a.attacker).text
        return {"kind": f"attack ({a.kind})", "id": rest, "text": f"{attacker} \u2192 {target}"}
    holder, _, claim = rest.partition(":")
    c = amap.claim(claim)
    st = next(s for s in amap.stances if s.stakeholder == holder and s.claim == claim)
    name = amap.stakeholder(holder).name
    return {
        "kind": "stance",
        "id": f"{holder} {st.kind} {claim}",
        "text": f"{name} {st.kind}: {c.label or c.text}",
    }


def coverage_html(cov: Coverage, amap: ArgumentMap) -> str:
    """A self-contained HTML page of each source with its anchored spans highlighted.

    Clicking a highlighted span lists the items quoting it. Argumentative
    sentences are underlined; argumentative paragraphs nothing anchors are
    flagged in the margin. Every piece of text is escaped.
    """
    info: dict[str, dict[str, str]] = {}
    body: list[str] = []
    for sc in cov.sources:
        body.append(f"<h1>{escape(sc.title)}</h1>")
        data = sc.to_json()["summary"]
        body.append(
            "<p class=legend>"
            f"<span>{data['sentences_anchored']} of {data['sentences']} sentences anchored</span>"
            f"<span><mark>quoted by the map</mark></span>"
            f"<span class=key-arg>argumentative sentence</span></p>"
        )
        for span in sc.spans:
            info.setdefault(span.owner, _owner_info(amap, span.owner))
        for p in sc.paragraphs:
            if p.heading:
                body.append(f"<h2>{escape(sc.text[p.start : p.end])}</h2>")
                continue
            cls = " class=p-open" if p.argumentative and not p.anchored_by else ""
            title = ' title="argumentative paragraph that nothing anchors"' if cls else ""
            parts: list[str] = []
            for s in p.sentences:
                scls = "s arg" if s.argumentative else "s"
                parts.append(f'<span class="{scls}">{_marked(sc, s.start, s.end)}</span>')
            body.append(f"<p{cls}{title}>{' '.join(parts)}</p>")
    owners_json = json.dumps(info, sort_keys=True, ensure_ascii=False)
    owners_json = (
        owners_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
    title = escape(amap.title or "Source coverage")
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{title}: source coverage</title><style>{_CSS}</style></head><body>"
        f"<main>{''.join(body)}</main>"
        "<aside id=panel><h2>Click a highlighted passage</h2>"
        "<p>to see the claims, relations and stances quoted from it.</p></aside>"
        f'<script type="application/json" id="owners">{owners_json}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def _marked(sc: SourceCoverage, start: int, end: int) -> str:
    """The escaped text of ``[start, end)`` with quoted passages in ``<mark>``."""
    cuts = {start, end}
    inside = [s for s in sc.spans if s.start < end and s.end > start]
    for s in inside:
        cuts.add(max(start, s.start))
        cuts.add(min(end, s.end))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = escape(sc.text[a:b])
        owners = list(dict.fromkeys(s.owner for s in inside if s.start <= a and s.end >= b))
        if owners:
            level = min(len(owners), 3)
            out.append(
                f'<mark class="n{level}" data-owners="{escape(" ".join(owners))}">{piece}</mark>'
            )
        else:
            out.append(piece)
    return "".join(out)
