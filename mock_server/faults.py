"""Fault injection in front of the API routes: ``X-Mock-Fault: 500|429|slow|drop`` or random.

``drop`` closes the connection without any response. ASGI has no message for that, so the
injector closes the transport of the uvicorn connection it runs on (the only server the mock
ships with); in-process (e.g. httpx's ASGITransport) it raises ``ConnectionDropped`` instead.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server import errors
from mock_server.config import FAULT_KINDS
from mock_server.ratelimit import DEFAULT_LIMITS, QUERY, SUBMIT
from mock_server.state import MockState

HEADER = b"x-mock-fault"


class ConnectionDropped(Exception):
    """Raised in-process where a real server would close the connection (fault ``drop``)."""


class FaultInjector:
    """The outermost ASGI layer of the mock (so it sees uvicorn's own ``send``)."""

    def __init__(self, app: Any, state: MockState) -> None:
        self.app: ASGIApp = app
        self.state = state
        self.rates = [(kind, rate) for kind, rate in state.config.faults.items() if rate > 0]
        self.json_media_type = (
            b"text/html; charset=utf-8" if "json-as-html" in state.defects else b"application/json"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        kind = self.pick(scope)
        if kind is None or kind == "slow":
            if kind == "slow":
                await asyncio.sleep(self.state.config.slow_seconds)
            await self.app(scope, receive, send)
        elif kind == "500":
            await self.respond(send, 500, errors.body("internal"), {})
        elif kind == "429":
            await self.respond(send, 429, *self.rate_limited(scope))
        elif kind == "drop":
            await self.drop(receive, send)
        else:
            body = errors.invalid_request(
                f"Unknown X-Mock-Fault value {kind!r}; use one of {', '.join(FAULT_KINDS)}.", None
            )
            await self.respond(send, 400, body, {})

    def pick(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == HEADER:
                return str(value.decode("latin-1").strip())
        for kind, rate in self.rates:
            if self.state.fault_draw.random() < rate:
                return kind
        return None

    def rate_limited(self, scope: Scope) -> tuple[Any, dict[str, str]]:
        path: str = scope["path"]
        if path.startswith("/v1/images/generations"):
            category = SUBMIT if scope["method"] == "POST" else QUERY
            role = "submit_limited" if category == SUBMIT else "query_limited"
            headers = {
                "X-RateLimit-Limit": str(DEFAULT_LIMITS[category].burst),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": "1",
                "X-RateLimit-Category": category,
            }
        else:
            role, headers = "generic_limited", {}
        if "retry-after-missing" not in self.state.defects:
            headers["Retry-After"] = "1"
        return errors.body(role), headers

    async def respond(self, send: Send, status: int, body: Any, headers: dict[str, str]) -> None:
        content = orjson.dumps(body)
        raw_headers = [
            (b"content-type", self.json_media_type),
            (b"content-length", str(len(content)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": content})

    async def drop(self, receive: Receive, send: Send) -> None:
        # uvicorn's `send` is a bound method of the request cycle, which holds the transport.
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is None or not hasattr(transport, "abort"):
            raise ConnectionDropped("X-Mock-Fault: drop")
        transport.abort()
        # Wait until the server has seen the connection go, so it sends nothing in its place.
        while (await receive())["type"] != "http.disconnect":
            pass
