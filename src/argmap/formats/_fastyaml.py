"""A fast, conservative YAML-to-data parser for big maps.

:func:`parse` turns YAML text into plain Python data (``dict``, ``list``,
``str``, ``int``, ``float``, ``bool``, ``None``) many times faster than PyYAML,
or returns ``None`` when it cannot vouch that the result is exactly what the
reference, position-tracking path (:mod:`argmap.formats._positions`) gives:
PyYAML's parser and composer with YAML 1.2 core-schema resolution of plain
scalars (:func:`resolve_plain`, the slow path's own resolver):

* ``null``, ``Null``, ``NULL``, ``~`` and the empty scalar are ``None``;
* ``true``/``True``/``TRUE`` and ``false``/``False``/``FALSE`` are booleans;
* ``[-+]?[0-9]+`` is an ``int``;
* ``[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?``,
  ``[-+]?.inf`` (also ``.Inf``, ``.INF``) and ``.nan`` (``.NaN``, ``.NAN``)
  are ``float``;
* every other plain scalar, and every quoted or block scalar, is a ``str``
  (so ``yes``, ``on``, ``0x1F``, ``1_000`` and ``2024-03-01`` stay strings).

``None`` is returned for the documents the reference path reports on or must
locate: duplicate mapping keys, anchors, aliases, tags, merge keys, several
documents, keys that are not strings, and anything the fast parser rejects. It
is also returned whenever the text merely *looks* as if it might hold one of
these, or one of the constructs that the fast parser is known to read unlike
PyYAML (pure Python or libyaml): tabs, non-printable or YAML 1.1 line-break
characters, escaped surrogates, flow collections that span lines, ``?``, ``|``,
``>`` or a leading ``:`` inside flow collections, ``[x:]``, a block scalar
running to the end of the text, and plain scalars that yaml-rs resolves
otherwise (``1_000``, ``0x1F``, ``.iNf``). A false alarm only costs speed.

The fast parser is the ``yaml-rs`` package (Rust, YAML 1.2, duplicate keys are
errors). When it cannot be imported, :func:`parse` always returns ``None``.

The guards read the UTF-8 bytes before they are parsed and only need to
over-approximate. Each starts from a cheap trigger (mostly a single byte, found
at memchr speed), so text without the trigger pays next to nothing; a hit is
then judged on its line, mostly by whether a node can start there (see
:func:`_at_node_start`): ``&x``, ``!x``, ``0x1F`` or ``1:`` in the middle of a
sentence or of a quoted string are text.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, Final

from argmap._fork import can_fork, fork_work
from argmap._gc import ends_with_command, paused_gc
from argmap.formats._scalars import resolve_plain as _slow_resolve_plain

__all__ = [
    "available",
    "guards_meanwhile",
    "halves",
    "load_piece",
    "parse",
    "parse_bytes",
    "resolve_plain",
    "suspicious",
]

_loads: Callable[[bytes], Any] | None
try:
    import yaml_rs as _yaml_rs

    _DUPLICATES_ARE_ERRORS = _yaml_rs.DuplicateKeyPolicy.Error

    def _yaml_rs_load(data: bytes) -> Any:
        return _yaml_rs.load(
            data, parse_datetime=False, duplicate_key_policy=_DUPLICATES_ARE_ERRORS
        )

    _loads = _yaml_rs_load
except Exception:  # pragma: no cover - ImportError, or a broken binary wheel
    _loads = None


def available() -> bool:
    """Whether the fast parser is installed (otherwise :func:`parse` gives ``None``)."""
    return _loads is not None


# --------------------------------------------------------------------------- YAML 1.2 core

# The fast path must agree with the slow path, so it judges plain scalars by
# the slow path's own resolver.
resolve_plain: Final = _slow_resolve_plain


def _same_scalar(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


# --------------------------------------------------------------------------- guards

# Characters PyYAML rejects (non-printable), reads unlike YAML 1.2 (NEL, LS and
# PS are line breaks in 1.1), or that we keep away from (tab, a BOM after the
# start, noncharacters). Applied to the non-ASCII rest of the text. Written
# as the characters it matches: the complement of what PyYAML accepts,
# ``[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]``
# (the same set, checked in tests/formats/test_fastyaml.py), compiles in a
# fifteenth of the time, which every process that reads a map pays.
_BAD_CHAR: Final = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_ASCII_OK: Final = bytes(range(0x20, 0x7F)) + b"\n\r"

# Document markers and directives at a line start.
_DOC_MARKER_AFTER_NEWLINE: Final = re.compile(rb"\n(?:---|\.\.\.|%)")

_LONE_CR: Final = re.compile(rb"\r(?!\n)")

# Brackets only, to check that flow collections open and close on one line.
_NOT_BRACKETS: Final = bytes(b for b in range(256) if b not in b"[]{}\n")

# A line's comment and its quoted scalars that open at a token start and close
# on the line (the opening quote is checked with _at_node_start).
_QUOTED_OR_COMMENT: Final = re.compile(
    rb"""(?<![^\s\[{,:])(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')|(?<!\S)\#.*"""
)
_TOKEN: Final = re.compile(rb"[^\s\[\]{},:#]+")
_LAST_TOKEN: Final = re.compile(rb"[^\s\[\]{},:]+\Z")

_ALWAYS, _NODE, _SCALAR, _KEY, _IN_FLOW, _FLOW_NODE, _COLON, _ENTRY = range(8)

# A flow entry that may be a non-string scalar, followed by "," or "}".
_ENTRY_TOKEN: Final = (
    rb"(?:[-+.0-9_~][^\s,:\[\]{}]*+|[nN]ull|NULL|[tT]rue|TRUE|[fF]alse|FALSE)[ ]*+(?=[,}])"
)

# (trigger, pattern, check): the pattern runs only if the trigger byte string
# is in the text; each match is then judged by check:
# _ALWAYS: suspicious;
# _NODE: suspicious at the start of a node (see _at_node_start), where "&",
#   "*", "!", "<<" and a leading ":" mean something; elsewhere it is text;
# _SCALAR: suspicious if the token there starts a node and yaml-rs reads it
#   unlike resolve_plain;
# _KEY: suspicious if the ":" there ends a key that may not be a string;
# _IN_FLOW: suspicious at a node start, or on a line with flow brackets
#   unless inside a quoted scalar or a comment;
# _FLOW_NODE: suspicious at a node start on a line with flow brackets;
# _COLON: one of _IN_FLOW, _NODE, _KEY, by the named group that matched;
# _ENTRY: outside quotes and comments, in a flow mapping, a collection or a
#   scalar that is not a string.
_TRIGGERS: Final[tuple[tuple[bytes, re.Pattern[bytes], int], ...]] = (
    # Anchors and aliases (the indicator, then a name), tags, merge keys.
    (b"&", re.compile(rb"&(?<![^\s\[{,:]&)(?=[^\s,\[\]{}])"), _NODE),
    (b"*", re.compile(rb"\*(?<![^\s\[{,:]\*)(?=[^\s,\[\]{}])"), _NODE),
    (b"!", re.compile(rb"!(?<![^\s\[{,:]!)"), _NODE),
    (b"<", re.compile(rb"<<(?<![^\s\[{,:]<<)"), _NODE),
    # Explicit keys; "?" in flow collections (pure-Python PyYAML ends a flow
    # plain scalar at "?").
    (b"?", re.compile(rb"\?"), _IN_FLOW),
    # Block scalar indicators in flow collections (PyYAML rejects them,
    # yaml-rs reads them as text).
    (b"|", re.compile(rb"\|(?<![^\s\[{,:]\|)"), _FLOW_NODE),
    (b">", re.compile(rb">(?<![^\s\[{,:]>)"), _FLOW_NODE),
    # Around ":", in one pass (there is one in every mapping entry):
    # - right before ",", "]" or "}", as _IN_FLOW (libyaml rejects "[x:]");
    # - a plain scalar starting with ":", as _NODE (PyYAML rejects "[:x]");
    # - the end of a key whose last characters could make it a non-string (a
    #   digit, ".", "_", "~", "]", "}", nothing, or the end of null, true,
    #   false, .inf, .nan), as _KEY, also right after "]" or "}" (a flow
    #   collection as key, as in ``{a: b}:c``). Most keys end in another
    #   letter, which the first lookbehind rejects at once.
    (
        b":",
        re.compile(
            rb":(?:(?P<flow>(?=[,\]}]))"
            rb"|(?<![abcdghijkmopqrstuvwxyzABCDGHIJKMOPQRSTUVWXYZ'\"]:)"
            rb"(?:(?P<start>(?<![^\s\[{,:]:)(?=[^\s,\[\]{}]))"
            rb"|(?<=[\]}]:)"
            rb"|(?=[\s\[\]{}]|\Z)(?:(?<![^0-9._~\s\[\]{},:]:)"
            rb"|(?<=[lL][lL]:|[uU][eE]:|[sS][eE]:|[nN][fF]:|[aA][nN]:))))"
        ),
        _COLON,
    ),
    # Flow mapping entries without ":" (``{a, b}``): a collection or a
    # non-string scalar there is a non-string key.
    (b"{", re.compile(rb"\{[ ]*+(?:[\[{]|" + _ENTRY_TOKEN + rb")"), _ENTRY),
    (b",", re.compile(rb",[ ]*+(?:[\[{]|" + _ENTRY_TOKEN + rb")"), _ENTRY),
    # Plain scalars that yaml-rs may resolve unlike resolve_plain: any with a
    # "+" sign, "_" or a 0x/0o/0b prefix, Null/NULL, inf/nan in any case.
    (b"N", re.compile(rb"N(?<![^\s\[{,:]N)(?:ull|ULL)"), _SCALAR),
    (b"+", re.compile(rb"\+(?<![^\s\[{,:]\+)(?=[0-9._])"), _SCALAR),
    (
        b"_",
        re.compile(
            rb"_(?<![^-+0-9._eE\s\[\]{},:]_)(?=[-+0-9a-fA-F_.xXoObBeE]*+(?![^\s\[\]{},:#]))"
        ),
        _SCALAR,
    ),
    (b"0", re.compile(rb"0[xXoObB]"), _SCALAR),
    (b".", re.compile(rb"\.(?i:inf|nan)"), _SCALAR),
    # Escaped UTF-16 surrogates (PyYAML and yaml-rs differ).
    (b"\\", re.compile(rb"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])"), _ALWAYS),
)


def _bad_chars(data: bytes) -> bool:
    rest = data.translate(None, _ASCII_OK)  # drop the ASCII that is fine
    if not rest:
        return False
    try:
        return _BAD_CHAR.search(rest.decode("utf-8")) is not None
    except UnicodeDecodeError:
        return True


def _doc_markers(data: bytes) -> bool:
    """Directives, or document markers other than one ``---`` before any content."""
    if b"\r" in data and _LONE_CR.search(data):
        return True  # old Mac line ends: keep it simple
    starts = [0] if data.startswith((b"---", b"...", b"%")) else []
    starts += [m.start() + 1 for m in _DOC_MARKER_AFTER_NEWLINE.finditer(data)]
    if not starts:
        return False
    if len(starts) > 1:
        return True
    start = starts[0]
    end = data.find(b"\n", start)
    line = data[start : len(data) if end < 0 else end]
    if line.rstrip() != b"---":
        return True  # "...", a directive, or content after "---"
    before = data[:start].splitlines()
    # Content before "---" means that "---" opens a second document.
    return any(line.strip() and not line.lstrip().startswith(b"#") for line in before)


def _has_block_header(line: bytes) -> bool:
    return any(
        char in b"|>" and _at_node_start(line, i) for i, char in enumerate(line) if char in b"|>"
    )


_BLOCK_INDICATOR: Final = re.compile(rb"[|>](?<![^\s\[{,:][|>])")


def _content_end(data: bytes, end: int) -> int:
    """Where ``data[:end]`` would end without its trailing spaces and line
    breaks (``len(data[:end].rstrip(b" \\r\\n"))``, without the copy)."""
    low = max(0, end - 4096)
    tail = data[low:end].rstrip(b" \r\n")
    if tail or not low:
        return low + len(tail)
    return len(data[:end].rstrip(b" \r\n"))  # a long blank tail


def _block_scalar_at_end(data: bytes) -> bool:
    """Whether a block scalar may end the text other than with its last line and "\\n".

    yaml-rs reads the line breaks of a block scalar at the very end of the text
    unlike PyYAML when the text does not end with exactly one line break after
    the last non-blank line, and when the block scalar is empty.
    """
    if b"|" not in data and b">" not in data:
        return False
    content_end = _content_end(data, len(data))
    start = data.rfind(b"\n", 0, content_end) + 1
    if _has_block_header(data[start:content_end]):
        return True  # the last line holds an indicator: maybe an empty block scalar
    if data[content_end:] in (b"\n", b"\r\n"):
        return False
    for m in _BLOCK_INDICATOR.finditer(data):
        line, offset = _line_at(data, m.start())
        if _at_node_start(line, offset):
            return True
    return False


def _multiline_flow(data: bytes) -> bool:
    """Whether brackets fail to pair up line by line (a flow collection spans lines).

    PyYAML and yaml-rs disagree on details of flow collections that span lines;
    brackets inside strings only cause false alarms.
    """
    if not any(b in data for b in (b"[", b"{", b"]", b"}")):
        return False
    skeleton = data.translate(None, _NOT_BRACKETS)
    # Shallow nesting (the common case) pairs up in a pass or two at C speed;
    # deep nesting is left to one linear scan (a pass per level would be
    # quadratic: 100k nested brackets).
    for _ in range(4):
        reduced = skeleton.replace(b"[]", b"").replace(b"{}", b"")
        if len(reduced) == len(skeleton):
            return any(b in skeleton for b in (b"[", b"{", b"]", b"}"))
        skeleton = reduced
    return not _pairs_up_by_line(skeleton)


_CLOSER: Final = {ord("]"): ord("["), ord("}"): ord("{")}


def _pairs_up_by_line(skeleton: bytes) -> bool:
    """Whether every bracket in ``skeleton`` (brackets and line breaks only)
    closes the innermost open one on its own line, in one pass."""
    stack: list[int] = []
    for char in skeleton:
        if char == 0x0A:
            if stack:
                return False
        elif char in _CLOSER:
            if not stack or stack.pop() != _CLOSER[char]:
                return False
        else:
            stack.append(char)
    return not stack


def _line_at(data: bytes, pos: int) -> tuple[bytes, int]:
    start = data.rfind(b"\n", 0, pos) + 1
    end = data.find(b"\n", pos)
    return data[start : len(data) if end < 0 else end], pos - start


_NODE_START_BEFORE: Final = frozenset(b"-?:[{,")


def _at_node_start(line: bytes, offset: int) -> bool:
    """Whether a node may start at ``line[offset]``.

    That is, whether only spaces, or an indicator after which a node starts
    ("-", "?", ":", "[", "{", ","), come before it on the line. (A node also
    starts after an anchor or a tag, but these are caught on their own.) If
    not, the position is inside a scalar that started earlier (or the text is
    invalid): a plain or quoted scalar, a comment, or a block scalar's text.
    """
    head = line[:offset].rstrip(b" ")
    return not head or head[-1] in _NODE_START_BEFORE


def _token_at(line: bytes, offset: int) -> tuple[bytes, int]:
    for m in _TOKEN.finditer(line):
        if m.start() <= offset < m.end():
            return m.group(), m.start()
    return b"", offset


def _plain_scalar_diverges(token: bytes) -> bool:
    """Whether yaml-rs reads the plain scalar ``token`` unlike :func:`resolve_plain`."""
    assert _loads is not None
    try:
        got = _loads(b"- " + token + b"\n")
        expected = resolve_plain(token.decode("utf-8"))
    except Exception:
        return True
    return not (isinstance(got, list) and len(got) == 1 and _same_scalar(got[0], expected))


# A letter found in no YAML 1.2 core non-string scalar (null, true, false, .inf,
# .nan, numbers in any base, with or without "_" and exponent): a plain scalar
# holding one is a string for yaml-rs and resolve_plain alike, which saves a
# yaml-rs call per key such as ``key0000001``.
_SURELY_TEXT: Final = re.compile(rb"[ghjkmpqvwyzGHJKMPQVWYZ]")


def _may_be_nonstring_key(line: bytes, colon: int) -> bool:
    """Whether the ":" at ``line[colon]`` may end a key that is not a string."""
    head = line[:colon].rstrip(b" ")
    m = _LAST_TOKEN.search(head)
    if m is None:
        return True  # an empty key, or a flow collection as key (or junk)
    token = m.group()
    if token[-1:] in b"\"'":
        return False  # a quoted key (or invalid text)
    if not _at_node_start(line, m.start()):
        return False  # the key has several words, or this is inside a scalar
    if _SURELY_TEXT.search(token):
        return False
    try:
        got = _loads(b"- " + token + b"\n") if _loads is not None else None
        expected = resolve_plain(token.decode("utf-8"))
    except Exception:
        return True
    return not (isinstance(got, list) and type(got[0]) is str and type(expected) is str)


_FLOW_SCAN: Final = re.compile(rb"""["'\[\]{}]""")
_QUOTED_AT: Final = re.compile(rb""""(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'""")


def _enclosing_bracket(line: bytes, offset: int) -> bytes | None:
    """The innermost flow bracket open at ``line[offset]``: b"[", b"{", b"" (none), or None.

    None means "cannot tell" (a quote that does not close on the line).
    Quoted scalars that start a node are skipped; other quotes are text.
    """
    stack: list[bytes] = []
    pos = 0
    while True:
        m = _FLOW_SCAN.search(line, pos, offset)
        if m is None:
            return stack[-1] if stack else b""
        char = m.group()
        pos = m.end()
        if char in (b'"', b"'"):
            if not _at_node_start(line, m.start()):
                continue  # a quote inside a plain scalar
            quoted = _QUOTED_AT.match(line, m.start())
            if quoted is None:
                return None
            pos = quoted.end()
            if pos > offset:
                return None  # offset is inside the quotes (not expected here)
        elif char in (b"[", b"{"):
            stack.append(char)
        elif stack:
            stack.pop()


def _flow_entry_may_be_nonstring(line: bytes, offset: int, entry: bytes) -> bool:
    """``entry`` at ``line[offset]`` is "{" or "," with what follows: may it be a key
    that is not a string (a collection, or a scalar that is not a string)?"""
    if entry[:1] == b",":
        enclosing = _enclosing_bracket(line, offset)
        if enclosing in (b"[", b""):
            return False  # an item of a flow sequence, or a comma in block text
    rest = entry[1:].strip(b" ")
    if rest[:1] in (b"[", b"{"):
        return True
    try:
        got = _loads(b"- " + rest + b"\n") if _loads is not None else None
        expected = resolve_plain(rest.decode("utf-8"))
    except Exception:
        return True
    return not (isinstance(got, list) and type(got[0]) is str and type(expected) is str)


def _has_flow_brackets(line: bytes) -> bool:
    return any(b in line for b in (b"[", b"]", b"{", b"}"))


def _in_quotes_or_comment(line: bytes, offset: int) -> bool:
    """Whether ``line[offset]`` is inside a quoted scalar that starts a node, or a comment.

    Only the line is looked at. Were the line to start inside a multi-line
    scalar instead, the position would still be text, or the YAML would not
    parse: a quoted scalar that spans lines is neither a key nor in a flow
    collection (these stay on one line, see _multiline_flow), so nothing but a
    comment may follow its closing quote.
    """
    for m in _QUOTED_OR_COMMENT.finditer(line):
        if m.start() > offset:
            break
        if offset < m.end():
            if m.group().startswith(b"#"):
                return True
            return offset > m.start() and _at_node_start(line, m.start())
    return False


def _in_comment(line: bytes, offset: int) -> bool:
    """Whether ``line[offset]`` is in a comment (or the YAML cannot parse).

    A "#" after a space starts a comment unless it is inside a quoted scalar:
    one that opens and closes on this line is skipped, and one that spans lines
    makes the position string content (see _in_quotes_or_comment).
    """
    if b"#" not in line[:offset]:
        return False
    for m in _QUOTED_OR_COMMENT.finditer(line):
        if m.start() > offset:
            break
        if m.group().startswith(b"#"):
            return True
    return False


def _first_node_is_block_scalar(data: bytes) -> bool:
    """yaml-rs accepts a document that is a block scalar with unindented text."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        stripped = data[start:end].strip()
        if stripped and not stripped.startswith(b"#") and stripped != b"---":
            return stripped[:1] in (b"|", b">")
        start = end + 1
    return False


_FEW: Final = 2000


def _matches(data: bytes, trigger: bytes, pattern: re.Pattern[bytes]) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern``, which starts with ``trigger``.

    A rare trigger is found with bytes.find (memchr speed) and the pattern
    tried there; a common one is left to the regular expression engine.
    """
    pos = data.find(trigger)
    for _ in range(_FEW):
        if pos < 0:
            return
        m = pattern.match(data, pos)
        if m is not None:
            yield m
        pos = data.find(trigger, pos + 1)
    if pos >= 0:
        yield from pattern.finditer(data, pos)


# A run of digits too long for int() (Python's limit on converting digits), which
# the slow path reports: digits become b"1", the rest b"0", then one find.
_DIGITS_AS_ONES: Final = bytes(0x31 if 0x30 <= b <= 0x39 else 0x30 for b in range(256))
_LONG_DIGITS: Final = b"1" * 4301


def _long_digits(data: bytes) -> bool:
    return len(data) >= len(_LONG_DIGITS) and _LONG_DIGITS in data.translate(_DIGITS_AS_ONES)


def suspicious(data: bytes) -> bool:
    """Whether the text may hold something the fast path must not handle."""
    if b"\t" in data or _bad_chars(data) or _doc_markers(data):
        return True
    if _long_digits(data):
        return True
    if _block_scalar_at_end(data) or _multiline_flow(data):
        return True
    if _first_node_is_block_scalar(data):
        return True
    for trigger, pattern, check in _TRIGGERS:
        for m in _matches(data, trigger, pattern):
            kind = check
            if kind == _ALWAYS:
                return True
            if kind == _COLON:
                kind = (
                    _IN_FLOW if m["flow"] is not None else _NODE if m["start"] is not None else _KEY
                )
            line, offset = _line_at(data, m.start())
            if _in_comment(line, offset):
                continue
            if kind == _NODE:
                found = _at_node_start(line, offset)
            elif kind == _SCALAR:
                token, start = _token_at(line, offset)
                found = (
                    token[:1] not in b"\"'"  # a quoted scalar, or text inside one
                    and _at_node_start(line, start)
                    and _plain_scalar_diverges(token)
                )
            elif kind == _KEY:
                found = _may_be_nonstring_key(line, offset)
            elif kind == _IN_FLOW:
                found = _at_node_start(line, offset) or (
                    _has_flow_brackets(line) and not _in_quotes_or_comment(line, offset)
                )
            elif kind == _FLOW_NODE:
                found = _at_node_start(line, offset) and _has_flow_brackets(line)
            else:  # _ENTRY
                found = not _in_quotes_or_comment(line, offset) and _flow_entry_may_be_nonstring(
                    line, offset, m.group()
                )
            if found:
                return True
    return False


# --------------------------------------------------------------------------- parse


def parse(text: str) -> object | None:
    """The plain data of a one-document YAML text, or ``None`` to take the slow path.

    An empty document (nothing but comments and blank lines) gives ``None`` too.
    """
    if _loads is None:
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    return parse_bytes(data)


def parse_bytes(data: bytes) -> object | None:
    """:func:`parse` for UTF-8 bytes (saves decoding and encoding a big file).

    ``None`` as well for bytes that are not UTF-8.
    """
    if _loads is None:
        return None
    if data.startswith(b"\xef\xbb\xbf"):  # a byte order mark
        data = data[3:]
    if len(data) < _CONCURRENT_FROM:
        if suspicious(data):
            return None
        return _load_quietly(_loads, data)
    # yaml-rs releases the GIL while it parses, so on a big text the guards
    # run meanwhile, and a very big text is parsed in pieces side by side;
    # the guards' verdict decides afterwards.
    doubtful = guards_meanwhile(data)
    result = _load_in_pieces(data) if len(data) >= _PIECES_FROM else _load_quietly(_loads, data)
    if doubtful():
        return None
    return result


def guards_meanwhile(data: bytes) -> Callable[[], bool]:
    """Start :func:`suspicious` on ``data``; the function returned waits for
    its verdict.

    The guards hold the GIL, which yaml-rs also needs, to make its Python
    objects: in a thread they slow the parse down (by 0.1 s or more on 22 MB).
    So a command line process, where no other thread runs, hands them to a
    forked child; elsewhere (a library, a server) they run in a thread.
    """
    if ends_with_command() and can_fork():
        child = fork_work(lambda: b"1" if suspicious(data) else b"0")
        if child is not None:
            # a child that fails writes nothing: a yes, as the slow path is always right
            return lambda: child.result() != b"0"
    verdict: list[bool] = []
    guard = threading.Thread(target=lambda: verdict.append(suspicious(data)), daemon=True)
    guard.start()

    def wait() -> bool:
        guard.join()
        return not verdict or verdict[0]

    return wait


_CONCURRENT_FROM: Final = 1 << 20
_PIECES_FROM: Final = 4 << 20
_PIECES: Final = 2

# A top-level key whose value is a block on the lines below it (found after
# a line break: a pattern that starts with one is searched for at memchr
# speed, where "^" in multiline mode is tried at every position), and the
# indentation of a block sequence's first item.
# (Compiled when first needed: most processes never read a text this big.)
_TOP_BLOCK_KEY: Final = rb"([A-Za-z_][A-Za-z0-9_]*):[ ]*\n"
# A line that starts at the left margin (a key of the top-level mapping, in
# whatever form), found after the line break before it; not a comment, nor
# an item of a sequence written without indentation.
_TOP_LINE: Final = rb"\n(?=[^ #\r\n-]|-[^ \r\n])"
_FIRST_ITEM: Final = rb"(?:[ ]*(?:#[^\n]*)?\n)*([ ]*)- "


def _tops(data: bytes) -> list[tuple[int, bytes | None]]:
    """Where each line at the left margin starts, with the name of the
    top-level key it starts if that key is plain and its value a block
    (None otherwise): a section of the text runs from one to the next."""
    top_line, block_key = re.compile(_TOP_LINE), re.compile(_TOP_BLOCK_KEY)
    starts = [0] if top_line.match(b"\n" + data[:2]) else []
    starts += [m.start() + 1 for m in top_line.finditer(data)]
    tops: list[tuple[int, bytes | None]] = []
    for start in starts:
        key = block_key.match(data, start)
        tops.append((start, key.group(1) if key is not None else None))
    return tops


def _item_at(data: bytes, start: int, target: int, following: int) -> int | None:
    """The start of the first item at or after ``target`` of the top-level
    block sequence whose key starts at ``start`` (the next line at the left
    margin starts at ``following``), or None."""
    body = data.index(b"\n", start) + 1
    item = re.compile(_FIRST_ITEM).match(data, body)
    if item is None or item.start(1) >= following:
        return None
    at = data.find(b"\n" + item.group(1) + b"- ", max(target, body) - 1, following)
    return at + 1 if at >= 0 else None


def _pieces(data: bytes, count: int) -> list[tuple[bytes | None, bytes]]:
    """``data`` cut, near ``count`` even points, into pieces that are YAML
    documents of their own: each cut is at the start of a top-level key
    whose value is a block, or of an item of a top-level block sequence, in
    which case the piece starts again with that key: ``(key, piece)``, the
    key None otherwise. One piece, the whole text, when there is no such place.

    A cut is only ever made at a line that starts a key or an item of the
    block structure; should it fall inside a quoted scalar instead, the piece
    before it ends inside the quotes and fails to parse (see
    :func:`_load_in_pieces`).
    """
    tops = _tops(data)
    if not any(name is not None for _, name in tops):
        return [(None, data)]
    cuts: list[tuple[int, bytes | None]] = []
    for j in range(1, count):
        target = len(data) * j // count
        if cuts and target <= cuts[-1][0]:
            continue
        # the section the target falls in, and the next block key after it
        k = max((i for i, (start, _) in enumerate(tops) if start <= target), default=-1)
        following = next(
            (start for start, name in tops[k + 1 :] if name is not None and start > target),
            len(data),
        )
        cut, key = following, None
        name = tops[k][1] if k >= 0 else None
        if name is not None:
            end = tops[k + 1][0] if k + 1 < len(tops) else len(data)
            at = _item_at(data, tops[k][0], target, end)
            if at is not None:
                cut, key = at, name
        if cut < len(data) and (not cuts or cut > cuts[-1][0]):
            cuts.append((cut, key))
    pieces: list[tuple[bytes | None, bytes]] = []
    begin, key = 0, None
    for cut, next_key in cuts:
        pieces.append((key, data[begin:cut] if key is None else key + b":\n" + data[begin:cut]))
        begin, key = cut, next_key
    pieces.append((key, data[begin:] if key is None else key + b":\n" + data[begin:]))
    return pieces


# Sections whose entries are checked against one another beyond their ids
# (the same premises twice for a conclusion, two stances of a stakeholder on
# a claim): :func:`halves` never cuts through them. A byte of them also
# costs about twice as much to parse and check as a byte of claims (flow
# mappings of short ids: measured on the benchmark map, 83 against 36 ns).
_KEPT_WHOLE: Final = frozenset({b"supports", b"attacks", b"stances"})
_DENSE: Final = 2.3
# A block scalar indicator that keeps trailing line breaks (or text like one),
# found from its "+" (at memchr speed: the pattern starts with it).
_KEEP_CHOMPING: Final = re.compile(rb"\+(?:(?<=[|>]\+)|(?<=[|>][1-9]\+))")


def halves(data: bytes) -> tuple[bytes, bytes, bool] | None:
    """``data`` cut in two YAML documents that take about as long each to
    parse and check, for two processes: ``(first, second, continued)``.

    The cut is at a top-level key whose value is a block, or at an item of
    the top-level ``claims`` sequence, and then ``continued`` is true and
    ``second`` starts with a ``claims:`` key of its own; it never falls in
    a section of :data:`_KEPT_WHOLE`. None where there is no such cut, or
    where ``first`` could read differently on its own (it ends in a block
    scalar). As for :func:`_pieces`, a cut inside a quoted scalar makes
    ``first`` fail to parse. The blank lines before a top-level key that
    is cut at are left out where no block scalar may keep them.
    """
    tops = _tops(data)
    if not any(name is not None for _, name in tops):
        return None
    ends = [start for start, _ in tops[1:]] + [len(data)]
    weights = [_DENSE if name in _KEPT_WHOLE else 1.0 for _, name in tops]
    costs = [(end - start) * w for (start, _), end, w in zip(tops, ends, weights, strict=True)]
    spent = float(tops[0][0])  # what comes before the first such key
    half = (spent + sum(costs)) / 2
    k = 0  # the section the half falls in
    while k < len(tops) - 1 and spent + costs[k] < half:
        spent += costs[k]
        k += 1
    (start, name), end = tops[k], ends[k]
    # the nearer end of that section: a cut there needs a plain block key
    nearer = k if half - spent < costs[k] / 2 else k + 1
    cut, continued = (start if nearer == k else end), False
    if nearer < len(tops) and tops[nearer][1] is None:
        cut = 0  # no such cut
    if name == b"claims":
        # (past the first item: a first half needs one)
        body = data.index(b"\n", start) + 1
        at = _item_at(data, start, max(start + int(half - spent), body + 1), end)
        if at is not None:
            cut, continued = at, True
    if not 0 < cut < len(data):
        return None
    first_end = cut
    if not continued and not _KEEP_CHOMPING.search(data, 0, cut):
        # The blank lines before the next key are nobody's unless a block
        # scalar keeps its trailing line breaks: without them the piece ends
        # with its last line, as a text that yaml-rs and PyYAML read alike.
        first_end = data.find(b"\n", _content_end(data, cut)) + 1 or cut
    first = data[:first_end]
    if _block_scalar_at_end(first):
        return None
    return first, (b"claims:\n" + data[cut:] if continued else data[cut:]), continued


def load_piece(piece: bytes) -> dict[str, Any] | None:
    """The mapping a piece from :func:`halves` holds, or None (it does not
    parse, or holds something else). Its guards are the whole text's
    (:func:`guards_meanwhile`)."""
    if _loads is None:
        return None
    data = _load_quietly(_loads, piece)
    return data if type(data) is dict else None


def _load_in_pieces(data: bytes, count: int = _PIECES) -> object | None:
    """:func:`_load_quietly` of ``data``, parsed as :func:`_pieces` side by
    side and joined; the whole text at once wherever the pieces do not make
    the mapping the whole text would give, key for key (a piece fails to
    parse, ends in a block scalar, or names a key an earlier piece has)."""
    assert _loads is not None
    loads = _loads
    pieces = _pieces(data, count)
    if len(pieces) < 2 or any(_block_scalar_at_end(piece) for _, piece in pieces[:-1]):
        return _load_quietly(loads, data)
    parsed: list[object | None] = [None] * len(pieces)

    def parse_piece(i: int) -> None:
        parsed[i] = _load_quietly(loads, pieces[i][1])

    helpers = [threading.Thread(target=parse_piece, args=(i,)) for i in range(1, len(pieces))]
    for helper in helpers:
        helper.start()
    parse_piece(0)
    for helper in helpers:
        helper.join()
    joined = parsed[0]
    if type(joined) is not dict:
        return _load_quietly(loads, data)
    for (key, _), piece in zip(pieces[1:], parsed[1:], strict=True):
        if type(piece) is not dict:
            return _load_quietly(loads, data)
        for name, value in piece.items():
            if key is not None and name == key.decode():
                key = None  # the piece's first key: the sequence the cut went through
                before = joined.get(name)
                if type(before) is not list or type(value) is not list:
                    return _load_quietly(loads, data)
                before.extend(value)
            elif name in joined:
                return _load_quietly(loads, data)
            else:
                joined[name] = value
    return joined


def _load_quietly(loads: Callable[[bytes], Any], data: bytes) -> object | None:
    with paused_gc():  # millions of new containers and no cycles
        try:
            result: object = loads(data)
        except Exception:
            return None
    return result
