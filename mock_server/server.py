"""Run the mock as a real HTTP server (uvicorn) in a background thread, for tests and examples."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

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


@contextlib.contextmanager
def run_in_thread(
    config: MockConfig | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    startup_timeout: float = 10.0,
    **uvicorn_options: Any,
) -> Iterator[RunningServer]:
    """Serve ``config`` on ``host:port`` (0 = a free port) until the ``with`` block ends."""
    config = config or MockConfig()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    base_url = f"http://{_url_host(host)}:{bound_port}"
    if config.public_url is None:
        config = dataclasses.replace(config, public_url=base_url)
    app = create_app(config)
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "on"}
    options.update(uvicorn_options)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"toapis-mock:{bound_port}"
    )
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("the mock server did not start")
        time.sleep(0.01)
    try:
        yield RunningServer(base_url=base_url, config=config, app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
