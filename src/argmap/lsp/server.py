"""``argmap lsp``: a Language Server Protocol server for map files, over stdio.

Built on pygls (the ``lsp`` extra). Each open map is analysed by
:func:`argmap.lsp.analysis.analyse` (the unsaved buffers first, then the
disk), a short while after the last change; a file that another map of the
workspace includes is analysed as part of that map, so references across
files resolve and a rename reaches every file.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap.errors import ArgmapError
from argmap.ids import ID_PATTERN
from argmap.lsp.analysis import (
    CATEGORY,
    Analysis,
    Diagnostic,
    Item,
    Occurrence,
    Span,
    analyse,
    enum_of,
    finish,
    keys_of,
    validate,
)

DEBOUNCE = 0.15
"""Seconds of quiet after a change before the map is analysed again."""
COMPLETION_LIMIT = 200
"""Most completion items sent at once (a big map has thousands of ids)."""
WORKSPACE_LIMIT = 2000
"""Map files of the workspace looked at to find which maps include which."""

_SYMBOL_KINDS = {
    "claim": t.SymbolKind.String,
    "stakeholder": t.SymbolKind.Object,
    "source": t.SymbolKind.File,
    "support": t.SymbolKind.Event,
    "attack": t.SymbolKind.Operator,
    "issue": t.SymbolKind.Enum,
    "rephrase": t.SymbolKind.Interface,
    "preference": t.SymbolKind.Struct,
}
_COMPLETION_KINDS = {
    "claim": t.CompletionItemKind.Text,
    "stakeholder": t.CompletionItemKind.Class,
    "source": t.CompletionItemKind.File,
    "support": t.CompletionItemKind.Event,
    "attack": t.CompletionItemKind.Operator,
}
# Which ids each key refers to, by section (None: any section).
_REF_KEYS: dict[tuple[str | None, str], tuple[str, ...]] = {
    ("supports", "from"): ("claim",),
    ("supports", "to"): ("claim",),
    ("attacks", "from"): ("claim",),
    ("attacks", "to"): ("claim", "support"),
    ("stances", "stakeholder"): ("stakeholder",),
    ("stances", "asserts"): ("claim",),
    ("stances", "endorses"): ("claim",),
    ("stances", "rejects"): ("claim",),
    ("stakeholders", "to"): ("stakeholder",),
    ("issues", "positions"): ("claim",),
    ("rephrases", "from"): ("claim",),
    ("rephrases", "to"): ("claim",),
    ("preferences", "prefer"): ("claim", "support", "attack"),
    ("preferences", "over"): ("claim", "support", "attack"),
    ("main", "main"): ("claim",),
    (None, "source"): ("source",),
    ("lint", "item"): ("claim", "support", "attack", "source", "stakeholder"),
}
_KEY_BEFORE = re.compile(r"([A-Za-z_]+)\s*:\s*(?:\[[^\]]*?)?([^\s,\[\]{}:]*)$")
_LIST_ITEM = re.compile(r"^(\s*)-\s+([^\s:{}\[\],]*)$")
_KEY_START = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)\{?([A-Za-z_]*)$")
_MAP_MARK = re.compile(r"^argmap\s*:", re.MULTILINE)
_SECTION = re.compile(r"^([A-Za-z_]+)\s*:")
_PARENT_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+)\s*:\s*$")


class ArgmapLanguageServer(LanguageServer):
    """The server's state: the latest analysis of each map, and who includes whom."""

    def __init__(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            ours = version("argmap")
        except PackageNotFoundError:  # pragma: no cover - run from a source tree
            ours = "0"
        super().__init__("argmap", ours, text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.analyses: dict[str, Analysis] = {}
        self.covered: dict[str, str] = {}  # file -> root of the analysis holding it
        self.includers: dict[str, str] | None = None  # included file -> a root
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.published: dict[str, set[str]] = {}

    # -- files

    def buffer(self, path: str) -> str | None:
        doc = self.workspace.text_documents.get(from_fs_path(path) or "")
        return None if doc is None else doc.source

    def root_of(self, path: str) -> str:
        """The map to analyse for a file: a map of the workspace that includes
        it, or the file itself."""
        if path in self.covered and self.covered[path] in self.analyses:
            return self.covered[path]
        if self.includers is None:
            self.includers = self.scan()
        return self.includers.get(path, path)

    def scan(self) -> dict[str, str]:
        """Included file -> the root map that includes it, over the workspace."""
        from argmap.formats.yaml import map_files

        top = self.workspace.root_path
        out: dict[str, str] = {}
        if not top:
            return out
        seen = 0
        for folder, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            for name in sorted(names):
                if not name.endswith((".yaml", ".yml")):
                    continue
                seen += 1
                if seen > WORKSPACE_LIMIT:
                    return out
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as handle:
                        head = handle.read(1 << 20)
                except OSError:
                    continue
                if b"include" not in head or b"argmap" not in head:
                    continue
                try:
                    files = map_files(path)
                except ArgmapError:
                    continue
                for part in files[1:]:
                    out.setdefault(os.path.abspath(part), str(path))
        # A root's root: follow chains so a chapter maps to the top map.
        for included, top_map in list(out.items()):
            hops, holder = 0, top_map
            while holder in out and hops < 50:
                holder, hops = out[holder], hops + 1
            out[included] = holder
        return out

    def analysis(self, path: str) -> Analysis | None:
        """The latest analysis holding ``path`` (made now if there is none)."""
        root = self.root_of(path)
        if root not in self.analyses:
            self.refresh(root)
        return self.analyses.get(root)

    def refresh(self, root: str) -> None:
        try:
            result = analyse(root, self.buffer)
        except ArgmapError as exc:
            self.show_unreadable(root, str(exc))
            return
        finally:
            gc.freeze()  # the analysis is acyclic: keep the collector off it
        self.store(result)

    def store(self, result: Analysis) -> None:
        self.analyses[result.root] = result
        for name in result.files:
            self.covered[name] = result.root
        self.publish(result)

    def show_unreadable(self, root: str, message: str) -> None:
        diagnostic = t.Diagnostic(
            range=t.Range(t.Position(0, 0), t.Position(0, 0)),
            message=message,
            severity=t.DiagnosticSeverity.Error,
            source="argmap",
        )
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=from_fs_path(root) or root, diagnostics=[diagnostic])
        )

    def carry(self, result: Analysis) -> dict[str, list[Diagnostic]]:
        """The lint warnings of the last analysis of this map, moved with the
        lines around them (those in the lines that changed are left out)."""
        last = self.analyses.get(result.root)
        out: dict[str, list[Diagnostic]] = {}
        if last is None:
            return out
        for name in result.files:
            old = last.texts.get(name)
            new = result.texts.get(name)
            warnings = [d for d in last.diagnostics.get(name, []) if d.warning]
            if old is None or new is None or not warnings:
                continue
            out[name] = shift(warnings, old, new)
        return out

    def publish(self, result: Analysis, carried: dict[str, list[Diagnostic]] | None = None) -> None:
        before = self.published.get(result.root, set())
        now = set(result.files)
        for name in sorted(before - now):
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=from_fs_path(name) or name, diagnostics=[])
            )
        self.published[result.root] = now
        for name in result.files:
            diagnostics = [
                t.Diagnostic(
                    range=_range(d.span),
                    message=d.message,
                    severity=t.DiagnosticSeverity.Warning
                    if d.warning
                    else t.DiagnosticSeverity.Error,
                    source="argmap lint" if d.warning else "argmap",
                    code=d.code,
                )
                for d in [*result.diagnostics.get(name, []), *(carried or {}).get(name, [])]
            ]
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=from_fs_path(name) or name, diagnostics=diagnostics)
            )

    def schedule(self, path: str, delay: float = DEBOUNCE) -> None:
        """Analyse the map holding ``path`` once the edits pause."""
        root = self.root_of(path)
        task = self.tasks.pop(root, None)
        if task is not None:
            task.cancel()
        self.tasks[root] = asyncio.get_running_loop().create_task(self._later(root, delay))

    def not_a_map(self, root: str) -> bool:
        """Whether a YAML file is not an argmap map (no top-level ``argmap:``):
        other YAML files of the workspace get no diagnostics."""
        text = self.buffer(root)
        if text is None:
            try:
                with open(root, "rb") as handle:
                    text = handle.read(1 << 16).decode("utf-8", "replace")
            except OSError:
                return False
        return _MAP_MARK.search(text) is None

    async def _later(self, root: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self.not_a_map(root):
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=from_fs_path(root) or root, diagnostics=[])
            )
            return
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(None, validate, root, self.buffer)
        except ArgmapError as exc:
            self.show_unreadable(root, str(exc))
            return
        if result.amap is None:  # errors: show them now, index after
            self.publish(result)
        else:  # valid: no errors now, and the last lint warnings where they moved to
            self.publish(result, carried=self.carry(result))
        await loop.run_in_executor(None, finish, result)
        gc.freeze()  # the analysis is acyclic: keep the collector off it
        self.store(result)


def shift(diagnostics: list[Diagnostic], old: str, new: str) -> list[Diagnostic]:
    """Diagnostics of ``old`` text moved to where their lines are in ``new``:
    lines before the first changed line stay, lines after the last move by
    the lines added or removed, lines in between are dropped."""
    a, b = old.splitlines(), new.splitlines()
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    delta = len(b) - len(a)
    out = []
    for d in diagnostics:
        line = d.span.line
        if line < start:
            out.append(d)
        elif line >= len(a) - end:
            out.append(replace(d, span=replace(d.span, line=line + delta)))
    return out


def _range(span: Span) -> t.Range:
    return t.Range(t.Position(span.line, span.col), t.Position(span.line, span.end))


def _location(span: Span) -> t.Location:
    return t.Location(uri=from_fs_path(span.file) or span.file, range=_range(span))


def _path(uri: str) -> str:
    return os.path.abspath(to_fs_path(uri) or uri)


def _part_at(occ: Occurrence, col: int) -> str:
    """The id under the cursor in an occurrence (a part of a derived id)."""
    pos = occ.span.col
    for part in re.split(r"([+>!~^])", occ.text):
        if pos <= col <= pos + len(part) and part not in "+>!~^":
            return part
        pos += len(part)
    return occ.text


server = ArgmapLanguageServer()


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ArgmapLanguageServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.schedule(_path(params.text_document.uri), delay=0)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ArgmapLanguageServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.schedule(_path(params.text_document.uri))


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ArgmapLanguageServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.includers = None  # the includes may have changed
    ls.schedule(_path(params.text_document.uri), delay=0)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: ArgmapLanguageServer, params: t.DidCloseTextDocumentParams) -> None:
    ls.schedule(_path(params.text_document.uri), delay=0)  # back to the file on disk


# --------------------------------------------------------------------------- completion


def _context(lines: list[str], line: int, col: int) -> tuple[str | None, str | None, str]:
    """(section, key, what is typed so far) at the cursor; key None: a key is typed."""
    body = lines[line] if line < len(lines) else ""
    prefix = body[:col]
    section = None
    for i in range(line, -1, -1):
        match = _SECTION.match(lines[i]) if i < len(lines) else None
        if match and not (i == line and col <= match.end()):
            section = match.group(1)
            break
    if section is None or (not body[:1].isspace() and line < len(lines) and _SECTION.match(body)):
        if _SECTION.match(body) and ":" in prefix:
            match = _KEY_BEFORE.search(prefix)
            return (match.group(1), match.group(1), match.group(2)) if match else (None, None, "")
        return None, None, prefix.strip()
    key_match = _KEY_BEFORE.search(prefix)
    if key_match:
        return section, key_match.group(1), key_match.group(2)
    item = _LIST_ITEM.match(prefix)
    if item:
        indent = len(item.group(1))
        for i in range(line - 1, -1, -1):
            parent = _PARENT_KEY.match(lines[i])
            if parent and len(parent.group(1)) < indent + 2:
                if len(parent.group(1)) == 0:
                    break  # a section's item: a key comes next
                return section, parent.group(2), item.group(2)
    start = _KEY_START.search(prefix)
    if start:
        return section, None, start.group(1)
    return section, None, ""


def _sub(section: str, key: str) -> tuple[str, ...]:
    return ("stakeholders", "relations") if section == "stakeholders" and key == "type" else ()


def complete(analysis: Analysis | None, text: str, line: int, col: int) -> list[t.CompletionItem]:
    """Completion items at a place of a map's text."""
    lines = text.splitlines() or [""]
    section, key, typed = _context(lines, line, col)
    if key is None:
        where: tuple[str, ...] = (section,) if section else ()
        return [
            t.CompletionItem(
                label=k, kind=t.CompletionItemKind.Property, detail=d or None, insert_text=f"{k}: "
            )
            for k, d in keys_of(where).items()
            if k.startswith(typed)
        ]
    categories = _REF_KEYS.get((section, key)) or _REF_KEYS.get((None, key))
    if categories and analysis is not None:
        return [
            t.CompletionItem(
                label=item.ident,
                kind=_COMPLETION_KINDS.get(item.category, t.CompletionItemKind.Reference),
                detail=item.detail or item.category,
                label_details=t.CompletionItemLabelDetails(description=item.category),
            )
            for item in analysis.items.values()
            if item.category in categories and item.ident.startswith(typed)
        ]
    if section is None:
        return []
    path = _sub(section, key) or (section,)
    values = enum_of(path, key)
    return [
        t.CompletionItem(label=v, kind=t.CompletionItemKind.EnumMember)
        for v in values
        if v.startswith(typed)
    ]


@server.feature(
    t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"])
)
def completion(ls: ArgmapLanguageServer, params: t.CompletionParams) -> t.CompletionList:
    path = _path(params.text_document.uri)
    doc = ls.workspace.get_text_document(params.text_document.uri)
    root = ls.root_of(path)
    analysis = ls.analyses.get(root) or ls.analysis(path)
    items = complete(analysis, doc.source, params.position.line, params.position.character)
    if len(items) > COMPLETION_LIMIT:  # the client asks again as more is typed
        return t.CompletionList(is_incomplete=True, items=items[:COMPLETION_LIMIT])
    return t.CompletionList(is_incomplete=False, items=items)


# --------------------------------------------------------------------------- navigation


def _occurrence(ls: ArgmapLanguageServer, uri: str, pos: t.Position) -> tuple[Analysis, str] | None:
    path = _path(uri)
    analysis = ls.analysis(path)
    if analysis is None:
        return None
    occ = analysis.at(path, pos.line, pos.character)
    if occ is None:
        return None
    return analysis, _part_at(occ, pos.character)


def describe(analysis: Analysis, ident: str) -> str | None:
    """Markdown for an id: what it is, its text, quotes, holders and verdict."""
    item = analysis.items.get(ident)
    if item is None:
        return None
    amap = analysis.amap
    lines = [f"**{item.category}** `{ident}`"]
    if amap is not None and item.category == "claim" and amap.has_claim(ident):
        claim = amap.claim(ident)
        lines[0] += f" ({claim.kind})"
        lines.append(claim.text)
        lines.extend(f"> {a.quote}  \n> ({a.source})" for a in claim.anchors)
        holders = [f"{s.stakeholder} {s.kind}" for s in amap.stances if s.claim == ident]
        if holders:
            lines.append("Held by: " + ", ".join(holders))
        verdict = analysis.verdicts().get(ident)
        if verdict is not None:
            lines.append(f"Verdict (grounded): **{verdict}**")
    elif item.detail:
        lines.append(item.detail)
    if amap is None:
        lines.append("_(the map has errors: no verdict)_")
    return "\n\n".join(lines)


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapLanguageServer, params: t.HoverParams) -> t.Hover | None:
    found = _occurrence(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    text = describe(*found)
    if text is None:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text))


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapLanguageServer, params: t.DefinitionParams) -> t.Location | None:
    found = _occurrence(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    item = found[0].items.get(found[1])
    return None if item is None else _location(item.span)


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapLanguageServer, params: t.ReferenceParams) -> list[t.Location]:
    found = _occurrence(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    analysis, ident = found
    out = []
    for occ in analysis.references(ident):
        if occ.define and not params.context.include_declaration:
            continue
        out.append(_location(occ.span))
    if params.context.include_declaration:
        item = analysis.items.get(ident)
        if item is not None and not item.explicit:
            out.insert(0, _location(item.span))
    return out


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def symbols(ls: ArgmapLanguageServer, params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
    path = _path(params.text_document.uri)
    analysis = ls.analysis(path)
    if analysis is None:
        return []
    groups: dict[str, list[Item]] = {}
    for item in analysis.items.values():
        if item.span.file == path:
            groups.setdefault(item.category, []).append(item)
    out = []
    for section, category in CATEGORY.items():
        members = groups.get(category)
        if not members:
            continue
        children = [
            t.DocumentSymbol(
                name=item.ident,
                detail=item.detail[:80],
                kind=_SYMBOL_KINDS.get(category, t.SymbolKind.Key),
                range=_range(item.span),
                selection_range=_range(item.span),
            )
            for item in members
        ]
        first, last = children[0].range, children[-1].range
        out.append(
            t.DocumentSymbol(
                name=section,
                detail=f"{len(children)}",
                kind=t.SymbolKind.Namespace,
                range=t.Range(first.start, last.end),
                selection_range=first,
                children=children,
            )
        )
    return out


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: ArgmapLanguageServer, params: t.PrepareRenameParams) -> t.Range | None:
    path = _path(params.text_document.uri)
    analysis = ls.analysis(path)
    occ = (
        None
        if analysis is None
        else analysis.at(path, params.position.line, params.position.character)
    )
    if occ is None:
        return None
    part = _part_at(occ, params.position.character)
    start = occ.span.col + occ.text.find(part) if part != occ.text else occ.span.col
    return t.Range(t.Position(occ.span.line, start), t.Position(occ.span.line, start + len(part)))


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapLanguageServer, params: t.RenameParams) -> t.WorkspaceEdit | None:
    found = _occurrence(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, old = found
    new = params.new_name
    if not ID_PATTERN.match(new):
        raise ValueError(
            f"{new!r} is not an id: use letters, digits, '_', '-' and '.' "
            "(starting with a letter, digit or '_')"
        )
    if new in analysis.items and new != old:
        raise ValueError(f"{new!r} is already the id of a {analysis.items[new].category}")
    changes: dict[str, list[t.TextEdit]] = {}
    for file, edits in analysis.rename(old, new).items():
        changes[from_fs_path(file) or file] = [
            t.TextEdit(range=_range(span), new_text=text) for span, text in edits
        ]
    return t.WorkspaceEdit(changes=changes)


def start(args: Any = None) -> None:
    """Serve over stdin and stdout until the client says exit."""
    server.start_io()


__all__ = ["ArgmapLanguageServer", "Path", "complete", "describe", "server", "start"]
