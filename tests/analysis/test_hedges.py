"""Hedging words in quotes."""

from __future__ import annotations

import pytest

from argmap.analysis.hedges import hedge_words_in, suggested_hedge
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
