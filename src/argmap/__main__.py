"""``python -m argmap``: the command line (what git runs when no script is found)."""

from argmap.cli import main

main(prog_name="argmap")
