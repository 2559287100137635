"""``python -m argmap``: the command line (what git runs when no script is found)."""

from argmap.cli import run

run(prog_name="argmap")
