"""Before any check: is this server reachable, is it this API, and does it take each token?

A handful of reads, each answered in one line when something obvious is wrong, instead of a run
that goes on for minutes and reports dozens of failures that all mean "the token was refused":

- with each token (``--token``, then ``--token-b``), a GET of a task id no server can know: a
  correct server answers 404 with the JSON error envelope; 401 or 403 means the token is refused;
- without a token, the same GET: a correct server answers 401 (or 404), in JSON;
- no answer at all (refused connection, timeout, reset) means the server is unreachable;
- an HTML page, or a 404 without the error envelope, on *every* one of these paths means the URL
  is not this API (a web site, a proxy's error page, a wrong path prefix).

Everything sent is a read that creates nothing, so it is as safe as it is cheap. A server that is
this API but answers oddly (invalid JSON, an undocumented status) passes the preflight: the checks
then report what is wrong, with evidence.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from conformance.http import ApiClient
from conformance.verdicts import Exchange

__all__ = [
    "NotThisApi",
    "PreflightError",
    "TokenRefused",
    "Unreachable",
    "preflight",
]

PREFLIGHT_ID_PREFIX = "conformance-preflight-"


class PreflightError(RuntimeError):
    """The run cannot usefully start (exit status 2); the message is one line."""


class Unreachable(PreflightError):
    """The server did not answer at all."""


class TokenRefused(PreflightError):
    """The server refused a token the user gave."""


class NotThisApi(PreflightError):
    """Whatever answers at the base URL is not the ToAPIs image API."""


@dataclass(frozen=True)
class _Look:
    label: str
    exchange: Exchange


def _short(exchange: Exchange, limit: int = 120) -> str:
    """The status, type and start of a body, on one line."""
    response = exchange.response
    if response is None:
        return f"no response ({exchange.transport_error})"
    try:
        text = response.body.decode("utf-8")
    except UnicodeDecodeError:
        text = f"<{len(response.body)} bytes>"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    ctype = response.headers.get("content-type", "no Content-Type").split(";")[0]
    return f"HTTP {response.status} {ctype}" + (f": {text}" if text else " (empty body)")


def _json(exchange: Exchange) -> object:
    if exchange.response is None:
        return None
    try:
        return json.loads(exchange.response.body)
    except ValueError:
        return None


def _is_html(exchange: Exchange) -> bool:
    response = exchange.response
    if response is None:
        return False
    ctype = response.headers.get("content-type", "").lower()
    head = response.body[:200].lstrip().lower()
    return _json(exchange) is None and (
        "html" in ctype or head.startswith((b"<!doctype", b"<html", b"<"))
    )


def _foreign(exchange: Exchange) -> bool:
    """An answer this API would never give on its status route: an HTML page, or a 404 that is
    not the JSON error envelope (``{"detail": "Not Found"}``, an empty body, plain text)."""
    response = exchange.response
    if response is None:
        return False
    if _is_html(exchange):
        return True
    body = _json(exchange)
    return response.status == 404 and not (isinstance(body, dict) and "error" in body)


def preflight(client: ApiClient, tokens: Sequence[tuple[str, str | None]]) -> list[Exchange]:
    """Raise ``PreflightError`` (one line) when the run cannot usefully start; else return the
    exchanges it made. ``tokens`` pairs the flag a token came from with the token."""
    looks: list[_Look] = []
    for flag, token in tokens:
        if token is None:
            continue
        exchange = client.get_task(PREFLIGHT_ID_PREFIX + secrets.token_hex(6), token=token)
        if exchange.response is None:
            raise Unreachable(f"{client.base_url} did not answer: {exchange.transport_error}")
        if exchange.response.status in (401, 403) and not _is_html(exchange):
            raise TokenRefused(f"the server refused the token given by {flag}: {_short(exchange)}")
        looks.append(_Look(f"GET with {flag}", exchange))
    anonymous = client.get_task(PREFLIGHT_ID_PREFIX + secrets.token_hex(6), token=None)
    if anonymous.response is None:
        raise Unreachable(f"{client.base_url} did not answer: {anonymous.transport_error}")
    looks.append(_Look("GET without a token", anonymous))
    if all(_foreign(look.exchange) for look in looks):
        path = looks[0].exchange.request.url
        answers = "; ".join(f"{look.label}: {_short(look.exchange, 60)}" for look in looks)
        raise NotThisApi(
            f"{client.base_url} does not look like the ToAPIs API ({path} -> {answers}); "
            "--base-url must be the API's root, without /v1"
        )
    refused = next(
        (
            look
            for look in looks[:-1]
            if look.exchange.response is not None and look.exchange.response.status in (401, 403)
        ),
        None,
    )
    if refused is not None:  # a 401 as an HTML page, from a server that is this API after all
        raise TokenRefused(
            f"the server refused the token given by {refused.label.removeprefix('GET with ')}: "
            f"{_short(refused.exchange)}"
        )
    return [look.exchange for look in looks]
