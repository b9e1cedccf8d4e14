"""problem-json-errors: every error answer is labelled application/problem+json, and its body is
the documented envelope all the same; successful answers keep application/json."""

from __future__ import annotations

import pytest

from conformance.contract import CREATE as CREATE_OPERATION
from conformance.contract import schema_errors
from mock_server.variants import PROBLEM_JSON
from tests.mock_server.helpers import AUTH_A, CREATE, body, client

VARIANT = ("problem-json-errors",)


@pytest.mark.parametrize(
    ("headers", "request_body", "status"),
    [
        (AUTH_A, body(n=3), 400),
        ({}, body(), 401),
        ({**AUTH_A, "X-Mock-Fault": "429"}, body(), 429),
        ({**AUTH_A, "X-Mock-Fault": "500"}, body(), 500),
    ],
    ids=["invalid", "unauthorized", "fault-429", "fault-500"],
)
def test_errors_are_problem_json_with_the_documented_envelope(
    headers: dict[str, str], request_body: dict[str, object], status: int
) -> None:
    with client(variants=VARIANT) as (http, _):
        response = http.post(CREATE, json=request_body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    assert schema_errors(CREATE_OPERATION, status, response.json()) == []


def test_success_keeps_application_json() -> None:
    with client(variants=VARIANT) as (http, _):
        created = http.post(CREATE, json=body(), headers=AUTH_A)
        polled = http.get(f"{CREATE}/{created.json()['id']}", headers=AUTH_A)
        missing = http.get(f"{CREATE}/no-such-task", headers=AUTH_A)
    assert created.headers["content-type"] == polled.headers["content-type"] == "application/json"
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM_JSON
