"""Running argmap in a fresh process, as a user would (for the hardening tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
GIB4 = 4 * 1024**3
"""The address-space limit of the issue's attacker (``ulimit -v 4194304``)."""


@dataclass(frozen=True)
class Ran:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")


def _limit(address_space: int | None) -> Callable[[], None] | None:
    if address_space is None:
        return None

    def set_limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    return set_limit


def run_argmap(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 10,
    address_space: int | None = None,
    stdin: bytes | None = None,
) -> Ran:
    """argmap ARGS in a new Python process (``python -m argmap``), within
    ``timeout`` seconds and, if given, an address-space limit in bytes."""
    environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        input=stdin if stdin is not None else b"",
        timeout=timeout,
        preexec_fn=_limit(address_space),
        check=False,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def argmap_cli() -> Callable[..., Ran]:
    """:func:`run_argmap`."""
    return run_argmap


SMALL_MAP = """\
argmap: 1
title: Should the school day start later?
sources:
  - {id: s, title: Notes, file: notes.txt}
claims:
  - {id: later-start, text: The school day should start at 9:30., kind: policy}
  - id: teens-sleep-late
    text: Teenagers fall asleep late.
    sources: [{source: s, quote: "teenagers fall asleep late"}]
supports:
  - {from: teens-sleep-late, to: later-start}
"""


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    """A valid map with one source, whose notes.txt holds its quote."""
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "notes.txt").write_text("We found that teenagers fall asleep late.\n")
    path = folder / "m.yaml"
    path.write_text(SMALL_MAP)
    return path
