"""Diffs against a real temporary git repository holding the Chicago map."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.git import parse_spec, read_map_at, read_map_spec

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAP = "maps/chicago_ice.yaml"


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def commit(repo: Path, message: str, *edits: tuple[str, str]) -> None:
    path = repo / MAP
    text = path.read_text("utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    git(repo, "add", MAP)
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, chicago_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three commits: the map; a stance change and a new claim; a rename with new text."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    shutil.copy(chicago_path, repo / MAP)
    git(repo, "init", "-q")
    git(repo, "add", MAP)
    git(repo, "commit", "-q", "-m", "Chicago map")
    commit(
        repo,
        "Officers reject the burden claim; body-camera data",
        (
            "{stakeholder: officers, endorses: officers-burdened,",
            "{stakeholder: officers, rejects: officers-burdened,",
        ),
        (
            "supports:\n",
            "  - id: bodycam-data\n    text: Body-camera records show how often ICE asks.\n\n"
            "supports:\n  - {from: bodycam-data, to: data-and-evidence}\n",
        ),
    )
    text = (repo / MAP).read_text("utf-8").replace("dereliction-of-duty", "duty-neglected")
    (repo / MAP).write_text(text, "utf-8")
    commit(
        repo,
        "Rename the dereliction claim",
        ("a failure\n      to uphold", "a refusal\n      to uphold"),
    )
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_read_map_spec_reads_revisions_and_files(repo: Path, chicago_path: Path) -> None:
    original = argmap.load(chicago_path)
    assert read_map_spec(f"HEAD~2:{MAP}", repo) == original
    assert read_map_spec(f"HEAD~2:./{MAP}", repo) == original
    assert read_map_at("HEAD~2", MAP, repo) == original
    assert read_map_spec(MAP, repo).has_claim("duty-neglected")
    assert read_map_spec(str(repo / MAP)).has_claim("duty-neglected")


def test_a_file_whose_name_has_a_colon_is_a_file(repo: Path) -> None:
    odd = repo / "v1:old.yaml"
    shutil.copy(repo / MAP, odd)
    assert parse_spec("v1:old.yaml", repo).rev is None
    assert read_map_spec("v1:old.yaml", repo).has_claim("duty-neglected")
    assert parse_spec(r"C:\maps\x.yaml", repo).rev is None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (f"-n:{MAP}", "could be an option"),
        (f"--output=/tmp/x:{MAP}", "could be an option"),
        (f"no-such-rev:{MAP}", "unknown revision 'no-such-rev'"),
        ("HEAD:maps/missing.yaml", "does not exist at revision 'HEAD'"),
        ("HEAD:maps", "is a tree, not a map file"),
        ("HEAD:", "no path after the revision"),
    ],
)
def test_bad_specs_give_clear_errors(repo: Path, spec: str, message: str) -> None:
    with pytest.raises(ArgmapError, match=message):
        read_map_spec(spec, repo)


def test_outside_a_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(ArgmapError, match="not in a git repository"):
        read_map_spec(f"HEAD:{MAP}", outside)


def test_diff_two_revisions_reads_as_expected(repo: Path) -> None:
    code, out, _ = run("diff", f"HEAD~2:{MAP}", f"HEAD:{MAP}")
    assert code == 1
    assert f"--- HEAD~2:{MAP}" in out
    assert '  + bodycam-data: "Body-camera records show how often ICE asks."' in out
    assert "  > dereliction-of-duty -> duty-neglected (renamed, similarity" in out
    assert (
        "text: Not cooperating with ICE is a dereliction of duty by the city: "
        "a [-failure-] {+refusal+} to uphold the law." in out
    )
    assert (
        "  + support Body-camera records show how often ICE… [bodycam-data] -> "
        "Policymakers should assess the actual… [data-and-evidence]" in out
    )
    assert (
        "  ~ Chicago police officers [officers] on Because of the policy, Chicago… "
        '[officers-burdened]: stance "endorses" -> "rejects"' in out
    )
    # the rename carries every relation and stance of the claim with it
    assert "dereliction-of-duty ->" not in out.replace("  > dereliction-of-duty ->", "")
    assert out.rstrip().endswith(
        "claims: 1 added, 1 renamed; relations: 1 added; stances: 1 changed"
    )


def test_shorthand_against_the_working_tree_and_between_revisions(repo: Path) -> None:
    code, out, _ = run("diff", "--stat", "HEAD", "--", MAP)
    assert (code, out) == (0, "no differences\n")
    code, out, _ = run("diff", "--stat", "HEAD~1", "--", MAP)
    assert (code, out) == (1, "claims: 1 renamed\n")
    code, out, _ = run("diff", "--json", "HEAD~2", "HEAD~1", "--", MAP)
    assert code == 1
    data = json.loads(out)
    assert [c["id"] for c in data["claims"]["added"]] == ["bodycam-data"]
    assert data["stances"]["changed"] == [
        {
            "stakeholder": "officers",
            "claim": "officers-burdened",
            "changes": [{"field": "stance", "old": "endorses", "new": "rejects"}],
        }
    ]
    (repo / MAP).write_text((repo / MAP).read_text("utf-8").replace("power: 3\n", "power: 4\n", 1))
    code, out, _ = run("diff", "--stat", "--", MAP)  # the index against the working tree
    assert (code, out) == (1, "stakeholders: 1 changed\n")


def test_diff_errors_exit_2_without_traceback(repo: Path) -> None:
    for args in (
        ("diff", f"nope:{MAP}", MAP),
        ("diff", "missing.yaml", MAP),
        ("diff", MAP),
        ("diff", "HEAD", "HEAD~1", "HEAD~2", "--", MAP),
        ("diff", "--json", "--stat", MAP, MAP),
    ):
        code, out, err = run(*args)
        assert code == 2, args
        assert "Traceback" not in out + err
        assert err.startswith("argmap diff: ")
    (repo / "broken.yaml").write_text("argmap: 1\ntitle: x\nclaims:\n  - {id: a}\n", "utf-8")
    code, _out, err = run("diff", "broken.yaml", MAP)
    assert code == 2 and "broken.yaml:4:" in err


def test_evaluate_lists_label_changes(repo: Path) -> None:
    pytest.importorskip("argmap.analysis.semantics", reason="evaluation is not installed")
    code, out, _ = run("diff", "--json", "--evaluate", f"HEAD~2:{MAP}", f"HEAD:{MAP}")
    assert code == 1
    verdicts = json.loads(out)["verdicts"]
    assert verdicts["semantics"] == "grounded"
    added = [v for v in verdicts["changed"] if v["id"] == "bodycam-data"]
    assert added == [] or added[0]["old"] is None
    # the rename alone changes no verdict
    assert all(v["id"] != "duty-neglected" for v in verdicts["changed"])


def test_log_follows_a_claim_through_renames(repo: Path) -> None:
    code, out, _ = run("log", MAP, "duty-neglected")
    assert code == 0
    lines = out.splitlines()
    subjects = [line.split(" ", 1)[1] for line in lines if not line.startswith(" ")]
    assert subjects == ["Rename the dereliction claim", "Chicago map"]
    # the claim is named by its label, its id (at that commit) beside it
    assert "    Dereliction of duty [duty-neglected]: renamed from dereliction-of-duty" in lines
    assert any("[-failure-] {+refusal+}" in line for line in lines)
    assert any(
        line.startswith("    Dereliction of duty [dereliction-of-duty]: added: ") for line in lines
    )
    assert all(len(line) <= 80 for line in lines)  # wrapped to 80 columns off a terminal
    code, out, _ = run("log", "--json", MAP, "officers-burdened")
    events = json.loads(out)
    assert events[0]["what"] == ['stance of officers changed: stance "endorses" -> "rejects"']
    code, out, _ = run("log", MAP, "dereliction-of-duty")  # the old id
    assert code == 0
    assert "    Dereliction of duty [dereliction-of-duty]: renamed to duty-neglected" in (
        out.splitlines()
    )
    code, _out, err = run("log", MAP, "duty-neglectd")
    assert code == 1 and "did you mean 'duty-neglected'" in err


def test_log_names_a_file_git_does_not_have(repo: Path) -> None:
    code, _out, err = run("log", "maps/none.yaml", "x")
    assert code == 1 and "maps/none.yaml: no such file, and no commit has it" in err
    (repo / "maps" / "new.yaml").write_text("argmap: 1\ntitle: New\nclaims: []\n", "utf-8")
    code, _out, err = run("log", "maps/new.yaml", "x")
    assert code == 1 and "maps/new.yaml: no commit has this file yet" in err
    code, _out, err = run("log", "maps", "x")
    assert code == 1 and "maps: is a directory, not a map file" in err


def test_git_setup_makes_git_diff_semantic(repo: Path) -> None:
    code, out, _ = run("git-setup")
    assert code == 0, out
    expected = "*.yaml diff=argmap\n*.yaml merge=argmap\n"
    assert (repo / ".gitattributes").read_text("utf-8") == expected
    run("git-setup")  # idempotent
    assert (repo / ".gitattributes").read_text("utf-8") == expected
    text = (repo / MAP).read_text("utf-8").replace("power: 3\n", "power: 4\n", 1)
    (repo / MAP).write_text(text, "utf-8")
    (repo / "other.yaml").write_text("just: yaml\n", "utf-8")
    git(repo, "add", "other.yaml")
    git(repo, "commit", "-q", "-m", "other")
    (repo / "other.yaml").write_text("just: more yaml\n", "utf-8")
    shown = git(repo, "diff")
    assert (
        f"--- a/{MAP}\n+++ b/{MAP}\nstakeholders:\n  ~ Chicago police union [union]: power 3 -> 4\n"
        in shown
    )
    # a YAML file that is not a map still gets a line diff, and git sees exit 0
    assert "-just: yaml\n+just: more yaml\n" in shown
    logged = git(repo, "log", "-p", "--ext-diff", "-1", "--format=%s", "--", MAP)
    assert "renamed" in logged


def test_git_setup_reports_an_unreadable_gitattributes(repo: Path) -> None:
    attributes = repo / ".gitattributes"
    attributes.mkdir()
    code, _out, err = run("git-setup")
    assert code == 1 and f"{attributes}: is a directory" in err
    attributes.rmdir()
    attributes.write_bytes(b"caf\xe9 diff\n")
    code, _out, err = run("git-setup")
    assert code == 1 and f"{attributes}:1:4: not UTF-8 text" in err
    assert attributes.read_bytes() == b"caf\xe9 diff\n"
