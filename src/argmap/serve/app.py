"""The web server of ``argmap serve``: Starlette on uvicorn, watchfiles for saves.

Two URLs and nothing else: ``/`` is the interactive page of the map, and
``/events`` a server-sent event stream that sends the page the new state after
every save (:meth:`argmap.serve.session.LiveMap.payload`). No URL reads a
file. Requests whose ``Host`` header names anything but ``localhost``, an IP
address or the host given with ``--host`` are refused (403), so a web page on
another site cannot reach the server through a DNS name it re-points at
127.0.0.1 (DNS rebinding).

Saves are seen by watching the folders of the watched files (editors often
save by writing a new file and renaming it over the old one) and keeping the
events for those files.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import json
import logging
import os
import socket
from collections.abc import AsyncIterator, Callable, Iterable
from types import FrameType
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.serve.session import LiveMap, State

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["Hub", "bind", "host_allowed", "make_app", "run"]

STEP_MS = 20
"""Quiet time after a change before the map is re-read (watchfiles' ``step``)."""
KEEP_ALIVE = 15.0
"""Seconds between comments on an idle event stream."""

_log = logging.getLogger("argmap.serve")


def host_allowed(host: str, extra: Iterable[str] = ()) -> bool:
    """Whether a request's ``Host`` header names this server: ``localhost``, an
    IP address (no DNS name can be re-pointed to pass as one), or one of
    ``extra`` (the ``--host`` given)."""
    host = host.strip().lower()
    if host.startswith("["):
        name = host[1 : host.find("]")] if "]" in host else ""
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if not name:
        return False
    if name == "localhost" or name in {e.lower().strip("[]") for e in extra}:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one).

    A port in use or a host that cannot be listened on is an
    :class:`ArgmapError` saying what to do."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ArgmapError(f"{where}: cannot listen there: {exc.strerror}") from None
    family, kind, proto, _, addr = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ArgmapError(
                f"{where}: the port is already in use (another argmap serve?); "
                "choose another with --port N, or --port 0 for any free one"
            ) from None
        raise ArgmapError(f"{where}: cannot listen there: {exc.strerror or exc}") from None
    return sock


class Hub:
    """Re-reads the map when told to and wakes every open event stream."""

    def __init__(self, live: LiveMap, report: Callable[[State], None]) -> None:
        self.live = live
        self.report = report
        self.closed = asyncio.Event()
        self.changed = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._busy = asyncio.Lock()

    def publish(self) -> None:
        """Wake the streams waiting on the last :attr:`changed`."""
        old, self.changed = self.changed, asyncio.Event()
        old.set()

    async def refresh(self) -> None:
        """Re-read the map (in a worker thread) and tell the streams."""
        async with self._busy:
            before = self.live.state.seq
            try:
                state = await asyncio.to_thread(self.live.refresh)
            except Exception as exc:  # a bug: keep serving, and say so in the page
                _log.exception("redrawing the map failed")
                state = self.live.fail(
                    f"argmap serve: internal error (please report it): {type(exc).__name__}: {exc}"
                )
            if state.seq != before:
                self.report(state)
                self.publish()

    def close(self) -> None:
        self.closed.set()
        self.publish()

    def close_threadsafe(self) -> None:
        """:meth:`close` from a signal handler or another thread."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.close)


async def watch(hub: Hub) -> None:
    """Re-read the map after every save of a watched file, until the hub closes.

    The watched set can change with a save (an include added or removed);
    the watcher then starts again on the new set."""
    from watchfiles import awatch

    live = hub.live
    while not hub.closed.is_set():
        paths = live.watched()
        names = {str(p) for p in paths} | {str(p.resolve()) for p in paths}
        folders = sorted({os.path.dirname(n) for n in names if os.path.isdir(os.path.dirname(n))})
        if not folders:
            await asyncio.sleep(0.5)
            continue

        def wanted(_change: Any, path: str, names: set[str] = names) -> bool:
            return path in names

        async for _changes in awatch(
            *folders,
            watch_filter=wanted,
            stop_event=hub.closed,
            step=STEP_MS,
            recursive=False,
            rust_timeout=1000,
            yield_on_timeout=False,
        ):
            await hub.refresh()
            if live.watched() != paths:
                break


_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _HostCheck:
    """Refuse requests whose ``Host`` header is not this server's."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if not host_allowed(host, self.hosts):
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse(
                    "argmap serve answers only requests for localhost or an IP address\n",
                    status_code=403,
                    headers=_HEADERS,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _version(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def make_app(hub: Hub, hosts: Iterable[str] = (), *, watching: bool = True) -> Starlette:
    """The Starlette application (``watching``: start the file watcher with it)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse, StreamingResponse
    from starlette.routing import Route

    live = hub.live

    async def page(request: Request) -> Response:
        text = await asyncio.to_thread(live.page)
        return HTMLResponse(text, headers=_HEADERS)

    async def events(request: Request) -> Response:
        since = _version(request.query_params.get("since"))
        known = _version(request.query_params.get("known"))
        last = request.headers.get("last-event-id", "")
        instance, _, seen = last.partition(".")
        if instance == live.instance and _version(seen) is not None:
            known = _version(seen)

        async def stream() -> AsyncIterator[str]:
            nonlocal known
            sent = -1
            yield "retry: 1000\n\n"
            while not hub.closed.is_set():
                changed = hub.changed
                if live.state.seq != sent:
                    payload = await asyncio.to_thread(live.payload, since, known)
                    sent = payload["seq"]
                    if "svg" in payload:
                        known = payload["version"]
                    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                    yield f"id: {live.instance}.{known or 0}\nevent: state\ndata: {body}\n\n"
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), KEEP_ALIVE)
                    continue
                yield ": keep-alive\n\n"

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={**_HEADERS, "X-Accel-Buffering": "no"},
        )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        hub.loop = asyncio.get_running_loop()
        task = asyncio.create_task(watch(hub)) if watching else None
        try:
            yield
        finally:
            hub.close()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return Starlette(
        routes=[Route("/", page, methods=["GET"]), Route("/events", events, methods=["GET"])],
        middleware=[Middleware(_HostCheck, hosts=frozenset(hosts))],
        lifespan=lifespan,
    )


def run(
    live: LiveMap,
    sock: socket.socket,
    *,
    hosts: Iterable[str] = (),
    report: Callable[[State], None] = lambda _state: None,
) -> None:
    """Serve ``live`` on the listening ``sock`` until Ctrl-C (or SIGTERM);
    ``report`` hears of every new state. Returns when stopped."""
    import uvicorn

    hub = Hub(live, report)
    config = uvicorn.Config(
        make_app(hub, hosts),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
    )

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            hub.close_threadsafe()  # ends the event streams, which never end by themselves
            super().handle_exit(sig, frame)

    try:
        Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def url_for(sock: socket.socket, host: str) -> str:
    """The address to open for a server listening on ``sock``."""
    port = sock.getsockname()[1]
    shown = host
    if host in ("", "0.0.0.0"):
        shown = "127.0.0.1"
    elif host == "::":
        shown = "[::1]"
    elif ":" in host:
        shown = f"[{host}]"
    return f"http://{shown}:{port}/"


def missing() -> str | None:
    """What to install when the server's libraries are missing (None: nothing)."""
    import importlib.util

    need = [
        m for m in ("starlette", "uvicorn", "watchfiles") if importlib.util.find_spec(m) is None
    ]
    if not need:
        return None
    return f"argmap serve needs {', '.join(need)}: pip install 'argmap[serve]'"
