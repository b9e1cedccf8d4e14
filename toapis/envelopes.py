"""Turn an HTTP error answer into the matching typed exception.

The contract documents three error envelopes and this reader accepts all of them, because the
service uses each on some endpoint:

- ``{"error": {"code": "invalid_request", "message": ..., "param": ..., "type": ...}}``
  (string code)
- ``{"error": {"code": 404, "message": ..., "type": "not_found_error"}}`` (numeric code)
- ``{"success": false, "message": ...}`` (uploads)

Anything else (an HTML page from a gateway, an empty body) still gives an exception of the right
class for its status, with a shortened copy of the body as the message.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from toapis.errors import (
    APIStatusError,
    AuthenticationError,
    ContentPolicyError,
    InsufficientQuotaError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
)

# Documented statuses (status page error table and the contract's responses) -> exception class.
# Any other status, including non-standard ones such as 520, is a plain APIStatusError.
_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    402: InsufficientQuotaError,
    404: NotFoundError,
    422: ContentPolicyError,
    429: RateLimitError,
}

_BODY_EXCERPT = 300


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from ``Retry-After``: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).

    Decimals are accepted; a date in the past means 0. Garbage gives ``None``, and the caller
    falls back to its own backoff. ``now`` (Unix time) is for tests.
    """
    raw = headers.get("retry-after")
    if raw is None:
        return None
    text = raw.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; the obsolete forms carry no zone
            when = when.replace(tzinfo=datetime.UTC)
        current = time.time() if now is None else now
        return max(0.0, when.timestamp() - current)
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


def read_json(content: bytes) -> Any:
    """The decoded body, or ``None`` when it is not JSON."""
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None


def error_from_response(
    *,
    operation: str,
    status_code: int,
    content: bytes,
    headers: Mapping[str, str],
    redact: Callable[[str], str],
) -> APIStatusError:
    """The exception for one error answer; every server-provided text goes through ``redact``."""
    text = redact(content.decode("utf-8", errors="replace"))
    body = read_json(content)
    code: str | int | None = None
    error_type: str | None = None
    param: str | None = None
    message: str | None = None
    if isinstance(body, dict):
        detail = body.get("error")
        if isinstance(detail, dict):
            raw_code = detail.get("code")
            # bool is an int in Python but never a documented code.
            if isinstance(raw_code, str | int) and not isinstance(raw_code, bool):
                code = raw_code
            message = _text(detail.get("message"))
            error_type = _text(detail.get("type"))
            param = _text(detail.get("param"))
        elif isinstance(detail, str):  # seen in third-party code: "error": "text"
            message = detail
        if message is None:
            message = _text(body.get("message"))
    if not message:
        message = text[:_BODY_EXCERPT].strip() or "(empty body)"
    cls = _BY_STATUS.get(status_code, APIStatusError)
    if cls is InvalidRequestError and param is None and operation == "uploadImage":
        param = (
            "file"  # the upload envelope names no field, and the file is the only one that matters
        )
    return cls(
        redact(message),
        status_code=status_code,
        operation=operation,
        code=code,
        error_type=error_type,
        param=param,
        retry_after=parse_retry_after(headers) if status_code == 429 else None,
        body=text,
        headers={k: redact(v) for k, v in headers.items()},
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
