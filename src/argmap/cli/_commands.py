"""The command table and the top-level help, without click.

``argmap --help`` is written from here by :func:`top_help` without importing
click or the model (a third of a second's imports on a slow machine less);
tests/cli/test_startup.py checks that it is what click writes, at every width
click can choose.
"""

from __future__ import annotations

import os
import sys

# Every command: the module under argmap.cli that defines it, the first
# paragraph of its help (what `argmap --help` lists), and whether it is hidden.
# A command's module is imported only when the command runs (or its own help
# is asked for), so `argmap --help` and `argmap validate` do not pay for the
# others; tests/cli/test_startup.py checks that this table matches the modules.
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "compare": (
        "analysis",
        "Where stakeholders A and B agree and disagree, directly and through attacks.",
        False,
    ),
    "convert": ("convert", "Convert a map between formats (see `argmap formats`).", False),
    "diff": ("diff", "Show what changed in the argument between two versions of a map.", False),
    "evaluate": (
        "analysis",
        "Label every claim in, out or undecided, with the reason for each verdict.",
        False,
    ),
    "explain": (
        "analysis",
        "Why CLAIM has its label: the dispute around it, and what the verdict hinges on.",
        False,
    ),
    "formats": ("convert", "List the formats `argmap convert` reads and writes.", False),
    "git-diff-driver": (
        "diff",
        "The external diff driver git runs (set up by `argmap git-setup`); exits 0.",
        True,
    ),
    "git-setup": ("diff", "Make `git diff` show argmap's semantic diff for map files.", False),
    "lint": (
        "analysis",
        "Check that the map is faithful to its sources and holds together.",
        False,
    ),
    "log": (
        "diff",
        "List the commits that changed one claim of a map, and how, newest first.",
        False,
    ),
    "lsp": ("lsp", "Run the language server for map files, over stdin and stdout.", False),
    "merge": ("merge", "Merge two versions of a map, OURS and THEIRS, of a common BASE.", False),
    "merge-driver": (
        "merge",
        "The merge driver git runs (set up by `argmap git-setup`): BASE OURS THEIRS PATH.",
        True,
    ),
    "query": (
        "analysis",
        "Ask a map a question: what supports or opposes a claim, who holds it, and more.",
        False,
    ),
    "render": ("render", "Draw a map as DOT, SVG, PNG, PDF or an interactive HTML page.", False),
    "reveal": (
        "render",
        "Frames that add the argument a piece at a time, for walking a class through it.",
        False,
    ),
    "schema": (
        "core",
        "Print the JSON Schema of the map format (for editors and other tools).",
        False,
    ),
    "serve": ("serve", "Show MAP in the browser and redraw it on every save.", False),
    "sources": (
        "core",
        "Check every quote of the map's claims, relations and stances against its source.",
        False,
    ),
    "stakeholders": (
        "analysis",
        "Stakeholder analysis: agreement per pair, alignment, coalitions, power/interest grid.",
        False,
    ),
    "stats": (
        "core",
        "Count a map's claims, supports, attacks, stakeholders and stances by kind.",
        False,
    ),
    "teach": ("render", "Regenerate every drawing a teacher needs into a folder.", False),
    "validate": ("core", "Check maps: syntax, schema, references and rules.", False),
}


MAIN_HELP = """argmap: argument maps as code.

Write a debate as YAML (claims, reasons for and against, stakeholders),
then validate, query, evaluate, draw and diff it.
"""
"""The group's help (the docstring of :func:`argmap.cli._app.main`)."""

MAX_ERRORS_HELP = "Print at most N problems per file (default 50; 0: all); also after a command."
"""The help of the group's ``--max-errors`` option."""

_OPTIONS = (
    ("--version", "Show the version and exit."),
    ("--max-errors N", MAX_ERRORS_HELP + "  [x>=0]"),
    ("-h, --help", "Show this message and exit."),
)


def help_width() -> int:
    """The width click formats help to: the terminal's columns (or ``COLUMNS``,
    or 80), at most 80, less 2, at least 50."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
        columns = columns or 80
    return max(min(columns, 80) - 2, 50)


def short_help(text: str, limit: int) -> str:
    """The first sentence of ``text``, shortened to ``limit`` as click does."""
    words = text.partition("\n\n")[0].split()
    for i, word in enumerate(words):
        if word.endswith(".") and (i == len(words) - 1 or not words[i + 1][0].islower()):
            words = words[: i + 1]
            break
    line = " ".join(words)
    if len(line) <= limit:
        return line
    if limit < 3:
        return "..."
    import textwrap

    return textwrap.shorten(line, limit, placeholder="...", break_on_hyphens=False)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    import textwrap

    wrapper = textwrap.TextWrapper(
        width, initial_indent=indent, subsequent_indent=indent, replace_whitespace=False
    )
    return wrapper.wrap(text)


def _definitions(rows: list[tuple[str, str]], width: int) -> list[str]:
    first = min(max(len(name) for name, _ in rows), 30) + 2
    lines = []
    for name, text in rows:
        wrapped = _wrap(text, max(width - first - 2, 10)) or [""]
        if len(name) <= first - 2:
            lines.append(f"  {name}{' ' * (first - len(name))}{wrapped[0]}".rstrip())
        else:
            lines += [f"  {name}", f"{' ' * (first + 2)}{wrapped[0]}"]
        lines += [f"{' ' * (first + 2)}{more}" for more in wrapped[1:]]
    return lines


def top_help(prog: str, width: int) -> str:
    """What ``argmap --help`` prints, formatted to ``width`` as click does."""
    paragraphs = [" ".join(p.split()) for p in MAIN_HELP.strip().split("\n\n")]
    lines = [f"Usage: {prog} [OPTIONS] COMMAND [ARGS]...", ""]
    for k, paragraph in enumerate(paragraphs):
        lines += ([""] if k else []) + _wrap(paragraph, width, "  ")
    lines += ["", "Options:", *_definitions(list(_OPTIONS), width)]
    rows = [(name, text) for name, (_, text, hidden) in sorted(COMMANDS.items()) if not hidden]
    limit = width - 6 - max(len(name) for name, _ in rows)
    commands = [(name, short_help(text, limit)) for name, text in rows]
    lines += ["", "Commands:", *_definitions(commands, width)]
    return "\n".join(lines) + "\n"
