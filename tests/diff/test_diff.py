"""The semantic diff on small inline maps: what is reported, and how it is shown."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import argmap
from argmap.diff import diff_maps, drawing_overlay, stat, to_markdown, to_text, word_diff

sys.path.insert(0, str(Path(__file__).parent))
from samples import DIFF_BASE

BASE = DIFF_BASE


def edit(*pairs: tuple[str, str]) -> argmap.ArgumentMap:
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return argmap.loads(text)


@pytest.fixture
def base() -> argmap.ArgumentMap:
    return argmap.loads(BASE)


def test_text_kind_and_tags_changes_with_a_word_diff(base: argmap.ArgumentMap) -> None:
    new = edit(
        ("start at 9:30.", "start at 10:00 instead."),
        ("kind: policy\n    tags: [timetable]", "kind: value\n    tags: [timetable, health]"),
    )
    d = diff_maps(base, new)
    (change,) = d.claims_changed
    assert change.id == "later-start"
    assert [c.field for c in change.changes] == ["text", "kind", "tags"]
    assert change.changes[1].old == "policy" and change.changes[1].new == "value"
    assert change.changes[2].new == ["timetable", "health"]
    assert change.words == (
        ("=", "The school day should start at"),
        ("-", "9:30."),
        ("+", "10:00 instead."),
    )
    assert stat(d) == "claims: 1 changed"


def test_word_diff_of_equal_text_is_one_run() -> None:
    assert word_diff("a b  c", "a b c") == (("=", "a b c"),)


def test_relation_added_removed_and_flipped(base: argmap.ArgumentMap) -> None:
    new = edit(
        ("  - {from: sleep-helps, to: later-start}\n", ""),
        (
            "attacks:\n",
            "attacks:\n  - {from: sleep-helps, to: later-start}\n"
            "  - {from: buses-staggered, to: sleep-argument}\n",
        ),
        ("  - {from: buses-staggered, to: buses-cost}\n", ""),
    )
    d = diff_maps(base, new)
    assert [(f.source, f.target, f.old.type, f.new.type) for f in d.relations_flipped] == [
        ("sleep-helps", "later-start", "support", "attack")
    ]
    assert [(r.type, r.id) for r in d.relations_added] == [
        ("undercut", "buses-staggered!sleep-argument")
    ]
    assert [(r.type, r.id) for r in d.relations_removed] == [
        ("attack", "buses-staggered!buses-cost")
    ]
    assert not d.claims_changed


def test_support_weight_and_explicit_id_changes(base: argmap.ArgumentMap) -> None:
    new = edit(
        ("to: later-start, id: sleep-argument}", "to: later-start, id: sleep-case, weight: 0.7}")
    )
    d = diff_maps(base, new)
    (rc,) = d.relations_changed
    assert [(c.field, c.old, c.new) for c in rc.changes] == [
        ("id", "sleep-argument", "sleep-case"),
        ("weight", None, 0.7),
    ]
    assert not d.relations_added and not d.relations_removed


def test_hedges_inferences_and_relation_quotes_are_changes(base: argmap.ArgumentMap) -> None:
    new = edit(
        (
            "    kind: prediction\n",
            "    kind: prediction\n    hedge: possible\n    hedge_words: might\n",
        ),
        (
            "{from: buses-cost, to: later-start}",
            "{from: buses-cost, to: later-start, sources: [{source: report, quote: twice}]}",
        ),
        (
            "{stakeholder: teachers, endorses: later-start}",
            "{stakeholder: teachers, endorses: later-start, inferred: their union says so}",
        ),
    )
    d = diff_maps(base, new)
    (cc,) = d.claims_changed
    assert [(c.field, c.old, c.new) for c in cc.changes] == [
        ("hedge", None, "possible"),
        ("hedge_words", None, "might"),
    ]
    (rc,) = d.relations_changed
    assert [(c.field, c.new) for c in rc.changes] == [
        ("anchors", [{"source": "report", "quote": "twice"}])
    ]
    (sc,) = d.stances_changed
    assert [(c.field, c.new) for c in sc.changes] == [("inferred", "their union says so")]


def test_stakeholders_and_stances(base: argmap.ArgumentMap) -> None:
    new = edit(
        ("power: 3, interest: 5}", "power: 4, interest: 5}\n  - {id: parents, name: Parents}"),
        ("      - {type: governs, to: teachers}", "      - {type: funds, to: teachers}"),
        (
            "{stakeholder: teachers, endorses: later-start}",
            "{stakeholder: teachers, rejects: later-start}",
        ),
        (
            "rejects: later-start, strength: 0.6}",
            "rejects: later-start, strength: 0.6}\n"
            "  - {stakeholder: parents, asserts: sleep-helps}",
        ),
    )
    d = diff_maps(base, new)
    assert [s.id for s in d.stakeholders_added] == ["parents"]
    changes = {c.id: c for c in d.stakeholders_changed}
    assert [(c.field, c.old, c.new) for c in changes["teachers"].changes] == [("power", 3, 4)]
    assert changes["board"].relations_added == (("funds", "teachers", None),)
    assert changes["board"].relations_removed == (("governs", "teachers", None),)
    (sc,) = d.stances_changed
    assert (sc.stakeholder, sc.claim) == ("teachers", "later-start")
    assert [(c.field, c.old, c.new) for c in sc.changes] == [("stance", "endorses", "rejects")]
    assert [(s.stakeholder, s.claim) for s in d.stances_added] == [("parents", "sleep-helps")]


def test_rename_keeps_relations_and_stances_matched(base: argmap.ArgumentMap) -> None:
    new = argmap.loads(BASE.replace("later-start", "start-later").replace("at 9:30.", "at 9:45."))
    d = diff_maps(base, new)
    (r,) = d.claims_renamed
    assert (r.old_id, r.id) == ("later-start", "start-later")
    assert r.similarity is not None and 0.6 <= r.similarity < 1
    assert [c.field for c in r.changes] == ["text"]
    assert stat(d) == "claims: 1 renamed"  # `main`, relations and stances follow the rename


def test_rename_needs_similar_text(base: argmap.ArgumentMap) -> None:
    new = argmap.loads(
        BASE.replace("buses-staggered", "bus-waves").replace(
            "The buses already run in two waves.", "Parents can drive children in."
        )
    )
    d = diff_maps(base, new)
    assert not d.claims_renamed
    assert [c.id for c in d.claims_removed] == ["buses-staggered"]
    assert [c.id for c in d.claims_added] == ["bus-waves"]
    assert not diff_maps(base, new, renames=False).claims_renamed


def test_rename_prefers_the_claim_with_the_same_connections() -> None:
    text = """
argmap: 1
title: t
claims:
  - {id: a, text: Taxes should rise.}
  - {id: b, text: Taxes should rise.}
  - {id: x, text: Schools need money.}
  - {id: y, text: Growth would suffer.}
supports:
  - {from: x, to: a}
attacks:
  - {from: y, to: b}
"""
    old = argmap.loads(text)
    new = argmap.loads(
        text.replace("id: a,", "id: a2,")
        .replace("to: a}", "to: a2}")
        .replace("id: b,", "id: b2,")
        .replace("to: b}", "to: b2}")
    )
    assert diff_maps(old, new).renames == {"a": "a2", "b": "b2"}


def test_json_shape_is_stable(base: argmap.ArgumentMap) -> None:
    d = diff_maps(base, edit(("Students who sleep more", "Pupils who sleep more")))
    data = d.to_json()
    assert set(data) == {"claims", "relations", "stakeholders", "stances", "map"}
    assert set(data["claims"]) == {"added", "removed", "changed", "renamed"}
    assert set(data["relations"]) == {"added", "removed", "changed", "flipped"}
    assert data["claims"]["changed"][0]["words"][0] == ["-", "Students"]
    json.dumps(data)  # JSON-able


def test_text_output_quotes_map_text_and_colours_only_on_request(base: argmap.ArgumentMap) -> None:
    new = edit(("text: Students who sleep more learn better.", 'text: "Evil \\e[31m text"'))
    d = diff_maps(base, new)
    plain = to_text(d, "a", "b")
    assert "\x1b" not in plain
    assert "\\u001b" in plain
    coloured = to_text(d, "a", "b", color=True)
    assert "\x1b[33m" in coloured and coloured.count("\x1b[31m[-") == 1


def test_markdown_escapes_map_text(base: argmap.ArgumentMap) -> None:
    new = edit(("Students who sleep more learn better.", "<script>x</script> *bold* [l](u)"))
    out = to_markdown(diff_maps(base, new), "HEAD:m.yaml", "m.yaml")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "\\*bold\\*" in out and "\\[l\\]\\(u\\)" in out
    assert out.startswith("### argmap diff: HEAD:m\\.yaml → m\\.yaml")


def test_empty_diff_formats(base: argmap.ArgumentMap) -> None:
    d = diff_maps(base, base)
    assert d.is_empty()
    assert stat(d) == "no differences"
    assert to_text(d).endswith("no differences\n")


# --------------------------------------------------------------------------- overlay


def test_drawing_overlay_unions_both_versions_with_marks(base: argmap.ArgumentMap) -> None:
    new = argmap.loads(
        BASE.replace("buses-staggered", "waves")
        .replace("  - id: sleep-helps\n    text: Students who sleep more learn better.\n", "")
        .replace(
            "  - {from: [teens-sleep-late, sleep-helps], to: later-start, id: sleep-argument}\n", ""
        )
        .replace("  - {from: sleep-helps, to: later-start}\n", "")
        .replace("The school day should start at 9:30.", "The school day should start at 10.")
        .replace("claims:\n", "claims:\n  - {id: naps, text: Naps help too.}\n")
        .replace("supports:\n", "supports:\n  - {from: naps, to: later-start}\n")
    )
    union, marks = drawing_overlay(base, new)
    assert marks == {
        "later-start": "changed",
        "naps": "added",
        "naps>later-start": "added",
        "sleep-argument": "removed",
        "sleep-helps": "removed",
        "sleep-helps>later-start": "removed",
        "waves": "renamed",
    }
    ids = {c.id for c in union.claims}
    assert ids == {c.id for c in new.claims} | {"sleep-helps"}
    assert union.claim("later-start").text.endswith("at 10.")
    assert union.support("sleep-argument").premises == ("teens-sleep-late", "sleep-helps")
    assert {a.id for a in union.attacks} == {a.id for a in new.attacks}
    assert argmap.dumps(union)  # a well-formed map


def test_drawing_overlay_of_equal_maps_has_no_marks(base: argmap.ArgumentMap) -> None:
    union, marks = drawing_overlay(base, base)
    assert marks == {}
    assert union == base


def test_drawn_diff_dot_carries_the_marks(base: argmap.ArgumentMap) -> None:
    dot = pytest.importorskip("argmap.render.dot", reason="the renderer is not installed")
    style = pytest.importorskip("argmap.render.style", reason="the renderer is not installed")
    new = argmap.loads(
        BASE.replace("buses-staggered", "waves")
        .replace("The school day should start at 9:30.", "The school day should start at 10.")
        .replace("  - {from: sleep-helps, to: later-start}\n", "")
        .replace("claims:\n", "claims:\n  - {id: naps, text: Naps help too.}\n")
        .replace("supports:\n", "supports:\n  - {from: naps, to: later-start}\n")
    )
    union, marks = drawing_overlay(base, new)
    assert set(marks.values()) == {"added", "removed", "changed", "renamed"}
    plain = dot.build_dot(union)
    drawn = dot.build_dot(union, marks=marks)
    assert drawn != plain
    assert drawn == dot.build_dot(union, marks=marks)  # deterministic
    for name in ("added", "removed", "changed", "renamed"):
        mark = style.MARKS[name]
        assert mark.border is not None and mark.border in drawn, name
        assert mark.legend in drawn, name
    assert "dashed" in drawn  # removed parts
    assert "Naps help too." in drawn and "10." in drawn
    assert "Students who" in drawn  # the removed claim is drawn too


# --------------------------------------------------------------------------- verdicts


def test_evaluate_explains_label_changes(base: argmap.ArgumentMap) -> None:
    pytest.importorskip("argmap.analysis.semantics", reason="evaluation is not installed")
    new = edit(("  - {from: buses-staggered, to: buses-cost}\n", ""))
    d = diff_maps(base, new, evaluate="grounded")
    assert d.semantics == "grounded"
    by_id = {v.id: v for v in d.verdicts or ()}
    assert by_id["buses-cost"].old == "out" and by_id["buses-cost"].new == "in"
    assert by_id["buses-cost"].why == ("attack from buses-staggered removed",)
    assert by_id["later-start"].new == "out"
    assert "attacker buses-cost is now in (was out)" in by_id["later-start"].why
    assert "verdicts (grounded):" in to_text(d)
    assert d.to_json()["verdicts"]["changed"][0]["id"] == "buses-cost"
    assert diff_maps(base, base, evaluate="grounded").verdicts == ()


# --------------------------------------------------------------------------- git driver


# --------------------------------------------------------------------------- CLI


def test_items_in_the_same_order_diff_as_items_in_any_order(chicago_path: Path) -> None:
    """Revisions that keep their relations and stances in order are diffed by
    a fast path; the answer is the one of the general path, which reordered
    revisions take."""
    import random
    from dataclasses import replace

    old = argmap.load(chicago_path)
    supports = list(old.supports)
    supports[0] = replace(supports[0], weight=0.25, note="revised")
    attacks = list(old.attacks)
    attacks[-1] = replace(attacks[-1], weight=0.75)
    stances = list(old.stances)
    stances[1] = replace(stances[1], strength=0.5)
    new = replace(old, supports=tuple(supports), attacks=tuple(attacks), stances=tuple(stances))
    rng = random.Random(3)
    shuffled = replace(
        new,
        supports=tuple(rng.sample(supports, len(supports))),
        attacks=tuple(rng.sample(attacks, len(attacks))),
        stances=tuple(rng.sample(stances, len(stances))),
    )
    fast, general = diff_maps(old, new), diff_maps(old, shuffled)
    assert fast.to_json() == general.to_json()
    assert len(fast.relations_changed) == 2 and len(fast.stances_changed) == 1
