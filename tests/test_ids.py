"""argmap.ids: what an id is, the derived ids, and foreign names made ids."""

from __future__ import annotations

import pytest

from argmap import ids
from argmap.errors import MapError
from argmap.formats.yaml import loads


@pytest.mark.parametrize(
    ("text", "valid"),
    [("a", True), ("_x.1-b", True), ("9lives", True), ("-a", False), (".a", False),
     ("a b", False), ("", False), ("a" * 200, True), ("a" * 201, False)],
)  # fmt: skip
def test_is_id_agrees_with_the_validator(text: str, valid: bool) -> None:
    assert ids.is_id(text) is valid
    problems: list[str] = []
    try:
        loads(f"argmap: 1\ntitle: t\nclaims:\n  - {{id: {text!r}, text: T}}\n")
    except MapError as exc:
        problems.append(str(exc))
    assert (not problems) is valid, problems


def test_derived_ids() -> None:
    assert ids.support_id(["a", "c"], "b") == "a+c>b"
    assert ids.attack_id("x", "b") == "x!b"
    assert ids.rephrase_id("a", "b") == "a~b"
    assert ids.preference_id("a", "b") == "a^b"


def test_slug_keeps_ids_and_cleans_the_rest() -> None:
    assert ids.slug("keep-me") == "keep-me"
    assert ids.slug("Two words, and more!") == "Two-words-and-more"
    assert ids.slug("¬app(a1)") == "app-a1"
    assert ids.slug("!!!") == "statement"
    assert ids.slug("!!!", fallback="arg-x") == "arg-x"
    assert ids.slug("12", prefix="n", digits=False) == "n12"
    assert ids.slug("12", prefix="n") == "12"
    long = ids.slug("x " * 300)
    assert len(long) == ids.ID_MAX and ids.is_id(long)


def test_id_pool_hands_out_unique_ids() -> None:
    pool = ids.IdPool(["a"])
    assert [pool.take("a"), pool.take("a"), pool.take("b"), pool.take("b")] == [
        "a-2",
        "a-3",
        "b",
        "b-2",
    ]
