"""Every documented error becomes its own exception class, with what the server said."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mock_server import RunningServer
from tests.sdk.sdk_testkit import TOKEN_B, fake_server, make_client, task_body
from toapis import (
    APIStatusError,
    AuthenticationError,
    ContentPolicyError,
    GenerationTask,
    InsufficientQuotaError,
    InvalidRequestError,
    MalformedResponseError,
    NotFoundError,
    RateLimitError,
    ToAPIsError,
)

# -- against the running mock ------------------------------------------------------------------


def test_an_invalid_request_names_the_parameter(mock_server: RunningServer) -> None:
    with (
        make_client(mock_server.base_url) as client,
        pytest.raises(InvalidRequestError) as caught,
    ):
        client.generate("castle", n=3)
    assert caught.value.status_code == 400
    assert caught.value.param == "n"
    assert caught.value.code == "invalid_request"
    assert "param: n" in str(caught.value)


def test_a_wrong_key_on_create_is_an_authentication_error(mock_server: RunningServer) -> None:
    with (
        make_client(mock_server.base_url, token="sk-wrong") as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.generate("castle")
    assert caught.value.status_code == 401
    assert caught.value.code == "unauthorized"  # the string form of error.code


def test_a_wrong_key_on_status_is_an_authentication_error(mock_server: RunningServer) -> None:
    with (
        make_client(mock_server.base_url, token="sk-wrong") as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.get_task("task_img_x")
    assert caught.value.code == 401  # the integer form of error.code


def test_an_unknown_task_and_another_users_task_are_not_found(mock_server: RunningServer) -> None:
    with make_client(mock_server.base_url) as client:
        task = client.generate("castle")
        with pytest.raises(NotFoundError):
            client.get_task("task_img_does_not_exist")
    with make_client(mock_server.base_url, token=TOKEN_B) as other, pytest.raises(NotFoundError):
        other.get_task(task.id)


def test_an_upload_of_a_non_image_reads_the_upload_envelope(mock_server: RunningServer) -> None:
    with (
        make_client(mock_server.base_url) as client,
        pytest.raises(InvalidRequestError) as caught,
    ):
        client.upload(b"this is not an image", file_name="notes.txt")
    assert caught.value.param == "file"
    assert caught.value.code is None
    assert "Unsupported image type" in caught.value.message


# -- documented errors the mock does not produce, from fake servers -------------------------


def _raised(status: int, body: Any, headers: dict[str, str] | None = None) -> ToAPIsError:
    transport = fake_server(lambda _request: (status, body, headers or {}))
    client = make_client("http://api.test", transport=transport)
    with client, pytest.raises(ToAPIsError) as caught:
        client.generate("castle")
    return caught.value


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (402, "insufficient_quota", InsufficientQuotaError),
        (422, "content_policy_violation", ContentPolicyError),
        (503, "rate_limit_unavailable", APIStatusError),
        (403, "forbidden", APIStatusError),
    ],
)
def test_each_documented_status_has_its_class(
    status: int, code: str, expected: type[APIStatusError]
) -> None:
    error = _raised(status, {"error": {"code": code, "message": "no"}})
    assert type(error) is expected
    assert isinstance(error, APIStatusError)
    assert error.status_code == status
    assert error.code == code
    assert error.message == "no"


def test_a_non_standard_status_is_an_api_status_error() -> None:
    error = _raised(520, b"<html>origin error</html>", {"content-type": "text/html"})
    assert type(error) is APIStatusError
    assert error.status_code == 520
    assert error.code is None
    assert "origin error" in error.message


def test_a_rate_limit_carries_retry_after() -> None:
    body = {"error": {"code": 429, "message": "Too many requests", "type": "rate_limit_error"}}
    error = _raised(429, body, {"Retry-After": "3600"})  # longer than max_retry_after: no retry
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 3600.0
    assert error.code == 429


def test_an_error_given_as_a_bare_string_is_still_read() -> None:
    error = _raised(400, {"error": "prompt is required"})
    assert isinstance(error, InvalidRequestError)
    assert error.message == "prompt is required"


def test_a_success_without_a_task_is_a_malformed_response() -> None:
    error = _raised(200, {"ok": True})
    assert isinstance(error, MalformedResponseError)
    assert error.status_code == 200


def test_an_upload_refused_with_http_200_and_success_false_is_an_error() -> None:
    transport = fake_server(lambda _r: (200, {"success": False, "message": "quota exhausted"}))
    with (
        make_client("http://api.test", transport=transport) as client,
        pytest.raises(InvalidRequestError, match="quota exhausted"),
    ):
        client.upload(b"\x89PNG....", file_name="a.png")


# -- drift: answers the contract does not describe must not break polling -------------------


def test_an_undocumented_status_value_is_polled_through() -> None:
    """Older docs and third-party reports show `submitted` and `pending` (DECISIONS.md D-02)."""
    states = iter(["submitted", "pending", "completed"])

    def handler(request: httpx.Request) -> tuple[int, Any]:
        status = next(states)
        extra: dict[str, Any] = {}
        if status == "completed":
            extra = {"result": {"type": "image", "data": [{"url": "http://files.test/a.png"}]}}
        return 200, task_body("t1", status, 100 if status == "completed" else 10, **extra)

    with make_client("http://api.test", transport=fake_server(handler)) as client:
        task = client.wait("t1")
    assert task.is_completed
    assert task.image_urls == ("http://files.test/a.png",)
    assert task.model is not None  # the completed body matches the contract


def test_an_undocumented_status_value_is_kept_in_the_view() -> None:
    body = task_body("t1", "submitted", 0)
    task = GenerationTask.from_body(body)
    assert task is not None
    assert task.status == "submitted"
    assert not task.is_final


def test_the_top_level_url_is_used_when_result_is_missing() -> None:
    body = task_body("t1", "completed", 100, url="http://files.test/only.png")
    task = GenerationTask.from_body(body)
    assert task is not None
    assert task.image_urls == ("http://files.test/only.png",)
