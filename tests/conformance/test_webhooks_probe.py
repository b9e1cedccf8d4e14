"""The webhook checks: not run without a receiver, run against a server the user configured."""

from __future__ import annotations

import socket
from dataclasses import replace

from conformance.embedded import embedded_mock
from conformance.probes.base import Settings
from conformance.probes.webhooks import CHECKS
from conformance.runner import run_suite
from conformance.verdicts import Status
from conformance.webhook_receiver import PATH
from mock_server import MockConfig, run_in_thread
from mock_server.webhooks import WebhookTarget


def test_without_a_receiver_the_checks_are_not_run_and_say_what_to_pass() -> None:
    with embedded_mock(seed=0) as server:
        settings = replace(server.settings(), webhook_receiver=None, webhook_secret=None)
        report = run_suite(settings, only=CHECKS)
    assert {v.status for v in report.verdicts} == {Status.NOT_RUN}
    assert all("--webhook-receiver" in v.reason for v in report.verdicts)
    assert report.budget_spent == 0  # nothing was created for checks that cannot run


def test_a_server_configured_by_its_user_passes_and_the_secret_is_redacted() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    secret = "user-configured-secret"
    config = MockConfig(
        tokens=("user-token",),
        seed=1,
        task_duration=0.2,
        webhooks={"user-token": WebhookTarget(f"http://127.0.0.1:{port}{PATH}", secret)},
        webhook_retry_scale=0.01,
    )
    with run_in_thread(config) as server:
        settings = Settings(
            server.base_url,
            "user-token",
            poll_interval=0.05,
            task_timeout=10,
            webhook_receiver=str(port),  # PORT alone: 127.0.0.1
            webhook_secret=secret,
            webhook_timeout=10,
        )
        report = run_suite(settings, only=CHECKS)
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses == dict.fromkeys(CHECKS, Status.PASS), report.verdicts
    assert secret in report.secrets


def test_a_wrong_secret_fails_the_signature_check_only() -> None:
    with embedded_mock(seed=0) as server:
        report = run_suite(replace(server.settings(), webhook_secret="not-it"), only=CHECKS)
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses.pop("webhooks-signature-valid") is Status.FAIL
    assert set(statuses.values()) == {Status.PASS}
