"""Fixtures for the generated client's tests (helpers live in client_testkit.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.client.client_testkit import BASE_URL, TOKEN, ClientFactory, Handler, documented_response
from toapis_client import AuthenticatedClient


@pytest.fixture
def in_progress_task() -> dict[str, Any]:
    """A task body exactly as documented (the in-progress status example)."""
    return documented_response("getImageGenerationTask", 200, "inProgress")


@pytest.fixture
def make_client() -> Iterator[ClientFactory]:
    """Build clients whose every request is answered by ``handler`` (loopback only, no sockets)."""
    made: list[AuthenticatedClient] = []

    def factory(handler: Handler, **options: Any) -> AuthenticatedClient:
        client = AuthenticatedClient(
            base_url=BASE_URL,
            token=TOKEN,
            httpx_args={"transport": httpx.MockTransport(handler)},
            **options,
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        client.get_httpx_client().close()
