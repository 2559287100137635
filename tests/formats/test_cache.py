"""The cache of validated maps: equal maps back, never a stale or foreign entry."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import _cache, registry
from argmap.model import ArgumentMap

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    monkeypatch.setattr(_cache, "MIN_BYTES", 0)
    monkeypatch.setattr(registry, "MAP_CACHE_FROM", 0)  # the reader's gate before the cache
    monkeypatch.setattr(_cache, "_in_background", lambda: False)  # entries written at once
    return tmp_path / "xdg" / "argmap" / "maps"


@pytest.fixture
def big_map(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(generate(300, 3), encoding="utf-8")
    return path


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.amap"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> ArgumentMap:
        raise AssertionError("parsed although the cache holds the map")

    monkeypatch.setattr(registry, "_parse", fail)


def test_encode_decode_gives_an_equal_map(chicago_path: Path, big_map: Path) -> None:
    for path in (chicago_path, big_map):
        amap = registry.read(path)
        back = _cache.decode(_cache.encode(amap))
        assert back == amap
        assert type(back.claims[0]) is type(amap.claims[0])
        assert back.claim(amap.claims[-1].id) == amap.claims[-1]


def test_the_big_collections_are_stored_by_column_and_checked_when_restored(
    chicago_path: Path,
) -> None:
    amap = registry.read(chicago_path)
    build, values = _cache._reduce_map(amap)
    by_name = dict(zip(_cache._MAP_FIELDS, values, strict=True))
    for name in ("claims", "supports", "attacks", "stances"):
        columns = by_name[name]
        assert type(columns) is list and {len(c) for c in columns} == {len(getattr(amap, name))}
    back = build(*values)
    assert back == amap and back.stances == amap.stances
    assert all(type(c) is type(amap.claims[0]) for c in back.claims)
    short = list(values)
    k = _cache._MAP_FIELDS.index("attacks")
    short[k] = [column[:-1] if i == 0 else column for i, column in enumerate(values[k])]
    with pytest.raises(ValueError):
        build(*short)
    with pytest.raises(ValueError):
        build(*values[:-1])


def test_a_repeated_read_comes_from_the_cache(
    cache: Path, big_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = registry.read(big_map)
    (entry,) = _entries(cache)
    assert cache.stat().st_mode & 0o777 == 0o700
    assert entry.stat().st_mode & 0o777 == 0o600
    _no_parsing(monkeypatch)
    assert registry.read(big_map) == first


def test_changed_bytes_are_parsed_again(cache: Path, big_map: Path) -> None:
    registry.read(big_map)
    text = big_map.read_text("utf-8").replace("title: '", "title: 'Changed ", 1)
    big_map.write_text(text, encoding="utf-8")
    assert registry.read(big_map).title.startswith("Changed ")
    assert len(_entries(cache)) == 2


def test_invalid_maps_are_not_cached(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: t\nclaims:\n  - {id: a}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="text"):
            registry.read(bad)
    assert _entries(cache) == []


def test_a_damaged_entry_is_a_miss(cache: Path, big_map: Path) -> None:
    amap = registry.read(big_map)
    (entry,) = _entries(cache)
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert registry.read(big_map) == amap  # parsed again, and the entry rewritten
    assert _cache._checked_payload(entry) is not None


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.getenv, ("HOME",))


def test_an_entry_naming_other_code_is_refused(cache: Path, big_map: Path) -> None:
    amap = registry.read(big_map)
    (entry,) = _entries(cache)
    payload = pickle.dumps(_Exploit())  # a well-formed entry that would call os.getenv
    entry.write_bytes(b"ARGMAPC1" + hashlib.sha256(payload).digest() + payload)
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        _cache.decode(payload)
    assert registry.read(big_map) == amap


def test_the_cache_can_be_turned_off(
    cache: Path, big_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    registry.read(big_map)
    assert not cache.exists() or _entries(cache) == []


def test_the_key_covers_format_name_and_code(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"p af 2\n1 2\n"
    assert _cache.key(raw, "iccma", "a.af") != _cache.key(raw, "iccma", "b.af")  # title
    assert _cache.key(raw, "yaml", "a.yaml") == _cache.key(raw, "yaml", "dir/b.yaml")
    assert _cache.key(raw, "yaml", "a") != _cache.key(raw, "json", "a")
    before = _cache.key(raw, "yaml", "a")
    monkeypatch.setattr(_cache, "_fingerprint", [b"other code"])
    assert _cache.key(raw, "yaml", "a") != before


def test_the_fingerprint_covers_the_versions_of_argmap_and_its_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap import _version

    yaml_rs = pytest.importorskip("yaml_rs")
    monkeypatch.setattr(_cache, "_fingerprint", [])
    before = _cache._code_fingerprint()
    for module, attribute in ((_version, "__version__"), (yaml_rs, "__version__")):
        with monkeypatch.context() as m:
            m.setattr(module, attribute, "9.9.9")
            m.setattr(_cache, "_fingerprint", [])
            assert _cache._code_fingerprint() != before
    monkeypatch.setattr(_cache, "_fingerprint", [])
    assert _cache._code_fingerprint() == before


def test_a_folder_open_to_others_is_made_private(cache: Path, big_map: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    registry.read(big_map)
    assert cache.stat().st_mode & 0o777 == 0o700


def test_the_command_line_writes_entries_in_the_background(tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    path = tmp_path / "big.yaml"
    path.write_text(generate(2000, 5), encoding="utf-8")
    assert path.stat().st_size >= _cache.MIN_BYTES
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("ARGMAP_NO_CACHE", None)
    cmd = [sys.executable, "-c", "from argmap.cli import main; main()", "validate", str(path)]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    cache = tmp_path / "xdg" / "argmap" / "maps"
    deadline = time.monotonic() + 60
    while not _entries(cache) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_entries(cache)) == 1
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert again.stdout == first.stdout
    assert "valid (2000 claims" in again.stdout


def test_diff_leaves_an_entry_for_each_side_once_it_has_answered(tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = generate(2000, 5)
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("\n    text: ", "\n    text: Revised, ", 1), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("ARGMAP_NO_CACHE", None)
    cmd = [sys.executable, "-m", "argmap", "diff", str(old), str(new), "--stat"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert first.returncode == 1 and first.stderr == "", first.stderr
    cache = tmp_path / "xdg" / "argmap" / "maps"
    deadline = time.monotonic() + 60
    while len(_entries(cache)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_entries(cache)) == 2  # the command's own map and its helper's
    again = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert (again.returncode, again.stdout) == (1, first.stdout)


def test_the_command_line_keeps_at_most_one_entry_back_and_none_with_threads(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for seed in (1, 2, 3):
        path = tmp_path / f"m{seed}.yaml"
        path.write_text(generate(200, seed), encoding="utf-8")
        paths.append(path)
    monkeypatch.setattr(_cache, "_in_background", lambda: True)
    monkeypatch.setattr(_cache, "_detached", lambda work: work())  # the writer, here
    monkeypatch.setattr(_cache, "_deferred", [])
    forking = [True]
    monkeypatch.setattr(_cache, "can_fork", lambda: forking[0])
    registry.read(paths[0])
    assert _entries(cache) == [] and len(_cache._deferred) == 1  # written as the command ends
    registry.read(paths[1])
    assert len(_entries(cache)) == 1 and len(_cache._deferred) == 1  # the first, now
    forking[0] = False  # another thread runs (a server): no fork, the entry is written here
    registry.read(paths[2])
    assert len(_entries(cache)) == 2 and len(_cache._deferred) == 1
    forking[0] = True
    _cache._write_deferred()
    assert len(_entries(cache)) == 3 and _cache._deferred == []


def test_load_both_reads_the_second_map_in_a_helper(
    cache: Path, big_map: Path, chicago_path: Path
) -> None:
    one, two = _cache.load_both(lambda: registry.read(chicago_path), lambda: registry.read(big_map))
    assert one == registry.read(chicago_path)
    assert two == registry.read(big_map)
    deadline = time.monotonic() + 60  # the helper writes its entry after handing over
    while not _entries(cache) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_entries(cache)) == 1  # the big map's ("include" keeps the Chicago map out)
    # the helper hands a map it finds in the cache over as stored
    one, again = _cache.load_both(
        lambda: registry.read(chicago_path), lambda: registry.read(big_map)
    )
    assert again == two and type(again.claims[0]) is type(two.claims[0])


def test_a_helper_that_fails_while_handing_over_leaves_the_map_to_this_process(
    cache: Path, big_map: Path, chicago_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _cache._encode_into
    here = os.getpid()

    def half_then_fail(amap: ArgumentMap, write: Any) -> None:
        if os.getpid() == here:  # only the helper fails
            real(amap, write)
            return
        sent: list[bytes] = []
        real(amap, sent.append)
        write(b"".join(sent)[: len(b"".join(sent)) // 2])  # a map cut short
        raise MemoryError

    monkeypatch.setattr(_cache, "_encode_into", half_then_fail)
    one, two = _cache.load_both(lambda: registry.read(chicago_path), lambda: registry.read(big_map))
    monkeypatch.setattr(_cache, "_encode_into", real)
    assert two == registry.read(big_map) and one == registry.read(chicago_path)


def test_load_both_reports_errors_of_either_side(
    cache: Path, tmp_path: Path, big_map: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: t\nclaims:\n  - {id: a}\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad\.yaml"):
        _cache.load_both(lambda: registry.read(big_map), lambda: registry.read(bad))
    with pytest.raises(Exception, match=r"bad\.yaml"):
        _cache.load_both(lambda: registry.read(bad), lambda: registry.read(big_map))


def test_a_map_over_several_files_is_never_stale(cache: Path, tmp_path: Path) -> None:
    part = tmp_path / "part.yaml"
    part.write_text(
        "argmap: 1\ntitle: part\nclaims:\n  - {id: b, text: Before.}\n", encoding="utf-8"
    )
    root = tmp_path / "root.yaml"
    root.write_text(
        "argmap: 1\ntitle: root\ninclude: part.yaml\nclaims:\n  - {id: a, text: A.}\n",
        encoding="utf-8",
    )
    assert registry.read(root).claim("b").text == "Before."
    part.write_text(
        "argmap: 1\ntitle: part\nclaims:\n  - {id: b, text: After.}\n", encoding="utf-8"
    )
    assert registry.read(root).claim("b").text == "After."
