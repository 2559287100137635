"""Start-up stays lean: nothing heavy is imported on the way to the common commands.

Each check runs in a fresh interpreter and looks at ``sys.modules`` after the
work, so an import added anywhere on the path (the CLI, the format registry,
the loader, a query) fails it.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli._app import COMMANDS, load_all_commands, short_help

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = "maps/chicago_ice.yaml"  # the probes run in ROOT
HEAVY = ("networkx", "wasmtime", "vl_convert", "pysat", "pydot", "fontTools", "jsonschema")

_PROBE = """
import sys
{work}
heavy = {heavy!r}
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""

_RUN = """
from argmap.cli import main
try:
    main({args!r})
except SystemExit as exc:
    assert not exc.code, exc.code
"""


def _imported_heavy(work: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(work=work, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    found: list[str] = ast.literal_eval(out.strip().splitlines()[-1])
    return found


def test_importing_the_cli_imports_nothing_heavy() -> None:
    assert _imported_heavy("import argmap.cli") == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", CHICAGO],
        ["query", CHICAGO, "unsupported"],
        ["query", CHICAGO, "supporters", "sanctuary-policy-should-stand", "--depth", "3"],
        [
            "query",
            str(CHICAGO),
            "path",
            "cities-set-own-priorities",
            "sanctuary-policy-should-stand",
        ],
        ["--help"],
    ],
    ids=lambda a: " ".join(a[:3]).replace(CHICAGO, "chicago"),
)
def test_common_commands_import_nothing_heavy(args: list[str]) -> None:
    assert _imported_heavy(_RUN.format(args=args)) == []


def test_the_command_table_matches_the_modules() -> None:
    commands = load_all_commands()
    assert sorted(commands) == sorted(COMMANDS)
    for name, command in commands.items():
        module, first, hidden = COMMANDS[name]
        assert command.callback is not None
        assert command.callback.__module__ == f"argmap.cli.{module}", name
        assert command.hidden == hidden, name
        paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
        assert first == paragraph, name
        for limit in (30, 45, 80):
            assert short_help(first, limit) == command.get_short_help_str(limit)


def test_the_cli_names_the_semantics_there_are() -> None:
    from argmap.analysis.semantics import SEMANTICS
    from argmap.cli import analysis

    assert analysis.SEMANTICS == SEMANTICS
