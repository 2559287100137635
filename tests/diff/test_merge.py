"""Three-way merge: what combines, what conflicts, and how the result is written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import argmap
from argmap.diff import merge_maps, merge_text
from argmap.errors import MapError

sys.path.insert(0, str(Path(__file__).parent))
from samples import MERGE_BASE, edit

BASE = MERGE_BASE


def merge(base: str, ours: str, theirs: str) -> tuple[argmap.MergeResult, str]:
    result = merge_maps(argmap.loads(base), argmap.loads(ours), argmap.loads(theirs))
    return result, merge_text(result, ours)


def problems(text: str) -> list[str]:
    with pytest.raises(MapError) as info:
        argmap.loads(text, "m.yaml")
    return [str(p) for p in info.value.problems]


def test_edits_to_neighbouring_claims_combine_and_keep_ours_layout() -> None:
    ours = edit(BASE, "dredged this year.", "dredged before next summer.")
    theirs = edit(BASE, "old pollution in the silt.", "old pollution buried in the silt.")
    result, text = merge(BASE, ours, theirs)
    assert result.clean and result.conflicts == ()
    # ours' text with exactly theirs' one line changed: comments and order kept
    assert text == edit(ours, "old pollution in the silt.", "old pollution buried in the silt.")
    assert argmap.loads(text) == result.merged


def test_same_change_on_both_sides_is_taken_once() -> None:
    ours = edit(BASE, "every winter.", "every single winter.")
    result, text = merge(BASE, ours, ours)
    assert result.clean
    assert text == ours


def test_one_sided_merges_return_that_side() -> None:
    ours = edit(BASE, "    power: 4\n", "    power: 5\n")
    assert merge(BASE, ours, BASE)[1] == ours
    assert merge(BASE, BASE, ours)[0].merged == argmap.loads(ours)


def test_field_conflict_is_reported_and_marked_for_validate() -> None:
    ours = edit(BASE, "every winter.", "every winter, ours.")
    theirs = edit(BASE, "every winter.", "every spring.")
    result, text = merge(BASE, ours, theirs)
    assert not result.clean
    (c,) = result.conflicts
    assert c.to_json() == {
        "section": "claims",
        "item": "d",
        "kind": "field",
        "field": "text",
        "ours": "The channel silts up every winter, ours.",
        "theirs": "The channel silts up every spring.",
        "message": "claim 'd': text changed on both sides: "
        'ours "The channel silts up every winter, ours.", '
        'theirs "The channel silts up every spring."',
    }
    assert (
        "    conflict:\n"
        "      text:\n"
        '        ours: "The channel silts up every winter, ours."\n'
        "        theirs: The channel silts up every spring.\n"
    ) in text
    line = text.split("\n").index("    conflict:") + 1
    (message,) = problems(text)
    assert message.startswith(f"m.yaml:{line}:5: unresolved merge conflict in claim 'd': text is ")
    assert "keep one of ours/theirs" in message
    # resolving: keep theirs' value and drop the conflict key
    lines = text.split("\n")
    resolved = "\n".join(lines[: line - 1] + lines[line + 3 :])
    resolved = edit(resolved, "every winter, ours.", "every spring.")
    assert argmap.loads(resolved) == argmap.loads(theirs)


def test_rename_on_one_side_follows_into_the_others_new_references() -> None:
    ours = BASE.replace("id: c\n", "id: jobs\n").replace("{from: c, to: a}", "{from: jobs, to: a}")
    ours = ours.replace("endorses: [c, d]", "endorses: [jobs, d]")
    theirs = edit(BASE, "  - {from: b, to: a}\n", "  - {from: b, to: a}\n  - {from: c, to: b}\n")
    result, text = merge(BASE, ours, theirs)
    assert result.clean, result.conflicts
    assert result.renames == {"c": "jobs"}
    merged = argmap.loads(text)
    assert {(a.attacker, a.target) for a in merged.attacks} == {("b", "a"), ("jobs", "b")}
    assert not merged.has_claim("c")
    # and the other way round: theirs renames, ours refers to the old id
    result2, text2 = merge(BASE, theirs, ours)
    assert result2.clean
    assert {(a.attacker, a.target) for a in argmap.loads(text2).attacks} == {
        ("b", "a"),
        ("jobs", "b"),
    }


def test_rename_follows_into_derived_relation_ids_and_undercuts() -> None:
    base = edit(BASE, "  - {from: b, to: a}\n", "  - {from: b, to: a}\n  - {from: b, to: c>a}\n")
    ours = base.replace("id: c\n", "id: jobs\n").replace("{from: c, to: a}", "{from: jobs, to: a}")
    ours = ours.replace("endorses: [c, d]", "endorses: [jobs, d]").replace(
        "to: c>a}", "to: jobs>a}"
    )
    theirs = edit(base, "{from: c, to: a}", "{from: c, to: a, weight: 0.8}")
    result, text = merge(base, ours, theirs)
    assert result.clean, result.conflicts
    merged = argmap.loads(text)
    assert merged.support("jobs>a").weight == 0.8
    assert any(a.target == "jobs>a" for a in merged.attacks)


def test_delete_versus_edit_conflicts_and_keeps_the_edit() -> None:
    ours = edit(BASE, "  - id: b\n    text: Dredging stirs up old pollution in the silt.\n", "")
    ours = edit(ours, "attacks:\n  - {from: b, to: a}\n\n", "")
    theirs = edit(BASE, "old pollution in the silt.", "old pollution, lead included.")
    result, text = merge(BASE, ours, theirs)
    kinds = {(c.section, c.item, c.kind) for c in result.conflicts}
    assert ("claims", "b", "delete-change") in kinds
    assert "ours: deleted" in text and "theirs: changed text" in text
    assert "old pollution, lead included." in text  # nothing is lost
    messages = problems(text)
    assert any("unresolved merge conflict in claim 'b': ours deleted it" in m for m in messages)


def test_delete_versus_new_reference_conflicts() -> None:
    ours = edit(BASE, "  - id: d\n    text: The channel silts up every winter.\n", "")
    ours = edit(ours, "  - {from: d, to: a}\n", "").replace("[c, d]", "[c]")
    theirs = edit(BASE, "  - {from: b, to: a}\n", "  - {from: b, to: a}\n  - {from: d, to: c}\n")
    result, text = merge(BASE, ours, theirs)
    (c,) = result.conflicts
    assert (c.section, c.item, c.kind) == ("claims", "d", "delete-reference")
    assert "attack 'd!c'" in c.message
    assert any("unresolved merge conflict in claim 'd'" in m for m in problems(text))


def test_both_sides_renaming_one_claim_differently_conflicts() -> None:
    ours = BASE.replace("id: c\n", "id: jobs\n").replace("from: c,", "from: jobs,")
    ours = ours.replace("[c, d]", "[jobs, d]")
    theirs = BASE.replace("id: c\n", "id: work\n").replace("from: c,", "from: work,")
    theirs = theirs.replace("[c, d]", "[work, d]")
    result, text = merge(BASE, ours, theirs)
    (c,) = result.conflicts
    assert (c.kind, c.field, c.ours, c.theirs) == ("rename", "id", "jobs", "work")
    assert "id:\n        ours: jobs\n        theirs: work" in text


def test_stakeholders_and_stances_merge_field_by_field() -> None:
    ours = edit(BASE, "    power: 4\n", "    power: 5\n")
    ours = edit(
        ours, "{stakeholder: port, asserts: a}", "{stakeholder: port, asserts: a, strength: 0.9}"
    )
    theirs = edit(BASE, "    kind: agency\n", "    kind: agency\n    interest: 3\n")
    theirs = edit(
        theirs,
        "    kind: government\n",
        "    kind: government\n    relations:\n      - {type: opposes, to: port}\n",
    )
    result, text = merge(BASE, ours, theirs)
    assert result.clean
    merged = argmap.loads(text)
    port, town = merged.stakeholder("port"), merged.stakeholder("town")
    assert (port.power, port.interest) == (5, 3)
    assert [(str(r.kind), r.target) for r in town.relations] == [("opposes", "port")]
    assert merged.stances_of("port")[0].strength == 0.9


def test_tags_merge_as_sets_and_map_title_conflicts() -> None:
    base = edit(BASE, "    kind: policy\n", "    kind: policy\n    tags: [port]\n")
    ours = edit(base, "tags: [port]", "tags: [port, money]")
    ours = edit(ours, "title: Harbour debate", "title: Harbour debate (ours)")
    theirs = edit(base, "tags: [port]", "tags: [port, nature]")
    theirs = edit(theirs, "title: Harbour debate", "title: The harbour")
    result, text = merge(base, ours, theirs)
    assert result.merged.claim("a").tags == ("port", "money", "nature")
    (c,) = result.conflicts
    assert (c.section, c.field) == ("map", "title")
    assert any("unresolved merge conflict in the map: title is" in m for m in problems(text))


def test_new_items_on_theirs_side_follow_their_predecessor() -> None:
    theirs = edit(BASE, "  - id: c\n", "  - id: e\n    text: Tourism would drop.\n  - id: c\n")
    result, text = merge(BASE, BASE, theirs)
    assert [c.id for c in result.merged.claims] == ["a", "b", "e", "c", "d"]
    assert text == theirs


def test_a_flow_style_section_is_rewritten_whole() -> None:
    base = "argmap: 1\ntitle: T\nclaims: [{id: a, text: One.}, {id: b, text: Two.}]\n"
    theirs = "argmap: 1\ntitle: T\nclaims: [{id: a, text: One!}, {id: b, text: Two.}]\n"
    result, text = merge(base, base, theirs)
    assert result.clean
    assert argmap.loads(text) == argmap.loads(theirs)


# --------------------------------------------------------------------------- CLI


def test_a_rename_from_theirs_patches_only_the_lines_that_name_it() -> None:
    theirs = BASE.replace("id: c\n", "id: jobs\n").replace(
        "{from: c, to: a}", "{from: jobs, to: a}"
    )
    theirs = theirs.replace("endorses: [c, d]", "endorses: [jobs, d]")
    ours = edit(
        BASE, "    kind: policy\n", "    kind: policy\n    # keep this comment\n    weight: 0.5\n"
    )
    result, text = merge(BASE, ours, theirs)
    assert result.clean
    expected = ours.replace("id: c\n", "id: jobs\n").replace(
        "{from: c, to: a}", "{from: jobs, to: a}"
    )
    assert text == expected.replace("endorses: [c, d]", "endorses: [jobs, d]")


def test_a_changed_key_of_a_block_entry_is_rewritten_alone() -> None:
    base = edit(
        BASE, "  - {from: d, to: a}\n", "  - from: d\n    # why\n    to: a\n    note: old\n"
    )
    ours = edit(base, "note: old", "note: ours")
    theirs = edit(base, "    to: a\n    note: old\n", "    to: a\n    note: old\n    weight: 0.4\n")
    result, text = merge(base, ours, theirs)
    assert result.clean
    assert text == edit(ours, "    note: ours\n", "    note: ours\n    weight: 0.4\n")
