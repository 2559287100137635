"""Registry entry of the .tgf abstract-framework format (see argmap.formats.iccma)."""

from __future__ import annotations

from argmap.formats.iccma import TGF as FORMAT

__all__ = ["FORMAT"]
