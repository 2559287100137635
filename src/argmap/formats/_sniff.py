"""Cheap content sniffs for suffixes several formats share (``.json``, ``.yaml``, ``.txt``).

Each looks only at the head of the text (a bounded number of characters and
lines), so that choosing a format costs the same for a 1 KB and a 100 MB file,
and none imports its format's module: the registry chooses a format before
importing it. The format modules use these same functions as their ``sniff``.
"""

from __future__ import annotations

import re
from itertools import islice

# At most this many characters of a text are looked at by any sniff.
HEAD_CHARS = 1 << 18

# Top-level keys only Carneades has ('issues' is native too).
_CARNEADES_KEYS = (
    "argument_schemes",
    "arguments",
    "assumptions",
    "issue_schemes",
    "labels",
    "language",
    "meta",
    "references",
    "statements",
    "tests",
    "weighing_functions",
)
_CARNEADES_KEY = re.compile(rf"({'|'.join(_CARNEADES_KEYS)})\s*:")
_NATIVE_JSON = re.compile(r'^\s*\{\s*"argmap"\s*:')
_KIALO_PRO_CON = re.compile(r"^\s*1(?:\.\d+)+\.[ \t]+(?:Pro|Con):", re.MULTILINE)
_KIALO_NUMBER = re.compile(r"\s*1\.\s")


def _head_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines of text (as ``splitlines`` gives them), from its head."""
    return list(islice(text[:HEAD_CHARS].splitlines(), count))


def native_yaml(text: str) -> bool:
    """Whether text looks like a native map: an ``argmap:`` key in its first 50 lines."""
    return any(line.startswith("argmap:") for line in _head_lines(text, 50))


def carneades(text: str) -> bool:
    """Whether text looks like a Carneades graph (and not a native map)."""
    lines = _head_lines(text, 400)
    if any(line.startswith("argmap:") for line in lines):
        return False
    return any(_CARNEADES_KEY.match(line) for line in lines)


def native_json(text: str) -> bool:
    """Whether text looks like argmap's native JSON."""
    return _NATIVE_JSON.search(text[:200]) is not None or '"argmap":' in text[:4096]


def aif(text: str) -> bool:
    """Whether text looks like AIF JSON."""
    head = text[:100_000]
    return '"nodes"' in head and ('"nodeID"' in head or '"AIF"' in head)


def kialo(text: str) -> bool:
    """Whether text looks like a Kialo export: ``Discussion Title:`` first, or
    the thesis ``1. ...`` first and a ``1.1. Pro:`` or ``Con:`` item soon after
    (plain notes that start with a numbered list are not Kialo)."""
    head = text.lstrip("\ufeff")[:4000]
    if head.lstrip().startswith("Discussion Title:"):
        return True
    return _KIALO_NUMBER.match(head) is not None and _KIALO_PRO_CON.search(head) is not None
