"""Map-level evaluation: how supports and undercuts count, reasons, --from, Chicago pins."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis.gradual import dfquad
from argmap.analysis.semantics import acceptance, evaluate, label_claims

HEAD = "argmap: 1\ntitle: t\n"


def _map(body: str) -> argmap.ArgumentMap:
    return argmap.loads(HEAD + body)


def test_rebuttal_and_reinstatement() -> None:
    amap = _map(
        "claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n  - {id: c, text: C}\n"
        "attacks:\n  - {from: b, to: a}\n  - {from: c, to: b}\n"
    )
    assert label_claims(amap) == {"a": "in", "b": "out", "c": "in"}
    ev = evaluate(amap)
    assert (
        ev.reasons["b"] == "out because it is attacked by c, which is in because nothing attacks it"
    )
    assert "every claim attacking it is out" in ev.reasons["a"]


def test_a_claim_with_reasons_stands_on_them() -> None:
    amap = _map(
        "claims:\n  - {id: c, text: C}\n  - {id: p, text: P}\n  - {id: q, text: Q}\n"
        "  - {id: x, text: X}\n  - {id: u, text: U}\n"
        "supports:\n  - {from: [p, q], to: c, id: s}\n"
        "attacks:\n  - {from: x, to: q}\n"
    )
    # the linked support needs both premises; q is out, so c has no reason left
    labels = label_claims(amap)
    assert labels == {"c": "out", "p": "in", "q": "out", "x": "in", "u": "in"}
    assert "none of its reasons holds" in evaluate(amap).reasons["c"]


def test_an_undercut_defeats_only_its_inference() -> None:
    amap = _map(
        "claims:\n  - {id: c, text: C}\n  - {id: p, text: P}\n  - {id: p2, text: P2}\n"
        "  - {id: u, text: U}\n"
        "supports:\n  - {from: p, to: c, id: s}\n"
        "attacks:\n  - {from: u, to: s}\n"
    )
    assert label_claims(amap)["c"] == "out"
    assert label_claims(amap)["p"] == "in"
    assert "undercut by u" in evaluate(amap).reasons["c"]
    two = _map(
        "claims:\n  - {id: c, text: C}\n  - {id: p, text: P}\n  - {id: p2, text: P2}\n"
        "  - {id: u, text: U}\n"
        "supports:\n  - {from: p, to: c, id: s}\n  - {from: p2, to: c}\n"
        "attacks:\n  - {from: u, to: s}\n"
    )
    assert label_claims(two)["c"] == "in"  # an independent reason remains


def test_even_cycle_under_each_semantics() -> None:
    amap = _map(
        "claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n"
        "attacks:\n  - {from: a, to: b}\n  - {from: b, to: a}\n"
    )
    assert set(label_claims(amap, "grounded").values()) == {"undecided"}
    assert set(label_claims(amap, "preferred").values()) == {"undecided"}
    ev = evaluate(amap, "stable")
    assert ev.extensions == [["a"], ["b"]]
    assert "disagree" in ev.reasons["a"]
    acc = acceptance(amap, "a", "preferred")
    assert acc.credulous and not acc.sceptical


def test_odd_cycle_has_no_stable_extension() -> None:
    amap = _map(
        "claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n  - {id: c, text: C}\n"
        "attacks:\n  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: a}\n"
    )
    ev = evaluate(amap, "stable")
    assert not ev.stable_exists
    assert ev.extensions == []


def test_unknown_semantics_and_stakeholder() -> None:
    amap = _map("claims:\n  - {id: a, text: A}\n")
    with pytest.raises(argmap.ArgmapError, match="unknown semantics") as err:
        label_claims(amap, "ideal")
    # carneades works on every map, so it is listed like the others
    assert str(err.value).endswith("(known: grounded, complete, preferred, stable, carneades)")
    assert label_claims(amap, "carneades") == {"a": "out"}  # no reason, not assumed
    with pytest.raises(argmap.UnknownIdError):
        evaluate(amap, stakeholder="nobody")


def test_chicago_grounded(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    labels = label_claims(amap)
    # The article leaves its central question open: the two positions attack
    # each other ("a battle of wills") and nothing settles the cycle.
    for claim in (
        "sanctuary-policy-should-stand",
        "end-sanctuary-policy",
        "cpd-should-fully-cooperate",
        # the union's reading and the city's, set side by side, neither refuted
        "dereliction-of-duty",
        "affirms-local-sovereignty",
        "protects-vulnerable-residents",
        # local control against federal authority: for the courts to decide
        "violates-federal-law",
    ):
        assert labels[claim] == "undecided", claim
    # what the article does answer falls
    assert labels["city-refuses-ice"] == "out"  # not a blanket refusal
    assert labels["refusal-jeopardises-removal"] == "out"  # CPD cooperates on crime
    # neither side's safety claim stands until the impact is assessed
    assert labels["policy-hinders-police"] == "out"
    assert labels["policy-serves-public-safety"] == "out"
    # the author's thesis and way forward stand
    assert labels["no-simple-answer"] == "in"
    assert labels["path-forward-exists"] == "in"
    assert label_claims(amap, "preferred") == labels
    ev = evaluate(amap)
    assert ev.reasons["sanctuary-policy-should-stand"] == (
        "undecided because it is attacked by end-sanctuary-policy and cpd-should-fully-cooperate,"
        " which are themselves undecided (attacks in a cycle that nothing settles)"
    )
    assert ev.support_labels["union-dereliction-inference"] == "out"


def test_chicago_from_the_union(chicago_path: Path) -> None:
    amap = argmap.load(chicago_path)
    ev = evaluate(amap, stakeholder="union")
    assert "dereliction-of-duty" in ev.given
    assert ev.labels["dereliction-of-duty"] == "in"
    assert ev.labels["sanctuary-policy-should-stand"] == "out"
    assert ev.labels["end-sanctuary-policy"] == "in"
    city = evaluate(amap, stakeholder="city")
    assert city.labels["sanctuary-policy-should-stand"] == "in"
    assert city.labels["end-sanctuary-policy"] == "out"
    assert city.labels["cpd-should-fully-cooperate"] == "out"
    assert city.labels["dereliction-of-duty"] == "out"
    # the author takes no side: the question stays open from the author's view
    author = evaluate(amap, stakeholder="author")
    assert author.labels["sanctuary-policy-should-stand"] == "undecided"
    assert author.labels["no-simple-answer"] == "in"


def test_dfquad_strengths() -> None:
    amap = _map(
        "claims:\n  - {id: c, text: C, weight: 0.5}\n  - {id: p, text: P, weight: 1}\n"
        "  - {id: x, text: X, weight: 0.5}\n"
        "supports:\n  - {from: p, to: c}\n"
        "attacks:\n  - {from: x, to: c}\n"
    )
    s = dfquad(amap).strengths
    # vs = 1, va = 0.5: 0.5 + 0.5 * 0.5
    assert s["c"] == pytest.approx(0.75)
    assert s["p"] == 1.0


def test_dfquad_cycle_converges() -> None:
    amap = _map(
        "claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n"
        "attacks:\n  - {from: a, to: b}\n  - {from: b, to: a}\n"
    )
    result = dfquad(amap)
    assert result.converged
    assert result.strengths["a"] == pytest.approx(result.strengths["b"])


def test_maps_without_supports_evaluate_like_their_framework() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from argmap.analysis import af
    from argmap.formats import iccma

    @settings(max_examples=60, deadline=None)
    @given(
        st.integers(1, 6).flatmap(
            lambda n: st.tuples(
                st.just(n), st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=12)
            )
        )
    )
    def check(case: tuple[int, list[tuple[int, int]]]) -> None:
        n, attacks = case
        attacks = [(a, b) for a, b in attacks if a != b]  # self-attacks are refused on import
        text = f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in attacks)
        amap = iccma.loads_af(text)
        f = af.Framework.from_indices(n, [(a - 1, b - 1) for a, b in attacks])
        for sem in ("grounded", "preferred", "stable"):
            expected = af.labelling(f, sem).labels
            got = label_claims(amap, sem)
            assert [got[f"a{i + 1}"] for i in range(n)] == [str(x) for x in expected]

    check()


def test_dfquad_discounts_hedged_claims_and_relations() -> None:
    plain = _map(
        "claims:\n  - {id: c, text: C}\n  - {id: p, text: P, weight: 1}\n"
        "supports:\n  - {from: p, to: c}\n"
    )
    # base 0.5, vs = 1: 0.5 + 0.5 * 1
    assert dfquad(plain).strengths["c"] == pytest.approx(1.0)
    hedged = _map(
        "claims:\n  - {id: c, text: C, hedge: reported}\n  - {id: p, text: P, weight: 1}\n"
        "supports:\n  - {from: p, to: c, hedge: possible, hedge_words: might}\n"
    )
    result = dfquad(hedged)
    # base 0.5 * 0.7 = 0.35; the support passes on 1 * 0.5: 0.35 + 0.65 * 0.5
    assert result.base["c"] == pytest.approx(0.35)
    assert result.strengths["c"] == pytest.approx(0.675)
    undercut = _map(
        "claims:\n  - {id: c, text: C}\n  - {id: p, text: P, weight: 1}\n"
        "  - {id: u, text: U, weight: 1}\n"
        "supports:\n  - {id: s, from: p, to: c}\n"
        "attacks:\n  - {from: u, to: s, hedge: likely}\n"
    )
    # the undercut cuts 1 * 0.8 of the support: 0.5 + 0.5 * 0.2
    assert dfquad(undercut).strengths["c"] == pytest.approx(0.6)


def test_short_words_puts_text_on_one_line_without_its_full_stop() -> None:
    from argmap.analysis.semantics import short_words

    assert short_words("a1") == "a1"
    assert short_words("a1.") == "a1"
    assert short_words("two\nlines.") == "two lines"
    assert short_words("no\u00a0break") == "no break"
    assert short_words("x" * 51) == "x" * 49 + "\u2026"


def test_a_repeated_attack_counts_once_in_the_labels_and_the_reasons() -> None:
    from argmap.model import ArgumentMap, Attack, AttackKind, Claim

    def attack(ident: str, attacker: str, target: str) -> Attack:
        return Attack(id=ident, attacker=attacker, target=target, kind=AttackKind.REBUTS)

    claims = (Claim(id="a", text="A"), Claim(id="b", text="B"), Claim(id="c", text="C"))
    twice = ArgumentMap(
        title="t",
        claims=claims,
        attacks=(attack("x1", "b", "a"), attack("x2", "b", "a"), attack("y", "c", "b")),
    )
    once = ArgumentMap(
        title="t", claims=claims, attacks=(attack("x1", "b", "a"), attack("y", "c", "b"))
    )
    for words in (False, True):
        ev = evaluate(twice, words=words)
        assert ev.labels == {"a": "in", "b": "out", "c": "in"}
        assert ev.reasons == evaluate(once, words=words).reasons
    assert evaluate(twice).reasons["a"] == (
        "in because every claim attacking it is out "
        "(b is out because it is attacked by c, which is in)"
    )


def test_the_claims_are_the_first_arguments_of_the_framework_in_map_order() -> None:
    from argmap.analysis.structured import build

    amap = argmap.load(Path(__file__).parents[2] / "maps" / "chicago_ice.yaml")
    sf = build(amap, ("affirms-local-sovereignty",))
    assert [sf.node(c.id) for c in amap.claims] == list(range(len(amap.claims)))
    assert sf.af.names[: len(amap.claims)] == [c.id for c in amap.claims]
