"""Waiting for tasks against the running mock: completion, failure, deadline, Retry-After."""

from __future__ import annotations

import pytest

from mock_server import RunningServer
from tests.sdk.sdk_testkit import STATUS_PATH, Recorder, make_client
from toapis import FakeClock, GenerationTask, PollPolicy, TaskFailedError, TaskTimeoutError


def test_wait_polls_as_documented_until_the_task_completes(stepping_mock: RunningServer) -> None:
    clock = FakeClock()
    seen: list[GenerationTask] = []
    with make_client(stepping_mock.base_url, clock=clock) as client:
        task = client.generate_and_wait("An ancient castle", n=2, on_update=seen.append)

    assert task.is_completed
    assert len(task.image_urls) == 2
    assert [s.progress for s in seen] == sorted(s.progress for s in seen), "progress went back"
    assert seen[0].status == "queued"
    assert seen[-1] == task
    # First query after the documented 5 s, then every 5-10 s with jitter.
    assert clock.sleeps[0] == pytest.approx(5.0)
    assert len(clock.sleeps) == len(seen) - 1
    assert all(5.0 <= s <= 10.0 for s in clock.sleeps[1:])
    assert len(set(clock.sleeps[1:])) > 1, "intervals carry no jitter"


def test_the_same_seed_gives_the_same_waits(stepping_mock: RunningServer) -> None:
    runs = []
    for _ in range(2):
        clock = FakeClock()
        with make_client(stepping_mock.base_url, clock=clock) as client:
            client.generate_and_wait("castle")
        runs.append(clock.sleeps)
    assert runs[0] == runs[1]


def test_a_failed_task_raises_task_failed_error_with_its_error(mock_server: RunningServer) -> None:
    with make_client(mock_server.base_url) as client, pytest.raises(TaskFailedError) as caught:
        client.generate_and_wait("castle [[fail]]")
    assert caught.value.code == "generation_failed"
    assert caught.value.message
    assert caught.value.task.is_failed
    assert caught.value.task.id in str(caught.value)


def test_the_deadline_raises_task_timeout_error_without_real_waiting(
    endless_mock: RunningServer,
) -> None:
    clock = FakeClock()
    with make_client(endless_mock.base_url, clock=clock) as client:
        task = client.generate("castle")
        with pytest.raises(TaskTimeoutError) as caught:
            client.wait(task, timeout=30.0)

    error = caught.value
    assert error.task_id == task.id
    assert error.last_task is not None
    assert not error.last_task.is_final
    assert "30 s" in str(error)
    assert task.id in str(error)
    # The last query happens exactly at the deadline, never after it.
    assert clock.now == pytest.approx(30.0)
    assert sum(clock.sleeps) == pytest.approx(30.0)


def test_the_default_deadline_is_the_documented_120_s(endless_mock: RunningServer) -> None:
    clock = FakeClock()
    with (
        make_client(endless_mock.base_url, clock=clock) as client,
        pytest.raises(TaskTimeoutError),
    ):
        client.wait(client.generate("castle"))
    assert clock.now == pytest.approx(120.0)


def test_a_429_while_polling_waits_retry_after_plus_jitter_and_doubles_the_interval(
    stepping_mock: RunningServer,
) -> None:
    clock = FakeClock()
    recorder = Recorder(faults={("GET", STATUS_PATH): ["429"]})
    with make_client(stepping_mock.base_url, clock=clock, transport=recorder) as client:
        task = client.generate_and_wait("castle")

    assert task.is_completed
    # sleeps: initial delay; then the 429 (the mock sends Retry-After: 1) -> 1 s + up to 1 s
    # of jitter; then doubled intervals of 10-20 s.
    assert clock.sleeps[0] == pytest.approx(5.0)
    assert 1.0 <= clock.sleeps[1] <= 2.0
    assert all(10.0 <= s <= 20.0 for s in clock.sleeps[2:])
    assert len(clock.sleeps) > 2


def test_repeated_429s_never_make_the_interval_longer_than_the_cap(
    stepping_mock: RunningServer,
) -> None:
    clock = FakeClock()
    recorder = Recorder(faults={("GET", STATUS_PATH): ["429"] * 6})
    poll = PollPolicy(timeout=3600.0)
    with make_client(stepping_mock.base_url, clock=clock, transport=recorder, poll=poll) as client:
        client.generate_and_wait("castle")
    assert clock.sleeps[-1] <= 60.0
    assert max(clock.sleeps) == pytest.approx(60.0)


def test_a_retry_after_beyond_the_deadline_times_out_at_once(endless_mock: RunningServer) -> None:
    """Sleeping into a deadline that a Retry-After already rules out would only waste time."""
    clock = FakeClock()
    recorder = Recorder(faults={("GET", STATUS_PATH): ["429"]})
    with make_client(endless_mock.base_url, clock=clock, transport=recorder) as client:
        task = client.generate("castle")
        with pytest.raises(TaskTimeoutError, match="Retry-After"):
            client.wait(task, timeout=5.5)
    assert clock.now == pytest.approx(5.0)
