"""Abstract semantics against a brute-force oracle on small random frameworks."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import af
from argmap.analysis.af import Framework, Label


def _conflict_free(f: Framework, s: frozenset[int]) -> bool:
    return not any(t in s for a in s for t in f.targets[a])


def _defends(f: Framework, s: frozenset[int], x: int) -> bool:
    return all(any(d in s for d in f.attackers[y]) for y in f.attackers[x])


def _complete(f: Framework) -> list[frozenset[int]]:
    n = len(f)
    out = []
    for k in range(n + 1):
        for combo in combinations(range(n), k):
            s = frozenset(combo)
            if not _conflict_free(f, s):
                continue
            if all(_defends(f, s, x) for x in s) and all(
                x in s for x in range(n) if _defends(f, s, x)
            ):
                out.append(s)
    return out


def _preferred(f: Framework) -> list[frozenset[int]]:
    comp = _complete(f)
    return [s for s in comp if not any(s < t for t in comp)]


def _stable(f: Framework) -> list[frozenset[int]]:
    return [
        s
        for s in _complete(f)
        if all(x in s or any(a in s for a in f.attackers[x]) for x in range(len(f)))
    ]


@st.composite
def frameworks(draw: st.DrawFn, max_n: int = 7) -> Framework:
    n = draw(st.integers(min_value=0, max_value=max_n))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = draw(st.lists(st.sampled_from(pairs), max_size=2 * n + 2)) if pairs else []
    return Framework.from_indices(n, attacks)


def _sorted(exts: list[frozenset[int]]) -> list[frozenset[int]]:
    return sorted(exts, key=lambda e: sorted(e))


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_grounded_is_the_least_complete_extension(f: Framework) -> None:
    g = af.grounded_extension(f)
    complete = _complete(f)
    assert g in complete
    assert all(g <= c for c in complete)


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_sat_extensions_equal_brute_force(f: Framework) -> None:
    assert _sorted(af.extensions(f, "complete")) == _sorted(_complete(f))
    assert _sorted(af.extensions(f, "preferred")) == _sorted(_preferred(f))
    assert _sorted(af.extensions(f, "stable")) == _sorted(_stable(f))


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_stable_are_preferred_and_preferred_are_complete(f: Framework) -> None:
    complete = set(af.extensions(f, "complete"))
    preferred = set(af.extensions(f, "preferred"))
    assert set(af.extensions(f, "stable")) <= preferred <= complete


@settings(max_examples=100, deadline=None)
@given(frameworks(max_n=6))
def test_acceptance_equals_brute_force(f: Framework) -> None:
    pref, stab = _preferred(f), _stable(f)
    for x in range(len(f)):
        assert af.credulous(f, x, "preferred") == any(x in e for e in pref)
        assert af.sceptical(f, x, "preferred") == all(x in e for e in pref)
        assert af.credulous(f, x, "stable") == any(x in e for e in stab)
        assert af.sceptical(f, x, "stable") == all(x in e for e in stab)


@settings(max_examples=80, deadline=None)
@given(frameworks(max_n=6))
def test_labelling_agrees_with_every_extension(f: Framework) -> None:
    for sem, oracle in (("preferred", _preferred), ("stable", _stable)):
        exts = oracle(f)
        for limit in (64, 0):  # listed, and decided argument by argument
            result = af.labelling(f, sem, limit=limit)
            if not exts:
                assert not result.exists
                continue
            per = [af.labels_of(f, e) for e in exts]
            for x in range(len(f)):
                expected = per[0][x] if all(p[x] == per[0][x] for p in per) else Label.UNDECIDED
                assert result.labels[x] == expected


def test_grounded_labels_a_chain_and_a_cycle() -> None:
    f = Framework.from_edges("abcde", [("a", "b"), ("b", "c"), ("d", "e"), ("e", "d")])
    assert af.grounded(f) == [Label.IN, Label.OUT, Label.IN, Label.UNDECIDED, Label.UNDECIDED]
    assert af.one_extension(f, "stable") in ({0, 2, 3}, {0, 2, 4})
    assert af.one_extension(f, "preferred") in ({0, 2, 3}, {0, 2, 4})


def test_self_attack_has_no_stable_extension() -> None:
    f = Framework.from_edges("a", [("a", "a")])
    assert af.one_extension(f, "stable") is None
    assert af.extensions(f, "preferred") == [frozenset()]
    assert af.sceptical(f, 0, "stable")  # vacuously
    assert not af.credulous(f, 0, "stable")


def _expected(
    f: Framework, exts: list[frozenset[int]]
) -> tuple[list[Label], list[bool], list[bool]]:
    per = [af.labels_of(f, e) for e in exts]
    labels = [
        per[0][x] if per and all(p[x] == per[0][x] for p in per) else Label.UNDECIDED
        for x in range(len(f))
    ]
    return (
        labels,
        [any(x in e for e in exts) for x in range(len(f))],
        [all(x in e for e in exts) for x in range(len(f))],
    )


def _check_every_argument(f: Framework) -> None:
    ground = af.grounded(f)
    for sem, oracle in (("preferred", _preferred), ("stable", _stable), ("complete", _complete)):
        exts = oracle(f)
        # listed; decided part by part without listing; forced through the
        # model-reusing search in every part (limit 0 lists nothing)
        for limit in (64, 2, 0):
            result = af.labelling(f, sem, limit=limit)
            labels, cred, scep = _expected(f, exts)
            if sem == "complete":
                labels = ground
            if sem == "stable" and not exts:
                assert not result.exists
                assert result.labels == [Label.UNDECIDED] * len(f)
            else:
                assert result.exists
                assert result.labels == labels, (sem, limit)
            assert result.credulous == cred, (sem, limit)
            assert result.sceptical == scep, (sem, limit)
            if result.extensions is not None:
                assert len(result.extensions) <= limit
                assert result.extensions == _sorted(exts)
            elif limit >= len(exts):
                raise AssertionError(f"{len(exts)} {sem} extensions not listed under {limit}")


@settings(max_examples=120, deadline=None)
@given(frameworks(max_n=7))
def test_every_argument_equals_brute_force(f: Framework) -> None:
    _check_every_argument(f)


@st.composite
def split_frameworks(draw: st.DrawFn) -> Framework:
    """Several small frameworks side by side, with attacks from one into the next
    that grounded semantics may or may not settle."""
    sizes = draw(st.lists(st.integers(min_value=1, max_value=4), min_size=2, max_size=4))
    attacks: list[tuple[int, int]] = []
    start = 0
    for size in sizes:
        pairs = [(a, b) for a in range(start, start + size) for b in range(start, start + size)]
        attacks += draw(st.lists(st.sampled_from(pairs), max_size=2 * size + 1))
        start += size
    if start > 1:
        cross = [(a, b) for a in range(start) for b in range(start) if a != b]
        attacks += draw(st.lists(st.sampled_from(cross), max_size=3))
    return Framework.from_indices(start, attacks)


@settings(max_examples=80, deadline=None)
@given(split_frameworks())
def test_every_argument_equals_brute_force_on_split_frameworks(f: Framework) -> None:
    _check_every_argument(f)


def test_many_extensions_are_counted_not_listed() -> None:
    # seven separate two-cycles and a claim each attacks: 2**7 preferred extensions
    attacks: list[tuple[int, int]] = []
    for k in range(7):
        a, b, c = 3 * k, 3 * k + 1, 3 * k + 2
        attacks += [(a, b), (b, a), (a, c)]
    f = Framework.from_indices(21, attacks)
    result = af.labelling(f, "preferred", limit=64)
    assert result.extensions is None
    assert result.labels == [Label.UNDECIDED] * 21
    assert result.credulous == [True] * 21
    assert result.sceptical == [False] * 21
    assert len(af.labelling(f, "stable", limit=200).extensions or []) == 128


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=40))
def test_a_framework_keeps_each_attack_once_in_the_order_first_given(
    pairs: list[tuple[int, int]],
) -> None:
    names = [f"n{i}" for i in range(8)]
    f = Framework.from_edges(names, [(names[a], names[b]) for a, b in pairs])
    first = list(dict.fromkeys(pairs))
    assert list(f.attacks()) == sorted(first, key=lambda p: (p[0], first.index(p)))
    for i in range(8):
        assert f.attackers[i] == [a for a, b in first if b == i]
        assert f.targets[i] == [b for a, b in first if a == i]


def test_a_framework_refuses_unknown_names_and_unpaired_ends() -> None:
    with pytest.raises(KeyError):
        Framework.from_edges("ab", [("a", "c")])
    with pytest.raises(ValueError):
        Framework.from_ends("ab", ["a", "b"], ["b"])
