"""Fault injection in front of the API routes: ``X-Mock-Fault: 500|429|slow|drop`` or random.

``drop`` closes the connection without any response. ASGI has no message for that, so the
injector closes the transport of the uvicorn connection it runs on (the only server the mock
ships with); in-process (e.g. httpx's ASGITransport) it raises ``ConnectionDropped`` instead.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server import errors, variants
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
        # Transport variants wrap every response, the fault injector's own included.
        self.inner = _transport(app, state.variants)
        self.rates = [(kind, rate) for kind, rate in state.config.faults.items() if rate > 0]
        self.json_media_type = (
            b"text/html; charset=utf-8" if "json-as-html" in state.defects else b"application/json"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await (self.inner if scope["type"] == "http" else self.app)(scope, receive, send)
            return
        if "latency" in self.state.variants:
            await asyncio.sleep(variants.LATENCY_SECONDS)
        kind = self.pick(scope)
        if kind is None and self.random_429(scope):
            kind = "429"
        if kind is None or kind == "slow":
            if kind == "slow":
                await asyncio.sleep(self.state.config.slow_seconds)
            await self.inner(scope, receive, send)
        elif kind == "500":
            await self.respond(scope, receive, send, 500, errors.body("internal"), {})
        elif kind == "429":
            await self.respond(scope, receive, send, 429, *self.rate_limited(scope))
        elif kind == "drop":
            await self.drop(receive, send)
        else:
            body = errors.invalid_request(
                f"Unknown X-Mock-Fault value {kind!r}; use one of {', '.join(FAULT_KINDS)}.", None
            )
            await self.respond(scope, receive, send, 400, body, {})

    def random_429(self, scope: Scope) -> bool:
        """The random-429 variant: drawn for every create and status request (seeded)."""
        if "random-429" not in self.state.variants:
            return False
        drawn = self.state.random_429_draw.random() < variants.RANDOM_429_RATE
        # Only where the contract documents a 429 (not on uploads, D-19).
        return drawn and str(scope["path"]).startswith("/v1/images/generations")

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
        return errors.body(role), variants.retry_after(headers, self.state.variants)

    async def respond(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        body: Any,
        headers: dict[str, str],
    ) -> None:
        state = self.state
        if state.variants:
            body = variants.shape_error(body, status, state.variants, state.variant_draw)
        content = orjson.dumps(body)
        media_type = self.json_media_type.decode("latin-1")
        media_type = variants.error_media_type(status, state.variants, media_type)
        response = Response(content, status, headers=headers, media_type=media_type)
        await _transport(response, state.variants)(scope, receive, send)

    async def drop(self, receive: Receive, send: Send) -> None:
        # uvicorn's `send` is a bound method of the request cycle, which holds the transport.
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is None or not hasattr(transport, "abort"):
            raise ConnectionDropped("X-Mock-Fault: drop")
        transport.abort()
        # Wait until the server has seen the connection go, so it sends nothing in its place.
        while (await receive())["type"] != "http.disconnect":
            pass


def _transport(app: ASGIApp, variants_on: frozenset[str]) -> ASGIApp:
    """``app`` behind the transport variants (gzip, connection-close) that are switched on."""
    if "gzip" in variants_on:
        app = GZipMiddleware(app, minimum_size=variants.GZIP_MINIMUM_SIZE)
    if "connection-close" in variants_on:
        app = _ConnectionClose(app)
    return app


class _ConnectionClose:
    """Adds ``Connection: close`` to every response (uvicorn then closes the connection)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, closing)
