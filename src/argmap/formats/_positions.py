"""The slow, exact YAML path: plain data plus the position of every node.

PyYAML composes the document into nodes (which carry marks); this module turns
the nodes into plain Python data with YAML 1.2 core-schema scalar resolution
(``yes`` and ``2024-03-01`` stay strings), rejecting duplicate keys, and records
the 1-based line and column of every value and every mapping key by path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.formats._scalars import _INT, resolve_plain

__all__ = ["Parsed", "Positions", "SyntaxProblem", "parse_with_positions", "resolve_plain"]

Path = tuple[str | int, ...]

try:  # the C composer is much faster; fall back to pure Python where absent
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A YAML error that stops parsing, at a 1-based position."""

    line: int | None
    col: int | None
    message: str


@dataclass(slots=True)
class Positions:
    """Where each value (``values``) and mapping key (``keys``) starts."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> tuple[int, int] | None:
        """Position of the value at ``path``, or of its nearest ancestor."""
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def key(self, path: Path) -> tuple[int, int] | None:
        """Position of the mapping key at ``path``, else of the value."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)


@dataclass(slots=True)
class Parsed:
    """Result of the slow path: data (if it parsed), positions and problems."""

    data: Any = None
    positions: Positions = field(default_factory=Positions)
    problems: list[SyntaxProblem] = field(default_factory=list)
    # Duplicate keys do not stop parsing: they are reported with the rest.
    duplicates: list[tuple[Path, str, tuple[int, int]]] = field(default_factory=list)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_with_positions(text: str) -> Parsed:
    """Parse one YAML document into plain data, recording every position."""
    result = Parsed()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context and "expected a single document" in exc.context:
            problem = "the file holds more than one YAML document; a map is one document"
        message = f"YAML syntax error: {problem}"
        if mark is None:
            result.problems.append(SyntaxProblem(None, None, message))
        else:
            result.problems.append(SyntaxProblem(mark.line + 1, mark.column + 1, message))
        return result
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character
        code = ord(char) if isinstance(char, str) else char
        result.problems.append(
            SyntaxProblem(
                line,
                col,
                f"YAML error: the control character #x{code:04x} is not allowed in YAML;"
                " remove it (or write it as an escape in a double-quoted string)",
            )
        )
        return result
    except yaml.YAMLError as exc:
        result.problems.append(SyntaxProblem(None, None, f"YAML error: {exc}"))
        return result
    if node is None:
        return result
    try:
        result.data = _Converter(result).convert(node, ())
    except _TooMuch as exc:
        result.problems.append(SyntaxProblem(*exc.at, f"YAML syntax error: {exc.message}"))
        result.data = None
    return result


MAX_DIGITS = 4300
"""Longest integer read (Python's own limit on converting digits to an int)."""
MAX_DEPTH = 100
"""Deepest nesting of lists and mappings the slow path reads (a map needs about 6)."""
MAX_ALIAS_EXPANSION = 10_000
"""Values that aliases may repeat beyond ten per distinct node (stops alias bombs)."""


class _TooMuch(Exception):
    def __init__(self, at: tuple[int, int], message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


class _Converter:
    """Turns composed nodes into data, refusing what would not end or not fit.

    PyYAML composes an alias as the very node it names, so an alias inside its
    own anchor makes a cycle, and aliases of aliases can stand for billions of
    values in a few lines; both are reported instead of followed.
    """

    def __init__(self, result: Parsed) -> None:
        self.result = result
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.repeats = 0

    def convert(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_EXPANSION + 10 * len(self.seen):
                raise _TooMuch(
                    _mark(node), "aliases expand to too much data; write the values out instead"
                )
        else:
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return _convert(node, path, self.result, self.convert)
        if id(node) in self.open:
            raise _TooMuch(_mark(node), "an alias refers to a node that contains it (a cycle)")
        if len(path) >= MAX_DEPTH:
            raise _TooMuch(_mark(node), f"lists and mappings nest more than {MAX_DEPTH} deep")
        self.open.add(id(node))
        try:
            return _convert(node, path, self.result, self.convert)
        finally:
            self.open.discard(id(node))


def _convert(
    node: yaml.Node, path: Path, result: Parsed, convert: Callable[[yaml.Node, Path], Any]
) -> Any:
    result.positions.values[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        if not node.tag.startswith("tag:yaml.org,2002:"):
            result.problems.append(
                SyntaxProblem(*_mark(node), f"YAML tag {node.tag!r} is not supported; remove it")
            )
            return node.value
        if not node.style:
            if len(node.value) > MAX_DIGITS and _INT.match(node.value):
                result.problems.append(
                    SyntaxProblem(
                        *_mark(node),
                        f"an integer of more than {MAX_DIGITS} digits;"
                        " put it in quotes if it is text",
                    )
                )
                return node.value
            value = resolve_plain(node.value)
            if not isinstance(value, str) and node.tag == _STR and _explicit_str(node):
                return node.value
            return value
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [convert(child, (*path, i)) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = convert(key_node, (*path, "<key>"))
            if key == "<<" and key_node.style is None:
                result.problems.append(
                    SyntaxProblem(*_mark(key_node), "YAML merge keys (<<) are not supported")
                )
                continue
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                result.duplicates.append(((*path, key), key, _mark(key_node)))
                continue
            result.positions.keys[(*path, key)] = _mark(key_node)
            out[key] = convert(value_node, (*path, key))
        result.positions.values.pop((*path, "<key>"), None)
        return out
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - bug


def _explicit_str(node: yaml.ScalarNode) -> bool:
    """Whether a plain scalar's ``!!str`` tag was written out (``!!str 123``)."""
    implicit = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, node.value, (True, False)
    )
    return bool(implicit != "tag:yaml.org,2002:str")
