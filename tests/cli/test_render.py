"""The render, reveal and teach commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

SMALL = """
argmap: 1
title: Small
main: [top]
stakeholders:
  - {id: u, name: Union, power: 3, interest: 5}
claims:
  - {id: top, text: The top claim., tags: [t]}
  - {id: a, text: A reason.}
  - {id: x, text: An objection.}
supports:
  - {from: a, to: top}
attacks:
  - {from: x, to: top}
stances:
  - {stakeholder: u, asserts: top}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, "utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_dot_to_stdout(small: Path) -> None:
    code, out, _ = run("render", str(small))
    assert code == 0 and out.startswith("digraph argmap {")


def test_format_from_suffix(small: Path, tmp_path: Path) -> None:
    for suffix, magic in ((".svg", b"<?xml"), (".png", b"\x89PNG"), (".html", b"<!DOCTYPE")):
        target = tmp_path / f"m{suffix}"
        code, _, err = run("render", str(small), "-o", str(target))
        assert code == 0, err
        assert target.read_bytes().startswith(magic)


def test_views_and_filters(small: Path, tmp_path: Path) -> None:
    code, out, _ = run("render", str(small), "--view", "stakeholders")
    assert code == 0 and '"h:u"' in out and '"c:top"' not in out
    code, out, _ = run("render", str(small), "--focus", "a", "--depth", "0")
    assert code == 0 and '"c:a"' in out and '"c:x"' not in out
    code, out, _ = run("render", str(small), "--tag", "t", "--rankdir", "LR")
    assert code == 0 and 'rankdir="LR"' in out
    code, _, _ = run("render", str(small), "--view", "grid", "-o", str(tmp_path / "g.svg"))
    assert code == 0 and b"MANAGE CLOSELY" in (tmp_path / "g.svg").read_bytes()


def test_user_errors_are_one_line(small: Path, tmp_path: Path) -> None:
    code, _, err = run("render", str(small), "--focus", "tpo")
    assert code == 1 and "did you mean 'top'" in err and "Traceback" not in err
    code, _, err = run("render", str(small), "--format", "png")
    assert code == 1 and "-o" in err
    code, _, err = run("render", str(small), "-o", str(tmp_path / "x.unknown"))
    assert code == 1 and "--format" in err


def test_failed_run_keeps_the_old_file(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.svg"
    target.write_bytes(b"old")
    code, _, _ = run("render", str(small), "--focus", "nope", "-o", str(target))
    assert code == 1 and target.read_bytes() == b"old"


def test_evaluate_colours_claims(small: Path) -> None:
    pytest.importorskip("argmap.analysis.semantics", reason="semantics not available")
    code, out, err = run("render", str(small), "--evaluate")
    assert code == 0, err
    assert "in (accepted)" in out or "out (defeated)" in out


def test_diff_draws_changes(small: Path, tmp_path: Path) -> None:
    pytest.importorskip("argmap.diff", reason="diff not available")
    pytest.importorskip("argmap.git", reason="git specs not available")
    new = tmp_path / "new.yaml"
    new.write_text(SMALL.replace("A reason.", "A better reason."), "utf-8")
    target = tmp_path / "d.svg"
    code, _, err = run("render", "--diff", str(small), str(new), "-o", str(target))
    assert code == 0, err
    assert b"CHANGED" in target.read_bytes()


def test_reveal_pdf_and_frames(small: Path, tmp_path: Path) -> None:
    code, _, err = run("reveal", str(small), "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and "2 pages" in err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    code, _, err = run("reveal", str(small), "-o", str(tmp_path / "frames"))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "frames").iterdir()) == [
        "frame-01.svg",
        "frame-02.svg",
    ]


def test_teach_writes_the_set(small: Path, tmp_path: Path) -> None:
    code, _, err = run("teach", str(small), "-o", str(tmp_path / "out"))
    assert code == 0, err
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"small.svg", "small.png", "small.html", "small-reveal.pdf", "MANIFEST.json"} <= names
    assert "small-stakeholders.svg" in names and "small-focus-top.svg" in names


def test_unwritable_output_is_a_user_error(small: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_bytes(b"mine")
    for args in (
        ("render", str(small), "-o", str(blocker / "m.svg")),
        ("reveal", str(small), "-o", str(blocker / "r.pdf")),
        ("teach", str(small), "-o", str(blocker / "out")),
    ):
        code, _, err = run(*args)
        assert code == 1, args
        assert "Traceback" not in err
        assert f"cannot write: {blocker} is a file, not a folder" in err
    assert blocker.read_bytes() == b"mine"


def test_reveal_frames_into_an_existing_file_keep_it(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "frames.svg"
    target.write_bytes(b"mine")
    code, _, err = run("reveal", str(small), "-o", str(target))
    assert code == 1 and "is a file" in err and "Traceback" not in err
    assert target.read_bytes() == b"mine"


def test_teach_writes_the_manifest_last(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.cli.render as cli_render

    written: list[str] = []
    monkeypatch.setattr(cli_render, "write_output", lambda path, data: written.append(path.name))
    code, _, err = run("teach", str(small), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert written[-1] == "MANIFEST.json" and written.count("MANIFEST.json") == 1


@pytest.mark.parametrize("name", ["rv.png", "rv.SVG", "rv.html"])
def test_reveal_refuses_a_single_image_name(small: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, _, err = run("reveal", str(small), "-o", str(target))
    assert code == 1 and "Traceback" not in err
    assert f"{target}: reveal writes one PDF" in err and "folder" in err
    assert not target.exists()


def test_grid_to_stdout_is_svg(small: Path) -> None:
    code, out, _ = run("render", str(small), "--view", "grid")
    assert code == 0 and out.startswith("<?xml") and "MANAGE CLOSELY" in out
    code, _, err = run("render", str(small), "--view", "grid", "--format", "dot")
    assert code == 1 and "not through DOT" in err


QUOTING = """
argmap: 1
title: Quoting
sources:
  - {id: here, title: Here, file: here.txt}
  - {id: away, title: Away, file: ../away.txt}
claims:
  - id: top
    text: The top claim.
    sources: [{source: here, quote: "the top"}, {source: away, quote: "far off"}]
"""


def test_the_page_carries_source_texts_from_the_map_folder(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "m.yaml").write_text(QUOTING, "utf-8")
    (folder / "here.txt").write_text("It is the top of it.", "utf-8")
    (tmp_path / "away.txt").write_text("Something far off.", "utf-8")
    page = folder / "m.html"
    code, _, err = run("render", str(folder / "m.yaml"), "-o", str(page))
    assert code == 0
    assert "source 'away': ../away.txt is outside the map's folder" in err
    assert "--text away=FILE" in err
    html = page.read_text("utf-8")
    assert "It is the top of it." in html and "Something far off." not in html
    code, _, err = run(
        "render", str(folder / "m.yaml"), "-o", str(page), "--text", f"away={tmp_path / 'away.txt'}"
    )
    assert code == 0 and "outside" not in err
    assert "Something far off." in page.read_text("utf-8")
    code, _, err = run("teach", str(folder / "m.yaml"), "-o", str(tmp_path / "t"))
    assert code == 0 and "outside the map's folder" in err
    assert "It is the top of it." in (tmp_path / "t" / "m.html").read_text("utf-8")


def test_text_is_for_the_page_only(small: Path, tmp_path: Path) -> None:
    code, _, err = run("render", str(small), "-o", str(tmp_path / "x.svg"), "--text", "a.txt")
    assert code == 1 and "--text is for the HTML page" in err
    code, _, err = run("render", str(small), "-o", str(tmp_path / "x.html"), "--text", "s=a.txt")
    assert code == 1 and "unknown source 's'" in err


def test_cli_pages(chicago_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.png"
    result = CliRunner().invoke(
        main, ["render", str(chicago_path), "--page", "slide", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files[0] == "m-01.png" and len(files) > 2
    assert (tmp_path / "m-01.png").read_bytes()[16:24] == (1920).to_bytes(4, "big") + (
        1080
    ).to_bytes(4, "big")
    result = CliRunner().invoke(main, ["render", str(chicago_path), "--page", "slide"])
    assert result.exit_code == 1 and "--page is for SVG, PNG and PDF" in result.stderr
    pdf = tmp_path / "deck.pdf"
    result = CliRunner().invoke(
        main, ["render", str(chicago_path), "--page", "letter", "-o", str(pdf)]
    )
    assert result.exit_code == 0 and pdf.read_bytes().startswith(b"%PDF-")
