"""A misbehaving server fails checks with evidence; it never crashes the suite."""

from __future__ import annotations

import httpx
import pytest

from conformance.probes.base import Settings
from conformance.runner import Unreachable, run_suite
from conformance.verdicts import Status

BEHAVIOUR = [
    "auth-missing-key-401",
    "tasks-unknown-id-404",
    "lifecycle-create-returns-task",
    "validation-rejects-n-outside-enum",
    "uploads-rejects-non-image",
]
SETTINGS = Settings(
    "http://127.0.0.1:9", "token-a", seed=3, poll_interval=0, task_timeout=1, lifecycle_examples=1
)


def _html_page(request: httpx.Request) -> httpx.Response:
    # HTML on *every* path is not this API at all: the preflight says so (test_preflight.py).
    # Here the API answers its preflight read, then a proxy's error pages come back.
    if "conformance-preflight" in str(request.url):
        return httpx.Response(404, json={"error": {"code": 404, "message": "Task not found"}})
    return httpx.Response(502, html="<html><body>Bad gateway</body></html>")


def _invalid_json(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=b'{"id": "x", ', headers={"content-type": "application/json"}
    )


def _undocumented_status(request: httpx.Request) -> httpx.Response:
    return httpx.Response(418, json={"error": {"code": "teapot", "message": "no"}})


def _resets_after_first(request: httpx.Request) -> httpx.Response:
    if "conformance-preflight" in str(request.url):
        return httpx.Response(404, json={"error": {"code": 404, "message": "Task not found"}})
    raise httpx.ReadError("connection reset by peer", request=request)


def _times_out_after_first(request: httpx.Request) -> httpx.Response:
    if "conformance-preflight" in str(request.url):
        return httpx.Response(404, json={"error": {"code": 404, "message": "Task not found"}})
    raise httpx.ReadTimeout("timed out", request=request)


@pytest.mark.parametrize(
    "handler",
    [_html_page, _invalid_json, _undocumented_status, _resets_after_first, _times_out_after_first],
)
def test_misbehaviour_becomes_failed_checks_with_evidence(handler: object) -> None:
    report = run_suite(SETTINGS, only=BEHAVIOUR, transport=httpx.MockTransport(handler))  # type: ignore[arg-type]
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert set(statuses) == set(BEHAVIOUR)
    assert Status.ERROR not in statuses.values(), [v.reason for v in report.verdicts]
    for check_id in (
        "auth-missing-key-401",
        "tasks-unknown-id-404",
        "validation-rejects-n-outside-enum",
    ):
        verdict = next(v for v in report.verdicts if v.check_id == check_id)
        assert verdict.status is Status.FAIL
        assert verdict.evidence, check_id
        assert verdict.evidence[0].exchanges, check_id


def test_a_server_that_does_not_answer_is_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(Unreachable):
        run_suite(SETTINGS, only=BEHAVIOUR, transport=httpx.MockTransport(refuse))
