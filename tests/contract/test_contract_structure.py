"""Promises about the shape of the contract that tools and readers rely on."""

from __future__ import annotations

from typing import Any

import pytest

import toapis_spec
from tests.contract.documented_examples import COMPLETED_TASK

DOCUMENT = toapis_spec.load()
OPERATIONS = toapis_spec.operations()


def test_every_named_schema_has_a_title_matching_its_name() -> None:
    for name, schema in DOCUMENT["components"]["schemas"].items():
        assert schema.get("title") == name, name


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_is_documented_and_secured(operation_id: str) -> None:
    spec = OPERATIONS[operation_id].spec
    assert spec["summary"]
    assert spec["description"]
    assert spec["security"] == [{"bearerAuth": []}]
    assert 401 in OPERATIONS[operation_id].statuses


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(op_id, status) for op_id, op in sorted(OPERATIONS.items()) for status in op.statuses],
)
def test_every_response_has_an_example(operation_id: str, status: int) -> None:
    content: dict[str, Any] = OPERATIONS[operation_id].response(status)["content"]
    assert all(media.get("examples") for media in content.values())


def test_error_statuses_cover_the_documented_table() -> None:
    documented = {400, 401, 402, 404, 422, 429, 500, 503}
    declared = {status for op in OPERATIONS.values() for status in op.statuses if status >= 400}
    assert declared == documented


@pytest.mark.parametrize(
    "operation_id", [op_id for op_id, op in OPERATIONS.items() if 429 in op.statuses]
)
def test_429_requires_retry_after(operation_id: str) -> None:
    assert "Retry-After" in OPERATIONS[operation_id].required_response_headers(429)


def test_created_task_links_to_its_status_operation() -> None:
    links = OPERATIONS["createImageGeneration"].response(200)["links"]
    assert links["GetTaskStatus"]["operationId"] == "getImageGenerationTask"
    assert links["GetTaskStatus"]["parameters"] == {"task_id": "$response.body#/id"}


@pytest.mark.parametrize("union", ["ImageGenerationRequest", "ImageEditRequest"])
def test_request_schema_is_a_model_keyed_union(union: str) -> None:
    schema = DOCUMENT["components"]["schemas"][union]
    assert schema["discriminator"]["propertyName"] == "model"
    mapping = schema["discriminator"]["mapping"]
    if union == "ImageGenerationRequest":
        # The first member is the tools' default model.
        assert next(iter(mapping)) == "gpt-4o-image"
        assert schema["oneOf"][0]["$ref"] == mapping["gpt-4o-image"]
    # Every member is mapped, in member order; several names may map to one member (models
    # one page documents with the same limits, and aliases).
    assert [m["$ref"] for m in schema["oneOf"]] == list(dict.fromkeys(mapping.values()))
    for model, ref in mapping.items():
        member = toapis_spec.inline_refs({"$ref": ref}, DOCUMENT)
        allowed = member["properties"]["model"]
        assert model in allowed.get("enum", [allowed.get("const")])


def test_inline_refs_leaves_no_reference_behind() -> None:
    def refs(node: Any) -> int:
        if isinstance(node, dict):
            return ("$ref" in node) + sum(refs(value) for value in node.values())
        if isinstance(node, list):
            return sum(refs(item) for item in node)
        return 0

    assert all(refs(op.spec) == 0 for op in OPERATIONS.values())


def test_inline_refs_refuses_recursion() -> None:
    document = {"components": {"schemas": {"A": {"items": {"$ref": "#/components/schemas/A"}}}}}
    with pytest.raises(ValueError, match="recursive"):
        toapis_spec.inline_refs({"$ref": "#/components/schemas/A"}, document)


def test_unknown_operation_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no operation 'nope'"):
        toapis_spec.operation("nope")


def test_result_lifetime_agrees_with_the_documented_example() -> None:
    # The docs' completed task: expires_at - completed_at = 86400 (URLs valid for 24 hours).
    lifetime = COMPLETED_TASK["expires_at"] - COMPLETED_TASK["completed_at"]
    assert toapis_spec.result_lifetime_seconds() == lifetime == 24 * 3600
