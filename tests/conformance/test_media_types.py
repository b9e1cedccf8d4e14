"""Error bodies are judged by their JSON, under any JSON media type; a body that is not JSON
stays a failure whatever its label."""

from __future__ import annotations

import json

import pytest

from conformance.contract import CREATE
from conformance.judges.media import envelope_problems, is_json_media_type, other_json_error
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse

ENVELOPE = {"error": {"code": "invalid_request", "message": "bad n", "param": "n"}}


def _exchange(status: int, content_type: str | None, body: bytes) -> Exchange:
    headers = {"content-type": content_type} if content_type is not None else {}
    request = RecordedRequest("POST", "http://127.0.0.1/v1/images/generations", {}, b"{}")
    return Exchange(request, RecordedResponse(status, headers, body, 0.01))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/Problem+JSON", True),
        ("application/problem+json;charset=UTF-8", True),
        ("application/vnd.toapis.error+json", True),
        ("application/+json", False),
        ("text/json", False),
        ("text/html; charset=utf-8", False),
        ("application/jsonp", False),
        ("application/octet-stream", False),
        ("", False),
        (None, False),
    ],
)
def test_json_media_types(value: str | None, expected: bool) -> None:
    assert is_json_media_type(value) is expected


def test_an_error_envelope_under_problem_json_is_judged_by_its_body() -> None:
    exchange = _exchange(400, "application/problem+json", json.dumps(ENVELOPE).encode())
    assert other_json_error(exchange)
    assert envelope_problems(exchange, CREATE) == []


def test_a_wrong_envelope_under_problem_json_is_still_wrong() -> None:
    exchange = _exchange(400, "application/problem+json", b'{"error": "bad n"}')
    assert other_json_error(exchange)
    assert envelope_problems(exchange, CREATE)


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [
        (400, "application/json", json.dumps(ENVELOPE).encode()),  # the documented label
        (200, "application/problem+json", b"{}"),  # not an error
        (400, "text/html", json.dumps(ENVELOPE).encode()),  # not a JSON media type
        (400, "application/problem+json", b"<html>Bad request</html>"),  # not JSON at all
    ],
)
def test_only_json_errors_under_another_json_label_are_let_through(
    status: int, content_type: str, body: bytes
) -> None:
    assert not other_json_error(_exchange(status, content_type, body))


def test_a_body_that_is_not_json_is_a_problem_whatever_its_label() -> None:
    exchange = _exchange(400, "application/problem+json", b"Bad request")
    assert envelope_problems(exchange, CREATE) == [
        "the body is not JSON (application/problem+json)"
    ]


def test_the_schema_layer_reads_a_problem_json_envelope_and_finds_a_wrong_one() -> None:
    from conformance.embedded import embedded_mock
    from conformance.runner import run_suite
    from conformance.verdicts import Status

    checks = ["schema-response-schema-conformance", "schema-content-type-conformance"]
    with embedded_mock(seed=0, variants=("problem-json-errors",), defects=["error-as-string"]) as m:
        report = run_suite(m.settings(seed=0, max_examples=10), only=checks)
    verdicts = {v.check_id: v for v in report.verdicts}
    assert verdicts["schema-content-type-conformance"].status is Status.PASS
    wrong = verdicts["schema-response-schema-conformance"]
    assert wrong.status is Status.FAIL
    assert all("application/problem+json" in e.message for e in wrong.evidence)
