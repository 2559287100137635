"""The interactive page in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.render import render

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _open(browser: Any, tmp_path: Path, amap: argmap.ArgumentMap) -> Any:
    path = tmp_path / "page.html"
    path.write_bytes(render(amap, "html").data)
    page = browser.new_page()
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
        "quotes": [{"source": "The article", "quote": "the union <b>might</b> object"}],
        "hedge": "possible",
        "hedge_words": "might",
    }
    assert data["relations"]["s0"]["inferred"] == "the mapper reads it so"
    (holder,) = data["claims"]["c0"]["holders"]
    assert holder["quotes"] == [{"source": "The article", "quote": "The union sees it"}]
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
