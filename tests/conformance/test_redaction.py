"""No report format, log line or reproducer ever shows an API key."""

from __future__ import annotations

import io
import json

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
