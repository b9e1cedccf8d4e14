"""JSON under any JSON media type: an error envelope is judged by its body, not by its label.

The contract documents every body as ``application/json``. A server may label its error envelope
``application/problem+json`` (RFC 9457) or any other ``application/*+json``, with or without
parameters such as ``charset``: the body is the same JSON, so the judges judge the body. A body
that is not JSON stays a failure, whatever its label says.
"""

from __future__ import annotations

import json
from typing import Any

from conformance.contract import schema_errors
from conformance.verdicts import Exchange

DOCUMENTED = "application/json"


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` value, lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_media_type(content_type: str | None) -> bool:
    """``application/json`` or a structured ``application/*+json`` type (RFC 6839), any
    parameters, any letter case: ``application/problem+json; charset=utf-8`` is one."""
    kind = media_type(content_type)
    top, _, sub = kind.partition("/")
    return top == "application" and (sub == "json" or (sub.endswith("+json") and len(sub) > 5))


def _json(body: bytes) -> tuple[bool, Any]:
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


def other_json_error(exchange: Exchange) -> bool:
    """Whether ``exchange`` is an error (4xx, 5xx) whose body is JSON labelled with a JSON media
    type other than the documented ``application/json``: a label the docs do not rule out."""
    response = exchange.response
    if response is None or response.status < 400:
        return False
    ctype = response.headers.get("content-type")
    if not is_json_media_type(ctype) or media_type(ctype) == DOCUMENTED:
        return False
    return _json(response.body)[0]


def envelope_problems(exchange: Exchange, operation_id: str) -> list[str]:
    """Why the JSON error body of ``exchange`` is not what the docs allow for its status (the
    server view of the contract), whatever JSON media type carries it; a body that is not JSON
    is a problem in itself."""
    response = exchange.response
    if response is None:
        return [f"no response: {exchange.transport_error}"]
    parsed, body = _json(response.body)
    if not parsed:
        ctype = response.headers.get("content-type", "no Content-Type")
        return [f"the body is not JSON ({ctype})"]
    return schema_errors(operation_id, response.status, body)
