"""Small maps and helpers shared by the diff and merge tests and their CLI tests
(tests/cli/test_diff.py, tests/cli/test_merge.py)."""

from __future__ import annotations

from pathlib import Path

DIFF_BASE = """
argmap: 1
title: School start
main: [later-start]
sources:
  - {id: report, title: Sleep report}
stakeholders:
  - id: board
    name: School board
    kind: government
    power: 5
    interest: 4
    relations:
      - {type: governs, to: teachers}
  - {id: teachers, name: Teachers union, kind: union, power: 3, interest: 5}
claims:
  - id: later-start
    text: The school day should start at 9:30.
    kind: policy
    tags: [timetable]
  - id: teens-sleep-late
    text: Teenagers' body clocks make them fall asleep late.
  - id: sleep-helps
    text: Students who sleep more learn better.
  - id: buses-cost
    text: A later start means running the buses twice.
    kind: prediction
  - id: buses-staggered
    text: The buses already run in two waves.
supports:
  - {from: [teens-sleep-late, sleep-helps], to: later-start, id: sleep-argument}
  - {from: sleep-helps, to: later-start}
attacks:
  - {from: buses-cost, to: later-start}
  - {from: buses-staggered, to: buses-cost}
stances:
  - {stakeholder: teachers, endorses: later-start}
  - {stakeholder: board, rejects: later-start, strength: 0.6}
"""

MERGE_BASE = """\
argmap: 1
title: Harbour debate
# Who is in it
stakeholders:
  - id: port
    name: Port authority
    kind: agency
    power: 4
  - id: town
    name: Town council
    kind: government

# --- claims ---------------------------------------------------------
claims:
  # the main claim
  - id: a
    text: The harbour should be dredged this year.
    kind: policy
  - id: b
    text: Dredging stirs up old pollution in the silt.
  - id: c
    text: Bigger ships bring jobs to the town.
  - id: d
    text: The channel silts up every winter.

supports:
  - {from: c, to: a}
  - {from: d, to: a}

attacks:
  - {from: b, to: a}

stances:
  - {stakeholder: port, asserts: a}
  - {stakeholder: town, endorses: [c, d]}
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def write(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, "utf-8")
    return str(path)
