"""Request validation is compiled from the contract and follows JSON Schema equality."""

from __future__ import annotations

from typing import Any

import fastjsonschema
import jsonschema
import pytest

from mock_server import contract
from mock_server.validation import DRAFT_07, RequestValidator
from tests.mock_server.helpers import AUTH_A, CREATE, body, client

# (field value, valid?) as the contract documents them.
DOCUMENTED_N = [
    (1, True),
    (2, True),
    (4, True),
    (1.0, True),
    (True, False),
    ("1", False),
    (3, False),
    (0, False),
    (None, False),
]
DOCUMENTED_BODIES: list[tuple[dict[str, Any], bool]] = [
    *[(body(n=value), valid) for value, valid in DOCUMENTED_N],
    (body(size="1:1"), True),
    (body(size="2:3"), True),
    (body(size="3:2"), True),
    (body(size="16:9"), False),
    (body(size="1024x1024"), False),
    (body(prompt="x" * 1000), True),
    (body(prompt="x" * 1001), False),
    (body(prompt=""), False),
    (body(prompt="é" * 1000), True),
    (body(image_urls=["https://example.com/a.jpg"] * 5), True),
    (body(image_urls=["https://example.com/a.jpg"] * 6), False),
    (body(image_urls=["data:image/png;base64,iVBORw0KGgo="]), False),
    (body(image_urls=["ftp://example.com/a.jpg"]), False),
    (body(image_urls=["HTTPS://bücher.example/a.jpg"]), True),
    (body(image_urls=[{"url": "https://example.com/a.jpg"}]), False),
    (body(image_urls=["https://example.com/a.jpg"], mask_url="https://example.com/m.png"), True),
    (body(mask_url="https://example.com/m.png"), False),
    ({"prompt": "x"}, False),
    ({"model": "gpt-4o-image"}, False),
    (body(client_business_id="order-1", extra_field=1), True),
]


def _member() -> dict[str, Any]:
    return contract.request_member_schemas()["gpt-4o-image"]


@pytest.mark.parametrize(("instance", "valid"), DOCUMENTED_BODIES)
def test_compiled_validator_agrees_with_draft_2020_12(
    instance: dict[str, Any], valid: bool
) -> None:
    reference = jsonschema.Draft202012Validator(_member()).is_valid(instance)
    compiled = fastjsonschema.compile({**_member(), "$schema": DRAFT_07})
    try:
        compiled(instance)
        fast = True
    except fastjsonschema.JsonSchemaValueException:
        fast = False
    assert reference is valid
    assert fast is valid
    assert (RequestValidator().validate(instance) is None) is valid


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ({"enum": [1, 2, 4]}, True, False),
        ({"enum": [1, 2, 4]}, 1.0, True),
        ({"const": 1}, True, False),
        ({"const": 0}, False, False),
        ({"const": True}, 1, False),
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, True, False),
        ({"type": "string", "pattern": "^a$"}, "a\n", False),
    ],
)
def test_compiled_equality_is_json_schema_equality(schema: Any, instance: Any, valid: bool) -> None:
    """Python says True == 1 and `$` matches before a final newline; JSON Schema says neither.

    The mock relies on fastjsonschema getting this right (it does, as of 2.21); this guards
    against a version that does not.
    """
    compiled = fastjsonschema.compile({**schema, "$schema": DRAFT_07})
    try:
        compiled(instance)
        accepted = True
    except fastjsonschema.JsonSchemaValueException:
        accepted = False
    assert accepted is valid


@pytest.mark.parametrize(
    ("instance", "param", "message"),
    [
        ({"model": "gpt-4o-image"}, "prompt", "The 'prompt' field is required."),
        ({"prompt": "x"}, "model", "The 'model' field is required."),
        (body(model="dall-e-3"), "model", None),
        (body(model=7), "model", None),
        (body(n=3), "n", None),
        (body(n="1"), "n", None),
        (body(n=True), "n", None),
        (body(size="16:9"), "size", None),
        (body(prompt="x" * 1001), "prompt", None),
        (body(image_urls=["https://e.com/a.jpg"] * 6), "image_urls", None),
        (body(image_urls=["data:image/png;base64,AAAA"]), "image_urls", None),
        (body(image_urls=["https://e.com/a.jpg"], mask_url="file:///etc/passwd"), "mask_url", None),
        (body(mask_url="https://e.com/m.png"), "image_urls", None),
    ],
)
def test_invalid_field_is_a_400_naming_it(
    instance: dict[str, Any], param: str, message: str | None
) -> None:
    with client() as (http, _):
        response = http.post(CREATE, json=instance, headers=AUTH_A)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert error["message"]
    if message is not None:
        assert error["message"] == message


def test_missing_prompt_is_the_documented_body() -> None:
    documented = contract.example("createImageGeneration", 400, "missingPrompt")
    with client() as (http, _):
        response = http.post(CREATE, json={"model": "gpt-4o-image"}, headers=AUTH_A)
    assert response.json() == documented


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"model": "gpt-4o-image", "prompt": ', "application/json"),
        (b"\xff\xfe", "application/json"),
        (b'{"model": "gpt-4o-image", "prompt": "x"}', "text/plain"),
        (b"model=gpt-4o-image&prompt=x", "application/x-www-form-urlencoded"),
        (b'["gpt-4o-image"]', "application/json"),
        (b"", "application/json"),
        (b'{"prompt": "' + b"x" * (1024 * 1024) + b'"}', "application/json"),
    ],
)
def test_unreadable_body_is_a_400_without_creating_a_task(
    content: bytes, content_type: str
) -> None:
    with client() as (http, _):
        response = http.post(
            CREATE, content=content, headers={**AUTH_A, "Content-Type": content_type}
        )
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["code"], error["type"]) == ("invalid_request", "invalid_request_error")
        assert len(http.state.tasks) == 0
