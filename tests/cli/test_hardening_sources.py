"""Failure class 4 of the hardening issue: a map cannot make argmap read (and
quote back) a file the user did not allow."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = ROOT / "maps" / "chicago_ice.yaml"
SECRET = "API_TOKEN=s3cr3t-value-0123456789"

Cli = Callable[..., Any]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / ".env"
    path.write_text(SECRET + "\n")
    return path


def _point_at(map_path: Path, file: str, quote: str = "API_TOKEN=s3cr3t-value-0123456788") -> None:
    text = map_path.read_text().replace("file: notes.txt", f"file: {file!r}")
    text = text.replace('"teenagers fall asleep late"', repr(quote))
    map_path.write_text(text)


def _assert_not_disclosed(ran: Any) -> None:
    assert "s3cr3t" not in ran.text and "s3cr3t" not in ran.err
    assert "closest passage" not in ran.text + ran.err


@pytest.mark.parametrize("how", ["absolute", "relative", "symlink"])
def test_sources_refuses_a_file_outside_the_maps_folder(
    argmap_cli: Cli, small_map: Path, secret: Path, how: str
) -> None:
    if how == "absolute":
        file = str(secret)
    elif how == "relative":
        file = "../" * 12 + str(secret).lstrip("/")
    else:
        (small_map.parent / "innocent.txt").symlink_to(secret)
        file = "innocent.txt"
    _point_at(small_map, file)
    for args in (("sources",), ("sources", "--coverage"), ("sources", "--json")):
        ran = argmap_cli(*args[:1], small_map, *args[1:])
        assert ran.code == 1, args
        assert "outside the map's folder, so it is not read" in ran.err
        assert "--allow" in ran.err and "--text s=FILE" in ran.err
        _assert_not_disclosed(ran)
    ran = argmap_cli("lint", small_map)
    assert ran.code == 1 and "F108" in ran.text
    assert "outside the map's folder, so it is not read" in ran.text
    _assert_not_disclosed(ran)


def test_the_user_can_allow_a_folder_or_name_the_file(
    argmap_cli: Cli, small_map: Path, secret: Path
) -> None:
    _point_at(small_map, str(secret))
    for extra in (("--allow", secret.parent), ("--text", secret)):
        ran = argmap_cli("sources", small_map, *extra)
        assert ran.code == 1  # the made-up quote is missing ...
        assert "closest passage" in ran.text  # ... and the hint may quote the allowed file
    allowed = argmap_cli("lint", small_map, "--allow", secret.parent)
    assert "F108" not in allowed.text


def test_the_project_config_allows_folders(
    argmap_cli: Cli, small_map: Path, tmp_path: Path
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "notes.txt").write_text("We found that teenagers fall asleep late.\n")
    _point_at(small_map, "../texts/notes.txt", "teenagers fall asleep late")
    assert argmap_cli("sources", small_map).code == 1
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nallow = ["texts"]\n')
    ran = argmap_cli("sources", small_map)
    assert ran.code == 0, ran.err
    assert "1 of 1 quotes found" in ran.text
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\nallow = 3\n")
    bad = argmap_cli("sources", small_map)
    assert bad.code == 1 and "allow must be a list" in bad.err


def test_a_missing_source_file_is_a_note(argmap_cli: Cli, small_map: Path) -> None:
    (small_map.parent / "notes.txt").unlink()
    ran = argmap_cli("sources", small_map)
    assert ran.code == 0, ran.err
    assert "note: source 's': its file 'notes.txt'" in ran.err
    assert "does not exist here" in ran.err


def test_chicago_sources_work_from_the_repository(argmap_cli: Cli) -> None:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    ran = argmap_cli("sources", "maps/chicago_ice.yaml", cwd=ROOT)
    assert ran.code == 0, ran.err
    found = re.search(r"(\d+) of (\d+) quotes found", ran.text)
    assert found is not None and found.group(1) == found.group(2) != "0"


def test_chicago_sources_degrade_without_the_shared_texts(argmap_cli: Cli, tmp_path: Path) -> None:
    checkout = tmp_path / "clone"
    (checkout / "maps").mkdir(parents=True)
    shutil.copy(CHICAGO, checkout / "maps")
    shutil.copy(ROOT / "pyproject.toml", checkout)
    ran = argmap_cli("sources", "maps/chicago_ice.yaml", cwd=checkout)
    assert ran.code == 0, ran.err
    assert "does not exist here; its quotes are not checked" in ran.err
    assert argmap_cli("validate", "maps/chicago_ice.yaml", cwd=checkout).code == 0
