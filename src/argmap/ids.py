"""The id rules, in one place: what an id looks like, the ids derived for items
written without one, and how a foreign name becomes an id.

Every format reads and writes ids through this module (docs/format.md, "Ids"):

- an id matches :data:`ID_PATTERN` and is at most :data:`ID_MAX` characters;
- a support, attack, rephrase or preference written without an id gets a
  derived one (:func:`support_id`, :func:`attack_id`, :func:`rephrase_id`,
  :func:`preference_id`), which diffs and merges match on;
- an importer turns another tool's names into ids with :func:`slug` and keeps
  them unique with :class:`IdPool`.

It imports nothing from argmap, so any layer may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ID_MAX",
    "ID_PATTERN",
    "IdPool",
    "attack_id",
    "clean",
    "is_id",
    "preference_id",
    "rephrase_id",
    "slug",
    "support_id",
]

ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
"""An id: letters, digits, ``_``, ``.`` and ``-``, not starting with ``.`` or ``-``."""
ID_MAX = 200
"""The longest id."""

_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def is_id(text: str) -> bool:
    """Whether ``text`` is a valid id as it stands."""
    return len(text) <= ID_MAX and ID_PATTERN.match(text) is not None


def support_id(premises: Iterable[str], conclusion: str) -> str:
    """The derived id of a support written without one: ``a+c>b``."""
    return "+".join(premises) + ">" + conclusion


def attack_id(attacker: str, target: str) -> str:
    """The derived id of an attack written without one: ``x!b``."""
    return f"{attacker}!{target}"


def rephrase_id(original: str, restatement: str) -> str:
    """The derived id of a rephrase written without one: ``a~b``."""
    return f"{original}~{restatement}"


def preference_id(preferred: str, over: str) -> str:
    """The derived id of a preference written without one: ``a^b``."""
    return f"{preferred}^{over}"


def clean(text: str) -> str:
    """``text`` with every run of characters an id cannot hold turned into one
    ``-``, and leading and trailing ``-`` and ``.`` removed (possibly empty)."""
    return _NOT_ID.sub("-", text).strip("-.")


def slug(text: str, *, prefix: str = "", fallback: str = "statement", digits: bool = True) -> str:
    """An id for a foreign name or id.

    ``text`` is kept when it is already an id (and, with ``digits=False``, does
    not start with a digit). Otherwise it is :func:`clean`\\ ed, ``prefix`` is put
    in front and the result cut to :data:`ID_MAX`; ``fallback`` when nothing is
    left. The result is not yet unique: see :class:`IdPool`.
    """
    if is_id(text) and (digits or not text[0].isdigit()):
        return text
    cleaned = clean(text)
    return (prefix + cleaned)[:ID_MAX] if cleaned else fallback


class IdPool:
    """Hands out unique ids: the wanted one, else ``wanted-2``, ``wanted-3``, ...

    ``wanted`` should already be an id; it is cut to :data:`ID_MAX` characters,
    and cut further to make room for a suffix, so every id handed out is at
    most :data:`ID_MAX` long. The next suffix to try is remembered per wanted
    id, so many clashes on one id cost no more than a few (not one try per id
    handed out before).
    """

    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used: set[str] = set(used)
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        """``wanted``, or the first free numbered variant of it; marked as used."""
        wanted = wanted[:ID_MAX]
        ident = wanted
        if ident in self.used:
            n = self._next.get(wanted, 2)
            while True:
                suffix = f"-{n}"
                ident = wanted[: ID_MAX - len(suffix)] + suffix
                n += 1
                if ident not in self.used:
                    break
            self._next[wanted] = n
        self.used.add(ident)
        return ident
