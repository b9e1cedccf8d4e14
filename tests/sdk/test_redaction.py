"""The API key never appears in a repr, a log record or an exception."""

from __future__ import annotations

import logging
import pickle
import traceback

import pytest

from mock_server import RunningServer
from tests.sdk.sdk_testkit import (
    STATUS_PATH,
    TOKEN,
    Recorder,
    fake_server,
    make_client,
)
from toapis import (
    APIConnectionError,
    AsyncClient,
    AuthenticationError,
    Client,
    ConfigurationError,
    RetryPolicy,
    ToAPIsError,
)


def _everything_about(error: BaseException) -> str:
    parts = [str(error), repr(error), *traceback.format_exception(error)]
    parts += [repr(value) for value in vars(error).values()]
    return "\n".join(parts)


def test_the_key_is_in_no_repr() -> None:
    client = Client(TOKEN, base_url="http://127.0.0.1:9")
    assert TOKEN not in repr(client)
    assert TOKEN not in str(client)
    assert TOKEN not in repr(vars(client)["_settings"])
    assert TOKEN not in repr(AsyncClient(TOKEN, base_url="http://127.0.0.1:9"))


def test_the_key_is_in_no_log_record_or_exception(
    mock_server: RunningServer, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[BaseException] = []
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at DEBUG
    recorder = Recorder()
    with make_client(mock_server.base_url, transport=recorder) as client:
        task = client.generate("castle")
        recorder.faults[("GET", STATUS_PATH)] = ["500", "429", "drop", "500"]
        try:
            client.get_task(task.id)
        except ToAPIsError as exc:
            errors.append(exc)
        client.wait(task)
    with (
        make_client(mock_server.base_url, token=TOKEN + "-revoked") as wrong,
        pytest.raises(AuthenticationError) as caught,
    ):
        wrong.generate("castle")
    errors.append(caught.value)
    with (
        make_client("http://127.0.0.1:9", retry=RetryPolicy(max_retries=1)) as unreachable,
        pytest.raises(APIConnectionError) as refused,
    ):
        unreachable.get_task("t1")
    errors.append(refused.value)

    assert [type(e).__name__ for e in errors] == [
        "APIStatusError",
        "AuthenticationError",
        "APIConnectionError",
    ]
    assert "retry" in caplog.text  # the retries above were logged...
    assert TOKEN not in caplog.text  # ...without the key
    for error in errors:
        assert TOKEN not in _everything_about(error)
        assert TOKEN not in str(pickle.loads(pickle.dumps(error, protocol=5)).__dict__)


def test_a_key_echoed_by_the_server_is_redacted() -> None:
    body = {"error": {"code": "unauthorized", "message": f"Invalid API key {TOKEN}"}}
    transport = fake_server(lambda _r: (401, body, {"X-Debug": f"Bearer {TOKEN}"}))
    with (
        make_client("http://api.test", transport=transport) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.generate("castle")
    assert "Invalid API key <redacted>" in caught.value.message
    assert TOKEN not in _everything_about(caught.value)
    assert TOKEN not in str(caught.value.headers)
    assert TOKEN not in caught.value.body


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    seen: list[str] = []

    def handler(request: object) -> tuple[int, object]:
        seen.append(request.headers["authorization"])  # type: ignore[attr-defined]
        return 404, {"error": {"code": 404, "message": "Task not found"}}

    with (
        Client(base_url="http://api.test", transport=fake_server(handler)) as client,
        pytest.raises(ToAPIsError),
    ):
        client.get_task("t1")
    assert seen == [f"Bearer {TOKEN}"]


def test_no_key_at_all_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOAPIS_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="TOAPIS_API_KEY"):
        Client()
