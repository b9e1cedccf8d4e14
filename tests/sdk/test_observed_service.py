"""The client against the mock's ``observed-service`` profile: what independent clients of the
real service observed beyond the docs (``pending`` status, ``billing``/``usage``/``fail_reason``,
``tsk_img_<ULID>`` ids, ``/images/<task id>/<ts>_<hex>.png`` result URLs, 30 s tasks).

The mock runs in a thread on a hand-driven clock that the client's sleeps move forward, so a
30 s task is waited for in milliseconds."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from mock_server import MockConfig, RunningServer, run_in_thread
from mock_server.clock import ManualClock
from mock_server.variants import PROFILES, SLOW_TASK_SECONDS
from tests.sdk.sdk_testkit import TOKEN, make_client
from toapis import AsyncClient, TaskFailedError
from toapis.cli import main
from toapis.tasks import GenerationTask
from toapis_client import AuthenticatedClient
from toapis_client.api.images import get_image_generation_task
from toapis_client.models import Task

PROFILE = "observed-service"
ULID_ID = re.compile(r"tsk_img_[0-9A-HJKMNP-TV-Z]{26}")


class LinkedClock(ManualClock):
    """The mock's clock (``now``) and the client's (``monotonic``, ``sleep``) in one: every
    sleep of the client moves the mock's time forward instead of waiting."""

    def monotonic(self) -> float:
        return self.now()

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.advance(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> LinkedClock:
    return LinkedClock()


@pytest.fixture
def observed(clock: LinkedClock) -> Iterator[RunningServer]:
    config = MockConfig(tokens=(TOKEN,), seed=0, variants=(PROFILE,), clock=clock)
    with run_in_thread(config, host="127.0.0.1", port=0) as server:
        yield server


def test_the_profile_is_the_observed_variants() -> None:
    config = MockConfig(variants=(PROFILE,))
    assert config.variants == PROFILES[PROFILE].variants
    assert {"pending-status", "billing-fields", "ulid-ids", "files-host-paths", "slow-tasks"} <= (
        set(config.variants)
    )


def test_a_task_is_polled_through_pending_and_its_images_downloaded(
    observed: RunningServer, clock: LinkedClock, tmp_path: Path
) -> None:
    seen: list[GenerationTask] = []
    started = clock.now()
    with make_client(observed.base_url, clock=clock) as client:  # type: ignore[arg-type]
        task = client.generate_and_wait("A castle at night", n=2, on_update=seen.append)
        paths = client.download(task, tmp_path)

    statuses = [state.status for state in seen]
    assert statuses[0] == "pending"  # the create answer, as the real service sends it
    assert "in_progress" in statuses
    assert statuses.index("in_progress") > statuses.index("pending")
    assert statuses[-1] == "completed"
    assert clock.now() - started >= SLOW_TASK_SECONDS
    assert ULID_ID.fullmatch(task.id)
    # Not parsed by the generated model while pending (outside its enum), parsed once completed.
    assert seen[0].model is None
    assert isinstance(task.model, Task)
    # The undocumented fields are kept in the raw body (the generated model keeps them too).
    billing = task.raw["billing"]
    assert billing["status"] in {"pending", "settled"}
    assert task.raw["usage"]["total_tokens"] > 0
    assert task.model.additional_properties["billing"] == billing
    pattern = re.compile(rf"{re.escape(observed.base_url)}/images/{task.id}/\d+_[0-9a-f]{{8}}\.png")
    assert len(task.image_urls) == 2
    assert all(pattern.fullmatch(url) for url in task.image_urls)
    assert len(paths) == 2
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "PNG"


def test_a_failed_task_raises_with_its_reason_and_is_refunded(
    observed: RunningServer, clock: LinkedClock
) -> None:
    with (
        make_client(observed.base_url, clock=clock) as client,  # type: ignore[arg-type]
        pytest.raises(TaskFailedError) as caught,
    ):
        client.generate_and_wait("A storm [[fail]]")
    assert caught.value.code == "generation_failed"
    assert "asked the mock to fail" in caught.value.message
    raw = caught.value.task.raw
    assert raw["fail_reason"] == raw["error"]["message"]
    assert raw["billing"]["status"] == "refunded"


def test_fail_reason_stands_in_for_a_missing_error_message() -> None:
    body = {"id": "t1", "status": "failed", "progress": 0, "fail_reason": "upstream said no"}
    task = GenerationTask.from_body(body)
    assert task is not None
    assert task.error is not None
    assert task.error.message == "upstream said no"
    with_empty = GenerationTask.from_body({**body, "error": {"code": "x", "message": ""}})
    assert with_empty is not None
    assert with_empty.error is not None
    assert (with_empty.error.code, with_empty.error.message) == ("x", "upstream said no")


def test_the_async_client_completes_a_task_too(
    observed: RunningServer, clock: LinkedClock, tmp_path: Path
) -> None:
    async def scenario() -> list[Path]:
        async with AsyncClient(
            TOKEN,
            base_url=observed.base_url,
            clock=clock,
            seed=1,
        ) as client:
            task = await client.generate_and_wait("A lighthouse")
            return await client.download(task, tmp_path)

    paths = asyncio.run(scenario())
    assert len(paths) == 1
    assert paths[0].read_bytes().startswith(b"\x89PNG")


def test_the_generated_client_keeps_a_pending_answer_unparsed(
    observed: RunningServer, clock: LinkedClock
) -> None:
    """openapi-python-client 0.29.1 literal enums: ``Task.from_dict`` raises TypeError on
    ``pending``; the generated operation catches it and leaves ``parsed`` None, the body kept."""
    created = httpx.post(
        f"{observed.base_url}/v1/images/generations",
        json={"model": "gpt-4o-image", "prompt": "A fox"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).json()
    assert created["status"] == "pending"
    with pytest.raises(TypeError, match="pending"):
        Task.from_dict(created)
    api = AuthenticatedClient(base_url=observed.base_url, token=TOKEN)
    with api:
        answer = get_image_generation_task.sync_detailed(created["id"], client=api)
        assert answer.status_code == 200
        assert answer.parsed is None
        assert b'"status":"pending"' in answer.content
        clock.advance(SLOW_TASK_SECONDS)
        done = get_image_generation_task.sync_detailed(created["id"], client=api)
    assert isinstance(done.parsed, Task)
    assert done.parsed.status == "completed"


def test_toapis_image_saves_the_images_of_an_observed_service_task(
    observed: RunningServer,
    clock: LinkedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    monkeypatch.setattr("toapis._engine.SystemClock", lambda: clock)
    out = tmp_path / "images"
    argv = ["image", "A castle", "-n", "2", "--out", str(out), "--base-url", observed.base_url]
    assert main(argv) == 0
    captured = capsys.readouterr()
    printed = [Path(line) for line in captured.out.splitlines()]
    assert len(printed) == 2
    assert sorted(printed) == sorted(out.iterdir())
    for path in printed:
        with Image.open(path) as image:
            assert image.format == "PNG"
    assert "completed" in captured.err
