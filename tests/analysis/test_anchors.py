"""Tests for argmap.analysis.anchors: tolerant quote matching and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.anchors import AnchorCheck, check_anchors, find_quote
from argmap.formats.sources import source_text_path
from argmap.model import Anchor, ArgumentMap, Claim, Source, Stance, StanceKind

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CHICAGO_MAP = REPO / "maps" / "chicago_ice.yaml"
CHICAGO_TEXT = SHARED / "seeds" / "000_8a765ca2f1c7d25d.txt"

TEXT = (
    "First line of the source.\n"
    "The union sees it as a dereliction of duty \u2013 a failure\n"
    "to uphold the law. Chicago\u2019s policy \u201chas teeth\u201d\u2026 and more.\n"
    "Non\u00a0breaking   spaces   here.\n"
)


def one_claim_map(*quotes: str, source: str = "src") -> ArgumentMap:
    return ArgumentMap(
        title="t",
        sources=(Source(id=source, title="Source"),),
        claims=(Claim(id="c", text="A claim.", anchors=tuple(Anchor(source, q) for q in quotes)),),
    )


def check_one(quote: str, text: str = TEXT) -> AnchorCheck:
    (result,) = check_anchors(one_claim_map(quote), {"src": text})
    return result


def test_verbatim_quote_is_found_at_its_line_and_column() -> None:
    result = check_one("First line")
    assert result == AnchorCheck("c", "src", "First line", True, 1, 1, "found verbatim")
    result = check_one("source.")
    assert (result.found, result.line, result.col) == (True, 1, 19)


def test_quote_spanning_a_line_break() -> None:
    result = check_one("a failure to uphold the law")
    assert result.found
    assert (result.line, result.col) == (2, 46)
    assert "normalising" in result.message


def test_straight_quotes_match_curly_ones() -> None:
    result = check_one('Chicago\'s policy "has teeth"')
    assert result.found
    assert (result.line, result.col) == (3, 20)


def test_hyphen_matches_en_dash_with_or_without_spaces() -> None:
    for quote in ("dereliction of duty - a failure", "dereliction of duty-a failure"):
        result = check_one(quote)
        assert result.found, quote
        assert (result.line, result.col) == (2, 24)


def test_em_dash_in_quote_matches_hyphen_in_text() -> None:
    result = check_one("a well\u2014known fact", text="It is a well-known fact.")
    assert (result.found, result.line, result.col) == (True, 1, 7)


def test_ellipsis_and_non_breaking_space() -> None:
    assert check_one('"has teeth"... and more').found
    result = check_one("Non breaking spaces here.")
    assert (result.found, result.line, result.col) == (True, 4, 1)


def test_case_is_ignored_as_a_last_resort() -> None:
    result = check_one("THE UNION SEES IT")
    assert (result.found, result.line, result.col) == (True, 2, 1)
    assert result.message == "found ignoring case"


def test_whitespace_around_quote_is_ignored() -> None:
    result = check_one("  \n spaces here. \n")
    assert (result.found, result.line, result.col) == (True, 4, 16)


def test_position_maps_back_to_the_original_text() -> None:
    text = "a\u00a0\u00a0b\n\n  \u201cquoted\u201d \u2014  words\u2026 end"
    span = find_quote(text, '"quoted" - words... end')
    assert span is not None
    start, end = span
    assert text[start:end] == "\u201cquoted\u201d \u2014  words\u2026 end"
    span = find_quote(text, "a b")
    assert span is not None
    assert text[span[0] : span[1]] == "a\u00a0\u00a0b"
    assert find_quote(text, "missing") is None
    assert find_quote(text, "   ") is None


def test_miss_reports_the_closest_passage() -> None:
    result = check_one("a failure to uphold the lore")
    assert not result.found
    assert result.line is None and result.col is None
    assert result.message.startswith("not found; closest passage")
    assert "line 2" in result.message
    assert "uphold the law" in result.message


def test_miss_in_a_long_text_stays_cheap_and_close() -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 400
    text = filler + "\nThe quick brown fox jumps over the lazy dog.\n" + filler
    result = check_one("the quick brown fax jumped over a lazy dog", text=text)
    assert not result.found
    assert "quick brown fox jumps over the lazy dog" in result.message
    assert "line 2" in result.message


def test_empty_quote_and_empty_text() -> None:
    assert check_one("").message == "empty quote"
    result = check_one("something", text="")
    assert not result.found
    assert "empty" in result.message


def test_order_owners_and_skipped_sources() -> None:
    amap = ArgumentMap(
        title="t",
        sources=(Source(id="src", title="S"), Source(id="other", title="O")),
        claims=(
            Claim(id="c1", text="x", anchors=(Anchor("src", "First line"), Anchor("other", "q"))),
            Claim(id="c2", text="y", anchors=(Anchor("src", "uphold the law"),)),
        ),
        stances=(
            Stance(
                stakeholder="union",
                claim="c1",
                kind=StanceKind.ASSERTS,
                anchors=(Anchor("src", "The union sees it"),),
            ),
        ),
    )
    results = check_anchors(amap, {"src": TEXT})
    assert [(r.owner, r.quote) for r in results] == [
        ("c1", "First line"),
        ("c2", "uphold the law"),
        ("stance:union:c1", "The union sees it"),
    ]
    assert all(r.found for r in results)
    assert check_anchors(amap, {}) == ()


def test_source_text_path_is_relative_to_the_map(tmp_path: Path) -> None:
    map_path = tmp_path / "maps" / "m.yaml"
    assert source_text_path(map_path, Source(id="s", title="S")) is None
    path = source_text_path(map_path, Source(id="s", title="S", file="../texts/a.txt"))
    assert path == tmp_path / "maps" / ".." / "texts" / "a.txt"


def test_every_chicago_anchor_is_in_the_article() -> None:
    if not CHICAGO_TEXT.is_file():
        pytest.skip(f"../shared not present: {CHICAGO_TEXT} is missing")
    import argmap

    amap = argmap.load(CHICAGO_MAP)
    results = check_anchors(amap, {"article": CHICAGO_TEXT.read_text(encoding="utf-8")})
    assert len(results) >= 50
    misses = [f"{r.owner}: {r.quote!r}: {r.message}" for r in results if not r.found]
    assert not misses, "\n".join(misses)
    for r in results:
        assert len(r.quote.split()) <= 25, r.owner
