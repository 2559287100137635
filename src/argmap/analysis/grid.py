"""Mendelow's power/interest grid.

Power and interest are on the format's 1-5 scale; a value of 3 (medium) or
more counts as high. A stakeholder missing either value has no quadrant.
"""

from __future__ import annotations

from enum import StrEnum

HIGH = 3


class Quadrant(StrEnum):
    """The four strategies of the grid."""

    MANAGE_CLOSELY = "manage closely"  # high power, high interest
    KEEP_SATISFIED = "keep satisfied"  # high power, low interest
    KEEP_INFORMED = "keep informed"  # low power, high interest
    MONITOR = "monitor"  # low power, low interest


def quadrant(power: int | None, interest: int | None) -> Quadrant | None:
    """The grid quadrant for a power and interest, or None if either is missing."""
    if power is None or interest is None:
        return None
    if power >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR
