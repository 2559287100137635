"""Text output for people: names with quiet ids, trees, wrapping, colour, progress.

Every command's text output goes through this module, so they all look alike:

- a claim is named by its label, or its text shortened, with its id beside it
  in brackets (dimmed on a colour terminal): ``Local sovereignty
  [affirms-local-sovereignty]``; a stakeholder by its name, the same way;
- chains and disputes print as trees (``├── └── │``, as ``cargo tree``);
- long lines wrap to the terminal's width (80 columns when the output is not
  a terminal), with a hanging indent;
- colour only on a terminal, never when ``NO_COLOR`` is set, always when
  ``FORCE_COLOR`` is (and ``NO_COLOR`` is not);
- progress bars on standard error, only when it is a terminal.

Text from a map cannot drive the terminal: control characters (escape
sequences included) are shown as ``\\x1b``-style escapes and line breaks as
spaces. Lines are built with the style markers below and only turned into
ANSI codes (or nothing) when printed, so wrapping measures what is seen.

Chosen over ``rich``: click has ``progressbar`` (imported only when a bar is
shown, so that ``argmap query`` can run without click), and the rest is a few
lines; rich would add about 25 ms to each start-up (docs/performance.md) for
trees and wrapping.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from argmap.model import ArgumentMap

T = TypeVar("T")

# Style markers (control characters that safe() removes from map text).
_QUIET = "\x01"
_BOLD = "\x02"
_GREEN = "\x03"
_RED = "\x04"
_YELLOW = "\x05"
_CYAN = "\x06"
_END = "\x07"
_MARKERS = re.compile("[\x01-\x07]")
_ANSI = {
    _QUIET: "\x1b[2m",
    _BOLD: "\x1b[1m",
    _GREEN: "\x1b[32m",
    _RED: "\x1b[31m",
    _YELLOW: "\x1b[33m",
    _CYAN: "\x1b[36m",
    _END: "\x1b[0m",
}
_LABEL_STYLE = {"in": _GREEN, "out": _RED, "undecided": _YELLOW}

NAME_WIDTH = 60
"""A claim named by its text (it has no label) is shortened to this many characters."""


# --------------------------------------------------------------------------- the terminal


def colour_on(stream: object | None = None) -> bool:
    """Whether to colour: never with ``NO_COLOR``, always with ``FORCE_COLOR``
    (not ``0``), else only when ``stream`` (default stdout) is a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def width() -> int:
    """Columns to wrap to: the terminal's (at least 40), or 80 when stdout is
    not a terminal, so piped and tested output does not depend on a window."""
    if not sys.stdout.isatty():
        return 80
    import shutil  # only on a terminal: it loads the compression modules

    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _tree_glyphs() -> tuple[str, str, str, str]:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "├└│─".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "|-- ", "`-- ", "|   ", "    "
    return "├── ", "└── ", "│   ", "    "


# --------------------------------------------------------------------------- styling


def quiet(text: str) -> str:
    """Shown dimmed on a colour terminal (ids, counts, asides)."""
    return f"{_QUIET}{text}{_END}"


def bold(text: str) -> str:
    return f"{_BOLD}{text}{_END}"


def good(text: str) -> str:
    return f"{_GREEN}{text}{_END}"


def bad(text: str) -> str:
    return f"{_RED}{text}{_END}"


def warn(text: str) -> str:
    return f"{_YELLOW}{text}{_END}"


def note(text: str) -> str:
    return f"{_CYAN}{text}{_END}"


def label(text: str) -> str:
    """An evaluation label (in, out, undecided) in its colour."""
    style = _LABEL_STYLE.get(text)
    return f"{style}{text}{_END}" if style else text


def visible(text: str) -> str:
    """The line as seen: the style markers removed."""
    return _MARKERS.sub("", text)


def painted(text: str, colour: bool) -> str:
    """The line for the terminal: markers as ANSI codes, or removed."""
    # one replace per marker present: a buffered report is megabytes with a
    # few markers, and a character search is many times faster than a regex
    for marker, code in _ANSI.items():
        if marker in text:
            text = text.replace(marker, code if colour else "")
    return text


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Map text made harmless on a terminal: line breaks and tabs as spaces,
    other control characters (escape sequences too) as visible escapes."""
    if text.isprintable():  # no line break, tab or other control character
        return text
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text


def shorten(text: str, limit: int = NAME_WIDTH) -> str:
    """One line, cut at a word boundary to at most ``limit`` characters, with "…"."""
    if len(text) <= limit and " " not in text and text.isprintable():
        return text  # a single word (printable text has no other space) that fits
    text = " ".join(safe(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


# --------------------------------------------------------------------------- names


class Names:
    """Names for a map's items: ``name [id]``, the id quiet."""

    def __init__(self, amap: ArgumentMap, limit: int = NAME_WIDTH) -> None:
        self.amap = amap
        self.limit = limit
        self._supports = {s.id: s.premises for s in amap.supports}
        self._attacks = {a.id: (a.attacker, a.target) for a in amap.attacks}

    def words(self, claim: str) -> str:
        """A claim in words alone (label, or text shortened), no id."""
        if not self.amap.has_claim(claim):
            return safe(claim)
        c = self.amap.claim(claim)
        return shorten(c.label, self.limit) if c.label else shorten(c.text.rstrip("."), self.limit)

    def claim(self, claim: str) -> str:
        """A claim's name with its id beside it (just the id when they are the same)."""
        words = self.words(claim)
        return words if words == claim else f"{words} {quiet('[' + safe(claim) + ']')}"

    def claims(self, claims: Iterable[str]) -> str:
        return ", ".join(self.claim(c) for c in claims)

    def stakeholder(self, stakeholder: str) -> str:
        """A stakeholder's name with its id beside it."""
        try:
            name = shorten(self.amap.stakeholder(stakeholder).name, self.limit)
        except KeyError:
            return safe(stakeholder)
        return name if name == stakeholder else f"{name} {quiet('[' + safe(stakeholder) + ']')}"

    def words_of_stakeholder(self, stakeholder: str) -> str:
        """A stakeholder's name alone, shortened (in sentences that name it again)."""
        try:
            return shorten(self.amap.stakeholder(stakeholder).name, self.limit)
        except KeyError:
            return safe(stakeholder)

    def stakeholders(self, stakeholders: Iterable[str]) -> str:
        return ", ".join(self.stakeholder(s) for s in stakeholders)

    def support(self, support: str) -> str:
        """A support by its premises (``A + B``), its id quiet."""
        premises = self._supports.get(support)
        if premises is None:
            return safe(support)
        return " + ".join(self.words(p) for p in premises) + " " + quiet(f"[{safe(support)}]")

    def item(self, item: str) -> str:
        """A claim, a support or an attack, whichever ``item`` is."""
        if item in self._supports:
            return self.support(item)
        if item in self._attacks:
            attacker, target = self._attacks[item]
            return f"{self.words(attacker)} against {self.words(target)} " + quiet(
                f"[{safe(item)}]"
            )
        return self.claim(item)


# --------------------------------------------------------------------------- layout


def wrap(
    text: str, indent: str = "", hang: str | None = None, columns: int | None = None
) -> list[str]:
    """``text`` wrapped to the width, first line after ``indent``, the rest
    after ``hang`` (default: ``indent`` and two spaces). Words are never
    broken (an id stays whole); style markers take no room."""
    columns = columns or width()
    hang = indent + "  " if hang is None else hang
    hang_seen = _seen(hang)
    if not _MARKERS.search(text):
        return _wrap_plain(text, indent, hang, _seen(indent), hang_seen, columns)
    words = text.split(" ")
    # markers hold no space, so the pieces of the visible text are the words as seen
    shown = visible(text).split(" ")
    lines: list[str] = []
    lead, seen = indent, _seen(indent)
    line: list[str] = []
    for word, seen_word in zip(words, shown, strict=True):
        if not word:
            continue
        size = len(seen_word)
        if line:
            if seen + 1 + size > columns:
                lines.append(lead + " ".join(line))
                lead, seen, line = hang, hang_seen + size, [word]
            else:
                line.append(word)
                seen += 1 + size
        else:
            line.append(word)
            seen += size
    lines.append(lead + " ".join(line))
    return lines


def _seen(text: str) -> int:
    """How many columns ``text`` takes (printable text has no style marker)."""
    return len(text) if text.isprintable() else len(visible(text))


def _wrap_plain(
    text: str, indent: str, hang: str, indent_seen: int, hang_seen: int, columns: int
) -> list[str]:
    """:func:`wrap` of text without style markers, a line at a time rather
    than a word at a time (each character takes one column)."""
    if "  " in text or text.startswith(" ") or text.endswith(" "):
        text = " ".join(w for w in text.split(" ") if w)
    if not text:
        return [indent]
    end, room = len(text), columns - indent_seen
    if end <= room:
        return [indent + text]
    lines: list[str] = []
    pos, lead = 0, indent
    while True:
        # the longest run of whole words that fits in room (words are split by
        # single spaces), or one word longer than the room on a line of its own
        if end - pos <= room:
            stop = end
        else:
            stop = text.rfind(" ", pos + 1, pos + room + 1) if room > 0 else -1
            if stop < 0:
                stop = text.find(" ", pos)
                if stop < 0:
                    stop = end
        lines.append(lead + text[pos:stop])
        if stop >= end:
            return lines
        pos, lead, room = stop + 1, hang, columns - hang_seen


class Node:
    """One line of a tree and the lines under it."""

    __slots__ = ("children", "text")

    def __init__(self, text: str, children: list[Node] | None = None) -> None:
        self.text = text
        self.children: list[Node] = children if children is not None else []


def tree(root: Node, columns: int | None = None) -> list[str]:
    """A tree as lines, ``cargo tree`` style; each node's text wraps under it."""
    branch, last, pipe, space = _tree_glyphs()
    out = wrap(root.text, "", "  ", columns)

    def walk(node: Node, prefix: str) -> None:
        for i, child in enumerate(node.children):
            end = i == len(node.children) - 1
            lead = prefix + quiet(last if end else branch)
            below = prefix + (space if end else quiet(pipe))
            out.extend(
                wrap(child.text, lead, below + (quiet(pipe) if child.children else space), columns)
            )
            walk(child, below)

    walk(root, "")
    return out


# --------------------------------------------------------------------------- printing


def _write(text: str) -> None:
    # What click.echo writes for ``color=`` given: painted() has already put in
    # or left out the colour codes, and safe() keeps map text free of them.
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


_LINES_PER_WRITE = 4096


class Printer:
    """Prints lines on stdout, coloured or not as :func:`colour_on` says."""

    def __init__(self, colour: bool | None = None, *, buffered: bool = False) -> None:
        self.colour = colour_on() if colour is None else colour
        # buffered: lines are kept, painted, until flush(), then written in one piece
        self._kept: list[str] | None = [] if buffered else None
        self._columns: int | None = None

    def __call__(self, line: str = "") -> None:
        if self._kept is not None:
            self._kept.append(painted(line, self.colour))
        else:
            _write(painted(line, self.colour))

    def flush(self) -> None:
        """Write the lines kept so far (buffered printers), a few thousand
        lines to a write: a report of megabytes is never joined whole."""
        kept = self._kept
        if kept:
            for start in range(0, len(kept), _LINES_PER_WRITE):
                sys.stdout.write("\n".join(kept[start : start + _LINES_PER_WRITE]) + "\n")
            sys.stdout.flush()
            kept.clear()

    def lines(self, lines: Iterable[str]) -> None:
        if self._kept is not None:
            colour = self.colour
            self._kept.extend(painted(line, colour) for line in lines)
            return
        for line in lines:
            self(line)

    def wrapped(self, text: str, indent: str = "", hang: str | None = None) -> None:
        if self._columns is None:  # the width is asked once per printer, not per line
            self._columns = width()
        self.lines(wrap(text, indent, hang, self._columns))

    def wrapped_plain(self, text: str, indent: str, hang: str) -> None:
        """:meth:`wrapped` of text that holds no style marker (map text that
        went through :func:`safe`, say), with ``indent`` and ``hang`` plain
        spaces: its lines need no painting, and what a long list of them
        costs is the wrapping alone."""
        if self._columns is None:
            self._columns = width()
        lines = _wrap_plain(text, indent, hang, len(indent), len(hang), self._columns)
        if self._kept is not None:
            self._kept.extend(lines)
        else:
            for line in lines:
                _write(line)


@contextmanager
def progress(items: Sequence[T], label: str) -> Iterator[Iterable[T]]:
    """``items`` with a progress bar on stderr when stderr is a terminal (and
    there is more than one item); else ``items`` as they are."""
    if len(items) < 2 or not sys.stderr.isatty():
        yield items
        return
    import click

    with click.progressbar(
        items, label=label, file=sys.stderr, show_pos=True, color=colour_on(sys.stderr)
    ) as bar:
        yield bar


@contextmanager
def steps(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar over ``total`` named steps on stderr, when stderr is a
    terminal: call the yielded function with each step's name as it starts."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _name: None
        return
    started = [0]

    def show(item: str | None) -> str | None:
        return item

    import click

    with click.progressbar(
        length=total,
        label=label,
        file=sys.stderr,
        show_pos=True,
        item_show_func=show,
        color=colour_on(sys.stderr),
    ) as bar:

        def advance(name: str) -> None:
            bar.update(1 if started[0] else 0, name)
            started[0] += 1

        yield advance
