"""The contract accepts every example the docs show and rejects every input the docs call invalid.

Validation goes through openapi-core (a full OpenAPI 3.1 request/response validator), so the
operation, the status code, the media type and the required headers all take part, not only the
schema.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.exceptions import InvalidRequestBody
from openapi_core.validation.response.exceptions import InvalidData
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue

import toapis_spec
from tests.contract.documented_examples import INVALID, VALID, VALID_EDGE

HOST = "http://127.0.0.1:4010"
AUTH = {"Authorization": "Bearer test-token"}


@pytest.fixture(scope="module")
def contract() -> OpenAPI:
    return OpenAPI.from_file_path(str(toapis_spec.CONTRACT_PATH))


def _request(operation_id: str, body: Any | None) -> MockRequest:
    op = toapis_spec.operation(operation_id)
    if op.method == "GET":
        return MockRequest(
            HOST,
            "get",
            "/v1/images/generations/task_img_abc123def456",
            path_pattern=op.path,
            view_args={"task_id": "task_img_abc123def456"},
            headers=AUTH,
        )
    if "multipart/form-data" in op.request_media_types:
        # Responses of the upload operation do not depend on the request body.
        return MockRequest(HOST, "post", op.path, headers=AUTH, content_type="multipart/form-data")
    return MockRequest(HOST, "post", op.path, headers=AUTH, data=json.dumps(body).encode())


def _response(operation_id: str, status: int, body: Any) -> MockResponse:
    required = toapis_spec.operation(operation_id).required_response_headers(status)
    headers = {name: "1" for name in required}
    return MockResponse(json.dumps(body).encode(), status_code=status, headers=headers)


def _validate(contract: OpenAPI, operation_id: str, status: int | None, body: Any) -> None:
    if status is None:
        contract.validate_request(_request(operation_id, body))
    else:
        response = _response(operation_id, status, body)
        contract.validate_response(_request(operation_id, None), response)


@pytest.mark.parametrize(
    ("where", "operation_id", "status", "body"),
    VALID + VALID_EDGE,
    ids=[case[0] for case in VALID + VALID_EDGE],
)
def test_documented_example_is_valid(
    contract: OpenAPI, where: str, operation_id: str, status: int | None, body: Any
) -> None:
    _validate(contract, operation_id, status, body)


@pytest.mark.parametrize(
    ("why", "operation_id", "status", "body"), INVALID, ids=[case[0] for case in INVALID]
)
def test_documented_invalid_input_is_rejected(
    contract: OpenAPI, why: str, operation_id: str, status: int | None, body: Any
) -> None:
    with pytest.raises((InvalidRequestBody, InvalidData)) as caught:
        _validate(contract, operation_id, status, body)
    # The body itself is at fault, not the path, the method or the headers.
    assert isinstance(caught.value.__cause__, InvalidSchemaValue)


def test_429_without_retry_after_is_rejected(contract: OpenAPI) -> None:
    body = {"error": {"code": "rate_limit_exceeded", "message": "Async task request rate exceeded"}}
    request = _request("createImageGeneration", None)
    response = MockResponse(json.dumps(body).encode(), status_code=429)
    with pytest.raises(Exception, match=r"Retry-After|header"):
        contract.validate_response(request, response)


def test_undocumented_status_is_rejected(contract: OpenAPI) -> None:
    body = {"error": {"code": 404, "message": "Task not found"}}
    with pytest.raises(Exception):  # noqa: B017,PT011 (any validation error will do)
        contract.validate_response(
            _request("createImageGeneration", None), MockResponse(json.dumps(body).encode(), 404)
        )


@pytest.mark.parametrize(
    "example",
    list(toapis_spec.examples()),
    ids=lambda e: f"{e.operation_id}-{e.kind}-{e.status}-{e.name}",
)
def test_every_example_in_the_contract_is_valid(
    contract: OpenAPI, example: toapis_spec.Example
) -> None:
    _validate(contract, example.operation_id, example.status, example.value)
