"""The checks run inside a user's own pytest session, through the plugin."""

from __future__ import annotations

import pytest

from conformance.catalogue import CATALOGUE
from conformance.judges.formats import not_run_on_the_default_mock
from conformance.pytest_plugin import assert_check_passed
from conformance.runner import RunReport
from conformance.verdicts import (
    Evidence,
    Exchange,
    RecordedRequest,
    RecordedResponse,
    Status,
    Verdict,
)

pytest_plugins = ["pytester"]

USER_TEST = """
import pytest
from conformance.pytest_plugin import CHECK_IDS, assert_check_passed

@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_conformance(conformance_report, check_id):
    assert_check_passed(conformance_report, check_id)
"""


def test_every_check_is_a_test_of_the_users_session(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    result = pytester.runpytest_inprocess(
        "--conformance-max-examples=5", "-q", "-p", "no:cacheprovider"
    )
    # A check with no case on the default run (conformance.judges.formats) is a skip.
    idle = not_run_on_the_default_mock()
    result.assert_outcomes(passed=len(CATALOGUE) - len(idle), skipped=len(idle))


def test_a_failed_check_fails_the_test_with_redacted_evidence() -> None:
    token = "sk-user-secret-0123456789"
    request = RecordedRequest(
        "GET",
        "http://127.0.0.1:9/v1/images/generations/x",
        {"Authorization": f"Bearer {token}"},
        None,
    )
    response = RecordedResponse(200, {}, f'{{"echo": "{token}"}}'.encode(), 0.01)
    failure = Evidence(f"the server echoed {token}", "no echo", (Exchange(request, response),))
    verdict = Verdict("tasks-unknown-id-404", Status.FAIL, evidence=[failure])
    report = RunReport("http://127.0.0.1:9", 0, None, 0, [verdict], {}, secrets=(token,))

    with pytest.raises(pytest.fail.Exception) as failed:
        assert_check_passed(report, "tasks-unknown-id-404")

    message = str(failed.value)
    assert "tasks-unknown-id-404" in message
    assert "the server echoed" in message
    assert token not in message


def test_a_check_that_could_not_run_is_a_skip_with_its_reason() -> None:
    verdict = Verdict("tasks-tenant-isolation", Status.NOT_RUN, "needs a second tenant")
    report = RunReport("http://127.0.0.1:9", 0, None, 0, [verdict], {})
    with pytest.raises(pytest.skip.Exception, match="needs a second tenant"):
        assert_check_passed(report, "tasks-tenant-isolation")
