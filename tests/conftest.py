"""Shared fixtures: the repository, the Chicago map and ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"
ARTICLE = SHARED / "seeds" / "000_8a765ca2f1c7d25d.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def shared_dir() -> Path:
    """../shared (corpora and seeds), or skip with the reason."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present: shared corpora are read from ../shared")
    return SHARED


@pytest.fixture
def chicago_path() -> Path:
    """The Chicago map in maps/."""
    return CHICAGO


@pytest.fixture(autouse=True)
def _private_map_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the cache of validated maps (argmap.formats._cache) out of the user's cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, or skip with the reason."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
