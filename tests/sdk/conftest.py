"""Fixtures for the hand-written client (toapis): real mock servers on loopback, fake clocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mock_server import MockConfig, RunningServer, run_in_thread
from tests.sdk.sdk_testkit import TOKEN, TOKEN_B


def _serve(**options: object) -> Iterator[RunningServer]:
    config = MockConfig(tokens=(TOKEN, TOKEN_B), seed=0, **options)  # type: ignore[arg-type]
    with run_in_thread(config, host="127.0.0.1", port=0) as server:
        yield server


@pytest.fixture(scope="session")
def mock_server() -> Iterator[RunningServer]:
    """Tasks are final at the first status query after creation."""
    yield from _serve()


@pytest.fixture(scope="session")
def stepping_mock() -> Iterator[RunningServer]:
    """Each status query moves a task one step: queued, 25, 50, 75 %, then final."""
    yield from _serve(step_per_poll=True)


@pytest.fixture(scope="session")
def endless_mock() -> Iterator[RunningServer]:
    """Tasks take a day, so a client deadline always comes first; `slow` faults last 1 s."""
    yield from _serve(task_duration=86_400.0, slow_seconds=1.0)
