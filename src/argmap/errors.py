"""The ArgmapError hierarchy: every error a user can cause, none a bug causes.

User errors print as ``path:line:col: message`` (editors jump to them) and make
the CLI exit with code 1. Anything else that escapes is a bug and keeps its
traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a place in a file (1-based line/col)."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"


class ArgmapError(Exception):
    """Base class of user errors (bad input, unknown ids, missing tools)."""


class MapError(ArgmapError):
    """A map (or other input file) has one or more problems."""

    def __init__(self, problems: Iterable[Problem], files: Iterable[str] = ()) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        # Every file the map was (or was being) read from, when it includes others.
        self.files: tuple[str, ...] = tuple(files)
        super().__init__("\n".join(str(p) for p in self.problems))


MAX_ERRORS = 50
"""Messages printed per file by default; ``--max-errors`` changes it (0: all)."""


def error_text(exc: ArgmapError, limit: int | None = MAX_ERRORS) -> str:
    """The error as printed: for a :class:`MapError`, at most ``limit`` problems
    per file, then one line saying how many more there are (no limit: 0 or None)."""
    if not isinstance(exc, MapError) or not limit or len(exc.problems) <= limit:
        return str(exc)
    lines: list[str] = []
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for p in exc.problems:
        if shown.get(p.path, 0) < limit:
            shown[p.path] = shown.get(p.path, 0) + 1
            lines.append(str(p))
        else:
            hidden[p.path] = hidden.get(p.path, 0) + 1
    for path, n in hidden.items():
        lines.append(
            f"{path}: … and {n} more problem{'s' if n != 1 else ''}"
            " (--max-errors 0 prints them all)"
        )
    return "\n".join(lines)


class UnknownIdError(ArgmapError):
    """An id given by the user (on the command line or in code) does not exist."""

    def __init__(self, what: str, given: str, known: Iterable[str]) -> None:
        self.what = what
        self.given = given
        self.suggestions = tuple(did_you_mean(given, known))
        message = f"unknown {what} {given!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class ToolMissingError(ArgmapError):
    """An optional external tool or package is needed and is not installed."""


def did_you_mean(given: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The closest known names to ``given``, best first (possibly none)."""
    import difflib  # only needed when something is wrong

    return difflib.get_close_matches(given, list(known), n=n, cutoff=0.6)
