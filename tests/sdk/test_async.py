"""The asyncio client against the mock app in-process (httpx.ASGITransport)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server import MockConfig, create_app
from tests.sdk.sdk_testkit import TOKEN, png_bytes
from toapis import (
    AsyncClient,
    FakeClock,
    NotFoundError,
    PollPolicy,
    TaskFailedError,
    TaskTimeoutError,
)


def _run(
    scenario: Callable[[AsyncClient, FakeClock], Coroutine[Any, Any, None]], **config: Any
) -> None:
    async def main() -> None:
        app = create_app(MockConfig(tokens=(TOKEN,), seed=0, **config))
        clock = FakeClock()
        transport = httpx.ASGITransport(app=app)
        async with AsyncClient(
            TOKEN, base_url="http://mock.test", clock=clock, seed=7, transport=transport
        ) as client:
            await scenario(client, clock)

    asyncio.run(main())


def test_async_generate_wait_upload_and_download(tmp_path: Path) -> None:
    async def scenario(client: AsyncClient, clock: FakeClock) -> None:
        url = await client.upload(png_bytes(), file_name="ref.png")
        task = await client.generate_and_wait("castle", n=2, image_urls=[url])
        paths = await client.download(task, tmp_path)
        assert [p.name for p in paths] == [f"{task.id}_0.png", f"{task.id}_1.png"]
        assert clock.sleeps[0] == pytest.approx(5.0)
        assert all(5.0 <= s <= 10.0 for s in clock.sleeps[1:])

    _run(scenario, step_per_poll=True)


def test_async_errors_are_the_same_classes() -> None:
    async def scenario(client: AsyncClient, clock: FakeClock) -> None:
        with pytest.raises(TaskFailedError):
            await client.generate_and_wait("castle [[fail]]")
        with pytest.raises(NotFoundError):
            await client.get_task("task_img_nope")

    _run(scenario)


def test_async_deadline(tmp_path: Path) -> None:
    async def scenario(client: AsyncClient, clock: FakeClock) -> None:
        task = await client.generate("castle")
        with pytest.raises(TaskTimeoutError):
            await client.wait(task, timeout=PollPolicy().timeout)
        assert clock.now == pytest.approx(120.0)

    _run(scenario, task_duration=86_400.0)
