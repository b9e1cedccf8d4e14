"""Run the conformance checks inside your own pytest session.

Installing the project registers it with pytest (entry point ``pytest11``); where plugin
autoloading is disabled (``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), pass ``-p conformance.pytest_plugin``.
Then::

    import pytest
    from conformance.pytest_plugin import CHECK_IDS, assert_check_passed

    @pytest.mark.parametrize("check_id", CHECK_IDS)
    def test_conformance(conformance_report, check_id):
        assert_check_passed(conformance_report, check_id)

The suite runs once per session (``conformance_report``) against ``--conformance-base-url`` (with
``--conformance-token`` or ``$TOAPIS_API_KEY``), or against the embedded mock when no URL is given.
A check that could not run is reported as a pytest skip with its reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from conformance.catalogue import CATALOGUE
from conformance.probes.base import Settings
from conformance.redact import Redactor
from conformance.report import report_data
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Status

CHECK_IDS: tuple[str, ...] = tuple(CATALOGUE)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("toapis-conformance")
    group.addoption(
        "--conformance-base-url", default=None, help="server to check (default: embedded mock)"
    )
    group.addoption("--conformance-token", default=None, help="API key (default: $TOAPIS_API_KEY)")
    group.addoption("--conformance-token-b", default=None, help="second tenant's API key")
    group.addoption("--conformance-budget", type=int, default=None, help="max billable images")
    group.addoption("--conformance-seed", type=int, default=0)
    group.addoption("--conformance-max-examples", type=int, default=50)


@pytest.fixture(scope="session")
def conformance_report(request: pytest.FixtureRequest) -> Iterator[RunReport]:
    option = request.config.getoption
    base_url = option("--conformance-base-url")
    seed, max_examples = option("--conformance-seed"), option("--conformance-max-examples")
    if base_url:
        token = option("--conformance-token") or os.environ.get("TOAPIS_API_KEY")
        if not token:
            pytest.fail(
                "--conformance-token (or TOAPIS_API_KEY) is required with --conformance-base-url"
            )
        settings = Settings(
            base_url,
            token,
            option("--conformance-token-b"),
            seed=seed,
            max_examples=max_examples,
            budget=option("--conformance-budget"),
            lifecycle_examples=1,
        )
        yield run_suite(settings)
        return
    from conformance.embedded import embedded_mock

    with embedded_mock(seed=seed) as server:
        yield run_suite(server.settings(seed=seed, max_examples=max_examples))


def assert_check_passed(report: RunReport, check_id: str) -> None:
    verdict = next((v for v in report.verdicts if v.check_id == check_id), None)
    if verdict is None:
        pytest.skip(f"{check_id} was not selected")
    if verdict.status is Status.NOT_RUN:
        pytest.skip(verdict.reason)
    if verdict.status is not Status.PASS:
        redactor = Redactor(report.secrets)
        data = report_data(
            RunReport(report.base_url, report.seed, None, 0, [verdict], {}), redactor
        )
        lines = [f"{check_id}: {CATALOGUE[check_id].promise}"]
        for item in data["checks"][0]["evidence"]:
            lines.append(item["message"])
            lines += [x["curl"] for x in item["exchanges"]]
        pytest.fail("\n".join(lines), pytrace=False)
