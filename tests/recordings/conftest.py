"""One recording of the whole suite (through toapis-proxy, in front of the embedded mock), shared
by the tests of this directory."""

from __future__ import annotations

import pytest

from tests.recordings.harness import Recording, record


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Recording:
    return record(tmp_path_factory.mktemp("cassette") / "run", through_proxy=True)
