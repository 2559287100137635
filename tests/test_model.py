"""The model's classes compare, hash and show themselves as frozen dataclasses do.

Their ``__eq__``, ``__hash__`` and ``__repr__`` are written once
(``argmap.model.Record``) instead of being compiled for each class; each class
is checked here against a frozen, slotted dataclass made the usual way from
the same fields.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

import argmap.model as m
from argmap.model import Anchor, ArgumentMap, Claim, ClaimKind, Record, Stance, StanceKind, Support

MODEL_CLASSES = [
    obj
    for obj in vars(m).values()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == m.__name__
]


def _twin(cls: type) -> type:
    """A frozen, slotted dataclass with the same fields, made by dataclasses."""
    specs: list[Any] = []
    for f in dataclasses.fields(cls):
        kwargs: dict[str, Any] = {"compare": f.compare, "repr": f.repr, "hash": f.hash}
        if f.default is not dataclasses.MISSING:
            kwargs["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            kwargs["default_factory"] = f.default_factory
        kwargs["init"] = f.init
        specs.append((f.name, f.type, dataclasses.field(**kwargs)))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _samples() -> list[Any]:
    a = Anchor("article", "a quote")
    c1 = Claim("c1", "One", ClaimKind.VALUE, tags=("t",), anchors=(a,), weight=0.5)
    c2 = Claim("c2", "Two")
    return [
        a,
        Anchor("article", "another"),
        c1,
        c2,
        Claim("c1", "One", ClaimKind.VALUE, tags=("t",), anchors=(a,), weight=0.5),
        Support("s", ("c1",), "c2", weight=0.2),
        Stance("city", "c1", StanceKind.ASSERTS, strength=1.0),
        ArgumentMap(title="T", claims=(c1, c2), main=("c1",)),
        ArgumentMap(title="T", claims=(c1, c2), main=("c1",)),
    ]


def test_every_model_class_is_a_record() -> None:
    assert len(MODEL_CLASSES) >= 13
    assert all(issubclass(cls, Record) for cls in MODEL_CLASSES)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_repr_eq_and_hash_are_a_frozen_dataclass_s(cls: type) -> None:
    twin = _twin(cls)
    made = [s for s in _samples() if type(s) is cls]
    if not made:
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        made = [cls(*[f"v{i}" for i in range(len(names))])]  # type: ignore[call-arg]
    for x in made:
        tx = twin(**{f.name: getattr(x, f.name) for f in dataclasses.fields(cls) if f.init})
        assert repr(x) == repr(tx)
        assert hash(x) == hash(tx)
        for y in made:
            ty = twin(**{f.name: getattr(y, f.name) for f in dataclasses.fields(cls) if f.init})
            assert (x == y) == (tx == ty)
            assert (x != y) == (tx != ty)
        assert x != tx  # another class, as for dataclasses
        assert x == copy.copy(x) == pickle.loads(pickle.dumps(x))
        with pytest.raises(dataclasses.FrozenInstanceError):
            x.__setattr__(dataclasses.fields(cls)[0].name, None)


def test_equal_claims_are_one_in_a_set_and_replace_keeps_equality() -> None:
    c1, c2 = _samples()[2], _samples()[4]
    assert c1 == c2 and c1 is not c2
    assert len({c1, c2}) == 1
    assert dataclasses.replace(c1, text="Other") != c1
    assert dataclasses.replace(c1, text="Other").text == "Other"
    assert ArgumentMap(title="x") == ArgumentMap(title="x") != ArgumentMap(title="y")


def test_compared_fields_give_equal_tuples_exactly_for_equal_records() -> None:
    from argmap.model import Claim, compared_fields

    key = compared_fields(Claim)
    one = Claim(id="a", text="Text", label="A")
    assert key(one) == key(dataclasses.replace(one))
    for change in ({"text": "Other"}, {"label": None}, {"assumed": True}, {"tags": ("t",)}):
        other = dataclasses.replace(one, **change)
        assert (key(one) == key(other)) is (one == other) is False


def test_claims_by_id_is_a_read_only_index_in_map_order() -> None:
    from argmap.model import ArgumentMap, Claim

    amap = ArgumentMap(title="t", claims=(Claim("b", "B"), Claim("a", "A"), Claim("c", "C")))
    index = amap.claims_by_id()
    assert list(index) == ["b", "a", "c"]
    assert index["a"] is amap.claims[1] and amap.claim("c") is amap.claims[2]
    with pytest.raises(TypeError):
        index["d"] = Claim("d", "D")  # type: ignore[index]
    assert not ArgumentMap(title="empty").claims_by_id()
