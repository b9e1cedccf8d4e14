"""Replayed timelines equal the recorded ones: polls at the recorded offsets (on the replay's
virtual clock) see the recorded status and progress, in order; ``--speed`` compresses time."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from conformance.cassette import Cassette, Timeline
from mock_server.clock import ManualClock
from mock_server.replay import VirtualClock, replay_in_thread
from tests.recordings.harness import Recording
from toapis_spec import operation

STATUS_PATH = operation("getImageGenerationTask").path


def _progression(task: Timeline) -> list[tuple[Any, Any]]:
    return [(p.status, p.progress) for p in task.polls]


def _poll(client: httpx.Client, task: Timeline) -> tuple[Any, Any]:
    # One made-up token per recorded tenant: the replay names it after the tenant whose
    # recorded requests its first request matches.
    response = client.get(
        STATUS_PATH.replace("{task_id}", task.id),
        headers={"Authorization": f"Bearer replayer-{task.tenant}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    return body.get("status"), body.get("progress")


def test_polls_at_the_recorded_offsets_see_the_recorded_progression(
    recorded: Recording,
) -> None:
    cassette = Cassette.load(recorded.directory)
    tasks = sorted(
        (t for t in cassette.tasks.values() if len(t.polls) >= 2), key=lambda t: t.tenant or ""
    )
    assert len(tasks) >= 10
    changing = 0
    clock = ManualClock(cassette.recorded_at)
    with (
        replay_in_thread(cassette, clock) as running,
        httpx.Client(base_url=running.base_url) as client,
    ):
        for task in tasks:
            seen = [_poll(client, task)]
            for before, after in zip(task.polls, task.polls[1:], strict=False):
                clock.advance(after.offset - before.offset)
                seen.append(_poll(client, task))
            assert seen == _progression(task), task.id
            changing += len(set(seen)) > 1
    assert changing, "no recorded task changed state between polls"


def test_a_replayed_create_starts_its_task_on_the_virtual_clock(recorded: Recording) -> None:
    cassette = Cassette.load(recorded.directory)
    # A create the suite's own client sent (its bodies are json.dumps of the recorded JSON).
    task = next(
        t
        for t in cassette.tasks.values()
        if len(t.polls) >= 3
        and cassette.exchanges[t.create]
        .request_headers.get("user-agent", "")
        .startswith("toapis-conformance")
    )
    create = cassette.exchanges[task.create]
    clock = ManualClock(cassette.recorded_at)
    with (
        replay_in_thread(cassette, clock) as running,
        httpx.Client(base_url=running.base_url) as client,
    ):
        token = {"Authorization": "Bearer someone-else-entirely"}
        answer = client.post(
            create.path or "",
            content=json.dumps(task.request, ensure_ascii=False).encode(),
            headers={**token, "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["id"] == task.id
        seen = []
        elapsed = 0.0
        for poll in task.polls:
            clock.advance(poll.offset - elapsed)
            elapsed = poll.offset
            response = client.get(STATUS_PATH.replace("{task_id}", task.id), headers=token)
            seen.append((response.json()["status"], response.json()["progress"]))
        # Once more than recorded: the Nth identical create gets the Nth recording, no more.
        again = [
            client.post(
                create.path or "",
                content=json.dumps(task.request, ensure_ascii=False).encode(),
                headers={**token, "Content-Type": "application/json"},
            )
            for _ in range(
                sum(
                    1
                    for e in cassette.exchanges
                    if e.request_body == create.request_body and e.tenant == create.tenant
                )
            )
        ]
    assert seen == _progression(task)
    assert again[-1].status_code == 400
    assert "not in the cassette" in again[-1].text


def test_speed_compresses_the_virtual_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("mock_server.replay.time.monotonic", lambda: now[0])
    clock = VirtualClock(start=50.0, speed=10)
    assert clock.now() == 50.0
    now[0] += 1.5
    assert clock.now() == pytest.approx(65.0)
    clock.advance(86_400)
    assert clock.now() == pytest.approx(86_465.0)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="positive"):
        VirtualClock(0.0, speed=0)
