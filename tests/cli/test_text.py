"""argmap.cli._text and the text the commands print for people."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import loads
from argmap.cli import _text as T
from argmap.cli import main

HOSTILE = """
argmap: 1
title: t
stakeholders:
  - {id: evil, name: "Evil\\e[2J Corp\\nNext"}
claims:
  - {id: a, text: "Plain \\e]52;c;aGk=\\a text\\twith a tab", label: "Lab\\e[31mel"}
  - {id: b, text: B.}
supports:
  - {from: a, to: b}
stances:
  - {stakeholder: evil, asserts: a}
"""

LONG = "word " * 60


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner(env=env).invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_colour_follows_the_terminal_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert T.colour_on(Tty()) and not T.colour_on(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not T.colour_on(Tty())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not T.colour_on(Tty())  # NO_COLOR wins
    monkeypatch.delenv("NO_COLOR")
    assert T.colour_on(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert not T.colour_on(io.StringIO())


def test_painted_lines_colour_or_not() -> None:
    line = f"{T.bold('x')} {T.quiet('[id]')} {T.label('in')}"
    assert T.painted(line, False) == "x [id] in"
    assert T.painted(line, True) == "\x1b[1mx\x1b[0m \x1b[2m[id]\x1b[0m \x1b[32min\x1b[0m"


def test_wrap_measures_what_is_seen_and_keeps_ids_whole() -> None:
    text = ("alpha " * 8) + T.quiet("[a-very-long-identifier-that-must-stay-whole]")
    lines = T.wrap(text, "  ", "    ", columns=40)
    assert all(len(T.visible(line)) <= 40 for line in lines[:-1])
    assert T.visible(lines[-1]) == "    [a-very-long-identifier-that-must-stay-whole]"
    assert lines[0].startswith("  alpha") and all(line.startswith("    ") for line in lines[1:])


def _wrap_by_words(text: str, indent: str, hang: str, columns: int) -> list[str]:
    """The greedy wrap, one word at a time, as the plain text's line-at-a-time
    path must give it."""
    lines, line, seen = [], indent, len(T.visible(indent))
    fresh = True
    for word in text.split(" "):
        if not word:
            continue
        size = len(T.visible(word))
        if not fresh and seen + 1 + size > columns:
            lines.append(line)
            line, seen, fresh = hang, len(T.visible(hang)), True
        line, seen = (line + word, seen + size) if fresh else (f"{line} {word}", seen + 1 + size)
        fresh = False
    return [*lines, line]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "one",
        "a bb ccc dddd eeeee " * 6,
        "  two  spaces   between\twords\nand a line break  ",
        "x" * 50 + " short " + "y" * 45,
        "\u201cquoted\u201d words \u2014 and an ellipsis\u2026 " * 4,
    ],
)
@pytest.mark.parametrize("columns", [1, 10, 13, 40, 80])
@pytest.mark.parametrize(
    ("indent", "hang"), [("", ""), ("  ", "      "), ("x" * 12, T.quiet("|") + " ")]
)
def test_wrap_of_plain_text_is_the_greedy_word_wrap(
    text: str, columns: int, indent: str, hang: str
) -> None:
    assert T.wrap(text, indent, hang, columns) == _wrap_by_words(text, indent, hang, columns)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab\u201c\u2026", min_size=1, max_size=12)
        | st.sampled_from(["", " ", "  "]),
        max_size=60,
    ).map(" ".join),
    st.integers(min_value=1, max_value=40),
    st.sampled_from([("", ""), ("  ", "      "), ("x" * 12, "   ")]),
)
def test_wrap_of_any_plain_text_is_the_greedy_word_wrap(
    text: str, columns: int, lead: tuple[str, str]
) -> None:
    indent, hang = lead
    assert T.wrap(text, indent, hang, columns) == _wrap_by_words(text, indent, hang, columns)


def test_tree_draws_branches_and_wraps_under_them() -> None:
    root = T.Node("root", [T.Node("one", [T.Node("deep " * 12)]), T.Node("two")])
    lines = [T.visible(line) for line in T.tree(root, columns=30)]
    assert lines[0] == "root"
    assert lines[1] == "├── one"
    assert lines[2].startswith("│   └── deep")
    assert lines[3].startswith("│           deep")  # the wrapped text hangs under its words
    assert lines[-1] == "└── two"
    assert all(len(line) <= 30 for line in lines)


def test_map_text_cannot_drive_the_terminal() -> None:
    amap = loads(HOSTILE)
    names = T.Names(amap)
    for shown in (names.claim("a"), names.stakeholder("evil"), T.shorten(amap.claim("a").text)):
        seen = T.visible(shown)  # without the module's own style markers
        assert "\x1b" not in seen and "\x07" not in seen and "\n" not in seen
    assert names.claim("a") == "Lab\\x1b[31mel " + T.quiet("[a]")
    assert names.claim("b") == "B " + T.quiet("[b]")
    assert names.claim("missing") == "missing"


def test_shorten_cuts_at_a_word() -> None:
    assert T.shorten("short") == "short"
    cut = T.shorten(LONG, 30)
    assert cut.endswith("word…") and len(cut) <= 30


def test_commands_print_no_escape_from_a_hostile_map(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(HOSTILE, "utf-8")
    outputs = [
        run("query", path, "supporters", "b"),
        run("query", path, "who", "a"),
        run("query", path, "holds", "evil"),
        run("stakeholders", path),
        run("evaluate", path),
        run("explain", path, "b"),
    ]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b[2J Corp Next [evil]" in outputs[1]


def test_colour_only_when_asked(chicago_path: Path) -> None:
    args = ("query", chicago_path, "opposers", "dereliction-of-duty")
    assert "\x1b[" not in run(*args)
    coloured = run(*args, env={"FORCE_COLOR": "1"})
    assert "\x1b[2m[dereliction-of-duty]\x1b[0m" in coloured
    assert "\x1b[" not in run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})


def test_supporters_print_as_a_tree_with_names(chicago_path: Path) -> None:
    out = run("query", chicago_path, "supporters", "sanctuary-policy-should-stand", "--depth", "3")
    lines = out.splitlines()
    assert lines[0] == "Keep the sanctuary policy [sanctuary-policy-should-stand]"
    assert "├── for: Local sovereignty [affirms-local-sovereignty]" in lines
    # a chain through an opposer: the link under it, and the role it plays
    at = lines.index("│   └── against: Dereliction of duty [dereliction-of-duty]")
    assert lines[at + 1].startswith("│       └── against the step: Not a blanket refusal")
    assert "(defends)" in lines[at + 1] + lines[at + 2]
    assert lines[-1] == "11 supporters within depth 3"
    assert all(len(line) <= 80 for line in lines)


def test_path_and_unanswered_read_in_words(chicago_path: Path) -> None:
    out = run("query", chicago_path, "path", "cpd-cooperates-on-crime", "dereliction-of-duty")
    assert out.splitlines()[0] == "1. con (2 links)"
    assert "└── supports: Not a blanket refusal [not-blanket-refusal]" in out
    assert "undercuts the step to: Dereliction of duty [dereliction-of-duty]" in out
    out = run("query", chicago_path, "unanswered")
    assert "Not a blanket refusal [not-blanket-refusal] undercuts the step to Dereliction of" in out
    assert "(attack not-blanket-refusal!city-refuses-ice)" not in out  # derived ids stay out


SMALL = """
argmap: 1
title: t
stakeholders:
  - {id: city, name: City}
  - {id: feds, name: Feds}
claims:
  - {id: keep, text: Keep the policy., kind: policy}
  - {id: trust, text: It builds trust.}
  - {id: law, text: It breaks the law., hedge: reported, hedge_words: often arguing}
  - {id: costs, text: It costs money.}
  - {id: cheap, text: It is cheap.}
supports:
  - {from: trust, to: keep}
attacks:
  - {from: law, to: keep}
  - {from: costs, to: trust>keep}
  - {from: cheap, to: costs}
stances:
  - {stakeholder: city, asserts: [keep, trust]}
  - {stakeholder: feds, asserts: law, hedge: reported, hedge_words: often arguing}
"""


def test_explain_prints_the_dispute_as_a_tree(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL, "utf-8")
    lines = run("explain", path, "keep").splitlines()
    assert lines[0] == "Keep the policy [keep]"
    assert lines[1].startswith("out under grounded semantics: out because it is attacked by")
    assert "\u201cIt breaks the law\u201d" in lines[1]  # the reason in words
    tree = lines[lines.index("The dispute:") + 1 :]
    assert tree[0] == "Keep the policy [keep] \u2014 OUT, defeated by an objection that stands"
    starts = [
        "├── for: It builds trust [trust] \u2014 IN",
        "│   └── against the step: It costs money [costs] \u2014 OUT",
        "│       └── against: It is cheap [cheap] \u2014 IN",
        "└── against: It breaks the law [law] \u2014 IN, unchallenged",
    ]
    at = [next(i for i, line in enumerate(tree) if line.startswith(s)) for s in starts]
    assert at == sorted(at)
    text = "\n".join(lines)
    assert "What the verdict hinges on" in text
    assert 'challenge the claim "It breaks the law" [law] (now in)' in text
    assert "held by: Feds (asserts; hedged reported" in text


def test_evaluate_and_stakeholders_name_everyone(chicago_path: Path) -> None:
    out = run("evaluate", chicago_path)
    assert "  Dereliction of duty [dereliction-of-duty]: undecided because it is attacked by" in out
    assert "\u201cLocal sovereignty\u201d" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    out = run("stakeholders", chicago_path)
    assert "  Chicago police union [union]: manage closely (power 3, interest 5)" in out
    assert "City of Chicago (city government) [city] and Chicago police union [union]:" in out
    out = run("compare", chicago_path, "city", "union")
    assert "relations: City of Chicago (city government) opposes Chicago police union" in out
    out = run("query", chicago_path, "who", "dereliction-of-duty")
    assert "  asserts: Chicago police union [union] (strength 0.9)" in out
    assert "  endorses: none" in out


def test_progress_bars_only_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with T.progress([1, 2, 3], "working") as items:
        assert list(items) == [1, 2, 3]
    with T.steps(3, "working") as step:
        step("a")
    assert capsys.readouterr().err == ""


def _console_examples() -> list[tuple[list[str], str]]:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", doc, re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ argmap "), command
        found.append((command.removeprefix("$ argmap ").split(), output))
    return found


@pytest.mark.parametrize(("args", "output"), _console_examples())
def test_the_examples_in_docs_cli_md_are_current(
    args: list[str], output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert run(*args) == output


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain-id", "plain-id"),
        ("caf\u00e9 \u201cquoted\u201d", "caf\u00e9 \u201cquoted\u201d"),
        ("tab\there", "tab here"),
        ("no\u00a0break", "no\u00a0break"),
        ("bell\x07", "bell\\x07"),
        ("c1\x85", "c1\\x85"),
    ],
)
def test_safe_keeps_printable_text_and_escapes_the_rest(text: str, shown: str) -> None:
    assert T.safe(text) == shown


def test_shorten_a_single_word_that_fits_as_it_is_and_others_on_one_line() -> None:
    assert T.shorten("a-claim-id") == "a-claim-id"
    assert T.shorten("x" * 61) == "x" * 59 + "\u2026"
    assert T.shorten("two\nlines") == "two lines"
    assert T.shorten("spaced\u3000apart") == "spaced apart"
