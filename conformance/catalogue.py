"""The catalogue of checks: one entry per promise the suite enforces, and the basis of each.

The CLI (``--list-checks``, ``--only``/``--skip``), every report and the generated documentation
read this table; an id never changes meaning once published. ``layer`` says who does the checking:
``schema`` (Schemathesis' built-in checks over generated requests) or ``behaviour`` (our own checks
of what a schema cannot say).

Every check has a **basis**. ``documented``: a sentence of the docs says it (``quote`` holds it,
as the reference notes give it); a broken promise is a FAIL. ``decided``: an entry of
``openapi/DECISIONS.md`` reads it into the docs (``decisions``); a broken promise is a WARN (a FAIL
only under ``--strict``). A documented check may still end in WARN when what broke is a decided
constraint of the contract (``x-decisions``): the evidence then names the decision.

Ids name the promise, never a number of the contract; titles take their numbers from the contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conformance.checks import DECIDED, DOCUMENTED, Basis, CheckInfo, declared
from conformance.contract import limits

__all__ = ["CATALOGUE", "DECIDED", "DOCUMENTED", "RENAMED", "Basis", "CheckInfo", "basis_counts"]


_TASK = "#/components/schemas/Task"
_CREATE = "#/paths/~1v1~1images~1generations/post"
_STATUS = "#/paths/~1v1~1images~1generations~1{task_id}/get"
_UPLOAD = "#/paths/~1v1~1uploads~1images/post"
_REQUEST = "#/components/schemas/Gpt4oImageGenerationRequest"
_LIM = limits()
# The default model (the contract's first) has every limit the catalogue's titles quote.
assert _LIM.prompt_max is not None
assert _LIM.image_urls_max is not None
_PROMPT_MAX: int = _LIM.prompt_max
_URLS_MAX: int = _LIM.image_urls_max
_WEBHOOKS = "#/webhooks/generationCompleted, #/webhooks/generationFailed"


def _values(values: tuple[object, ...]) -> str:
    shown = [f"`{v}`" for v in values]
    return ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]


def _schema(
    name: str, title: str, promise: str, quote: str, area: str = "schema", decisions: str = ""
) -> CheckInfo:
    return CheckInfo(
        id="schema-" + name.replace("_", "-"),
        title=title,
        promise=promise,
        source=f"whole contract (Schemathesis check `{name}`)",
        layer="schema",
        area=area,
        quote=quote,
        decisions=tuple(d for d in decisions.split(",") if d),
    )


def _invalid(slug: str, what: str, field: str, source: str, quote: str) -> CheckInfo:
    return CheckInfo(
        id=f"validation-rejects-{slug}",
        title=f"A create request with {what} is rejected with 400 and `param` {field!r}.",
        promise=(
            f"{what[0].upper()}{what[1:]} violates the documented request rules; the server "
            f"answers 400 with the error envelope and `error.param` naming `{field}`."
        ),
        source=source,
        layer="behaviour",
        area="validation",
        quote=quote,
    )


_FIELDS_400 = 'gpt-4o page, 400 example: `"param": "prompt"`; error table: 400 `invalid_request`'

# Schemathesis built-in checks left out on purpose:
# - `unsupported_method` wants 405 for undocumented methods; the docs promise nothing about them, so
#   a correct server answering 404 would fail it;
# - `use_after_free` judges delete operations, which this contract has none of: it could never fail.
_ENTRIES: tuple[CheckInfo, ...] = (
    # --- schema layer (Schemathesis built-in checks, every phase, positive and negative) ---
    _schema(
        "not_a_server_error",
        "No generated request makes the server answer 5xx (other than documented ones).",
        "The server handles every request, valid or not, without an internal error.",
        "error table: 500 `internal_error` is the only documented 5xx besides the submit "
        "limiter's 503",
    ),
    _schema(
        "status_code_conformance",
        "Every status code returned is documented for its operation.",
        "Each operation answers only with the status codes the contract lists.",
        "error table (en and cn): 400, 401, 402, 404, 422, 429, 500; rate-limit page: 503",
    ),
    _schema(
        "content_type_conformance",
        "Every response has a documented Content-Type.",
        "Responses are JSON where the contract says JSON.",
        "Request content type: JSON; every documented answer is a JSON body",
    ),
    _schema(
        "response_headers_conformance",
        "Documented response headers are well formed where they are sent.",
        "Headers the contract describes (Retry-After, X-RateLimit-*) have valid values; a 429 "
        "without Retry-After is reported by `ratelimit-retry-after`.",
        "Headers that limited responses may carry: X-RateLimit-Limit, X-RateLimit-Remaining, "
        "X-RateLimit-Reset, X-RateLimit-Category, Retry-After",
        decisions="D-11",
    ),
    _schema(
        "response_schema_conformance",
        "Every response body matches the documented schema for its status.",
        "Bodies match the contract's schemas (Task, ErrorResponse, upload envelopes). What only "
        "a decided constraint forbids (`x-decisions`, e.g. a missing `progress`) is a WARN.",
        "the documented response fields and examples of the generation, status and upload pages",
        decisions="D-02,D-07",
    ),
    _schema(
        "positive_data_acceptance",
        "Requests that satisfy the contract are accepted.",
        "A request valid per the contract is not rejected as invalid.",
        "the gpt-4o request table (prompt, size, n, image_urls, mask_url)",
    ),
    _schema(
        "negative_data_rejection",
        "Requests that violate the documented rules are rejected with 4xx.",
        "A request the docs forbid is refused rather than processed. A request that breaks only "
        "a decided constraint (e.g. an empty prompt, D-14) is a WARN when accepted.",
        "400 `invalid_request`: Invalid request parameters",
        decisions="D-09,D-14",
    ),
    _schema(
        "missing_required_header",
        "A request without a required header is rejected.",
        "Missing required headers (e.g. Authorization) lead to a 4xx answer.",
        "Header `Authorization: Bearer YOUR_API_KEY`. Every endpoint requires it.",
        area="auth",
    ),
    _schema(
        "ignored_auth",
        "Operations that require an API key refuse requests without a valid one.",
        "Every operation requires `Authorization: Bearer <API key>`.",
        "Header `Authorization: Bearer YOUR_API_KEY`. Every endpoint requires it.",
        area="auth",
    ),
    _schema(
        "ensure_resource_availability",
        "A created resource can be read back through its link.",
        "A created task is available at once through the `GetTaskStatus` link.",
        "the call returns a `generation.task` object, and you poll "
        "`GET /v1/images/generations/{task_id}`",
        area="lifecycle",
    ),
    # --- task life cycle (state machine) ---
    CheckInfo(
        "lifecycle-create-returns-task",
        "A valid create request returns a `generation.task` with an id and a documented status.",
        "Creating a task answers 200 with a Task: non-empty `id`, `object: generation.task`, "
        "a status from the documented enum and progress 0-100.",
        f"{_CREATE}/responses/200",
        "behaviour",
        "lifecycle",
        quote="Generation is always async: the call returns a `generation.task` object",
        decisions=("D-02", "D-07"),
    ),
    CheckInfo(
        "lifecycle-progress-monotonic",
        "A task's progress never decreases.",
        "`progress` (0-100) never decreases between polls.",
        f"{_TASK}/properties/progress",
        "behaviour",
        "lifecycle",
        quote="progress: integer 0-100 (a completion percentage; the docs' progress bars)",
    ),
    CheckInfo(
        "lifecycle-terminal-final",
        "A completed or failed task never changes what the docs promise about it.",
        "`completed` and `failed` are final: later polls show the same status, progress, id, "
        "timestamps, result images (compared without their query strings, which signed URLs "
        "change) and error code. Extra fields may change.",
        "#/components/schemas/TaskStatus",
        "behaviour",
        "lifecycle",
        quote="Final states: `completed`, `failed` (task status reference table)",
    ),
    CheckInfo(
        "lifecycle-progress-never-dips",
        "A task's progress never decreases, even between polls moments apart.",
        "On one task polled as fast as the documented query rate allows (never faster than "
        "--max-rps) while it is not final, `progress` never decreases: a dip shorter than the "
        "docs' 5-10 s polling interval is invisible to `lifecycle-progress-monotonic`.",
        f"{_TASK}/properties/progress, {_STATUS} (x-rate-limit)",
        "behaviour",
        "lifecycle",
        quote="progress: integer 0-100 (a completion percentage); query rate, default group: "
        "50 per second",
    ),
    CheckInfo(
        "lifecycle-status-order",
        "Status moves only forward: queued -> in_progress -> completed|failed.",
        "The life cycle is queued -> in_progress -> completed or failed; it never goes back.",
        f"{_STATUS} (description)",
        "behaviour",
        "lifecycle",
        quote="Non-final states: `queued`, `in_progress`; final states: `completed`, `failed`",
    ),
    CheckInfo(
        "lifecycle-created-at-stable",
        "A task's `created_at` (and `id`) never change.",
        "`created_at` is when the task was created and never changes.",
        f"{_TASK}/properties/created_at",
        "behaviour",
        "lifecycle",
        quote="created_at: Unix timestamp in seconds (of the task's creation)",
    ),
    CheckInfo(
        "lifecycle-completed-result-count",
        "A completed task has exactly `n` result URLs.",
        f"`result.data` has one entry per requested image (`n`, default {_LIM.n_default}).",
        "#/components/schemas/TaskResult",
        "behaviour",
        "results",
        quote="n: number of images; cost is pre-deducted per image",
    ),
    CheckInfo(
        "lifecycle-expires-after-lifetime",
        "A completed task's results expire the documented lifetime after completion.",
        f"`expires_at` = `completed_at` + {_LIM.result_ttl_seconds} (result URLs are valid for "
        f"{_LIM.result_ttl_seconds // 3600} hours).",
        f"{_TASK}/properties/expires_at",
        "behaviour",
        "lifecycle",
        quote="Generated image URLs are valid for 24 hours (`expires_at`)",
    ),
    CheckInfo(
        "lifecycle-terminal-within-bound",
        "A task reaches `completed` or `failed` within the documented wait bound.",
        "The docs advise giving up after 120 s: a task is final within that bound "
        "(configurable with --task-timeout).",
        "info.description (polling advice: give up after 120 s)",
        "behaviour",
        "lifecycle",
        quote="initial wait 5 s, poll at least every 5-10 s with random jitter, max wait 120 s",
    ),
    CheckInfo(
        "lifecycle-ids-unique",
        "Every created task gets its own id.",
        "The task `id` identifies one task; two creations never share an id.",
        f"{_TASK}/properties/id",
        "behaviour",
        "lifecycle",
        quote="id: Unique task ID",
    ),
    CheckInfo(
        "lifecycle-failed-has-error",
        "A failed task carries `error{code,message}` and no result.",
        "A failed task is HTTP 200 with `status: failed`, an `error` object and no `result`/`url`.",
        f"{_TASK} (allOf: status failed)",
        "behaviour",
        "lifecycle",
        quote="error: only on failure, `error.code` (string), `error.message` (string); a failed "
        "task is still HTTP 200",
    ),
    # --- results ---
    CheckInfo(
        "results-images-match-request",
        "Result URLs serve decodable images with the requested aspect ratio.",
        "Each `result.data[].url` serves (after any redirect) an image in any format that "
        "decodes, whose aspect ratio is the requested `size` (default "
        f"{_LIM.size_default}). An `image/*` Content-Type naming another format is a WARN "
        "(D-27).",
        "#/components/schemas/Gpt4oImageSize, #/components/schemas/ResultImage",
        "behaviour",
        "results",
        quote="size: An aspect ratio, not pixels: `1:1` (square), `2:3` (portrait), `3:2` "
        "(landscape)",
        decisions=("D-27",),
    ),
    CheckInfo(
        "results-expire-after-ttl",
        "Result URLs stop serving the image once `expires_at` has passed.",
        "Generated image URLs are valid for the documented lifetime (`expires_at`); once expired, "
        "the image cannot be fetched. Needs the server's clock moved forward: the embedded mock "
        "only.",
        "#/components/schemas/Task/properties/expires_at",
        "behaviour",
        "results",
        quote="Once expired, the image cannot be fetched; a new task is needed.",
    ),
    # --- task webhooks (need --webhook-receiver and --webhook-secret; embedded mock: always) ---
    CheckInfo(
        "webhooks-delivered",
        "A task that becomes final sends its event to the token's callback URL.",
        "Once a task is completed or failed, a `generation.completed` or `generation.failed` "
        "event is POSTed to the callback URL (the suite's receiver, configured as the token's "
        "default URL: D-42), within `--webhook-timeout` of the final state.",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="Events: `generation.completed`, `generation.failed`, `endpoint.test`. Delivery is "
        "at least once",
        decisions=("D-42",),
    ),
    CheckInfo(
        "webhooks-signature-valid",
        "Every delivery is signed with the token's secret over id, timestamp and raw body.",
        "`X-ToAPIs-Webhook-Signature` holds a `v1=` HMAC-SHA256 of `id.timestamp.raw_body` that "
        "`toapis.webhooks.verify` accepts with the secret as given (D-37), with the documented "
        "`User-Agent`.",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote='The signature is HMAC-SHA256(secret, `event_id + "." + timestamp + "." + '
        "raw_body`); headers `User-Agent: ToAPIs-Webhook/1.0`, `X-ToAPIs-Webhook-Id`, "
        "`X-ToAPIs-Webhook-Timestamp`, `X-ToAPIs-Webhook-Signature: v1=<hex>[,v1=<prev-hex>]`",
        decisions=("D-37", "D-40"),
    ),
    CheckInfo(
        "webhooks-timestamp-fresh",
        "A delivery's signed timestamp is within 5 minutes of its arrival.",
        "Receivers reject deliveries older than 5 minutes, so the first delivery of an event "
        "must carry a fresh timestamp (Unix seconds, D-38). A stale retry is a WARN (D-39: each "
        "retry is signed afresh).",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="Receivers should reject first deliveries more than 5 minutes old.",
        decisions=("D-38", "D-39"),
    ),
    CheckInfo(
        "webhooks-payload-schema",
        "Every delivery's body is a `WebhookEvent` as documented.",
        "The body matches the contract's `WebhookEvent` (server view): `id`, `type`, "
        "`api_version`, `created_at` and `data` with `task_id`, `status` `SUCCESS`/`FAILURE`, "
        "`result` or `error`.",
        "#/components/schemas/WebhookEvent",
        "behaviour",
        "webhooks",
        quote='Payload: `{id:"evt_...", type, api_version:"v1", created_at, data:{task_id, '
        'client_business_id, task_type, model, status:"SUCCESS"|"FAILURE", progress:"100%", '
        "result|null, error:null|{code,message}, submitted_at, finished_at}}`",
        decisions=("D-38",),
    ),
    CheckInfo(
        "webhooks-payload-matches-task",
        "The event describes the task's final state as the status API shows it.",
        "`type` and `data.status` agree with the polled final status (completed: "
        "`generation.completed`/`SUCCESS`, failed: `generation.failed`/`FAILURE`), `data.task_id` "
        "and `data.model` are the task's, the result URLs are the polled ones (query strings "
        "aside), a failed task's event carries `data.error`.",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="Events `generation.completed`, `generation.failed`; data: {task_id, model, "
        'status:"SUCCESS"|"FAILURE", result:{type:"image",data:[{url}]}|null, '
        'error:null|{code:"generation_failed",message}}',
    ),
    CheckInfo(
        "webhooks-event-id-stable",
        "Every retry of an event carries the same event id.",
        "Deliveries are at least once and receivers deduplicate by event id, so all deliveries "
        "of one task's event carry one id, in the header and the body.",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="Delivery is at least once; deduplicate by event `id`.",
        decisions=("D-39",),
    ),
    CheckInfo(
        "webhooks-retries-after-non-2xx",
        "A delivery answered with 500 is delivered again.",
        "Only a 2xx counts as success: after the receiver answers 500, the event comes again "
        "(about 10 s later, D-41).",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="Retries come at about 10 s, 30 s, 2 min, 10 min, 1 h, 6 h and 24 h. Only 2xx "
        "counts as success.",
        decisions=("D-41",),
    ),
    CheckInfo(
        "webhooks-no-redirects-followed",
        "A delivery answered with a redirect is not followed, and is delivered again.",
        "A 307 from the receiver is a failed attempt: nothing reaches its `Location`, and the "
        "event comes again later.",
        _WEBHOOKS,
        "behaviour",
        "webhooks",
        quote="ToAPIs gives up on a delivery after a 10 s timeout and does not follow "
        "redirects. Only 2xx counts as success.",
        decisions=("D-41",),
    ),
    # --- not found and isolation ---
    CheckInfo(
        "tasks-unknown-id-404",
        "An unknown task id is answered 404 with the error envelope.",
        "No task with this id exists for the user: 404 with `error{code,message}`.",
        "#/components/responses/TaskNotFound",
        "behaviour",
        "lifecycle",
        quote='404 example: {"error": {"code": 404, "message": "Task not found", ...}}',
    ),
    CheckInfo(
        "tasks-tenant-isolation",
        "One API key cannot read another user's task.",
        "Tasks are scoped to the user who owns the key: another user's task is never served. "
        "That it is answered like a task that does not exist (404, the same error code) is "
        "D-29: another answer is a WARN.",
        f"{_STATUS} (description), #/components/responses/TaskNotFound",
        "behaviour",
        "auth",
        quote="The lookup is scoped to the user who owns the API key.",
        decisions=("D-29",),
    ),
    # --- authentication ---
    CheckInfo(
        "auth-missing-key-401",
        "Every operation answers 401 with the documented body when the key is missing.",
        "Every endpoint requires `Authorization: Bearer <key>`; without it the answer is 401 "
        "with a documented 401 body.",
        "#/components/responses/Unauthorized, uploadImage 401",
        "behaviour",
        "auth",
        quote="Every endpoint requires it; 401 `unauthorized`: Authentication failed",
    ),
    CheckInfo(
        "auth-wrong-key-401",
        "Every operation answers 401 with the documented body for an unknown key.",
        "An invalid API key is answered 401 with a documented 401 body on every operation.",
        "#/components/responses/Unauthorized, uploadImage 401",
        "behaviour",
        "auth",
        quote='401 example: {"error": {"code": "unauthorized", "message": "Invalid API key", ...}}',
    ),
    # --- validation: documented invalid and boundary values ---
    _invalid(
        "missing-prompt",
        "no `prompt`",
        "prompt",
        f"{_REQUEST}/required",
        "prompt: required; 400 example: \"The 'prompt' field is required.\"",
    ),
    _invalid(
        "prompt-over-limit",
        f"a prompt of {_PROMPT_MAX + 1} characters (one over the limit)",
        "prompt",
        f"{_REQUEST}/properties/prompt",
        "prompt: Max 1000 characters",
    ),
    _invalid(
        "n-outside-enum",
        f"`n: {_LIM.n_invalid}` (allowed: {_values(_LIM.n_values)})",
        "n",
        f"{_REQUEST}/properties/n",
        "n: Allowed 1, 2, 4",
    ),
    _invalid(
        "n-string",
        f'the string `n: "{_LIM.n_default}"`',
        "n",
        f"{_REQUEST}/properties/n",
        'n: Must be a JSON number; the docs say a quoted "1" causes an error',
    ),
    _invalid(
        "n-boolean",
        "`n: true`",
        "n",
        f"{_REQUEST}/properties/n",
        "n: integer; Must be a JSON number",
    ),
    _invalid(
        "undocumented-size",
        f'`size: "{_LIM.size_invalid}"` (allowed: {_values(_LIM.sizes)})',
        "size",
        "#/components/schemas/Gpt4oImageSize",
        "size: Enum `1:1`, `2:3`, `3:2`",
    ),
    _invalid(
        "too-many-image-urls",
        f"{_URLS_MAX + 1} `image_urls` (one over the limit)",
        "image_urls",
        f"{_REQUEST}/properties/image_urls",
        "image_urls: Max 5 images",
    ),
    _invalid(
        "data-url",
        "a `data:` URL in `image_urls`",
        "image_urls",
        "#/components/schemas/ImageUrl",
        "Each must be a public http:// or https:// URL (base64 no longer supported)",
    ),
    _invalid(
        "ftp-url",
        "an `ftp://` URL in `image_urls`",
        "image_urls",
        "#/components/schemas/ImageUrl",
        "Each must be a public http:// or https:// URL",
    ),
    CheckInfo(
        "validation-rejects-empty-prompt",
        "A create request with an empty prompt is refused (400 naming `prompt`).",
        "An empty prompt asks for nothing; the documented 400 is the natural answer. The docs "
        "say only that the prompt is required and at most "
        f"{_PROMPT_MAX} characters, so accepting one is a WARN.",
        f"{_REQUEST}/properties/prompt (x-decisions: minLength)",
        "behaviour",
        "validation",
        basis=DECIDED,
        decisions=("D-14",),
    ),
    CheckInfo(
        "validation-rejects-mask-without-reference",
        "A create request with `mask_url` but no `image_urls` never produces a completed task.",
        "The mask must match the dimensions of the reference image, so a mask without a "
        "reference cannot be honoured. The docs name no error for it: a 400 with the error "
        "envelope, or a task that ends failed, are both accepted.",
        f"{_REQUEST} (if mask_url then image_urls; DECISIONS.md D-09)",
        "behaviour",
        "validation",
        basis=DECIDED,
        decisions=("D-09",),
    ),
    CheckInfo(
        "validation-accepts-n-float",
        "`n: 1.0` (a valid JSON integer) is accepted.",
        "`n` is the JSON number "
        f"{_values(_LIM.n_values)}; JSON Schema counts 1.0 as the integer 1.",
        f"{_REQUEST}/properties/n",
        "behaviour",
        "validation",
        basis=DECIDED,
        decisions=("D-15",),
    ),
    CheckInfo(
        "validation-rejects-unknown-model",
        "A create request naming a model no server serves is refused (4xx), never billed.",
        "The `model` field picks the model; a name that cannot exist (derived from the run) is "
        "refused. A server that accepts any model bills something nobody asked for. The docs "
        "name no error for it, so accepting one is a WARN.",
        f"{_CREATE} (requestBody discriminator: model)",
        "behaviour",
        "validation",
        basis=DECIDED,
        decisions=("D-28",),
    ),
    CheckInfo(
        "validation-accepts-max-image-urls",
        "The largest documented number of reference images is accepted.",
        f"Up to {_URLS_MAX} `image_urls` are allowed: that many of the server's own "
        "uploads (which it can certainly fetch) are accepted.",
        f"{_REQUEST}/properties/image_urls",
        "behaviour",
        "validation",
        quote="image_urls: Max 5 images",
    ),
    CheckInfo(
        "validation-accepts-prompt-at-limit",
        "A prompt of exactly the maximum length is accepted.",
        f"The prompt holds at most {_PROMPT_MAX} characters, so that many are allowed.",
        f"{_REQUEST}/properties/prompt",
        "behaviour",
        "validation",
        quote="prompt: Max 1000 characters",
    ),
    CheckInfo(
        "validation-mask-non-png",
        "A non-PNG `mask_url` is refused (400 or a failed task), never completed.",
        "The mask must be a PNG. The docs do not say how a wrong mask fails, so either a 400 or "
        "a failed task is accepted; a completed task is not.",
        f"{_REQUEST}/properties/mask_url",
        "behaviour",
        "validation",
        quote="mask_url: Must be PNG",
    ),
    # --- uploads ---
    CheckInfo(
        "uploads-accepts-documented-formats",
        "JPEG, PNG, WebP and GIF uploads succeed with the documented body.",
        "Uploads of the documented formats answer 200 with `success: true` and `data` whose "
        "`mime_type` is the file's type and `size` its byte count.",
        f"{_UPLOAD}/responses/200",
        "behaviour",
        "uploads",
        quote="Formats: JPEG, PNG, WebP, GIF; data.mime_type, data.size (integer, bytes)",
    ),
    CheckInfo(
        "uploads-rejects-non-image",
        "A file that is not an image is rejected with the upload error envelope.",
        "Unsupported types answer 400 `{success: false, message}`.",
        f"{_UPLOAD}/responses/400",
        "behaviour",
        "uploads",
        quote='400: {"success": false, "message": "Unsupported image type. Allowed: JPEG, PNG, '
        'WebP, GIF"}',
    ),
    CheckInfo(
        "uploads-rejects-oversize",
        "An image one byte over the size limit is rejected with 400 (not 413).",
        f"Images are at most {_LIM.upload_max_bytes} bytes; larger ones answer 400 "
        "`{success: false, message}`.",
        f"{_UPLOAD}/responses/400",
        "behaviour",
        "uploads",
        quote="Max 10MB; both upload errors are HTTP 400; 413 is not used",
    ),
    CheckInfo(
        "uploads-url-usable-for-generation",
        "The URL of an upload works as a reference image for generation.",
        "`data.url` can be passed straight to `image_urls`; the task is accepted and completes.",
        "#/components/schemas/UploadedImage/properties/url",
        "behaviour",
        "uploads",
        quote="data.url: a public URL that can go straight into generation requests",
    ),
    # --- rate limits ---
    CheckInfo(
        "ratelimit-retry-after",
        "Every 429 answer says when to come back (Retry-After) and carries the error envelope.",
        "On 429 the client must wait `Retry-After` (seconds or an HTTP-date). A garbage value or "
        "a body that is not the envelope is a FAIL; a 429 without the header is a WARN (D-11: "
        "the docs say limited responses *may* carry it).",
        "#/components/responses/SubmitRateLimited, #/components/responses/QueryRateLimited",
        "behaviour",
        "envelope",
        quote="On 429, read the `Retry-After` header, sleep that long plus jitter",
        decisions=("D-11",),
    ),
)


def _declared_beside_their_code() -> tuple[CheckInfo, ...]:
    """Import every module that judges checks, so that their declarations are made."""
    import importlib
    import pkgutil

    for package_name in ("conformance.probes", "conformance.judges"):
        try:
            package = importlib.import_module(package_name)
        except ModuleNotFoundError as missing:
            if missing.name != package_name:
                raise
            continue
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{module.name}")
    return tuple(declared().values())


_ENTRIES = (
    *_ENTRIES,
    *(i for i in _declared_beside_their_code() if i.id not in {e.id for e in _ENTRIES}),
)
CATALOGUE: Mapping[str, CheckInfo] = MappingProxyType({info.id: info for info in _ENTRIES})

# Ids of the previous release, still accepted by --only/--skip for one release.
RENAMED: Mapping[str, str] = MappingProxyType(
    {
        "validation-rejects-prompt-1001": "validation-rejects-prompt-over-limit",
        "validation-accepts-prompt-1000": "validation-accepts-prompt-at-limit",
        "validation-rejects-six-image-urls": "validation-rejects-too-many-image-urls",
        "validation-rejects-n-3": "validation-rejects-n-outside-enum",
        "validation-rejects-size-16-9": "validation-rejects-undocumented-size",
        "lifecycle-expires-24h": "lifecycle-expires-after-lifetime",
    }
)

SCHEMATHESIS_CHECKS: Mapping[str, str] = MappingProxyType(
    {
        info.id.removeprefix("schema-").replace("-", "_"): info.id
        for info in _ENTRIES
        if info.layer == "schema"
    }
)


def basis_counts() -> dict[str, int]:
    counts: dict[str, int] = {DOCUMENTED: 0, DECIDED: 0}
    for info in _ENTRIES:
        counts[info.basis] += 1
    return counts
