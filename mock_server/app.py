"""The ASGI app: the routes of the contract, plus the routes serving result and upload files."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import urlsplit

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server import contract, errors, images
from mock_server.config import MockConfig
from mock_server.faults import FaultInjector
from mock_server.ratelimit import QUERY, SUBMIT, Decision
from mock_server.render import render_task
from mock_server.state import MockState
from mock_server.tasks import (
    COMPLETED,
    FAIL_MARKER,
    FAIL_MARKER_MESSAGE,
    FAILED,
    RANDOM_FAILURE_MESSAGE,
    Task,
)
from mock_server.uploads import (
    UPLOAD_NAME,
    Upload,
    UploadRejected,
    read_file_part,
    sniff,
    type_from_name,
)
from mock_server.validation import Invalid

# The create body is small (a 1000-character prompt and five URLs); refuse to buffer more.
MAX_JSON_BODY = 1024 * 1024
# The contract states it in prose only: an editing mask is a PNG of at most 4 MB.
MASK_MAX_BYTES = 4 * 1024 * 1024
_RESULT_NAME = re.compile(r"(0|[1-9][0-9]{0,2})\.png")
_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +(\S+) *")


def create_app(config: MockConfig | None = None) -> FaultInjector:
    """The mock server as an ASGI app (a Starlette app behind the fault injector)."""
    state = MockState(config or MockConfig())
    routes = _Routes(state)
    app = Starlette(
        routes=[
            Route("/v1/images/generations", routes.create_task, methods=["POST"]),
            Route("/v1/images/generations/{task_id:str}", routes.get_task, methods=["GET"]),
            Route("/v1/uploads/images", routes.upload_image, methods=["POST"]),
            Route("/files/generated/{task_id:str}/{name:str}", routes.result_file, methods=["GET"]),
            Route("/files/uploads/{name:str}", routes.upload_file, methods=["GET"]),
        ],
        lifespan=_closing(state),
    )
    app.state.mock = state
    return FaultInjector(app, state)


class _Routes:
    def __init__(self, state: MockState) -> None:
        self.state = state
        self.json_media_type = (
            "text/html; charset=utf-8" if "json-as-html" in state.defects else "application/json"
        )

    # -- helpers ---------------------------------------------------------------------------

    def json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        return self.raw_json(status, orjson.dumps(body), headers)

    def raw_json(self, status: int, content: bytes, headers: dict[str, str] | None) -> Response:
        return Response(content, status, headers=headers, media_type=self.json_media_type)

    def tenant(self, request: Request) -> str | None:
        header = request.headers.get("authorization")
        if header is None:
            return None
        match = _BEARER.fullmatch(header)
        return self.state.tenants.get(match.group(1)) if match else None

    def unauthorized(self, role: str) -> Response:
        if "unauthorized-wrong-envelope" in self.state.defects:
            return self.json(401, errors.WRONG_UNAUTHORIZED)
        return self.json(401, errors.body(role), {"WWW-Authenticate": "Bearer"})

    def limit(self, tenant: str, category: str) -> Decision | None:
        if self.state.limiter is None:
            return None
        return self.state.limiter.take(tenant, category, self.state.clock.now())

    def limited(self, decision: Decision, role: str) -> Response:
        headers = decision.headers(with_retry_after="retry-after-missing" not in self.state.defects)
        return self.json(429, errors.body(role), headers)

    def invalid(self, problem: Invalid, headers: dict[str, str] | None = None) -> Response:
        if "error-as-string" in self.state.defects:
            return self.json(400, {"error": problem.message}, headers)
        param = None if "invalid-request-without-param" in self.state.defects else problem.param
        return self.json(400, errors.invalid_request(problem.message, param), headers)

    def base_url(self, request: Request) -> str:
        configured = self.state.config.public_url
        return (configured or str(request.base_url)).rstrip("/")

    # -- POST /v1/images/generations ---------------------------------------------------------

    async def create_task(self, request: Request) -> Response:
        tenant = self.tenant(request)
        if tenant is None:
            return self.unauthorized("unauthorized_create")
        decision = self.limit(tenant, SUBMIT)
        if decision is not None and not decision.allowed:
            return self.limited(decision, "submit_limited")
        headers = decision.headers() if decision is not None else None

        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return self.invalid(
                Invalid(None, "The request body must be JSON (Content-Type: application/json)."),
                headers,
            )
        raw = await _read_limited(request.stream(), MAX_JSON_BODY)
        if raw is None:
            return self.invalid(Invalid(None, "The request body is too large."), headers)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return self.invalid(Invalid(None, "The request body is not valid JSON."), headers)
        problem = self.state.validator.validate(body)
        if problem is None:
            problem = self.check_references(body, self.base_url(request))
        if problem is not None:
            return self.invalid(problem, headers)

        task = self.new_task(tenant, body, self.base_url(request))
        return self.json(
            200, render_task(task, self.state.clock.now(), self.state.defects), headers
        )

    def new_task(self, tenant: str, body: dict[str, Any], base_url: str) -> Task:
        state = self.state
        model = body[state.validator.discriminator]
        prompt: str = body["prompt"]
        marked = FAIL_MARKER in prompt
        random_failure = state.failures.fails()  # drawn for every task: keeps the sequence stable
        task = Task(
            tenant=tenant,
            id=state.task_ids.next(),
            model=model,
            n=int(body.get("n", contract.n_default(model))),
            size=str(body.get("size", contract.size_default(model))),
            created=state.clock.now(),
            base_url=base_url,
            will_fail=marked or random_failure,
            failure_message=FAIL_MARKER_MESSAGE if marked else RANDOM_FAILURE_MESSAGE,
            client_business_id=_business_id(body),
        )
        state.tasks.add(task)
        state.save_task(task)
        return task

    def check_references(self, body: dict[str, Any], base_url: str) -> Invalid | None:
        """Checks that need the referenced files, done when they are this server's uploads."""
        references: list[str] = body.get("image_urls") or []
        first_reference: Upload | None = None
        for index, url in enumerate(references):
            upload, ours = self.own_upload(url, base_url)
            if ours and upload is None:
                return Invalid("image_urls", f"'image_urls[{index}]' is not a stored upload.")
            if upload is not None and upload.mime_type == "image/gif":
                return Invalid(
                    "image_urls",
                    f"'image_urls[{index}]' is a GIF; reference images must be JPEG, PNG or WebP.",
                )
            if index == 0:
                first_reference = upload
        mask_url = body.get("mask_url")
        if not isinstance(mask_url, str):
            return None
        mask, ours = self.own_upload(mask_url, base_url)
        if ours and mask is None:
            return Invalid("mask_url", "'mask_url' is not a stored upload.")
        if mask is None:
            return None
        if mask.mime_type != "image/png":
            return Invalid("mask_url", "'mask_url' must be a PNG image.")
        if mask.size > MASK_MAX_BYTES:
            return Invalid("mask_url", "'mask_url' must be at most 4 MB.")
        if first_reference is not None:
            uploads = self.state.uploads
            if uploads.dimensions(mask) != uploads.dimensions(first_reference):
                return Invalid(
                    "mask_url", "'mask_url' must have the same dimensions as the reference image."
                )
        return None

    def own_upload(self, url: str, base_url: str) -> tuple[Upload | None, bool]:
        """The upload a URL names if it is one of this server's upload URLs; (None, ours?)."""
        try:
            path = urlsplit(url).path
        except ValueError:
            # The contract's URL pattern admits strings urllib cannot split (e.g. a host of "]"):
            # such a URL names no upload of ours, so it is someone else's reference.
            return None, False
        if not path.startswith("/files/uploads/"):
            return None, False
        match = UPLOAD_NAME.fullmatch(path.removeprefix("/files/uploads/"))
        upload = self.state.uploads.get(match.group(1)) if match else None
        if upload is not None and upload.url == url:
            return upload, True
        return None, url.startswith(f"{base_url}/files/uploads/")

    # -- GET /v1/images/generations/{task_id} ------------------------------------------------

    async def get_task(self, request: Request) -> Response:
        state = self.state
        tenant = self.tenant(request)
        if tenant is None:
            without_token = "authorization" not in request.headers
            if not (without_token and "status-without-token" in state.defects):
                return self.unauthorized("unauthorized_status")
            tenant = state.tenants[state.config.tokens[0]]
        decision = self.limit(tenant, QUERY)
        if decision is not None and not decision.allowed:
            return self.limited(decision, "query_limited")
        headers = decision.headers() if decision is not None else None

        key: str = request.path_params["task_id"]
        task = state.tasks.get(tenant, key)
        if task is None and state.defects & {"cross-tenant-read", "foreign-task-403"}:
            foreign = state.tasks.get_any_tenant(key)
            if foreign is not None and "foreign-task-403" in state.defects:
                return self.json(403, errors.FOREIGN_TASK, headers)
            task = foreign
        if task is None:
            return self.json(404, errors.body("not_found"), headers)

        status = 500 if task.status == FAILED and "failed-task-http-500" in state.defects else 200
        if task.body is not None:
            return self.raw_json(status, task.body, headers)
        now = state.clock.now()
        if task.final:
            task.finished_polls += 1
        elif state.lifecycle.advance(task, now, polled=True) or state.config.step_per_poll:
            state.save_task(task)
        content = orjson.dumps(render_task(task, now, state.defects))
        if task.final and state.cache_final_bodies:
            task.body = content
        status = 500 if task.status == FAILED and "failed-task-http-500" in state.defects else 200
        return self.raw_json(status, content, headers)

    # -- POST /v1/uploads/images -------------------------------------------------------------

    async def upload_image(self, request: Request) -> Response:
        state = self.state
        tenant = self.tenant(request)
        if tenant is None:
            return self.unauthorized("unauthorized_upload")
        no_limit = "upload-no-size-limit" in state.defects
        try:
            received = await read_file_part(
                request.headers.get("content-type", ""),
                request.stream(),
                None if no_limit else contract.upload_size_limit(),
            )
        except UploadRejected as rejected:
            if rejected.reason == "too_large":
                status = 413 if "upload-too-large-413" in state.defects else 400
                return self.json(status, errors.body("upload_too_large"))
            if rejected.reason == "missing":
                return self.json(
                    400,
                    errors.upload_error(
                        "No image received: send it in the multipart/form-data field 'file'."
                    ),
                )
            return self.json(
                400,
                errors.upload_error(
                    "The request must be multipart/form-data with the image in the field 'file'."
                ),
            )
        if "upload-type-by-name" in state.defects:
            mime_type = type_from_name(received.filename)
        else:
            mime_type = sniff(received.data[:16])
        if mime_type == "image/gif" and "upload-rejects-gif" in state.defects:
            mime_type = None
        if mime_type is None or mime_type not in contract.upload_mime_types():
            return self.json(400, errors.body("upload_unsupported"))
        upload = Upload(
            id=state.next_upload_id(),
            tenant=tenant,
            mime_type=mime_type,
            size=len(received.data),
            created=state.clock.now(),
            base_url=self.base_url(request),
        )
        state.uploads.add(upload, received.data)
        state.save_upload(upload)
        return self.json(
            200,
            {
                "success": True,
                "message": "",
                "data": {
                    "id": upload.id,
                    "url": upload.url,
                    "mime_type": upload.mime_type,
                    "size": upload.size,
                },
            },
        )

    # -- files -------------------------------------------------------------------------------

    async def result_file(self, request: Request) -> Response:
        state = self.state
        match = _RESULT_NAME.fullmatch(request.path_params["name"])
        task = state.tasks.get(None, request.path_params["task_id"])
        if match is None or task is None or task.status != COMPLETED:
            return self.json(404, errors.FILE_NOT_FOUND)
        index = int(match.group(1))
        count = task.n + 1 if "result-count-mismatch" in state.defects else task.n
        expires_at = task.expires_at
        expired = expires_at is not None and state.clock.now() >= expires_at
        if index >= count or (expired and "expired-results-served" not in state.defects):
            return self.json(404, errors.FILE_NOT_FOUND)
        width, height = images.pixels(task.size)
        if "wrong-aspect-ratio" in state.defects:
            width = height = min(width, height)
        fmt = "JPEG" if "jpeg-served-as-png" in state.defects else "PNG"
        content = images.render(state.config.seed, task.id, index, width, height, fmt)
        # Caches may keep the image only until the task's results expire.
        max_age = max(0, int(expires_at - state.clock.now())) if expires_at is not None else 0
        return Response(
            content,
            200,
            media_type="image/png",
            headers={"Cache-Control": f"public, max-age={max_age}"},
        )

    async def upload_file(self, request: Request) -> Response:
        match = UPLOAD_NAME.fullmatch(request.path_params["name"])
        upload = self.state.uploads.get(match.group(1)) if match else None
        if upload is None or upload.name != request.path_params["name"]:
            return self.json(404, errors.FILE_NOT_FOUND)
        return Response(self.state.uploads.read(upload), 200, media_type=upload.mime_type)


def _closing(state: MockState) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()

    return lifespan


async def _read_limited(chunks: AsyncIterator[bytes], limit: int) -> bytes | None:
    """The whole body, or None as soon as it grows past ``limit`` (the rest is never read)."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _business_id(body: dict[str, Any]) -> str | None:
    """``client_business_id``, top level (recommended) or in ``metadata`` (cn docs)."""
    value = body.get("client_business_id")
    if isinstance(value, str) and value:
        return value
    metadata = body.get("metadata")
    if isinstance(metadata, dict):
        nested = metadata.get("client_business_id")
        if isinstance(nested, str) and nested:
            return nested
    return None
