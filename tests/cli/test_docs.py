"""docs/cli.md documents every command, subcommand and option of the CLI.

The click app is walked; each command must have a section (a ``###`` heading
naming ``argmap COMMAND``, placeholders such as MAP skipped), and each of its
options must appear, by one of its names, in that section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "cli.md"


def _sub(group: click.Group, name: str) -> click.Command:
    # through click's own API, so that lazily loaded commands are found too
    command = group.get_command(click.Context(group), name)
    assert command is not None, name
    return command


def _walk(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name in group.list_commands(click.Context(group)):
        command = _sub(group, name)
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _walk(command, (*path, name))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = _sub(command, name)
    return command


def _sections() -> list[tuple[list[tuple[str, ...]], str]]:
    """Each ``###`` section: the command paths its heading names, and its text."""
    text = DOC.read_text("utf-8")
    parts = re.split(r"^(?=#{2,3} )", text, flags=re.M)
    out = []
    for part in parts:
        heading, _, _ = part.partition("\n")
        if not heading.startswith("### "):
            continue
        names = []
        for span in re.findall(r"`argmap ([^`]*)`", heading):
            words = [w for w in span.split() if re.fullmatch(r"[a-z][a-z-]*", w)]
            names.append(tuple(words))
        out.append((names, part))
    return out


def _section_of(path: tuple[str, ...]) -> str | None:
    """The text of every section whose heading names this command (a group's
    sections are those of its subcommands)."""
    found = [
        text for names, text in _sections() if any(words[: len(path)] == path for words in names)
    ]
    return "\n".join(found) if found else None


COMMANDS = list(_walk(main))


def test_the_walk_finds_commands_and_subcommands() -> None:
    assert ("validate",) in COMMANDS
    assert ("query", "supporters") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_and_option_is_in_docs_cli_md(path: tuple[str, ...]) -> None:
    section = _section_of(path)
    assert section is not None, f"docs/cli.md has no section for `argmap {' '.join(path)}`"
    for param in _command(path).params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        names = [*param.opts, *param.secondary_opts]
        if "--help" in names:
            continue
        assert any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", section) for n in names), (
            f"docs/cli.md, `argmap {' '.join(path)}`: option {'/'.join(names)} is not described"
        )


def test_the_top_level_options_are_in_docs_cli_md() -> None:
    text = DOC.read_text("utf-8")
    for param in main.params:
        if isinstance(param, click.Option):
            assert any(n in text for n in param.opts), param.opts
