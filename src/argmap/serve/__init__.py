"""``argmap serve``: a live preview of a map that follows every save.

- :mod:`argmap.serve.session`: the map followed through its saves
  (:class:`LiveMap`), drawn with a steady layout, and how much moved.
- :mod:`argmap.serve.page`: the interactive page with the live script.
- :mod:`argmap.serve.app`: the web server (Starlette on uvicorn) and the file
  watcher (watchfiles). Imported only by ``argmap serve``.
"""

from __future__ import annotations

from argmap.serve.session import LiveMap, Movement, State, claim_centres, movement

__all__ = ["LiveMap", "Movement", "State", "claim_centres", "movement"]
