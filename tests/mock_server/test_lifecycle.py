"""The task life cycle as a specification: rules are user actions, invariants documented promises.

Run with ``--hypothesis-seed=N`` to reproduce a failure; Hypothesis prints the failing steps.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from mock_server.tasks import FAIL_MARKER
from tests.mock_server.helpers import AUTH_A, AUTH_B, CREATE, body, client, dimensions

FINAL = {"completed", "failed"}
ORDER = {"queued": 0, "in_progress": 1, "completed": 2, "failed": 2}
PIXELS = {"1:1": (1024, 1024), "2:3": (1024, 1536), "3:2": (1536, 1024)}


class TaskLifecycle(RuleBasedStateMachine):
    """A user creates tasks, polls them, waits; other users poll them too."""

    step_per_poll = False
    tasks = Bundle("tasks")

    def __init__(self) -> None:
        super().__init__()
        self._client_cm = client(
            task_duration=30.0, step_per_poll=self.step_per_poll, failure_rate=0.3, seed=7
        )
        self.http, self.clock = self._client_cm.__enter__()
        self.seen: dict[str, dict[str, Any]] = {}
        self.requested: dict[str, dict[str, Any]] = {}
        self.finished: dict[str, dict[str, Any]] = {}

    def teardown(self) -> None:
        self._client_cm.__exit__(None, None, None)

    @initialize()
    def nothing_exists_yet(self) -> None:
        assert self.http.get(f"{CREATE}/task_img_000", headers=AUTH_A).status_code == 404

    # -- rules: what users do --------------------------------------------------------------

    @rule(
        target=tasks,
        n=st.sampled_from([1, 2, 4]),
        size=st.sampled_from(["1:1", "2:3", "3:2"]),
        fail=st.booleans(),
        business_id=st.none() | st.text("abcdef0123", min_size=1, max_size=6),
    )
    def create_a_task(self, n: int, size: str, fail: bool, business_id: str | None) -> str:
        prompt = f"a lighthouse {FAIL_MARKER}" if fail else "a lighthouse"
        extra = {"client_business_id": business_id} if business_id else {}
        response = self.http.post(
            CREATE, json=body(prompt=prompt, n=n, size=size, **extra), headers=AUTH_A
        )
        assert response.status_code == 200
        task = response.json()
        assert task["status"] == "queued"
        assert task["progress"] == 0
        assert task["object"] == "generation.task"
        if business_id:
            assert task["client_business_id"] == business_id
        self.requested[task["id"]] = {"n": n, "size": size, "fail": fail}
        self.seen[task["id"]] = task
        return str(task["id"])

    @rule(task_id=tasks)
    def poll_a_task(self, task_id: str) -> None:
        response = self.http.get(f"{CREATE}/{task_id}", headers=AUTH_A)
        assert response.status_code == 200
        self.observe(response.json())

    @rule(seconds=st.floats(min_value=0.5, max_value=40.0))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(task_id=tasks)
    def another_user_polls_it(self, task_id: str) -> None:
        foreign = self.http.get(f"{CREATE}/{task_id}", headers=AUTH_B)
        missing = self.http.get(f"{CREATE}/{task_id}x-missing", headers=AUTH_B)
        assert foreign.status_code == missing.status_code == 404
        assert foreign.content == missing.content

    @rule(task_id=consumes(tasks))
    def download_the_results(self, task_id: str) -> None:
        task = self.seen[task_id]
        if task["status"] != "completed":
            return
        for entry in task["result"]["data"][:1]:
            image = self.http.get(entry["url"])
            assert image.status_code == 200
            assert image.headers["content-type"] == "image/png"
            assert dimensions(image.content) == PIXELS[self.requested[task_id]["size"]]

    # -- what each observation must satisfy ------------------------------------------------

    def observe(self, task: dict[str, Any]) -> None:
        before = self.seen[task["id"]]
        wanted = self.requested[task["id"]]
        assert ORDER[task["status"]] >= ORDER[before["status"]], "status went backwards"
        assert task["progress"] >= before["progress"], "progress decreased"
        assert task["created_at"] == before["created_at"], "created_at changed"
        assert 0 <= task["progress"] <= 100
        if task["status"] == "completed":
            assert not wanted["fail"]
            assert task["progress"] == 100
            assert task["expires_at"] == task["completed_at"] + 86400
            assert task["completed_at"] >= task["created_at"]
            assert task["result"]["type"] == "image"
            assert len(task["result"]["data"]) == wanted["n"]
            assert task["url"] == task["result"]["data"][0]["url"]
            assert "error" not in task
        elif task["status"] == "failed":
            assert task["error"]["code"] == "generation_failed"
            assert task["error"]["message"]
            assert "result" not in task
            assert "url" not in task
        else:
            assert not {"result", "url", "error", "completed_at", "expires_at"} & task.keys()
        if task["status"] in FINAL:
            self.finished.setdefault(task["id"], task)
        self.seen[task["id"]] = task

    # -- invariants: promises that hold after every step -----------------------------------

    @invariant()
    def a_finished_task_never_changes(self) -> None:
        for task_id, first in list(self.finished.items())[-3:]:
            now = self.http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
            assert now == first

    @invariant()
    def every_task_is_readable_by_its_owner(self) -> None:
        for task_id in list(self.seen)[-3:]:
            response = self.http.get(f"{CREATE}/{task_id}", headers=AUTH_A)
            assert response.status_code == 200
            self.observe(response.json())


class TaskLifecycleStepPerPoll(TaskLifecycle):
    step_per_poll = True


_settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TestTaskLifecycle = TaskLifecycle.TestCase
TestTaskLifecycle.settings = _settings
TestTaskLifecycleStepPerPoll = TaskLifecycleStepPerPoll.TestCase
TestTaskLifecycleStepPerPoll.settings = _settings


@pytest.mark.parametrize("step_per_poll", [False, True])
def test_every_task_reaches_its_final_state(step_per_poll: bool) -> None:
    with client(task_duration=10.0, step_per_poll=step_per_poll) as (http, clock):
        ok = http.post(CREATE, json=body(n=2), headers=AUTH_A).json()
        bad = http.post(CREATE, json=body(prompt=f"x {FAIL_MARKER}"), headers=AUTH_A).json()
        statuses: dict[str, list[str]] = {ok["id"]: [], bad["id"]: []}
        for _ in range(6):
            clock.advance(2.5)
            for task_id, seen in statuses.items():
                seen.append(http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["status"])
        assert statuses[ok["id"]][-1] == "completed"
        assert statuses[bad["id"]][-1] == "failed"
        assert "in_progress" in statuses[ok["id"]]  # both pass through the same life cycle
        assert "in_progress" in statuses[bad["id"]]


def test_zero_duration_finishes_at_the_first_poll() -> None:
    with client(task_duration=0.0) as (http, _):
        created = http.post(CREATE, json=body(), headers=AUTH_A).json()
        assert created["status"] == "queued"
        polled = http.get(f"{CREATE}/{created['id']}", headers=AUTH_A).json()
        assert polled["status"] == "completed"
        assert polled["completed_at"] == polled["created_at"]


def test_step_per_poll_moves_one_step_per_poll_whatever_the_time() -> None:
    with client(step_per_poll=True, task_duration=1000.0) as (http, _):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        seen = [http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json() for _ in range(5)]
        assert [(t["status"], t["progress"]) for t in seen] == [
            ("in_progress", 25),
            ("in_progress", 50),
            ("in_progress", 75),
            ("completed", 100),
            ("completed", 100),
        ]


def test_random_failures_follow_the_seed() -> None:
    def outcomes(seed: int) -> list[str]:
        with client(failure_rate=0.5, seed=seed) as (http, _):
            ids = [http.post(CREATE, json=body(), headers=AUTH_A).json()["id"] for _ in range(20)]
            return [http.get(f"{CREATE}/{i}", headers=AUTH_A).json()["status"] for i in ids]

    first = outcomes(3)
    assert first == outcomes(3)
    assert {"completed", "failed"} == set(first)
    assert first != outcomes(4)


def test_business_id_is_echoed_and_scoped_to_its_owner() -> None:
    with client() as (http, _):
        created = http.post(CREATE, json=body(client_business_id="order_1"), headers=AUTH_A).json()
        assert created["client_business_id"] == "order_1"
        by_business_id = http.get(f"{CREATE}/order_1", headers=AUTH_A)
        assert by_business_id.status_code == 200
        assert by_business_id.json()["id"] == created["id"]
        foreign = http.get(f"{CREATE}/order_1", headers=AUTH_B)
        missing = http.get(f"{CREATE}/order_2", headers=AUTH_B)
        assert foreign.status_code == 404
        assert foreign.content == missing.content
        nested = http.post(
            CREATE, json=body(metadata={"client_business_id": "order_9"}), headers=AUTH_A
        ).json()
        assert nested["client_business_id"] == "order_9"
        plain = http.post(CREATE, json=body(), headers=AUTH_A).json()
        assert "client_business_id" not in plain
