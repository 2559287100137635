"""Text handed to the rasteriser as glyph outlines, and the layout cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.render import _layout_cache as cache
from argmap.render import metrics as M
from argmap.render.outline import outline

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" font-family="DejaVu Sans">'
_MATRIX = re.compile(r"matrix\(([-\d.e]+) 0 0 ([-\d.e]+) ([-\d.]+) ([-\d.]+)\)")


def _uses(svg: str) -> list[tuple[str, float, float, float]]:
    """(glyph id, scale, x, y) of every glyph reference, in order."""
    out = []
    for m in re.finditer(r'<use href="#([^"]+)" transform="([^"]+)"', svg):
        t = _MATRIX.match(m.group(2))
        assert t, m.group(2)
        out.append((m.group(1), float(t.group(1)), float(t.group(3)), float(t.group(4))))
    return out


def test_glyphs_sit_at_the_measured_advances() -> None:
    svg = outline(HEAD + '<text x="10" y="50" font-size="20">Law and order</text></svg>')
    assert "<text" not in svg
    uses = _uses(svg)
    assert len(uses) == len("Lawandorder")  # spaces draw nothing
    assert uses[0][2] == pytest.approx(10, abs=0.01)
    assert {u[3] for u in uses} == {50.0}
    # the last glyph starts where the measured width of everything before it ends
    assert uses[-1][2] == pytest.approx(10 + M.text_width("Law and orde", 20), abs=0.02)
    assert uses[0][1] == pytest.approx(20 / 2048, rel=1e-3)


@pytest.mark.parametrize(("anchor", "shift"), [("middle", 0.5), ("end", 1.0)])
def test_anchors_shift_by_the_measured_width(anchor: str, shift: float) -> None:
    svg = outline(
        HEAD + f'<text x="200" y="50" font-size="16" text-anchor="{anchor}">Chicago</text></svg>'
    )
    assert _uses(svg)[0][2] == pytest.approx(200 - shift * M.text_width("Chicago", 16), abs=0.02)


def test_bold_runs_use_the_bold_font_and_their_own_colour() -> None:
    svg = outline(
        HEAD + '<text x="0" y="20" font-size="12" fill="#111111">a<tspan font-weight="bold" '
        'fill="#c62828">a</tspan></text></svg>'
    )
    ids = [u[0] for u in _uses(svg)]
    assert len(ids) == 2 and ids[0] != ids[1]
    paths = dict(re.findall(r'<path id="([^"]+)" d="([^"]+)"', svg))
    assert paths[ids[0]] != paths[ids[1]]  # regular and bold outlines differ
    assert 'fill="#c62828"' in svg and 'fill="#111111"' in svg


def test_white_space_is_collapsed_unless_preserved() -> None:
    one = _uses(outline(HEAD + '<text x="0" y="20" font-size="12">a  b</text></svg>'))
    single = _uses(outline(HEAD + '<text x="0" y="20" font-size="12">a b</text></svg>'))
    kept = _uses(
        outline(HEAD + '<text xml:space="preserve" x="0" y="20" font-size="12">a  b</text></svg>')
    )
    assert one[1][2] == pytest.approx(single[1][2])
    assert kept[1][2] == pytest.approx(single[1][2] + M.text_width(" ", 12), abs=0.01)


def test_line_through_and_letter_spacing() -> None:
    svg = outline(
        HEAD + '<text x="0" y="20" font-size="10"><tspan text-decoration="line-through" '
        'letter-spacing="2">ab</tspan></text></svg>'
    )
    uses = _uses(svg)
    assert uses[1][2] == pytest.approx(M.text_width("a", 10) + 2, abs=0.01)
    rect = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert rect and float(rect.group(2)) == pytest.approx(M.text_width("ab", 10) + 4, abs=0.02)


@pytest.mark.parametrize(
    "text",
    [
        '<text x="0" y="20">Smile \u6f22</text>',  # a character the font lacks
        '<text x="0" y="20" rotate="10">tilted</text>',
        '<text x="0" y="20" font-family="Courier">other font</text>',
        '<text x="0" y="20"><tspan x="5">placed</tspan></text>',
    ],
)
def test_what_cannot_be_placed_exactly_is_left_as_text(text: str) -> None:
    assert "<text" in outline(HEAD + text + "</svg>")


def test_map_text_stays_inert() -> None:
    svg = outline(HEAD + '<text x="0" y="20">&lt;script&gt;alert(1)&lt;/script&gt;</text></svg>')
    assert "<script" not in svg and "alert" not in svg  # drawn as outlines, not markup


def test_layout_cache_round_trip_and_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    cache._memory.clear()
    name = cache.key("digraph { a -> b }", "svg", "dot", "wasm", "wasm 1")
    assert name is not None
    assert name != cache.key("digraph { a -> c }", "svg", "dot", "wasm", "wasm 1")
    assert name != cache.key("digraph { a -> b }", "svg", "dot", "wasm", "wasm 2")
    assert cache.key("digraph {}", "svg", "dot", "system", "") is None  # unknown version
    cache.put(name, b"<svg/>")
    cache._memory.clear()
    assert cache.get(name) == b"<svg/>"  # from disk
    entry = tmp_path / "argmap" / "layouts" / name[:2] / name
    entry.write_bytes(b"garbage")
    cache._memory.clear()
    assert cache.get(name) is None  # a foreign or damaged entry is ignored


def test_layout_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    cache.put(cache.derived_key("x"), b"data")
    assert not (tmp_path / "argmap").exists()


def test_prune_removes_the_oldest_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    names = [cache.derived_key(str(i)) for i in range(4)]
    for i, name in enumerate(names):
        cache.put(name, bytes(1000))
        path = cache.folder() / name[:2] / name
        os.utime(path, (1000 + i, 1000 + i))
    size = (cache.folder() / names[0][:2] / names[0]).stat().st_size
    assert cache.prune(limit=2 * size) == 2
    cache._memory.clear()
    assert [cache.get(n) is not None for n in names] == [False, False, True, True]
