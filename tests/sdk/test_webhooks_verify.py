"""``toapis.webhooks.verify``: a typed event for a genuine delivery, a clear error otherwise."""

from __future__ import annotations

import json

import pytest

import toapis
from toapis import webhooks

SECRET = "0f" * 32
NOW = 1_767_225_600


def event_body(**data: object) -> bytes:
    payload = {
        "id": "evt_1",
        "type": "generation.completed",
        "api_version": "v1",
        "created_at": NOW,
        "data": {
            "task_id": "task_img_1",
            "client_business_id": None,
            "task_type": "image",
            "model": "gpt-image-2-vip",
            "status": "SUCCESS",
            "progress": "100%",
            "result": {"type": "image", "data": [{"url": "https://files.example/1.png"}]},
            "error": None,
            "submitted_at": NOW - 30,
            "finished_at": NOW - 1,
            **data,
        },
    }
    return json.dumps(payload).encode()


def signed(
    body: bytes, *, secrets: object = SECRET, timestamp: int = NOW, event_id: str = "evt_1"
) -> dict[str, str]:
    return {
        "User-Agent": webhooks.USER_AGENT,
        "X-ToAPIs-Webhook-Id": event_id,
        "X-ToAPIs-Webhook-Timestamp": str(timestamp),
        "X-ToAPIs-Webhook-Signature": webhooks.signature_header(
            secrets,  # type: ignore[arg-type]
            event_id,
            timestamp,
            body,
        ),
    }


def test_a_genuine_delivery_gives_a_typed_event() -> None:
    body = event_body()
    event = webhooks.verify(body, signed(body), SECRET, now=NOW + 5)
    assert event.id == "evt_1"
    assert event.type == webhooks.COMPLETED
    assert event.timestamp == NOW
    assert event.api_version == "v1"
    assert event.data is not None
    assert event.data.succeeded
    assert event.data.task_id == "task_img_1"
    assert event.data.image_urls == ("https://files.example/1.png",)
    assert event.data.error is None
    assert event.data.progress == "100%"


def test_the_signature_is_hmac_sha256_over_id_timestamp_and_raw_body() -> None:
    import hashlib
    import hmac

    body = b'{"id":"evt_1"}'
    expected = hmac.new(SECRET.encode(), b"evt_1.123." + body, hashlib.sha256).hexdigest()
    assert webhooks.signature(SECRET, "evt_1", 123, body) == expected


def test_header_names_are_case_insensitive_and_the_body_may_be_str() -> None:
    body = event_body()
    headers = {k.lower(): v for k, v in signed(body).items()}
    assert webhooks.verify(body.decode(), headers, SECRET, now=NOW).id == "evt_1"


def test_a_forged_signature_is_rejected() -> None:
    body = event_body()
    headers = signed(body, secrets="someone-else's-secret")
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(body, headers, SECRET, now=NOW)


def test_a_tampered_body_is_rejected() -> None:
    body = event_body()
    headers = signed(body)
    tampered = body.replace(b"SUCCESS", b"FAILURE")
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(tampered, headers, SECRET, now=NOW)


def test_a_replayed_delivery_is_rejected_once_older_than_the_tolerance() -> None:
    body = event_body()
    headers = signed(body)
    assert webhooks.verify(body, headers, SECRET, now=NOW + 300).id == "evt_1"
    with pytest.raises(webhooks.WebhookTimestampError, match="301 s old"):
        webhooks.verify(body, headers, SECRET, now=NOW + 301)


def test_a_replay_with_a_fresh_timestamp_header_fails_the_signature() -> None:
    body = event_body()
    headers = signed(body)
    headers["X-ToAPIs-Webhook-Timestamp"] = str(NOW + 3600)  # the attacker cannot re-sign
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(body, headers, SECRET, now=NOW + 3600)


def test_a_stale_event_is_rejected_and_so_is_one_from_the_future() -> None:
    body = event_body()
    stale = signed(body, timestamp=NOW - 600)
    with pytest.raises(webhooks.WebhookTimestampError, match="600 s old"):
        webhooks.verify(body, stale, SECRET, now=NOW)
    ahead = signed(body, timestamp=NOW + 600)
    with pytest.raises(webhooks.WebhookTimestampError, match="in the future"):
        webhooks.verify(body, ahead, SECRET, now=NOW)
    assert webhooks.verify(body, stale, SECRET, tolerance=601, now=NOW).id == "evt_1"


def test_a_timestamp_that_is_not_unix_seconds_is_rejected() -> None:
    body = event_body()
    headers = signed(body)
    headers["X-ToAPIs-Webhook-Timestamp"] = "2026-01-01T00:00:00Z"
    headers["X-ToAPIs-Webhook-Signature"] = webhooks.signature_header(
        SECRET, "evt_1", "2026-01-01T00:00:00Z", body
    )
    with pytest.raises(webhooks.WebhookTimestampError, match="Unix seconds"):
        webhooks.verify(body, headers, SECRET, now=NOW)


def test_during_rotation_either_signature_and_either_secret_verify() -> None:
    body = event_body()
    old, new = "old-secret", "new-secret"
    both = signed(body, secrets=[new, old])
    assert both["X-ToAPIs-Webhook-Signature"].count("v1=") == 2
    # A receiver still on the old secret, one already on the new one, one holding both.
    for secrets in (old, new, [new, old], [b"unrelated", old.encode()]):
        assert webhooks.verify(body, both, secrets, now=NOW).id == "evt_1"
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(body, both, ["a-third-secret"], now=NOW)


def test_missing_headers_are_named() -> None:
    body = event_body()
    for name, error in (
        ("X-ToAPIs-Webhook-Signature", webhooks.WebhookSignatureError),
        ("X-ToAPIs-Webhook-Id", webhooks.WebhookSignatureError),
        ("X-ToAPIs-Webhook-Timestamp", webhooks.WebhookTimestampError),
    ):
        headers = signed(body)
        del headers[name]
        with pytest.raises(error, match=name):
            webhooks.verify(body, headers, SECRET, now=NOW)
    headers = signed(body)
    headers["X-ToAPIs-Webhook-Signature"] = "v0=abc, t=1"
    with pytest.raises(webhooks.WebhookSignatureError, match="no v1= signature"):
        webhooks.verify(body, headers, SECRET, now=NOW)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"id": "evt_other", "type": "generation.completed", "data": {}}', "header's"),
        (b'{"id": "evt_1", "type": "generation.completed"}', "data object"),
        (b'{"id": "evt_1", "type": "generation.failed", "data": {"status": "FAILURE"}}', "task_id"),
        (
            b'{"id": "evt_1", "type": "generation.completed", "data": {"task_id": "t", '
            b'"status": "SUCCESS", "result": {"data": [{}]}}}',
            "no url",
        ),
        (
            b'{"id": "evt_1", "type": "generation.completed", "created_at": "yesterday", '
            b'"data": {"task_id": "t", "status": "SUCCESS"}}',
            "created_at",
        ),
    ],
)
def test_a_malformed_payload_is_rejected_after_the_signature_holds(
    body: bytes, message: str
) -> None:
    with pytest.raises(webhooks.WebhookPayloadError, match=message):
        webhooks.verify(body, signed(body), SECRET, now=NOW)


def test_a_failed_event_carries_its_error_and_no_images() -> None:
    body = event_body(
        status="FAILURE", result=None, error={"code": "generation_failed", "message": "no"}
    )
    event = webhooks.verify(body, signed(body), SECRET, now=NOW)
    assert event.data is not None
    assert not event.data.succeeded
    assert event.data.image_urls == ()
    assert event.data.error == webhooks.WebhookTaskError("generation_failed", "no")


def test_endpoint_test_events_verify_without_task_data() -> None:
    body = b'{"id": "evt_1", "type": "endpoint.test", "created_at": 1, "data": {}}'
    event = webhooks.verify(body, signed(body), SECRET, now=NOW)
    assert event.type == webhooks.ENDPOINT_TEST
    assert event.data is None


def test_the_errors_are_toapis_errors_exported_from_the_package() -> None:
    for error in (
        toapis.WebhookSignatureError,
        toapis.WebhookTimestampError,
        toapis.WebhookPayloadError,
    ):
        assert issubclass(error, toapis.WebhookError)
        assert issubclass(error, toapis.ToAPIsError)


def test_bad_arguments_are_programming_errors() -> None:
    body = event_body()
    with pytest.raises(ValueError, match="secret"):
        webhooks.verify(body, signed(body), [], now=NOW)
    with pytest.raises(ValueError, match="tolerance"):
        webhooks.verify(body, signed(body), SECRET, tolerance=-1, now=NOW)


def test_the_readme_receiver_example_accepts_a_signed_event_and_refuses_a_forged_one() -> None:
    import re
    import time
    from pathlib import Path

    from starlette.testclient import TestClient

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    (code,) = [
        block
        for block in re.findall(r"```python\n(.*?)```", readme, re.S)
        if "webhooks.verify" in block
    ]
    namespace: dict[str, object] = {}
    exec(
        compile(code.replace('SECRET = "..."', f"SECRET = {SECRET!r}"), "README", "exec"), namespace
    )
    body = event_body()
    now = int(time.time())
    with TestClient(namespace["app"]) as http:  # type: ignore[arg-type]
        good = http.post("/toapis-webhooks", content=body, headers=signed(body, timestamp=now))
        forged = http.post(
            "/toapis-webhooks", content=body, headers=signed(body, secrets="x", timestamp=now)
        )
    assert good.status_code == 204
    assert forged.status_code == 400
    assert "no signature matches" in forged.text
