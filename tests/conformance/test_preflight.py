"""Before any check, the obvious is said in one line: refused token, unreachable, not this API."""

from __future__ import annotations

import socket
from collections.abc import Callable

import httpx
import pytest

from conformance.cli import main
from conformance.preflight import NotThisApi, TokenRefused, Unreachable
from conformance.probes.base import Settings
from conformance.runner import run_suite
from tests.conformance.fake_api import serve_fake

Handler = Callable[[httpx.Request], httpx.Response]
ENVELOPE_404 = {"error": {"code": 404, "message": "Task not found"}}
ENVELOPE_401 = {"error": {"code": 401, "message": "Invalid API key"}}


def _api(tokens: tuple[str, ...], sent: list[httpx.Request]) -> Handler:
    """Answers like the API: 401 for an unknown key, 404 with the envelope for unknown tasks."""

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        key = request.headers.get("authorization", "").removeprefix("Bearer ")
        if key not in tokens:
            return httpx.Response(401, json=ENVELOPE_401)
        return httpx.Response(404, json=ENVELOPE_404)

    return handle


def _run(handler: Handler, token_b: str | None = None) -> None:
    settings = Settings("http://127.0.0.1:9", "token-a", token_b, poll_interval=0)
    run_suite(settings, transport=httpx.MockTransport(handler))


def test_a_refused_token_stops_the_run_before_any_check() -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(TokenRefused) as refused:
        _run(_api(("someone-else",), sent))
    assert str(refused.value).startswith(
        "the server refused the token given by --token: HTTP 401 application/json: "
    )
    assert "\n" not in str(refused.value)
    assert len(sent) == 1  # one read, and nothing else


def test_a_refused_second_token_names_token_b() -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(TokenRefused, match="the token given by --token-b: HTTP 401"):
        _run(_api(("token-a",), sent), token_b="token-x")
    assert [r.method for r in sent] == ["GET", "GET"]


def test_a_403_is_a_refused_token_too() -> None:
    def forbidden(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"error": {"code": 403, "message": "Forbidden"}})

    with pytest.raises(TokenRefused, match="HTTP 403"):
        _run(forbidden)


def test_an_unreachable_server_is_said_so() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(Unreachable, match="did not answer: ConnectError"):
        _run(refuse)


def test_an_html_page_on_every_path_is_not_this_api() -> None:
    def website(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html="<!DOCTYPE html><html><body>Welcome</body></html>")

    with pytest.raises(NotThisApi, match="does not look like the ToAPIs API"):
        _run(website)


def test_a_404_without_the_envelope_on_every_path_is_not_this_api() -> None:
    def other_api(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"detail": "Not Found"})

    with pytest.raises(NotThisApi, match="without /v1"):
        _run(other_api)


def test_an_odd_answer_that_is_still_this_api_passes_the_preflight() -> None:
    """A server that breaks the contract (a 404 without the envelope) but answers a missing key
    with the JSON 401 is this API: the checks, not the preflight, report what is wrong."""

    def sloppy(request: httpx.Request) -> httpx.Response:
        if "authorization" not in request.headers:
            return httpx.Response(401, json=ENVELOPE_401)
        return httpx.Response(404, text="not found")

    _run(sloppy)  # no exception: the run goes on


def test_the_cli_says_it_in_one_line_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_fake() as (url, state):
        code = main(["--base-url", url, "--token", "sk-wrong-token-12345"])
        assert state.create_requests == 0
    assert code == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("error: the server refused the token given by --token: HTTP 401")
    assert "sk-wrong-token-12345" not in out[0]


def test_a_remote_server_without_budget_or_read_only_is_refused_before_any_traffic(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    looked_up: list[object] = []

    def no_network(*args: object, **kwargs: object) -> object:
        looked_up.append(args)
        raise AssertionError("nothing may be sent")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(SystemExit) as exit_info:
        main(["--base-url", "https://gateway.example", "--token", "t"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "add --budget N" in err
    assert "--read-only" in err
    assert looked_up == []
