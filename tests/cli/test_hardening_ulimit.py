"""Every command on bad inputs under a 4 GiB address-space limit (the
attacker's ``ulimit -v 4194304``): exit 1 or 2, a message, no traceback,
within 10 seconds each."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
GIB4 = 4 * 1024**3

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("validate", "{map}"),
    ("stats", "{map}"),
    ("sources", "{map}"),
    ("sources", "{map}", "--coverage"),
    ("sources", "{good}", "--text", "{map}"),
    ("lint", "{map}"),
    ("query", "{map}", "unsupported"),
    ("stakeholders", "{map}"),
    ("compare", "{map}", "a", "b"),
    ("evaluate", "{map}"),
    ("explain", "{map}", "c"),
    ("render", "{map}", "-o", "{out}/x.png"),
    ("render", "--diff", "{good}", "{map}", "-o", "{out}/d.svg"),
    ("reveal", "{map}", "-o", "{out}/r.pdf"),
    ("teach", "{map}", "-o", "{out}/teach"),
    ("convert", "{map}", "-o", "{out}/x.json"),
    ("diff", "{good}", "{map}"),
    ("merge", "{good}", "{map}", "{good}"),
    ("log", "{map}", "c"),
)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"argmap: 1\ntitle: \xff\xfe\x00\x01\n")
    not_a_map = tmp_path / "list.yaml"
    not_a_map.write_text("- 1\n- 2\n")
    over = tmp_path / "over.yaml"
    over.write_bytes(b"argmap: 1\n#" + b"x" * (2 * 1024**2) + b"\n")
    return {
        "dev-zero": Path("/dev/zero"),
        "fifo": fifo,
        "folder": tmp_path,
        "binary": binary,
        "not-a-map": not_a_map,
        "missing": tmp_path / "missing.yaml",
        "over-the-limit": over,
    }


def test_every_command_fails_cleanly_on_bad_input_under_4_gib(
    argmap_cli: Cli, bad_inputs: dict[str, Path], small_map: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    env = {"ARGMAP_MAX_FILE_SIZE": "1M"}  # over-the-limit is 2 MiB
    # The inputs that reach the file layer go to every command; the others
    # (handled before anything is read) to one command of each kind.
    everywhere = ("dev-zero", "fifo", "binary", "over-the-limit")
    some = (COMMANDS[0], COMMANDS[4], COMMANDS[11], COMMANDS[16], COMMANDS[17])
    jobs = [
        (kind, [a.format(map=path, good=small_map, out=out) for a in command])
        for kind, path in bad_inputs.items()
        for command in (COMMANDS if kind in everywhere else some)
    ]

    def one(job: tuple[str, list[str]]) -> tuple[str, list[str], Any]:
        kind, args = job
        return kind, args, argmap_cli(*args, address_space=GIB4, timeout=10, env=env, cwd=out)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, jobs))
    for kind, args, ran in results:
        assert ran.code in (1, 2), (kind, args, ran.code, ran.err)
        assert (ran.err + ran.text).strip(), (kind, args)
        assert "Traceback" not in ran.err, (kind, args, ran.err)
    assert not any(p.name.endswith(".tmp") for p in out.rglob("*"))


def test_drawing_works_under_4_gib(argmap_cli: Cli, small_map: Path, tmp_path: Path) -> None:
    # The bundled WebAssembly Graphviz used to ask for 4 GiB of address space.
    out = tmp_path / "teach"
    ran = argmap_cli("teach", small_map, "-o", out, address_space=GIB4, timeout=180)
    assert ran.code == 0, ran.err
    assert (out / "m.png").is_file() and (out / "m-reveal.pdf").is_file()
