"""What the mock reads from the contract: the bodies it reproduces and the limits it enforces.

Nothing here is re-declared by hand: bodies are the contract's examples, limits its keywords.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import toapis_spec

CREATE = "createImageGeneration"
GET_TASK = "getImageGenerationTask"
UPLOAD = "uploadImage"


def example(operation_id: str, status: int, name: str) -> Any:
    """A named response example of the contract (a private copy)."""
    for found in _response_examples():
        if (found.operation_id, found.status, found.name) == (operation_id, status, name):
            return copy.deepcopy(found.value)
    raise KeyError(f"the contract has no example {name!r} for {operation_id} {status}")


@functools.cache
def _response_examples() -> tuple[toapis_spec.Example, ...]:
    return tuple(e for e in toapis_spec.examples() if e.kind == "response")


@functools.cache
def upload_size_limit() -> int:
    """Largest accepted upload in bytes (``UploadedImage.size.maximum``: 10 MB)."""
    schema = toapis_spec.operation(UPLOAD).response_schema(200)
    return int(schema["properties"]["data"]["properties"]["size"]["maximum"])


@functools.cache
def upload_mime_types() -> tuple[str, ...]:
    """The image types an upload may have (``UploadedImage.mime_type.enum``)."""
    schema = toapis_spec.operation(UPLOAD).response_schema(200)
    return tuple(schema["properties"]["data"]["properties"]["mime_type"]["enum"])


@functools.cache
def request_member_schemas() -> dict[str, dict[str, Any]]:
    """The create-request schema of each model, chosen by the contract's discriminator."""
    schema = toapis_spec.operation(CREATE).request_schema()
    document = toapis_spec.load()
    mapping: dict[str, str] = schema["discriminator"]["mapping"]
    return {
        model: toapis_spec.inline_refs({"$ref": ref}, document) for model, ref in mapping.items()
    }


@functools.cache
def discriminator_property() -> str:
    return str(toapis_spec.operation(CREATE).request_schema()["discriminator"]["propertyName"])


@functools.cache
def size_enum(model: str) -> tuple[str, ...]:
    """The ``size`` values of a model, in contract order (the first is the documented default)."""
    size = request_member_schemas()[model]["properties"]["size"]
    return tuple(size["enum"])


@functools.cache
def size_default(model: str) -> str:
    return str(request_member_schemas()[model]["properties"]["size"]["default"])


@functools.cache
def n_default(model: str) -> int:
    return int(request_member_schemas()[model]["properties"]["n"]["default"])


@functools.cache
def resolution_default(model: str) -> str | None:
    """The default ``resolution`` of a model, or ``None`` when its schema has no such field."""
    prop = request_member_schemas()[model]["properties"].get("resolution")
    return None if prop is None else str(prop["default"])


@functools.cache
def default_model() -> str:
    """The first model of the contract's discriminator mapping (``gpt-4o-image``)."""
    return next(iter(request_member_schemas()))


def request_property(name: str, model: str | None = None) -> dict[str, Any]:
    """The request schema of one field of a model (default: ``default_model()``), a copy."""
    member = request_member_schemas()[model or default_model()]
    return copy.deepcopy(dict(member["properties"][name]))
