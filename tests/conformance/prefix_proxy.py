"""A reverse proxy on loopback that mounts an upstream server under a path prefix, as gateways do
(``http://127.0.0.1:PORT/api/v1/images/generations`` -> ``UPSTREAM/v1/images/generations``), and
counts, independently of the suite, the create requests the upstream accepted.

A create is any request whose path (after the prefix) is a billable create operation of the
contract; one the upstream answered 2xx is an accepted create, counted with the images it asked
for (its ``n``, 1 without one) under the model of the task the upstream created. Requests outside
the prefix are answered 404 without reaching the upstream, and counted.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server.server import bind_socket, serve_in_thread
from toapis_spec import create_operations

# Hop-by-hop headers a proxy must not forward (RFC 9110 7.6.1), plus the ones httpx recomputes.
_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "content-encoding",
    }
)


@dataclass
class ProxyCounts:
    accepted_creates: int = 0
    accepted_images: int = 0
    images_by_model: Counter[str] = field(default_factory=Counter)
    refused_creates: int = 0
    outside_prefix: int = 0
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def models(self) -> set[str]:
        return set(self.images_by_model)


def _images_asked(body: Any) -> int:
    n = body.get("n", 1) if isinstance(body, dict) else 1
    if isinstance(n, bool) or not isinstance(n, int | float):
        return 1
    return max(1, int(n))


def create_proxy_app(upstream: str, prefix: str, counts: ProxyCounts) -> Starlette:
    creates = {(op.method, op.path) for op in create_operations().values()}
    client = httpx.AsyncClient(timeout=30.0, follow_redirects=False, trust_env=False)

    async def forward(request: Request) -> Response:
        path = request.url.path
        with counts._lock:
            counts.requests += 1
        if not (path == prefix or path.startswith(prefix + "/")):
            with counts._lock:
                counts.outside_prefix += 1
            return Response(status_code=404)
        inner = path[len(prefix) :] or "/"
        # Forwarded as it came (still percent-encoded), with its query string.
        raw = request.scope["raw_path"].decode("latin-1")[len(prefix) :] or "/"
        query = request.scope.get("query_string", b"").decode("latin-1")
        body = await request.body()
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP]
        try:
            upstream_response = await client.request(
                request.method,
                upstream + raw + (f"?{query}" if query else ""),
                headers=headers,
                content=body,
            )
        except httpx.HTTPError as exc:
            return Response(f"proxy: {type(exc).__name__}", status_code=502)
        if (request.method, inner) in creates:
            _count_create(counts, body, upstream_response)
        return Response(
            upstream_response.content,
            status_code=upstream_response.status_code,
            headers={k: v for k, v in upstream_response.headers.items() if k.lower() not in _HOP},
        )

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]
    return Starlette(routes=[Route("/{path:path}", forward, methods=methods)])


def _count_create(counts: ProxyCounts, raw: bytes, response: httpx.Response) -> None:
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    with counts._lock:
        if not 200 <= response.status_code < 300:
            counts.refused_creates += 1
            return
        try:
            task = response.json()
        except ValueError:
            task = None
        model = task.get("model") if isinstance(task, dict) else None
        if not isinstance(model, str):
            model = body.get("model") if isinstance(body, dict) else None
        images = _images_asked(body)
        counts.accepted_creates += 1
        counts.accepted_images += images
        counts.images_by_model[str(model)] += images


@contextmanager
def prefix_proxy(upstream: str, prefix: str = "/api") -> Iterator[tuple[str, ProxyCounts]]:
    """Serve the proxy on a free loopback port: yields its base URL (with the prefix) and the
    counts it keeps."""
    counts = ProxyCounts()
    app = create_proxy_app(upstream.rstrip("/"), prefix.rstrip("/"), counts)
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="off")
    with serve_in_thread(config, sock, f"prefix-proxy:{port}"):
        yield f"http://127.0.0.1:{port}{prefix}", counts
