"""What the mock reads from the contract: the bodies it reproduces and the limits it enforces.

Nothing here is re-declared by hand: bodies are the contract's examples, limits its keywords.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import toapis_spec

CREATE = "createImageGeneration"
EDIT = "createImageEdit"
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
    """The create-request schema of each model name (aliases included), across every create
    operation, chosen by the contract's discriminators."""
    return toapis_spec.request_members()


@functools.cache
def models() -> dict[str, toapis_spec.Model]:
    return toapis_spec.models()


@functools.cache
def discriminator_property() -> str:
    return str(toapis_spec.operation(CREATE).request_schema()["discriminator"]["propertyName"])


@functools.cache
def size_enum(model: str) -> tuple[str, ...]:
    """The ``size`` values of a model, in contract order (none: the model has no ``size``)."""
    size = request_member_schemas()[model]["properties"].get("size", {})
    return tuple(size.get("enum", ()))


def size_default(model: str, with_references: bool = False) -> str | None:
    """The ``size`` a request without one gets: the contract's ``default``, or its
    ``x-default-with-references`` when the request has reference images; ``None`` for a model
    without ``size`` (its results keep the reference image's shape)."""
    size = request_member_schemas()[model]["properties"].get("size")
    if size is None:
        return None
    if with_references and "x-default-with-references" in size:
        return str(size["x-default-with-references"])
    return str(size["default"])


@functools.cache
def n_default(model: str) -> int:
    n = request_member_schemas()[model]["properties"].get("n", {})
    return int(n.get("default", 1))


@functools.cache
def resolution_field(model: str) -> str | None:
    """Where a model's resolution tier goes (``resolution``, ``metadata.resolution``), if any."""
    return models()[model].resolution_field


@functools.cache
def resolution_default(model: str) -> str | None:
    """The default resolution tier of a model, or ``None`` when its schema has no such field."""
    field = resolution_field(model)
    prop = models()[model].field(field) if field else None
    return None if prop is None or "default" not in prop else str(prop["default"])


def operation_path(model: str) -> str:
    """The request path of the create operation serving ``model``."""
    return models()[model].path


@functools.cache
def default_model() -> str:
    """The first model of the contract's discriminator mapping (``gpt-4o-image``)."""
    return next(iter(request_member_schemas()))


def request_property(name: str, model: str | None = None) -> dict[str, Any]:
    """The request schema of one field of a model (default: ``default_model()``), a copy."""
    member = request_member_schemas()[model or default_model()]
    return copy.deepcopy(dict(member["properties"][name]))
