"""A deliberately small, contract-abiding fake of the API for the suite's own unit tests.

It exists so the conformance machinery (HTTP layer, budget, reports) can be tested without the mock
server, and so tests can count exactly what the suite sends. It completes every task at creation,
which the docs allow, and validates only what the docs forbid.
"""

from __future__ import annotations

import io
import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from PIL import Image
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ASPECT = {"1:1": (64, 64), "2:3": (64, 96), "3:2": (96, 64)}
MAX_UPLOAD = 10 * 1024 * 1024


@dataclass
class FakeState:
    tokens: tuple[str, ...] = ("token-a", "token-b")
    tasks: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    create_requests: int = 0
    worst_case_billed: int = 0
    images_requested: int = 0
    base_url: str = ""
    counter: Any = field(default_factory=itertools.count)


def _error(status: int, code: str | int, message: str, param: str | None = None) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if param is not None:
        error["param"] = param
    return JSONResponse({"error": error}, status_code=status)


def _invalid(param: str) -> JSONResponse:
    return _error(400, "invalid_request", f"The '{param}' field is invalid.", param)


def _is_http_url(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def create_fake_app(state: FakeState) -> Starlette:
    def tenant(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        token = header[7:] if header.startswith("Bearer ") else None
        return token if token in state.tokens else None

    def unauthorized() -> JSONResponse:
        return _error(401, "unauthorized", "Invalid API key")

    async def create(request: Request) -> Response:
        state.create_requests += 1
        from tests.conformance.test_budget import worst_case_bill

        try:
            state.worst_case_billed += worst_case_bill(json.loads(await request.body()))
        except ValueError:
            state.worst_case_billed += 1
        owner = tenant(request)
        if owner is None:
            return unauthorized()
        try:
            body = await request.json()
        except ValueError:
            return _invalid("body")
        if not isinstance(body, dict):
            return _invalid("body")
        if body.get("model") != "gpt-4o-image":
            return _invalid("model")
        prompt = body.get("prompt")
        if not isinstance(prompt, str) or not 1 <= len(prompt) <= 1000:
            return _invalid("prompt")
        size = body.get("size", "1:1")
        if not isinstance(size, str) or size not in ASPECT:
            return _invalid("size")
        n = body.get("n", 1)
        if isinstance(n, bool) or not isinstance(n, int | float) or n not in (1, 2, 4):
            return _invalid("n")
        urls = body.get("image_urls")
        if urls is not None and (
            not isinstance(urls, list) or len(urls) > 5 or not all(map(_is_http_url, urls))
        ):
            return _invalid("image_urls")
        if "mask_url" in body and (not _is_http_url(body["mask_url"]) or not urls):
            return _invalid("mask_url")
        state.images_requested += int(n)
        task_id = f"fake_{next(state.counter)}"
        now = int(time.time())
        task = {
            "id": task_id,
            "object": "generation.task",
            "model": "gpt-4o-image",
            "status": "completed",
            "progress": 100,
            "created_at": now,
            "completed_at": now,
            "expires_at": now + 86400,
            "result": {
                "type": "image",
                "data": [
                    {"url": f"{state.base_url}/files/{task_id}/{i}.png?size={size}"}
                    for i in range(int(n))
                ],
            },
        }
        state.tasks[task_id] = (owner, task)
        return JSONResponse(task)

    async def get_task(request: Request) -> Response:
        owner = tenant(request)
        if owner is None:
            return _error(401, 401, "Authentication failed, please check your API key")
        found = state.tasks.get(request.path_params["task_id"])
        if found is None or found[0] != owner:
            return _error(404, 404, "Task not found")
        return JSONResponse(found[1])

    async def upload(request: Request) -> Response:
        if tenant(request) is None:
            return unauthorized()
        try:
            form = await request.form(max_part_size=MAX_UPLOAD * 2)
        except Exception:  # Starlette raises several types for a malformed multipart body
            return JSONResponse({"success": False, "message": "malformed multipart body"}, 400)
        part = form.get("file")
        if part is None or isinstance(part, str):
            return JSONResponse({"success": False, "message": "file is required"}, 400)
        data = await part.read()
        if len(data) > MAX_UPLOAD:
            return JSONResponse(
                {"success": False, "message": "Image too large. Maximum size is 10MB"}, 400
            )
        try:
            kind = Image.open(io.BytesIO(data)).format
        except Exception:
            kind = None
        mime = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
        if kind not in mime:
            return JSONResponse(
                {
                    "success": False,
                    "message": "Unsupported image type. Allowed: JPEG, PNG, WebP, GIF",
                },
                400,
            )
        upload_id = f"upload_{next(state.counter)}"
        return JSONResponse(
            {
                "success": True,
                "message": "",
                "data": {
                    "id": upload_id,
                    "url": f"{state.base_url}/files/{upload_id}.png?size=1:1",
                    "mime_type": mime[str(kind)],
                    "size": len(data),
                },
            }
        )

    async def files(request: Request) -> Response:
        width, height = ASPECT.get(request.query_params.get("size", "1:1"), (64, 64))
        return Response(_png(width, height), media_type="image/png")

    return Starlette(
        routes=[
            Route("/v1/images/generations", create, methods=["POST"]),
            Route("/v1/images/generations/{task_id}", get_task, methods=["GET"]),
            Route("/v1/uploads/images", upload, methods=["POST"]),
            Route("/files/{rest:path}", files, methods=["GET"]),
        ]
    )


@contextmanager
def serve_fake(state: FakeState | None = None) -> Iterator[tuple[str, FakeState]]:
    """Serve the fake on a free loopback port for the duration of the block."""
    state = state or FakeState()
    app = create_fake_app(state)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the fake server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    state.base_url = f"http://127.0.0.1:{port}"
    try:
        yield state.base_url, state
    finally:
        server.should_exit = True
        thread.join(timeout=10)
