"""Run the mock as a real HTTP server (uvicorn) in a background thread, for tests and examples.

Also the uvicorn settings both ``run_in_thread`` and ``toapis-mock`` use against slow or many
clients: a deadline on reading request headers and a bound on concurrent connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib.util
import resource
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mock_server.app import create_app
from mock_server.config import MockConfig
from mock_server.faults import FaultInjector
from mock_server.state import MockState


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    config: MockConfig
    app: FaultInjector

    @property
    def state(self) -> MockState:
        return self.app.state


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# Seconds a client has to send a request's headers, counted from the connection (or from the
# previous response on a kept-alive connection). A client trickling a byte a second is cut off.
HEADER_TIMEOUT = 10.0
# Idle seconds between requests on a kept-alive connection (uvicorn's own timer).
KEEP_ALIVE_TIMEOUT = 5


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus a deadline on receiving request headers.

    uvicorn has no such timeout (its ``timeout_keep_alive`` is reset by every byte received, and
    only runs between requests: encode/uvicorn#157), and ASGI code only runs once the headers are
    in, so it is added here, on uvicorn's protocol-class extension point (``Config(http=...)``).
    """

    header_timeout = HEADER_TIMEOUT
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)  # a pipelined request already has its headers
        super().on_response_complete()
        if not pipelined and not self.transport.is_closing():
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def default_connection_limit() -> int:
    """Half the open-file limit of the process (at most 1000): uvicorn answers 503 beyond it
    instead of running out of file descriptors, which would stall every client."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000
    return max(8, min(1000, soft // 2))


def uvicorn_options(
    header_timeout: float = HEADER_TIMEOUT, limit_concurrency: int | None = None
) -> dict[str, Any]:
    """The uvicorn ``Config`` settings of the mock: protocol, event loop and the bounds above."""

    class Protocol(HeaderDeadlineProtocol):
        pass

    Protocol.header_timeout = header_timeout
    uvloop = importlib.util.find_spec("uvloop") is not None
    return {
        "http": Protocol,
        "loop": "uvloop" if uvloop else "auto",
        "limit_concurrency": limit_concurrency or default_connection_limit(),
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
    }


def bind_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A TCP socket listening on ``host:port`` (0 = a free port); ``OSError`` if it cannot.

    It listens at once, so clients told the port can connect (they wait in the backlog until
    uvicorn serves); 2048 is uvicorn's own default backlog.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


@contextlib.contextmanager
def run_in_thread(
    config: MockConfig | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    startup_timeout: float = 10.0,
    header_timeout: float = HEADER_TIMEOUT,
    **uvicorn_overrides: Any,
) -> Iterator[RunningServer]:
    """Serve ``config`` on ``host:port`` (0 = a free port) until the ``with`` block ends.

    ``header_timeout`` is the deadline for a request's headers; ``uvicorn_overrides`` go to
    ``uvicorn.Config`` last (e.g. ``limit_concurrency=``, ``log_level=``).
    """
    config = config or MockConfig()
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    base_url = f"http://{_url_host(host)}:{bound_port}"
    if config.public_url is None:
        config = dataclasses.replace(config, public_url=base_url)
    app = create_app(config)
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "on"}
    options.update(uvicorn_options(header_timeout))
    options.update(uvicorn_overrides)
    server_config = uvicorn.Config(app, **options)
    with serve_in_thread(server_config, sock, f"toapis-mock:{bound_port}", startup_timeout):
        yield RunningServer(base_url=base_url, config=config, app=app)


@contextlib.contextmanager
def serve_in_thread(
    server_config: uvicorn.Config, sock: socket.socket, name: str, startup_timeout: float = 10.0
) -> Iterator[None]:
    """Serve ``server_config`` on the listening ``sock`` in a daemon thread until the ``with``
    block ends; ``RuntimeError`` if the server does not start within ``startup_timeout``.
    The socket is closed either way."""
    server = uvicorn.Server(server_config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=name)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start")
            time.sleep(0.01)
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
