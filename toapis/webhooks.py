"""Verify and read ToAPIs task webhooks: one call, a typed event or a clear exception.

Modelled on Stripe's ``Webhook.construct_event``::

    from toapis import webhooks

    event = webhooks.verify(raw_body, request.headers, secret)
    if event.type == "generation.completed":
        print(event.data.task_id, event.data.image_urls)

What is checked, in this order (docs: ``webhooks/task-webhooks``; decisions D-30 to D-35 in
``openapi/DECISIONS.md``):

1. the headers ``X-ToAPIs-Webhook-Id``, ``X-ToAPIs-Webhook-Timestamp`` and
   ``X-ToAPIs-Webhook-Signature`` are there (names are case-insensitive);
2. one of the ``v1=<hex>`` signatures (two while a secret is being rotated) is
   HMAC-SHA256(secret, ``id + "." + timestamp + "." + raw_body``) for one of the secrets given,
   compared in constant time. A secret given as ``str`` is used as its UTF-8 bytes, exactly as the
   console shows it (D-30); ``bytes`` are used as they are;
3. the timestamp (Unix seconds, D-31) is within ``tolerance`` seconds of now, in either direction
   (the docs: "reject first deliveries more than 5 minutes old"; each retry is signed afresh, D-32);
4. the body is a JSON event whose ``id`` is the header's and whose ``data`` describes a task.

Pass the raw body exactly as received: re-serialised JSON does not verify. Deliveries are at least
once: deduplicate by ``event.id``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from toapis.errors import ToAPIsError

ID_HEADER = "X-ToAPIs-Webhook-Id"
TIMESTAMP_HEADER = "X-ToAPIs-Webhook-Timestamp"
SIGNATURE_HEADER = "X-ToAPIs-Webhook-Signature"
USER_AGENT = "ToAPIs-Webhook/1.0"
SIGNATURE_SCHEME = "v1"
DEFAULT_TOLERANCE = 300.0
"""Seconds: the docs' "reject first deliveries more than 5 minutes old"."""

COMPLETED = "generation.completed"
FAILED = "generation.failed"
ENDPOINT_TEST = "endpoint.test"
EVENT_TYPES = frozenset({COMPLETED, FAILED, ENDPOINT_TEST})

Secret = str | bytes


class WebhookError(ToAPIsError):
    """A webhook delivery that must not be trusted (the base of the three below)."""


class WebhookSignatureError(WebhookError):
    """No signature header, or no ``v1`` signature matches any of the secrets (forged, tampered
    with, or signed with another secret)."""


class WebhookTimestampError(WebhookError):
    """The timestamp is missing, not Unix seconds, or further from now than the tolerance
    (a replayed or stale delivery)."""


class WebhookPayloadError(WebhookError):
    """The signature holds but the body is not a webhook event this client can read."""


@dataclass(frozen=True)
class WebhookTaskError:
    """``data.error`` of a ``generation.failed`` event."""

    code: str | None
    message: str


@dataclass(frozen=True)
class WebhookTaskData:
    """``data`` of a generation event: the task in its final state."""

    task_id: str
    status: str
    """``SUCCESS`` or ``FAILURE`` (not the status API's ``completed``/``failed``)."""
    model: str | None = None
    task_type: str | None = None
    client_business_id: str | None = None
    progress: str | None = None
    """As sent: ``"100%"``, a string."""
    image_urls: tuple[str, ...] = ()
    """``result.data[].url`` (empty when the task failed)."""
    error: WebhookTaskError | None = None
    submitted_at: int | None = None
    finished_at: int | None = None

    @property
    def succeeded(self) -> bool:
        return self.status == "SUCCESS"


@dataclass(frozen=True)
class WebhookEvent:
    """One verified event."""

    id: str
    type: str
    created_at: int | None
    timestamp: int
    """The signed delivery time (Unix seconds) from ``X-ToAPIs-Webhook-Timestamp``."""
    data: WebhookTaskData | None
    """The task, for ``generation.*`` events; ``None`` for ``endpoint.test``."""
    api_version: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The decoded body exactly as received."""


def signature(secret: Secret, event_id: str, timestamp: str | int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``event_id.timestamp.body`` (what a sender puts after ``v1=``)."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    return hmac.new(_key(secret), signed, hashlib.sha256).hexdigest()


def signature_header(
    secrets: Secret | Sequence[Secret], event_id: str, timestamp: str | int, body: bytes
) -> str:
    """The ``X-ToAPIs-Webhook-Signature`` value: ``v1=<current>[,v1=<previous>]`` (D-33)."""
    return ",".join(
        f"{SIGNATURE_SCHEME}={signature(s, event_id, timestamp, body)}" for s in _secrets(secrets)
    )


def verify(
    body: bytes | str,
    headers: Mapping[str, str],
    secret: Secret | Sequence[Secret],
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """The event a delivery carries, once its signature, freshness and payload hold.

    ``headers`` may be any mapping (a ``dict``, Starlette's or httpx's headers); names are matched
    case-insensitively. ``secret`` may be several (during rotation, the new and the old one): the
    delivery is accepted if any ``v1`` signature matches any of them. ``now`` defaults to the
    system clock. Raises ``WebhookSignatureError``, ``WebhookTimestampError`` or
    ``WebhookPayloadError``."""
    raw = body.encode() if isinstance(body, str) else bytes(body)
    keys = _secrets(secret)
    if not keys:
        raise ValueError("verify() needs at least one secret")
    if tolerance < 0 or math.isnan(tolerance):
        raise ValueError("tolerance must be a non-negative number of seconds")
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    event_id = lowered.get(ID_HEADER.lower(), "").strip()
    stamp = lowered.get(TIMESTAMP_HEADER.lower(), "").strip()
    sent = lowered.get(SIGNATURE_HEADER.lower())
    if sent is None:
        raise WebhookSignatureError(f"no {SIGNATURE_HEADER} header")
    if not event_id:
        raise WebhookSignatureError(f"no {ID_HEADER} header: the signature cannot be checked")
    if not stamp:
        raise WebhookTimestampError(f"no {TIMESTAMP_HEADER} header")
    candidates = parse_signatures(sent)
    if not candidates:
        raise WebhookSignatureError(f"{SIGNATURE_HEADER} holds no {SIGNATURE_SCHEME}= signature")
    expected = [signature(key, event_id, stamp, raw) for key in keys]
    # Every pair is compared (no early exit), each in constant time.
    matched = False
    for candidate in candidates:
        for wanted in expected:
            matched |= hmac.compare_digest(candidate.encode(), wanted.encode())
    if not matched:
        raise WebhookSignatureError(
            "no signature matches: the body, id or timestamp was altered, or another secret "
            "signed it"
        )
    timestamp = _timestamp(stamp)
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        age = current - timestamp
        when = f"{age:.0f} s old" if age > 0 else f"{-age:.0f} s in the future"
        raise WebhookTimestampError(
            f"the delivery's timestamp is {when}, outside the tolerance of {tolerance:g} s "
            "(a replayed or delayed delivery)"
        )
    return _event(raw, event_id, timestamp)


def parse_signatures(value: str) -> list[str]:
    """The hex digests of every ``v1=`` entry of a signature header (other schemes ignored)."""
    found: list[str] = []
    for part in value.split(","):
        scheme, sep, digest = part.strip().partition("=")
        if sep and scheme.strip() == SIGNATURE_SCHEME and digest.strip():
            found.append(digest.strip().lower())
    return found


def _key(secret: Secret) -> bytes:
    if isinstance(secret, bytes):
        return secret
    if isinstance(secret, str):
        return secret.encode("utf-8")
    raise TypeError(f"a webhook secret is str or bytes, not {type(secret).__name__}")


def _secrets(secret: Secret | Sequence[Secret]) -> list[bytes]:
    if isinstance(secret, (str, bytes)):
        return [_key(secret)]
    return [_key(s) for s in secret]


def _timestamp(stamp: str) -> int:
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        raise WebhookTimestampError(
            f"{TIMESTAMP_HEADER} is not Unix seconds (a decimal integer): {stamp[:40]!r}"
        )
    return int(stamp)


def _event(raw: bytes, event_id: str, timestamp: int) -> WebhookEvent:
    try:
        payload = json.loads(raw)
    except ValueError as exc:
        raise WebhookPayloadError(f"the body is not JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise WebhookPayloadError("the body is not a JSON object")
    if payload.get("id") != event_id:
        raise WebhookPayloadError(
            f"the body's id {payload.get('id')!r} is not the {ID_HEADER} header's {event_id!r}"
        )
    kind = payload.get("type")
    if not isinstance(kind, str) or not kind:
        raise WebhookPayloadError("the event has no type")
    data = payload.get("data")
    task: WebhookTaskData | None = None
    if kind in (COMPLETED, FAILED):
        task = _task_data(data)
    elif data is not None and not isinstance(data, dict):
        raise WebhookPayloadError("the event's data is not an object")
    return WebhookEvent(
        id=event_id,
        type=kind,
        created_at=_optional_int(payload, "created_at"),
        timestamp=timestamp,
        data=task,
        api_version=_optional_str(payload, "api_version"),
        raw=payload,
    )


def _task_data(data: Any) -> WebhookTaskData:
    if not isinstance(data, dict):
        raise WebhookPayloadError("a generation event needs a data object")
    task_id, status = data.get("task_id"), data.get("status")
    if not isinstance(task_id, str) or not task_id:
        raise WebhookPayloadError("data.task_id is missing or not a string")
    if not isinstance(status, str) or not status:
        raise WebhookPayloadError("data.status is missing or not a string")
    urls: list[str] = []
    result = data.get("result")
    if result is not None:
        items = result.get("data") if isinstance(result, dict) else None
        if not isinstance(items, list):
            raise WebhookPayloadError("data.result is not {type, data: [{url}]}")
        for item in items:
            url = item.get("url") if isinstance(item, dict) else None
            if not isinstance(url, str):
                raise WebhookPayloadError("a data.result.data item has no url")
            urls.append(url)
    error: WebhookTaskError | None = None
    raw_error = data.get("error")
    if raw_error is not None:
        message = raw_error.get("message") if isinstance(raw_error, dict) else None
        if not isinstance(message, str):
            raise WebhookPayloadError("data.error is not {code, message}")
        code = raw_error.get("code")
        error = WebhookTaskError(None if code is None else str(code), message)
    return WebhookTaskData(
        task_id=task_id,
        status=status,
        model=_optional_str(data, "model"),
        task_type=_optional_str(data, "task_type"),
        client_business_id=_optional_str(data, "client_business_id"),
        progress=_optional_str(data, "progress"),
        image_urls=tuple(urls),
        error=error,
        submitted_at=_optional_int(data, "submitted_at"),
        finished_at=_optional_int(data, "finished_at"),
    )


def _optional_str(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise WebhookPayloadError(f"{name} is not a string")
    return value


def _optional_int(data: Mapping[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise WebhookPayloadError(f"{name} is not Unix seconds (an integer)")
    return value
