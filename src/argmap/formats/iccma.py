"""ICCMA abstract argumentation frameworks: ASPARTIX ``.apx``, ``.tgf`` and ICCMA 2023 ``.af``.

An abstract framework is read as a map of claims (one per argument; the text
is the argument's name) and rebuttals (one per attack). Writing goes the other
way: every claim is an argument and every rebuttal an attack; supports and
undercuts have no place in these formats and make writing fail rather than be
dropped silently.

- ``.apx``: ``arg(a).`` and ``att(a,b).`` facts, ``%`` comments.
- ``.tgf``: one argument per line (``id`` or ``id label``), a ``#`` line, then
  ``attacker target`` lines.
- ``.af`` (ICCMA 2023): ``p af N`` then ``i j`` lines over arguments ``1..N``,
  ``#`` comments. Arguments get the ids ``a1``..``aN``.

Argument names that are not argmap slugs get one (``a b`` -> ``a-b``); the
text keeps the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat
from operator import eq, itemgetter

from argmap._gc import paused_gc
from argmap.errors import ArgmapError, MapError, Problem
from argmap.formats._twins import made
from argmap.formats.registry import Format
from argmap.ids import ID_MAX, IdPool, attack_id
from argmap.model import ArgumentMap, Attack, AttackKind, Claim

_first, _second = itemgetter(0), itemgetter(1)
_SLUG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
# One fact: arg(X). or att(X,Y). (names hold no parentheses; "." may be in them).
_APX_FACT = re.compile(r"\s*(arg|att)\s*\(([^()]*)\)\s*\.")
# The same facts in a whole text of ASCII lines ended by "\n", comments taken out:
# well formed (one name in arg, two in att), each on one line.
_APX_WELL_FORMED = re.compile(
    r"arg[ \t]*\([^(),\n]*\)[ \t]*\.|att[ \t]*\([^(),\n]*,[^(),\n]*\)[ \t]*\."
)
_APX_ARG = re.compile(r"arg[ \t]*\(([^(),\n]*)\)[ \t]*\.")
_APX_ATT = re.compile(r"att[ \t]*\(([^(),\n]*),([^(),\n]*)\)[ \t]*\.")
_APX_COMMENT = re.compile(r"%[^\n]*")
# ASCII whitespace that splitlines() ends a line at, or that strip() removes, besides " \t\n"
_APX_ODD_SPACE = re.compile(r"[\r\x0b\x0c\x1c-\x1f]")
# Names that are their own ids, one per line.
_SLUGS = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\n)*")


def _build(
    names: list[str],
    attacks: Iterable[tuple[str, str]],
    title: str,
    prefix: str = "",
    wanted: dict[str, str] | None = None,
) -> ArgumentMap:
    with paused_gc():  # hundreds of thousands of new objects and no cycles
        return _build_map(names, attacks, title, prefix, wanted)


def _build_map(
    names: list[str],
    attacks: Iterable[tuple[str, str]],
    title: str,
    prefix: str,
    wanted: dict[str, str] | None,
) -> ArgumentMap:
    if not prefix and not wanted and _own_ids(names):
        return _map_of_ids(names, attacks, title)
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    unique = IdPool()
    wanted = wanted or {}
    for name in names:
        own = wanted.get(name)
        if own is not None and own not in unique.used:
            ids[name] = texts[name] = unique.take(own)
            continue
        base = prefix + name if _SLUG.match(prefix + name) else _slug(prefix + name)
        ids[name] = unique.take(base)
    claims = tuple(Claim(id=ids[name], text=texts.get(name, name)) for name in names)
    seen: set[tuple[str, str]] = set()
    out: list[Attack] = []
    for a, b in attacks:
        pair = (ids[a], ids[b])
        if pair in seen:
            continue
        seen.add(pair)
        out.append(
            Attack(
                id=attack_id(*pair),
                attacker=pair[0],
                target=pair[1],
                kind=AttackKind.REBUTS,
                explicit_id=False,
            )
        )
    return ArgumentMap(title=title, claims=claims, attacks=tuple(out))


def _own_ids(names: list[str]) -> bool:
    """Whether every name (all distinct) is an id as it stands."""
    if not names:
        return True
    lines = "\n".join(names) + "\n"
    return (
        lines.count("\n") == len(names)
        and max(map(len, names)) <= ID_MAX
        and _SLUGS.fullmatch(lines) is not None
    )


def _map_of_ids(names: list[str], attacks: Iterable[tuple[str, str]], title: str) -> ArgumentMap:
    """What :func:`_build_map` makes of distinct names that are their own ids,
    made in bulk."""
    claims = made(Claim, names, names)
    pairs = list(dict.fromkeys(attacks))  # the first of each repeated attack
    # each end is the claim's own id object: later lookups by id then match
    # at the first comparison, and a cached map stores each id once
    own = {name: name for name in names}.__getitem__
    attackers = list(map(own, map(_first, pairs)))
    targets = list(map(own, map(_second, pairs)))
    out = made(
        Attack,
        map(attack_id, attackers, targets),
        attackers,
        targets,
        repeat(AttackKind.REBUTS),
        repeat(None),
        repeat(None),
        repeat(False),
    )
    return ArgumentMap(title=title, claims=tuple(claims), attacks=tuple(out))


def _slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return text if text and _SLUG.match(text) else f"arg-{text or 'x'}"


def _stem(path: str) -> str:
    return re.sub(r"\.[^./]*$", "", path.replace("\\", "/").rsplit("/", 1)[-1])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def loads_apx(text: str, path: str = "<string>") -> ArgumentMap:
    """Read ASPARTIX facts: ``arg(a).`` and ``att(a,b).``."""
    facts = _apx_facts(text)
    if facts is not None:
        return _build(*facts, _stem(path))
    return _loads_apx_by_line(text, path)


def _apx_facts(text: str) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The arguments and attacks of a well-formed ASCII ``.apx`` text, read with
    a few passes over the whole text; None when the text is not plainly well
    formed (a problem, or a character the line-by-line reader treats apart),
    for :func:`_loads_apx_by_line` to read it and say where it goes wrong."""
    if not text.isascii():
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _APX_ODD_SPACE.search(text):
        return None
    if "%" in text:
        text = _APX_COMMENT.sub("", text)
    if _APX_WELL_FORMED.sub("", text).strip(" \t\n"):
        return None  # something besides facts and blanks
    listed = _APX_ARG.findall(text)
    attacks: list[tuple[str, str]] = _APX_ATT.findall(text)
    if " " in text or "\t" in text:
        listed = [name.strip() for name in listed]
        attacks = [(a.strip(), b.strip()) for a, b in attacks]
    names = list(dict.fromkeys(listed))
    known = set(names)
    if "" in known or not known.issuperset(map(_first, attacks)):
        return None
    if not known.issuperset(map(_second, attacks)):
        return None
    if any(map(eq, map(_first, attacks), map(_second, attacks))):
        return None  # a self-attack
    return names, attacks


def _loads_apx_by_line(text: str, path: str) -> ArgumentMap:
    names: list[str] = []
    known: set[str] = set()
    attacks: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0].rstrip()
        pos = 0
        while line[pos:].strip():
            m = _APX_FACT.match(line, pos)
            if m is None:
                col = pos + len(line[pos:]) - len(line[pos:].lstrip()) + 1
                rest = _short(line[col - 1 :].strip())
                problems.append(
                    Problem(path, lineno, col, f"expected arg(X). or att(X,Y).: {rest!r}")
                )
                break
            pos = m.end()
            args = [a.strip() for a in m.group(2).split(",")]
            if m.group(1) == "arg" and len(args) == 1 and args[0]:
                if args[0] not in known:
                    known.add(args[0])
                    names.append(args[0])
            elif m.group(1) == "att" and len(args) == 2 and all(args):
                attacks.append((args[0], args[1], lineno))
            else:
                fact = _short(m.group().strip())
                problems.append(Problem(path, lineno, m.start(1) + 1, f"malformed fact {fact!r}"))
    pairs = _check_attacks(attacks, known, path, problems)
    if problems:
        raise MapError(problems)
    return _build(names, pairs, _stem(path))


def _check_attacks(
    attacks: list[tuple[str, str, int]], known: set[str], path: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    out = []
    for a, b, lineno in attacks:
        for x in (a, b):
            if x not in known:
                problems.append(
                    Problem(path, lineno, 1, f"attack names unknown argument {_short(x)!r}")
                )
        if a == b:
            problems.append(_self_attack(path, lineno, a))
        out.append((a, b))
    return out


def _self_attack(path: str, line: int, name: str) -> Problem:
    return Problem(
        path,
        line,
        1,
        f"argument {_short(name)!r} attacks itself, which an argument map cannot hold"
        " (such an argument is never accepted); remove the attack or the argument",
    )


def dumps_apx(amap: ArgumentMap) -> str:
    """Write ASPARTIX facts (arguments in map order, then attacks)."""
    _only_abstract(amap)
    lines = [f"arg({c.id})." for c in amap.claims]
    lines.extend(f"att({a.attacker},{a.target})." for a in amap.attacks)
    return "\n".join(lines) + "\n"


def loads_tgf(text: str, path: str = "<string>") -> ArgumentMap:
    """Read Trivial Graph Format: nodes, ``#``, then ``attacker target`` edges."""
    names: list[str] = []
    known: set[str] = set()
    attacks: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    in_edges = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            in_edges = True
            continue
        parts = line.split()
        if not in_edges:
            if parts[0] not in known:
                known.add(parts[0])
                names.append(parts[0])
        elif len(parts) >= 2:
            attacks.append((parts[0], parts[1], lineno))
        else:
            problems.append(
                Problem(path, lineno, 1, f"expected 'attacker target', got {_short(line)!r}")
            )
    pairs = _check_attacks(attacks, known, path, problems)
    if problems:
        raise MapError(problems)
    return _build(names, pairs, _stem(path))


def dumps_tgf(amap: ArgumentMap) -> str:
    """Write Trivial Graph Format."""
    _only_abstract(amap)
    lines = [c.id for c in amap.claims]
    lines.append("#")
    lines.extend(f"{a.attacker} {a.target}" for a in amap.attacks)
    return "\n".join(lines) + "\n"


MAX_AF_ARGUMENTS = 10_000_000
"""Largest N in a ``p af N`` header: each argument becomes a claim, so a typo in
N would otherwise build billions of them from a one-line file."""


_AF_ID_COMMENT = re.compile(r"^#\s*([0-9]+)\s+(\S+)\s*$")


def loads_af(text: str, path: str = "<string>") -> ArgumentMap:
    """Read the ICCMA 2023 format: ``p af N`` and ``i j`` attack lines.

    Comments ``# k id`` (as :func:`dumps_af` writes them) give argument k that
    id when it is a valid one, so a written map reads back with its ids.
    """
    n: int | None = None
    attacks: list[tuple[str, str]] = []
    problems: list[Problem] = []
    wanted: dict[str, str] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            named = _AF_ID_COMMENT.match(line)
            if named and len(named.group(2)) <= ID_MAX and _SLUG.match(named.group(2)):
                wanted.setdefault(named.group(1), named.group(2))
            continue
        parts = line.split()
        if n is None:
            if len(parts) == 3 and parts[:2] == ["p", "af"] and parts[2].isdigit():
                if len(parts[2]) > 9 or int(parts[2]) > MAX_AF_ARGUMENTS:
                    header = f"p af {_short(parts[2])}"
                    message = f"'{header}': at most {MAX_AF_ARGUMENTS:,} arguments are read"
                    problems.append(Problem(path, lineno, 1, message))
                    break
                n = int(parts[2])
                continue
            problems.append(Problem(path, lineno, 1, "expected the header 'p af N'"))
            break
        if len(parts) != 2 or not all(p.isdigit() and len(p) <= 9 for p in parts):
            problems.append(Problem(path, lineno, 1, f"expected 'i j', got {_short(line)!r}"))
            continue
        i, j = int(parts[0]), int(parts[1])
        if not (1 <= i <= n and 1 <= j <= n):
            problems.append(
                Problem(path, lineno, 1, f"argument out of range 1..{n}: {_short(line)!r}")
            )
            continue
        if i == j:
            problems.append(_self_attack(path, lineno, str(i)))
            continue
        attacks.append((str(i), str(j)))
    if n is None and not problems:
        problems.append(Problem(path, None, None, "missing the header 'p af N'"))
    if problems:
        raise MapError(problems)
    assert n is not None
    names = [str(i) for i in range(1, n + 1)]
    return _build(names, attacks, _stem(path), prefix="a", wanted=wanted)


def dumps_af(amap: ArgumentMap) -> str:
    """Write the ICCMA 2023 format (argument k is the k-th claim; ids go in a comment)."""
    _only_abstract(amap)
    number = {c.id: k for k, c in enumerate(amap.claims, 1)}
    lines = [f"p af {len(amap.claims)}"]
    lines.extend(f"# {k} {c.id}" for k, c in enumerate(amap.claims, 1))
    lines.extend(f"{number[a.attacker]} {number[a.target]}" for a in amap.attacks)
    return "\n".join(lines) + "\n"


def _only_abstract(amap: ArgumentMap) -> None:
    if amap.supports or any(a.kind != AttackKind.REBUTS for a in amap.attacks):
        raise ArgmapError(
            "an abstract framework has only arguments and attacks: this map has supports "
            "or undercuts, which the ICCMA formats cannot hold"
        )


APX = Format(
    name="apx",
    description="ASPARTIX abstract framework (arg/att facts)",
    suffixes=(".apx",),
    loads=loads_apx,
    dumps=dumps_apx,
)
TGF = Format(
    name="tgf",
    description="Trivial Graph Format abstract framework",
    suffixes=(".tgf",),
    loads=loads_tgf,
    dumps=dumps_tgf,
)
AF = Format(
    name="iccma",
    description="ICCMA 2023 abstract framework ('p af N')",
    suffixes=(".af", ".i23"),
    loads=loads_af,
    dumps=dumps_af,
)
FORMAT = AF
