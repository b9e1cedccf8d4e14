"""Shared helpers for the mock server tests: in-process clients and real image bytes."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from PIL import Image

from mock_server import MockConfig, create_app
from mock_server.clock import ManualClock
from mock_server.faults import FaultInjector
from mock_server.state import MockState

TOKEN_A = "token-a"
TOKEN_B = "token-b"
AUTH_A = {"Authorization": f"Bearer {TOKEN_A}"}
AUTH_B = {"Authorization": f"Bearer {TOKEN_B}"}
BASE = "http://testserver"
CREATE = "/v1/images/generations"
UPLOAD = "/v1/uploads/images"


def body(**fields: Any) -> dict[str, Any]:
    return {"model": "gpt-4o-image", "prompt": "An ancient castle under the starry sky", **fields}


def config(**overrides: Any) -> MockConfig:
    settings: dict[str, Any] = {"tokens": (TOKEN_A, TOKEN_B), "clock": ManualClock()}
    settings.update(overrides)
    return MockConfig(**settings)


class InProcessClient:
    """A synchronous face over ``httpx.AsyncClient(transport=ASGITransport(app))``."""

    def __init__(self, app: FaultInjector) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)

    @property
    def state(self) -> MockState:
        return self.app.state

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.http.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.state.close()
        self.loop.close()


@contextmanager
def client(**overrides: Any) -> Iterator[tuple[InProcessClient, ManualClock]]:
    """An in-process client of a fresh mock, and the clock that drives it."""
    cfg = config(**overrides)
    assert isinstance(cfg.clock, ManualClock)
    in_process = InProcessClient(create_app(cfg))
    try:
        yield in_process, cfg.clock
    finally:
        in_process.close()


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), colour: str = "red") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    (image.convert("P") if fmt == "GIF" else image).save(out, format=fmt)
    return out.getvalue()


def dimensions(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def image_format(data: bytes) -> str | None:
    with Image.open(io.BytesIO(data)) as image:
        return image.format


def upload(
    http: InProcessClient,
    data: bytes,
    name: str = "image.bin",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return http.post(
        UPLOAD,
        files={"file": (name, data, "application/octet-stream")},
        headers=AUTH_A if headers is None else headers,
    )
