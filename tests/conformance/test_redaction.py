"""No report format, log line or reproducer ever shows an API key."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from conformance.probes.base import Settings
from conformance.redact import Redactor
from conformance.report import print_console, render_html, render_json, render_junit, report_data
from conformance.runner import run_suite
from tests.conformance.fake_api import FakeState, serve_fake

TOKEN_A = "sk-live-A1b2C3d4E5f6-secret"
TOKEN_B = "sk-live-Z9y8X7w6-other-secret"


def test_tokens_never_appear_in_any_report_format() -> None:
    state = FakeState(tokens=(TOKEN_A, TOKEN_B))
    with serve_fake(state) as (url, _):
        # The fake accepts a JPEG mask, so this check fails and carries exchanges and curl lines.
        report = run_suite(
            Settings(url, TOKEN_A, TOKEN_B, seed=1, poll_interval=0, task_timeout=2),
            only=["validation-mask-non-png", "tasks-tenant-isolation", "auth-wrong-key-401"],
        )
    assert report.failed, "the fixture must produce evidence to redact"
    redactor = Redactor([TOKEN_A, TOKEN_B])
    data = report_data(report, redactor)
    buffer = io.StringIO()
    print_console(data, redactor, Console(file=buffer, width=200))
    outputs = {
        "console": buffer.getvalue(),
        "json": render_json(data, redactor),
        "html": render_html(data, redactor),
        "junit": render_junit(data, redactor),
    }
    curls = [x["curl"] for c in data["checks"] for e in c["evidence"] for x in e["exchanges"]]
    assert curls
    assert all("$TOAPIS_API_KEY" in c for c in curls)
    for name, text in {**outputs, "curl": "\n".join(curls)}.items():
        for secret in (TOKEN_A, TOKEN_B, TOKEN_A[8:20]):
            assert secret not in text, name
    assert json.loads(outputs["json"])["counts"]["fail"] >= 1
    assert "Authorization" in outputs["json"]
    assert "[REDACTED]" in outputs["json"]


def test_a_made_up_wrong_key_is_masked_too() -> None:
    redactor = Redactor([TOKEN_A])
    masked = redactor.headers({"Authorization": "Bearer sk-conformance-0123456789"})
    assert masked == {"Authorization": "Bearer [REDACTED]"}


@pytest.mark.parametrize("token", ["x", "image", "tok-a", "sk-proj-9fQ2xLm7Rt4Vb8Nc3Kd6"])
def test_masking_never_touches_ids_titles_or_other_words(token: str) -> None:
    state = FakeState(tokens=(token, "second-tenant-key"))
    with serve_fake(state) as (url, _):
        report = run_suite(
            Settings(url, token, "second-tenant-key", seed=1, poll_interval=0, task_timeout=2),
            only=[
                "validation-mask-non-png",
                "lifecycle-expires-after-lifetime",
                "results-images-match-request",
                "tasks-tenant-isolation",
            ],
        )
    redactor = Redactor([token, "second-tenant-key"])
    data = report_data(report, redactor)
    parsed = json.loads(render_json(data, redactor))
    assert [c["id"] for c in parsed["checks"]] == [v.check_id for v in report.verdicts]
    for check in parsed["checks"]:
        assert "[REDACTED]" not in check["id"] + check["title"] + check["promise"]
    buffer = io.StringIO()
    print_console(data, redactor, Console(file=buffer, width=300))
    assert "results-images-match-request" in buffer.getvalue()
    assert "lifecycle-expires-after-lifetime" in buffer.getvalue()
    # Where the key is sent it is masked, and the reproducer reads it from the environment.
    for check in parsed["checks"]:
        for item in check["evidence"]:
            for exchange in item["exchanges"]:
                auth = exchange["request"]["headers"].get("authorization", "")
                assert token not in auth.split()
                assert f"Bearer {token}" not in exchange["curl"]


def test_the_second_user_reproduces_with_a_second_variable() -> None:
    from conformance.redact import curl_command
    from conformance.verdicts import RecordedRequest

    redactor = Redactor([TOKEN_A, TOKEN_B])
    request = RecordedRequest(
        "GET", "http://127.0.0.1:1/v1/x", {"Authorization": f"Bearer {TOKEN_B}"}, None
    )
    assert "$TOAPIS_API_KEY_B" in curl_command(request, redactor)
    request = RecordedRequest(
        "GET", "http://127.0.0.1:1/v1/x", {"Authorization": "Bearer made-up"}, None
    )
    assert "$TOAPIS_API_KEY" not in curl_command(request, redactor)
