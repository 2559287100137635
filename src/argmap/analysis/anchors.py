"""Anchor checking: is each quoted passage really in its source text?

Claims and stances carry anchors, short verbatim quotes from a source. This
module finds each quote in the source's text, tolerant of the differences that
copying text usually introduces: runs of whitespace and line breaks, typographic
quotes and apostrophes, dashes (and the spaces around them), ellipses,
non-breaking spaces and, as a last resort, letter case. A match is reported at
its 1-based line and column in the original text; a miss comes with the closest
passage of the source, so a typo is easy to fix.

Everything here is pure: the source files are read by the format layer
(:func:`argmap.formats.sources.read_source_texts`).
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from argmap.model import Anchor, ArgumentMap, Attack, Claim, Stance, Support

__all__ = [
    "AnchorCheck",
    "anchored_items",
    "check_anchors",
    "find_quote",
    "owner_of",
    "quote_finder",
]

_CHAR_MAP: dict[str, str] = {
    # single quotes, apostrophes, primes
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    # double quotes
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    # hyphens, dashes, minus
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    # ellipsis
    "\u2026": "...",
    # invisible characters that copying may add or drop
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}

_MAX_PASSAGE = 120
"""Longest closest passage quoted in a miss message (characters)."""


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    """The result of looking up one anchor's quote in its source text.

    ``owner`` names the anchored item (see :func:`owner_of`): the claim id,
    ``support:<id>``, ``attack:<id>`` or ``stance:<stakeholder>:<claim>``.
    ``line`` and ``col`` (1-based, in the original text) give the start of the
    match; both are None when the quote was not found.
    """

    owner: str
    source: str
    quote: str
    found: bool
    line: int | None
    col: int | None
    message: str


@dataclass(frozen=True, slots=True)
class _Normalised:
    """A normalised text and, for each of its characters, the original index."""

    text: str
    index: tuple[int, ...]


def _normalise(text: str, *, fold: bool) -> _Normalised:
    """Collapse whitespace, unify quotes/dashes/ellipses, optionally lower-case.

    Whitespace next to a dash is dropped, so ``a - b``, ``a-b`` and the same
    with an en or em dash all become ``a-b``. Leading and trailing whitespace
    is dropped.
    """
    out: list[str] = []
    index: list[int] = []
    pending_space = -1  # original index of a whitespace run not yet emitted
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        repl = _CHAR_MAP.get(ch, ch)
        if not repl:
            continue
        if fold:
            repl = repl.lower()
        if pending_space >= 0:
            if out and out[-1] != "-" and repl[0] != "-":
                out.append(" ")
                index.append(pending_space)
            pending_space = -1
        for c in repl:
            out.append(c)
            index.append(i)
    return _Normalised("".join(out), tuple(index))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


class _SourceIndex:
    """A source text prepared for repeated quote lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = _normalise(text, fold=False)
        self._folded: _Normalised | None = None
        self._starts: list[int] | None = None

    @property
    def folded(self) -> _Normalised:
        if self._folded is None:
            self._folded = _normalise(self.text, fold=True)
        return self._folded

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = _line_starts(self.text)
        return _line_col(self._starts, offset)

    def locate(self, quote: str) -> tuple[int, int, str] | None:
        """(start, end, how) in the original text, or None if not found."""
        start = self.text.find(quote)
        if start >= 0:
            return start, start + len(quote), "found verbatim"
        for norm, fold, how in (
            (self.plain, False, "found after normalising whitespace, quotes and dashes"),
            (self.folded, True, "found ignoring case"),
        ):
            needle = _normalise(quote, fold=fold).text
            pos = norm.text.find(needle)
            if pos >= 0:
                return norm.index[pos], norm.index[pos + len(needle) - 1] + 1, how
        return None

    def closest(self, quote: str) -> tuple[int, int, float] | None:
        """The passage most like ``quote``: (start, end, similarity) in the original."""
        norm = self.folded
        needle = _normalise(quote, fold=True).text
        hay = norm.text
        if not needle or not hay:
            return None
        n = min(len(needle), len(hay))
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(needle)

        def score(start: int) -> float:
            matcher.set_seq1(hay[start : start + n])
            return matcher.ratio()

        last = len(hay) - n
        step = max(1, n // 4)
        coarse = list(range(0, last + 1, step))
        if coarse[-1] != last:
            coarse.append(last)
        # Rank windows by the cheap upper bound first, then score the best few.
        ranked: list[tuple[float, int]] = []
        for start in coarse:
            matcher.set_seq1(hay[start : start + n])
            ranked.append((matcher.quick_ratio(), start))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        candidates = {s for _, s in ranked[:8]}
        # Also align on the longest common substrings of the whole quote and of
        # each of its thirds (robust to a typo or a changed word in the middle).
        aligner = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
        third = max(1, len(needle) // 3)
        for blo, bhi in (
            (0, len(needle)),
            (0, third),
            (third, 2 * third),
            (2 * third, len(needle)),
        ):
            block = aligner.find_longest_match(0, len(hay), blo, bhi)
            if block.size:
                candidates.add(min(max(0, block.a - block.b), last))
        best_score, best = max((score(s), -s) for s in sorted(candidates))
        best = -best
        # Refine around the best window.
        fine = max(1, step // 4)
        for stride in (fine, 1):
            lo, hi = max(0, best - step), min(last, best + step)
            for start in range(lo, hi + 1, stride):
                s = score(start)
                if s > best_score:
                    best_score, best = s, start
            step = fine
        start, end = best, best + n
        # Widen to word boundaries (a few characters at most).
        for _ in range(12):
            if start == 0 or hay[start - 1] == " ":
                break
            start -= 1
        for _ in range(12):
            if end >= len(hay) or hay[end] == " ":
                break
            end += 1
        return norm.index[start], norm.index[end - 1] + 1, best_score


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text``: (start, end) offsets, or None.

    The match is tolerant (see the module docstring); the offsets are those of
    the original ``text``, end exclusive.
    """
    if not _normalise(quote, fold=False).text:
        return None
    found = _SourceIndex(text).locate(quote)
    return None if found is None else (found[0], found[1])


Anchored = Claim | Support | Attack | Stance
"""An item that can carry source anchors."""


def owner_of(item: Anchored) -> str:
    """How an anchored item is named in reports.

    A claim by its id; ``support:<id>``, ``attack:<id>``, and
    ``stance:<stakeholder>:<claim>`` for the others.
    """
    if isinstance(item, Claim):
        return item.id
    if isinstance(item, Support):
        return f"support:{item.id}"
    if isinstance(item, Attack):
        return f"attack:{item.id}"
    return f"stance:{item.stakeholder}:{item.claim}"


def anchored_items(amap: ArgumentMap) -> Iterator[Anchored]:
    """Every claim, support, attack and stance with anchors, in that order
    (map order within each)."""
    groups: tuple[tuple[Anchored, ...], ...] = (
        amap.claims,
        amap.supports,
        amap.attacks,
        amap.stances,
    )
    for group in groups:
        for item in group:
            if item.anchors:
                yield item


def quote_finder(text: str) -> Callable[[str], tuple[int, int] | None]:
    """:func:`find_quote` for many quotes in one text, which is prepared once."""
    index = _SourceIndex(text)

    def find(quote: str) -> tuple[int, int] | None:
        if not _normalise(quote, fold=False).text:
            return None
        found = index.locate(quote)
        return None if found is None else (found[0], found[1])

    return find


def _anchors(amap: ArgumentMap) -> Iterator[tuple[str, Anchor]]:
    for item in anchored_items(amap):
        owner = owner_of(item)
        for anchor in item.anchors:
            yield owner, anchor


def _shorten(passage: str) -> str:
    flat = " ".join(passage.split())
    if len(flat) <= _MAX_PASSAGE:
        return flat
    return flat[: _MAX_PASSAGE - 3].rstrip() + "..."


def _check(owner: str, anchor: Anchor, index: _SourceIndex) -> AnchorCheck:
    def result(found: bool, line: int | None, col: int | None, message: str) -> AnchorCheck:
        return AnchorCheck(owner, anchor.source, anchor.quote, found, line, col, message)

    if not _normalise(anchor.quote, fold=False).text:
        return result(False, None, None, "empty quote")
    located = index.locate(anchor.quote)
    if located is not None:
        line, col = index.line_col(located[0])
        return result(True, line, col, located[2])
    closest = index.closest(anchor.quote)
    if closest is None:
        return result(False, None, None, "not found; the source text is empty")
    start, end, similarity = closest
    line, col = index.line_col(start)
    passage = _shorten(index.text[start:end])
    return result(
        False,
        None,
        None,
        f"not found; closest passage (line {line}, col {col}, "
        f"{similarity:.0%} similar): '{passage}'",
    )


def check_anchors(amap: ArgumentMap, texts: Mapping[str, str]) -> tuple[AnchorCheck, ...]:
    """Check every anchor of every claim, support, attack and stance whose
    source is in ``texts``.

    ``texts`` maps source ids to their full text. Anchors of other sources are
    skipped. The result follows map order: claims (each claim's anchors in
    order), then supports, attacks and stances.
    """
    indexes: dict[str, _SourceIndex] = {}
    checks: list[AnchorCheck] = []
    for owner, anchor in _anchors(amap):
        text = texts.get(anchor.source)
        if text is None:
            continue
        index = indexes.get(anchor.source)
        if index is None:
            index = indexes[anchor.source] = _SourceIndex(text)
        checks.append(_check(owner, anchor, index))
    return tuple(checks)


@dataclass(frozen=True, slots=True)
class MapAnchors:
    """The anchor checks of a map, which text file each source was read from,
    the anchored sources for which no text was available, and the texts read."""

    checks: tuple[AnchorCheck, ...]
    paths: Mapping[str, Path]
    unchecked: tuple[str, ...]
    texts: Mapping[str, str] = field(default_factory=dict)


def check_map_anchors(
    amap: ArgumentMap, texts: Mapping[str, str], paths: Mapping[str, Path]
) -> MapAnchors:
    """Check a map's anchors against its sources' ``texts`` (source id -> text,
    read from ``paths``, as :func:`argmap.formats.sources.read_source_texts`
    reads them)."""
    contents, given = dict(texts), dict(paths)
    anchored = {a.source for _, a in _anchors(amap)}
    return MapAnchors(
        check_anchors(amap, contents),
        given,
        tuple(sorted(anchored - contents.keys())),
        contents,
    )
