"""Carneades evaluation reproduces the expected labels of Carneades 4's own examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.analysis.carneades import evaluate
from argmap.errors import MapError
from argmap.formats.carneades import loads_graph, loads_with_ids, slug

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "carneades-yaml"


def _examples() -> list[str]:
    """Every example with a tests block and no argument schemes."""
    if not CORPUS.is_dir():
        return []
    names = []
    for path in sorted(CORPUS.glob("*.yml")):
        text = path.read_text("utf-8")
        if re.search(r"^tests:", text, re.M) and not re.search(r"^argument_schemes:", text, re.M):
            names.append(path.name)
    return names


@pytest.mark.parametrize("name", _examples() or ["(corpus absent)"])
def test_carneades_example_labels(name: str, shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "carneades-yaml" / name
    graph = loads_graph(path.read_text("utf-8"), str(path))
    labels = evaluate(graph.amap).labels
    by_original = {
        re.sub(r"\s+", "", graph.ids[c]): lab for c, lab in labels.items() if c in graph.ids
    }
    expected = {(re.sub(r"\s+", "", n), lab) for lab, names in graph.tests.items() for n in names}
    assert expected, "the example has expected labels"
    wrong = [(n, lab, by_original[n]) for n, lab in sorted(expected) if by_original[n] != lab]
    assert not wrong


def test_there_are_thirty_examples(shared_dir: Path) -> None:
    assert len(_examples()) == 30


UNSUPPORTED = """
statements:
  p: P
  ¬p: ¬P
  q: Q
  ¬app(a1): ¬app(a1)
issues:
  i1:
    positions: [p, ¬p]
arguments:
  a1:
    premises: [p]
    conclusion: q
    undercutter: ¬app(a1)
  a2: {premises: [p], conclusion: ¬p}
  a3: {premises: [¬p], conclusion: p}
assumptions:
  - ¬app(a1)
"""


def test_import_keeps_the_original_ids() -> None:
    amap, ids = loads_with_ids(UNSUPPORTED)
    assert ids["not-app-a1"] == "¬app(a1)"
    assert ids["not-p"] == "¬p"
    assert amap.claim("not-app-a1").assumed
    (cut,) = amap.attacks
    assert (cut.attacker, cut.target, str(cut.kind)) == ("not-app-a1", "a1", "undercuts")
    labels = evaluate(amap).labels
    assert {ids[k]: v for k, v in labels.items()} == {
        "p": "undecided",
        "¬p": "undecided",
        "q": "out",
        "¬app(a1)": "in",
    }


def test_proof_standards() -> None:
    text = """
statements: {a: A, b: B, p: P, q: Q}
issues:
  i1: {positions: [p, q], standard: %s}
arguments:
  a1: {conclusion: p, premises: [a]}
  a2: {conclusion: q, premises: [a, b], scheme: cumulative}
assumptions: [a]
"""
    # p weighs 1, q weighs 0.5
    assert evaluate(loads_graph(text % "PE").amap).labels["p"] == "in"
    assert evaluate(loads_graph(text % "CCE").amap).labels["p"] == "out"
    assert evaluate(loads_graph(text % "BRD").amap).labels["q"] == "out"


def test_rule_engine_files_are_rejected() -> None:
    with pytest.raises(MapError, match="rule engine"):
        loads_graph("argument_schemes:\n  - id: s1\nstatements: {p: P}\n")


def test_slugs() -> None:
    assert slug("¬app(a1)") == "not-app-a1"
    assert slug("foo(a, b)") == "foo-a-b"


def test_reasons_name_the_issue() -> None:
    amap, _ = loads_with_ids(
        "statements: {a: A, p: P, q: Q}\nissues: {i1: {positions: [p, q]}}\n"
        "arguments: {a1: {conclusion: p, premises: [a]}}\nassumptions: [a]\n"
    )
    result = evaluate(amap)
    assert result.labels == {"a": "in", "p": "in", "q": "out"}
    assert "wins issue i1" in result.reasons["p"]
    assert "loses issue i1" in result.reasons["q"]


@pytest.mark.parametrize("name", _examples() or ["(corpus absent)"])
def test_converted_examples_are_valid_maps_with_the_same_labels(
    name: str, shared_dir: Path
) -> None:
    import argmap

    path = shared_dir / "corpora" / "carneades-yaml" / name
    amap = loads_graph(path.read_text("utf-8"), str(path)).amap
    native = argmap.loads(argmap.dumps(amap), f"{name}.yaml")
    assert evaluate(native).labels == evaluate(amap).labels


def test_graphs_with_only_schemes_or_meta_are_read_as_carneades(tmp_path: Path) -> None:
    from argmap.formats.registry import read

    schemes = tmp_path / "schemes.yml"
    schemes.write_text("meta: {title: T}\nlanguage: {rain/0: It rained.}\n", "utf-8")
    with pytest.raises(MapError, match="rule engine"):
        read(schemes)
    empty = tmp_path / "empty.yml"
    empty.write_text("meta:\n  title: The empty argument graph\n", "utf-8")
    assert read(empty).claims == ()
