"""Spec pairs: small edits of the real contract, each with the verdict the checker must reach.

Each edit is applied to a fresh copy of openapi/openapi.yaml, so the pairs follow the contract as it
evolves; an edit whose target disappeared fails loudly (KeyError) rather than testing nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import toapis_spec

Document = dict[str, Any]


def _schemas(doc: Document) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _request_props(doc: Document) -> dict[str, Any]:
    props: dict[str, Any] = _schemas(doc)["Gpt4oImageGenerationRequest"]["properties"]
    return props


def remove_n_4(doc: Document) -> None:
    _request_props(doc)["n"]["enum"].remove(4)


def model_gains_alias(doc: Document) -> None:
    model = _request_props(doc)["model"]
    model["enum"] = [model.pop("const"), "gpt-4o-image-alias"]


def prompt_limit_500(doc: Document) -> None:
    assert _request_props(doc)["prompt"]["maxLength"] == 1000
    _request_props(doc)["prompt"]["maxLength"] = 500


def image_urls_max_3(doc: Document) -> None:
    _request_props(doc)["image_urls"]["maxItems"] = 3


def optional_response_field(doc: Document) -> None:
    _schemas(doc)["Task"]["properties"]["seed"] = {"type": "integer", "description": "Seed used."}


def progress_optional(doc: Document) -> None:
    _schemas(doc)["Task"]["required"].remove("progress")


def optional_request_field(doc: Document) -> None:
    _request_props(doc)["style"] = {"type": "string", "enum": ["vivid", "natural"]}


def new_status_value(doc: Document) -> None:
    _schemas(doc)["TaskStatus"]["enum"].append("cancelled")


def required_request_field(doc: Document) -> None:
    _request_props(doc)["quality"] = {"type": "string"}
    _schemas(doc)["Gpt4oImageGenerationRequest"]["required"].append("quality")


def prompt_limit_2000(doc: Document) -> None:
    _request_props(doc)["prompt"]["maxLength"] = 2000


def progress_type_number(doc: Document) -> None:
    _schemas(doc)["Task"]["properties"]["progress"]["type"] = "number"


def remove_upload_operation(doc: Document) -> None:
    del doc["paths"]["/v1/uploads/images"]
    for name in (
        "ImageUploadRequest",
        "ImageUploadResponse",
        "UploadedImage",
        "UploadErrorResponse",
        "UploadUnauthorizedResponse",
    ):
        del _schemas(doc)[name]


def new_required_header(doc: Document) -> None:
    get = doc["paths"]["/v1/images/generations/{task_id}"]["get"]
    get["parameters"].append(
        {"name": "X-Request-Id", "in": "header", "required": True, "schema": {"type": "string"}}
    )


def description_only(doc: Document) -> None:
    _request_props(doc)["prompt"]["description"] = "Reworded description, same rules."


@dataclass(frozen=True)
class SpecPair:
    name: str
    edit: Callable[[Document], None]
    rules: frozenset[str]  # rule ids the structural check must report
    breaks_clients: bool
    breaks_servers: bool
    # Whether the property search must find a concrete request/response that breaks clients.
    client_counterexample: bool

    def documents(self) -> tuple[Document, Document]:
        old = toapis_spec.load()
        new = toapis_spec.load()
        self.edit(new)
        return old, new


PAIRS = [
    SpecPair(
        "remove 4 from n's enum", remove_n_4, frozenset({"enum-value-removed"}), True, False, True
    ),
    SpecPair(
        "prompt maxLength 1000 -> 500",
        prompt_limit_500,
        frozenset({"max-length-decreased"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "image_urls maxItems 5 -> 3",
        image_urls_max_3,
        frozenset({"max-items-decreased"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "add an optional response field",
        optional_response_field,
        frozenset({"property-added"}),
        False,
        False,
        False,
    ),
    SpecPair(
        "make progress optional in Task",
        progress_optional,
        frozenset({"required-removed"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "add an optional request field",
        optional_request_field,
        frozenset({"property-added"}),
        False,
        False,
        False,
    ),
    SpecPair(
        "add a task status value",
        new_status_value,
        frozenset({"enum-value-added"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "add a required request field",
        required_request_field,
        frozenset({"property-added-required"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "prompt maxLength 1000 -> 2000",
        prompt_limit_2000,
        frozenset({"max-length-increased"}),
        False,
        True,
        False,
    ),
    SpecPair(
        "progress integer -> number",
        progress_type_number,
        frozenset({"type-widened"}),
        True,
        False,
        True,
    ),
    SpecPair(
        "remove the upload operation",
        remove_upload_operation,
        frozenset({"operation-removed"}),
        True,
        False,
        False,
    ),
    SpecPair(
        "a new required request header",
        new_required_header,
        frozenset({"parameter-added-required"}),
        True,
        False,
        False,
    ),
    SpecPair("reword a description", description_only, frozenset(), False, False, False),
    SpecPair(
        "a model gains an alias (const -> enum)",
        model_gains_alias,
        frozenset({"enum-value-added"}),
        False,
        True,
        False,
    ),
]
