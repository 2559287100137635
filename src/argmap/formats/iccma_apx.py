"""Registry entry of the .apx abstract-framework format (see argmap.formats.iccma)."""

from __future__ import annotations

from argmap.formats.iccma import APX as FORMAT

__all__ = ["FORMAT"]
