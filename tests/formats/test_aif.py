"""AIF JSON import and export: node-type mapping, the AraucariaDB corpus, errors, round trips."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import argmap
from argmap.analysis.stats import stats
from argmap.formats import aif
from argmap.model import ArgumentMap, AttackKind, StanceKind

sys.path.insert(0, str(Path(__file__).parent))
from interchange_strategies import maps


def _aif(nodes: list[tuple[Any, str, str]], edges: list[tuple[Any, Any]], **extra: Any) -> str:
    data: dict[str, Any] = {
        "nodes": [{"nodeID": n, "text": t, "type": k} for n, t, k in nodes],
        "edges": [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
    }
    data.update(extra)
    return json.dumps(data)


def _check_native(amap: ArgumentMap) -> None:
    assert argmap.loads(argmap.dumps(amap)) == amap


def test_node_types_map_to_the_model() -> None:
    text = _aif(
        [
            ("1", "Premise one", "I"),
            ("2", "Premise two", "I"),
            ("3", "Conclusion", "I"),
            ("4", "Objection", "I"),
            ("5", "Undercutter", "I"),
            ("6", "Restated conclusion", "I"),
            ("10", "Default Inference", "RA"),
            ("11", "Default Conflict", "CA"),
            ("12", "Default Conflict", "CA"),
            ("13", "Default Rephrase", "MA"),
            ("14", "Default Preference", "PA"),
        ],
        [
            ("1", "10"),
            ("2", "10"),
            ("10", "3"),
            ("4", "11"),
            ("11", "3"),
            ("5", "12"),
            ("12", "10"),
            ("3", "13"),
            ("13", "6"),
            ("3", "14"),
            ("14", "4"),
        ],
    )
    amap = aif.loads(text, "x.json")
    _check_native(amap)
    assert [c.id for c in amap.claims] == ["n1", "n2", "n3", "n4", "n5", "n6"]
    assert amap.claim("n1").text == "Premise one"
    (support,) = amap.supports
    assert (support.id, support.premises, support.conclusion) == ("n10", ("n1", "n2"), "n3")
    attacks = {a.id: (a.attacker, a.target, a.kind) for a in amap.attacks}
    assert attacks == {
        "n11": ("n4", "n3", AttackKind.REBUTS),
        "n12": ("n5", "n10", AttackKind.UNDERCUTS),
    }
    assert [(r.id, r.original, r.restatement) for r in amap.rephrases] == [("n13", "n3", "n6")]
    assert [(p.id, p.preferred, p.over) for p in amap.preferences] == [("n14", "n3", "n4")]
    assert amap.title == "x"


def test_ra_with_two_conclusions_gives_one_support_each_and_undercuts_both() -> None:
    text = _aif(
        [
            ("a", "A", "I"),
            ("b", "B", "I"),
            ("c", "C", "I"),
            ("u", "U", "I"),
            ("r", "RA", "RA"),
            ("x", "CA", "CA"),
        ],
        [("a", "r"), ("r", "b"), ("r", "c"), ("u", "x"), ("x", "r")],
    )
    amap = aif.loads(text)
    _check_native(amap)
    assert [(s.id, s.conclusion) for s in amap.supports] == [("r-1", "b"), ("r-2", "c")]
    assert sorted(a.target for a in amap.attacks) == ["r-1", "r-2"]
    assert all(a.kind is AttackKind.UNDERCUTS for a in amap.attacks)


def test_unrepresentable_parts_are_counted_not_fatal() -> None:
    text = _aif(
        [
            ("1", "", "I"),
            ("2", "B", "I"),
            ("3", "C", "I"),
            ("10", "RA", "RA"),
            ("11", "RA", "RA"),
            ("12", "CA", "CA"),
            ("13", "CA", "CA"),
            ("14", "RA", "RA"),
        ],
        [
            ("1", "10"),
            ("10", "2"),
            ("1", "11"),  # a duplicate of RA 10
            ("11", "2"),
            ("2", "12"),
            ("12", "3"),
            ("3", "13"),
            ("13", "12"),  # a conflict aimed at a conflict
            ("2", "14"),  # an RA without a conclusion
        ],
    )
    result = aif.read(text)
    _check_native(result.map)
    assert result.map.claim("n1").text == aif.EMPTY_TEXT
    assert len(result.map.supports) == 1
    assert [(a.attacker, a.target) for a in result.map.attacks] == [("n2", "n3")]
    assert result.dropped["duplicate inferences merged"] == 1
    assert result.dropped["conflicts aimed at a CA node dropped"] == 1
    assert result.dropped["RA nodes without an I-node premise and conclusion"] == 1
    assert any("merged" in note for note in result.notes())


def test_locutions_give_stakeholders_and_stances() -> None:
    text = _aif(
        [
            ("1", "Tax cuts help", "I"),
            ("2", "No they do not", "I"),
            ("3", "Same here", "I"),
            ("20", "Bob : tax cuts help", "L"),
            ("21", "Asserting", "YA"),
            ("22", "Alice says 'no they do not'", "L"),
            ("23", "YA_abc", "YA"),
            ("24", "Bob : I disagree", "L"),
            ("25", "Disagreeing", "YA"),
            ("26", "Carol : what?", "L"),
            ("27", "Pure Questioning", "YA"),
            ("28", "Agreeing", "YA"),
            ("30", "Default Transition", "TA"),
        ],
        [
            ("20", "21"),
            ("21", "1"),
            ("22", "23"),
            ("23", "2"),
            ("24", "25"),
            ("25", "2"),
            ("26", "27"),
            ("27", "1"),
            ("24", "28"),
            ("28", "3"),
            ("20", "30"),
            ("30", "22"),
        ],
        locutions=[{"nodeID": "24", "personID": 7}],
        participants=[{"participantID": 7, "firstname": "Robert", "surname": "Jones"}],
    )
    amap = aif.loads(text)
    _check_native(amap)
    assert [(h.id, h.name) for h in amap.stakeholders] == [
        ("bob", "Bob"),
        ("alice", "Alice"),
        ("p7", "Robert Jones"),
    ]
    assert {(s.stakeholder, s.claim, s.kind) for s in amap.stances} == {
        ("bob", "n1", StanceKind.ASSERTS),
        ("alice", "n2", StanceKind.ASSERTS),
        ("p7", "n2", StanceKind.REJECTS),
        ("p7", "n3", StanceKind.ENDORSES),
    }


def test_ova3_wrapper_and_integer_ids() -> None:
    inner = json.loads(_aif([(1, "A", "I"), (2, "B", "I"), (3, "RA", "RA")], [(1, 3), (3, 2)]))
    text = json.dumps({"AIF": inner, "OVA": {"nodes": []}, "text": "<p>A so B</p>"})
    amap = aif.loads(text)
    assert [(s.premises, s.conclusion) for s in amap.supports] == [(("n1",), "n2")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('{"nodes": [', "x.json:1:12: invalid JSON"),
        ("[1, 2]", "x.json: $: AIF must be a JSON object"),
        ('{"edges": []}', "x.json: $: AIF needs a 'nodes' list"),
        ('{"nodes": [{"text": "a", "type": "I"}]}', "x.json: $.nodes[0]: missing or invalid"),
        (
            '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], '
            '"edges": [{"fromID": "1", "toID": "9"}]}',
            "x.json: $.edges[0].toID: unknown node '9'",
        ),
        (
            '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, '
            '{"nodeID": "1", "text": "b", "type": "I"}]}',
            "x.json: $.nodes[1].nodeID: duplicate nodeID '1'",
        ),
        ('{"AIF": {"nodes": 3}}', "x.json: $.AIF: AIF needs a 'nodes' list"),
    ],
)
def test_malformed_input_is_a_clear_error(text: str, place: str) -> None:
    with pytest.raises(argmap.MapError) as caught:
        aif.loads(text, "x.json")
    assert str(caught.value).startswith(place)


def _direct_counts(data: dict[str, Any]) -> dict[str, int]:
    """Count the file's node types the way the mapping table says."""
    kind = {n["nodeID"]: n["type"] for n in data["nodes"]}
    ins: dict[str, list[str]] = defaultdict(list)
    outs: dict[str, list[str]] = defaultdict(list)
    for e in data["edges"]:
        outs[e["fromID"]].append(e["toID"])
        ins[e["toID"]].append(e["fromID"])
    inferences = {
        (frozenset(p for p in ins[n] if kind[p] == "I"), c)
        for n, k in kind.items()
        if k == "RA"
        for c in outs[n]
        if kind[c] == "I"
    }
    conflicts = [(n, t) for n, k in kind.items() if k == "CA" for t in outs[n]]
    speakers = set()
    for n, k in kind.items():
        if k == "L":
            speakers.add(data["nodes"][[x["nodeID"] for x in data["nodes"]].index(n)]["text"])
    return {
        "claims": sum(1 for k in kind.values() if k == "I"),
        "supports": len(inferences),
        "rebuts": sum(1 for _, t in conflicts if kind[t] == "I"),
        "undercuts": sum(1 for _, t in conflicts if kind[t] == "RA"),
        "stances": sum(1 for k in kind.values() if k == "YA"),
        "rephrases": sum(1 for k in kind.values() if k == "MA"),
        "preferences": sum(1 for k in kind.values() if k == "PA"),
    }


def test_every_araucaria_map_imports_with_matching_counts(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "araucaria-aif").glob("*.json"))
    assert len(files) == 661
    for path in files:
        text = path.read_text("utf-8")
        amap = aif.loads(text, str(path))
        counts = stats(amap)
        direct = _direct_counts(json.loads(text))
        got = {
            "claims": counts["claims"]["total"],
            "supports": counts["supports"]["total"],
            "rebuts": counts["attacks"]["rebuts"],
            "undercuts": counts["attacks"]["undercuts"],
            "stances": counts["stances"]["total"],
            "rephrases": counts["rephrases"],
            "preferences": counts["preferences"],
        }
        assert got == direct, path.name
        assert argmap.loads(argmap.dumps(amap)) == amap, path.name
        again = aif.loads(aif.dumps(amap), str(path))
        assert again == amap, path.name


def test_duplicate_inferences_in_the_corpus_are_merged(shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "araucaria-aif" / "nodeset531.json"
    result = aif.read(path.read_text("utf-8"), str(path))
    assert result.dropped == {"duplicate inferences merged": 3}


def test_export_is_deterministic_json_with_argmap_ids(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    text = aif.dumps(amap)
    assert text == aif.dumps(amap)
    data = json.loads(text)
    ids = {n["nodeID"] for n in data["nodes"]}
    assert {c.id for c in amap.claims} <= ids
    assert {s.id for s in amap.supports} <= ids


# What AIF cannot carry: claim kinds, labels, tags, anchors, assumed, weights and
# notes; sources, issues, the title, description and main claims; stakeholders'
# attributes (kind, power, ...) and relations, stakeholders without stances;
# stance strengths, anchors and notes; support weights and notes; attack weights
# and notes.
def _aif_part(amap: ArgumentMap) -> tuple[Any, ...]:
    speakers = {s.stakeholder for s in amap.stances}
    return (
        [(c.id, c.text) for c in amap.claims],
        [(s.id, s.premises, s.conclusion, s.scheme, s.explicit_id) for s in amap.supports],
        [(a.id, a.attacker, a.target, a.kind, a.explicit_id) for a in amap.attacks],
        [(s.stakeholder, s.claim, s.kind) for s in amap.stances],
        [(h.id, h.name) for h in amap.stakeholders if h.id in speakers],
        amap.rephrases,
        amap.preferences,
    )


@settings(max_examples=60, deadline=None)
@given(maps())
def test_round_trip_keeps_what_aif_carries(amap: ArgumentMap) -> None:
    again = aif.loads(aif.dumps(amap))
    _check_native(again)
    assert _aif_part(again) == _aif_part(amap)
