"""The native model as JSON: lossless round trips and positioned errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import argmap
from argmap.formats import json_native
from argmap.model import ArgumentMap

sys.path.insert(0, str(Path(__file__).parent))
from interchange_strategies import maps


def test_chicago_round_trip_and_keys(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    text = json_native.dumps(amap)
    assert json_native.loads(text) == amap
    data = json.loads(text)
    assert list(data)[:2] == ["argmap", "title"]
    assert data == json_native.to_data(amap)


@settings(max_examples=60, deadline=None)
@given(maps())
def test_round_trip_is_lossless(amap: ArgumentMap) -> None:
    assert json_native.loads(json_native.dumps(amap)) == amap


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"argmap": 1,\n "title": }', "x.json:2:11: invalid JSON"),
        ("", "x.json: the file is empty"),
        ("[1]", "x.json:1:1: a map must be a JSON object"),
        (
            '{"argmap": 1, "title": "t",\n "claims": [{"id": "a", "text": "A"}],\n'
            ' "supports": [{"from": "a", "to": "b"}]}',
            "x.json:3:",
        ),
        ('{"argmap": 1, "title": "t", "title": "u", "claims": []}', "x.json:1:"),
    ],
)
def test_errors_name_the_file_and_place(text: str, expected: str) -> None:
    with pytest.raises(argmap.MapError) as caught:
        json_native.loads(text, "x.json")
    assert str(caught.value).startswith(expected)
