"""Helpers for the client tests: counting and fault-injecting transports, fake servers, images."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from PIL import Image

from toapis import Client, FakeClock, PollPolicy, RetryPolicy

TOKEN = "sk-test-token-a-0123456789"
TOKEN_B = "sk-test-token-b-9876543210"
FAST_POLL = PollPolicy()  # the documented defaults: they cost nothing with a FakeClock


@dataclass
class Recorder(httpx.BaseTransport):
    """Sends through a real transport, counts requests per (method, path) and can inject faults.

    ``faults`` maps (method, path prefix) to the list of X-Mock-Fault values for the next
    matching requests (first entry for the first request, and so on); ``refuse`` makes the next
    N requests fail with ConnectError before anything is sent.
    """

    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    faults: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    refuse: int = 0
    requests: list[httpx.Request] = field(default_factory=list)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.refuse > 0:
            self.refuse -= 1
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        for (method, prefix), kinds in self.faults.items():
            if request.method == method and request.url.path.startswith(prefix) and kinds:
                request.headers["X-Mock-Fault"] = kinds.pop(0)
                break
        return self.inner.handle_request(request)

    def count(self, method: str, prefix: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.url.path.startswith(prefix))

    def close(self) -> None:
        self.inner.close()


CREATE_PATH = "/v1/images/generations"
STATUS_PATH = "/v1/images/generations/"
UPLOAD_PATH = "/v1/uploads/images"


def make_client(
    base_url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    clock: FakeClock | None = None,
    token: str = TOKEN,
    **options: Any,
) -> Client:
    options.setdefault("retry", RetryPolicy())
    return Client(
        token,
        base_url=base_url,
        clock=clock if clock is not None else FakeClock(),
        seed=1234,
        transport=transport,
        **options,
    )


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def task_body(task_id: str, status: str, progress: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": task_id,
        "object": "generation.task",
        "model": "gpt-4o-image",
        "status": status,
        "progress": progress,
        "created_at": 1_767_225_600,
        **extra,
    }


def fake_server(
    handler: Callable[[httpx.Request], tuple[int, Any] | tuple[int, Any, dict[str, str]]],
) -> httpx.MockTransport:
    """A MockTransport whose handler returns (status, JSON body or bytes[, headers])."""

    def handle(request: httpx.Request) -> httpx.Response:
        answer = handler(request)
        status, body = answer[0], answer[1]
        headers = answer[2] if len(answer) == 3 else {}
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers=headers)
        return httpx.Response(
            status,
            content=json.dumps(body).encode(),
            headers={"content-type": "application/json", **headers},
        )

    return httpx.MockTransport(handle)
