"""Kialo plain-text export import (fixtures written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import kialo, registry
from argmap.model import ArgumentMap

FIXTURE = Path(__file__).parent / "kialo" / "school.txt"


def test_items_links_and_multi_line_texts() -> None:
    amap = kialo.loads(FIXTURE.read_text("utf-8"), str(FIXTURE))
    assert argmap.loads(argmap.dumps(amap)) == amap
    assert amap.title == "Should the school day start later?"
    assert amap.main == ("1",)
    assert [c.id for c in amap.claims] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.3"]
    assert amap.claim("1.1.1").text == "Not every teenager is a night owl;\nsome are up at six."
    assert {(s.premises[0], s.conclusion) for s in amap.supports} == {
        ("1.1", "1"),
        ("1.1.2", "1.1"),
        ("1.1.1", "1.2"),  # -> See 1.1.1.
        ("1.3", "1"),
        ("1.1.2", "1.3"),  # -> See 1.1.2.
    }
    assert {(a.attacker, a.target) for a in amap.attacks} == {
        ("1.1.1", "1.1"),
        ("1.2", "1"),
        ("1.2.1", "1.2"),
    }


def test_read_by_suffix_and_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "school.txt"
    path.write_text(FIXTURE.read_text("utf-8"), "utf-8")
    assert registry.read(path).title == "Should the school day start later?"


def test_numbered_line_without_a_parent_continues_the_text() -> None:
    amap = kialo.loads("1. Thesis\n1.1. Pro: Two reasons:\n3.4. is not an item\n")
    assert amap.claim("1.1").text == "Two reasons:\n3.4. is not an item"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "no numbered items"),
        ("hello\n1. x\n", 1, "expected 'Discussion Title:'"),
        ("1. x\n1.1. maybe\n", 2, "expected 'Pro:' or 'Con:'"),
        ("1. Pro: x\n", 1, "cannot be a Pro"),
        ("1. x\n1.1. Pro: -> See 1.9.\n", 2, "points at no item"),
        ("1. x\n1.1. Pro: y\n1.2. Con: -> See 1.1.\n1.2.1. Pro: z\n", 4, "is a link"),
    ],
)
def test_malformed_input_is_a_clear_error(text: str, line: int, message: str) -> None:
    with pytest.raises(argmap.MapError) as caught:
        kialo.loads(text, "d.txt")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("d.txt", line)
    assert message in problem.message


def _tree_to_kialo(amap: ArgumentMap, sides: dict[str, str]) -> str:
    lines = [f"Discussion Title: {amap.title}", ""]
    for c in amap.claims:
        side = sides.get(c.id)
        lines.append(f"{c.id}. " + (f"{side}: " if side else "") + c.text)
    return "\n".join(lines) + "\n"


_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).filter(lambda t: t.strip() == t and t and not t[0].isdigit() and not t.startswith("->"))


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_tree_round_trip(data: st.DataObject) -> None:
    # Kialo carries a tree: ids are the numbers, each item supports or attacks its
    # parent. It cannot carry anything else of a map (kinds, stakeholders, ...).
    numbers = ["1"]
    sides: dict[str, str] = {}
    for _ in range(data.draw(st.integers(0, 8))):
        parent = data.draw(st.sampled_from(numbers))
        child = f"{parent}.{sum(1 for n in numbers if n.rpartition('.')[0] == parent) + 1}"
        numbers.append(child)
        sides[child] = data.draw(st.sampled_from(["Pro", "Con"]))
    texts = {n: data.draw(_LINE) for n in numbers}
    title = data.draw(_LINE)
    source = f"Discussion Title: {title}\n\n" + "".join(
        f"{n}. " + (f"{sides[n]}: " if n in sides else "") + texts[n] + "\n" for n in numbers
    )
    amap = kialo.loads(source)
    assert argmap.loads(argmap.dumps(amap)) == amap
    assert amap.title == title
    assert {c.id: c.text for c in amap.claims} == texts
    assert _tree_to_kialo(amap, sides) == source
