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

from argmap._gc import paused_gc
from argmap.errors import ArgmapError, MapError, Problem
from argmap.formats.registry import Format
from argmap.formats.yaml import _AttackTwin, _ClaimTwin
from argmap.ids import attack_id
from argmap.model import ArgumentMap, Attack, AttackKind, Claim

_SLUG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_APX_FACT = re.compile(r"^\s*(arg|att)\s*\(\s*(.*?)\s*\)\s*\.\s*$")
# The usual shape of a whole file, one plain fact per line: read in one pass.
_APX_PLAIN = re.compile(
    r"^(?:arg\(([A-Za-z0-9_]+)\)|att\(([A-Za-z0-9_]+),([A-Za-z0-9_]+)\))\.[ \t]*\r?$", re.M
)


def _build(
    names: list[str], attacks: Iterable[tuple[str, str]], title: str, prefix: str = ""
) -> ArgumentMap:
    with paused_gc():  # hundreds of thousands of new objects and no cycles
        return _build_map(names, attacks, title, prefix)


def _build_map(
    names: list[str], attacks: Iterable[tuple[str, str]], title: str, prefix: str
) -> ArgumentMap:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = prefix + name if _SLUG.match(prefix + name) else _slug(prefix + name)
        candidate, n = base, 2
        while candidate in used:
            candidate = f"{base}-{n}"
            n += 1
        used.add(candidate)
        ids[name] = candidate
    # Through the loader's mutable twins (argmap.formats.yaml._mutable_twin):
    # a frozen dataclass sets each of its eleven fields through
    # object.__setattr__, which dominates reading a big framework.
    claims = []
    for name in names:
        claim = _ClaimTwin(ids[name], name)
        claim.__class__ = Claim
        claims.append(claim)
    seen: set[tuple[str, str]] = set()
    out: list[Attack] = []
    rebuts = AttackKind.REBUTS
    for a, b in attacks:
        pair = (ids[a], ids[b])
        if pair in seen:
            continue
        seen.add(pair)
        attack = _AttackTwin(attack_id(*pair), pair[0], pair[1], rebuts, None, None, False)
        attack.__class__ = Attack
        out.append(attack)
    return ArgumentMap(title=title, claims=tuple(claims), attacks=tuple(out))


def _slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return text if text and _SLUG.match(text) else f"arg-{text or 'x'}"


def _stem(path: str) -> str:
    return re.sub(r"\.[^./]*$", "", path.replace("\\", "/").rsplit("/", 1)[-1])


def loads_apx(text: str, path: str = "<string>") -> ArgumentMap:
    """Read ASPARTIX facts: ``arg(a).`` and ``att(a,b).``."""
    fast = _plain_apx(text)
    if fast is not None:
        return _build(fast[0], fast[1], _stem(path))
    names: list[str] = []
    known: set[str] = set()
    attacks: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0].strip()
        if not line:
            continue
        for fact in re.findall(r"[^.]*\)\s*\.", line) or [line]:
            m = _APX_FACT.match(fact)
            if m is None:
                problems.append(Problem(path, lineno, 1, f"expected arg(X). or att(X,Y): {fact!r}"))
                continue
            args = [a.strip() for a in m.group(2).split(",")]
            if m.group(1) == "arg" and len(args) == 1 and args[0]:
                if args[0] not in known:
                    known.add(args[0])
                    names.append(args[0])
            elif m.group(1) == "att" and len(args) == 2:
                attacks.append((args[0], args[1], lineno))
            else:
                problems.append(Problem(path, lineno, 1, f"malformed fact {fact.strip()!r}"))
    pairs = _check_attacks(attacks, known, path, problems)
    if problems:
        raise MapError(problems)
    return _build(names, pairs, _stem(path))


def _plain_apx(text: str) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The arguments and attacks of a file of plain facts (one a line, plain
    names, every attack between known arguments), or None for anything else:
    the line-by-line reader takes those and reports what is wrong."""
    if _APX_PLAIN.sub("", text).strip():
        return None
    found = _APX_PLAIN.findall(text)
    names = list(dict.fromkeys(a for a, _, _ in found if a))
    attacks = [(a, b) for x, a, b in found if not x]
    known = set(names)
    if not {a for a, _ in attacks} <= known or not {b for _, b in attacks} <= known:
        return None
    return names, attacks


def _check_attacks(
    attacks: list[tuple[str, str, int]], known: set[str], path: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    out = []
    for a, b, lineno in attacks:
        for x in (a, b):
            if x not in known:
                problems.append(Problem(path, lineno, 1, f"attack names unknown argument {x!r}"))
        out.append((a, b))
    return out


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
            problems.append(Problem(path, lineno, 1, f"expected 'attacker target', got {line!r}"))
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


def loads_af(text: str, path: str = "<string>") -> ArgumentMap:
    """Read the ICCMA 2023 format: ``p af N`` and ``i j`` attack lines."""
    n: int | None = None
    attacks: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if n is None:
            if len(parts) == 3 and parts[:2] == ["p", "af"] and parts[2].isdigit():
                n = int(parts[2])
                if n > MAX_AF_ARGUMENTS:
                    message = f"'p af {n}': at most {MAX_AF_ARGUMENTS:,} arguments are read"
                    problems.append(Problem(path, lineno, 1, message))
                    break
                continue
            problems.append(Problem(path, lineno, 1, "expected the header 'p af N'"))
            break
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            problems.append(Problem(path, lineno, 1, f"expected 'i j', got {line!r}"))
            continue
        i, j = int(parts[0]), int(parts[1])
        if not (1 <= i <= n and 1 <= j <= n):
            problems.append(Problem(path, lineno, 1, f"argument out of range 1..{n}: {line!r}"))
            continue
        attacks.append((parts[0], parts[1]))
    if n is None and not problems:
        problems.append(Problem(path, None, None, "missing the header 'p af N'"))
    if problems:
        raise MapError(problems)
    assert n is not None
    return _build([str(i) for i in range(1, n + 1)], attacks, _stem(path), prefix="a")


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
