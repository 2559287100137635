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

:func:`check_hedges` is the rule ``argmap sources`` applies: a quote with
hedging words must not anchor an item (claim, support, attack, stance) that
has no ``hedge``. ``hedge: certain`` says the words do not hedge this item,
and then the item's ``note`` must say why. For a stance, words that only
attribute ("sees", "believes", "argue") are what make it a stance and do not
count; "would argue" and "might believe" still do. Given the source texts,
the few words just before a quote in its clause count too, so a quote cut to
leave its hedge out ("[the union might believe that] their officers are
being forced …") is still caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from argmap.analysis.anchors import Anchored, anchored_items, find_quote, owner_of
from argmap.model import ArgumentMap, Attack, Claim, Hedge, Stance, Support

__all__ = [
    "ATTRIBUTION_WORDS",
    "HEDGE_WORDS",
    "POSSIBILITY_WORDS",
    "HedgeProblem",
    "check_hedges",
    "hedge_words_in",
    "hedging_words_of",
    "lead_in",
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


_LEAD_WORDS = 5
"""How many words before a quote, within its clause, count as its lead-in."""

_CLAUSE_END = re.compile(r"[.!?;:\u2013\u2014]|\s-\s|\n")


def lead_in(text: str, quote: str) -> str:
    """The words just before ``quote`` in ``text``, within its clause (at most five).

    Empty when the quote is not found or opens its clause.
    """
    found = find_quote(text, quote)
    if found is None:
        return ""
    before = text[max(0, found[0] - 200) : found[0]]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return " ".join(before.split()[-_LEAD_WORDS:])


def hedging_words_of(item: Anchored, quote: str, lead: str = "") -> tuple[str, ...]:
    """The hedging words of one of ``item``'s quotes, as the hedge rule counts them.

    ``lead`` is the quote's lead-in in its source (see :func:`lead_in`); its
    words count first. For a stance, phrases made only of attribution words
    are left out.
    """
    words = tuple(dict.fromkeys(hedge_words_in(lead) + hedge_words_in(quote)))
    if isinstance(item, Stance):
        words = tuple(p for p in words if not set(p.split()) <= ATTRIBUTION_WORDS)
    return words


@dataclass(frozen=True, slots=True)
class HedgeProblem:
    """A quote with hedging words on an item whose hedge does not account for them.

    ``owner`` names the item as :func:`argmap.analysis.anchors.owner_of` does.
    """

    owner: str
    source: str
    quote: str
    words: tuple[str, ...]
    hedge: Hedge | None
    message: str


def _what(item: Anchored) -> str:
    if isinstance(item, Claim):
        return "claim"
    if isinstance(item, Support):
        return "support"
    if isinstance(item, Attack):
        return "attack"
    return "stance"


def _problems(item: Anchored, texts: Mapping[str, str]) -> Iterator[HedgeProblem]:
    for anchor in item.anchors:
        text = texts.get(anchor.source)
        lead = lead_in(text, anchor.quote) if text is not None else ""
        words = hedging_words_of(item, anchor.quote, lead)
        if not words:
            continue
        said = ", ".join(f'"{w}"' for w in words)
        if item.hedge is None:
            level = suggested_hedge(words) or Hedge.LIKELY
            message = (
                f"the quote hedges ({said}) but the {_what(item)} has no hedge; add "
                f"`hedge: {level}` and `hedge_words: {words[0]}`, or `hedge: certain` "
                "with a note saying why the words do not hedge it"
            )
        elif item.hedge is Hedge.CERTAIN and not (item.note and item.note.strip()):
            message = (
                f"the quote hedges ({said}) and the {_what(item)} says `hedge: certain`; "
                "say in its note why the words do not hedge it"
            )
        else:
            continue
        yield HedgeProblem(owner_of(item), anchor.source, anchor.quote, words, item.hedge, message)


def check_hedges(
    amap: ArgumentMap, texts: Mapping[str, str] | None = None
) -> tuple[HedgeProblem, ...]:
    """Every quote whose hedging words the map does not account for, in map order.

    ``texts`` (source id -> full text) adds each quote's lead-in to its words.
    """
    given = texts or {}
    return tuple(p for item in anchored_items(amap) for p in _problems(item, given))
