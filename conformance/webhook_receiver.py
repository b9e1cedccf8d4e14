"""A webhook receiver for the suite: it records what a server delivers and answers on a script.

It listens on one address (``--webhook-receiver HOST:PORT``, loopback by default) for as long as
the webhook probe runs. Every request is recorded with its arrival time, path, headers and raw
body. Deliveries of the same task (``data.task_id`` of the body; the event id if the body cannot
be read) are answered according to ``script``: by default the first with 500 (to see a retry),
the second with a 307 to another path of the receiver (to see that redirects are not followed and
that a 3xx does not count as success), every later one with 204. Requests to the redirect target
are recorded and answered 204: a sender that follows redirects is seen there.

It never sends anything; it only answers.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server.server import bind_socket, serve_in_thread

DEFAULT_HOST = "127.0.0.1"
PATH = "/toapis-webhooks"
REDIRECT_PATH = "/toapis-webhooks-redirected"
DEFAULT_SCRIPT: tuple[int, ...] = (500, 307)
"""Answers to the 1st, 2nd... delivery of a task; 204 after the script."""
MAX_BODY = 1024 * 1024
MAX_RECORDS = 10_000


@dataclass(frozen=True)
class Received:
    path: str
    method: str
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes
    received_at: float
    """Unix seconds, this machine's clock."""
    answered: int
    task_id: str | None
    event_id: str | None
    attempt: int
    """1 for the first request about this task, 2 for the next..."""

    @property
    def redirected(self) -> bool:
        return self.path == REDIRECT_PATH


def parse_address(value: str) -> tuple[str, int]:
    """``HOST:PORT``, ``[::1]:PORT`` or ``PORT`` (host 127.0.0.1); ``ValueError`` otherwise."""
    host, sep, port = value.rpartition(":")
    if not sep:
        host, port = DEFAULT_HOST, value
    host = host.strip("[]") or DEFAULT_HOST
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--webhook-receiver expects HOST:PORT (or PORT), got {value!r}")
    return host, int(port)


@dataclass
class WebhookReceiver:
    host: str
    port: int
    script: tuple[int, ...] = DEFAULT_SCRIPT
    records: list[Received] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{PATH}"

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route(PATH, self._receive, methods=["POST", "GET", "PUT"]),
                Route(REDIRECT_PATH, self._receive, methods=["POST", "GET", "PUT"]),
            ]
        )

    async def _receive(self, request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                break
        raw = bytes(body[:MAX_BODY])
        headers = {k.lower(): v for k, v in request.headers.items()}
        event_id = headers.get("x-toapis-webhook-id")
        task_id = _task_id(raw)
        redirected = request.url.path == REDIRECT_PATH
        with self._changed:
            key = task_id or event_id or f"anonymous-{len(self.records)}"
            attempt = self._counts.get(key, 0) + (0 if redirected else 1)
            self._counts[key] = attempt
            status = 204
            if not redirected and attempt <= len(self.script):
                status = self.script[attempt - 1]
            if len(self.records) < MAX_RECORDS:
                self.records.append(
                    Received(
                        request.url.path,
                        request.method,
                        headers,
                        raw,
                        time.time(),
                        status,
                        task_id,
                        event_id,
                        attempt,
                    )
                )
            self._changed.notify_all()
        if 300 <= status < 400:
            host = f"[{self.host}]" if ":" in self.host else self.host
            location = f"http://{host}:{self.port}{REDIRECT_PATH}"
            return Response(status_code=status, headers={"Location": location})
        return Response(status_code=status)

    def of_task(self, task_id: str) -> list[Received]:
        with self._changed:
            return [r for r in self.records if r.task_id == task_id]

    def wait(self, done: Callable[[], bool], timeout: float) -> bool:
        """Block until ``done()`` holds (re-tested at each request) or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.25))
        return True

    @contextlib.contextmanager
    def running(self, startup_timeout: float = 10.0) -> Iterator[WebhookReceiver]:
        """Listen until the ``with`` block ends; ``OSError`` if the address cannot be bound."""
        sock = bind_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        server_config = uvicorn.Config(
            self.app(), log_level="error", access_log=False, lifespan="off"
        )
        name = f"webhook-receiver:{self.port}"
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(serve_in_thread(server_config, sock, name, startup_timeout))
            except RuntimeError as exc:
                message = f"the webhook receiver did not start on {self.host}:{self.port}"
                raise OSError(message) from exc
            yield self


def _task_id(raw: bytes) -> str | None:
    try:
        payload = json.loads(raw)
    except ValueError:
        return None
    data = payload.get("data") if isinstance(payload, dict) else None
    task_id = data.get("task_id") if isinstance(data, dict) else None
    return task_id if isinstance(task_id, str) else None
