"""Text from a map made safe for DOT, XML/SVG and HTML, and shortened for drawings.

The one place where map text is escaped: every stage of the render pipeline
(:mod:`argmap.render.dot`, :mod:`argmap.render.svg`, :mod:`argmap.render.html`,
:mod:`argmap.render.reveal`) calls these functions and nothing else escapes
text itself. It depends on nothing else in :mod:`argmap.render` but the style table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap.render.style import MAX_TEXT

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without control characters, lone surrogates or non-characters
    (which Graphviz, XML and UTF-8 cannot carry)."""
    return _UNSAFE.sub("\ufffd", text) if _UNSAFE.search(text) else text


def quote(text: str) -> str:
    """A DOT double-quoted string holding ``text`` literally."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    text = clean(text)
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return '"' + text + '"'


_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def xml(text: str) -> str:
    """``text`` escaped for XML/HTML text and attribute values."""
    return clean(text).translate(_XML)


def label(lines: Sequence[str]) -> str:
    """A quoted, left-justified multi-line Graphviz label (one ``\\l`` per line)."""
    text = clean("\n".join(lines))
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "\r" in text:
        text = text.replace("\r", " ")
    return '"' + text.replace("\n", "\\l") + '\\l"'


_WRAPPERS: dict[int, re.Pattern[str]] = {}


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at ``width`` characters; longer words are split."""
    if len(text) <= width and "  " not in text and text.strip() == text and text.isprintable():
        return [text] if text else []
    pattern = _WRAPPERS.get(width)
    if pattern is None:
        pattern = _WRAPPERS[width] = re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{{width}}}")
    return pattern.findall(" ".join(text.split()))


def cut(text: str, limit: int = MAX_TEXT) -> str:
    """Text shortened to ``limit`` characters with an ellipsis."""
    if len(text) > limit:
        return text[: limit - 1].rstrip() + "\u2026"
    return text
