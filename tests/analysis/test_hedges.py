"""Hedging words in quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis.hedges import check_hedges, hedge_words_in, lead_in, suggested_hedge
from argmap.model import Hedge


@pytest.mark.parametrize(
    ("quote", "words"),
    [
        ("the union might believe that their officers", ("might believe",)),
        ("They would argue that refusing to fully cooperate", ("would argue",)),
        ("the city government likely views it as", ("likely views",)),
        ("often arguing that they violate federal law", ("often arguing",)),
        ("However, a few things could potentially help.", ("could potentially",)),
        ("They see any limitation", ("see",)),
        ("It could affect trust; it may, or MAY not, could", ("could", "may")),
        ("A sanctuary city is a city that limits its cooperation", ()),
        ("Mayday: seeds, overview, mightily", ()),
        ("It can impact immigration enforcement", ("can",)),
    ],
)
def test_hedge_words_are_whole_words_in_text_order(quote: str, words: tuple[str, ...]) -> None:
    assert hedge_words_in(quote) == words


@pytest.mark.parametrize(
    ("words", "hedge"),
    [
        ((), None),
        (("would argue",), Hedge.REPORTED),
        (("might",), Hedge.POSSIBLE),
        (("likely",), Hedge.LIKELY),
        (("often", "sees"), Hedge.REPORTED),
    ],
)
def test_suggested_hedge(words: tuple[str, ...], hedge: Hedge | None) -> None:
    assert suggested_hedge(words) == hedge


TEXT = (
    "It's also a question of resources - the union might believe that their officers "
    "are being forced to shoulder a burden. The union sees it as a dereliction of duty. "
    "It's a nuanced position, but one often lost in the outrage machine."
)


def _map(body: str) -> argmap.ArgumentMap:
    return argmap.loads(
        "argmap: 1\ntitle: t\nsources: [{id: src, title: S}]\n"
        "stakeholders: [{id: union, name: Union}]\n" + body
    )


def test_a_hedged_quote_on_an_unhedged_claim_is_a_problem() -> None:
    amap = _map(
        "claims:\n"
        "  - id: burden\n    text: Officers carry a burden.\n"
        "    sources: [{source: src, quote: their officers are being forced}]\n"
        "  - id: charge\n    text: A dereliction.\n"
        "    sources: [{source: src, quote: The union sees it as a dereliction of duty}]\n"
        "    hedge: reported\n    hedge_words: sees\n"
    )
    # the quote alone has no hedging words; its lead-in in the source has
    assert check_hedges(amap) == ()
    (problem,) = check_hedges(amap, {"src": TEXT})
    assert problem.owner == "burden"
    assert problem.words == ("might believe",)
    assert "add `hedge: reported` and `hedge_words: might believe`" in problem.message
    assert lead_in(TEXT, "their officers are being forced") == "the union might believe that"
    # a lead-in stops at the clause: the dash ends it
    assert lead_in(TEXT, "the union might believe") == ""


def test_hedge_certain_needs_a_note_saying_why() -> None:
    body = (
        "claims:\n"
        "  - id: lost\n    text: The nuance is often lost.\n"
        "    sources: [{source: src, quote: one often lost in the outrage machine}]\n"
        "    hedge: certain\n"
    )
    (problem,) = check_hedges(_map(body))
    assert "say in its note why" in problem.message
    assert check_hedges(_map(body + "    note: '\"often\" is what the claim says'\n")) == ()


def test_stances_and_relations_are_checked_too() -> None:
    amap = _map(
        "claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n"
        "supports:\n"
        "  - from: a\n    to: b\n    sources: [{source: src, quote: the union might believe}]\n"
        "stances:\n"
        # attribution alone makes a stance, it does not hedge it
        "  - stakeholder: union\n    asserts: a\n"
        "    sources: [{source: src, quote: The union sees it}]\n"
        "  - stakeholder: union\n    asserts: b\n"
        "    sources: [{source: src, quote: the union might believe}]\n"
    )
    owners = [p.owner for p in check_hedges(amap)]
    assert owners == ["support:a>b", "stance:union:b"]


def test_the_chicago_map_accounts_for_every_hedge(chicago_path: Path, shared_dir: Path) -> None:
    amap = argmap.load(chicago_path)
    text = (shared_dir / "seeds" / "000_8a765ca2f1c7d25d.txt").read_text("utf-8")
    assert check_hedges(amap, {"article": text}) == ()
    # the union's burden is what it "might believe": hedged as the article puts it
    assert amap.claim("officers-burdened").hedge is Hedge.REPORTED
    stance = next(s for s in amap.stances_on("officers-burdened") if s.stakeholder == "union")
    assert (stance.hedge, stance.hedge_words) == (Hedge.POSSIBLE, "might believe")
