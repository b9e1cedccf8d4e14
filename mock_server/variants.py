"""Legal variants: behaviours the ToAPIs docs allow that the default mock does not show.

The mirror image of ``mock_server.defects``: each variant (``toapis-mock --variant NAME``) makes
the mock behave differently *and still correctly*, so that a conformance suite can be shown not to
fail a correct server that reads the docs differently from the default mock. Every variant names
its ``basis``: the doc sentence (quoted from the reference notes) or the decision (DECISIONS.md)
that allows it. Variants compose with each other (except the ``conflicts`` pairs) and with defects.

Like the defects, most variants are tested by name at the one place they act; the strictness
variants that loosen validation are patches to the compiled request schema (``SCHEMA_PATCHES``).
This module also holds the small pure helpers the routes share (ids, error envelopes, headers).
"""

from __future__ import annotations

import email.utils
import hashlib
import math
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

SchemaPatch = Callable[[dict[str, Any]], None]

FAMILIES = ("results", "timing", "bodies", "transport", "ratelimit", "strictness")


@dataclass(frozen=True)
class Variant:
    name: str
    family: str  # one of FAMILIES
    summary: str
    basis: str  # the doc sentence (quoted from the reference notes) or "D-xx: ..." decision
    conflicts: frozenset[str] = frozenset()


# Numbers the variants' behaviour uses (and their summaries state).
SLOW_TASK_SECONDS = 30.0
LONG_QUEUE_POLLS = 3
BORN_PROGRESS = 5
JUMP_VALUES = (7, 63)
LATENCY_SECONDS = 0.15
RANDOM_429_RATE = 0.1
GZIP_MINIMUM_SIZE = 16
# billing-fields: the price of one image, and one completed task in this many keeps billing pending.
PRICE_PER_IMAGE_USD = Decimal("0.02")
CREDITS_PER_USD = 100
BILLING_PENDING_ONE_IN = 3
USAGE_OUTPUT_TOKENS_PER_IMAGE = 1056

_RESULTS = "Generated URLs are valid for **24 hours**"
PROBLEM_JSON = "application/problem+json"

_ALL = (
    # -- results -----------------------------------------------------------------------------
    Variant(
        "signed-result-urls",
        "results",
        "result URLs (and the top-level url) carry a fresh ?sig=<hex>&exp=<expires_at> query on "
        "every response; the file is served whatever the query",
        f'"{_RESULTS}"; nothing promises a stable URL string (CDNs sign URLs per request).',
    ),
    Variant(
        "redirect-results",
        "results",
        "result URLs answer 302 with a Location on another path of the mock that serves the image",
        f'"{_RESULTS}" (files.toapis.com): result files are CDN-delivered, and a CDN may redirect.',
    ),
    Variant(
        "jpeg-results",
        "results",
        "result images are JPEG: URLs end .jpg, Content-Type image/jpeg",
        "The documented example result URL is "
        '"https://files.toapis.com/generated/1768381061_c55c1bbb.jpg".',
        frozenset({"webp-results"}),
    ),
    Variant(
        "webp-results",
        "results",
        "result images are WebP: URLs end .webp, Content-Type image/webp",
        "The docs name no result format for gpt-4o-image.",
        frozenset({"jpeg-results"}),
    ),
    Variant(
        "untyped-results",
        "results",
        "result files are served as application/octet-stream",
        "No Content-Type is documented for result files.",
    ),
    Variant(
        "documented-url-shape",
        "results",
        "result URLs are <base>/generated/<unix ts>_<8 hex>.<ext> (no task id in the path), upload "
        "URLs <base>/uploads/<user>/<ts>_<hex>.<ext>",
        'The documented example URLs: "https://files.toapis.com/generated/1768381061_c55c1bbb.jpg",'
        ' "https://files.toapis.com/uploads/<user>/<ts>_<hex>.jpg".',
        frozenset({"files-host-paths"}),
    ),
    Variant(
        "no-top-level-url",
        "results",
        "completed tasks carry only result.data[].url, no top-level url",
        "D-03: the cn status page dropped `url` and points to `result.data[0].url` instead.",
    ),
    Variant(
        "files-host-paths",
        "results",
        "result URLs are <base>/images/<task id>/<unix ts>_<8 hex>.<ext>, the shape the real "
        "files host uses (still served by the mock)",
        f'"{_RESULTS}"; a real result URL seen by third-party code: '
        '"https://files.toapis.com/images/tsk_img_01KSWYQ9TXAXQK67J46K44A820/'
        '1780161991_c9091b0f.png" (the docs promise no URL shape).',
        frozenset({"documented-url-shape"}),
    ),
    Variant(
        "result-item-extras",
        "results",
        "each result.data[] item also carries size and output_format",
        '"Other models add extra item fields, e.g. `size`, `output_format`, ..." (status page, '
        "result); D-10: unknown fields are never forbidden.",
    ),
    Variant(
        "format-blind-result-names",
        "results",
        "result URLs keep the default extension (.png) whatever format the request asked: a "
        "JPEG asked with output_format is served as JPEG (Content-Type image/jpeg) at a .png URL",
        'The docs promise the file\'s format (output_format: "Output format"), never a URL name.',
    ),
    Variant(
        "exif-rotated-results",
        "results",
        "result files are stored turned a quarter turn with the EXIF orientation 6 (rotate 90 "
        "clockwise to display), so that they display at the asked size and ratio",
        'The docs promise an aspect ratio (size: "Image aspect ratio"), which is what a viewer '
        "shows: image viewers, browsers and image libraries apply the EXIF orientation.",
    ),
    # -- timing ------------------------------------------------------------------------------
    Variant(
        "instant-tasks",
        "timing",
        "the create answer is already the final task (completed with its result, or failed), and "
        "polls return the same",
        "The create response is a `generation.task` whose status enum includes `completed`; "
        "nothing requires a transient state to be observable.",
        frozenset({"slow-tasks", "born-in-progress", "long-queue", "progress-jumps"}),
    ),
    Variant(
        "slow-tasks",
        "timing",
        f"tasks take {SLOW_TASK_SECONDS:g} s of real time (queued for the first "
        f"{SLOW_TASK_SECONDS / 10:g} s, then in_progress with rising progress), whatever "
        "--step-per-poll says",
        '"typical time 5-30 s", "max wait 120 s" (polling strategy, D-22).',
        frozenset({"instant-tasks"}),
    ),
    Variant(
        "born-in-progress",
        "timing",
        f"created tasks are already in_progress (progress {BORN_PROGRESS})",
        "`queued` is a documented non-final state, but nothing says it must be seen: "
        "the in-progress example is a task like any other.",
        frozenset({"instant-tasks", "long-queue", "progress-jumps"}),
    ),
    Variant(
        "long-queue",
        "timing",
        f"tasks stay queued at progress 0 for the first {LONG_QUEUE_POLLS} polls before advancing",
        "`queued` is a documented non-final state (status enum: `queued`, `in_progress`, "
        "`completed`, `failed`).",
        frozenset({"instant-tasks", "born-in-progress"}),
    ),
    Variant(
        "progress-jumps",
        "timing",
        "progress goes straight from 0 to 100 (one task in two) or through odd values "
        f"({', '.join(map(str, JUMP_VALUES))}), never decreasing",
        '"progress: integer, 0-100" is all the docs say of the values in between.',
        frozenset({"instant-tasks", "born-in-progress"}),
    ),
    Variant(
        "failed-with-finish-time",
        "timing",
        "failed tasks carry completed_at (their finish time); progress stays as it was",
        "D-20: `completed_at` is not forbidden on a failed task.",
    ),
    # -- bodies ------------------------------------------------------------------------------
    Variant(
        "extra-fields",
        "bodies",
        "extra fields at every level of every JSON body (a request_id that differs on each "
        "response, and more inside result, result items, errors, envelopes and upload bodies)",
        "D-10: no schema sets `additionalProperties: false`; unknown fields are never forbidden.",
    ),
    Variant(
        "null-for-absent",
        "bodies",
        "fields the task's state does not have are JSON null instead of absent (completed_at, "
        "expires_at, url, result, error, client_business_id)",
        "D-21: absent or null both mean 'not there'; the webhook payload uses null this way.",
    ),
    Variant(
        "ulid-ids",
        "bodies",
        "task ids are tsk_img_<26-character Crockford ULID>",
        "D-01: observed `tsk_img_01KSWYQ9TXAXQK67J46K44A820`; ids are opaque.",
        frozenset({"hex-ids"}),
    ),
    Variant(
        "hex-ids",
        "bodies",
        "task ids are img_<32 hex digits>",
        "D-01: the status examples use `img_5b8b19afe5c24ab3a92df996f1a33931`; ids are opaque.",
        frozenset({"ulid-ids"}),
    ),
    Variant(
        "integer-error-codes",
        "bodies",
        "every {error: {...}} envelope has the numeric HTTP status as error.code",
        "D-04: a string and the numeric HTTP status are both documented for error.code.",
    ),
    Variant(
        "errors-without-type",
        "bodies",
        "error envelopes have no error.type (param is kept on 400s)",
        "D-04: `type` is optional; the async rate limiter's documented bodies have none.",
    ),
    Variant(
        "upload-envelope-401",
        "bodies",
        "the upload endpoint's 401 is {success: false, message}",
        "D-08: no 401 is documented for uploads; their 400s use {success, message}.",
    ),
    Variant(
        "no-metadata",
        "bodies",
        "tasks carry no metadata field",
        "`metadata` is not a listed field of the task status page.",
    ),
    Variant(
        "no-upload-message",
        "bodies",
        "upload success bodies have no message",
        'Upload responses: "`message` appears in every example but is not listed as a field".',
    ),
    Variant(
        "submitted-status",
        "bodies",
        "tasks not yet started read submitted instead of queued",
        "The en status table (newest en repo) lists `submitted`; D-02 chose `queued` (a "
        "suite may warn here, not fail).",
        frozenset({"pending-status"}),
    ),
    Variant(
        "pending-status",
        "bodies",
        "tasks not yet started (the create answer included) read pending instead of queued",
        "D-02: third-party code saw `pending` (three independent clients, which map it to "
        "`queued`, and a captured create answer); a third name for the state the docs call "
        "`queued` and `submitted` (a suite may warn here, not fail).",
        frozenset({"submitted-status"}),
    ),
    Variant(
        "echo-canonical-model",
        "bodies",
        "a task asked for with an alias (nano-banana-pro) names the model it is an alias of "
        "(gemini-3-pro-image-preview) in its model field",
        'D-51: a task\'s model is "the model used"; which name the service echoes for an alias '
        "is not documented.",
    ),
    Variant(
        "problem-json-errors",
        "bodies",
        f"every error response (status 400 and up) carries its JSON body as {PROBLEM_JSON}",
        "The docs show error bodies as JSON and name no media type for them; "
        f"{PROBLEM_JSON} (RFC 9457) is JSON, and the envelope is the same.",
    ),
    Variant(
        "billing-fields",
        "bodies",
        "tasks carry billing {status, credits, cost_usd} (decimal strings; status pending "
        f"while running and, one task in {BILLING_PENDING_ONE_IN}, still when completed, "
        "otherwise settled; refunded once failed), usage token counts once completed, and "
        "fail_reason beside error.message once failed",
        "D-10: unknown fields are never forbidden; independent clients of the real service "
        "read `billing`, `usage` and `fail_reason` (reference notes, observed behaviour).",
    ),
    # -- transport ---------------------------------------------------------------------------
    Variant(
        "gzip",
        "transport",
        "responses are gzip-compressed when the client accepts it",
        "HTTP content coding (RFC 9110 section 8.4); nothing in the docs forbids it.",
    ),
    Variant(
        "latency",
        "transport",
        f"every API request takes about {LATENCY_SECONDS * 1000:g} ms longer",
        "The API is a remote server (https://toapis.com); no response time is promised.",
    ),
    Variant(
        "connection-close",
        "transport",
        "every response carries Connection: close",
        "HTTP/1.1 (RFC 9112 section 9.6): a server may close the connection after any response.",
    ),
    # -- rate limits -------------------------------------------------------------------------
    Variant(
        "random-429",
        "ratelimit",
        f"about {RANDOM_429_RATE:.0%} of create and status requests (seeded) answer 429 with the "
        "documented body and Retry-After: 1, without creating or counting anything",
        'Rate limits are documented; "requests rejected with 429 do not count".',
    ),
    Variant(
        "http-date-retry-after",
        "ratelimit",
        "every 429 gives Retry-After as an HTTP-date 1-2 s ahead (RFC 9110 section 10.2.3)",
        'RFC 9110 allows delay-seconds or an HTTP-date; the docs say only "read the Retry-After '
        'header, sleep that long" (D-11).',
    ),
    Variant(
        "documented-rate-limits",
        "ratelimit",
        "the documented default-group token buckets, with X-RateLimit-* headers on create and "
        "status responses (as --rate-limits)",
        "Rate limits page: default group submit 5/s (burst 50), query 50/s (burst 500); "
        '"Headers that limited responses may carry: X-RateLimit-Limit, ..." (D-11).',
    ),
    # -- strictness --------------------------------------------------------------------------
    Variant(
        "accept-empty-prompt",
        "strictness",
        "an empty prompt is accepted (the length limit still holds)",
        'D-14: the docs say only "required, max 1000 characters"; minLength 1 is ours.',
    ),
    Variant(
        "ignore-mask-without-reference",
        "strictness",
        "mask_url without image_urls is accepted and the mask ignored (the task completes)",
        "D-09: the docs never say; requiring image_urls is an inference.",
    ),
    Variant(
        "refuse-float-n",
        "strictness",
        'n: 1.0 is refused with the 400 envelope and param "n"',
        'The docs say `n` is an integer and "must be a JSON number"; accepting 1.0 is D-15.',
    ),
    Variant(
        "accept-gif-references",
        "strictness",
        "an uploaded GIF used in image_urls is accepted",
        "D-13: an uploaded GIF used as a reference may be refused or not; the docs do not say.",
        frozenset({"refuse-unlisted-reference-formats"}),
    ),
    Variant(
        "refuse-unlisted-reference-formats",
        "strictness",
        "an uploaded reference in a format the model's page does not list (WebP for Seedream "
        "and gpt-image-2's editing mode, GIF) is refused with the 400 envelope naming the field",
        'The pages list what they support ("Image formats: jpeg, png"); nothing promises that '
        "another format is accepted.",
        frozenset({"accept-gif-references"}),
    ),
)

VARIANTS: Mapping[str, Variant] = {variant.name: variant for variant in _ALL}


@dataclass(frozen=True)
class Profile:
    """A named set of variants, switched on by its name wherever a variant name is accepted."""

    name: str
    summary: str
    variants: tuple[str, ...]


PROFILES: Mapping[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile(
            "observed-service",
            "what independent clients of the real service observed beyond the docs: pending "
            "status, billing/usage/fail_reason fields, tsk_img_<ULID> ids, files-host result "
            "paths, tasks taking real time",
            ("pending-status", "billing-fields", "ulid-ids", "files-host-paths", "slow-tasks"),
        ),
    )
}


def expand_profiles(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` with each profile name replaced by its variants (in order, without repeats)."""
    expanded: list[str] = []
    for name in names:
        profile = PROFILES.get(name)
        expanded += profile.variants if profile is not None else (name,)
    return tuple(dict.fromkeys(expanded))


def compatible_set() -> tuple[str, ...]:
    """A maximal set of mutually compatible variants: greedy, in ``VARIANTS`` order."""
    chosen: list[str] = []
    for name, variant in VARIANTS.items():
        if not variant.conflicts & set(chosen):
            chosen.append(name)
    return tuple(chosen)


def check_variants(names: Iterable[str]) -> None:
    """Raise ``ValueError`` for an unknown variant or two variants that conflict."""
    names = tuple(names)
    unknown = [name for name in names if name not in VARIANTS]
    if unknown:
        raise ValueError(
            f"unknown variant(s) {', '.join(unknown)}; see toapis-mock --list-variants "
            f"(profiles: {', '.join(PROFILES)})"
        )
    for index, name in enumerate(names):
        for other in names[index + 1 :]:
            if other in VARIANTS[name].conflicts:
                raise ValueError(f"variants {name} and {other} conflict: switch on one of them")


# -- strictness: patches to the compiled request schema ------------------------------------------


def _allow_empty_prompt(schema: dict[str, Any]) -> None:
    schema["properties"]["prompt"].pop("minLength", None)


def _allow_mask_without_reference(schema: dict[str, Any]) -> None:
    # Only the D-09 condition (if mask_url then image_urls); every other keyword stays.
    schema.pop("if", None)
    schema.pop("then", None)


SCHEMA_PATCHES: Mapping[str, SchemaPatch] = {
    "accept-empty-prompt": _allow_empty_prompt,
    "ignore-mask-without-reference": _allow_mask_without_reference,
}


# -- ids -------------------------------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def ulid(now: float, randomness: int) -> str:
    """A 26-character ULID: 48 bits of milliseconds, then 80 bits of ``randomness``."""
    value = ((int(now * 1000) & (2**48 - 1)) << 80) | (randomness & (2**80 - 1))
    return "".join(_CROCKFORD[(value >> (5 * shift)) & 31] for shift in range(25, -1, -1))


def task_id(variants: frozenset[str], bits: int, now: float) -> str | None:
    """The task id a variant prescribes, from 128 random ``bits``; None: the default form."""
    if "ulid-ids" in variants:
        return f"tsk_img_{ulid(now, bits)}"
    if "hex-ids" in variants:
        return f"img_{bits & (2**128 - 1):032x}"
    return None


# -- result files ------------------------------------------------------------------------------

RESULT_FORMATS = {
    "png": ("PNG", "image/png"),
    "jpg": ("JPEG", "image/jpeg"),
    "webp": ("WEBP", "image/webp"),
}


def result_extension(variants: frozenset[str]) -> str:
    if "jpeg-results" in variants:
        return "jpg"
    if "webp-results" in variants:
        return "webp"
    return "png"


def documented_result_name(task_id_: str, index: int, completed_at: int) -> str:
    """``<unix ts>_<8 hex>``: the documented shape of a generated file's name."""
    digest = hashlib.sha256(f"generated/{task_id_}/{index}".encode()).hexdigest()
    return f"{completed_at}_{digest[:8]}"


def documented_user(tenant: str) -> str:
    """A numeric user id for the documented upload URL shape (``/uploads/123/...``)."""
    return str(int(tenant[:8], 16) % 1_000_000)


# -- bodies ----------------------------------------------------------------------------------


def queued_name(variants: frozenset[str]) -> str:
    """What a task not yet started is called: ``queued`` (D-02), or a variant's other name."""
    if "submitted-status" in variants:
        return "submitted"
    if "pending-status" in variants:
        return "pending"
    return "queued"


def _task_hash(task_id_: str, purpose: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{purpose}/{task_id_}".encode()).digest()[:8], "big")


def billing_fields(task_id_: str, n: int, status: str, error_message: str | None) -> dict[str, Any]:
    """The fields billing-fields adds to a task in ``status`` (stable per task: final bodies
    are cached). ``error_message`` is the failed task's ``error.message``."""
    cost = PRICE_PER_IMAGE_USD * n
    if status == "failed":
        billing_status = "refunded"
    elif status == "completed" and _task_hash(task_id_, "billing") % BILLING_PENDING_ONE_IN:
        billing_status = "settled"
    else:
        billing_status = "pending"
    fields: dict[str, Any] = {
        "billing": {
            "status": billing_status,
            "credits": f"{cost * CREDITS_PER_USD:.2f}",
            "cost_usd": f"{cost:.4f}",
        }
    }
    if status == "completed":
        prompt_tokens = 12 + _task_hash(task_id_, "usage") % 200
        output_tokens = USAGE_OUTPUT_TOKENS_PER_IMAGE * n
        fields["usage"] = {
            "input_tokens": prompt_tokens,
            "output_tokens": output_tokens,
            "total_tokens": prompt_tokens + output_tokens,
        }
    if status == "failed" and error_message is not None:
        fields["fail_reason"] = error_message
    return fields


def request_id(rng: random.Random) -> str:
    return f"req_{rng.getrandbits(64):016x}"


def shape_error(body: Any, status: int, variants: frozenset[str], rng: random.Random | None) -> Any:
    """An error body (status >= 400) as the variants shape it; other bodies are returned as is."""
    if not variants or status < 400 or not isinstance(body, dict):
        return body
    error = body.get("error")
    if isinstance(error, dict):
        detail = dict(error)
        if "integer-error-codes" in variants:
            detail["code"] = status
        if "errors-without-type" in variants:
            detail.pop("type", None)
        shaped: dict[str, Any] = {**body, "error": detail}
        if "extra-fields" in variants and rng is not None:
            detail["trace_id"] = f"{rng.getrandbits(32):08x}"
            shaped["request_id"] = request_id(rng)
        return shaped
    if body.get("success") is False and "extra-fields" in variants and rng is not None:
        return {**body, "request_id": request_id(rng)}
    return body


def error_media_type(status: int, variants: frozenset[str], media_type: str) -> str:
    """The media type of a JSON response: ``media_type``, or for an error under
    problem-json-errors ``application/problem+json``."""
    return PROBLEM_JSON if status >= 400 and "problem-json-errors" in variants else media_type


def shape_upload(body: dict[str, Any], variants: frozenset[str], rng: random.Random) -> Any:
    """An upload success body as the variants shape it."""
    if not variants:
        return body
    shaped = dict(body)
    if "no-upload-message" in variants:
        shaped.pop("message", None)
    if "extra-fields" in variants:
        shaped["request_id"] = request_id(rng)
        shaped["data"] = {**shaped["data"], "purpose": "generation"}
    return shaped


def retry_after(headers: dict[str, str], variants: frozenset[str]) -> dict[str, str]:
    """``headers`` with a delay-seconds ``Retry-After`` as an HTTP-date, if the variant says so.

    The date is of the real clock (clients compare it with theirs), rounded up to the next
    whole second, so it lies between the delay and one second more ahead."""
    value = headers.get("Retry-After")
    if "http-date-retry-after" not in variants or value is None or not value.isdigit():
        return headers
    when = math.floor(time.time()) + int(value) + 1
    return {**headers, "Retry-After": email.utils.formatdate(when, usegmt=True)}
