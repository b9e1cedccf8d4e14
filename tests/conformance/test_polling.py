"""Polls are spaced as the server allows (conformance.polling), never above --max-rps."""

from __future__ import annotations

import pytest

from conformance.polling import DOCUMENTED_INTERVAL, LOOPBACK_INTERVAL, MAX_DELAY, poll_delay
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse

REMOTE, LOCAL = "https://api.example.test", "http://127.0.0.1:4010"


def _answer(**headers: str) -> Exchange:
    request = RecordedRequest("GET", f"{REMOTE}/v1/images/generations/t1", {}, None)
    return Exchange(request, RecordedResponse(200, headers, b"{}", 0.01))


def test_without_a_hint_remote_servers_are_polled_as_the_docs_advise() -> None:
    assert poll_delay(None, REMOTE, None) == DOCUMENTED_INTERVAL
    assert poll_delay(None, REMOTE, _answer()) == DOCUMENTED_INTERVAL


def test_a_server_on_this_machine_is_polled_faster() -> None:
    assert poll_delay(None, LOCAL, _answer()) == LOOPBACK_INTERVAL < DOCUMENTED_INTERVAL


def test_retry_after_decides_and_is_bounded() -> None:
    assert poll_delay(None, REMOTE, _answer(**{"retry-after": "2"})) == 2.0
    assert poll_delay(None, LOCAL, _answer(**{"retry-after": "2"})) == 2.0
    assert poll_delay(None, REMOTE, _answer(**{"retry-after": "3600"})) == MAX_DELAY


@pytest.mark.parametrize(
    ("reset", "now", "expected"), [("7", 0.0, 7.0), ("1800000009", 1_800_000_000.0, 9.0)]
)
def test_an_exhausted_rate_limit_window_is_waited_out(
    reset: str, now: float, expected: float
) -> None:
    answer = _answer(**{"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
    assert poll_delay(None, LOCAL, answer, now=now) == expected


def test_requests_left_in_the_window_do_not_slow_polling() -> None:
    answer = _answer(**{"x-ratelimit-remaining": "40", "x-ratelimit-reset": "7"})
    assert poll_delay(None, LOCAL, answer) == LOOPBACK_INTERVAL


def test_an_explicit_interval_wins_but_never_under_what_the_server_asked() -> None:
    assert poll_delay(1.0, REMOTE, _answer()) == 1.0
    assert poll_delay(1.0, REMOTE, _answer(**{"retry-after": "4"})) == 4.0
    assert poll_delay(0.0, LOCAL, None) == 0.0
