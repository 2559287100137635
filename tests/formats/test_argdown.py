"""Argdown export and import; the real Argdown parser accepts the output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import argdown
from argmap.model import ArgumentMap, AttackKind, Hedge, Source

sys.path.insert(0, str(Path(__file__).parent))
from interchange_strategies import maps

ROOT = Path(__file__).resolve().parents[2]

SMALL = """
argmap: 1
title: "Later start? === a [test] #1"
stakeholders:
  - {id: board, name: School board}
  - {id: teachers, name: "Teachers' union"}
claims:
  - id: later-start
    text: "The school day should start at 9:30 (not 8:00) -- see e.g. [1] & <2>."
    tags: [timetable, two words]
  - {id: teens, text: "Teenagers sleep late; *really* late_ish #sleep @home // no comment"}
  - {id: learning, text: "Students who sleep more learn better: .x. :y: {z} \\\\ back"}
  - {id: buses, text: "+ A later start means running the buses twice."}
  - {id: staggered, text: "- The buses already run in two waves."}
  - {id: cost, text: It is cheap.}
supports:
  - {from: [teens, learning], to: later-start, id: sleep-argument, scheme: Cause to effect}
  - {from: learning, to: later-start}
  - {from: cost, to: later-start}
  - {from: teens, to: learning}
attacks:
  - {from: buses, to: later-start}
  - {from: staggered, to: buses}
  - {from: buses, to: sleep-argument}
  - {from: staggered, to: "cost>later-start"}
stances:
  - {stakeholder: teachers, asserts: later-start}
  - {stakeholder: board, rejects: [later-start]}
  - {stakeholder: board, endorses: buses}
"""


def _carried(amap: ArgumentMap) -> tuple[Any, ...]:
    """What Argdown carries. It cannot carry: claim kinds, labels, anchors,
    assumed, weights and notes; line breaks and runs of spaces in texts (written
    as one space); tags containing ')'; support weights and notes; attack ids,
    weights and notes (attacks get derived ids); stakeholder attributes other
    than the name, and relations; stance strengths, anchors and notes; sources,
    issues, main claims, rephrases and preferences; the order of supports."""
    return (
        amap.title,
        amap.description,
        [(c.id, c.text, c.tags) for c in amap.claims],
        sorted(
            (s.id, s.premises, s.conclusion, s.scheme or "", s.explicit_id) for s in amap.supports
        ),
        sorted((a.attacker, a.target, a.kind) for a in amap.attacks),
        [(h.id, h.name) for h in amap.stakeholders],
        sorted((s.stakeholder, s.claim, s.kind) for s in amap.stances),
    )


def test_export_shapes() -> None:
    text = argdown.dumps(argmap.loads(SMALL))
    assert text.startswith('===\ntitle: "Later start? \\u003d\\u003d\\u003d a [test] #1"\n')
    assert '"board rejects": "#1b9e77"' in text
    assert "[later-start]: The school day should start at 9\\:30 (not 8\\:00)" in text
    assert "#(timetable) #(two words) #(teachers asserts) #(board rejects)" in text
    assert "  <+ [learning]" in text
    assert "  <- [buses]" in text
    assert "<sleep-argument>\n\n(1) [teens]\n(2) [learning]\n--\nCause to effect\n--\n" in text
    assert "<cost to later-start>\n\n(1) [cost]\n----\n(2) [later-start]\n" in text
    assert "<sleep-argument>\n  <_ [buses]" in text
    assert argdown.dumps(argmap.loads(SMALL)) == text


def test_round_trip_of_a_small_map() -> None:
    amap = argmap.loads(SMALL)
    again = argdown.loads(argdown.dumps(amap))
    assert argmap.loads(argmap.dumps(again)) == again
    assert _carried(again) == _carried(amap)
    undercuts = {a.target for a in again.attacks if a.kind is AttackKind.UNDERCUTS}
    assert undercuts == {"sleep-argument", "cost>later-start"}


def test_import_of_hand_written_argdown() -> None:
    text = """
# A heading

// a comment
[Later start]: School should start later. #policy
  + [Sleep]: Teens need sleep.
    - [Not so]: Not all teens.
  - <Buses>

<Buses>: description

(1) [Costs]: Buses cost money.
(2) [Budget]: The budget is fixed.
----
(3) [Cheaper]: The early start is cheaper.

[Sleep]
  +> [Health]: Sleep is healthy.
"""
    amap = argdown.loads(text, "x.argdown")
    assert argmap.loads(argmap.dumps(amap)) == amap
    assert [c.id for c in amap.claims][:3] == ["Later-start", "Sleep", "Not-so"]
    assert amap.claim("Later-start").tags == ("policy",)
    assert amap.claim("Later-start").text == "School should start later."
    edges = {(s.premises, s.conclusion) for s in amap.supports}
    assert edges == {
        (("Sleep",), "Later-start"),
        (("Costs", "Budget"), "Cheaper"),
        (("Sleep",), "Health"),
    }
    assert {(a.attacker, a.target) for a in amap.attacks} == {
        ("Not-so", "Sleep"),
        ("Cheaper", "Later-start"),
    }


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("===\ntitle: [\n===\n[a]: x\n", 2, "invalid YAML in the front matter"),
        ("===\ntitle: x\n", 1, "not closed"),
        ("  <+ [a]\n", 1, "needs a statement or argument above it"),
        ("[a]: x\n  foo\n", 2, "must be a relation"),
        ("[a]: x\n  <+ nothing\n", 2, "expected [statement] or <argument>"),
        ("(1) [a]\n----\n(2) [b]\n", 1, "needs an <argument> above it"),
        ("<x>\n\n(1) [a]\n(2) [b]\n", 4, "needs premises, a ---- line"),
        ("[a]: x\n  <_ [b]\n", 2, "must point at an argument"),
        ("[a]: x\n  >< [b]\n", 2, "contradictions"),
    ],
)
def test_malformed_input_is_a_clear_error(text: str, where: int, message: str) -> None:
    with pytest.raises(argmap.MapError) as caught:
        argdown.loads(text, "x.argdown")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("x.argdown", where)
    assert message in problem.message


def test_front_matter_errors_are_one_positioned_line() -> None:
    with pytest.raises(argmap.MapError) as caught:
        argdown.loads("===\ntitle: ok\nlist: [x\n===\n[a]: x\n", "x.argdown")
    problem = caught.value.problems[0]
    assert (problem.line, problem.col) == (3, 9)
    assert problem.message == (
        "invalid YAML in the front matter: expected ',' or ']', but got '<stream end>'"
    )


_ONE_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda t: " ".join(t.split()) == t and t != "")


@settings(max_examples=80, deadline=None)
@given(maps(text=_ONE_LINE))
def test_round_trip_keeps_what_argdown_carries(amap: ArgumentMap) -> None:
    again = argdown.loads(argdown.dumps(amap))
    assert argmap.loads(argmap.dumps(again)) == again
    assert _carried(again) == _carried(amap)


def _argdown_cli() -> list[str] | None:
    """The Argdown CLI: $ARGDOWN_CLI, or a local npm install (never downloaded)."""
    env = os.environ.get("ARGDOWN_CLI")
    if env:
        return [env]
    if shutil.which("node") is None:
        return None
    for folder in (ROOT / "benchmarks", ROOT):
        script = folder / "node_modules" / ".bin" / "argdown"
        if script.exists():
            return [str(script)]
    return None


def test_the_real_argdown_parser_accepts_the_export(tmp_path: Path, chicago_path: Path) -> None:
    cli = _argdown_cli()
    if cli is None:
        pytest.skip(
            "Argdown CLI not installed: run `npm install @argdown/cli@1.7.5` in benchmarks/ "
            "(or set ARGDOWN_CLI) to check exports with the real parser"
        )
    maps_ = {"small": argmap.loads(SMALL), "chicago": argmap.load(chicago_path)}
    for name, amap in maps_.items():
        (tmp_path / f"{name}.argdown").write_text(argdown.dumps(amap), "utf-8")
    for name, amap in maps_.items():
        run = subprocess.run(
            [*cli, "json", str(tmp_path / f"{name}.argdown"), str(tmp_path / "out")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        data = json.loads((tmp_path / "out" / f"{name}.json").read_text("utf-8"))
        statements = data["statements"]
        assert set(statements) == {c.id for c in amap.claims}
        for c in amap.claims:
            defined = [m for m in statements[c.id]["members"] if m.get("text")]
            text = defined[0]["text"]
            for tag in defined[0].get("tags", []):
                text = text.replace(f"#({tag})", "")
            assert " ".join(text.split()) == " ".join(c.text.split()), c.id
            # the claim's quotes reach Argdown as the statement's data
            quotes = [
                q
                for m in statements[c.id]["members"]
                for q in (m.get("data") or {}).get("sources", [])
            ]
            assert quotes == [{"source": x.source, "quote": x.quote} for x in c.anchors], c.id
        relations = {(r["from"], r["to"], r["relationType"]) for r in data["relations"]}
        for a in amap.attacks:
            if a.kind is AttackKind.REBUTS:
                assert (a.attacker, a.target, "attack") in relations
        argument_titles = set(data["arguments"])
        for s in amap.supports:
            if s.explicit_id:
                assert s.id in argument_titles
            if s.inferred is not None and s.explicit_id:
                assert data["arguments"][s.id]["data"]["inferred"] == s.inferred


def test_quotes_hedges_and_inferences_travel_as_argdown_data() -> None:
    amap = argmap.loads(
        "argmap: 1\ntitle: t\nsources: [{id: s, title: The article}]\n"
        "claims:\n"
        "  - id: a\n    text: 'Ends in a brace }'\n"
        "    sources: [{source: s, quote: 'a } b {c} \"q\" = #x'}]\n"
        "    hedge: reported\n    hedge_words: would argue\n"
        "  - {id: b, text: B}\n"
        "supports:\n"
        "  - {from: b, to: a, hedge: possible, inferred: 'the mapper {reads} it'}\n"
        "attacks:\n  - {from: b, to: a, sources: [{source: s, quote: lost}]}\n"
    )
    text = argdown.dumps(amap)
    back = argdown.loads(text)
    assert back.claim("a") == amap.claim("a")
    assert back.supports[0].hedge is Hedge.POSSIBLE
    assert back.supports[0].inferred == "the mapper {reads} it"
    assert back.sources == (Source("s", "The article"),)
    # an attack is a relation line in Argdown: its quote is lost, and said so
    assert back.attacks[0].anchors == ()
    assert argdown.losses(amap) == ["1 quotes of attacks not written: Argdown attacks hold no data"]
    with pytest.raises(argmap.MapError, match="unknown hedge 'maybe'"):
        argdown.loads('[a]: A. {"hedge": "maybe"}\n')
