"""The pytest plugin's --conformance-read-only: no create and no upload reach the server."""

from __future__ import annotations

import pytest

from tests.conformance.fake_api import serve_fake

pytest_plugins = ["pytester"]

USER_TEST = """
import pytest
from conformance.pytest_plugin import assert_check_passed

@pytest.mark.parametrize("check_id", ["tasks-unknown-id-404", "validation-rejects-n-string"])
def test_conformance(conformance_report, check_id):
    assert_check_passed(conformance_report, check_id)
"""


def test_read_only_through_the_plugin_sends_no_create(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    with serve_fake() as (url, state):
        result = pytester.runpytest_inprocess(
            f"--conformance-base-url={url.replace('127.0.0.1', 'localhost')}",
            "--conformance-token=token-a",
            "--conformance-read-only",
            "--conformance-max-examples=3",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
        )
        assert state.create_requests == 0
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*--conformance-read-only: sends a create request*"])
