"""Realistic bugs the mock can switch on one at a time (``toapis-mock --defect NAME``).

They exist to prove that a conformance suite (or a client's own tests) notices each kind of
mistake a real implementation makes. Each defect changes exactly one behaviour; everything else
stays as correct as the clean server. Validation defects are patches to the compiled request
schema; the others are tested by name at the one place they act.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import toapis_spec
from mock_server import contract

Area = Literal[
    "validation", "lifecycle", "auth", "envelope", "content-type", "uploads", "results", "webhooks"
]
SchemaPatch = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Defect:
    name: str
    summary: str
    area: Area
    schema_patch: SchemaPatch | None = None


def _props(schema: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schema["properties"]
    return properties


def _drop_prompt_limit(schema: dict[str, Any]) -> None:
    _props(schema)["prompt"].pop("maxLength", None)


def _allow_n_3(schema: dict[str, Any]) -> None:
    _props(schema)["n"]["enum"] = [*_props(schema)["n"]["enum"], 3]


def _allow_n_string(schema: dict[str, Any]) -> None:
    n = _props(schema)["n"]
    quoted = {"type": "string", "enum": [str(value) for value in n["enum"]]}
    _props(schema)["n"] = {"anyOf": [n, quoted]}


def _allow_n_boolean(schema: dict[str, Any]) -> None:
    n = _props(schema)["n"]
    _props(schema)["n"] = {"anyOf": [n, {"type": "boolean", "const": True}]}


def _allow_size_16_9(schema: dict[str, Any]) -> None:
    size = _props(schema)["size"]
    size["enum"] = [*size["enum"], "16:9"]


def _allow_too_many_urls(schema: dict[str, Any]) -> None:
    _props(schema)["image_urls"]["maxItems"] += 1


def _refuse_max_urls(schema: dict[str, Any]) -> None:
    _props(schema)["image_urls"]["maxItems"] -= 1


def _allow_data_urls(schema: dict[str, Any]) -> None:
    items = _props(schema)["image_urls"]["items"]
    _props(schema)["image_urls"]["items"] = {
        "anyOf": [items, {"type": "string", "pattern": "^data:"}]
    }


def _allow_mask_without_reference(schema: dict[str, Any]) -> None:
    for keyword in ("if", "then", "else", "anyOf", "oneOf", "allOf", "dependentRequired"):
        schema.pop(keyword, None)


# The numbers the summaries state, read from the contract (nothing restated by hand).
_PROMPT_MAX = contract.request_property("prompt")["maxLength"]
_N_ALLOWED = contract.request_property("n")["enum"]
_SIZES = contract.request_property("size")["enum"]
_URLS_MAX = contract.request_property("image_urls")["maxItems"]
_UPLOAD_MAX = contract.upload_size_limit()
_LIFETIME = toapis_spec.result_lifetime_seconds()


def _words(values: list[Any]) -> str:
    items = [str(value) for value in values]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


_ALL = (
    # validation
    Defect(
        "accept-long-prompt",
        f"accepts a prompt longer than {_PROMPT_MAX} characters",
        "validation",
        _drop_prompt_limit,
    ),
    Defect(
        "accept-n-3",
        f"accepts n: 3 (only {_words(_N_ALLOWED)} are allowed)",
        "validation",
        _allow_n_3,
    ),
    Defect("accept-n-string", 'accepts a quoted n such as "1"', "validation", _allow_n_string),
    Defect("accept-n-true", "accepts n: true (Python's True == 1)", "validation", _allow_n_boolean),
    Defect(
        "accept-size-16-9",
        f"accepts size 16:9 (only {_words(_SIZES)} are allowed)",
        "validation",
        _allow_size_16_9,
    ),
    Defect(
        "accept-too-many-image-urls",
        f"accepts more image_urls than the {_URLS_MAX} allowed",
        "validation",
        _allow_too_many_urls,
    ),
    Defect(
        "refuses-max-reference-images",
        f"refuses exactly {_URLS_MAX} image_urls, the documented maximum (an off-by-one)",
        "validation",
        _refuse_max_urls,
    ),
    Defect(
        "ignores-model",
        "accepts any string as model, serving unknown ones as "
        f"{contract.default_model()} (and echoing the name)",
        "validation",
    ),
    Defect("accept-data-urls", "accepts data: URLs in image_urls", "validation", _allow_data_urls),
    Defect(
        "accept-mask-without-reference",
        "accepts mask_url without image_urls",
        "validation",
        _allow_mask_without_reference,
    ),
    # life cycle
    Defect(
        "progress-goes-backwards", "progress of a running task decreases between polls", "lifecycle"
    ),
    Defect(
        "finished-task-changes",
        "the path of a completed task's result URLs changes on every poll (the files are served)",
        "lifecycle",
    ),
    Defect(
        "finished-task-status-changes",
        "a completed task reads failed (with an error) on every later poll",
        "lifecycle",
    ),
    Defect(
        "finished-result-count-changes",
        "a completed task's result.data gains one more entry on every later poll",
        "lifecycle",
    ),
    Defect(
        "progress-dips-briefly",
        "a running task polled again within 0.5 s shows a lower progress than the poll before",
        "lifecycle",
    ),
    Defect("failed-task-without-error", "a failed task carries no error object", "lifecycle"),
    Defect("result-count-mismatch", "a completed task has n + 1 result images", "lifecycle"),
    Defect(
        "expires-at-wrong",
        f"expires_at is completed_at + 3600 instead of + {_LIFETIME}",
        "lifecycle",
    ),
    Defect(
        "created-at-changes", "created_at is the time of the poll, not of the creation", "lifecycle"
    ),
    Defect("completed-without-result", "a completed task has neither result nor url", "lifecycle"),
    Defect("never-finishes", "tasks stay in_progress at 99% forever", "lifecycle"),
    Defect(
        "failed-task-http-500",
        "a failed task is answered with HTTP 500 instead of 200",
        "lifecycle",
    ),
    # auth and isolation
    Defect("cross-tenant-read", "another tenant's task is readable", "auth"),
    Defect(
        "foreign-task-403",
        "another tenant's task is a 403, telling it apart from a missing one",
        "auth",
    ),
    Defect("status-without-token", "the status route accepts requests without a token", "auth"),
    Defect("unauthorized-wrong-envelope", 'a 401 body is {"message": "Unauthorized"}', "auth"),
    # error envelopes
    Defect(
        "invalid-request-without-param", "a 400 for an invalid field has no error.param", "envelope"
    ),
    Defect(
        "error-as-string", 'a 400 body is {"error": "<message>"} instead of an object', "envelope"
    ),
    Defect("retry-after-missing", "a 429 has no Retry-After header", "envelope"),
    # content types
    Defect("json-as-html", "JSON bodies are served as text/html", "content-type"),
    # uploads
    Defect("upload-type-by-name", "uploads are typed by file name, not by content", "uploads"),
    Defect("upload-no-size-limit", f"uploads over {_UPLOAD_MAX} bytes are accepted", "uploads"),
    Defect("upload-rejects-gif", "GIF uploads are refused", "uploads"),
    Defect(
        "upload-too-large-413",
        f"an upload over {_UPLOAD_MAX} bytes is a 413 instead of the documented 400",
        "uploads",
    ),
    # results
    Defect("wrong-aspect-ratio", "result images are square whatever the size", "results"),
    Defect(
        "jpeg-served-as-png",
        "result files are not in the format their URL names (JPEG bytes at .png URLs)",
        "results",
    ),
    Defect("expired-results-served", "result images are still served after expires_at", "results"),
    # webhooks (mock_server.webhooks)
    Defect(
        "webhook-wrong-signature",
        "webhooks are signed with the SHA-256 of the secret as the key, not the secret itself",
        "webhooks",
    ),
    Defect(
        "webhook-signs-body-only",
        "the webhook signature covers the raw body only, not event id and timestamp",
        "webhooks",
    ),
    Defect(
        "webhook-stale-timestamp",
        "webhooks carry (and sign) a timestamp ten minutes in the past",
        "webhooks",
    ),
    Defect(
        "webhook-status-mismatch",
        "a webhook's data.status says the opposite of the task's final state",
        "webhooks",
    ),
    Defect(
        "webhook-new-event-id-per-retry",
        "each retry of a webhook carries a new event id, defeating deduplication",
        "webhooks",
    ),
    Defect("webhook-no-retry", "a webhook answered with a non-2xx is never retried", "webhooks"),
    Defect(
        "webhook-follows-redirects",
        "webhook deliveries follow redirects (and count the redirect target's 2xx as success)",
        "webhooks",
    ),
)

DEFECTS: Mapping[str, Defect] = {defect.name: defect for defect in _ALL}

# Old names still accepted (``MockConfig`` replaces them; the CLI warns), never listed.
DEFECT_ALIASES: Mapping[str, str] = {"accept-six-image-urls": "accept-too-many-image-urls"}
