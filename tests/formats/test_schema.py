"""The JSON Schema (formats/schema.json, `argmap schema`) and the validator
accept the same keys in every part of a map.

The validator's keys are read from what it says, not from its source: a key
it does not know is reported as ``unknown key 'K' ... (allowed: ...)``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
import yaml

from argmap.errors import MapError
from argmap.formats.yaml import loads

BOGUS = "zz-not-a-key"

BASE: dict[str, Any] = {
    "argmap": 1,
    "title": "T",
    "sources": [{"id": "s", "title": "S"}],
    "stakeholders": [
        {"id": "u", "name": "U", "relations": [{"type": "allied-with", "to": "v"}]},
        {"id": "v", "name": "V"},
    ],
    "claims": [
        {"id": "a", "text": "A.", "sources": [{"source": "s", "quote": "q"}]},
        {"id": "b", "text": "B."},
    ],
    "supports": [{"from": "a", "to": "b"}],
    "attacks": [{"from": "b", "to": "a"}],
    "stances": [{"stakeholder": "u", "asserts": "a"}],
    "issues": [{"id": "i", "question": "Q?", "positions": ["a", "b"]}],
    "rephrases": [{"from": "a", "to": "b"}],
    "preferences": [{"prefer": "a", "over": "b"}],
    "lint": {"ignore": [{"code": "X1", "item": "a", "reason": "r"}]},
}

Pick = Callable[[dict[str, Any]], dict[str, Any]]
PARTS: dict[str, tuple[Pick, Pick]] = {
    # part: (the object in a map, its schema node)
    "top": (lambda m: m, lambda s: s),
    "source": (lambda m: m["sources"][0], lambda s: s["properties"]["sources"]["items"]),
    "stakeholder": (
        lambda m: m["stakeholders"][0],
        lambda s: s["properties"]["stakeholders"]["items"],
    ),
    "relation": (
        lambda m: m["stakeholders"][0]["relations"][0],
        lambda s: s["properties"]["stakeholders"]["items"]["properties"]["relations"]["items"],
    ),
    "claim": (lambda m: m["claims"][0], lambda s: s["properties"]["claims"]["items"]),
    "anchor": (lambda m: m["claims"][0]["sources"][0], lambda s: s["$defs"]["anchor"]),
    "support": (lambda m: m["supports"][0], lambda s: s["properties"]["supports"]["items"]),
    "attack": (lambda m: m["attacks"][0], lambda s: s["properties"]["attacks"]["items"]),
    "stance": (lambda m: m["stances"][0], lambda s: s["properties"]["stances"]["items"]),
    "issue": (lambda m: m["issues"][0], lambda s: s["properties"]["issues"]["items"]),
    "rephrase": (lambda m: m["rephrases"][0], lambda s: s["properties"]["rephrases"]["items"]),
    "preference": (
        lambda m: m["preferences"][0],
        lambda s: s["properties"]["preferences"]["items"],
    ),
    "lint": (lambda m: m["lint"], lambda s: s["properties"]["lint"]),
    "lint ignore": (
        lambda m: m["lint"]["ignore"][0],
        lambda s: s["properties"]["lint"]["properties"]["ignore"]["items"],
    ),
}


def _schema() -> dict[str, Any]:
    text = resources.files("argmap.formats").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _problems(data: dict[str, Any]) -> list[str]:
    try:
        loads(yaml.safe_dump(data, sort_keys=False), "m.yaml")
    except MapError as exc:
        return [p.message for p in exc.problems]
    return []


def _validator_keys(part: str) -> set[str]:
    data = copy.deepcopy(BASE)
    PARTS[part][0](data)[BOGUS] = 1
    found = [m for m in _problems(data) if f"unknown key {BOGUS!r}" in m]
    assert len(found) == 1, (part, _problems(data))
    allowed = re.search(r"\(allowed: ([^)]*)\)", found[0])
    assert allowed, found[0]
    return set(allowed.group(1).split(", "))


def test_the_base_map_is_valid() -> None:
    assert _problems(BASE) == []


@pytest.mark.parametrize("part", sorted(PARTS))
def test_schema_and_validator_accept_the_same_keys(part: str) -> None:
    node = PARTS[part][1](_schema())
    assert node.get("additionalProperties") is False, f"the schema lets any key into a {part}"
    assert set(node["properties"]) == _validator_keys(part)


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    check = jsonschema.Draft202012Validator(_schema())
    assert list(check.iter_errors(BASE)) == []
    for part, (pick, _) in sorted(PARTS.items()):
        data = copy.deepcopy(BASE)
        pick(data)[BOGUS] = 1
        assert list(check.iter_errors(data)), part
