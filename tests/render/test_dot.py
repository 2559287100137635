"""The DOT builder: escaping, parsing, determinism, marks, views."""

from __future__ import annotations

import re

import pydot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, Claim, Stakeholder, Stance, StanceKind, Support
from argmap.render.dot import build, build_dot, clean, label, quote, wrap
from argmap.render.style import MARKS
from argmap.render.views import select

SMALL = """
argmap: 1
title: Small
main: [top]
stakeholders:
  - {id: u, name: Union, power: 3, interest: 5, relations: [{type: opposes, to: c}]}
  - {id: c, name: City, power: 5, interest: 5}
claims:
  - {id: top, text: The top claim., kind: policy, tags: [t1]}
  - {id: a, text: A reason., tags: [t1]}
  - {id: b, text: A second linked premise.}
  - {id: x, text: An objection., kind: value}
  - {id: y, text: An undercutter.}
  - {id: far, text: Far away.}
supports:
  - {from: [a, b], to: top, id: ab}
  - {from: far, to: a}
attacks:
  - {from: x, to: top}
  - {from: y, to: ab}
stances:
  - {stakeholder: u, asserts: top}
  - {stakeholder: c, rejects: top}
  - {stakeholder: c, endorses: x}
"""

NASTY_TEXTS = [
    'quote " and \\" and \\',
    "back\\slash at end\\",
    "<b>tag</b> & &amp; &lt;",
    "{braces} [brackets] ; -> -- } digraph { evil",
    "new\nline\r\nand\ttab",
    "<script>alert(1)</script>",
    "\\N \\G \\l \\n escapes",
    "unicode: Zürich “quotes” 中文 \u2028 \u2029 \x00 \x1b",
    "-->",
]


def nasty_map(text: str, ident: str = "claim") -> ArgumentMap:
    return ArgumentMap(
        title=text,
        stakeholders=(Stakeholder(id=text[:20] or "h", name=text),),
        claims=(Claim(id=ident, text=text, label=text), Claim(id="other", text=text)),
        supports=(Support(id=f"{text}>x", premises=("other",), conclusion=ident),),
        stances=(Stance(stakeholder=text[:20] or "h", claim=ident, kind=StanceKind.ASSERTS),),
    )


def parse(dot: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs and len(graphs) == 1
    return graphs[0]


def node_names(g: pydot.Dot) -> set[str]:
    return {n.get_name() for n in g.get_nodes()}


@pytest.mark.parametrize("text", NASTY_TEXTS)
@pytest.mark.parametrize("view", ["argument", "stakeholders", "full"])
def test_nasty_text_parses_and_stays_text(text: str, view: str) -> None:
    amap = nasty_map(text, ident=text or "x")
    g = parse(build_dot(amap, view=view))
    assert len(g.get_nodes()) >= 2
    if view == "stakeholders":
        return
    node = g.get_node(quote("c:other"))[0]
    shown = " ".join(unescape(node.get("label")).split())
    assert " ".join(clean(text).split()) in shown


def unescape(dot_string: str) -> str:
    """What Graphviz reads from a quoted DOT label."""
    body = dot_string[1:-1]
    out = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "ln" else m.group(1), body)
    return out.replace("&amp;", "&")


def test_quote_and_label_escape() -> None:
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    assert quote("a\nb") == '"a\\nb"'
    assert label(['say "hi"', "a & b"]) == '"say \\"hi\\"\\la &amp; b\\l"'


def test_every_claim_and_edge_is_drawn() -> None:
    amap = argmap.loads(SMALL)
    g = parse(build_dot(amap))
    names = node_names(g)
    for c in amap.claims:
        assert f'"c:{c.id}"' in names
    assert '"s:ab"' in names  # linked support gets a junction
    edges = {(e.get_source(), e.get_destination()) for e in g.get_edges()}
    assert ('"c:a"', '"s:ab"') in edges and ('"c:b"', '"s:ab"') in edges
    assert ('"s:ab"', '"c:top"') in edges
    assert ('"c:far"', '"c:a"') in edges  # plain support: one arrow
    assert ('"c:y"', '"s:ab"') in edges  # undercut onto the support
    undercut = next(e for e in g.get_edges() if e.get_source() == '"c:y"')
    assert undercut.get("style") == '"dashed"'


def test_repeatable_byte_for_byte() -> None:
    amap = argmap.loads(SMALL)
    for view in ("argument", "stakeholders", "full"):
        assert build_dot(amap, view=view) == build_dot(argmap.loads(SMALL), view=view)


def test_marks_colour_items_and_show_in_the_legend() -> None:
    amap = argmap.loads(SMALL)
    plain = build_dot(amap)
    marked = build_dot(amap, marks={"top": "in", "x": "out", "ab": "added", "x!top": "removed"})
    assert "in (accepted)" in marked and "in (accepted)" not in plain
    assert MARKS["in"].fill in marked and MARKS["out"].fill in marked
    assert "added" in marked and "removed" in marked
    assert "undecided" not in marked
    parse(marked)
    assert build_dot(amap, marks={"no-such-id": "in"}) == plain
    with pytest.raises(ArgmapError, match="unknown mark"):
        build_dot(amap, marks={"top": "bogus"})


def test_unknown_view() -> None:
    with pytest.raises(ArgmapError, match="unknown view"):
        build_dot(argmap.loads(SMALL), view="nope")


def test_views_show_what_they_say() -> None:
    amap = argmap.loads(SMALL)
    stake = build_dot(amap, view="stakeholders")
    assert '"h:u" -> "h:c"' in stake and '"c:top"' not in stake
    full = build_dot(amap, view="full")
    assert '"h:u" -> "c:top"' in full and '"c:top" [' in full


def test_focus_depth_stakeholder_and_tag() -> None:
    amap = argmap.loads(SMALL)
    near = select(amap, focus="top", depth=1)
    assert {c.id for c in near.claims} == {"top", "a", "b", "x", "y"}
    assert {s.id for s in near.supports} == {"ab"}
    assert {c.id for c in select(amap, focus="top", depth=2).claims} == {c.id for c in amap.claims}
    assert {c.id for c in select(amap, focus="far", depth=0).claims} == {"far"}
    assert {c.id for c in select(amap, stakeholder="c").claims} == {"top", "x"}
    tagged = select(amap, tag="t1")
    assert {c.id for c in tagged.claims} == {"top", "a", "b"}  # the linked co-premise comes along
    with pytest.raises(UnknownIdError, match="did you mean 'top'"):
        select(amap, focus="tpo")
    with pytest.raises(UnknownIdError):
        select(amap, stakeholder="nobody")


def test_wrap() -> None:
    assert wrap("a bb ccc", 4) == ["a bb", "ccc"]
    assert wrap("x" * 10, 4) == ["xxxx", "xxxx", "xx"]
    assert wrap("   ", 4) == []


def test_decorations_follow_the_label_lines() -> None:
    amap = argmap.loads(SMALL)
    _dot, decor = build(amap)
    lines = decor["c0"]
    assert lines[0][0][0] == "POLICY"
    badges = "".join(t for t, _ in lines[-1])
    assert "u" in badges and "\u00d7c" in badges


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_text_gives_parseable_dot(text: str, ident: str) -> None:
    amap = nasty_map(text, ident=ident or "x")
    dot = build_dot(amap, view="full")
    assert dot == build_dot(amap, view="full")
    g = parse(dot)
    assert len(g.get_nodes()) >= 3


def test_a_hedged_claim_is_drawn_hedged() -> None:
    hedged = SMALL.replace(
        "{id: x, text: An objection., kind: value}",
        "{id: x, text: An objection., kind: value, hedge: possible, hedge_words: might}",
    ).replace(
        "{id: top, text: The top claim., kind: policy, tags: [t1]}",
        "{id: top, text: The top claim., kind: policy, tags: [t1], hedge: certain}",
    )
    g = parse(build_dot(argmap.loads(hedged)))
    nodes = {n.get_name(): n for n in g.get_nodes()}
    objection = nodes['"c:x"']
    assert "dotted" in objection.get("style")
    assert "VALUE · POSSIBLY" in objection.get("label")
    # "certain" is drawn like no hedge at all
    top = nodes['"c:top"']
    assert "dotted" not in top.get("style") and "CERTAIN" not in top.get("label")
    assert "the source hedges it" in nodes['"legend"'].get("label")
    assert "the source hedges it" not in build_dot(argmap.loads(SMALL))
