"""Unique argmap ids for importers: valid, at most ID_MAX long, handed out in linear time."""

from __future__ import annotations

from argmap.formats.yaml import ID_MAX

__all__ = ["UniqueIds"]


class UniqueIds:
    """Hands out ids: the wanted one, else it with ``-2``, ``-3``, ...

    ``wanted`` must already be a valid id (letters, digits, ``_``, ``-``, ``.``,
    starting with a letter, a digit or ``_``); it is cut to :data:`ID_MAX`
    characters, and cut further to make room for a suffix, so every id given
    out is valid. The next suffix to try is remembered per wanted id, so many
    clashes cost no more than a few.
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
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
