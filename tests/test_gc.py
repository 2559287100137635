"""argmap._gc: pausing the collector, and keeping big structures to the end of a command."""

from __future__ import annotations

import gc

import pytest

from argmap import _gc


@pytest.fixture
def library_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_gc, "_kept", None)


def test_paused_gc_nests_and_turns_the_collector_back_on(library_mode: None) -> None:
    assert gc.isenabled()
    with _gc.paused_gc():
        assert not gc.isenabled()
        with _gc.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost pause turns it back on
    assert gc.isenabled()


def test_a_library_frees_what_is_retired(library_mode: None) -> None:
    assert not _gc.ends_with_command()
    _gc.retire(object())
    assert _gc._kept is None
    frozen = gc.get_freeze_count()
    with _gc.paused_gc():
        [[] for _ in range(10)]
    assert gc.get_freeze_count() == frozen  # nothing set aside


def test_a_command_keeps_what_is_retired_until_a_server_says_otherwise(
    library_mode: None,
) -> None:
    kept = object()
    _gc.keep_until_exit()
    try:
        assert _gc.ends_with_command()
        _gc.retire(kept)
        assert list(_gc._kept) == [(kept,)]
        _gc.keep_until_exit()  # a second call keeps what there is
        assert list(_gc._kept) == [(kept,)]
        many = [object() for _ in range(3 * _gc._KEPT_AT_MOST)]
        for one in many:
            _gc.retire(one)
        # only the last few calls' objects are kept: memory stays bounded
        assert list(_gc._kept) == [(one,) for one in many[-_gc._KEPT_AT_MOST :]]
        with _gc.paused_gc():
            made = [[] for _ in range(10)]
        # What was made during the pause is set aside from the collector.
        assert gc.get_freeze_count() >= len(made)
        _gc.free_as_usual()
        assert not _gc.ends_with_command()
        _gc.retire(object())
        assert _gc._kept is None
    finally:
        gc.unfreeze()
