"""Positions from PyYAML's event stream: the same data and positions as
:func:`argmap.formats._positions.parse_with_positions`, with where each
scalar ends, about ten times as fast on a big map.

The composer of the reference path builds a node for every value, which is
what takes the time on a 10,000-claim map; the events (from libyaml) carry
the same marks. Anything the reference path treats specially (anchors,
aliases, tags, merge keys, duplicate keys, several documents, mapping keys
that are not scalars, deep nesting) makes :func:`parse` return ``None``, and
the caller falls back to the reference path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.formats._positions import MAX_DEPTH, Parsed, Positions, SyntaxProblem
from argmap.formats._scalars import resolve_plain

Path = tuple[str | int, ...]

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@dataclass(slots=True)
class Located(Parsed):
    """:class:`Parsed`, with the end (line, col; 1-based, exclusive) of each scalar."""

    ends: dict[Path, tuple[int, int]] = field(default_factory=dict)


class _Fallback(Exception):
    pass


def parse(text: str) -> Located | None:
    """The data and positions of one YAML document, or None to use the reference path."""
    try:
        return _parse(text)
    except _Fallback:
        return None


def _parse(text: str) -> Located:
    out = Located()
    values = out.positions.values
    keys = out.positions.keys
    ends = out.ends
    # Each frame: [container, path, pending key (maps) or None]
    stack: list[list[Any]] = []
    documents = 0
    scalar_t = yaml.ScalarEvent
    mapping_t = yaml.MappingStartEvent
    sequence_t = yaml.SequenceStartEvent
    end_t = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    pending = _PENDING
    event: Any
    loader = _Loader(text)
    next_event: Any = loader.get_event
    stream_end = yaml.StreamEndEvent
    try:
        while True:
            event = next_event()
            cls = type(event)
            if cls is stream_end:
                break
            if cls is scalar_t:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _Fallback
                raw = event.value
                start = event.start_mark
                at = (start.line + 1, start.column + 1)
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is dict:
                        if frame[2] is pending:
                            key = _plain(raw) if not event.style else raw
                            if key == "<<" and not event.style:
                                raise _Fallback
                            if type(key) is not str:
                                key = str(key)
                            if key in container:
                                raise _Fallback
                            frame[2] = key
                            keys[(*frame[1], key)] = at
                            continue
                        path = (*frame[1], frame[2])
                        frame[2] = pending
                        value = _plain(raw) if not event.style else raw
                        container[path[-1]] = value
                    else:
                        path = (*frame[1], len(container))
                        value = _plain(raw) if not event.style else raw
                        container.append(value)
                else:
                    path = ()
                    out.data = _plain(raw) if not event.style else raw
                values[path] = at
                end = event.end_mark
                ends[path] = (end.line + 1, end.column + 1)
            elif cls is mapping_t or cls is sequence_t:
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback
                start = event.start_mark
                at = (start.line + 1, start.column + 1)
                new: Any = {} if cls is mapping_t else []
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is dict:
                        if frame[2] is pending:
                            raise _Fallback  # a mapping or list as a key
                        path = (*frame[1], frame[2])
                        container[frame[2]] = new
                        frame[2] = pending
                    else:
                        path = (*frame[1], len(container))
                        container.append(new)
                else:
                    path = ()
                    out.data = new
                if len(path) >= MAX_DEPTH:
                    raise _Fallback
                values[path] = at
                stack.append([new, path, pending])
            elif cls in end_t:
                stack.pop()
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Fallback
            elif cls is yaml.AliasEvent:
                raise _Fallback
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax error: {exc.problem or 'invalid YAML'}"
        at_line = None if mark is None else mark.line + 1
        at_col = None if mark is None else mark.column + 1
        return Located(problems=[SyntaxProblem(at_line, at_col, message)])
    except yaml.YAMLError as exc:
        return Located(problems=[SyntaxProblem(None, None, f"YAML error: {exc}")])
    finally:
        loader.dispose()
    return out


_PENDING: Any = object()
_MAY_RESOLVE = frozenset("0123456789+-.~nNtTfF")
"""First characters of the plain scalars that may not be strings (null, true, 1, .5, ...)."""


def _plain(raw: str) -> Any:
    return resolve_plain(raw) if not raw or raw[0] in _MAY_RESOLVE else raw


def locate(text: str, paths: list[Path]) -> Positions:
    """The positions of ``paths`` (and of their ancestors and keys) in a text
    that is known to parse (the fast parser read it), reading events only
    until every item holding one of them is closed."""
    positions = Positions()
    wanted: set[Path] = set()
    for path in paths:
        wanted.update(path[:n] for n in range(len(path) + 1))
    items = {p[:2] for p in paths}
    values, keys = positions.values, positions.keys
    stack: list[list[Any]] = []  # [path, next index (lists) or pending key (maps), is_map]
    loader = _Loader(text)
    next_event: Any = loader.get_event
    scalar_t, end_t = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    try:
        while items:
            event = next_event()
            cls = type(event)
            if cls is yaml.StreamEndEvent:
                break
            if cls is scalar_t or cls in starts:
                if stack:
                    frame = stack[-1]
                    if frame[2]:
                        if frame[1] is _PENDING:
                            if cls is not scalar_t:  # pragma: no cover - fast parser refused
                                break
                            raw = event.value
                            key = _plain(raw) if not event.style else raw
                            frame[1] = key if type(key) is str else str(key)
                            kpath = (*frame[0], frame[1])
                            if kpath in wanted:
                                keys[kpath] = (
                                    event.start_mark.line + 1,
                                    event.start_mark.column + 1,
                                )
                            continue
                        path = (*frame[0], frame[1])
                        frame[1] = _PENDING
                    else:
                        path = (*frame[0], frame[1])
                        frame[1] += 1
                else:
                    path = ()
                if path in wanted:
                    mark = event.start_mark
                    values[path] = (mark.line + 1, mark.column + 1)
                if cls is scalar_t:
                    items.discard(path)
                else:
                    stack.append(
                        [
                            path,
                            _PENDING if cls is yaml.MappingStartEvent else 0,
                            cls is yaml.MappingStartEvent,
                        ]
                    )
                    items.discard(())
            elif cls in end_t:
                items.discard(stack.pop()[0])
    except yaml.YAMLError:  # pragma: no cover - the fast parser read it
        pass
    finally:
        loader.dispose()
    return positions
