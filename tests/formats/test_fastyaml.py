"""The fast YAML path: same data as the reference path, or None (never different data)."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import _fastyaml
from argmap.formats._fastyaml import parse

ROOT = Path(__file__).resolve().parents[2]
needs_fast = pytest.mark.skipif(not _fastyaml.available(), reason="yaml-rs is not installed")

# --------------------------------------------------------------------------- the reference

# YAML 1.2 core schema, as the slow path (argmap.formats._positions) resolves
# plain scalars: yes/no/on and dates stay strings, 0x1F and 1_000 too.
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def resolve(value: str) -> object:
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if value in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
        return math.inf
    if value in ("-.inf", "-.Inf", "-.INF"):
        return -math.inf
    if value in (".nan", ".NaN", ".NAN"):
        return math.nan
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


class Unsupported(Exception):
    """The fast path must decline: the slow path reports or must locate this."""


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def reference(text: str) -> object:
    """PyYAML's composer, plain scalars resolved as above.

    Raises yaml.YAMLError for invalid YAML and Unsupported for what the fast
    path must leave to the slow one (anchors, aliases, tags, merge keys,
    several documents, keys that are not strings, duplicate keys).
    """
    docs = list(yaml.compose_all(text, Loader=_LOADER))
    if len(docs) > 1:
        raise Unsupported("several documents")
    # Anchors and explicit tags are gone from the composed nodes; the events
    # still have them.
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Unsupported("anchor or alias")
        if isinstance(event, yaml.ScalarEvent) and event.tag is not None:
            raise Unsupported("tag")
        if isinstance(event, yaml.CollectionStartEvent) and event.tag is not None:
            raise Unsupported("tag")
    return _value(docs[0]) if docs else None


def _value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return resolve(node.value) if not node.style else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_value(child) for child in node.value]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _value(key_node)
        if not isinstance(key, str):
            raise Unsupported("key that is not a string")
        if key == "<<" and isinstance(key_node, yaml.ScalarNode) and not key_node.style:
            raise Unsupported("merge key")
        if key in out:
            raise Unsupported("duplicate key")
        out[key] = _value(value_node)
    return out


def same(a: object, b: object) -> bool:
    """Equal, with types (1 is not 1.0 nor True), nan equal to nan, and key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def check_agrees(text: str) -> object:
    """parse(text) is None or what the reference gives; returns it."""
    got = parse(text)
    if got is None:
        return None
    try:
        expected = reference(text)
    except yaml.YAMLError as exc:
        pytest.fail(f"fast path accepted invalid YAML {text!r}: {exc}")
    except Unsupported as exc:
        pytest.fail(f"fast path accepted {exc}: {text!r}")
    assert same(got, expected), (text, got, expected)
    return got


# --------------------------------------------------------------------------- the reference itself


TOKENS = [
    "", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "FALSE",
    "yes", "no", "on", "off", "y", "n", "0", "-0", "+0", "007", "-12", "+12", "1_000", "0x1F",
    "0o17", "0b101", "1.0", "-1.5", "+1.5", ".5", "5.", "1e3", "1E3", "1e+3", "1.5e-3", "+1e3",
    ".e3", "e3", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".iNf", ".nan", ".NaN", ".NAN",
    "-.nan", "nan", "inf", "2024-03-01", "12:30", "1:30:00", "=", "<<", "a b", "1 2",
    "123456789012345678901234567890", "1e400", "-", "--", "0.1.2", "1,000",
]  # fmt: skip


@pytest.mark.parametrize("token", TOKENS)
def test_reference_resolver_is_the_slow_paths(token: str) -> None:
    """The test's resolver and the one the fast path checks against agree."""
    assert same(resolve(token), _fastyaml.resolve_plain(token))


@needs_fast
@pytest.mark.parametrize("token", TOKENS)
def test_every_plain_scalar_resolves_like_the_reference(token: str) -> None:
    for text in (f"k: {token}\n", f"- {token}\n", f"k: [{token}]\n", f"{{k: {token}}}\n"):
        check_agrees(text)
    got = check_agrees(f"k: {token}\n")
    if got is not None and token not in ("-",):
        assert isinstance(got, dict)
        assert same(got["k"], resolve(token))


# --------------------------------------------------------------------------- explicit cases


@needs_fast
def test_a_small_map() -> None:
    text = """\
# comment
argmap: 1
title: "Should it: start # later?"
date: "2024-03-01"
when: 2024-03-01
answers: [yes, no, on, 'off', "123", 123, 1.5, 1e3, .inf, null, ~, true]
text: Teenagers' body clocks make them fall asleep late.
quote: 'it''s "fine"'
unicode: Zürich — “quotes” 😀
multi: this plain scalar
  goes on and on

  with a paragraph
folded: >
  one
  two

  three
literal: |-
  keep
    indent
keep: |+
  x

stances:
  - {stakeholder: teachers, asserts: later-start}
  - {stakeholder: board, rejects: [a, b], strength: 0.6}
empty:
list:
  - a
  - - nested
    - list
"""
    got = check_agrees(text)
    assert got == {
        "argmap": 1,
        "title": "Should it: start # later?",
        "date": "2024-03-01",
        "when": "2024-03-01",
        "answers": ["yes", "no", "on", "off", "123", 123, 1.5, 1000.0, math.inf, None, None, True],
        "text": "Teenagers' body clocks make them fall asleep late.",
        "quote": 'it\'s "fine"',
        "unicode": "Zürich — “quotes” 😀",
        "multi": "this plain scalar goes on and on\nwith a paragraph",
        "folded": "one two\nthree\n",
        "literal": "keep\n  indent",
        "keep": "x\n\n",
        "stances": [
            {"stakeholder": "teachers", "asserts": "later-start"},
            {"stakeholder": "board", "rejects": ["a", "b"], "strength": 0.6},
        ],
        "empty": None,
        "list": ["a", ["nested", "list"]],
    }
    assert isinstance(got, dict)
    assert type(got["answers"][4]) is str  # quoted "123" stays a string


@needs_fast
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\r\nb: [x, y]\r\n",  # Windows line ends
        "\ufeffa: 1\n",  # a leading BOM
        "---\na: 1\n",  # one explicit document start
        "# c\n---\na: 1\n",
        "a: 'x: 1'\n",  # a key-like colon inside quotes
        "a: Report 199: x\n",  # invalid YAML (the slow path reports it)
        "- a: x & y\n- b: 5 * 3\n- c: wow!\n",  # indicators inside text
        "a: https://example.org/x?y=1#z\n",
        "a: {b: c, d: [e, f]}\n",
        "",
        "# only a comment\n",
    ],
)
def test_accepted_or_declined_consistently(text: str) -> None:
    check_agrees(text)


@needs_fast
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\r\nb: 2\r\n",
        "\ufeffa: 1\n",
        "---\na: 1\n",
        "a: 'x: 1'\n",
        "- a: x & y\n- b: 5 * 3\n- c: wow!\n",
        "a: https://example.org/x?y=1#z\n",
    ],
)
def test_common_text_takes_the_fast_path(text: str) -> None:
    assert parse(text) is not None


DECLINED = {
    # duplicate keys, anywhere
    "dup top": "a: 1\nb: 2\na: 3\n",
    "dup nested": "a:\n  b: 1\n  b: 2\n",
    "dup flow": "a: {x: 1, x: 2}\n",
    "dup in list item": "- {a: 1, a: 1}\n",
    "dup quoted and plain": "'a': 1\na: 2\n",
    "dup escaped": 'a: 1\n"\\x61": 2\n',
    # anchors, aliases, tags, merge keys
    "anchor": "a: &x 1\n",
    "alias": "a: &x 1\nb: *x\n",
    "anchor on mapping": "a: &x\n  b: 1\n",
    "tag str": "a: !!str 1\n",
    "tag custom": "a: !foo x\n",
    "tag non-specific": "a: ! x\n",
    "tag on list": "a: !!seq [1]\n",
    "merge": "base: &b {x: 1}\nc:\n  <<: *b\n",
    "merge plain": "c:\n  <<: {x: 1}\n",
    # several documents, directives
    "two docs": "a: 1\n---\nb: 2\n",
    "doc end then doc": "a: 1\n...\nb: 2\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    # keys that are not strings
    "int key": "1: a\n",
    "float key": "1.5: a\n",
    "null key": "null: a\n",
    "tilde key": "~: a\n",
    "bool key": "true: a\n",
    "empty key": ": a\n",
    "seq key": "[a]: b\n",
    "map key": "{a: b}: c\n",
    "explicit key": "? a\n: b\n",
    "key in flow": "a: {1: x}\n",
    "key-only flow entry": "a: {x, 1}\n",
    "collection flow entry": "a: {[x]}\n",
    "nested int key": "a:\n  - 2: x\n",
    "adjacent flow key": "- [ {JSON: like}:adjacent ]\n",
    # invalid YAML
    "bad indent": "a: 1\n b: 2\n",
    "tab": "a:\tb\n",
    "unclosed": "a: [b\n",
    "mapping in plain": "a: b: c\n",
    "control char": "a: x\x01y\n",
    # constructs where the fast parser and PyYAML differ
    "nel": "a: x\x85y\n",
    "line separator": "a: x\u2028y\n",
    "surrogate escape": 'a: "\\ud83d\\ude00"\n',
    "multi-line flow": "a: [b,\n  c]\n",
    "question in flow": "a: [why?]\n",
    "colon before bracket": "a: [x:]\n",
    "block indicator in flow": "a: [|]\n",
    "block scalar at eof": "a: |\n  x",
    "empty block scalar at eof": "a: |\n",
    "document is a block scalar": ">\nfolded\n",
    "hex": "a: 0x1F\n",
    "underscore": "a: 1_000\n",
    "odd-case inf": "a: .iNf\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_declines(text: str) -> None:
    assert parse(text) is None


@needs_fast
def test_parse_bytes() -> None:
    assert _fastyaml.parse_bytes(b"a: [1, x]\n") == {"a": [1, "x"]}
    assert _fastyaml.parse_bytes("\ufeffa: Zürich\n".encode()) == {"a": "Zürich"}
    assert _fastyaml.parse_bytes(b"a: \xff\n") is None  # not UTF-8
    assert _fastyaml.parse_bytes(b"a: 1\na: 2\n") is None


def test_declines_without_yaml_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fastyaml, "_loads", None)
    assert not _fastyaml.available()
    assert parse("a: 1\n") is None
    assert _fastyaml.parse_bytes(b"a: 1\n") is None


@needs_fast
def test_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    parse("a: [1, 2]\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("a: [1, 2]\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --------------------------------------------------------------------------- properties

TRICKY = [
    "yes", "no", "on", "off", "y", "1.0", "123", "-7", "+7", "0x1F", "1_000", "null", "Null",
    "~", "true", "False", "2024-01-01", "12:30", ".inf", ".Inf", "-.inf", ".nan", "1e3",
    "a: b", "a:b", "#x", "a #b", "a#b", "- x", "-x", "? x", "?x", ":x", "x:", "&a", "*a",
    "!t", "!!str", "%x", "@x", "`x", "|", ">", "[a]", "{a: b}", "a, b", "'q'", '"q"',
    "it's", 'say "hi"', "Zürich", "naïve café", "😀", "—", "“”", "\\", "\\n", "",
    " leading", "trailing ", "  both  ", "multi\nline", "multi\n\nparagraph", "tab\there",
    "<<", "---", "...", "x\u00a0y", "\u00e9\u0301",
]  # fmt: skip

_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
scalars = st.one_of(
    st.sampled_from(TRICKY),
    _text,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
keys = st.one_of(st.sampled_from(TRICKY), _text)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=20,
)
dump_options = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "default_style": st.sampled_from([None, None, None, '"', "'"]),
        "allow_unicode": st.booleans(),
        "width": st.sampled_from([20, 80, 10_000]),
        "indent": st.sampled_from([2, 4]),
        "explicit_start": st.booleans(),
    }
)


@needs_fast
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents, options=dump_options)
def test_dumped_documents_parse_like_the_reference(data: object, options: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, **options)
    check_agrees(text)


prose = st.text(st.sampled_from("abcxyzäé€ 0123456789.,;'()\"-"), max_size=60)


@needs_fast
@settings(max_examples=200, deadline=None)
@given(
    data=st.lists(
        st.fixed_dictionaries(
            {"id": st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)},
            optional={"text": prose, "tags": st.lists(prose, max_size=3)},
        ),
        max_size=5,
    ),
    flow=st.sampled_from([False, None]),
)
def test_dumped_prose_takes_the_fast_path(data: list[dict[str, Any]], flow: bool | None) -> None:
    """Ordinary text, as yaml.safe_dump writes it, is not a false alarm of the
    guards. (yaml-rs itself refuses a few valid flow texts, such as
    ``{text: 0 -}``; those take the slow path, which reads them.)"""
    text = yaml.safe_dump(
        {"claims": data}, sort_keys=False, allow_unicode=True, default_flow_style=flow, width=10_000
    )
    assert not _fastyaml.suspicious(text.encode("utf-8")), text
    if parse(text) is None:
        with pytest.raises(Exception):  # noqa: B017 - yaml-rs's own parse error
            _fastyaml._loads(text.encode("utf-8"))
    check_agrees(text)


def test_a_flow_text_yaml_rs_refuses_takes_the_slow_path() -> None:
    text = "claims:\n- {id: a, text: 0 -}\n"
    assert parse(text) is None
    assert yaml.safe_load(text) == {"claims": [{"id": "a", "text": "0 -"}]}


# --------------------------------------------------------------------------- generated maps


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "_argmap_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_fast
def test_generated_map_parses_fast_and_like_the_reference() -> None:
    text = _generator().generate(1000, seed=7)
    got = parse(text)
    assert got is not None, "the fast path declined a generated map"
    assert same(got, reference(text))


@needs_fast
def test_generated_map_parses_like_the_slow_path() -> None:
    from argmap.formats._positions import parse_with_positions

    text = _generator().generate(300, seed=3)
    slow = parse_with_positions(text)
    assert not slow.problems and not slow.duplicates
    assert same(parse(text), slow.data)


@pytest.mark.parametrize("where", ["thread", "child"])
def test_big_texts_are_guarded_while_they_parse(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts of a mebibyte or more run the guards meanwhile: in a second
    thread, or (in a command line process) in a forked child."""
    import os

    from argmap.formats import _fastyaml

    forks: list[int] = []
    if where == "child":
        if not hasattr(os, "fork"):
            pytest.skip("no os.fork on this system")
        real_fork = os.fork

        def fork() -> int:
            forks.append(1)
            return real_fork()

        monkeypatch.setattr(_fastyaml, "ends_with_command", lambda: True)
        monkeypatch.setattr(os, "fork", fork)
        # as in a command line process (a server test may have left a thread behind)
        monkeypatch.setattr(_fastyaml.threading, "active_count", lambda: 1)
    body = "".join(
        f"  - {{id: c{i}, text: Claim number {i} of a long list}}\n" for i in range(30_000)
    )
    text = "argmap: 1\ntitle: big\nclaims:\n" + body
    assert len(text.encode()) > 1 << 20
    data = _fastyaml.parse_bytes(text.encode())
    assert isinstance(data, dict)
    assert len(data["claims"]) == 30_000
    assert data["claims"][-1] == {"id": "c29999", "text": "Claim number 29999 of a long list"}
    tagged = text.replace("title: big", "title: &anchor big")
    assert _fastyaml.parse_bytes(tagged.encode()) is None
    if where == "child":
        assert len(forks) == 2  # the guards did run in a child, each time

        def broken(data: bytes) -> bool:
            raise MemoryError

        # A child that fails to give its verdict counts as a yes.
        monkeypatch.setattr(_fastyaml, "suspicious", broken)
        assert _fastyaml.parse_bytes(text.encode()) is None


def test_bad_characters_are_those_pyyaml_rejects_or_reads_otherwise() -> None:
    """The guard's character class is the complement of PyYAML's printable set."""
    outside_printable = re.compile(
        "[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    every = "".join(map(chr, range(0x110000)))
    assert _fastyaml._BAD_CHAR.findall(every) == outside_printable.findall(every)


# --------------------------------------------------------------------------- pieces

top_keys = st.from_regex(r"[a-z_][a-z0-9_]{0,7}", fullmatch=True)
mappings_of_lists = st.dictionaries(
    top_keys, st.one_of(st.lists(documents, min_size=1, max_size=6), documents), max_size=4
)


@needs_fast
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mappings_of_lists, options=dump_options, count=st.integers(2, 6))
def test_a_text_read_in_pieces_reads_as_a_whole(
    data: dict[str, Any], options: dict[str, Any], count: int
) -> None:
    text = yaml.safe_dump(data, sort_keys=False, **options).encode("utf-8")
    pieces = _fastyaml._pieces(text, count)
    rest = b"".join(p if key is None else p[len(key) + 2 :] for key, p in pieces)
    assert rest == text
    assert all(p.startswith(key + b":\n") for key, p in pieces if key is not None)
    whole = _fastyaml._load_quietly(_fastyaml._loads, text)
    assert same(_fastyaml._load_in_pieces(text, count), whole)


@needs_fast
def test_pieces_that_do_not_join_up_are_read_as_a_whole() -> None:
    items = "".join(f"  - id: c{i}\n    text: claim {i}\n" for i in range(40))
    quoted = '  - id: q\n    text: "it goes on\n  - id: fake\n    and on"\n'
    for text in (
        f"claims:\n{items}supports:\n- a\nclaims:\n- b\n",  # a key twice, across pieces
        f"claims:\n{quoted * 30}",  # cuts inside quotes (which yaml-rs refuses)
        f"claims:\n{items}{quoted.replace('  - id: fake', '    - id: fake') * 30}",
        f"claims:\n{items}  - id: last\n    text: |\n      - a block\n\nnext:\n- 1\n",
        # a key that is not plain ends the section before it: no cut in its items
        "_:\n- 'yes'\n'on':\n- 'yes'\n",
        f"claims:\n{items}'supports':\n{items}",
    ):
        data = text.encode("utf-8")
        for count in range(2, 8):
            whole = _fastyaml._load_quietly(_fastyaml._loads, data)
            assert same(_fastyaml._load_in_pieces(data, count), whole), (text, count)


@needs_fast
def test_a_big_generated_map_is_read_in_pieces_like_the_reference() -> None:
    text = _generator().generate(2000, seed=5).encode("utf-8")
    pieces = _fastyaml._pieces(text, 4)
    assert len(pieces) == 4 and [k for k, _ in pieces][1:3] == [b"claims", b"claims"]
    got = _fastyaml._load_in_pieces(text, 4)
    assert got is not None and same(got, reference(text.decode("utf-8")))


# --------------------------------------------------------------------------- halves


def _joined_halves(first: bytes, second: bytes, continued: bool) -> object:
    """The mapping the two halves make, read one after the other."""
    one, two = _fastyaml.load_piece(first), _fastyaml.load_piece(second)
    assert one is not None and two is not None
    if continued:
        one["claims"].extend(two.pop("claims"))
    assert not set(one) & set(two)
    return {**one, **two}


halving_keys = st.sampled_from(["title", "claims", "supports", "attacks", "stances", "issues"])


@needs_fast
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(
        halving_keys, st.lists(documents, min_size=1, max_size=8), min_size=1, max_size=5
    ),
    options=dump_options,
    blank=st.booleans(),
)
def test_the_halves_of_a_text_read_as_the_whole(
    data: dict[str, Any], options: dict[str, Any], blank: bool
) -> None:
    text = yaml.safe_dump(data, sort_keys=False, **options).encode("utf-8")
    if blank:  # blank lines before each top-level key
        text = re.sub(rb"\n(?=[a-z])", b"\n\n \n", text)
    cut = _fastyaml.halves(text)
    if cut is None:
        return
    first, second, continued = cut
    assert first.endswith(b"\n") and not first.endswith(b"\n\n")
    assert second.startswith(b"claims:\n") if continued else True
    whole = _fastyaml._load_quietly(_fastyaml._loads, text)
    if _fastyaml.load_piece(first) is None or _fastyaml.load_piece(second) is None:
        return  # a cut inside quotes: the caller then reads the text as usual
    assert same(_joined_halves(first, second, continued), whole)


def _sections(claims: int, relations: int) -> bytes:
    lines = ["argmap: 1", "title: halves", "claims:"]
    lines += [f"  - id: c{i}\n    text: claim number {i}" for i in range(claims)]
    lines += ["", "supports:"]
    lines += [f"  - {{from: c{i + 1}, to: c{i}}}" for i in range(relations)]
    lines += ["", "stances:", "  - {stakeholder: s, asserts: c0}", ""]
    return "\n".join(lines).encode("utf-8")


def test_halves_cut_where_the_work_is_even_and_never_inside_relations() -> None:
    # few relations: the cut goes through the claims
    cut = _fastyaml.halves(_sections(claims=2000, relations=100))
    assert cut is not None
    first, second, continued = cut
    assert continued and second.startswith(b"claims:\n  - id: c")
    assert re.search(rb"text: claim number [0-9]+\n\Z", first)
    # relations cost more per byte: past half the work, the cut is at their key
    # (and the blank line before it is left out)
    for claims, relations in ((2000, 1500), (50, 3000)):
        cut = _fastyaml.halves(_sections(claims=claims, relations=relations))
        assert cut is not None
        first, second, continued = cut
        assert not continued and second.startswith(b"supports:\n")
        assert first.endswith(b"claim number %d\n" % (claims - 1))


def test_a_block_scalar_that_keeps_its_line_breaks_keeps_the_blank_lines() -> None:
    text = _sections(claims=2000, relations=1500)
    last = b"    text: claim number 1999\n"
    assert _fastyaml.halves(text.replace(last, last + b"    note: |\n      clipped\n"))
    # the blank line belongs to the note: the first half would end in it,
    # which yaml-rs may read unlike PyYAML, so there are no halves
    assert _fastyaml.halves(text.replace(last, last + b"    note: |+\n      kept\n")) is None


@given(
    text=st.lists(st.sampled_from([b"a", b" ", b"\r", b"\n", b" " * 3000]), max_size=12),
    cut=st.integers(0, 40_000),
)
def test_the_end_of_the_content_is_where_rstrip_ends_it(text: list[bytes], cut: int) -> None:
    data = b"".join(text)
    end = min(cut, len(data))
    assert _fastyaml._content_end(data, end) == len(data[:end].rstrip(b" \r\n"))


def test_halves_never_put_the_items_of_a_quoted_key_in_another_section() -> None:
    items = "".join(f"  - id: c{i}\n    text: claim {i}\n" for i in range(200))
    text = f"argmap: 1\nclaims:\n  - id: a\n    text: A\n'claims2':\n{items}".encode()
    cut = _fastyaml.halves(text)
    if cut is not None:
        first, second, continued = cut
        assert not continued
        assert same(_joined_halves(first, second, continued), _fastyaml._loads(text))
