"""Kialo discussion exports (plain text): import.

A Kialo export looks like::

    Discussion Title: Should school start later?

    1. School should start later.
    1.1. Pro: Teenagers sleep late.
    1.1.1. Con: Not all of them.
    1.2. Con: Buses would run twice.
    1.2.1. Pro: -> See 1.1.1.

Each numbered item is a claim with the number as its id (``1.1.1``); a
``Pro:`` item supports its parent and a ``Con:`` item attacks it. ``-> See
N.`` reuses claim N as a pro or con of the parent (no new claim). Lines that
do not start a new item continue the text of the item above (multi-line
texts); a numbered line is only an item when its parent exists and its number
is new. The thesis (``1.``) and any top-level item are the main claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.errors import MapError, Problem
from argmap.formats import _sniff
from argmap.formats.registry import Format
from argmap.ids import attack_id, support_id
from argmap.model import ArgumentMap, Attack, Claim, Support

__all__ = ["FORMAT", "loads"]

_ITEM = re.compile(r"^(\d+(?:\.\d+)*)\.[ \t]+(?:(Pro|Con):[ \t]*)?(.*)$")
_LINK = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")
_TITLE = re.compile(r"^Discussion Title:\s*(.*)$")


@dataclass
class _Item:
    number: str
    side: str | None
    lines: list[str]
    line: int
    link: str | None = None


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Read a Kialo plain-text export; malformed lines are errors at line:col."""
    title: str | None = None
    items: list[_Item] = []
    numbers: set[str] = set()

    def fail(line: int, col: int, message: str) -> MapError:
        return MapError([Problem(path, line, col, message)])

    for lineno, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip()
        m = _TITLE.match(line)
        if m and not items and title is None:
            title = m.group(1).strip()
            continue
        m = _ITEM.match(line)
        if m:
            number, side, rest = m.group(1), m.group(2), m.group(3)
            parent = number.rpartition(".")[0]
            if number not in numbers and (not parent or parent in numbers):
                if parent and side is None:
                    raise fail(
                        lineno, len(number) + 3, "expected 'Pro:' or 'Con:' after the number"
                    )
                if not parent and side is not None:
                    raise fail(lineno, 1, f"the top-level item {number}. cannot be a {side}")
                link = _LINK.match(rest.strip())
                items.append(_Item(number, side, [rest], lineno, link.group(1) if link else None))
                numbers.add(number)
                continue
            if not items:
                raise fail(lineno, 1, f"item {number}. has no parent item {parent}.")
        if not items:
            if line.strip():
                raise fail(lineno, 1, "expected 'Discussion Title:' or the thesis '1. ...'")
            continue
        items[-1].lines.append(line)
    if not items:
        raise fail(1, 1, "no numbered items: a Kialo export starts with the thesis '1. ...'")

    claims: list[Claim] = []
    supports: list[Support] = []
    attacks: list[Attack] = []
    main: list[str] = []
    seen: set[tuple[str, str, str | None]] = set()
    for item in items:
        if item.link is None:
            body = "\n".join(item.lines).strip()
            claims.append(Claim(item.number, body or "(empty)"))
        if item.link is not None and item.link not in numbers:
            raise fail(item.line, 1, f"'-> See {item.link}.' points at no item")
    linked = {i.number for i in items if i.link is not None}
    for item in items:
        parent = item.number.rpartition(".")[0]
        if not parent:
            main.append(item.number)
            continue
        if parent in linked:
            raise fail(item.line, 1, f"item {parent}. is a link and cannot have children")
        source = item.link or item.number
        if item.link in linked:
            raise fail(item.line, 1, f"'-> See {item.link}.' points at another link")
        if source == parent or (source, parent, item.side) in seen:
            continue
        seen.add((source, parent, item.side))
        if item.side == "Pro":
            supports.append(
                Support(support_id([source], parent), (source,), parent, explicit_id=False)
            )
        else:
            attacks.append(Attack(attack_id(source, parent), source, parent, explicit_id=False))
    return ArgumentMap(
        title=title or "Kialo discussion",
        main=tuple(main),
        claims=tuple(claims),
        supports=tuple(supports),
        attacks=tuple(attacks),
    )


FORMAT = Format(
    name="kialo",
    description="Kialo discussion export (plain text; read only)",
    suffixes=(".kialo.txt", ".kialo", ".txt"),
    loads=loads,
    sniff=_sniff.kialo,
)
