"""Benchmark the language server on a synthetic map: diagnostics after a change, completion.

    python benchmarks/bench_lsp.py          # 10,000 claims
    python benchmarks/bench_lsp.py 1000     # another size

The map is benchmarks/data/map_N.yaml (made with benchmarks/generate.py when
missing).

End to end: ``argmap lsp`` is started in a fresh process and driven over
stdio by pygls's LanguageClient, as an editor would. The map is opened and
its first diagnostics awaited (not timed beyond the start-up line). Then,
three times each, timed from sending ``didChange`` to receiving
``publishDiagnostics``: a change that breaks a claim's kind (the error
appears), and the change back (the error goes; lint warnings are back). The
server waits DEBOUNCE seconds of quiet after a change before it analyses;
that wait is included. Changes are 3 s apart, so each analysis is done
before the next change; the server's own CPU seconds over each timed interval
are read from /proc (on a shared machine they say how much of the wall time
was the server's work). Completion: 20 requests for a claim id where a
reference is expected (``to: c1`` in a support), timed from request to
answer; median and worst.

In process (best of three): ``validate`` (read, check, locate problems) and
``finish`` (index every id, lint) of argmap.lsp.analysis on the valid and the
broken text, and the anchor, ``argmap.loads`` of the valid text (what
``argmap validate`` does), in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lsprotocol import types as t  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

import argmap  # noqa: E402
from argmap.lsp import analysis  # noqa: E402
from argmap.lsp.server import DEBOUNCE, complete  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
SERVER = "import sys; from argmap.cli import main; sys.argv = ['argmap', 'lsp']; main()"


def map_file(size: int) -> Path:
    path = DATA / f"map_{size}.yaml"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size), "-o", str(path)],
            check=True,
        )
    return path


def best(fn: Any, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return min(wall), min(cpu)


def server_cpu(pid: int) -> float:
    """CPU seconds the server process has used (Linux /proc), else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def broken_text(text: str) -> tuple[str, int, int]:
    """The text with one claim's kind misspelt, and the line and column of the
    place to ask for a completion (after ``to: c1`` in the first support)."""
    kind = text.index("kind: policy")
    bad = text[:kind] + "kind: polcy" + text[kind + len("kind: policy") :]
    support = text.index("\nsupports:")
    to = text.index("to: ", support) + len("to: ")
    line = text.count("\n", 0, to)
    col = to - (text.rfind("\n", 0, to) + 1) + 2
    return bad, line, col


async def end_to_end(path: Path) -> dict[str, Any]:
    client = LanguageClient("bench", "1")
    rounds: list[tuple[float, int]] = []

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(*args: Any) -> None:
        params = args[-1]
        errors = sum(1 for d in params.diagnostics if d.severity == t.DiagnosticSeverity.Error)
        rounds.append((time.perf_counter(), errors))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    await client.start_io(sys.executable, "-c", SERVER, env=env)
    folder = from_fs_path(str(path.parent)) or ""
    await client.initialize_async(
        t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=folder)
    )
    client.initialized(t.InitializedParams())
    uri = from_fs_path(str(path)) or ""
    text = path.read_text("utf-8")
    bad, line, col = broken_text(text)

    async def until(check: Any) -> float:
        while True:
            for at, errors in rounds:
                if check(errors):
                    rounds.clear()
                    return at
            await asyncio.sleep(0.002)

    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    first = await until(lambda e: e == 0) - started
    breaks, fixes = [], []
    cpu_breaks, cpu_fixes = [], []
    pid = client._server.pid if client._server is not None else 0
    version = 1
    for _ in range(3):
        for target, expect, out, cpu in (
            (bad, 1, breaks, cpu_breaks),
            (text, 0, fixes, cpu_fixes),
        ):
            await asyncio.sleep(3)  # let the previous analysis finish
            version += 1
            used = server_cpu(pid)
            sent = time.perf_counter()
            client.text_document_did_change(
                t.DidChangeTextDocumentParams(
                    text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[t.TextDocumentContentChangeWholeDocument(text=target)],
                )
            )
            out.append(await until(lambda e, expect=expect: e == expect) - sent)
            cpu.append(server_cpu(pid) - used)
    await asyncio.sleep(3)
    completions = []
    count = 0
    for _ in range(20):
        sent = time.perf_counter()
        result = await client.text_document_completion_async(
            t.CompletionParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                position=t.Position(line=line, character=col),
            )
        )
        completions.append(time.perf_counter() - sent)
        count = len(result.items) if isinstance(result, t.CompletionList) else 0
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "first": first,
        "break": min(breaks),
        "break_worst": max(breaks),
        "fix": min(fixes),
        "fix_worst": max(fixes),
        "break_cpu": min(cpu_breaks),
        "fix_cpu": min(cpu_fixes),
        "completion": statistics.median(completions),
        "completion_worst": max(completions),
        "items": count,
    }


def in_process(size: int, name: str, text: str) -> None:
    bad, _line, _col = broken_text(text)
    anchor = best(lambda: argmap.loads(text, name))
    valid = best(lambda: analysis.validate(name, lambda _p: text))

    def check_broken() -> None:
        analysis._PARSED.clear()  # as after an edit: the text is new
        analysis.validate(name, lambda _p: bad)

    broken = best(check_broken)

    def full() -> None:
        analysis._PARSED.clear()  # as after an edit: the text is new
        analysis.finish(analysis.validate(name, lambda _p: text))

    finish = best(full)
    indexed = analysis.analyse(name, lambda _p: text, lint=False)
    _bad, line, col = broken_text(text)
    completion = best(lambda: complete(indexed, text, line, col), repeat=5)
    print(
        f"{size} claims, in process, wall (cpu) s: validate {valid[0]:.3f} ({valid[1]:.3f}), "
        f"anchor argmap.loads {anchor[0]:.3f} ({anchor[1]:.3f}); "
        f"validate broken {broken[0]:.3f} ({broken[1]:.3f}); "
        f"validate+finish {finish[0]:.3f} ({finish[1]:.3f}); "
        f"completion items {completion[0] * 1000:.1f} ms ({completion[1] * 1000:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    args = parser.parse_args()
    print(f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores,", end=" ")
    print(f"Python {platform.python_version()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"load average {os.getloadavg()[0]:.2f}; debounce {DEBOUNCE * 1000:.0f} ms")
    for size in args.sizes:
        path = map_file(size)
        in_process(size, str(path), path.read_text("utf-8"))
        e2e = asyncio.run(end_to_end(path))
        print(
            f"{size} claims, end to end: first diagnostics {e2e['first']:.2f} s after start; "
            f"error shown {e2e['break']:.3f} s (worst {e2e['break_worst']:.3f}; server cpu "
            f"{e2e['break_cpu']:.2f} s), error cleared {e2e['fix']:.3f} s (worst "
            f"{e2e['fix_worst']:.3f}; server cpu {e2e['fix_cpu']:.2f} s) after the change; "
            f"completion {e2e['completion'] * 1000:.1f} ms median "
            f"(worst {e2e['completion_worst'] * 1000:.1f}, {e2e['items']} items)"
        )
        print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
