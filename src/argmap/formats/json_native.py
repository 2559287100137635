"""The native model as JSON: the YAML format's keys, written as one JSON object.

Lossless: ``loads(dumps(m)) == m`` for every valid map. The object has exactly
the keys of docs/format.md (``argmap``, ``title``, ``claims``, ...), with the
same short forms (a one-premise support's ``from`` is a string; derived ids are
left out), so the JSON Schema from ``argmap schema`` checks it too.

Reading checks JSON syntax first (errors carry the line and column from
:class:`json.JSONDecodeError`); the native validator then checks the content.
JSON is YAML, so a map with problems is handed to the YAML loader, which
reports every problem at its line and column in the JSON text.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

from argmap import ids
from argmap.errors import MapError, Problem
from argmap.formats import _sniff
from argmap.formats import yaml as native
from argmap.formats.registry import Format
from argmap.model import (
    Anchor,
    ArgumentMap,
    Attack,
    ClaimKind,
    ProofStandard,
    StakeholderKind,
    Stance,
    Support,
)

__all__ = ["FORMAT", "dumps", "load", "loads", "parse_json", "to_data"]


class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKey
    return out


def parse_json(text: str, path: str) -> Any:
    """Parse JSON text; a syntax error becomes a MapError at its line:col.

    Also used by the other JSON-based importers (AIF).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise MapError([Problem(path, None, None, "the file is empty; expected a JSON object")])
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise MapError([Problem(path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise MapError([Problem(path, None, None, "invalid JSON: nested too deeply")]) from None
    except _LongInteger:
        line, col = _line_col(text, _long_integer_at(text))
        raise MapError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"invalid JSON: an integer of more than {MAX_DIGITS} digits;"
                    " write it as a string if it is text",
                )
            ]
        ) from None
    surrogate = _lone_surrogate_at(text)
    if surrogate is not None:
        line, col = _line_col(text, surrogate)
        escape = text[surrogate : surrogate + 6]
        raise MapError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"invalid JSON text: {escape} is half of a UTF-16 surrogate pair, not a"
                    " character; remove it or write the whole character",
                )
            ]
        )
    return data


MAX_DIGITS = 4300
"""Longest integer read (Python's own limit on converting digits to an int)."""


class _LongInteger(Exception):
    pass


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _LongInteger
    return int(digits)


_LONG_DIGITS = re.compile(
    r'"(?:[^"\\]|\\.)*"|(?<![0-9.eE+-])-?[0-9]{' + str(MAX_DIGITS + 1) + r",}(?![0-9.eE])"
)
# A \u escape of a surrogate, after an even run of backslashes (so not "\\ud800").
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*(\\u[dD][89a-fA-F][0-9a-fA-F]{2})")


def _long_integer_at(text: str) -> int:
    """Where the first over-long integer outside a string starts (0 if not found)."""
    for m in _LONG_DIGITS.finditer(text):
        if not m.group().startswith('"'):
            return m.start()
    return 0


def _lone_surrogate_at(text: str) -> int | None:
    """The offset of the first ``\\uD800``-style escape not paired as UTF-16, or None."""
    if "\\u" not in text:
        return None
    pending: int | None = None  # a high surrogate waiting for its low half
    for m in _SURROGATE_ESCAPE.finditer(text):
        start = m.start(1)
        high = m.group(1)[3].lower() in "89ab"
        if pending is not None:
            if not high and start == pending + 6:
                pending = None
                continue
            return pending
        if not high:
            return start
        pending = start
    return pending


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Read a map written as native JSON; problems are reported at line:col."""
    if text.startswith("\ufeff"):
        text = text[1:]
    data = parse_json(text, path)
    if not isinstance(data, dict):
        raise MapError(
            [
                Problem(
                    path, 1, 1, "a map must be a JSON object with the native keys (`argmap`, ...)"
                )
            ]
        )
    try:
        json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKey:
        return native.loads(text, path)  # reports the duplicate key with its place
    return native.from_data(data, path, text)


def load(path: str | Path) -> ArgumentMap:
    """Read a native JSON map file."""
    from argmap.io import read_bytes

    p = Path(path)
    raw = read_bytes(p)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return native.loads_bytes(raw, str(p))
    return loads(text, str(p))


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != () and value is not False:
        out[key] = list(value) if isinstance(value, tuple) else value


def _anchors(anchors: tuple[Anchor, ...]) -> list[dict[str, str]]:
    return [{"source": a.source, "quote": a.quote} for a in anchors]


def _str(value: StrEnum | None) -> str | None:
    return None if value is None else str(value)


def _relation_extras(item: dict[str, Any], relation: Support | Attack | Stance) -> None:
    _put(item, "hedge", _str(relation.hedge))
    _put(item, "hedge_words", relation.hedge_words)
    _put(item, "inferred", relation.inferred)
    if relation.anchors:
        item["sources"] = _anchors(relation.anchors)


def to_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as plain data with the native keys (what the YAML file holds)."""
    data: dict[str, Any] = {"argmap": amap.version, "title": amap.title}
    _put(data, "description", amap.description)
    _put(data, "main", amap.main)
    if amap.sources:
        data["sources"] = []
        for src in amap.sources:
            item: dict[str, Any] = {"id": src.id, "title": src.title}
            for key in ("author", "date", "url", "file", "note"):
                _put(item, key, getattr(src, key))
            data["sources"].append(item)
    if amap.stakeholders:
        data["stakeholders"] = []
        for h in amap.stakeholders:
            item = {"id": h.id, "name": h.name}
            if h.kind is not StakeholderKind.OTHER:
                item["kind"] = str(h.kind)
            for key in ("power", "interest", "legitimacy", "urgency", "description"):
                _put(item, key, getattr(h, key))
            if h.relations:
                item["relations"] = []
                for relation in h.relations:
                    rel: dict[str, Any] = {"type": str(relation.kind), "to": relation.target}
                    _put(rel, "note", relation.note)
                    item["relations"].append(rel)
            data["stakeholders"].append(item)
    claims = []
    for c in amap.claims:
        item = {"id": c.id, "text": c.text}
        if c.kind is not ClaimKind.FACT:
            item["kind"] = str(c.kind)
        _put(item, "label", c.label)
        _put(item, "tags", c.tags)
        if c.anchors:
            item["sources"] = _anchors(c.anchors)
        _put(item, "assumed", c.assumed)
        _put(item, "weight", c.weight)
        _put(item, "hedge", _str(c.hedge))
        _put(item, "hedge_words", c.hedge_words)
        _put(item, "note", c.note)
        claims.append(item)
    data["claims"] = claims
    if amap.supports:
        data["supports"] = []
        for s in amap.supports:
            item = {"id": s.id} if s.explicit_id else {}
            item["from"] = s.premises[0] if len(s.premises) == 1 else list(s.premises)
            item["to"] = s.conclusion
            for key in ("weight", "scheme", "note"):
                _put(item, key, getattr(s, key))
            _relation_extras(item, s)
            data["supports"].append(item)
    if amap.attacks:
        data["attacks"] = []
        for a in amap.attacks:
            item = {"id": a.id} if a.explicit_id else {}
            item["from"] = a.attacker
            item["to"] = a.target
            _put(item, "weight", a.weight)
            _put(item, "note", a.note)
            _relation_extras(item, a)
            data["attacks"].append(item)
    if amap.stances:
        data["stances"] = []
        for st in amap.stances:
            item = {"stakeholder": st.stakeholder, str(st.kind): st.claim}
            _put(item, "strength", st.strength)
            _put(item, "note", st.note)
            _relation_extras(item, st)
            data["stances"].append(item)
    if amap.issues:
        data["issues"] = [
            {
                "id": i.id,
                "question": i.question,
                "positions": list(i.positions),
                "standard": str(i.standard or ProofStandard.PREPONDERANCE),
            }
            for i in amap.issues
        ]
    if amap.rephrases:
        data["rephrases"] = []
        for r in amap.rephrases:
            item = {} if r.id == ids.rephrase_id(r.original, r.restatement) else {"id": r.id}
            item["from"] = r.original
            item["to"] = r.restatement
            data["rephrases"].append(item)
    if amap.preferences:
        data["preferences"] = []
        for p in amap.preferences:
            item = {} if p.id == ids.preference_id(p.preferred, p.over) else {"id": p.id}
            item["prefer"] = p.preferred
            item["over"] = p.over
            data["preferences"].append(item)
    if amap.lint_ignores:
        data["lint"] = {
            "ignore": [
                {
                    k: v
                    for k, v in (("code", ig.code), ("item", ig.item), ("reason", ig.reason))
                    if v is not None
                }
                for ig in amap.lint_ignores
            ]
        }
    return data


def dumps(amap: ArgumentMap) -> str:
    """Write the map as JSON: one section key per line, one item per line.

    Deterministic; keys in the native order; ``loads(dumps(m)) == m``.
    """
    data = to_data(amap)
    lines = ["{"]
    keys = list(data)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value = data[key]
        head = f"  {json.dumps(key)}: "
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(head + "[")
            items = [json.dumps(v, ensure_ascii=False) for v in value]
            lines.extend(f"    {item}," for item in items[:-1])
            lines.append(f"    {items[-1]}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(head + json.dumps(value, ensure_ascii=False) + comma)
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMAT = Format(
    name="json",
    description="argmap's native model as JSON (lossless; the YAML keys as a JSON object)",
    suffixes=(".json",),
    loads=loads,
    dumps=dumps,
    sniff=_sniff.native_json,
)
