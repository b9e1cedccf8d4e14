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


def _one_past_n(n: dict[str, Any]) -> int | None:
    """The smallest positive ``n`` the schema refuses, or ``None`` (no upper bound)."""
    if "enum" in n:
        return next(i for i in range(1, 1000) if i not in n["enum"])
    return int(n["maximum"]) + 1 if "maximum" in n else None


def _allow_n_3(schema: dict[str, Any]) -> None:
    # Named for the default model (1, 2, 4 allowed); every model gains its own first refused n.
    n = _props(schema).get("n")
    extra = _one_past_n(n) if n is not None else None
    if n is not None and extra is not None:
        _props(schema)["n"] = {"anyOf": [n, {"type": "integer", "const": extra}]}


def _allow_n_string(schema: dict[str, Any]) -> None:
    n = _props(schema).get("n")
    if n is not None:
        quoted = {"type": "string", "pattern": "^[0-9]+$"}
        _props(schema)["n"] = {"anyOf": [n, quoted]}


def _allow_n_boolean(schema: dict[str, Any]) -> None:
    n = _props(schema).get("n")
    if n is not None:
        _props(schema)["n"] = {"anyOf": [n, {"type": "boolean", "const": True}]}


def _allow_size_16_9(schema: dict[str, Any]) -> None:
    # Named for the default model; every model gains the ratio the suite tries as undocumented.
    size = _props(schema).get("size")
    extra = toapis_spec.undocumented_ratio(size.get("enum", ())) if size else None
    if size is not None and extra is not None:
        size["enum"] = [*size["enum"], extra]


def _array_nodes(node: Any) -> list[dict[str, Any]]:
    """The array schemas within a property (itself, or inside its ``allOf``: a ``$ref`` with
    sibling keywords is inlined as one)."""
    if not isinstance(node, dict):
        return []
    own = [node] if "items" in node else []
    return own + [found for part in node.get("allOf", ()) for found in _array_nodes(part)]


def _reference_lists(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's reference-image arrays (``image_urls``, ``reference_images``)."""
    return [
        node
        for name, prop in _props(schema).items()
        if name in {"image_urls", "reference_images"}
        for node in _array_nodes(prop)
    ]


def _allow_too_many_urls(schema: dict[str, Any]) -> None:
    for prop in _reference_lists(schema):
        if "maxItems" in prop:
            prop["maxItems"] += 1


def _refuse_max_urls(schema: dict[str, Any]) -> None:
    for prop in _reference_lists(schema):
        if "maxItems" in prop:
            prop["maxItems"] -= 1


def _allow_data_urls(schema: dict[str, Any]) -> None:
    for prop in _reference_lists(schema):
        prop["items"] = {"anyOf": [prop["items"], {"type": "string", "pattern": "^data:"}]}


def _allow_mask_without_reference(schema: dict[str, Any]) -> None:
    if "mask_url" not in _props(schema):
        return
    for keyword in ("if", "then", "else", "anyOf", "oneOf", "allOf", "dependentRequired"):
        schema.pop(keyword, None)


def _numeric_maxima(node: Any, top: bool = True) -> list[dict[str, Any]]:
    """The numeric property schemas with a ``maximum`` below a member schema (nested objects
    and inlined ``allOf`` parts included), ``n`` left out (its own defects cover it)."""
    found: list[dict[str, Any]] = []
    if not isinstance(node, dict):
        return found
    if node.get("type") in ("integer", "number") and "maximum" in node:
        found.append(node)
    for name, prop in node.get("properties", {}).items():
        if not (top and name == "n"):
            found += _numeric_maxima(prop, top=False)
    for part in node.get("allOf", ()):
        found += _numeric_maxima(part, top=False)
    return found


def _numeric_limit_off_by_one(schema: dict[str, Any]) -> None:
    for prop in _numeric_maxima(schema):
        prop["maximum"] += 1


# The numbers the summaries state, read from the contract (nothing restated by hand).
_PROMPT_MAX = contract.request_property("prompt")["maxLength"]
_N_ALLOWED = contract.request_property("n")["enum"]
_SIZES = contract.request_property("size")["enum"]
_URLS_MAX = contract.request_property("image_urls")["maxItems"]
_UPLOAD_MAX = contract.upload_size_limit()
_MASK_MAX = toapis_spec.fetched_max_bytes(contract.default_model(), "mask_url")
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
    Defect(
        "numeric-limit-off-by-one",
        "accepts every numeric option other than n one step past its maximum (an off-by-one)",
        "validation",
        _numeric_limit_off_by_one,
    ),
    Defect(
        "refuse-webp-references",
        "refuses an uploaded WebP image as a reference (a 400), though the page lists webp",
        "validation",
    ),
    Defect(
        "accept-mismatched-mask",
        "accepts (and completes) a PNG mask whose pixel size differs from the reference image's",
        "validation",
    ),
    Defect(
        "accept-large-mask",
        f"accepts a PNG mask over the {_MASK_MAX} bytes the docs allow (an upload, under 10 MB)",
        "validation",
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
    Defect(
        "result-item-format-wrong",
        "each result.data[] item carries an output_format naming another format than its file's",
        "results",
    ),
    Defect(
        "output-format-ignored",
        "the request's output format field (output_format, metadata.response_format, "
        "imageOutputOptions.mimeType) is ignored: results are always PNG",
        "results",
    ),
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
    # responses: what answers echo, derive and hand out (conformance.judges.echo, urls, ...)
    Defect(
        "echo-other-model",
        "task bodies name another model of the contract than the one the request asked for",
        "results",
    ),
    Defect(
        "default-n-two",
        "a request without n gets 2 images (the documented default is 1)",
        "results",
    ),
    Defect(
        "top-level-url-broken",
        "a completed task's top-level url points to a file that does not exist (404)",
        "results",
    ),
    Defect(
        "upload-url-thumbnail",
        "an upload's data.url serves a copy at half the uploaded width and height",
        "uploads",
    ),
    Defect(
        "created-at-in-ms",
        "created_at is in Unix milliseconds (JavaScript's Date.now()), not seconds",
        "lifecycle",
    ),
)

DEFECTS: Mapping[str, Defect] = {defect.name: defect for defect in _ALL}

# Old names still accepted (``MockConfig`` replaces them; the CLI warns), never listed.
DEFECT_ALIASES: Mapping[str, str] = {"accept-six-image-urls": "accept-too-many-image-urls"}
