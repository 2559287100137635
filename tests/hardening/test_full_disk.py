"""Output that cannot be written (a full disk) is a message and an exit code, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = "maps/chicago_ice.yaml"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", CHICAGO], 1),  # answered without click
        (["query", CHICAGO, "unsupported"], 1),
        (["evaluate", CHICAGO], 1),  # through click
        (["diff", CHICAGO, CHICAGO, "--json"], 2),  # diff's errors exit 2
    ],
)
def test_a_full_disk_is_reported(args: list[str], code: int) -> None:
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            [sys.executable, "-m", "argmap", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "ARGMAP_NO_CACHE": "1"},
            check=False,
        )
    assert out.returncode == code
    assert out.stderr.startswith("argmap: could not write the output: "), out.stderr
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
