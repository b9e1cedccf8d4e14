"""The forwarding path: every request goes upstream unchanged, every response comes back
unchanged (streamed, images included), and the exchange goes to the judge afterwards.

Nothing is added to what the application sends: the request is written from the application's
own headers (hop-by-hop ones left out, ``Host`` and ``Content-Length`` those of the new hop) by a
lean HTTP/1.1 client (``conformance.proxy.upstream``). The upstream URL
may carry a path (a gateway's prefix): the application's path is appended to it. The judging
never delays a response: the exchange is queued once the response is sent (``Tracker``).

``--enforce``: a create request the contract refuses is answered here with the documented 400
(the error envelope naming ``param``) and never forwarded, so nothing is billed.

Task webhooks: the server delivers them to the application, not through the proxy, unless the
token's callback URL (or a request's ``callback_url``) names ``/__toapis_proxy/webhooks`` on the
proxy. Each delivery there is forwarded unchanged (body and headers, hop-by-hop ones aside) to
``--webhook-forward`` (a path after ``/__toapis_proxy/webhooks`` and the query are appended to
it) and the application's answer is relayed as it came, so the server retries exactly as it
would without the proxy; without ``--webhook-forward`` the proxy answers 200 itself. The
delivery then goes to the judge, as every exchange does (``Tracker.submit_delivery``).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from conformance.judges.app_requests import explain
from conformance.judges.webhooks import Delivery
from conformance.proxy.tracker import MAX_KEPT, Seen, Tracker
from conformance.proxy.upstream import UpstreamError, UpstreamPool
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from mock_server.errors import invalid_request
from toapis_spec import models as contract_models

REPORT_PATH = "/__toapis_proxy/report"
WEBHOOK_PATH = "/__toapis_proxy/webhooks"
WEBHOOK_TIMEOUT = 10.0
"""Seconds the application has to answer a forwarded delivery: the service's own 10 s."""
# RFC 9110 7.6.1 hop-by-hop fields, plus what the HTTP library sets itself for the new hop.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "expect",
    }
)
_HOP_BYTES = frozenset(name.encode() for name in HOP_BY_HOP)
_RESPONSE_DROP_BYTES = frozenset(name.encode() for name in HOP_BY_HOP - {"content-length"})


@dataclass(frozen=True)
class ProxyConfig:
    upstream: str
    enforce: bool = False
    timeout: float = 120.0
    webhook_forward: str | None = None
    """The application's own webhook receiver, where deliveries are forwarded unchanged."""
    webhook_timeout: float = WEBHOOK_TIMEOUT


def _create_paths() -> frozenset[str]:
    from toapis_spec import operation

    return frozenset(operation(info.operation_id).path for info in contract_models().values())


def _decode(body: bytes, encoding: str) -> bytes:
    """The body as the judge reads it: a gzip or deflate encoding undone (forwarded as sent)."""
    import gzip
    import zlib

    try:
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error):
        return body
    return body


def create_app(
    config: ProxyConfig,
    tracker: Tracker,
    *,
    on_report: Callable[[], dict[str, Any]] | None = None,
) -> ASGIApp:
    """The proxy as an ASGI app. ``on_report`` writes the reports (``GET /__toapis_proxy/report``)
    and returns where."""
    upstream = config.upstream.rstrip("/")
    create_paths = _create_paths()
    state: dict[str, UpstreamPool] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = UpstreamPool(upstream, timeout=config.timeout)
        if config.webhook_forward:
            state["hooks"] = UpstreamPool(config.webhook_forward, timeout=config.webhook_timeout)
        try:
            yield
        finally:
            for pool in state.values():
                pool.close()

    async def report(request: Request) -> Response:
        if on_report is None:
            return JSONResponse({"error": "no report writer"}, status_code=404)
        written = await anyio.to_thread.run_sync(on_report)
        return JSONResponse(written)

    async def forward(scope: Scope, receive: Receive, send: Send) -> None:
        """The forwarding path, in plain ASGI: the body read, sent upstream, the answer relayed
        chunk by chunk as it comes; the exchange queued for the judge once it is all sent."""
        started = time.time()
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        method: str = scope["method"]
        path: str = scope["path"]
        raw_path: bytes = scope.get("raw_path") or path.encode()
        query: bytes = scope.get("query_string", b"")
        raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
        seen_headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in raw_headers}
        target = raw_path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
        recorded = RecordedRequest(
            method,
            f"{scope.get('scheme', 'http')}://{seen_headers.get('host', 'toapis-proxy')}{target}",
            seen_headers,
            body if body else None,
            None if len(body) <= MAX_KEPT else f"{len(body)} bytes",
        )
        if config.enforce and method == "POST" and path.rstrip("/") in create_paths:
            refused = _refusal(body)
            if refused is not None:
                content = json.dumps(refused).encode()
                answer = RecordedResponse(400, {"content-type": "application/json"}, content, 0.0)
                await _answer(send, 400, content, b"application/json")
                tracker.submit(Seen(Exchange(recorded, answer), path, started, forwarded=False))
                return
        clock = time.perf_counter()
        try:
            answer_from = await state["pool"].send(
                method,
                target,
                [(k, v) for k, v in raw_headers if k.lower() not in _HOP_BYTES],
                body,
            )
        except UpstreamError as exc:
            text = f"toapis-proxy: the upstream did not answer ({exc})"
            await _answer(send, 502, text.encode(), b"text/plain; charset=utf-8")
            tracker.submit(Seen(Exchange(recorded, None, str(exc)), path, started))
            return
        kept: list[bytes] = []
        size = 0
        complete = False
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": answer_from.status,
                    "headers": [
                        (k.lower(), v)
                        for k, v in answer_from.headers
                        if k.lower() not in _RESPONSE_DROP_BYTES
                    ],
                }
            )
            async for chunk in answer_from.body():
                if size < MAX_KEPT:
                    kept.append(chunk)
                size += len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            complete = True
        finally:
            if complete:
                answer_from.release()
            else:
                answer_from.close()
        raw = b"".join(kept)
        lowered = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in answer_from.headers}
        encoding = lowered.get("content-encoding", "").strip().lower()
        answer = RecordedResponse(
            answer_from.status,
            lowered,
            _decode(raw, encoding) if encoding else raw,
            time.perf_counter() - clock,
        )
        tracker.submit(Seen(Exchange(recorded, answer), path, started))

    async def webhook(scope: Scope, receive: Receive, send: Send) -> None:
        """A webhook delivery: forwarded unchanged to the application (its answer relayed) or
        answered 200, then judged."""
        arrived = time.time()
        body = await _read_body(receive)
        if body is None:
            return
        raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw_headers}
        query: bytes = scope.get("query_string", b"")
        tail = scope["path"][len(WEBHOOK_PATH) :] + (f"?{query.decode('latin-1')}" if query else "")
        host = headers.get("host", "toapis-proxy")
        url = f"{scope.get('scheme', 'http')}://{host}{WEBHOOK_PATH}{tail}"
        pool = state.get("hooks")
        status, forwarded = 200, True
        if pool is None:
            await _answer(send, 200, b"", b"text/plain; charset=utf-8")
        else:
            status, forwarded = await _relay_delivery(pool, send, tail, raw_headers, body)
        tracker.submit_delivery(Delivery(body, headers, arrived, url, status), forwarded=forwarded)

    routes = [Route(REPORT_PATH, report, methods=["GET"])]
    inner = Starlette(routes=routes, lifespan=lifespan)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and _is_webhook(scope["path"]):
            await webhook(scope, receive, send)
        elif scope["type"] == "http" and scope["path"] != REPORT_PATH:
            await forward(scope, receive, send)
        else:
            await inner(scope, receive, send)

    return app


def _is_webhook(path: str) -> bool:
    return path == WEBHOOK_PATH or path.startswith(f"{WEBHOOK_PATH}/")


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body; ``None`` if the client went away."""
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


async def _relay_delivery(
    pool: UpstreamPool,
    send: Send,
    tail: str,
    raw_headers: list[tuple[bytes, bytes]],
    body: bytes,
) -> tuple[int, bool]:
    """Forward a delivery to the application and relay its answer. Returns the status the
    server got and whether the application answered (else the proxy answers 502 and the server
    retries, as it would have after a failed attempt without the proxy)."""
    try:
        answer = await pool.send(
            "POST", tail, [(k, v) for k, v in raw_headers if k.lower() not in _HOP_BYTES], body
        )
        content = b"".join([chunk async for chunk in answer.body()])
    except UpstreamError as exc:
        text = f"toapis-proxy: the application's webhook receiver did not answer ({exc})"
        await _answer(send, 502, text.encode(), b"text/plain; charset=utf-8")
        return 502, False
    answer.release()
    headers = [(k.lower(), v) for k, v in answer.headers if k.lower() not in _HOP_BYTES]
    headers.append((b"content-length", str(len(content)).encode()))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": content, "more_body": False})
    return answer.status, True


async def _answer(send: Send, status: int, content: bytes, media_type: bytes) -> None:
    headers = [(b"content-type", media_type), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content, "more_body": False})


def _refusal(body: bytes) -> dict[str, Any] | None:
    """The documented 400 for a create body the contract refuses, or ``None`` to forward it."""
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        return invalid_request("The request body is not valid JSON.", None)
    found = explain(parsed)
    if found is None:
        return None
    return invalid_request(found.message, found.param)
