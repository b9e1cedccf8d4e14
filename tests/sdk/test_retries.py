"""Retries against the running mock's fault injection: what is retried, how often, how long.

A create request is billed, so it is retried only when the service cannot have seen it (the
connection was never set up) or refused it outright (429). Status queries and uploads are
retried after 429, 5xx and connection errors.
"""

from __future__ import annotations

import httpx
import pytest

from mock_server import RunningServer
from tests.sdk.sdk_testkit import (
    CREATE_PATH,
    STATUS_PATH,
    UPLOAD_PATH,
    Recorder,
    make_client,
    png_bytes,
)
from toapis import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    FakeClock,
    RateLimitError,
    RetryPolicy,
)


def test_status_queries_are_retried_with_exponential_backoff_and_counted(
    mock_server: RunningServer,
) -> None:
    clock = FakeClock()
    recorder = Recorder()
    retry = RetryPolicy(max_retries=3, backoff_initial=0.5, backoff_max=8.0)
    with make_client(mock_server.base_url, clock=clock, transport=recorder, retry=retry) as client:
        task = client.generate("castle")
        recorder.faults[("GET", STATUS_PATH)] = ["500"] * 10
        with pytest.raises(APIStatusError) as caught:
            client.get_task(task.id)

    assert caught.value.status_code == 500
    assert recorder.count("GET", STATUS_PATH) == 4  # the first attempt and 3 retries
    assert len(clock.sleeps) == 3
    for number, slept in enumerate(clock.sleeps):
        ceiling = 0.5 * 2**number
        assert ceiling / 2 <= slept <= ceiling


def test_a_status_query_succeeds_after_transient_faults(mock_server: RunningServer) -> None:
    recorder = Recorder()
    with make_client(mock_server.base_url, transport=recorder) as client:
        task = client.generate("castle")
        recorder.faults[("GET", STATUS_PATH)] = ["500", "drop"]
        assert client.get_task(task.id).id == task.id
    assert recorder.count("GET", STATUS_PATH) == 3


def test_get_task_honours_retry_after(mock_server: RunningServer) -> None:
    clock = FakeClock()
    recorder = Recorder()
    with make_client(mock_server.base_url, clock=clock, transport=recorder) as client:
        task = client.generate("castle")
        recorder.faults[("GET", STATUS_PATH)] = ["429"]
        client.get_task(task.id)
    assert len(clock.sleeps) == 1
    assert 1.0 <= clock.sleeps[0] <= 2.0  # Retry-After: 1 plus at most 1 s of jitter


def test_wait_gives_up_after_max_retries_consecutive_server_errors(
    mock_server: RunningServer,
) -> None:
    recorder = Recorder()
    with make_client(mock_server.base_url, transport=recorder) as client:
        task = client.generate("castle")
        recorder.faults[("GET", STATUS_PATH)] = ["500"] * 10
        with pytest.raises(APIStatusError) as caught:
            client.wait(task)
    assert caught.value.status_code == 500
    assert recorder.count("GET", STATUS_PATH) == 4


def test_a_create_is_never_retried_after_a_server_error(mock_server: RunningServer) -> None:
    recorder = Recorder(faults={("POST", CREATE_PATH): ["500"]})
    with (
        make_client(mock_server.base_url, transport=recorder) as client,
        pytest.raises(APIStatusError) as caught,
    ):
        client.generate("castle")
    assert caught.value.status_code == 500
    assert recorder.count("POST", CREATE_PATH) == 1


def test_a_create_is_never_retried_after_a_dropped_connection(mock_server: RunningServer) -> None:
    recorder = Recorder(faults={("POST", CREATE_PATH): ["drop"]})
    with (
        make_client(mock_server.base_url, transport=recorder) as client,
        pytest.raises(APIConnectionError),
    ):
        client.generate("castle")
    assert recorder.count("POST", CREATE_PATH) == 1


def test_a_create_is_never_retried_after_a_read_timeout(endless_mock: RunningServer) -> None:
    recorder = Recorder(faults={("POST", CREATE_PATH): ["slow"]})
    with (
        make_client(endless_mock.base_url, transport=recorder, timeout=0.2) as client,
        pytest.raises(APITimeoutError),
    ):
        client.generate("castle")
    assert recorder.count("POST", CREATE_PATH) == 1


def test_a_create_is_retried_when_the_connection_was_refused(mock_server: RunningServer) -> None:
    clock = FakeClock()
    recorder = Recorder(refuse=2)
    with make_client(mock_server.base_url, clock=clock, transport=recorder) as client:
        task = client.generate("castle")
    assert task.status == "queued"
    assert recorder.count("POST", CREATE_PATH) == 3
    assert len(clock.sleeps) == 2


def test_a_create_is_retried_after_429_once_retry_after_has_passed(
    mock_server: RunningServer,
) -> None:
    clock = FakeClock()
    recorder = Recorder(faults={("POST", CREATE_PATH): ["429"]})
    with make_client(mock_server.base_url, clock=clock, transport=recorder) as client:
        task = client.generate("castle")
    assert task.id
    assert recorder.count("POST", CREATE_PATH) == 2
    assert 1.0 <= clock.sleeps[0] <= 2.0


def test_a_429_that_outlasts_the_retries_raises_rate_limit_error(
    mock_server: RunningServer,
) -> None:
    recorder = Recorder(faults={("POST", CREATE_PATH): ["429"] * 10})
    with (
        make_client(
            mock_server.base_url, transport=recorder, retry=RetryPolicy(max_retries=2)
        ) as client,
        pytest.raises(RateLimitError) as caught,
    ):
        client.generate("castle")
    assert caught.value.retry_after == 1.0
    assert recorder.count("POST", CREATE_PATH) == 3


def test_an_unreachable_server_raises_a_connection_error_after_the_retries() -> None:
    with socket_that_refuses() as url:
        clock = FakeClock()
        with (
            make_client(url, clock=clock, retry=RetryPolicy(max_retries=2)) as client,
            pytest.raises(APIConnectionError) as caught,
        ):
            client.get_task("task_img_x")
    assert caught.value.operation == "getImageGenerationTask"
    assert len(clock.sleeps) == 2


def test_uploads_are_retried_after_server_errors(mock_server: RunningServer) -> None:
    image = png_bytes()
    recorder = Recorder(faults={("POST", UPLOAD_PATH): ["500", "429"]})
    with make_client(mock_server.base_url, transport=recorder) as client:
        url = client.upload(image, file_name="ref.png")
    assert recorder.count("POST", UPLOAD_PATH) == 3
    # The retry sent the whole image again, not the exhausted stream of the first attempt.
    assert url.startswith(mock_server.base_url)
    assert httpx.get(url, timeout=5.0).content == image


def test_no_retries_when_disabled(mock_server: RunningServer) -> None:
    recorder = Recorder(faults={("POST", UPLOAD_PATH): ["500"]})
    with (
        make_client(
            mock_server.base_url, transport=recorder, retry=RetryPolicy(max_retries=0)
        ) as client,
        pytest.raises(APIStatusError),
    ):
        client.upload(png_bytes(), file_name="ref.png")
    assert recorder.count("POST", UPLOAD_PATH) == 1


class socket_that_refuses:
    """A loopback URL on which nothing listens (the port is bound, then closed)."""

    def __enter__(self) -> str:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc_info: object) -> None:
        return None


def test_recorder_sees_real_connect_errors_as_refusals() -> None:
    """The refusal the Recorder simulates is the one httpx raises for a closed port."""
    with socket_that_refuses() as url, pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=2.0)
