"""The interactive page in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.render import render

NASTY = r"""
argmap: 1
title: "A <b>bold</b> & \"quoted\" title"
stakeholders:
  - {id: evil, name: "<img src=x onerror=window.__pwned=1>"}
claims:
  - id: top
    text: "<script>window.__pwned = 1</script> closing </script> & done"
    sources: [{source: s, quote: "<img src=x onerror=window.__pwned=2>"}]
  - {id: why, text: "Because \u2028 line \\ back {brace} ]]> -->"}
  - {id: but, text: "But <svg onload=window.__pwned=3>"}
sources:
  - {id: s, title: "</script><script>window.__pwned=4</script>"}
supports:
  - {from: why, to: top}
attacks:
  - {from: but, to: top}
stances:
  - {stakeholder: evil, asserts: top}
"""


def _open(
    browser: Any,
    tmp_path: Path,
    amap: argmap.ArgumentMap,
    *,
    texts: dict[str, str] | None = None,
    size: tuple[int, int] = (1600, 1000),
) -> Any:
    path = tmp_path / "page.html"
    path.write_bytes(render(amap, "html", texts=texts).data)
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("#c0")
    return page


def _classes(page: Any, svg_id: str) -> list[str]:
    return list(page.eval_on_selector(f"#{svg_id}", "e => Array.from(e.classList)"))


def test_click_highlights_the_chain_and_holders(browser: Any, tmp_path: Path) -> None:
    amap = argmap.loads(
        """
argmap: 1
title: t
stakeholders: [{id: u, name: The Union}]
claims:
  - {id: top, text: Top claim.}
  - {id: reason, text: A reason.}
  - {id: deep, text: A reason for the reason.}
  - {id: objection, text: An objection.}
  - {id: reply, text: A reply to the objection.}
  - {id: other, text: Unrelated.}
supports:
  - {from: reason, to: top}
  - {from: deep, to: reason}
attacks:
  - {from: objection, to: top}
  - {from: reply, to: objection}
stances:
  - {stakeholder: u, asserts: top}
"""
    )
    page = _open(browser, tmp_path, amap)
    page.click("#c0")
    assert "sel" in _classes(page, "c0")
    assert "pro" in _classes(page, "c1")
    assert "pro" in _classes(page, "c2")  # down the chain
    assert "con" in _classes(page, "c3")
    assert "pro" in _classes(page, "c4")  # attacks the attacker: on top's side
    assert "dim" in _classes(page, "c5")
    info = page.inner_text("#info")
    assert "The Union: asserts" in info
    page.hover("#c3")
    assert "An objection." in page.inner_text("#tip")
    page.select_option("#who", "u")
    assert "held-asserts" in _classes(page, "c0")
    assert "dim" in _classes(page, "c1")


def test_map_text_never_runs(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, argmap.loads(NASTY))
    page.click("#c0")
    page.hover("#c0")
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#info")
    assert "<img src=x onerror=window.__pwned=2>" in page.inner_text("#tip")
    assert page.eval_on_selector_all("script", "s => s.length") == 2
    assert os.environ.get("ARGMAP_GRAPHVIZ") != "system" or True


RELATION_QUOTES = """
argmap: 1
title: t
sources: [{id: s, title: The article}]
stakeholders: [{id: u, name: The Union}]
claims:
  - {id: top, text: Top claim., hedge: reported, hedge_words: sees}
  - {id: reason, text: A reason.}
  - {id: objection, text: An objection.}
supports:
  - {from: reason, to: top, inferred: the mapper reads it so}
attacks:
  - from: objection
    to: top
    hedge: possible
    hedge_words: might
    sources: [{source: s, quote: "the union <b>might</b> object"}]
stances:
  - stakeholder: u
    asserts: top
    sources: [{source: s, quote: The union sees it}]
"""


def test_page_data_carries_relation_and_stance_quotes() -> None:
    from argmap.render.html import page_data

    data = page_data(argmap.loads(RELATION_QUOTES))
    assert data["relations"]["a0"] == {
        "id": "objection!top",
        "kind": "rebuts",
        "from": ["objection"],
        "to": "top",
        "quotes": [{"source": "The article", "sid": "s", "quote": "the union <b>might</b> object"}],
        "hedge": "possible",
        "hedge_words": "might",
    }
    assert data["relations"]["s0"]["inferred"] == "the mapper reads it so"
    (holder,) = data["claims"]["c0"]["holders"]
    assert holder["quotes"] == [{"source": "The article", "sid": "s", "quote": "The union sees it"}]
    assert data["claims"]["c0"]["hedge"] == "reported"


def test_hovering_a_relation_shows_its_quote(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, argmap.loads(RELATION_QUOTES))
    page.dispatch_event("#a0", "mouseenter")
    tip = page.inner_text("#tip")
    assert "objection rebuts top" in tip
    assert "\u201cthe union <b>might</b> object\u201d" in tip  # text, not markup
    assert "hedge possible" in tip
    page.dispatch_event("#c0", "mouseenter")
    tip = page.inner_text("#tip")
    assert "hedge reported" in tip and "u asserts: \u201cThe union sees it\u201d" in tip
    assert page.evaluate("document.querySelectorAll('#tip b').length") == 0


# ---- the page opens on the argument, zooms, pans, finds and reads out ----

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"


def generated(n: int) -> argmap.ArgumentMap:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return argmap.loads(generate(n, seed=3))


def _rect(page: Any, selector: str) -> dict[str, float]:
    return dict(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }",
        )
    )


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["left"] >= outer["left"] - 0.5
        and inner["top"] >= outer["top"] - 0.5
        and inner["right"] <= outer["right"] + 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


def _scale(page: Any) -> float:
    return float(page.evaluate("argmap.view().scale"))


def _svg_id(amap: argmap.ArgumentMap, claim: str) -> str:
    return f"c{[c.id for c in amap.claims].index(claim)}"


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720)])
def test_first_view_shows_every_main_claim(
    browser: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    amap = argmap.load(CHICAGO)
    page = _open(browser, tmp_path, amap, size=size)
    shot = tmp_path / "first.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    screen = {"left": 0.0, "top": 0.0, "right": float(size[0]), "bottom": float(size[1])}
    area = _rect(page, "#map")
    assert _inside(area, screen)
    for claim in amap.main:
        box = _rect(page, f"#{_svg_id(amap, claim)}")
        assert _inside(box, area), (claim, box, area)
    # Closer than the whole drawing, which would make the text too small to read.
    first = _scale(page)
    page.click("#fit")
    assert first > _scale(page) * 1.2


def test_a_small_map_opens_whole(browser: Any, tmp_path: Path) -> None:
    amap = argmap.loads(RELATION_QUOTES)
    page = _open(browser, tmp_path, amap)
    area = _rect(page, "#map")
    for k in range(len(amap.claims)):
        assert _inside(_rect(page, f"#c{k}"), area)


def test_zoom_pan_and_fit(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load(CHICAGO)
    page = _open(browser, tmp_path, amap)
    area = _rect(page, "#map")
    cx, cy = (area["left"] + area["right"]) / 2, (area["top"] + area["bottom"]) / 2
    s0 = _scale(page)
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"argmap.view().scale > {s0 * 1.2}")
    s1 = _scale(page)
    page.click("#zoom-out")
    assert _scale(page) == pytest.approx(s1 * 0.8)
    page.click("#zoom-in")
    page.click("#zoom-in")
    assert _scale(page) == pytest.approx(s1 * 1.25)
    assert page.inner_text("#zoom-level").endswith("%")
    # A drag pans by the distance dragged and selects nothing.
    before = page.evaluate("argmap.view()")
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx - 150, cy - 100, steps=6)
    page.mouse.up()
    after = page.evaluate("argmap.view()")
    s = before["scale"]
    assert after["scale"] == pytest.approx(s)
    assert after["x"] - before["x"] == pytest.approx(150 / s, rel=0.02)
    assert after["y"] - before["y"] == pytest.approx(100 / s, rel=0.02)
    assert page.evaluate("argmap.selected()") is None
    # A pinch (two touch points moving apart) zooms in.
    s2 = _scale(page)
    page.evaluate(
        """([x, y]) => {
        const m = document.getElementById('map');
        const ev = (type, id, px) => m.dispatchEvent(new PointerEvent(type,
            {pointerId: id, clientX: px, clientY: y, button: 0, bubbles: true,
             pointerType: 'touch', isPrimary: id === 1}));
        ev('pointerdown', 1, x - 20); ev('pointerdown', 2, x + 20);
        ev('pointermove', 1, x - 60); ev('pointermove', 2, x + 60);
        ev('pointerup', 1, x - 60); ev('pointerup', 2, x + 60);
    }""",
        [cx, cy],
    )
    assert _scale(page) > s2 * 2
    # Fit shows the whole drawing, whatever came before.
    page.click("#fit")
    area = _rect(page, "#map")
    for k in range(len(amap.claims)):
        assert _inside(_rect(page, f"#c{k}"), area)
    assert _rect(page, "#map svg g.graph")["right"] - area["left"] > 0.9 * (
        area["right"] - area["left"]
    ) or _rect(page, "#map svg g.graph")["bottom"] - area["top"] > 0.9 * (
        area["bottom"] - area["top"]
    )
    fitted = _scale(page)
    page.locator("#map").focus()
    page.keyboard.press("+")
    assert _scale(page) == pytest.approx(fitted * 1.25)
    page.keyboard.press("0")
    assert _scale(page) == pytest.approx(fitted)


def test_search_finds_and_centres_a_claim(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load(CHICAGO)
    target = next(c for c in amap.claims if "dereliction of duty by the city" in c.text)
    svg_id = _svg_id(amap, target.id)
    page = _open(browser, tmp_path, amap)
    page.click("#fit")
    page.fill("#search", "DERELICTION of duty by the city")
    assert page.eval_on_selector_all("g.node.match", "gs => gs.map(g => g.id)") == [svg_id]
    assert "1 of 1" in page.inner_text("#found")
    area = _rect(page, "#map")
    box = _rect(page, f"#{svg_id}")
    assert _inside(box, area)
    middle = (area["left"] + area["right"]) / 2
    assert abs((box["left"] + box["right"]) / 2 - middle) < 5
    page.press("#search", "Enter")
    assert page.evaluate("argmap.selected()") == target.id
    assert target.text in page.inner_text("#info")
    page.fill("#search", "no claim says this zzz")
    assert page.inner_text("#found") == "none found"
    assert page.eval_on_selector_all("g.node.match", "gs => gs.length") == 0


def test_keyboard_goes_through_the_claims(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load(CHICAGO)
    page = _open(browser, tmp_path, amap)
    page.focus("#search")
    focused = ""
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("c"):
            break
    # Tab enters the drawing at the first main claim (reading order).
    assert focused == _svg_id(amap, amap.main[0])
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.id")
    assert second.startswith("c") and second != focused
    page.keyboard.press("ArrowDown")
    below = page.evaluate("document.activeElement.id")
    assert below.startswith("c") and below != second
    assert _rect(page, f"#{second}")["top"] < _rect(page, f"#{below}")["top"]
    assert _inside(_rect(page, f"#{below}"), _rect(page, "#map"))
    page.keyboard.press("Enter")
    chosen = page.evaluate("argmap.selected()")
    assert chosen == amap.claims[int(below[1:])].id
    assert "sel" in _classes(page, below)
    assert page.get_attribute("#info", "data-selected") == chosen
    page.keyboard.press("Escape")
    assert page.evaluate("argmap.selected()") is None
    assert "sel" not in _classes(page, below)
    assert page.get_attribute("#info", "data-selected") == ""


@pytest.mark.parametrize("which", ["chicago", "generated"])
def test_outline_lists_every_claim(browser: Any, tmp_path: Path, which: str) -> None:
    amap = argmap.load(CHICAGO) if which == "chicago" else generated(150)
    page = _open(browser, tmp_path, amap)
    listed = page.eval_on_selector_all(
        "#outline li.claim[data-claim]", "ls => ls.map(l => l.dataset.claim)"
    )
    assert sorted(listed) == sorted(f"c{k}" for k in range(len(amap.claims)))
    text = page.inner_text("#outline")
    for c in amap.claims:
        assert " ".join(c.text.split()) in " ".join(text.split())
    # Nested: a reason sits inside the claim it is a reason for.
    s = amap.supports[0]
    nested = page.evaluate(
        "([p, c]) => !!document.querySelector("
        "`#outline li.claim[data-claim='${c}'] li.for li.claim[data-claim='${p}'],"
        " #outline li.claim[data-claim='${c}'] li.for li.claim[data-see='${p}']`)",
        [_svg_id(amap, s.premises[0]), _svg_id(amap, s.conclusion)],
    )
    assert nested
    page.click(f"#outline li.claim[data-claim='c{len(amap.claims) - 1}'] > button.onmap")
    assert page.evaluate("argmap.selected()") == amap.claims[-1].id
    assert page.evaluate("document.activeElement.id") == f"c{len(amap.claims) - 1}"


def test_outline_prints_without_the_drawing(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load(CHICAGO)
    page = _open(browser, tmp_path, amap)
    page.emulate_media(media="print")
    assert page.eval_on_selector("main", "m => getComputedStyle(m).display") == "none"
    assert page.eval_on_selector(".tools", "m => getComputedStyle(m).display") == "none"
    assert page.is_visible("#outline")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


PARAGRAPHS = """Intro paragraph about nothing in particular.

The union said the policy <img src=x onerror=window.__pwned=5> is a failure
to uphold the law, and it said so loudly.

A closing paragraph </script><script>window.__pwned=6</script>.
"""

QUOTED = """
argmap: 1
title: Quotes in context
sources: [{id: s, title: The piece, file: piece.txt}]
stakeholders: [{id: u, name: The Union}]
main: [top]
claims:
  - id: top
    text: The policy fails the law.
    sources: [{source: s, quote: "is a failure to uphold the law"}]
  - {id: why, text: "A reason </script><img src=x onerror=window.__pwned=7>"}
supports:
  - {from: why, to: top}
stances:
  - stakeholder: u
    asserts: top
    sources: [{source: s, quote: "said so loudly"}]
"""


def test_a_quote_is_shown_in_its_paragraph(browser: Any, tmp_path: Path) -> None:
    from argmap.formats.sources import read_source_files

    (tmp_path / "m.yaml").write_text(QUOTED, "utf-8")
    (tmp_path / "piece.txt").write_text(PARAGRAPHS, "utf-8")
    amap = argmap.load(tmp_path / "m.yaml")
    texts = read_source_files(amap, tmp_path / "m.yaml").texts
    assert set(texts) == {"s"}
    page = _open(browser, tmp_path, amap, texts=texts)
    page.click("#c0")
    figures = page.query_selector_all("#info figure.source")
    assert len(figures) == 2
    first = figures[0].inner_text()
    assert "The union said the policy <img src=x onerror=window.__pwned=5> is a" in first
    assert "Intro paragraph" not in first and "closing" not in first
    mark = figures[0].query_selector("mark").inner_text()
    assert " ".join(mark.split()) == "is a failure to uphold the law"
    assert "paragraph 2" in first
    assert figures[1].query_selector("mark").inner_text() == "said so loudly"
    assert "The Union asserts it" in figures[1].inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#info img').length") == 0


def test_without_its_text_a_quote_is_shown_alone(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, argmap.loads(QUOTED))
    page.click("#c0")
    fig = page.inner_text("#info figure.source")
    assert "\u201cis a failure to uphold the law\u201d" in fig
    assert page.query_selector("#info mark") is None


def test_no_map_text_runs_anywhere_on_the_page(browser: Any, tmp_path: Path) -> None:
    amap = argmap.loads(NASTY)
    texts = {"s": "A paragraph with <img src=x onerror=window.__pwned=8> and </script> in it."}
    data = render(amap, "html", texts=texts).data.decode("utf-8")
    policy = data.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "unsafe" not in script_src and "'sha256-" in script_src
    assert "connect-src 'none'" in policy
    page = _open(browser, tmp_path, amap, texts=texts)
    page.fill("#search", "<script>")
    page.press("#search", "Enter")
    page.click("#c2")
    page.hover("#c2")
    page.click("#c0")
    page.select_option("#who", "evil")
    page.emulate_media(media="print")
    assert page.evaluate("window.__pwned") is None
    assert page.eval_on_selector_all("script", "s => s.length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, svg svg').length") == 0
    assert "<svg onload=window.__pwned=3>" in page.inner_text("#outline")


def test_update_swaps_the_drawing_and_keeps_the_view(browser: Any, tmp_path: Path) -> None:
    before = argmap.loads(RELATION_QUOTES)
    page = _open(browser, tmp_path, before)
    page.click("#c1")
    page.click("#zoom-in")
    view = page.evaluate("argmap.view()")
    box = _rect(page, "#c1")
    # The next version: a claim added in front, so every SVG id moves up by one.
    after = argmap.loads(
        RELATION_QUOTES.replace(
            "claims:\n", "claims:\n  - {id: new, text: A new claim <b>here</b>.}\n"
        ).replace("supports:\n", "supports:\n  - {from: new, to: top}\n")
    )
    html = render(after, "html").data.decode("utf-8")
    page.evaluate("html => argmap.update({html})", html)
    assert page.evaluate("argmap.selected()") == "reason"
    assert "sel" in _classes(page, "c2")  # "reason" is c2 now
    assert page.evaluate("argmap.view().scale") == pytest.approx(view["scale"])
    moved = _rect(page, "#c2")
    assert abs(moved["left"] + moved["right"] - box["left"] - box["right"]) < 2
    assert "A new claim <b>here</b>." in page.inner_text("#outline")
    assert page.eval_on_selector_all("#outline li.claim[data-claim]", "l => l.length") == 4
    assert page.evaluate("argmap.search('new claim')") == ["new"]
    # The SVG and data given directly work as well, and nothing in them runs.
    svg = page.evaluate("document.querySelector('#map svg').outerHTML")
    data = page.evaluate("argmap.data()")
    evil = svg.replace("<g ", '<g onclick="window.__pwned=9" ', 1).replace(
        "</svg>", "<script>window.__pwned=10</script></svg>"
    )
    page.evaluate("([svg, data]) => argmap.update({svg, data})", [evil, data])
    page.click("#c0")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#map script, [onclick]').length") == 0
