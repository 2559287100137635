"""Start-up stays lean: nothing heavy is imported on the way to the common commands.

Each check runs in a fresh interpreter and looks at ``sys.modules`` after the
work, so an import added anywhere on the path (the CLI, the format registry,
the loader, a query) fails it.
"""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli._app import COMMANDS, load_all_commands, short_help
from argmap.cli._commands import short_help as table_short_help

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
            assert table_short_help(first, limit) == short_help(first, limit)


def test_the_cli_names_the_semantics_there_are() -> None:
    from argmap.analysis.semantics import SEMANTICS
    from argmap.cli import analysis

    assert analysis.SEMANTICS == SEMANTICS


def _help_by(args: list[str], columns: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


@pytest.mark.parametrize("columns", [10, 52, 61, 70, 79, 80, 200])
def test_help_without_click_is_what_click_writes(columns: int) -> None:
    """``argmap --help`` is answered from the command table; it must be what
    click itself writes (``--max-errors 50 --help`` goes through click)."""
    fast = _help_by(["--help"], columns)
    slow = _help_by(["--max-errors", "50", "--help"], columns)
    assert fast.returncode == slow.returncode == 0
    assert fast.stdout == slow.stdout
    assert "Commands:" in fast.stdout and "validate" in fast.stdout
    assert "git-diff-driver" not in fast.stdout  # hidden


def test_help_without_click_at_every_width() -> None:
    """Every width click can choose (50 to 78), in process."""
    from click.testing import CliRunner

    from argmap.cli import main
    from argmap.cli._commands import top_help

    for width in range(50, 79):
        result = CliRunner().invoke(main, ["--help"], prog_name="argmap", terminal_width=width)
        assert result.exit_code == 0
        assert top_help("argmap", width) == result.output, width


def _after_run(args: list[str], then: str) -> str:
    """Run the installed script's entry point on ``args`` in a fresh
    interpreter (it must exit 0), then ``then`` (as an exit handler: the
    entry point ends the process); the last line printed."""
    probe = f"import atexit, sys\nsys.argv = ['argmap', *{args!r}]\nfrom argmap.cli import run\n"
    probe += f"atexit.register(exec, {then!r})\nrun()\n"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-1]


def test_help_without_click_imports_no_click() -> None:
    then = "print(sorted(m for m in ('click', 'argmap.model', 'dataclasses') if m in sys.modules))"
    assert _after_run(["--help"], then) == "[]"


_BAD_MAP = """title: x
claims:
  - id: a
    text: A
  - id: a
    text: "B \\x1b[31mred"
supports:
  - {premises: [zz], conclusion: a}
"""


def _both_ways(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[bytes], ...]:
    """The command line run as the installed script runs it, and through click."""
    fast = "import sys\nfrom argmap.cli import run\nsys.argv = ['argmap', *sys.argv[1:]]\nrun()\n"
    slow = "import sys\nfrom argmap.cli._app import main\nmain(sys.argv[1:], prog_name='argmap')\n"
    env = {**os.environ, "ARGMAP_NO_CACHE": "1"}
    return tuple(
        subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, cwd=cwd, env=env, check=False
        )
        for code in (fast, slow)
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "chicago.yaml"],
        ["validate", "-q", "chicago.yaml", "bad.yaml"],
        ["validate", "bad.yaml", "--max-errors", "1"],
        ["validate", "--max-errors=0", "bad.yaml", "chicago.yaml", "--quiet"],
        ["validate", "missing.yaml", "chicago.yaml"],
        ["validate", "--max-errors", "-1", "bad.yaml"],
        ["validate", "--max-errors"],
        ["validate", "--json", "chicago.yaml"],
        ["validate"],
        ["validate", "--", "-q"],
        ["--max-errors", "1", "validate", "bad.yaml"],
        ["query", "chicago.yaml", "unsupported"],
        ["query", "chicago.yaml", "unsupported", "--json"],
        ["query", "chicago.yaml", "unanswered"],
        ["query", "chicago.yaml", "supporters", "sanctuary-policy-should-stand"],
        ["query", "chicago.yaml", "opposers", "sanctuary-policy-should-stand", "--depth", "3"],
        ["query", "chicago.yaml", "supporters", "sanctuary-policy-should-stand", "--all"],
        ["query", "chicago.yaml", "supporters", "sanctuary-policy-should-stand", "--depth=0"],
        [
            "query",
            "chicago.yaml",
            "supporters",
            "sanctuary-policy-should-stand",
            "--all",
            "--depth",
            "2",
        ],
        ["query", "chicago.yaml", "supporters", "no-such-claim"],
        ["query", "chicago.yaml", "who", "sanctuary-policy-should-stand", "--json"],
        ["query", "chicago.yaml", "holds", "union"],
        ["query", "chicago.yaml", "holds", "nobody"],
        [
            "query",
            "chicago.yaml",
            "path",
            "cities-set-own-priorities",
            "sanctuary-policy-should-stand",
        ],
        [
            "query",
            "chicago.yaml",
            "path",
            "cities-set-own-priorities",
            "sanctuary-policy-should-stand",
            "--max-length=2",
        ],
        ["query", "chicago.yaml", "path", "cities-set-own-priorities"],
        ["query", "bad.yaml", "unsupported"],
        ["query", "chicago.yaml", "unsupported", "extra"],
        ["query", "chicago.yaml", "who", "--help"],
    ],
    ids=" ".join,
)
def test_validate_and_query_without_click_write_what_click_writes(
    args: list[str], tmp_path: Path
) -> None:
    (tmp_path / "chicago.yaml").write_bytes((ROOT / CHICAGO).read_bytes())
    (tmp_path / "bad.yaml").write_text(_BAD_MAP, encoding="utf-8")
    fast, slow = _both_ways(args, tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    assert b"Traceback" not in fast.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "-q", CHICAGO],
        ["query", CHICAGO, "supporters", "sanctuary-policy-should-stand"],
    ],
    ids=lambda a: a[0],
)
def test_validate_and_query_import_no_click(args: list[str]) -> None:
    then = "print(sorted(m for m in sys.modules if m.split('.')[0] == 'click'))"
    assert _after_run(args, then) == "[]"


def test_validating_a_small_map_imports_no_temporary_files_module() -> None:
    """tempfile (with shutil and bz2, about 6 ms) is imported only to write a cache entry."""
    then = "print(sorted(m for m in ('tempfile', 'shutil', 'bz2') if m in sys.modules))"
    assert _after_run(["validate", "-q", CHICAGO], then) == "[]"


def test_the_fast_path_writes_cache_entries_in_the_background() -> None:
    """validate without click, as with it, leaves a new cache entry to a
    detached writer instead of encoding it before it exits."""
    then = "from argmap.formats import _cache\n"
    then += "print(_cache._in_background(), 'click' in sys.modules)"
    assert _after_run(["validate", "-q", CHICAGO], then) == "True False"


@pytest.mark.parametrize(("path", "code"), [(CHICAGO, 0), ("no-such-map.yaml", 1)])
def test_the_command_line_ends_without_freeing_what_it_kept(path: str, code: int) -> None:
    """Once the command is done, the installed script's entry point ends the
    process at once: the exit handlers run and all output is written, with
    the command's exit code, but nothing the command kept is freed."""
    probe = (
        "import atexit, sys\n"
        "from argmap import _gc\n"
        "class Kept:\n"
        "    def __del__(self):\n"
        "        print('freed', flush=True)\n"
        "_gc.keep_until_exit()\n"
        "_gc.retire(Kept())\n"
        "atexit.register(print, 'exit handlers ran')\n"
        f"sys.argv = ['argmap', 'validate', {path!r}]\n"
        "from argmap.cli import run\n"
        "run()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert out.returncode == code, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "exit handlers ran"
    assert "freed" not in lines
    if code:
        assert "no-such-map.yaml" in out.stderr and "Traceback" not in out.stderr
    else:
        assert lines[0].startswith(f"{CHICAGO}: valid (")


def test_a_diff_imports_no_merging_and_no_pyyaml() -> None:
    """Merging (and its text writer's PyYAML) is imported on first use only."""
    then = (
        "print(sorted(m for m in ('yaml', 'argmap.diff.merge', 'argmap.diff._merge_text')"
        " if m in sys.modules))"
    )
    args = ["diff", CHICAGO, CHICAGO, "--stat"]
    probe = f"import atexit, sys\nsys.argv = ['argmap', *{args!r}]\nfrom argmap.cli import run\n"
    probe += f"atexit.register(exec, {then!r})\nrun()\n"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr  # no differences
    assert out.stdout.strip().splitlines()[-1] == "[]"
