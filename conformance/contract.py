"""What the behaviour checks need to know about the contract, read from it (never re-declared).

Limits (prompt length, allowed ``n`` and ``size``, reference image count, upload size) come from the
request schemas; response bodies are validated against the contract's response schemas.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import jsonschema

from toapis_spec import operation, result_lifetime_seconds

CREATE = "createImageGeneration"
STATUS = "getImageGenerationTask"
UPLOAD = "uploadImage"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class Limits:
    model: str
    prompt_max: int
    n_values: tuple[int, ...]
    n_default: int
    sizes: tuple[str, ...]
    size_default: str
    image_urls_max: int
    upload_max_bytes: int
    upload_mime_types: tuple[str, ...]
    result_ttl_seconds: int
    terminal_states: tuple[str, ...]
    transient_states: tuple[str, ...]


def _request_member() -> dict[str, Any]:
    schema = operation(CREATE).request_schema()
    return dict(schema["oneOf"][0]) if "oneOf" in schema else schema


@functools.cache
def limits() -> Limits:
    member = _request_member()
    props = member["properties"]
    uploaded = operation(UPLOAD).response_schema(200)["properties"]["data"]["properties"]
    task = operation(STATUS).response_schema(200)
    states = tuple(task["properties"]["status"]["enum"])
    return Limits(
        model=str(props["model"]["const"]),
        prompt_max=int(props["prompt"]["maxLength"]),
        n_values=tuple(props["n"]["enum"]),
        n_default=int(props["n"].get("default", 1)),
        sizes=tuple(props["size"]["enum"]),
        size_default=str(props["size"].get("default", props["size"]["enum"][0])),
        image_urls_max=int(props["image_urls"]["maxItems"]),
        upload_max_bytes=int(uploaded["size"]["maximum"]),
        upload_mime_types=tuple(uploaded["mime_type"]["enum"]),
        result_ttl_seconds=result_lifetime_seconds(),
        terminal_states=tuple(s for s in states if s in {"completed", "failed"}),
        transient_states=tuple(s for s in states if s not in {"completed", "failed"}),
    )


@functools.cache
def _validator(op_id: str, status: int, media_type: str) -> jsonschema.Draft202012Validator:
    schema = operation(op_id).response_schema(status, media_type)
    return jsonschema.Draft202012Validator(schema)


def documented_statuses(op_id: str) -> tuple[int, ...]:
    return operation(op_id).statuses


def schema_errors(
    op_id: str, status: int, body: Any, media_type: str = "application/json"
) -> list[str]:
    """Why ``body`` is not what the contract documents for ``op_id`` answering ``status``."""
    if status not in documented_statuses(op_id):
        return [f"{status} is not a documented status of {op_id}"]
    errors = sorted(_validator(op_id, status, media_type).iter_errors(body), key=str)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}" for e in errors[:5]
    ]


def response_location(op_id: str, status: int) -> str:
    op = operation(op_id)
    return f"#/paths/{op.path.replace('/', '~1')}/{op.method.lower()}/responses/{status}"


@functools.cache
def served_models() -> frozenset[str]:
    """The `model` values the contract describes (the request union's discriminator mapping).

    The real endpoint serves other models too, which this contract does not describe: a request
    naming one of them is neither valid nor invalid here, and it could be billed."""
    schema = operation(CREATE).request_schema()
    mapping = schema.get("discriminator", {}).get("mapping")
    return frozenset(mapping) if mapping else frozenset({limits().model})


@functools.cache
def fetched_url_fields() -> frozenset[str]:
    """Create-request fields holding image URLs (`ImageUrl`) that the server has to fetch.

    Whether such an image is reachable, small enough and of a documented format can only be seen
    by fetching it, and the docs give no single failure signal for it: a 400 naming the field is
    one of the documented answers (DECISIONS.md D-09, D-13)."""

    def is_url(schema: Any) -> bool:
        if not isinstance(schema, dict):
            return False
        if schema.get("title") == "ImageUrl":
            return True
        return any(is_url(part) for part in schema.get("allOf", ())) or is_url(schema.get("items"))

    return frozenset(name for name, prop in _request_member()["properties"].items() if is_url(prop))
