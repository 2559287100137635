"""Mermaid flowchart export, for Markdown documents (a ```mermaid block).

Claims are rounded boxes labelled with their text; a one-premise support is
an arrow ``-->``, an attack an arrow ending in a cross ``--x``. A support with
linked premises, or one that is undercut, gets a small junction node that its
premises point into and undercuts point at. Stakeholders, stances, sources,
issues, rephrases and preferences are not drawn.

Node names are generated (``c1``, ``s1``), so ids never reach Mermaid's
syntax; labels are quoted, with every character that Mermaid or HTML could
read as markup written as an entity code (``#quot;``, ``#35;`` ...).
"""

from __future__ import annotations

import re

from argmap.formats.registry import Format
from argmap.model import ArgumentMap, AttackKind

__all__ = ["FORMAT", "dumps", "label"]

_UNSAFE = re.compile(r"[\"#&<>;`|{}\[\]()\\%*_~=:]|[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]")
_NAMED = {'"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}


def label(text: str) -> str:
    """A quoted Mermaid label: one line, markup characters as entity codes."""
    text = " ".join(text.split())

    def code(m: re.Match[str]) -> str:
        ch = m.group()
        return _NAMED.get(ch) or f"#{ord(ch)};"

    return '"' + _UNSAFE.sub(code, text) + '"'


def dumps(amap: ArgumentMap) -> str:
    """The map as a Mermaid flowchart (top-down; deterministic)."""
    out = ["flowchart TD"]
    name = {c.id: f"c{n}" for n, c in enumerate(amap.claims, start=1)}
    for c in amap.claims:
        out.append(f"  {name[c.id]}({label(c.label or c.text)})")
    undercut = {a.target for a in amap.attacks if a.kind is AttackKind.UNDERCUTS}
    junction: dict[str, str] = {}
    links: list[str] = []  # "support" or "attack", one per link, for linkStyle
    for n, s in enumerate(amap.supports, start=1):
        if len(s.premises) > 1 or s.id in undercut:
            junction[s.id] = f"s{n}"
            out.append(f"  s{n}(( ))")
            for p in s.premises:
                out.append(f"  {name[p]} --- s{n}")
                links.append("support")
            out.append(f"  s{n} --> {name[s.conclusion]}")
        else:
            out.append(f"  {name[s.premises[0]]} --> {name[s.conclusion]}")
        links.append("support")
    for a in amap.attacks:
        target = junction[a.target] if a.kind is AttackKind.UNDERCUTS else name[a.target]
        out.append(f"  {name[a.attacker]} --x {target}")
        links.append("attack")
    out.append("  classDef claim fill:#ffffff,stroke:#333333")
    out.append("  classDef junction fill:#2e7d32,stroke:#2e7d32")
    if name:
        out.append(f"  class {','.join(name.values())} claim")
    if junction:
        out.append(f"  class {','.join(junction.values())} junction")
    for kind, colour in (("support", "#2e7d32"), ("attack", "#c62828")):
        indexes = [str(i) for i, k in enumerate(links) if k == kind]
        if indexes:
            out.append(f"  linkStyle {','.join(indexes)} stroke:{colour}")
    return "\n".join(out) + "\n"


FORMAT = Format(
    name="mermaid",
    description="Mermaid flowchart for Markdown documents (write only)",
    suffixes=(".mmd", ".mermaid"),
    dumps=dumps,
)
