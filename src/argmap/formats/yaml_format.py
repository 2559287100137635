"""Registry entry of the native YAML format (argmap.formats.yaml)."""

from __future__ import annotations

from argmap.formats import _sniff
from argmap.formats import yaml as native
from argmap.formats.registry import Format

FORMAT = Format(
    name="yaml",
    description="argmap's native YAML format (docs/format.md)",
    suffixes=(".yaml", ".yml"),
    loads=native.loads,
    dumps=native.dumps,
    sniff=_sniff.native_yaml,
)
