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
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

import toapis_spec
from mock_server import contract, errors, images, variants
from mock_server import webhooks as hooks
from mock_server.config import MockConfig
from mock_server.faults import FaultInjector
from mock_server.ratelimit import QUERY, SUBMIT, Decision
from mock_server.render import render_task, result_path, served_extension
from mock_server.state import MockState
from mock_server.tasks import (
    COMPLETED,
    FAIL_MARKER,
    FAIL_MARKER_MESSAGE,
    FAILED,
    IN_PROGRESS,
    RANDOM_FAILURE_MESSAGE,
    Task,
)
from mock_server.uploads import (
    UPLOAD_NAME,
    Upload,
    UploadRejected,
    read_file_part,
    type_from_name,
    verified_type,
)
from mock_server.validation import Invalid

# The create body is small (a 1000-character prompt and five URLs); refuse to buffer more.
MAX_JSON_BODY = 1024 * 1024
# The mock's own limit (the contract sets none, D-17): see `_business_id_problem`.
MAX_BUSINESS_ID_LENGTH = 128
# Result file paths: the default shape (with the task id) and the documented one (variant),
# both with the version step of the finished-task-changes defect.
_RESULT_PATH = re.compile(
    r"/files/generated/([^/]+)/(?:v(0|[1-9][0-9]{0,8})/)?(0|[1-9][0-9]{0,2})\.(png|jpg|webp)"
)
_DOCUMENTED_RESULT_PATH = re.compile(
    r"/generated/(?:v(0|[1-9][0-9]{0,8})/)?([0-9]{1,12}_[0-9a-f]{8})\.(png|jpg|webp)"
)
# files-host-paths: the real files host's shape, /images/<task id>/<unix ts>_<8 hex>.<ext>.
_HOSTED_RESULT_PATH = re.compile(
    r"/images/([^/]+)/(?:v(0|[1-9][0-9]{0,8})/)?([0-9]{1,12}_[0-9a-f]{8})\.(png|jpg|webp)"
)
_DOCUMENTED_UPLOAD_NAME = re.compile(r"[0-9]{1,12}_([0-9a-f]{16})\.(?:jpg|png|webp|gif)")
_CDN_PREFIX = "/files/cdn"
_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +(\S+) *")


def create_app(config: MockConfig | None = None) -> FaultInjector:
    """The mock server as an ASGI app (a Starlette app behind the fault injector)."""
    state = MockState(config or MockConfig())
    routes = _Routes(state)
    app = Starlette(
        routes=[
            Route("/v1/images/generations", routes.create_task, methods=["POST"]),
            Route("/v1/images/edits", routes.create_edit, methods=["POST"]),
            Route("/v1/images/generations/{task_id:str}", routes.get_task, methods=["GET"]),
            Route("/v1/uploads/images", routes.upload_image, methods=["POST"]),
            Route("/files/generated/{rest:path}", routes.result_file, methods=["GET"]),
            Route("/files/uploads/{name:str}", routes.upload_file, methods=["GET"]),
            # Variants: the documented URL shapes, and the target of redirect-results.
            Route("/generated/{rest:path}", routes.result_file, methods=["GET"]),
            Route("/images/{rest:path}", routes.result_file, methods=["GET"]),
            Route("/files/cdn/{rest:path}", routes.result_file, methods=["GET"]),
            Route("/uploads/{user:str}/{name:str}", routes.upload_file, methods=["GET"]),
        ],
        lifespan=_closing(state, routes.webhooks),
    )
    app.state.mock = state
    app.state.webhooks = routes.webhooks
    return FaultInjector(app, state)


class _Routes:
    def __init__(self, state: MockState) -> None:
        self.state = state
        config = state.config
        self.webhooks = hooks.WebhookDispatcher(
            state,
            {state.tenants[token]: target for token, target in config.webhooks.items()},
            retry_scale=config.webhook_retry_scale,
        )
        self.json_media_type = (
            "text/html; charset=utf-8" if "json-as-html" in state.defects else "application/json"
        )

    # -- helpers ---------------------------------------------------------------------------

    def json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        state = self.state
        if state.variants:
            body = variants.shape_error(body, status, state.variants, state.variant_draw)
        return self.raw_json(status, orjson.dumps(body), headers)

    def render(self, task: Task, now: float) -> dict[str, Any]:
        """The task's JSON as the defects and variants shape it."""
        state = self.state
        body = render_task(task, now, state.defects, state.variants, state.variant_draw)
        if "documented-url-shape" in state.variants and task.completed_at is not None:
            for index in range(task.n + 1 + task.finished_polls):  # as many as any defect shows
                name = variants.documented_result_name(task.id, index, task.completed_at)
                state.generated_names[name] = (task.id, index)
        return body

    def raw_json(self, status: int, content: bytes, headers: dict[str, str] | None) -> Response:
        media_type = variants.error_media_type(status, self.state.variants, self.json_media_type)
        return Response(content, status, headers=headers, media_type=media_type)

    def tenant(self, request: Request) -> str | None:
        header = request.headers.get("authorization")
        if header is None:
            return None
        match = _BEARER.fullmatch(header)
        return self.state.tenants.get(match.group(1)) if match else None

    def unauthorized(self, role: str) -> Response:
        if "unauthorized-wrong-envelope" in self.state.defects:
            return self.json(401, errors.WRONG_UNAUTHORIZED)
        if role == "unauthorized_upload" and "upload-envelope-401" in self.state.variants:
            message = errors.body("unauthorized_status")["error"]["message"]
            return self.json(401, errors.upload_error(message), {"WWW-Authenticate": "Bearer"})
        return self.json(401, errors.body(role), {"WWW-Authenticate": "Bearer"})

    def limit(self, tenant: str, category: str) -> Decision | None:
        if self.state.limiter is None:
            return None
        return self.state.limiter.take(tenant, category, self.state.clock.now())

    def limited(self, decision: Decision, role: str) -> Response:
        headers = decision.headers(with_retry_after="retry-after-missing" not in self.state.defects)
        return self.json(429, errors.body(role), variants.retry_after(headers, self.state.variants))

    def invalid(self, problem: Invalid, headers: dict[str, str] | None = None) -> Response:
        if "error-as-string" in self.state.defects:
            return self.json(400, {"error": problem.message}, headers)
        param = None if "invalid-request-without-param" in self.state.defects else problem.param
        return self.json(400, errors.invalid_request(problem.message, param), headers)

    def base_url(self, request: Request) -> str:
        configured = self.state.config.public_url
        return configured.rstrip("/") if configured else _bound_url(request)

    # -- POST /v1/images/generations ---------------------------------------------------------

    async def create_edit(self, request: Request) -> Response:
        return await self.create_task(request, contract.EDIT)

    async def create_task(self, request: Request, operation_id: str = contract.CREATE) -> Response:
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
        try:
            raw = await _read_limited(request.stream(), MAX_JSON_BODY)
        except ClientDisconnect:  # gone before the end of its body: nobody reads an answer
            return Response(status_code=400, headers={"Connection": "close"})
        if raw is None:  # the rest is unread: close the connection instead of draining it
            closing = {**(headers or {}), "Connection": "close"}
            return self.invalid(Invalid(None, "The request body is too large."), closing)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return self.invalid(Invalid(None, "The request body is not valid JSON."), headers)
        problem = self.validate(body)
        if problem is None:
            problem = _operation_problem(body, operation_id)
        if problem is None:
            problem = _business_id_problem(body)
        if problem is None:
            problem = self.check_references(body, self.base_url(request))
        if problem is not None:
            return self.invalid(problem, headers)
        callback_url = self.callback_url(tenant, body)
        if isinstance(callback_url, Response):
            return callback_url

        task = self.new_task(tenant, body, self.base_url(request))
        self.webhooks.task_created(task, callback_url)
        return self.json(200, self.render(task, self.state.clock.now()), headers)

    def validate(self, body: Any) -> Invalid | None:
        """The request schema, plus the defects and variants that act beside it."""
        state = self.state
        validator = state.validator
        model = body.get(validator.discriminator) if isinstance(body, dict) else None
        if (
            "ignores-model" in state.defects
            and isinstance(model, str)
            and model not in validator.models
        ):
            # The defect: an unknown model is validated (and served) as the default one.
            body = {**body, validator.discriminator: contract.default_model()}
        problem = validator.validate(body)
        if (
            problem is None
            and "refuse-float-n" in state.variants
            and isinstance(body.get("n"), float)
        ):
            return Invalid("n", "'n' must be an integer such as 1, not a number with a fraction.")
        return problem

    def new_task(self, tenant: str, body: dict[str, Any], base_url: str) -> Task:
        state = self.state
        model = body[state.validator.discriminator]
        # An unknown model gets here only with the ignores-model defect: served as the default.
        served = model if model in state.validator.models else contract.default_model()
        prompt: str = body["prompt"]
        marker = state.config.fail_marker
        marked = marker in prompt
        random_failure = state.failures.fails()  # drawn for every task: keeps the sequence stable
        marked_message = (
            FAIL_MARKER_MESSAGE
            if marker == FAIL_MARKER
            else f"call upstream API failed: the prompt asked the mock to fail ({marker})"
        )
        now = state.clock.now()
        references = _reference_urls(body)
        size = body.get("size", contract.size_default(served, bool(references)))
        # The reference's shape matters only for a size that names no ratio (`auto`...): its
        # image is decoded then, not on every create that carries a reference.
        shaped = size is not None and toapis_spec.ratio_of(str(size)) is not None
        first = self.own_upload(references[0], base_url)[0] if references and not shaped else None
        first_pixels = state.uploads.dimensions(first) if first is not None else None
        task = Task(
            tenant=tenant,
            id=state.next_task_id(now),
            model=model,
            n=int(body.get("n", self.default_n(served))),
            size="" if size is None else str(size),
            resolution=_resolution(body, served),
            reference_pixels=None if first_pixels is None else "{}x{}".format(*first_pixels),
            created=now,
            base_url=base_url,
            will_fail=marked or random_failure,
            failure_message=marked_message if marked else RANDOM_FAILURE_MESSAGE,
            client_business_id=_business_id(body),
            output_format=self.asked_format(served, body),
        )
        state.lifecycle.start(task, now)
        state.tasks.add(task)
        state.save_task(task)
        return task

    def refused_reference_format(self, model: str, upload: Upload | None) -> str | None:
        """Why an upload of this server cannot be ``model``'s reference for its format, or
        ``None``: the ``refuse-webp-references`` defect refuses WebP; the
        ``refuse-unlisted-reference-formats`` variant refuses what the page does not list."""
        if upload is None:
            return None
        if upload.mime_type == "image/webp" and "refuse-webp-references" in self.state.defects:
            return "a WebP image; reference images must be JPEG or PNG."
        listed = toapis_spec.reference_formats(model)
        if (
            listed is not None
            and upload.mime_type not in listed[1]
            and "refuse-unlisted-reference-formats" in self.state.variants
        ):
            return f"a {upload.mime_type} image; reference images must be {', '.join(listed[1])}."
        return None

    def asked_format(self, model: str, body: dict[str, Any]) -> str | None:
        """The media type a request asks its result files in (its model's ``x-result-format``
        field, or that field's default); ``None`` under the ``output-format-ignored`` defect."""
        found = toapis_spec.result_format(model)
        asked = found.asked(body) if found is not None else None
        if asked is None or "output-format-ignored" in self.state.defects:
            return None
        return asked[1]

    def default_n(self, model: str) -> int:
        """The images a request without ``n`` gets: the contract's default (2 under the
        ``default-n-two`` defect, for a model that has ``n``)."""
        has_n = "n" in contract.request_member_schemas()[model].get("properties", {})
        return 2 if has_n and "default-n-two" in self.state.defects else contract.n_default(model)

    def callback_url(self, tenant: str, body: dict[str, Any]) -> str | Response | None:
        """The task's webhook URL from ``callback_url``, where the model's schema declares it
        (elsewhere it is an unknown field, ignored: D-10, D-18), or the 400 refusing it."""
        value = body.get("callback_url")
        model = str(body.get(self.state.validator.discriminator))
        member = contract.request_member_schemas().get(model)
        if value is None or member is None or "callback_url" not in member.get("properties", {}):
            return None
        target = self.webhooks.target(tenant)
        if target is None:
            return self.json(400, hooks.not_configured_body())
        if not isinstance(value, str) or not hooks.same_origin(value, target.url):
            return self.invalid(
                Invalid(
                    "callback_url",
                    "'callback_url' may change only the path and query of the token's default "
                    "callback URL (same scheme, host and port).",
                )
            )
        return value

    def check_references(self, body: dict[str, Any], base_url: str) -> Invalid | None:
        """Checks that need the referenced files, done when they are this server's uploads."""
        # `reference_images` for the gpt-image-2 family, with `image_urls` its alias (never both).
        references = _reference_urls(body)
        field_name = "reference_images" if body.get("reference_images") else "image_urls"

        first_reference: Upload | None = None
        for index, url in enumerate(references):
            upload, ours = self.own_upload(url, base_url)
            if ours and upload is None:
                return Invalid(field_name, f"'{field_name}[{index}]' is not a stored upload.")
            gif_refused = "accept-gif-references" not in self.state.variants
            if upload is not None and upload.mime_type == "image/gif" and gif_refused:
                return Invalid(
                    field_name,
                    f"'{field_name}[{index}]' is a GIF; "
                    "reference images must be JPEG, PNG or WebP.",
                )
            refused = self.refused_reference_format(str(body.get("model")), upload)
            if refused is not None:
                return Invalid(field_name, f"'{field_name}[{index}]' is {refused}")
            if index == 0:
                first_reference = upload
        mask_url = body.get("mask_url")
        if not isinstance(mask_url, str):
            return None
        if not references and "ignore-mask-without-reference" in self.state.variants:
            return None  # the variant: a mask without a reference is ignored
        mask, ours = self.own_upload(mask_url, base_url)
        if ours and mask is None:
            return Invalid("mask_url", "'mask_url' is not a stored upload.")
        if mask is None:
            return None
        if mask.mime_type != "image/png":
            return Invalid("mask_url", "'mask_url' must be a PNG image.")
        # The model's limit on the mask file (`x-max-bytes`: gpt-4o's "Maximum 4MB"), if any.
        limit = toapis_spec.fetched_max_bytes(str(body.get("model")), "mask_url")
        large_ok = "accept-large-mask" in self.state.defects
        if limit is not None and mask.size > limit and not large_ok:
            return Invalid("mask_url", f"'mask_url' must be at most {limit} bytes.")
        if first_reference is not None and "accept-mismatched-mask" not in self.state.defects:
            uploads = self.state.uploads
            mask_size = uploads.dimensions(mask)  # None: undecodable, never "the same"
            if mask_size is None or mask_size != uploads.dimensions(first_reference):
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
        if "documented-url-shape" in self.state.variants:
            user, _, name = path.removeprefix("/uploads/").partition("/")
            upload = self.documented_upload(user, name) if path.startswith("/uploads/") else None
            if upload is not None and self.upload_url(upload) == url:
                return upload, True
            return None, url.startswith(f"{base_url}/uploads/")
        if not path.startswith("/files/uploads/"):
            return None, False
        match = UPLOAD_NAME.fullmatch(path.removeprefix("/files/uploads/"))
        upload = self.state.uploads.get(match.group(1)) if match else None
        if upload is not None and upload.url == url:
            return upload, True
        return None, url.startswith(f"{base_url}/files/uploads/")

    def upload_url(self, upload: Upload) -> str:
        """The public URL of an upload, in the shape the variants choose."""
        if "documented-url-shape" not in self.state.variants:
            return upload.url
        user = variants.documented_user(upload.tenant)
        name = f"{int(upload.created)}_{upload.id.removeprefix('upload_')}"
        return f"{upload.base_url}/uploads/{user}/{name}.{upload.name.rsplit('.', 1)[1]}"

    def documented_upload(self, user: str, name: str) -> Upload | None:
        match = _DOCUMENTED_UPLOAD_NAME.fullmatch(name)
        upload = self.state.uploads.get(f"upload_{match.group(1)}") if match else None
        if upload is None or not self.upload_url(upload).endswith(f"/uploads/{user}/{name}"):
            return None
        return upload

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
        if task.final:
            self.webhooks.task_final(task)  # its webhook, if one is waiting for it
        rendered = self.render(task, now)
        if "progress-dips-briefly" in state.defects:
            self.dip_progress(task, rendered, now)
        content = orjson.dumps(rendered)
        if task.final and state.cache_final_bodies:
            state.tasks.set_body(task, content)  # counted in the store's byte bound
        status = 500 if task.status == FAILED and "failed-task-http-500" in state.defects else 200
        return self.raw_json(status, content, headers)

    def dip_progress(self, task: Task, rendered: dict[str, Any], now: float) -> None:
        """The progress-dips-briefly defect: a running task polled again within 0.5 s shows a
        lower progress than the answer before (a stale replica answering, say)."""
        polls = self.state.last_polls
        if task.final:
            polls.pop(task.id, None)
            return
        last = polls.get(task.id)
        quick = last is not None and now - last[0] < 0.5 and last[1] > 0
        if rendered["status"] == IN_PROGRESS and last is not None and quick:
            rendered["progress"] = last[1] - 1
        polls[task.id] = (now, int(rendered["progress"]))

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
            # The rest of the body was not read: close the connection rather than let the
            # server drain it (a chunked body could go on for ever).
            close = {"Connection": "close"}
            if rejected.reason == "too_large":
                status = 413 if "upload-too-large-413" in state.defects else 400
                return self.json(status, errors.body("upload_too_large"), close)
            if rejected.reason == "missing":
                return self.json(
                    400,
                    errors.upload_error(
                        "No image received: send it in the multipart/form-data field 'file'."
                    ),
                    close,
                )
            return self.json(
                400,
                errors.upload_error(
                    "The request must be multipart/form-data with the image in the field 'file'."
                ),
                close,
            )
        if "upload-type-by-name" in state.defects:
            mime_type = type_from_name(received.filename)
        else:
            mime_type = await verified_type(received.data)
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
        answer: dict[str, Any] = {
            "success": True,
            "message": "",
            "data": {
                "id": upload.id,
                "url": self.upload_url(upload),
                "mime_type": upload.mime_type,
                "size": upload.size,
            },
        }
        return self.json(200, variants.shape_upload(answer, state.variants, state.variant_draw))

    # -- files -------------------------------------------------------------------------------

    async def result_file(self, request: Request) -> Response:
        state = self.state
        path = request.url.path
        behind_redirect = path.startswith(f"{_CDN_PREFIX}/")
        redirecting = "redirect-results" in state.variants
        if behind_redirect and not redirecting:
            return self.json(404, errors.FILE_NOT_FOUND)  # the CDN path exists only redirecting
        found = self.result_at(path.removeprefix(_CDN_PREFIX) if behind_redirect else path)
        if found is None:
            return self.json(404, errors.FILE_NOT_FOUND)
        task, index, _ = found
        if redirecting and not behind_redirect:
            query = f"?{request.url.query}" if request.url.query else ""
            location = f"{self.base_url(request)}{_CDN_PREFIX}{path}{query}"
            return Response(status_code=302, headers={"Location": location})
        count = task.n + 1 if "result-count-mismatch" in state.defects else task.n
        if "finished-result-count-changes" in state.defects:
            count += task.finished_polls
        expires_at = task.expires_at
        expired = expires_at is not None and state.clock.now() >= expires_at
        if index >= count or (expired and "expired-results-served" not in state.defects):
            return self.json(404, errors.FILE_NOT_FOUND)
        width, height = images.pixels(task.size, task.model, task.resolution, task.reference_pixels)
        if "wrong-aspect-ratio" in state.defects:
            width = height = min(width, height)
        # The bytes are in the format the request asked for, whatever the URL's name says.
        fmt, media_type = variants.RESULT_FORMATS[served_extension(task, state.variants)]
        if "jpeg-served-as-png" in state.defects:
            fmt = "JPEG" if fmt == "PNG" else "PNG"  # never the format the URL names
        if "untyped-results" in state.variants:
            media_type = "application/octet-stream"
        turned = "exif-rotated-results" in state.variants
        content = images.render(state.image_seed, task.id, index, width, height, fmt, turned)
        # Caches may keep the image only until the task's results expire.
        max_age = max(0, int(expires_at - state.clock.now())) if expires_at is not None else 0
        return Response(
            content,
            200,
            media_type=media_type,
            headers={"Cache-Control": f"public, max-age={max_age}"},
        )

    def result_at(self, path: str) -> tuple[Task, int, str] | None:
        """The completed task, image index and extension a result path names, if it is one of
        the paths this server hands out (its shape, extension and version as configured)."""
        state = self.state
        documented = _DOCUMENTED_RESULT_PATH.fullmatch(path)
        default = _RESULT_PATH.fullmatch(path)
        hosted = _HOSTED_RESULT_PATH.fullmatch(path)
        task: Task | None = None
        if "documented-url-shape" in state.variants and documented is not None:
            version, name, ext = documented.groups()
            if name not in state.generated_names:
                self.index_documented_name(name)
            task_id, index = state.generated_names.get(name, ("", -1))
            task = state.tasks.get(None, task_id) if task_id else None
        elif "files-host-paths" in state.variants and hosted is not None:
            task_id, version, name, ext = hosted.groups()
            task = state.tasks.get(None, task_id)
            index = _hosted_index(task, name) if task is not None else -1
        elif not state.variants & _URL_SHAPES and default is not None:
            task_id, version, number, ext = default.groups()
            task, index = state.tasks.get(None, task_id), int(number)
        else:
            return None
        if task is None or index < 0 or task.status != COMPLETED or task.completed_at is None:
            return None
        if (version is not None) != ("finished-task-changes" in state.defects):
            return None
        shown = int(version) if version is not None else None
        if result_path(task, index, state.variants, shown) != path:
            return None
        return task, index, ext

    def index_documented_name(self, name: str) -> None:
        """Find the task of a documented file name not indexed yet (e.g. after a restart with
        --state-dir): the name starts with the task's completion time."""
        stamp = int(name.split("_", 1)[0])
        for task in self.state.tasks:
            if task.completed_at != stamp or task.status != COMPLETED:
                continue
            for index in range(task.n + 1 + task.finished_polls):
                if variants.documented_result_name(task.id, index, stamp) == name:
                    self.state.generated_names[name] = (task.id, index)
                    return

    def upload_content(self, upload: Upload) -> bytes:
        """The bytes an upload's URL serves: the file as stored (a half-size copy under the
        ``upload-url-thumbnail`` defect)."""
        data = self.state.uploads.read(upload)
        if "upload-url-thumbnail" in self.state.defects:
            return images.half_size(data)
        return data

    async def upload_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if "documented-url-shape" in self.state.variants:
            user = request.path_params.get("user")
            upload = self.documented_upload(user, name) if user is not None else None
            if upload is None:
                return self.json(404, errors.FILE_NOT_FOUND)
            return Response(self.upload_content(upload), 200, media_type=upload.mime_type)
        match = UPLOAD_NAME.fullmatch(name)
        upload = self.state.uploads.get(match.group(1)) if match else None
        if upload is None or upload.name != name or "user" in request.path_params:
            return self.json(404, errors.FILE_NOT_FOUND)
        return Response(self.upload_content(upload), 200, media_type=upload.mime_type)


_URL_SHAPES = frozenset({"documented-url-shape", "files-host-paths"})


def _hosted_index(task: Task, name: str) -> int:
    """The image index a files-host-paths file name stands for in ``task``; -1 if none."""
    if task.completed_at is None:
        return -1
    for index in range(task.n + 1 + task.finished_polls):  # as many as any defect shows
        if variants.documented_result_name(task.id, index, task.completed_at) == name:
            return index
    return -1


def _closing(
    state: MockState, webhooks: hooks.WebhookDispatcher
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await webhooks.aclose()
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


def _bound_url(request: Request) -> str:
    """The base URL of the address the connection came in on, never the ``Host`` header.

    The ``Host`` header is the client's to choose (``Host: evil.example``), and the URLs built
    from it are handed to other clients and persisted; the local address of the connection is the
    server's own. Behind a proxy, NAT or a container port mapping, ``--public-url`` says better.
    """
    scheme = "https" if request.scope.get("scheme") == "https" else "http"
    server = request.scope.get("server")
    if not server:  # e.g. a Unix socket: no address to tell
        return f"{scheme}://localhost"
    host, port = str(server[0]), server[1]
    host = f"[{host}]" if ":" in host else host
    if port is None or port == {"http": 80, "https": 443}[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{int(port)}"


def _business_id_problem(body: dict[str, Any]) -> Invalid | None:
    """A ``client_business_id`` longer than the mock keeps.

    The contract does not declare the field in requests (DECISIONS.md D-17), so it sets no limit:
    this one is the mock's own, to bound what one request can make it store (the id is kept with
    the task and echoed in every status body).
    """
    value = body.get("client_business_id")
    if isinstance(value, str) and len(value) > MAX_BUSINESS_ID_LENGTH:
        return Invalid(
            "client_business_id",
            f"'client_business_id' must be at most {MAX_BUSINESS_ID_LENGTH} characters.",
        )
    metadata = body.get("metadata")
    nested = metadata.get("client_business_id") if isinstance(metadata, dict) else None
    if isinstance(nested, str) and len(nested) > MAX_BUSINESS_ID_LENGTH:
        # `param` names the top-level field at fault, as for every nested error of the mock.
        return Invalid(
            "metadata",
            f"'metadata.client_business_id' must be at most {MAX_BUSINESS_ID_LENGTH} characters.",
        )
    return None


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


def _resolution(body: dict[str, Any], model: str) -> str | None:
    """The task's resolution tier (``resolution`` or ``metadata.resolution``, as the model has
    it): the requested one, else the model's default; ``None`` for a model without one."""
    default = contract.resolution_default(model)
    field = contract.resolution_field(model)
    if default is None or field is None:
        return None
    value = toapis_spec.body_value(body, field)
    return value if isinstance(value, str) else default


def _reference_urls(body: dict[str, Any]) -> list[str]:
    """The reference image URLs of a body: ``reference_images`` or its alias ``image_urls``,
    each item a URL string or a ``{url}`` object (D-49)."""
    items = body.get("reference_images") or body.get("image_urls") or []
    urls: list[str] = []
    for item in items if isinstance(items, list) else []:
        url = item.get("url") if isinstance(item, dict) else item
        if isinstance(url, str):
            urls.append(url)
    return urls


def _operation_problem(body: dict[str, Any], operation_id: str) -> Invalid | None:
    """A model posted to the other create operation (an editing model to the generation
    endpoint, or the reverse) is an unsupported model there."""
    model = body.get(contract.discriminator_property())
    info = contract.models().get(model) if isinstance(model, str) else None
    if info is None or info.operation_id == operation_id:
        return None
    served = ", ".join(n for n, m in contract.models().items() if m.operation_id == operation_id)
    return Invalid(
        "model",
        f"The model '{model}' is served by POST {info.path}. Supported here: {served}.",
    )
