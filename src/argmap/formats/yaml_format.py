"""Registry entry of the native YAML format (argmap.formats.yaml)."""

from __future__ import annotations

from argmap.formats import yaml as native
from argmap.formats.registry import Format


def _sniff(text: str) -> bool:
    return any(line.startswith("argmap:") for line in text.splitlines()[:50])


FORMAT = Format(
    name="yaml",
    description="argmap's native YAML format (docs/format.md)",
    suffixes=(".yaml", ".yml"),
    loads=native.loads,
    dumps=native.dumps,
    sniff=_sniff,
)
