"""The catalogue of checks: one entry per documented promise the suite enforces.

The CLI (``--list-checks``, ``--only``/``--skip``), every report and the generated documentation
read this table; an id never changes meaning once published. ``layer`` says who does the checking:
``schema`` (Schemathesis' built-in checks over generated requests) or ``behaviour`` (our own checks
of what a schema cannot say).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class CheckInfo:
    id: str
    title: str
    promise: str
    source: str
    layer: str  # "schema" | "behaviour"
    area: str


_TASK = "#/components/schemas/Task"
_CREATE = "#/paths/~1v1~1images~1generations/post"
_STATUS = "#/paths/~1v1~1images~1generations~1{task_id}/get"
_UPLOAD = "#/paths/~1v1~1uploads~1images/post"
_REQUEST = "#/components/schemas/Gpt4oImageGenerationRequest"


def _schema(name: str, title: str, promise: str, area: str = "schema") -> CheckInfo:
    return CheckInfo(
        id="schema-" + name.replace("_", "-"),
        title=title,
        promise=promise,
        source=f"whole contract (Schemathesis check `{name}`)",
        layer="schema",
        area=area,
    )


def _invalid(slug: str, what: str, field: str, source: str) -> CheckInfo:
    return CheckInfo(
        id=f"validation-rejects-{slug}",
        title=f"A create request with {what} is rejected with 400 and `param` {field!r}.",
        promise=(
            f"{what[0].upper()}{what[1:]} violates the documented request rules; the server "
            "answers "
            f"400 with the error envelope and `error.param` naming `{field}`."
        ),
        source=source,
        layer="behaviour",
        area="validation",
    )


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
    ),
    _schema(
        "status_code_conformance",
        "Every status code returned is documented for its operation.",
        "Each operation answers only with the status codes the contract lists.",
    ),
    _schema(
        "content_type_conformance",
        "Every response has a documented Content-Type.",
        "Responses are JSON where the contract says JSON.",
    ),
    _schema(
        "response_headers_conformance",
        "Documented required response headers are present and well formed.",
        "Headers the contract requires (e.g. Retry-After on 429) are sent with valid values.",
    ),
    _schema(
        "response_schema_conformance",
        "Every response body matches the documented schema for its status.",
        "Bodies match the contract's schemas (Task, ErrorResponse, upload envelopes).",
    ),
    _schema(
        "positive_data_acceptance",
        "Requests that satisfy the contract are accepted.",
        "A request valid per the contract is not rejected as invalid.",
    ),
    _schema(
        "negative_data_rejection",
        "Requests that violate the contract are rejected with 4xx.",
        "A request the contract forbids is refused rather than processed.",
    ),
    _schema(
        "missing_required_header",
        "A request without a required header is rejected.",
        "Missing required headers (e.g. Authorization) lead to a 4xx answer.",
        area="auth",
    ),
    _schema(
        "ignored_auth",
        "Operations that require an API key refuse requests without a valid one.",
        "Every operation requires `Authorization: Bearer <API key>`.",
        area="auth",
    ),
    _schema(
        "ensure_resource_availability",
        "A created resource can be read back through its link.",
        "A created task is available at once through the `GetTaskStatus` link.",
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
    ),
    CheckInfo(
        "lifecycle-progress-monotonic",
        "A task's progress never decreases.",
        "`progress` (0-100) never decreases between polls.",
        f"{_TASK}/properties/progress",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-terminal-final",
        "A completed or failed task never changes again.",
        "`completed` and `failed` are final: later polls return the same task.",
        "#/components/schemas/TaskStatus",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-status-order",
        "Status moves only forward: queued -> in_progress -> completed|failed.",
        "The life cycle is queued -> in_progress -> completed or failed; it never goes back.",
        f"{_STATUS} (description)",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-created-at-stable",
        "A task's `created_at` (and `id`) never change.",
        "`created_at` is when the task was created and never changes.",
        f"{_TASK}/properties/created_at",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-completed-result-count",
        "A completed task has exactly `n` result URLs.",
        "`result.data` has one entry per requested image (`n`, default 1).",
        "#/components/schemas/TaskResult",
        "behaviour",
        "results",
    ),
    CheckInfo(
        "lifecycle-expires-24h",
        "A completed task expires 24 hours after completion.",
        "`expires_at` = `completed_at` + 86400 (result URLs are valid for 24 hours).",
        f"{_TASK}/properties/expires_at",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-terminal-within-bound",
        "A task reaches `completed` or `failed` within the documented wait bound.",
        "The docs advise giving up after 120 s: a task is final within that bound "
        "(configurable with --task-timeout).",
        "info.description (polling advice: give up after 120 s)",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-ids-unique",
        "Every created task gets its own id.",
        "The task `id` identifies one task; two creations never share an id.",
        f"{_TASK}/properties/id",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "lifecycle-failed-has-error",
        "A failed task carries `error{code,message}` and no result.",
        "A failed task is HTTP 200 with `status: failed`, an `error` object and no `result`/`url`.",
        f"{_TASK} (allOf: status failed)",
        "behaviour",
        "lifecycle",
    ),
    # --- results ---
    CheckInfo(
        "results-images-match-request",
        "Result URLs serve decodable images with the requested aspect ratio.",
        "Each `result.data[].url` serves an image (JPEG, PNG or WebP) whose aspect ratio is the "
        "requested `size` (default 1:1), labelled with a matching Content-Type.",
        "#/components/schemas/Gpt4oImageSize, #/components/schemas/ResultImage",
        "behaviour",
        "results",
    ),
    CheckInfo(
        "results-expire-after-ttl",
        "Result URLs stop serving the image once `expires_at` has passed.",
        "Generated image URLs are valid for 24 hours (`expires_at`); once expired, the image "
        "cannot be fetched. Needs the server's clock moved forward: the embedded mock only.",
        "#/components/schemas/Task/properties/expires_at",
        "behaviour",
        "results",
    ),
    # --- not found and isolation ---
    CheckInfo(
        "tasks-unknown-id-404",
        "An unknown task id is answered 404 with the error envelope.",
        "No task with this id exists for the user: 404 with `error{code,message}`.",
        "#/components/responses/TaskNotFound",
        "behaviour",
        "lifecycle",
    ),
    CheckInfo(
        "tasks-tenant-isolation",
        "One API key cannot read another user's task.",
        "Tasks are scoped to the user who owns the key: another user's task is answered exactly "
        "like a task that does not exist (404).",
        f"{_STATUS} (description), #/components/responses/TaskNotFound",
        "behaviour",
        "auth",
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
    ),
    CheckInfo(
        "auth-wrong-key-401",
        "Every operation answers 401 with the documented body for an unknown key.",
        "An invalid API key is answered 401 with a documented 401 body on every operation.",
        "#/components/responses/Unauthorized, uploadImage 401",
        "behaviour",
        "auth",
    ),
    # --- validation: documented invalid and boundary values ---
    _invalid("missing-prompt", "no `prompt`", "prompt", f"{_REQUEST}/required"),
    _invalid("prompt-1001", "a 1001-character prompt", "prompt", f"{_REQUEST}/properties/prompt"),
    _invalid("n-3", "`n: 3`", "n", f"{_REQUEST}/properties/n"),
    _invalid("n-string", 'the string `n: "1"`', "n", f"{_REQUEST}/properties/n"),
    _invalid("n-boolean", "`n: true`", "n", f"{_REQUEST}/properties/n"),
    _invalid("size-16-9", '`size: "16:9"`', "size", "#/components/schemas/Gpt4oImageSize"),
    _invalid(
        "six-image-urls", "six `image_urls`", "image_urls", f"{_REQUEST}/properties/image_urls"
    ),
    _invalid(
        "data-url", "a `data:` URL in `image_urls`", "image_urls", "#/components/schemas/ImageUrl"
    ),
    _invalid(
        "ftp-url", "an `ftp://` URL in `image_urls`", "image_urls", "#/components/schemas/ImageUrl"
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
    ),
    CheckInfo(
        "validation-accepts-n-float",
        "`n: 1.0` (a valid JSON integer) is accepted.",
        "`n` is the JSON number 1, 2 or 4; JSON Schema counts 1.0 as the integer 1.",
        f"{_REQUEST}/properties/n",
        "behaviour",
        "validation",
    ),
    CheckInfo(
        "validation-accepts-prompt-1000",
        "A prompt of exactly 1000 characters is accepted.",
        "The prompt holds at most 1000 characters, so 1000 is allowed.",
        f"{_REQUEST}/properties/prompt",
        "behaviour",
        "validation",
    ),
    CheckInfo(
        "validation-mask-non-png",
        "A non-PNG `mask_url` is refused (400 or a failed task), never completed.",
        "The mask must be a PNG. The docs do not say how a wrong mask fails, so either a 400 or "
        "a failed task is accepted; a completed task is not.",
        f"{_REQUEST}/properties/mask_url",
        "behaviour",
        "validation",
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
    ),
    CheckInfo(
        "uploads-rejects-non-image",
        "A file that is not an image is rejected with the upload error envelope.",
        "Unsupported types answer 400 `{success: false, message}`.",
        f"{_UPLOAD}/responses/400",
        "behaviour",
        "uploads",
    ),
    CheckInfo(
        "uploads-rejects-oversize",
        "An image of 10 MB + 1 byte is rejected with 400 (not 413).",
        "Images are at most 10 MB; larger ones answer 400 `{success: false, message}`.",
        f"{_UPLOAD}/responses/400",
        "behaviour",
        "uploads",
    ),
    CheckInfo(
        "uploads-url-usable-for-generation",
        "The URL of an upload works as a reference image for generation.",
        "`data.url` can be passed straight to `image_urls`; the task is accepted and completes.",
        "#/components/schemas/UploadedImage/properties/url",
        "behaviour",
        "uploads",
    ),
    # --- rate limits ---
    CheckInfo(
        "ratelimit-retry-after",
        "Every 429 answer carries a valid Retry-After header and the error envelope.",
        "On 429 the client must wait `Retry-After` seconds, so the header is required.",
        "#/components/responses/SubmitRateLimited, #/components/responses/QueryRateLimited",
        "behaviour",
        "envelope",
    ),
)

CATALOGUE: Mapping[str, CheckInfo] = MappingProxyType({info.id: info for info in _ENTRIES})

SCHEMATHESIS_CHECKS: Mapping[str, str] = MappingProxyType(
    {
        info.id.removeprefix("schema-").replace("-", "_"): info.id
        for info in _ENTRIES
        if info.layer == "schema"
    }
)
