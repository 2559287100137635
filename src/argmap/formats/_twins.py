"""Plain slotted twins of the model's frozen classes, for building big maps.

A frozen dataclass sets each field through ``object.__setattr__``. The
readers of big maps (the YAML loader, the ICCMA readers, the cache of
validated maps) build an instance of a twin instead and then set its
``__class__`` to the model class.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import MISSING, fields
from typing import Any

from argmap.model import Attack, Claim, Stance, Support


def mutable_twin(cls: type) -> Any:
    """A plain slotted twin of a frozen, slotted model class.

    A frozen dataclass sets each field through ``object.__setattr__``, which
    makes building the 240,000 objects of a big map take about 0.25 s. The
    loader builds an instance of the twin (same fields in the same order, so
    the same memory layout) and then sets its ``__class__`` to the model
    class: the result is a true, frozen instance of the model class, equal to
    one made the usual way, made about three times as fast. The twin is a
    plain class whose ``__init__`` is compiled from the fields in one step
    (a dataclass would cost several compiles on every start-up).
    """
    names = [f.name for f in fields(cls)]
    defaults = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
    params = ", ".join(f"{n}=_d_{n}" if n in defaults else n for n in names)
    body = "".join(f"    self.{n} = {n}\n" for n in names)
    namespace: dict[str, Any] = {f"_d_{n}": v for n, v in defaults.items()}
    exec(f"def __init__(self, {params}):\n{body}", namespace)
    # The same bases as the model class (argmap.model.Record, which adds no
    # slots), so that Python accepts the change of __class__.
    return type(
        f"_Mutable{cls.__name__}",
        cls.__bases__,
        {"__slots__": tuple(names), "__init__": namespace["__init__"]},
    )


TWINS: dict[type, Any] = {cls: mutable_twin(cls) for cls in (Claim, Support, Attack, Stance)}
"""The twin of each model class that big maps hold many of."""


def made(cls: type, *columns: Iterable[Any]) -> list[Any]:
    """Instances of ``cls`` (one of :data:`TWINS`' classes), one per row of
    the field ``columns`` (in field order; a missing column takes its default)."""
    items = list(map(TWINS[cls], *columns))
    for item in items:
        item.__class__ = cls
    return items
