"""Hedging words in quotes: the words a source uses to put something less than firmly.

Pure functions over strings. :func:`hedge_words_in` finds the hedging words
and phrases of a quote ("might", "would argue", "likely views"); the checks of
``argmap sources`` and ``argmap lint`` use it to tell a hedged quote mapped
to an unhedged claim, stance or relation. :func:`suggested_hedge` turns the
words found into the level a mapper would most likely write.

Matching is by whole words, case-insensitive. Hits separated only by spaces
are one phrase ("could potentially", "would argue"), so the result reads like
the source. The result is in the order of the text, each phrase once,
lower-cased with single spaces.
"""

from __future__ import annotations

import re
from typing import Final

from argmap.model import Hedge

__all__ = [
    "ATTRIBUTION_WORDS",
    "HEDGE_WORDS",
    "POSSIBILITY_WORDS",
    "hedge_words_in",
    "suggested_hedge",
]

POSSIBILITY_WORDS: Final = frozenset(
    {"might", "may", "could", "can", "possibly", "perhaps", "maybe", "potentially"}
)
"""Words that put something as possible, not settled."""

LIKELIHOOD_WORDS: Final = frozenset(
    {
        "would",
        "likely",
        "probably",
        "often",
        "seems",
        "seem",
        "appears",
        "appear",
        "apparently",
        "arguably",
        "presumably",
        "suggests",
    }
)
"""Words that put something as likely, usual or apparent."""

ATTRIBUTION_WORDS: Final = frozenset(
    {
        "argue",
        "argues",
        "arguing",
        "argued",
        "believe",
        "believes",
        "believed",
        "see",
        "sees",
        "view",
        "views",
        "think",
        "thinks",
        "reportedly",
        "allegedly",
    }
)
"""Words by which a source attributes a view to someone instead of asserting it."""

HEDGE_WORDS: Final = POSSIBILITY_WORDS | LIKELIHOOD_WORDS | ATTRIBUTION_WORDS
"""Every word :func:`hedge_words_in` looks for."""

_WORD: Final = re.compile(
    r"\b(?:" + "|".join(sorted(HEDGE_WORDS, key=lambda w: (-len(w), w))) + r")\b",
    re.IGNORECASE,
)


def hedge_words_in(text: str) -> tuple[str, ...]:
    """The hedging words and phrases of ``text``, in text order, each once."""
    phrases: list[str] = []
    current: list[str] = []
    end = -1
    for match in _WORD.finditer(text):
        if current and text[end : match.start()].isspace():
            current.append(match.group().lower())
        else:
            if current:
                phrases.append(" ".join(current))
            current = [match.group().lower()]
        end = match.end()
    if current:
        phrases.append(" ".join(current))
    return tuple(dict.fromkeys(phrases))


def suggested_hedge(words: tuple[str, ...]) -> Hedge | None:
    """The hedge level the words suggest: reported, then possible, then likely.

    None when there are no words (the source puts it firmly).
    """
    found = {w for phrase in words for w in phrase.split()}
    if not found:
        return None
    if found & ATTRIBUTION_WORDS:
        return Hedge.REPORTED
    if found & POSSIBILITY_WORDS:
        return Hedge.POSSIBLE
    return Hedge.LIKELY
