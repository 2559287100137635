"""What the language server knows about a map: its problems, and every id in it.

:func:`analyse` reads a map (the open editor buffers first, then the disk)
with every file it includes, validates and lints it, and indexes each
definition and reference of an id with its exact place. It knows nothing of
the protocol (see :mod:`argmap.lsp.server`); places are 0-based lines and
columns, as the protocol counts them (columns in UTF-16 code units).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError, MapError
from argmap.formats import _positions
from argmap.formats.includes import DiskFiles, disk_boundary, load_files
from argmap.ids import attack_id, support_id
from argmap.lsp import _events
from argmap.model import ArgumentMap

DataPath = tuple[str | int, ...]
Reader = Callable[[str], bytes]

_SEPARATORS = re.compile(r"([+>!~^:])")
"""What joins ids into derived ids (``a+c>b``, ``x!b``): never part of an id."""


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a file: 0-based line, start and end columns (one line)."""

    file: str
    line: int
    col: int
    end: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    span: Span
    message: str
    warning: bool = False
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An id written in a file: its definition (``define``) or a reference.

    ``text`` is the id as written (a derived id such as ``a>b`` included);
    ``categories`` what it may name (``claim``, ``support``, ...).
    """

    span: Span
    text: str
    categories: tuple[str, ...]
    define: bool = False


@dataclass(slots=True)
class Item:
    """A defined item: its category, where it is, and what to show of it."""

    ident: str
    category: str
    span: Span
    detail: str
    explicit: bool = True


@dataclass(slots=True)
class Analysis:
    """Everything known about one map (a root file and what it includes)."""

    root: str
    files: tuple[str, ...]
    texts: dict[str, str]
    amap: ArgumentMap | None
    diagnostics: dict[str, list[Diagnostic]]
    items: dict[str, Item] = field(default_factory=dict)
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)
    _verdicts: dict[str, str] | None = None

    def verdicts(self) -> dict[str, str]:
        """Claim id -> in / out / undecided (grounded), computed on first use."""
        if self._verdicts is None:
            self._verdicts = {}
            if self.amap is not None:
                from argmap.analysis.semantics import label_claims

                self._verdicts = label_claims(self.amap)
        return self._verdicts

    def at(self, file: str, line: int, col: int) -> Occurrence | None:
        """The occurrence of an id at a place, if any."""
        for occ in self.occurrences.get(file, ()):
            if occ.span.line == line and occ.span.col <= col <= occ.span.end:
                return occ
        return None

    def references(self, ident: str) -> Iterator[Occurrence]:
        """Every occurrence of ``ident`` (definition and references), file by file."""
        for file in self.files:
            for occ in self.occurrences.get(file, ()):
                if occ.text == ident:
                    yield occ

    def rename(self, old: str, new: str) -> dict[str, list[tuple[Span, str]]]:
        """The edits renaming the id ``old`` to ``new`` everywhere, derived ids
        that are made of it included (``old>b`` becomes ``new>b``)."""
        edits: dict[str, list[tuple[Span, str]]] = {}
        for file in self.files:
            for occ in self.occurrences.get(file, ()):
                parts = _SEPARATORS.split(occ.text)
                if old not in parts:
                    continue
                text = "".join(new if p == old else p for p in parts)
                edits.setdefault(file, []).append((occ.span, text))
        return edits


# --------------------------------------------------------------------------- reading


def parse(text: str) -> _positions.Parsed:
    """Data and positions of a text, by the fast event path where it can vouch."""
    located = _events.parse(text)
    return located if located is not None else _positions.parse_with_positions(text)


def analyse(root: str, buffer: Callable[[str], str | None], lint: bool = True) -> Analysis:
    """Read, validate, index and lint the map ``root`` (a file path): :func:`validate`
    then :func:`finish`."""
    return finish(validate(root, buffer), lint=lint)


_PARSED: dict[str, _positions.Parsed] = {}
"""The last parse of each text (so an included file that did not change is not parsed again)."""


def _parse_cached(text: str) -> _positions.Parsed:
    found = _PARSED.get(text)
    if found is None:
        found = _PARSED[text] = parse(text)
    return found


def validate(root: str, buffer: Callable[[str], str | None]) -> Analysis:
    """Read and validate the map ``root`` and the files it includes: the
    problems (with their places) and the map when valid; not yet indexed.

    ``buffer(path)`` gives the text of an open editor buffer, or None to read
    the file from disk. ArgmapError when the root itself cannot be read.
    """
    from argmap.io import read_bytes

    texts: dict[str, str] = {}

    def read(path: Path) -> bytes:
        text = buffer(str(path))
        raw = text.encode("utf-8") if text is not None else read_bytes(path)
        texts[str(path)] = raw.decode("utf-8", "replace").removeprefix("\ufeff")
        return raw

    raw = read(Path(root))
    files = DiskFiles(disk_boundary(Path(root)), read)
    diagnostics: dict[str, list[Diagnostic]] = {}
    amap: ArgumentMap | None = None
    try:
        loaded = load_files(root, raw, files, parse=_parse_cached, locate=_events.locate)
        amap, names = loaded.amap, loaded.files
    except MapError as exc:
        names = exc.files or (root,)
        for p in exc.problems:
            diagnostics.setdefault(p.path, []).append(
                Diagnostic(_span(texts.get(p.path, ""), p.path, p.line, p.col), p.message)
            )
    for name in names:
        diagnostics.setdefault(name, [])
    return Analysis(root, tuple(names), texts, amap, diagnostics)


def finish(result: Analysis, lint: bool = True) -> Analysis:
    """Index every id of an analysis's files and add the lint warnings (a valid map)."""
    from argmap._gc import paused_gc

    with paused_gc():  # everything made here is acyclic
        return _finish(result, lint)


def _finish(result: Analysis, lint: bool) -> Analysis:
    parsed: dict[str, _positions.Parsed] = {}
    kept: dict[str, _positions.Parsed] = {}
    for name in result.files:
        if name in result.texts:
            text = result.texts[name]
            parsed[name] = kept[text] = _parse_cached(text)
    _PARSED.clear()
    _PARSED.update(kept)
    for name in result.files:
        if name in parsed:
            _index(result, name, parsed[name])
    if result.amap is not None and lint:
        _lint(result, parsed)
    return result


_LINES: dict[int, tuple[str, list[str]]] = {}


def _lines(text: str) -> list[str]:
    """The lines of a text (the last few texts' lines are kept)."""
    kept = _LINES.get(id(text))
    if kept is not None and kept[0] is text:
        return kept[1]
    if len(_LINES) > 16:
        _LINES.clear()
    lines = text.splitlines()
    _LINES[id(text)] = (text, lines)
    return lines


def _span(text: str, file: str, line: int | None, col: int | None) -> Span:
    """The span of the token at a 1-based place: a scalar, a key, or a bracket's
    contents on that line."""
    if line is None:
        return Span(file, 0, 0, 0)
    lines = _lines(text)
    body = lines[line - 1] if 0 < line <= len(lines) else ""
    start = (col or 1) - 1
    return Span(file, line - 1, start, _token_end(body, start))


def _token_end(body: str, start: int) -> int:
    if start >= len(body):
        return start
    first = body[start]
    if first in "\"'":
        end = body.find(first, start + 1)
        return len(body) if end < 0 else end + 1
    if first in "{[":
        close = "}" if first == "{" else "]"
        depth = 0
        for i in range(start, len(body)):
            if body[i] == first:
                depth += 1
            elif body[i] == close:
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(body)
    match = re.compile(r"[^,\]}#]*").match(body, start)
    token = match.group().rstrip() if match else ""
    if token.startswith("- "):
        token = token.rstrip()
    colon = token.find(": ")
    if colon > 0:
        token = token[:colon]
    return start + max(len(token.rstrip(":")), 1)


# --------------------------------------------------------------------------- the index

_REFS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "supports": (("from", ("claim",)), ("to", ("claim",))),
    "attacks": (("from", ("claim",)), ("to", ("claim", "support"))),
    "stances": (
        ("stakeholder", ("stakeholder",)),
        ("asserts", ("claim",)),
        ("endorses", ("claim",)),
        ("rejects", ("claim",)),
    ),
    "issues": (("positions", ("claim",)),),
    "rephrases": (("from", ("claim",)), ("to", ("claim",))),
    "preferences": (
        ("prefer", ("claim", "support", "attack")),
        ("over", ("claim", "support", "attack")),
    ),
}
CATEGORY = {
    "sources": "source",
    "stakeholders": "stakeholder",
    "claims": "claim",
    "supports": "support",
    "attacks": "attack",
    "issues": "issue",
    "rephrases": "rephrase",
    "preferences": "preference",
}


def _index(result: Analysis, file: str, parsed: _positions.Parsed) -> None:
    out: list[Occurrence] = []
    result.occurrences[file] = out
    if isinstance(parsed.data, dict):
        _Indexer(result, file, parsed, out).run(parsed.data)
        out.sort(key=lambda o: (o.span.line, o.span.col))


class _Indexer:
    """Collects the occurrences of ids in one file's data."""

    def __init__(
        self, result: Analysis, file: str, parsed: _positions.Parsed, out: list[Occurrence]
    ) -> None:
        self.result = result
        self.file = file
        self.out = out
        self.lines = _lines(result.texts.get(file, ""))
        self.values = parsed.positions.values
        self.ends: dict[DataPath, tuple[int, int]] = getattr(parsed, "ends", {})

    def span(self, path: DataPath, value: str) -> Span | None:
        at = self.values.get(path)
        if at is None:
            return None
        line, col = at[0] - 1, at[1] - 1
        end = self.ends.get(path)
        body = self.lines[line] if line < len(self.lines) else ""
        quoted = col < len(body) and body[col] in "\"'"
        if end is not None and end[0] - 1 == line:
            stop = end[1] - 1
        else:
            stop = col + len(value) + (2 if quoted else 0)
        if quoted:  # the id itself, inside the quotes
            return Span(self.file, line, col + 1, max(col + 1, stop - 1))
        return Span(self.file, line, col, stop)

    def ref(self, path: DataPath, value: Any, categories: tuple[str, ...]) -> None:
        if isinstance(value, str):
            where = self.span(path, value)
            if where is not None:
                self.out.append(Occurrence(where, value, categories))
        elif isinstance(value, list):
            for i, element in enumerate(value):
                self.ref((*path, i), element, categories)

    def define(
        self, ident: str, category: str, path: DataPath, detail: str, explicit: bool
    ) -> None:
        where = self.span((*path, "id"), ident) if explicit else None
        if where is not None:
            self.out.append(Occurrence(where, ident, (category,), define=True))
        else:
            at = self.values.get(path, (1, 1))
            where = Span(self.file, at[0] - 1, at[1] - 1, at[1] - 1)
        self.result.items.setdefault(ident, Item(ident, category, where, detail, explicit))

    def nested(self, path: DataPath, entries: Any, key: str, categories: tuple[str, ...]) -> None:
        """References under ``key`` in each mapping of a nested list (anchors, relations)."""
        if isinstance(entries, list):
            for j, entry in enumerate(entries):
                if isinstance(entry, dict):
                    self.ref((*path, j, key), entry.get(key), categories)

    def item(self, section: str, category: str, path: DataPath, item: dict[str, Any]) -> None:
        ident = item.get("id")
        if category and isinstance(ident, str):
            self.define(ident, category, path, _detail(section, item), True)
        elif category:
            derived = _derived(section, item)
            if derived is not None:
                self.define(derived, category, path, _detail(section, item), False)
        for key, categories in _REFS.get(section, ()):
            if key in item:
                self.ref((*path, key), item[key], categories)
        if section not in ("sources", "stakeholders"):
            self.nested((*path, "sources"), item.get("sources"), "source", ("source",))
        if section == "stakeholders":
            self.nested((*path, "relations"), item.get("relations"), "to", ("stakeholder",))

    def run(self, data: dict[str, Any]) -> None:
        for section, category in (*CATEGORY.items(), ("stances", "")):
            entries = data.get(section)
            if isinstance(entries, list):
                for i, item in enumerate(entries):
                    if isinstance(item, dict):
                        self.item(section, category, (section, i), item)
        if "main" in data:
            self.ref(("main",), data["main"], ("claim",))
        lint = data.get("lint")
        if isinstance(lint, dict):
            self.nested(("lint", "ignore"), lint.get("ignore"), "item", ("any",))


def _derived(section: str, item: dict[str, Any]) -> str | None:
    start, end = item.get("from"), item.get("to")
    if not isinstance(end, str):
        return None
    if section == "supports":
        premises = [start] if isinstance(start, str) else start
        if isinstance(premises, list) and premises and all(isinstance(p, str) for p in premises):
            return support_id(premises, end)
    if section == "attacks" and isinstance(start, str):
        return attack_id(start, end)
    return None


def _detail(section: str, item: dict[str, Any]) -> str:
    if section == "claims":
        return str(item.get("text", ""))
    if section == "stakeholders":
        return str(item.get("name", ""))
    if section == "sources":
        return str(item.get("title", ""))
    if section == "issues":
        return str(item.get("question", ""))
    if section in ("supports", "attacks"):
        start = item.get("from")
        premises = " + ".join(start) if isinstance(start, list) else str(start)
        arrow = "supports" if section == "supports" else "attacks"
        return f"{premises} {arrow} {item.get('to')}"
    return ""


def _lint(result: Analysis, parsed: dict[str, _positions.Parsed]) -> None:
    from argmap.analysis import lint as ln
    from argmap.formats.sources import read_source_texts
    from argmap.formats.yaml import item_positions_of

    assert result.amap is not None
    places: dict[str, tuple[str, int, int]] = {}
    for name in result.files:
        if name in parsed:
            p = parsed[name]
            for key, (line, col) in item_positions_of(p.data, p.positions).items():
                places.setdefault(key, (name, line, col))
    try:
        sources = read_source_texts(result.amap, Path(result.root), (), strict=False)
    except ArgmapError:
        return
    report = ln.lint(
        result.amap,
        sources.texts,
        unreadable={**sources.absent, **sources.unreadable},
        positions={k: (line, col) for k, (_f, line, col) in places.items()},
    )
    for w in report.warnings:
        key, file = w.key, result.root
        while key:
            if key in places:
                file = places[key][0]
                break
            key = key.rpartition("#")[0]
        span = _span(result.texts.get(file, ""), file, w.line, w.col)
        result.diagnostics.setdefault(file, []).append(
            Diagnostic(span, w.message, warning=True, code=w.code)
        )


# --------------------------------------------------------------------------- the schema


@cache
def schema() -> dict[str, Any]:
    """The format's JSON Schema (formats/schema.json)."""
    text = resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = schema()["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return node


def keys_of(path: tuple[str, ...]) -> dict[str, str]:
    """The keys allowed at a place (``()``: the top; ``("claims",)``: a claim;
    ``("stakeholders", "relations")``: a relation), with their descriptions."""
    node = schema()
    for part in path:
        props = node.get("properties", {})
        if part not in props:
            return {}
        node = _resolve(props[part])
        if node.get("type") == "array" or "items" in node:
            node = _resolve(node.get("items", {}))
        elif "oneOf" in node:
            arrays = [o for o in node["oneOf"] if "items" in o]
            if arrays:
                node = _resolve(arrays[0]["items"])
    return {
        k: str(_resolve(v).get("description", "")) for k, v in node.get("properties", {}).items()
    }


def enum_of(path: tuple[str, ...], key: str) -> list[str]:
    """The values allowed for ``key`` at a place, when the schema lists them."""
    node = schema()
    for part in path:
        node = _resolve(node.get("properties", {}).get(part, {}))
        node = _resolve(node.get("items", node))
    value = _resolve(node.get("properties", {}).get(key, {}))
    if "enum" in value:
        return [str(v) for v in value["enum"]]
    for option in value.get("oneOf", value.get("anyOf", [])):
        option = _resolve(option)
        if "enum" in option:
            return [str(v) for v in option["enum"]]
    return []
