"""``argmap lsp`` driven over stdio by a real LSP client (pygls's)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "school-day"
SERVER = "import sys; from argmap.cli import main; sys.argv = ['argmap', 'lsp']; main()"


class Session:
    """A client talking to a fresh server process, and what it was sent."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[t.Diagnostic]] = {}
        self.rounds: dict[str, int] = {}

    async def wait(self, check: Callable[[], bool], timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while not check():
            if time.monotonic() > end:
                raise AssertionError(f"timed out; diagnostics so far: {self.diagnostics}")
            await asyncio.sleep(0.02)

    def open(self, path: Path, text: str | None = None) -> str:
        uri = from_fs_path(str(path)) or ""
        self.client.text_document_did_open(
            t.DidOpenTextDocumentParams(
                text_document=t.TextDocumentItem(
                    uri=uri,
                    language_id="yaml",
                    version=1,
                    text=path.read_text("utf-8") if text is None else text,
                )
            )
        )
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )


async def session(workspace: Path) -> AsyncIterator[Session]:
    client = LanguageClient("argmap-tests", "1")
    state = Session(client)

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(*args: Any) -> None:
        params = args[-1]
        state.diagnostics[params.uri] = list(params.diagnostics)
        state.rounds[params.uri] = state.rounds.get(params.uri, 0) + 1

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    await client.start_io(sys.executable, "-c", SERVER, env=env)
    uri = from_fs_path(str(workspace)) or ""
    await client.initialize_async(
        t.InitializeParams(
            capabilities=t.ClientCapabilities(),
            root_uri=uri,
            workspace_folders=[t.WorkspaceFolder(uri=uri, name="maps")],
        )
    )
    client.initialized(t.InitializedParams())
    try:
        yield state
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def run(workspace: Path, body: Callable[[Session], Any]) -> None:
    async def main() -> None:
        gen = session(workspace)
        state = await gen.__anext__()
        try:
            await body(state)
        finally:
            await gen.aclose()

    asyncio.run(main())


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "school-day"
    shutil.copytree(EXAMPLE, target)
    return target


def pos(text: str, needle: str, nth: int = 0, offset: int = 1) -> t.Position:
    """The position ``offset`` characters into the nth occurrence of ``needle``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1) + offset
    return t.Position(line=line, character=col)


def test_diagnostics_follow_the_edits_with_exact_ranges(example: Path) -> None:
    buses = example / "chapters" / "buses.yaml"
    text = buses.read_text("utf-8")

    async def body(s: Session) -> None:
        uri = s.open(buses)
        await s.wait(lambda: uri in s.diagnostics)
        # Analysed as part of debate.yaml (which includes it): later-start resolves.
        assert s.diagnostics[uri] == []
        broken = text.replace("to: later-start", "to: later-strat").replace(
            "kind: prediction", "kind: predction"
        )
        s.change(uri, broken, 2)
        await s.wait(lambda: len(s.diagnostics.get(uri, [])) == 2)
        found = sorted(s.diagnostics[uri], key=lambda d: d.range.start.line)
        kind, ref = found
        at = pos(broken, "predction", offset=0)
        assert kind.range == t.Range(at, t.Position(at.line, at.character + len("predction")))
        assert "unknown kind 'predction'; did you mean 'prediction'?" in kind.message
        at = pos(broken, "later-strat", offset=0)
        assert ref.range == t.Range(at, t.Position(at.line, at.character + len("later-strat")))
        assert "did you mean 'later-start'?" in ref.message
        assert ref.severity == t.DiagnosticSeverity.Error
        s.change(uri, text, 3)
        await s.wait(lambda: s.diagnostics.get(uri) == [])

    run(example, body)


def test_lint_warnings_are_diagnostics_too(example: Path) -> None:
    sleep = example / "chapters" / "sleep.yaml"
    text = sleep.read_text("utf-8")
    unignored = text[: text.index("\nlint:")] + "\n"

    async def body(s: Session) -> None:
        uri = s.open(sleep, unignored)
        await s.wait(lambda: bool(s.diagnostics.get(uri)))
        (warning,) = s.diagnostics[uri]
        assert warning.code == "F108" and warning.severity == t.DiagnosticSeverity.Warning
        assert warning.range.start == pos(unignored, "- id: report", offset=2)

    run(example, body)


def test_completion_of_ids_keys_and_kinds(example: Path) -> None:
    buses = example / "chapters" / "buses.yaml"
    text = buses.read_text("utf-8")

    async def body(s: Session) -> None:
        uri = s.open(buses)
        await s.wait(lambda: uri in s.diagnostics)

        async def labels(edited: str, at: t.Position) -> dict[str, str | None]:
            s.change(uri, edited, 2)
            result = await s.client.text_document_completion_async(
                t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=at)
            )
            assert isinstance(result, t.CompletionList)
            return {i.label: i.detail for i in result.items}

        edited = text.replace("to: later-start", "to: la")
        got = await labels(edited, pos(edited, "to: la", offset=6))
        assert got == {"later-start": "The school day should start at 9:30."}
        edited = text.replace("from: buses-cost, to: later-start", "from: s")
        got = await labels(edited, pos(edited, "from: s", offset=7))
        assert set(got) == {"sleep-helps-learning"}  # claims only, from another file
        edited = text.replace("{stakeholder: board,", "{stakeholder: ,")
        got = await labels(edited, pos(edited, "stakeholder: ,", offset=13))
        assert got == {"board": "School board", "teachers": "Teachers' union"}
        edited = text.replace("kind: prediction", "kind: p")
        got = await labels(edited, pos(edited, "kind: p", offset=7))
        assert set(got) == {"policy", "prediction"}
        edited = text.replace("    assumed: true", "    as")
        got = await labels(edited, pos(edited, "    as", offset=6))
        assert set(got) == {"assumed"}

    run(example, body)


def test_hover_definition_references_and_outline(example: Path) -> None:
    buses = example / "chapters" / "buses.yaml"
    debate = example / "debate.yaml"
    text = buses.read_text("utf-8")

    async def body(s: Session) -> None:
        uri = s.open(buses)
        await s.wait(lambda: uri in s.diagnostics)
        doc = t.TextDocumentIdentifier(uri=uri)
        at = pos(text, "to: later-start", offset=6)
        hover = await s.client.text_document_hover_async(t.HoverParams(doc, at))
        assert hover is not None and isinstance(hover.contents, t.MarkupContent)
        shown = hover.contents.value
        assert "The school day should start at 9:30." in shown
        assert "teachers asserts" in shown and "board rejects" in shown
        assert "Verdict (grounded): **in**" in shown
        hover = await s.client.text_document_hover_async(
            t.HoverParams(doc, pos(text, "from: buses-cost", offset=8))
        )
        assert hover is not None and "**out**" in str(hover.contents)

        found = await s.client.text_document_definition_async(t.DefinitionParams(doc, at))
        assert isinstance(found, t.Location)
        assert found.uri == from_fs_path(str(debate))
        debate_text = debate.read_text("utf-8")
        assert found.range.start == pos(debate_text, "id: later-start", offset=4)

        refs = await s.client.text_document_references_async(
            t.ReferenceParams(
                text_document=doc,
                position=at,
                context=t.ReferenceContext(include_declaration=True),
            )
        )
        files = sorted(Path(r.uri).name for r in refs or [])
        # main, the definition and two stances; a support; an attack
        assert files == ["buses.yaml"] + ["debate.yaml"] * 4 + ["sleep.yaml"]

        outline = await s.client.text_document_document_symbol_async(t.DocumentSymbolParams(doc))
        assert outline is not None
        sections = {o.name: [c.name for c in getattr(o, "children", None) or []] for o in outline}
        assert sections == {
            "claims": ["buses-cost", "buses-already-staggered"],
            "attacks": ["buses-cost!later-start", "buses-already-staggered!buses-cost"],
        }

    run(example, body)


def test_rename_reaches_every_file_and_the_derived_ids(example: Path) -> None:
    debate = example / "debate.yaml"
    text = debate.read_text("utf-8")

    async def body(s: Session) -> None:
        uri = s.open(debate)
        await s.wait(lambda: uri in s.diagnostics)
        at = pos(text, "id: later-start", offset=6)
        edit = await s.client.text_document_rename_async(
            t.RenameParams(t.TextDocumentIdentifier(uri=uri), at, new_name="start-at-930")
        )
        assert edit is not None and edit.changes is not None
        # Apply the edits to the files and check the renamed map is valid and the same.
        for file_uri, edits in edit.changes.items():
            path = Path(file_uri.removeprefix("file://"))
            lines = path.read_text("utf-8").split("\n")
            for e in sorted(edits, key=lambda e: (e.range.start.line, -e.range.start.character)):
                assert e.range.start.line == e.range.end.line
                line = lines[e.range.start.line]
                lines[e.range.start.line] = (
                    line[: e.range.start.character] + e.new_text + line[e.range.end.character :]
                )
            path.write_text("\n".join(lines), "utf-8")
        assert sorted(Path(u).name for u in edit.changes) == [
            "buses.yaml",
            "debate.yaml",
            "sleep.yaml",
        ]
        import argmap

        amap = argmap.load(debate)
        assert amap.main == ("start-at-930",)
        assert {a.id for a in amap.attacks} >= {"buses-cost!start-at-930"}
        assert not amap.has_claim("later-start")

    run(example, body)


def test_other_yaml_files_get_no_diagnostics(tmp_path: Path) -> None:
    other = tmp_path / "compose.yaml"
    other.write_text("services:\n  web: {image: nginx}\n", "utf-8")

    async def body(s: Session) -> None:
        uri = s.open(other)
        await s.wait(lambda: uri in s.diagnostics)
        assert s.diagnostics[uri] == []
        s.change(uri, "argmap: 1\nservices: x\n", 2)  # now it says it is a map
        await s.wait(lambda: bool(s.diagnostics.get(uri)))
        assert any("'claims'" in d.message for d in s.diagnostics[uri])

    run(tmp_path, body)
