"""The native format: YAML text <-> :class:`~argmap.model.ArgumentMap`.

Loading runs in two steps. A fast parser turns the text into plain data; the
validator checks every rule of docs/format.md and builds the model. Only when
there is something to report is the text parsed again, slowly, with PyYAML's
composer, to recover the line and column of each problem; the fast parser
also steps aside (and the slow path runs) whenever it cannot vouch for the
result, for example on duplicate keys. Every problem in a file is reported at
once, as a :class:`~argmap.errors.MapError`.
"""

from __future__ import annotations

import marshal
import math
import operator
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from itertools import chain, groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from argmap._fork import can_fork, fork_work
from argmap._gc import ends_with_command, paused_gc, retire
from argmap.errors import MapError, Problem, did_you_mean
from argmap.formats._scalars import resolve_plain
from argmap.formats._twins import TWINS
from argmap.formats.includes import Loaded
from argmap.ids import ID_MAX, ID_PATTERN, attack_id, preference_id, rephrase_id, support_id
from argmap.io import read_bytes
from argmap.model import (
    FORMAT_VERSION,
    Anchor,
    ArgumentMap,
    Attack,
    AttackKind,
    Claim,
    ClaimKind,
    Hedge,
    Issue,
    LintIgnore,
    MapSize,
    Preference,
    ProofStandard,
    Relation,
    RelationKind,
    Rephrase,
    Source,
    Stakeholder,
    StakeholderKind,
    Stance,
    StanceKind,
    Support,
)

if TYPE_CHECKING:
    from argmap.formats import _positions

DataPath = tuple[str | int, ...]
E = TypeVar("E", bound=StrEnum)
D = TypeVar("D")

_ID_MATCH = ID_PATTERN.match
_CLAIM_KINDS = {str(k): k for k in ClaimKind}
_STANCE_VERBS = {str(k): k for k in StanceKind}
_CATEGORY: dict[str | int, str] = {
    "sources": "source",
    "stakeholders": "stakeholder",
    "claims": "claim",
    "supports": "support",
    "attacks": "attack",
    "issues": "issue",
    "rephrases": "rephrase",
    "preferences": "preference",
}
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
_CLAIM = ("claim",)
_CLAIM_OR_SUPPORT = ("claim", "support")
_STAKEHOLDER = ("stakeholder",)
_FROM: DataPath = ("from",)
_TO: DataPath = ("to",)
_STAKEHOLDER_KEY: DataPath = ("stakeholder",)

TOP_KEYS = (
    "argmap",
    "title",
    "description",
    "main",
    "sources",
    "stakeholders",
    "claims",
    "supports",
    "attacks",
    "stances",
    "issues",
    "rephrases",
    "preferences",
    "lint",
    "include",
)
SOURCE_KEYS = frozenset({"id", "title", "author", "date", "url", "file", "note"})
STAKEHOLDER_KEYS = frozenset(
    {"id", "name", "kind", "power", "interest", "legitimacy", "urgency", "description", "relations"}
)
RELATION_KEYS = frozenset({"type", "to", "note"})
HEDGE_KEYS = frozenset({"hedge", "hedge_words"})
CLAIM_KEYS = (
    frozenset({"id", "text", "kind", "label", "tags", "sources", "assumed", "weight", "note"})
    | HEDGE_KEYS
)
ANCHOR_KEYS = frozenset({"source", "quote"})
RELATION_EXTRA_KEYS = frozenset({"sources", "inferred"}) | HEDGE_KEYS
SUPPORT_KEYS = frozenset({"id", "from", "to", "weight", "scheme", "note"}) | RELATION_EXTRA_KEYS
ATTACK_KEYS = frozenset({"id", "from", "to", "weight", "note"}) | RELATION_EXTRA_KEYS
STANCE_KEYS = (
    frozenset({"stakeholder", "asserts", "endorses", "rejects", "strength", "sources", "note"})
    | RELATION_EXTRA_KEYS
)
ISSUE_KEYS = frozenset({"id", "question", "positions", "standard"})
REPHRASE_KEYS = frozenset({"id", "from", "to"})
PREFERENCE_KEYS = frozenset({"id", "prefer", "over"})
LINT_KEYS = frozenset({"ignore"})
LINT_IGNORE_KEYS = frozenset({"code", "item", "reason"})


# --------------------------------------------------------------------------- loading


def load(path: str | Path) -> ArgumentMap:
    """Read and validate a map file and the files it includes; raise MapError
    listing every problem."""
    return load_with_files(path).amap


def load_with_files(path: str | Path, raw: bytes | None = None) -> Loaded:
    """Read a map file and every file it includes (docs/format.md, "Maps over
    several files"): the map, and the names of the files it was read from,
    the root first. MapError lists every problem, each in its own file, and
    carries the files read so far in ``files``. ``raw``: the root's bytes,
    when already read."""
    from argmap.formats.includes import DiskFiles, disk_boundary, load_files

    path = Path(path)
    if raw is None:
        raw = read_bytes(path)
    return load_files(str(path), raw, DiskFiles(disk_boundary(path), read_bytes))


def map_files(path: str | Path) -> tuple[Path, ...]:
    """The files a map is read from: the map itself and every file it includes,
    directly or not, in reading order. Never raises for a broken map: the
    files reached through the includes that could be read are listed (a file
    that a broken include names is not), so a watcher can follow a map while
    it is being fixed. ArgmapError only when ``path`` itself cannot be read."""
    try:
        return tuple(Path(p) for p in load_with_files(path).files)
    except MapError as exc:
        return tuple(Path(p) for p in exc.files) or (Path(path),)


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Validate map text; ``path`` names it in messages."""
    with paused_gc():
        text = _document(text, path)
        amap = _fast_build(_fast_parse(text), path)
        return amap if amap is not None else _slow(text, path)


def loads_bytes(raw: bytes, path: str) -> ArgumentMap:
    """Decode UTF-8 (reporting where it is not) and validate."""
    with paused_gc():
        # The common case, a valid map, never needs the text as a str.
        amap = _fast_build(_fast_parse_bytes(raw), path)
        if amap is not None:
            return amap
        # The fast path has had its go: straight to the exact one.
        return _slow(_document(_decode(raw, path), path), path)


def from_data(data: Any, path: str = "<data>", text: str | None = None) -> ArgumentMap:
    """Validate already-parsed data (the native keys as dicts, lists and scalars).

    When ``text`` (the YAML or JSON the data came from) is given, problems are
    located in it by line and column; otherwise each problem names its place
    as a data path such as ``claims[3].text``.
    """
    found: list[_Found] = []
    with paused_gc():
        amap = _Builder(found).build(data)
    if not found and amap is not None:
        return amap
    if text is not None:
        return _slow(text, path)
    raise MapError(
        Problem(
            path,
            None,
            None,
            f"{_data_path(item.path)}: {item.message}" if item.path else item.message,
        )
        for item in found
    )


# Maps from this size on are checked in two processes by check_bytes: below
# it the fork and the exchange cost more than they save.
SPLIT_FROM = 4 << 20

# The top-level keys the second half may hold: none that header() checks.
_SECOND_KEYS = frozenset(TOP_KEYS) - {"argmap", "title", "description", "include"}


def check_bytes(raw: bytes, path: str) -> MapSize | None:
    """Whether the one-file map ``raw`` (read from ``path``) is valid, worked
    out in two processes at once: the sizes of a valid map, or None where
    this way cannot tell.

    The text is cut in two (:func:`argmap.formats._fastyaml.halves`). A
    forked child parses and checks the second half while this process does
    the first, and sends back only what a check across the halves needs:
    the ids it defines and the ids it refers to, by category. A rule about
    one entry, or about entries of one section (the cut never goes through
    those that have such rules), is checked where the entries are; ids are
    unique when each half's are and the halves share none; a reference holds
    when the id it names is defined, in either half, in a category it may
    name. So the verdict is the one :func:`loads_bytes` gives, and no process
    builds the whole map. None, so that the caller reads the map as usual
    (and reports what is wrong with it), for a map with a problem anywhere,
    text the fast parser steps aside for, a map under :data:`SPLIT_FROM`,
    and outside a command line process that may fork on two processors.
    """
    if len(raw) < SPLIT_FROM or not (
        ends_with_command() and can_fork() and (os.cpu_count() or 1) >= 2
    ):
        return None
    try:
        from argmap.formats import _fastyaml
    except ImportError:  # pragma: no cover - the fast path is optional
        return None
    if not _fastyaml.available():
        return None
    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    cut = _fastyaml.halves(data)
    if cut is None:
        return None
    first, second, continued = cut
    with paused_gc():
        child = fork_work(lambda: _second_half(_fastyaml.load_piece(second)))
        if child is None:
            return None
        builder = _Builder([], hints=False, make=False)
        parts: _Parts | None = None
        try:
            mine = _fastyaml.load_piece(first)
            if mine is not None and builder.header(mine) is not None:
                parts = builder.parts(mine)
            # The whole text's guards, here: the child's half takes longer.
            doubtful = mine is None or parts is None or bool(builder.problems)
            doubtful = doubtful or _fastyaml.suspicious(data)
        except BaseException:
            child.abandon()
            raise
        theirs = _Half.decode(child.result())
        retire(mine, builder, parts)  # a command line process ends soon: not freed one by one
        if doubtful or mine is None or parts is None or theirs is None:
            return None
        return _join(builder, mine, parts, theirs, continued)


# The sections whose entries may be written without an id and then get a
# derived one (ids.py: with a ">", "!", "~" or "^", which no written id has).
_DERIVING = frozenset({"supports", "attacks", "rephrases", "preferences"})


class _Half(NamedTuple):
    """What the second half of a map checked in two processes tells the first."""

    keys: list[str]
    size: tuple[int, int, int, int]
    # section -> (how many, the ids joined by NUL): ids written in the map,
    # and ids derived for entries written without one
    written: dict[str, tuple[int, str]]
    derived: dict[str, tuple[int, str]]
    # categories -> the same, for the ids it refers to and does not define
    refs: dict[tuple[str, ...], tuple[int, str]]

    def encode(self) -> bytes:
        return marshal.dumps(tuple(self))

    @classmethod
    def decode(cls, data: bytes) -> _Half | None:
        try:
            fields = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None  # the child failed (it wrote nothing) or found a problem
        return cls(*fields) if type(fields) is tuple and len(fields) == len(cls._fields) else None


_SECTION_AND_LENGTH = operator.itemgetter(1, 2)


def _second_half(data: dict[str, Any] | None) -> bytes:
    """In the child: check the second half; b"" when it has a problem (or
    holds what only the first half may)."""
    if data is None or not _SECOND_KEYS.issuperset(data):
        return b""
    builder = _Builder([], hints=False, make=False)
    parts = builder.parts(data)
    if builder.problems:
        return b""
    ids = builder.ids
    paths = ids.values()
    # a written id's path ends in "id"; a derived one's is (section, index)
    written: dict[str, list[str]] = {}
    derived: dict[str, list[str]] = {}
    for (section, length), run in groupby(
        zip(ids, map(_FIRST, paths), map(len, paths), strict=True), _SECTION_AND_LENGTH
    ):
        kind = derived if length == 2 else written
        kind.setdefault(str(section), []).extend(map(_FIRST, run))
    own = builder.defined()
    refs: dict[tuple[str, ...], tuple[int, str]] = {}
    for categories, found in builder.refs.items():
        wanted = set(map(_FIRST, found))
        for category in categories:
            wanted.difference_update(own.get(category, ()))
        refs[categories] = _joined(wanted)
    return _Half(
        list(data),
        _size(builder, parts),
        {section: _joined(some) for section, some in written.items()},
        {section: _joined(some) for section, some in derived.items()},
        refs,
    ).encode()


def _joined(ids: Collection[str]) -> tuple[int, str]:
    return len(ids), "\0".join(ids)


def _unjoined(count: int, joined: str) -> list[str] | None:
    """The ids joined by NUL, or None if there were not ``count`` of them (a
    reference holding a NUL names no valid id: the map is read as usual)."""
    if not count:
        return []
    some = joined.split("\0")
    return some if len(some) == count else None


def _of(by_category: dict[str, set[str]], categories: tuple[str, ...]) -> set[str]:
    if len(categories) == 1:
        return by_category.get(categories[0], set())
    return set().union(*(by_category.get(c, ()) for c in categories))


def _join(
    builder: _Builder, mine: dict[str, Any], parts: _Parts, theirs: _Half, continued: bool
) -> MapSize | None:
    """The checks across the halves, in the first: the sizes of the whole
    map, or None if it has a problem."""
    shared = set(mine).intersection(theirs.keys)
    if shared != ({"claims"} if continued else set()):
        return None  # a top-level key in both halves (or the claims not continued)
    by_category = builder.defined()
    # What the second half refers to and does not define is defined here.
    for categories, (count, joined) in theirs.refs.items():
        some = _unjoined(count, joined)
        if some is None or not _of(by_category, categories).issuperset(some):
            return None  # a reference to nothing (or to an id of another kind)
    # No id is defined in both halves. Its derived ids cannot clash with ids
    # written here, so they only matter when this half derives ids too.
    kinds = [theirs.written, theirs.derived] if not _DERIVING.isdisjoint(mine) else [theirs.written]
    their_ids: dict[str, list[str]] = {}
    for kind in kinds:
        for section, (count, joined) in kind.items():
            some = _unjoined(count, joined)
            if some is None or not builder.ids.keys().isdisjoint(some):
                return None
            their_ids.setdefault(_CATEGORY[section], []).extend(some)
    # What this half refers to is defined in one half or the other.
    for categories, refs in builder.refs.items():
        missing = set(map(_FIRST, refs)).difference(_of(by_category, categories))
        if missing and not missing.issubset(
            chain.from_iterable(their_ids.get(c, ()) for c in categories)
        ):
            return None
    return MapSize(*(a + b for a, b in zip(_size(builder, parts), theirs.size, strict=True)))


def _size(builder: _Builder, parts: _Parts) -> tuple[int, int, int, int]:
    """The claims, supports, attacks and stakeholders a half holds."""
    sizes = builder.sizes
    return sizes["claims"], sizes["supports"], sizes["attacks"], len(parts.stakeholders)


def _fast_build(data: Any, path: str) -> ArgumentMap | None:
    """The map built from fast-parsed data, or None when there is nothing
    (the fast parser stepped aside) or something to report; MapError at once
    for a file that is not a map at all (its positions would tell nothing)."""
    if data is None:
        return None
    found: list[_Found] = []
    builder = _Builder(found, hints=False)
    amap = builder.build(data)
    if builder.not_a_map is not None:
        raise MapError([Problem(path, 1, 1, builder.not_a_map)])
    return None if found else amap


def _document(text: str, path: str) -> str:
    """The text without a byte order mark; MapError if there is nothing in it."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise MapError([Problem(path, None, None, _EMPTY)])
    return text


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MapError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                )
            ]
        ) from None


def _data_path(parts: DataPath) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_EMPTY = "the file is empty; a map starts with `argmap: 1` and a `title:`"


def _fast_parse_bytes(raw: bytes) -> Any:
    try:
        from argmap.formats import _fastyaml
    except ImportError:  # pragma: no cover - the fast path is optional
        return None
    return _fastyaml.parse_bytes(raw)


def _fast_parse(text: str) -> Any:
    try:
        from argmap.formats import _fastyaml
    except ImportError:  # pragma: no cover - the fast path is optional
        return None
    return _fastyaml.parse(text)


def _slow(text: str, path: str) -> ArgumentMap:
    """Parse with positions, validate, and either build or raise every problem."""
    from argmap.formats import _positions  # PyYAML: only for maps with a problem

    parsed = _positions.parse_with_positions(text)
    problems: list[Problem] = [Problem(path, p.line, p.col, p.message) for p in parsed.problems]
    if parsed.problems and parsed.data is None:
        raise MapError(problems)
    for dup_path, key, (line, col) in parsed.duplicates:
        first = parsed.positions.keys.get(dup_path)
        where = f" (first at line {first[0]})" if first else ""
        problems.append(
            Problem(
                path,
                line,
                col,
                f"duplicate key {key!r}{where}; YAML keeps only one of them, so merge or rename",
            )
        )
    if parsed.data is None:
        raise MapError([Problem(path, None, None, _EMPTY)])
    found: list[_Found] = []
    amap = _Builder(found).build(parsed.data)
    for item in found:
        pos = parsed.positions.key(item.path) if item.at_key else parsed.positions.value(item.path)
        message = item.message
        if item.first is not None:
            first = parsed.positions.value(item.first)
            if first is not None:
                message += f" (first defined at line {first[0]})"
        problems.append(Problem(path, pos[0] if pos else None, pos[1] if pos else None, message))
    if problems or amap is None:
        problems.sort(key=lambda p: (p.line or 0, p.col or 0))
        raise MapError(problems)
    return amap


_ClaimTwin = TWINS[Claim]
_SupportTwin = TWINS[Support]
_AttackTwin = TWINS[Attack]
_StanceTwin = TWINS[Stance]


class _Parts(NamedTuple):
    """The sections of a map as :meth:`_Builder.parts` builds them."""

    main: tuple[str, ...]
    sources: tuple[Source, ...]
    stakeholders: tuple[Stakeholder, ...]
    claims: tuple[Claim, ...]
    supports: list[Support]
    attacks: list[Attack]
    stances: tuple[Stance, ...]
    issues: tuple[Issue, ...]
    rephrases: tuple[Rephrase, ...]
    preferences: tuple[Preference, ...]
    lint_ignores: tuple[LintIgnore, ...]


class _Found:
    """A problem at a data path (located once positions are known)."""

    __slots__ = ("at_key", "first", "message", "path")

    def __init__(
        self, path: DataPath, message: str, at_key: bool = False, first: DataPath | None = None
    ) -> None:
        self.path = path
        self.message = message
        self.at_key = at_key
        self.first = first


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})" if abs(value) < 10**12 else "a huge number"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover - YAML gives no other types


def _conflict_message(item: dict[str, Any], path: DataPath) -> str:
    """What an unresolved ``conflict:`` key (left by ``argmap merge``) says."""
    if not path:
        what = "the map"
    else:
        category = _CATEGORY.get(path[0], str(path[0]))
        ident = item.get("id")
        if ident is None and "stakeholder" in item:
            claim = next((item[v] for v in _STANCE_VERBS if v in item), None)
            what = f"the stance of {item['stakeholder']!r} on {claim!r}"
        elif ident is None and "from" in item and "to" in item:
            what = f"{category} {item['from']!r} -> {item['to']!r}"
        else:
            what = f"{category} {ident!r}"
    conflict = item.get("conflict")
    fix = "keep one of ours/theirs"
    if isinstance(conflict, dict) and "deleted" in conflict.values():
        deleted = "ours" if conflict.get("ours") == "deleted" else "theirs"
        other = "theirs" if deleted == "ours" else "ours"
        detail = f"{deleted} deleted it, {other} {conflict.get(other)}"
        fix += ": delete the whole item, or only the `conflict:` key to keep it"
    elif isinstance(conflict, dict) and conflict:
        parts = []
        for key, values in conflict.items():
            if isinstance(values, dict):
                import json

                ours = json.dumps(values.get("ours"), ensure_ascii=False, default=str)
                theirs = json.dumps(values.get("theirs"), ensure_ascii=False, default=str)
                parts.append(f"{key} is {ours} in ours, {theirs} in theirs")
            else:
                parts.append(str(key))
        detail = "; ".join(parts)
        fix += ": set each key to the value to keep, then delete the `conflict:` key"
    else:
        detail = "both sides changed it"
        fix += ", then delete the `conflict:` key"
    return f"unresolved merge conflict in {what}: {detail}; {fix}"


_FOREIGN_KEYS = 20
"""A mapping with more top-level keys than this and none of a map's is not a map
at all: it gets one message (see _Builder.build)."""
_HINTED_PROBLEMS = 200
"""Problems that get a "did you mean" hint; later ones go without (see _Builder)."""


class _Builder:
    """Validates plain data and builds the model, collecting every problem."""

    def __init__(self, problems: list[_Found], hints: bool = True, make: bool = True) -> None:
        self.problems = problems
        # Whether claims, supports, attacks and stances are made, or only
        # checked and counted (in sizes): for a verdict without the map.
        self.make = make
        self.sizes: dict[str, int] = {}
        # "did you mean" hints cost a fuzzy match each: only for the first
        # problems (the ones printed), and none on the fast path, whose
        # problems are found again, with positions, by the slow one.
        self.hints = hints
        self.not_a_map: str | None = None
        # derived id -> own id of each support written with an id of its own
        self.derived_aliases: dict[str, str] = {}
        # id -> (category, path of its definition)
        # id -> path of its definition; the section (path[0]) tells its category
        self.ids: dict[str, DataPath] = {}
        # References grouped by the categories they may point to: (id, path, tail),
        # the full path being path + tail (built only to report a problem).
        self.refs: dict[tuple[str, ...], list[tuple[str, DataPath, DataPath]]] = {}

    # -- reporting helpers

    def err(self, path: DataPath, message: str, at_key: bool = False) -> None:
        self.problems.append(_Found(path, message, at_key))

    def did_you_mean(self, given: str, known: Iterable[str]) -> list[str]:
        if not self.hints or len(self.problems) >= _HINTED_PROBLEMS:
            return []
        return did_you_mean(given, known, n=1)

    def unknown_keys(self, item: dict[str, Any], allowed: frozenset[str], path: DataPath) -> None:
        for key in item:
            if key == "conflict" and len(path) <= 2:
                self.err((*path, key), _conflict_message(item, path), at_key=True)
            elif key not in allowed:
                hint = self.did_you_mean(str(key), allowed)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                self.err(
                    (*path, key),
                    f"unknown key {key!r}{extra} (allowed: {', '.join(sorted(allowed))})",
                    at_key=True,
                )

    def string(
        self, item: dict[str, Any], key: str, path: DataPath, required: bool = False
    ) -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                self.err(path, f"missing required key {key!r}")
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.err(
                (*path, key),
                f"{key!r} must be a string, not {_describe(value)}; put it in quotes",
            )
            return None
        self.err((*path, key), f"{key!r} must be a string, not {_describe(value)}")
        return None

    def number(
        self, item: dict[str, Any], key: str, path: DataPath, low: float, high: float
    ) -> float | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.err((*path, key), f"{key!r} must be a number from {low:g} to {high:g}")
            return None
        if (isinstance(value, float) and math.isnan(value)) or not low <= value <= high:
            shown = value if isinstance(value, float) or abs(value) < 10**12 else "a huge number"
            self.err((*path, key), f"{key!r} must be from {low:g} to {high:g}, not {shown}")
            return None
        return float(value)

    def level(self, item: dict[str, Any], key: str, path: DataPath) -> int | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            self.err(
                (*path, key),
                f"{key!r} must be a whole number from 1 (very low) to 5 (very high), "
                f"not {_describe(value) if not isinstance(value, int) else value}",
            )
            return None
        return value

    def boolean(self, item: dict[str, Any], key: str, path: DataPath) -> bool:
        value = item.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.err((*path, key), f"{key!r} must be true or false, not {_describe(value)}")
            return False
        return value

    def enum(
        self, item: dict[str, Any], key: str, path: DataPath, enum: type[E], default: D
    ) -> E | D:
        value = item.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            words = ", ".join(str(e) for e in enum)
            self.err((*path, key), f"{key!r} must be one of {words}, not {_describe(value)}")
            return default
        try:
            return enum(value)
        except ValueError:
            choices = [str(e) for e in enum]
            hint = self.did_you_mean(str(value), choices)
            extra = f"; did you mean {hint[0]!r}?" if hint else ""
            self.err(
                (*path, key),
                f"unknown {key} {value!r}{extra} (one of: {', '.join(choices)})",
            )
            return default

    def define(self, ident: Any, category: str, path: DataPath) -> str | None:
        """Check an id's form and uniqueness, and register it."""
        if (
            type(ident) is str
            and ident not in self.ids
            and len(ident) <= ID_MAX
            and _ID_MATCH(ident) is not None
        ):
            self.ids[ident] = (*path, "id")
            return ident
        if ident is None:
            self.err(path, "missing required key 'id'")
            return None
        if not isinstance(ident, str):
            self.err((*path, "id"), f"id must be a string, not {_describe(ident)}; quote it")
            return None
        if len(ident) > ID_MAX or not ID_PATTERN.match(ident):
            self.err(
                (*path, "id"),
                f"invalid id {ident!r}: use letters, digits, '_', '-' and '.' "
                "(starting with a letter, digit or '_'), at most 200 characters",
            )
            return None
        return self.register(ident, category, (*path, "id"))

    def register(self, ident: str, category: str, path: DataPath) -> str | None:
        seen_path = self.ids.get(ident)
        seen = None if seen_path is None else (_CATEGORY[seen_path[0]], seen_path)
        if seen is not None:
            what = seen[0] if seen[0] == category else f"{seen[0]}"
            self.problems.append(
                _Found(path, f"duplicate id {ident!r}: already used by a {what}", first=seen[1])
            )
            return None
        self.ids[ident] = path
        return ident

    def refs_to(self, categories: tuple[str, ...]) -> list[tuple[str, DataPath, DataPath]]:
        """The list collecting references to these categories."""
        return self.refs.setdefault(categories, [])

    def ref_value(self, value: Any, path: DataPath, *categories: str) -> str | None:
        """A single id reference: a string, checked later."""
        if type(value) is str:
            self.refs_to(categories).append((value, path, ()))
            return value
        self.err(path, f"expected the id of a {' or '.join(categories)}, not {_describe(value)}")
        return None

    def ref_list(self, value: Any, path: DataPath, *categories: str) -> list[str] | None:
        """An id or a list of ids."""
        if type(value) is str:
            self.refs_to(categories).append((value, path, ()))
            return [value]
        if isinstance(value, list) and value:
            out: list[str] = []
            for i, element in enumerate(value):
                ident = self.ref_value(element, (*path, i), *categories)
                if ident is not None:
                    out.append(ident)
            return out if len(out) == len(value) else None
        if isinstance(value, list):
            self.err(path, f"expected at least one {' or '.join(categories)} id")
            return None
        self.err(
            path,
            f"expected a {' or '.join(categories)} id or a list of them, not {_describe(value)}",
        )
        return None

    def section(self, data: dict[str, Any], key: str) -> list[tuple[DataPath, dict[str, Any]]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(
                (key,), f"{key!r} must be a list (items start with '- '), not {_describe(value)}"
            )
            return []
        items: list[tuple[DataPath, dict[str, Any]]] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                items.append(((key, i), item))
            else:
                self.err(
                    (key, i), f"each entry of {key!r} must be a mapping, not {_describe(item)}"
                )
        return items

    def anchors(self, item: dict[str, Any], path: DataPath) -> tuple[Anchor, ...]:
        value = item.get("sources")
        if value is None:
            return ()
        path = (*path, "sources")
        if not isinstance(value, list):
            self.err(path, "'sources' must be a list of {source: ID, quote: TEXT}")
            return ()
        out: list[Anchor] = []
        for i, anchor in enumerate(value):
            apath = (*path, i)
            if not isinstance(anchor, dict):
                self.err(apath, "each source anchor must be a mapping {source: ID, quote: TEXT}")
                continue
            self.unknown_keys(anchor, ANCHOR_KEYS, apath)
            source = anchor.get("source")
            quote = self.string(anchor, "quote", apath, required=True)
            if source is None:
                self.err(apath, "missing required key 'source'")
                continue
            sid = self.ref_value(source, (*apath, "source"), "source")
            if sid is not None and quote is not None:
                if not quote.strip():
                    self.err((*apath, "quote"), "the quote is empty")
                    continue
                out.append(Anchor(sid, quote))
        return tuple(out)

    def hedging(self, item: dict[str, Any], path: DataPath) -> tuple[Hedge | None, str | None]:
        """An item's ``hedge`` level and the source's ``hedge_words``."""
        hedge = self.enum(item, "hedge", path, Hedge, None) if "hedge" in item else None
        words = None
        if "hedge_words" in item:
            words = self.string(item, "hedge_words", path)
            if words is not None and not words.strip():
                self.err((*path, "hedge_words"), "'hedge_words' is empty")
                words = None
            elif words is not None and item.get("hedge") is None:
                self.err(
                    (*path, "hedge_words"),
                    "'hedge_words' needs a 'hedge' level too "
                    "(certain, likely, possible or reported)",
                    at_key=True,
                )
        return hedge, words

    def inferred(self, item: dict[str, Any], path: DataPath) -> str | None:
        """The mapper's reason for an inferred relation or stance (non-empty)."""
        reason = self.string(item, "inferred", path)
        if reason is not None and not reason.strip():
            self.err((*path, "inferred"), "'inferred' needs a reason (why the mapper infers this)")
            return None
        return reason

    def relation_extras(
        self, item: dict[str, Any], path: DataPath
    ) -> tuple[tuple[Anchor, ...], Hedge | None, str | None, str | None]:
        """A support's, attack's or stance's anchors, hedge, hedge words and inferred."""
        anchors = self.anchors(item, path) if "sources" in item else ()
        hedge, words = self.hedging(item, path)
        inferred = self.inferred(item, path) if "inferred" in item else None
        return anchors, hedge, words, inferred

    # -- the whole map

    def build(self, data: Any) -> ArgumentMap | None:
        header = self.header(data)
        if header is None:
            return None
        parts = self.parts(data)
        self.check_refs()
        if self.problems:
            return None
        return ArgumentMap(
            title=header[0],
            description=header[1],
            version=FORMAT_VERSION,
            main=parts.main,
            sources=parts.sources,
            stakeholders=parts.stakeholders,
            claims=parts.claims,
            supports=tuple(parts.supports),
            attacks=tuple(self.typed_attacks(parts.attacks, parts.supports)),
            stances=parts.stances,
            issues=parts.issues,
            rephrases=parts.rephrases,
            preferences=parts.preferences,
            lint_ignores=parts.lint_ignores,
        )

    def header(self, data: Any) -> tuple[str, str | None] | None:
        """Check what a map holds at its top: the title and the description,
        or None when ``data`` is not a map at all."""
        if data is None:
            self.err((), _EMPTY)
            return None
        if not isinstance(data, dict):
            self.err((), f"a map must be a YAML mapping (key: value), not {_describe(data)}")
            return None
        if len(data) > _FOREIGN_KEYS and not any(key in TOP_KEYS for key in data):
            # Some other YAML file: one message, not one per key.
            self.not_a_map = (
                f"not an argument map: none of its {len(data)} top-level keys is one of a "
                "map's (a map starts with `argmap: 1`, a `title:` and `claims:`)"
            )
            self.err((), self.not_a_map)
            return None
        version = data.get("argmap")
        if "argmap" not in data:
            self.err((), "missing the format version key: add `argmap: 1` at the top")
        elif version != FORMAT_VERSION or type(version) is not int:
            self.err(
                ("argmap",),
                f"unsupported format version {version!r}; this argmap reads version "
                f"{FORMAT_VERSION}",
            )
        self.unknown_keys(data, frozenset(TOP_KEYS), ())
        if "include" in data:
            self.err(
                ("include",),
                "'include' names files, so the map must be read from its file "
                "(argmap.load, or any argmap command given the file), not from text",
                at_key=True,
            )
        title = self.string(data, "title", (), required=True) or ""
        description = self.string(data, "description", ())
        if "claims" not in data:
            self.err((), "missing required key 'claims' (a list of claims, may be empty)")
        elif data["claims"] is None:
            self.err(
                ("claims",),
                "'claims' has no value; list the claims under it (items start with '- '),"
                " or write `claims: []` for a map without claims yet",
                at_key=True,
            )
        return title, description

    def parts(self, data: dict[str, Any]) -> _Parts:
        """Check and build every section of ``data`` (the references are
        checked afterwards, by :meth:`check_refs`)."""
        sources = self.sources(data)
        stakeholders = self.stakeholders(data)
        claims = self.claims(data)
        supports = self.supports(data)
        attacks = self.attacks(data)
        stances = self.stances(data)
        issues = self.issues(data)
        rephrases = self.rephrases(data)
        preferences = self.preferences(data)
        lint_ignores = self.lint_ignores(data)
        main: list[str] = []
        if data.get("main") is not None:
            main = self.ref_list(data["main"], ("main",), "claim") or []
            first: dict[str, int] = {}
            for i, ident in enumerate(main):
                if ident in first:
                    self.problems.append(
                        _Found(
                            ("main", i),
                            f"claim {ident!r} is listed twice in 'main'; remove one",
                            first=("main", first[ident]),
                        )
                    )
                first.setdefault(ident, i)
        return _Parts(
            tuple(main),
            sources,
            stakeholders,
            claims,
            supports,
            attacks,
            stances,
            issues,
            rephrases,
            preferences,
            lint_ignores,
        )

    def sources(self, data: dict[str, Any]) -> tuple[Source, ...]:
        out: list[Source] = []
        for path, item in self.section(data, "sources"):
            self.unknown_keys(item, SOURCE_KEYS, path)
            ident = self.define(item.get("id"), "source", path)
            title = self.string(item, "title", path, required=True)
            fields = {
                k: self.string(item, k, path) for k in ("author", "date", "url", "file", "note")
            }
            if ident is not None and title is not None:
                out.append(Source(ident, title, **fields))
        return tuple(out)

    def stakeholders(self, data: dict[str, Any]) -> tuple[Stakeholder, ...]:
        out: list[Stakeholder] = []
        for path, item in self.section(data, "stakeholders"):
            self.unknown_keys(item, STAKEHOLDER_KEYS, path)
            ident = self.define(item.get("id"), "stakeholder", path)
            name = self.string(item, "name", path, required=True)
            kind = self.enum(item, "kind", path, StakeholderKind, StakeholderKind.OTHER)
            levels = {
                k: self.level(item, k, path) for k in ("power", "interest", "legitimacy", "urgency")
            }
            description = self.string(item, "description", path)
            relations = self.relations(item, path, ident)
            if ident is not None and name is not None:
                out.append(
                    Stakeholder(
                        ident, name, kind, description=description, relations=relations, **levels
                    )
                )
        return tuple(out)

    def relations(
        self, item: dict[str, Any], path: DataPath, owner: str | None
    ) -> tuple[Relation, ...]:
        value = item.get("relations")
        if value is None:
            return ()
        path = (*path, "relations")
        if not isinstance(value, list):
            self.err(path, "'relations' must be a list of {type: T, to: STAKEHOLDER}")
            return ()
        out: list[Relation] = []
        seen: set[tuple[str, str]] = set()
        for i, rel in enumerate(value):
            rpath = (*path, i)
            if not isinstance(rel, dict):
                self.err(rpath, "each relation must be a mapping {type: T, to: STAKEHOLDER}")
                continue
            self.unknown_keys(rel, RELATION_KEYS, rpath)
            if rel.get("type") is None:
                self.err(rpath, "missing required key 'type'")
                continue
            kind = self.enum(rel, "type", rpath, RelationKind, None)
            if rel.get("to") is None:
                self.err(rpath, "missing required key 'to'")
                continue
            target = self.ref_value(rel["to"], (*rpath, "to"), "stakeholder")
            note = self.string(rel, "note", rpath)
            if target is not None and target == owner:
                self.err((*rpath, "to"), f"stakeholder {owner!r} cannot have a relation to itself")
                continue
            if kind is None or target is None:
                continue
            if (kind, target) in seen:
                self.err(rpath, f"duplicate relation {kind} -> {target!r}")
                continue
            seen.add((kind, target))
            out.append(Relation(kind, target, note))
        return tuple(out)

    def items(self, data: dict[str, Any], key: str) -> list[Any]:
        """The raw entries of a section (a list), reporting a non-list."""
        value = data.get(key)
        if value is None:
            return []
        if type(value) is not list:
            self.err(
                (key,), f"{key!r} must be a list (items start with '- '), not {_describe(value)}"
            )
            return []
        return value

    def not_a_mapping(self, key: str, i: int, item: Any) -> None:
        self.err((key, i), f"each entry of {key!r} must be a mapping, not {_describe(item)}")

    def claims(self, data: dict[str, Any]) -> tuple[Claim, ...]:
        out: list[Claim] = []
        append = out.append
        ids = self.ids
        match = _ID_MATCH
        kinds = _CLAIM_KINDS
        fact = ClaimKind.FACT
        make = self.make
        checked = 0
        # A claim's path is made only when it is needed: for a problem, or
        # for the keys past id, text and kind.
        for i, item in enumerate(self.items(data, "claims")):
            if type(item) is not dict:
                self.not_a_mapping("claims", i, item)
                continue
            if not CLAIM_KEYS.issuperset(item):
                self.unknown_keys(item, CLAIM_KEYS, ("claims", i))
            get = item.get
            ident = get("id")
            if type(ident) is str and ident not in ids and len(ident) <= ID_MAX and match(ident):
                ids[ident] = ("claims", i, "id")
            else:
                ident = self.define(ident, "claim", ("claims", i))
            text = get("text")
            if type(text) is not str:
                text = self.string(item, "text", ("claims", i), required=True)
            elif not text or text.isspace():
                self.err(("claims", i, "text"), "the claim text is empty")
                text = None
            given = get("kind", "fact")
            kind = kinds.get(given) if type(given) is str else None
            if kind is None:
                kind = self.enum(item, "kind", ("claims", i), ClaimKind, fact)
            if len(item) - ("kind" in item) > 2:  # more than id, text and kind
                claim = _ClaimTwin(ident, text, kind)
                self.claim_extras(claim, item, ("claims", i))
            elif make:
                claim = _ClaimTwin(ident, text, kind)
            if ident is not None and text is not None:
                if make:
                    claim.__class__ = Claim
                    append(claim)
                else:
                    checked += 1
        self.sizes["claims"] = checked if not make else len(out)
        return tuple(out)

    def claim_extras(self, claim: Any, item: dict[str, Any], path: DataPath) -> None:
        """Set a claim's optional fields (label, tags, anchors, assumed,
        weight, note, hedge) on its twin, from the keys ``item`` has."""
        get = item.get
        # How many keys there are past id, text and kind: the checks below
        # stop once that many are found (most claims have one or two).
        left = len(item) - 2 - ("kind" in item)
        weight = get("weight")
        if weight is not None or "weight" in item:
            left -= 1
            if type(weight) is float and 0 <= weight <= 1:  # the common case
                claim.weight = weight
            else:
                claim.weight = self.number(item, "weight", path, 0, 1)
            if left <= 0:
                return
        raw = get("tags")
        if raw is not None or "tags" in item:
            left -= 1
            if type(raw) is list and all(type(t) is str for t in raw):
                claim.tags = tags = tuple(raw)
                if len(set(tags)) != len(tags):
                    self.err((*path, "tags"), "a tag is listed twice")
            elif raw is not None:
                self.err((*path, "tags"), "'tags' must be a list of strings")
            if left <= 0:
                return
        if "label" in item:
            left -= 1
            claim.label = self.string(item, "label", path)
        if "note" in item:
            left -= 1
            claim.note = self.string(item, "note", path)
        if left <= 0:
            return
        if "sources" in item:
            claim.anchors = self.anchors(item, path)
        if "assumed" in item:
            claim.assumed = self.boolean(item, "assumed", path)
        if "hedge" in item or "hedge_words" in item:
            claim.hedge, claim.hedge_words = self.hedging(item, path)

    def supports(self, data: dict[str, Any]) -> list[Support]:
        out: list[Support] = []
        seen: dict[tuple[Any, str], DataPath] = {}  # (premise or set of premises, conclusion)
        ids = self.ids
        make = self.make
        checked = 0
        claim_refs = self.refs_to(_CLAIM)
        for i, item in enumerate(self.items(data, "supports")):
            if type(item) is not dict:
                self.not_a_mapping("supports", i, item)
                continue
            path = ("supports", i)
            if not SUPPORT_KEYS.issuperset(item):
                self.unknown_keys(item, SUPPORT_KEYS, path)
            get = item.get
            premise = get("from")
            conclusion = get("to")
            if premise is None or conclusion is None:
                for key in ("from", "to"):
                    if get(key) is None:
                        self.err(path, f"missing required key {key!r}")
                continue
            premises: list[str] | None
            if type(premise) is str:
                claim_refs.append((premise, path, _FROM))
                premises = [premise]
            else:
                premises = self.ref_list(premise, (*path, "from"), "claim")
            if type(conclusion) is str:
                claim_refs.append((conclusion, path, _TO))
            else:
                conclusion = self.ref_value(conclusion, (*path, "to"), "claim")
            weight = scheme = note = None
            extras: tuple[Any, ...] = ()
            if len(item) > 2:
                if "weight" in item:
                    weight = self.number(item, "weight", path, 0, 1)
                if "scheme" in item:
                    scheme = self.string(item, "scheme", path)
                if "note" in item:
                    note = self.string(item, "note", path)
                if not RELATION_EXTRA_KEYS.isdisjoint(item):
                    extras = self.relation_extras(item, path)
            if premises is None or conclusion is None:
                continue
            if len(premises) > 1 and len(set(premises)) != len(premises):
                self.err((*path, "from"), "a premise is listed twice")
                continue
            if conclusion in premises:
                self.err(path, f"claim {conclusion!r} cannot support itself")
                continue
            # (one premise: no set needed; a pair never equals a set's pair)
            identity: tuple[Any, str] = (
                (premises[0], conclusion)
                if len(premises) == 1
                else (frozenset(premises), conclusion)
            )
            if identity in seen:
                self.problems.append(
                    _Found(
                        path,
                        "the same premises already support this conclusion",
                        first=seen[identity],
                    )
                )
                continue
            seen[identity] = path
            explicit = "id" in item
            if explicit:
                ident = self.define(item["id"], "support", path)
                if ident is None:
                    continue
                # The id it would have had, for a reference that uses it.
                self.derived_aliases[support_id(premises, conclusion)] = ident
            else:
                ident = support_id(premises, conclusion)
                if ident in ids:
                    self.register(ident, "support", path)
                else:
                    ids[ident] = path
            if not make:
                checked += 1
                continue
            # (a call without "*" where there are no extras: the common case, and faster)
            support = (
                _SupportTwin(
                    ident, tuple(premises), conclusion, weight, scheme, note, explicit, *extras
                )
                if extras
                else _SupportTwin(
                    ident, tuple(premises), conclusion, weight, scheme, note, explicit
                )
            )
            support.__class__ = Support
            out.append(support)
        self.sizes["supports"] = checked if not make else len(out)
        return out

    def attacks(self, data: dict[str, Any]) -> list[Attack]:
        out: list[Attack] = []
        seen: dict[tuple[str, str], DataPath] = {}
        ids = self.ids
        claim_refs = self.refs_to(_CLAIM)
        target_refs = self.refs_to(_CLAIM_OR_SUPPORT)
        make = self.make
        checked = 0
        for i, item in enumerate(self.items(data, "attacks")):
            if type(item) is not dict:
                self.not_a_mapping("attacks", i, item)
                continue
            path = ("attacks", i)
            if not ATTACK_KEYS.issuperset(item):
                self.unknown_keys(item, ATTACK_KEYS, path)
            get = item.get
            attacker = get("from")
            target = get("to")
            if attacker is None or target is None:
                for key in ("from", "to"):
                    if get(key) is None:
                        self.err(path, f"missing required key {key!r}")
                continue
            if type(attacker) is str:
                claim_refs.append((attacker, path, _FROM))
            else:
                attacker = self.ref_value(attacker, (*path, "from"), "claim")
            if type(target) is str:
                target_refs.append((target, path, _TO))
            else:
                target = self.ref_value(target, (*path, "to"), "claim", "support")
            weight = note = None
            extras: tuple[Any, ...] = ()
            if len(item) > 2:
                if "weight" in item:
                    weight = self.number(item, "weight", path, 0, 1)
                if "note" in item:
                    note = self.string(item, "note", path)
                if not RELATION_EXTRA_KEYS.isdisjoint(item):
                    extras = self.relation_extras(item, path)
            if attacker is None or target is None:
                continue
            if attacker == target:
                self.err(path, f"claim {attacker!r} cannot attack itself")
                continue
            pair = (attacker, target)
            if pair in seen:
                self.problems.append(
                    _Found(path, f"{attacker!r} already attacks {target!r}", first=seen[pair])
                )
                continue
            seen[pair] = path
            explicit = "id" in item
            if explicit:
                ident = self.define(item["id"], "attack", path)
                if ident is None:
                    continue
            else:
                ident = attack_id(attacker, target)
                if ident in ids:
                    self.register(ident, "attack", path)
                else:
                    ids[ident] = path
            if not make:
                checked += 1
                continue
            attack = (
                _AttackTwin(
                    ident, attacker, target, AttackKind.REBUTS, weight, note, explicit, *extras
                )
                if extras
                else _AttackTwin(ident, attacker, target, AttackKind.REBUTS, weight, note, explicit)
            )
            attack.__class__ = Attack
            out.append(attack)
        self.sizes["attacks"] = checked if not make else len(out)
        return out

    def stances(self, data: dict[str, Any]) -> tuple[Stance, ...]:
        out: list[Stance] = []
        append = out.append
        seen: dict[tuple[str, str], DataPath] = {}
        holder_refs = self.refs_to(_STAKEHOLDER)
        claim_refs = self.refs_to(_CLAIM)
        verbs = _STANCE_VERBS
        make = self.make
        checked = 0
        for i, item in enumerate(self.items(data, "stances")):
            if type(item) is not dict:
                self.not_a_mapping("stances", i, item)
                continue
            path = ("stances", i)
            if not STANCE_KEYS.issuperset(item):
                self.unknown_keys(item, STANCE_KEYS, path)
            holder = item.get("stakeholder")
            if holder is None:
                self.err(path, "missing required key 'stakeholder'")
                continue
            if type(holder) is str:
                holder_refs.append((holder, path, _STAKEHOLDER_KEY))
            else:
                holder = self.ref_value(holder, (*path, "stakeholder"), "stakeholder")
            # exactly one verb, found without a list in the common case
            not_one = ("asserts" in item) + ("endorses" in item) + ("rejects" in item) != 1
            given = [v for v in verbs if v in item] if not_one else []
            if not_one:
                self.err(
                    path,
                    "a stance needs exactly one of 'asserts', 'endorses' or 'rejects'"
                    + (f" (found {', '.join(given)})" if given else ""),
                )
                continue
            verb = (
                "asserts" if "asserts" in item else "endorses" if "endorses" in item else "rejects"
            )
            value = item[verb]
            claims: list[str] | None
            if type(value) is str:
                claim_refs.append((value, path, (verb,)))
                claims = [value]
            else:
                claims = self.ref_list(value, (*path, verb), "claim")
            strength = None
            note = None
            extras: tuple[Any, ...] = ()
            if len(item) > 2:
                if "strength" in item:
                    strength = self.number(item, "strength", path, 0, 1)
                if "note" in item:
                    note = self.string(item, "note", path)
                if not RELATION_EXTRA_KEYS.isdisjoint(item):
                    extras = self.relation_extras(item, path)
            if holder is None or claims is None:
                continue
            anchors: tuple[Anchor, ...] = extras[0] if extras else ()
            hedging = extras[1:]
            kind = verbs[verb]
            for j, claim in enumerate(claims):
                key = (holder, claim)
                if key in seen:
                    cpath = (*path, verb, j) if type(value) is list else (*path, verb)
                    self.problems.append(
                        _Found(
                            cpath,
                            f"{holder!r} already takes a stance on {claim!r}",
                            first=seen[key],
                        )
                    )
                    continue
                seen[key] = path
                if not make:
                    checked += 1
                    continue
                stance = (
                    _StanceTwin(holder, claim, kind, strength, anchors, note, *hedging)
                    if hedging
                    else _StanceTwin(holder, claim, kind, strength, anchors, note)
                )
                stance.__class__ = Stance
                append(stance)
        self.sizes["stances"] = checked if not make else len(out)
        return tuple(out)

    def issues(self, data: dict[str, Any]) -> tuple[Issue, ...]:
        out: list[Issue] = []
        for path, item in self.section(data, "issues"):
            self.unknown_keys(item, ISSUE_KEYS, path)
            ident = self.define(item.get("id"), "issue", path)
            question = self.string(item, "question", path, required=True)
            standard = self.enum(item, "standard", path, ProofStandard, ProofStandard.PREPONDERANCE)
            if item.get("positions") is None:
                self.err(path, "missing required key 'positions'")
                continue
            positions = self.ref_list(item["positions"], (*path, "positions"), "claim")
            if positions is not None and len(set(positions)) != len(positions):
                self.err((*path, "positions"), "a position is listed twice")
                continue
            if ident is not None and question is not None and positions is not None:
                out.append(Issue(ident, question, tuple(positions), standard))
        return tuple(out)

    def rephrases(self, data: dict[str, Any]) -> tuple[Rephrase, ...]:
        out: list[Rephrase] = []
        for path, item in self.section(data, "rephrases"):
            self.unknown_keys(item, REPHRASE_KEYS, path)
            ends = self.endpoints(item, path, "from", "to", ("claim",))
            if ends is None:
                continue
            ident = self.own_id(item, path, "rephrase", rephrase_id(*ends))
            if ident is not None:
                out.append(Rephrase(ident, *ends))
        return tuple(out)

    def preferences(self, data: dict[str, Any]) -> tuple[Preference, ...]:
        out: list[Preference] = []
        for path, item in self.section(data, "preferences"):
            self.unknown_keys(item, PREFERENCE_KEYS, path)
            ends = self.endpoints(item, path, "prefer", "over", ("claim", "support", "attack"))
            if ends is None:
                continue
            ident = self.own_id(item, path, "preference", preference_id(*ends))
            if ident is not None:
                out.append(Preference(ident, *ends))
        return tuple(out)

    def lint_ignores(self, data: dict[str, Any]) -> tuple[LintIgnore, ...]:
        lint = data.get("lint")
        if lint is None:
            return ()
        if not isinstance(lint, dict):
            self.err(("lint",), f"'lint' must be a mapping (ignore: [...]), not {_describe(lint)}")
            return ()
        self.unknown_keys(lint, LINT_KEYS, ("lint",))
        out: list[LintIgnore] = []
        for path, item in self.section(lint, "ignore"):
            path = ("lint", *path)
            self.unknown_keys(item, LINT_IGNORE_KEYS, path)
            code = self.string(item, "code", path, required=True)
            reason = self.string(item, "reason", path, required=True)
            target = self.string(item, "item", path)
            if reason is not None and not reason.strip():
                self.err((*path, "reason"), "say why the warning is ignored: the reason is empty")
                continue
            if code is not None and reason is not None:
                out.append(LintIgnore(code, reason, target))
        return tuple(out)

    def endpoints(
        self, item: dict[str, Any], path: DataPath, a: str, b: str, categories: tuple[str, ...]
    ) -> tuple[str, str] | None:
        missing = [k for k in (a, b) if item.get(k) is None]
        for key in missing:
            self.err(path, f"missing required key {key!r}")
        if missing:
            return None
        first = self.ref_value(item[a], (*path, a), *categories)
        second = self.ref_value(item[b], (*path, b), *categories)
        if first is None or second is None:
            return None
        if first == second:
            self.err(path, f"{a!r} and {b!r} must differ")
            return None
        return first, second

    def own_id(
        self, item: dict[str, Any], path: DataPath, category: str, derived: str
    ) -> str | None:
        if "id" in item:
            return self.define(item["id"], category, path)
        return self.register(derived, category, path)

    # -- cross-checks once every id is known

    def defined(self) -> dict[str, set[str]]:
        """The ids defined so far, by category."""
        ids = self.ids
        # A section's ids are defined one after another, so grouping the ids
        # by the section in their paths takes a few runs.
        by_category: dict[str, set[str]] = {}
        for section, run in groupby(zip(ids, map(_FIRST, ids.values()), strict=True), _SECOND):
            by_category.setdefault(_CATEGORY[section], set()).update(map(_FIRST, run))
        return by_category

    def check_refs(self) -> None:
        ids = self.ids
        by_category = self.defined()
        for categories, refs in self.refs.items():
            valid = set().union(*(by_category.get(c, ()) for c in categories))
            if valid.issuperset(map(_FIRST, refs)):
                continue
            wanted = " or ".join(categories)
            known: list[str] | None = None
            for ident, base, tail in refs:
                if ident in valid:
                    continue
                path = (*base, *tail)
                defined = ids.get(ident)
                if defined is not None:
                    self.err(path, f"{ident!r} is a {_CATEGORY[defined[0]]}, not a {wanted}")
                    continue
                alias = self.derived_aliases.get(ident)
                if alias is not None and alias in valid:
                    self.err(
                        path,
                        f"unknown {wanted} {ident!r}: the support from "
                        f"{ident.rpartition('>')[0]!r} to {ident.rpartition('>')[2]!r} "
                        f"has its own id; refer to it as {alias!r}",
                    )
                    continue
                if known is None:
                    known = sorted(valid) if len(valid) < 50_000 else []
                hint = self.did_you_mean(ident, known)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                self.err(path, f"unknown {wanted} {ident!r}{extra}")

    def typed_attacks(self, attacks: list[Attack], supports: list[Support]) -> Iterable[Attack]:
        support_ids = {s.id for s in supports}
        for attack in attacks:
            if attack.target in support_ids:
                yield replace(attack, kind=AttackKind.UNDERCUTS)
            else:
                yield attack


# --------------------------------------------------------------------------- dumping

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ ./()'-]*\Z")
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_NEEDS_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _scalar(value: str | float | bool | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if (
        _PLAIN.fullmatch(value)  # not .match: "$" also matches before a final "\n"
        and not value.endswith((" ", ":"))
        and ": " not in value
        and " #" not in value
        and isinstance(resolve_plain(value), str)
        and value.lower() not in _YAML11_BOOLS
    ):
        return value
    import json

    quoted = json.dumps(value, ensure_ascii=False)
    return _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _flow(pairs: Iterable[tuple[str, Any]]) -> str:
    parts = []
    for key, value in pairs:
        if isinstance(value, (list, tuple)):
            parts.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            parts.append(f"{key}: {_scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def _str(value: StrEnum | None) -> str | None:
    return None if value is None else str(value)


def _some(*pairs: tuple[str, Any]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in pairs if v is not None and v != () and v is not False]


def dumps(amap: ArgumentMap) -> str:
    """Write a map in the native format; ``loads(dumps(m)) == m``."""
    lines: list[str] = [f"argmap: {amap.version}", f"title: {_scalar(amap.title)}"]
    out = lines.append
    if amap.description is not None:
        out(f"description: {_scalar(amap.description)}")
    if amap.main:
        out(f"main: [{', '.join(_scalar(m) for m in amap.main)}]")

    def block(name: str, items: Iterable[Any], render: Callable[[Any], list[str]]) -> None:
        rendered = [render(item) for item in items]
        if not rendered:
            return
        out("")
        out(f"{name}:")
        for entry in rendered:
            out("  - " + entry[0])
            lines.extend("    " + rest for rest in entry[1:])

    def source(s: Source) -> list[str]:
        return [
            f"{k}: {_scalar(v)}"
            for k, v in _some(
                ("id", s.id),
                ("title", s.title),
                ("author", s.author),
                ("date", s.date),
                ("url", s.url),
                ("file", s.file),
                ("note", s.note),
            )
        ]

    def stakeholder(s: Stakeholder) -> list[str]:
        body = [
            f"{k}: {_scalar(v)}"
            for k, v in _some(
                ("id", s.id),
                ("name", s.name),
                ("kind", str(s.kind)),
                ("power", s.power),
                ("interest", s.interest),
                ("legitimacy", s.legitimacy),
                ("urgency", s.urgency),
                ("description", s.description),
            )
        ]
        if s.relations:
            body.append("relations:")
            body.extend(
                "  - " + _flow(_some(("type", str(r.kind)), ("to", r.target), ("note", r.note)))
                for r in s.relations
            )
        return body

    def anchors(items: tuple[Anchor, ...]) -> list[str]:
        if not items:
            return []
        return ["sources:"] + [
            "  - " + _flow((("source", a.source), ("quote", a.quote))) for a in items
        ]

    def claim(c: Claim) -> list[str]:
        body = [
            f"{k}: {_scalar(v)}"
            for k, v in _some(
                ("id", c.id),
                ("text", c.text),
                ("kind", str(c.kind) if c.kind is not ClaimKind.FACT else None),
                ("label", c.label),
            )
        ]
        if c.tags:
            body.append(f"tags: [{', '.join(_scalar(t) for t in c.tags)}]")
        body.extend(anchors(c.anchors))
        body.extend(
            f"{k}: {_scalar(v)}"
            for k, v in _some(
                ("assumed", c.assumed),
                ("weight", c.weight),
                ("hedge", _str(c.hedge)),
                ("hedge_words", c.hedge_words),
                ("note", c.note),
            )
        )
        return body

    def relation(pairs: list[tuple[str, Any]], item: Support | Attack) -> list[str]:
        pairs += _some(
            ("hedge", _str(item.hedge)),
            ("hedge_words", item.hedge_words),
            ("inferred", item.inferred),
        )
        if not item.anchors:
            return [_flow(pairs)]
        flat = [(k, list(v) if isinstance(v, tuple) else v) for k, v in pairs]
        return [
            f"{k}: [{', '.join(_scalar(x) for x in v)}]"
            if isinstance(v, list)
            else f"{k}: {_scalar(v)}"
            for k, v in flat
        ] + anchors(item.anchors)

    def support(s: Support) -> list[str]:
        premises: Any = s.premises[0] if len(s.premises) == 1 else s.premises
        return relation(
            _some(
                ("id", s.id if s.explicit_id else None),
                ("from", premises),
                ("to", s.conclusion),
                ("weight", s.weight),
                ("scheme", s.scheme),
                ("note", s.note),
            ),
            s,
        )

    def attack(a: Attack) -> list[str]:
        return relation(
            _some(
                ("id", a.id if a.explicit_id else None),
                ("from", a.attacker),
                ("to", a.target),
                ("weight", a.weight),
                ("note", a.note),
            ),
            a,
        )

    def stance(s: Stance) -> list[str]:
        pairs = _some(
            ("stakeholder", s.stakeholder),
            (str(s.kind), s.claim),
            ("strength", s.strength),
            ("note", s.note),
            ("hedge", _str(s.hedge)),
            ("hedge_words", s.hedge_words),
            ("inferred", s.inferred),
        )
        if not s.anchors:
            return [_flow(pairs)]
        return [f"{k}: {_scalar(v)}" for k, v in pairs] + anchors(s.anchors)

    def issue(i: Issue) -> list[str]:
        return [
            f"id: {_scalar(i.id)}",
            f"question: {_scalar(i.question)}",
            f"positions: [{', '.join(_scalar(p) for p in i.positions)}]",
            f"standard: {i.standard}",
        ]

    def rephrase(r: Rephrase) -> list[str]:
        derived = r.id == rephrase_id(r.original, r.restatement)
        return [
            _flow(
                _some(
                    ("id", None if derived else r.id), ("from", r.original), ("to", r.restatement)
                )
            )
        ]

    def preference(p: Preference) -> list[str]:
        derived = p.id == preference_id(p.preferred, p.over)
        return [
            _flow(
                _some(("id", None if derived else p.id), ("prefer", p.preferred), ("over", p.over))
            )
        ]

    block("sources", amap.sources, source)
    block("stakeholders", amap.stakeholders, stakeholder)
    out("")
    if amap.claims:
        out("claims:")
        for c in amap.claims:
            body = claim(c)
            out("  - " + body[0])
            lines.extend("    " + rest for rest in body[1:])
    else:
        out("claims: []")
    block("supports", amap.supports, support)
    block("attacks", amap.attacks, attack)
    block("stances", amap.stances, stance)
    block("issues", amap.issues, issue)
    block("rephrases", amap.rephrases, rephrase)
    block("preferences", amap.preferences, preference)
    if amap.lint_ignores:
        out("")
        out("lint:")
        out("  ignore:")
        for ig in amap.lint_ignores:
            out(
                "    - " + _flow(_some(("code", ig.code), ("item", ig.item), ("reason", ig.reason)))
            )
    return "\n".join(lines) + "\n"


def dump(amap: ArgumentMap, path: str | Path) -> None:
    """Write a map file atomically (a failure leaves the old file intact)."""
    from argmap.io import write_atomic

    write_atomic(Path(path), dumps(amap).encode("utf-8"))


# --------------------------------------------------------------------------- positions of items


def item_positions(text: str) -> dict[str, tuple[int, int]]:
    """Where each item of a valid map's text starts: key -> (line, col), 1-based.

    Keys: ``claim:ID``, ``support:ID``, ``attack:ID``, ``source:ID``,
    ``stakeholder:ID``, ``stance:STAKEHOLDER:CLAIM``, ``main:ID``, and for the
    quote of the i-th anchor (0-based) of an item ``KEY#i`` (such as
    ``claim:ID#0``). Items the text does not hold (or a text that is not a
    map) are simply absent.
    """
    from argmap.formats import _positions

    parsed = _positions.parse_with_positions(text)
    return item_positions_of(parsed.data, parsed.positions)


def item_positions_of(data: Any, pos: _positions.Positions) -> dict[str, tuple[int, int]]:
    """:func:`item_positions` of already parsed data and its positions."""
    out: dict[str, tuple[int, int]] = {}
    if not isinstance(data, dict):
        return out

    def put(key: str, path: DataPath) -> None:
        at = pos.value(path)
        if at is not None:
            out.setdefault(key, at)

    def quotes(key: str, item: dict[str, Any], path: DataPath) -> None:
        anchors = item.get("sources")
        if isinstance(anchors, list):
            for i, anchor in enumerate(anchors):
                if isinstance(anchor, dict):
                    at = pos.value((*path, "sources", i, "quote"))
                    if at is not None:
                        out.setdefault(f"{key}#{i}", at)

    def entries(section: str) -> Iterator[tuple[DataPath, dict[str, Any]]]:
        value = data.get(section)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield (section, i), item

    for section, kind in (("sources", "source"), ("stakeholders", "stakeholder")):
        for path, item in entries(section):
            if isinstance(item.get("id"), str):
                put(f"{kind}:{item['id']}", path)
    for path, item in entries("claims"):
        if isinstance(item.get("id"), str):
            put(f"claim:{item['id']}", path)
            quotes(f"claim:{item['id']}", item, path)
    for section, kind, make in (("supports", "support", support_id), ("attacks", "attack", None)):
        for path, item in entries(section):
            ident = item.get("id")
            if not isinstance(ident, str):
                ends, end = item.get("from"), item.get("to")
                if not isinstance(end, str):
                    continue
                if make is not None:
                    froms = [ends] if isinstance(ends, str) else ends
                    if not isinstance(froms, list) or not all(isinstance(f, str) for f in froms):
                        continue
                    ident = make(froms, end)
                elif isinstance(ends, str):
                    ident = attack_id(ends, end)
                else:
                    continue
            put(f"{kind}:{ident}", path)
            quotes(f"{kind}:{ident}", item, path)
    for path, item in entries("stances"):
        holder = item.get("stakeholder")
        if not isinstance(holder, str):
            continue
        for verb in ("asserts", "endorses", "rejects"):
            value = item.get(verb)
            claims = [value] if isinstance(value, str) else value
            if not isinstance(claims, list):
                continue
            for j, claim in enumerate(claims):
                if isinstance(claim, str):
                    key = f"stance:{holder}:{claim}"
                    put(key, (*path, verb, j) if isinstance(value, list) else (*path, verb))
                    quotes(key, item, path)
    main = data.get("main")
    if isinstance(main, list):
        for i, claim in enumerate(main):
            if isinstance(claim, str):
                put(f"main:{claim}", ("main", i))
    return out
