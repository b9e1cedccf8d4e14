"""The budget bounds the images that could be billed, whatever checks are chosen."""

from __future__ import annotations

import json
import math
import threading
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.budget import Budget, BudgetExhausted, create_cost
from conformance.catalogue import CATALOGUE
from conformance.http import Journal, is_loopback
from conformance.probes.base import Settings
from conformance.runner import UsageError, effective_budget, plan, run_suite
from conformance.verdicts import Status

BEHAVIOUR_CHECKS = [c for c, info in CATALOGUE.items() if info.layer == "behaviour"]


def worst_case_bill(body: Any) -> int:
    """Written independently of the suite: what a server accepting anything could bill."""
    if not isinstance(body, dict) or "n" not in body:
        return 1
    n = body["n"]
    if type(n) in (int, float) and math.isfinite(n) and n == int(n) and int(n) in (1, 2, 4):
        return int(n)
    return 4


class CountingServer:
    """Accepts every create request (and bills it, worst case); completes tasks at once."""

    def __init__(self) -> None:
        self.billed = 0
        self.tasks: dict[str, dict[str, Any]] = {}
        self.sent: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:  # probes run in a pool: one request at a time in here
            self.sent.append((request.method, request.url.path))
            return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/v1/images/generations":
            try:
                body = json.loads(request.content)
            except ValueError:
                body = None
            self.billed += worst_case_bill(body)
            task_id = f"t{len(self.tasks)}"
            n = body.get("n", 1) if isinstance(body, dict) else 1
            count = (
                int(n)
                if isinstance(n, int | float) and not isinstance(n, bool) and 0 < n < 10
                else 1
            )
            task: dict[str, Any] = {
                "id": task_id,
                "object": "generation.task",
                "model": "gpt-4o-image",
                "status": "completed",
                "progress": 100,
                "created_at": 1,
                "completed_at": 2,
                "expires_at": 86402,
                "result": {
                    "type": "image",
                    "data": [{"url": f"http://127.0.0.1:9/{i}.png"} for i in range(count)],
                },
            }
            self.tasks[task_id] = task
            return httpx.Response(200, json=task)
        if request.method == "GET" and path.startswith("/v1/images/generations/"):
            found = self.tasks.get(path.rsplit("/", 1)[-1])
            if found is None:
                return httpx.Response(
                    404, json={"error": {"code": 404, "message": "Task not found"}}
                )
            return httpx.Response(200, json=found)
        if path == "/v1/uploads/images":
            return httpx.Response(
                200,
                json={
                    "success": True,
                    "message": "",
                    "data": {
                        "id": "u1",
                        "url": "http://127.0.0.1:9/u1.png",
                        "mime_type": "image/png",
                        "size": 1,
                    },
                },
            )
        return httpx.Response(404, content=b"")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    budget=st.integers(min_value=0, max_value=40),
    chosen=st.sets(st.sampled_from(BEHAVIOUR_CHECKS), min_size=1, max_size=8),
    lifecycle_examples=st.integers(min_value=1, max_value=3),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_images_billed_never_exceed_the_budget(
    budget: int, chosen: set[str], lifecycle_examples: int, seed: int
) -> None:
    server = CountingServer()
    run_settings = Settings(
        "https://api.example.invalid",
        "token-a",
        "token-b",
        seed=seed,
        budget=budget,
        poll_interval=0,
        task_timeout=1,
        lifecycle_examples=lifecycle_examples,
        max_examples=3,
    )
    report = run_suite(run_settings, only=sorted(chosen), transport=httpx.MockTransport(server))
    assert server.billed <= budget
    assert report.budget_spent <= budget
    for verdict in report.verdicts:
        if verdict.status is Status.NOT_RUN and "budget" in verdict.reason:
            assert verdict.reason  # the reason names the budget, never silently dropped


def test_without_budget_or_read_only_a_remote_server_gets_nothing_at_all() -> None:
    server = CountingServer()
    run_settings = Settings(
        "https://api.example.invalid", "token-a", poll_interval=0, task_timeout=1
    )
    with pytest.raises(UsageError, match=r"add --budget N .* or --read-only") as refused:
        run_suite(run_settings, only=BEHAVIOUR_CHECKS, transport=httpx.MockTransport(server))
    assert "nothing was sent" in str(refused.value)
    assert server.sent == []


def test_read_only_sends_no_create_and_no_upload_but_runs_the_reads() -> None:
    server = CountingServer()
    run_settings = Settings(
        "https://api.example.invalid",
        "token-a",
        "token-b",
        poll_interval=0,
        task_timeout=1,
        read_only=True,
        max_examples=3,
    )
    report = run_suite(run_settings, only=BEHAVIOUR_CHECKS, transport=httpx.MockTransport(server))
    assert server.billed == 0
    assert [sent for sent in server.sent if sent[0] != "GET"] == []
    statuses = {v.check_id: (v.status, v.reason) for v in report.verdicts}
    reason = "--read-only: sends a create request"
    assert statuses["validation-rejects-n-outside-enum"] == (Status.NOT_RUN, reason)
    assert statuses["lifecycle-create-returns-task"] == (Status.NOT_RUN, reason)
    assert statuses["tasks-tenant-isolation"] == (Status.NOT_RUN, reason)
    upload = "--read-only: sends an upload"
    assert statuses["uploads-rejects-non-image"] == (Status.NOT_RUN, upload)
    assert statuses["validation-mask-non-png"] == (Status.NOT_RUN, upload)
    # Reads run: unknown ids, and authentication on the status route (CountingServer answers
    # a missing key with 404, not 401, so the auth checks fail: they were exercised).
    assert statuses["tasks-unknown-id-404"][0] is Status.PASS
    assert statuses["auth-missing-key-401"][0] is Status.FAIL
    assert ("GET", "/v1/images/generations/task_conformance_probe") in server.sent


def test_the_http_layer_itself_refuses_creates_and_uploads_under_read_only() -> None:
    from conformance.http import ApiClient, Pacer, ReadOnlyRefused

    server = CountingServer()
    client = ApiClient(
        "https://api.example.invalid",
        "token-a",
        budget=Budget(None),
        pacer=Pacer(None),
        journal=Journal(),
        transport=httpx.MockTransport(server),
        read_only=True,
    )
    with pytest.raises(ReadOnlyRefused, match="create"):
        client.create({"model": "gpt-4o-image", "prompt": "x"})
    with pytest.raises(ReadOnlyRefused, match="upload"):
        client.upload(b"\x89PNG")
    client.get_task("t0")
    assert server.sent == [("GET", "/v1/images/generations/t0")]


def test_plan_counts_invalid_n_at_the_documented_maximum() -> None:
    assert create_cost({"n": 3}) == 4
    assert create_cost({"n": "1"}) == 4
    assert create_cost({"n": True}) == 4
    assert create_cost({"n": 1.0}) == 1
    assert create_cost({}) == 1
    probes, skipped = plan(
        Settings("https://api.example.invalid", "t", budget=4),
        ["validation-rejects-n-outside-enum", "validation-rejects-n-string"],
    )
    assert [p.name for p in probes] == ["validation-rejects-n-outside-enum"]
    assert "budget" in skipped["validation-rejects-n-string"]


def test_the_budget_refuses_before_sending() -> None:
    budget = Budget(3)
    budget.charge(2)
    with pytest.raises(BudgetExhausted):
        budget.charge(2)
    assert budget.spent == 2
    assert budget.refused == 1


def test_the_schema_layer_spends_through_the_same_budget() -> None:
    from conformance.http import Pacer
    from conformance.schema_layer import SchemaRunOptions, run_schema_layer
    from tests.conformance.fake_api import serve_fake

    with serve_fake() as (url, state):
        summary = run_schema_layer(SchemaRunOptions(url, "token-a", 5, 10, Budget(6), Pacer(None)))
    assert state.worst_case_billed <= 6
    assert summary.refused_by_budget > 0  # generation wanted more: the hook held it back


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:4010", True),
        ("http://127.8.9.10", True),
        ("http://localhost:8080/v1", True),
        ("http://[::1]:4010", True),
        ("https://127.example.com", False),  # a name, not an address: it can resolve anywhere
        ("https://toapis.example", False),
        ("http://10.0.0.1", False),
    ],
)
def test_only_this_machine_counts_as_loopback(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback
    # Without --budget, a server that is not on loopback gets no create request at all.
    assert effective_budget(Settings(url, "t")) == (None if loopback else 0)


@pytest.mark.parametrize(
    ("base", "url", "create"),
    [
        ("http://h/api", "http://h/api/v1/images/generations", "createImageGeneration"),
        ("http://h/api/", "http://h/api//V1/images/generations/", "createImageGeneration"),
        ("http://h/api", "http://h/api/v1/images/%67enerations", "createImageGeneration"),
        ("http://h", "http://h/v1/images/generations", "createImageGeneration"),
        ("http://h/api", "http://h/api/v1/images/edits", "createImageEdit"),
        ("http://h/api", "http://h/api/v1/images/generations/task_1", None),
        ("http://h/api", "http://h/api/v1/uploads/images", None),
    ],
)
def test_the_guard_tells_a_create_by_its_path_under_the_base_url(
    base: str, url: str, create: str | None
) -> None:
    from conformance.http import SendGuard

    assert SendGuard(base, Budget(None)).create_operation("POST", url) == create


def test_the_guard_refuses_unselected_and_unknown_models_before_sending() -> None:
    from conformance.http import ModelRefused, SendGuard
    from conformance.probes.reach import unknown_model_name

    budget = Budget(10)
    guard = SendGuard("http://h/api", budget, models=("gpt-4o-image",))
    url = "http://h/api/v1/images/generations"
    with pytest.raises(ModelRefused, match="not selected"):
        guard.admit("POST", url, b'{"model": "gpt-image-2", "prompt": "x"}')
    with pytest.raises(ModelRefused, match="does not describe"):
        guard.admit("POST", url, b'{"model": "dall-e-3", "prompt": "x"}')
    # A repeated key: a server may take either value.
    with pytest.raises(ModelRefused):
        guard.admit("POST", url, b'{"model": "gpt-4o-image", "model": "gpt-image-2"}')
    assert budget.spent == 0
    # The suite's one deliberate unknown model is let through, at its worst case.
    assert guard.admit("POST", url, {"model": unknown_model_name(7), "prompt": "x"}) == 1
    assert guard.admit("POST", url, b'{"prompt": "x", "n": "2"}') == 4  # default model, max n
    assert guard.admit("POST", url, b'{"model": "gpt-4o-image", "n": 4}') == 4
    with pytest.raises(BudgetExhausted):  # 1 left: nothing is released, nothing more is sent
        guard.admit("POST", url, b'{"model": "gpt-4o-image", "n": 2}')
    assert budget.spent == 9


def test_a_body_without_a_model_is_the_default_model() -> None:
    from conformance.http import ModelRefused, SendGuard

    guard = SendGuard("http://h", Budget(None), models=("gpt-image-2",))
    with pytest.raises(ModelRefused, match="gpt-4o-image"):
        guard.admit("POST", "http://h/v1/images/generations", b"not json")
