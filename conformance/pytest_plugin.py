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
A check that could not run is reported as a pytest skip with its reason, naming this plugin's
``--conformance-*`` options where the suite's own message names a command-line flag. Task webhooks
of a server given by URL are checked with ``--conformance-webhook-receiver`` and
``--conformance-webhook-secret``. Ctrl-C during the run stops it and then the session. The
terminal summary ends with the run's coverage index (``conformance.coverage``): the documented
promises it exercised, per model.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator

import pytest

from conformance.catalogue import CATALOGUE
from conformance.contract import select_models
from conformance.coverage import run_coverage, text_lines
from conformance.probes.base import Settings
from conformance.redact import Redactor
from conformance.report import report_data
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Status

CHECK_IDS: tuple[str, ...] = tuple(CATALOGUE)
# The session's run, for the terminal summary's coverage index.
_REPORT = pytest.StashKey[RunReport]()

# The suite's messages name toapis-conformance's flags; here the same settings are these options.
_OPTIONS = (
    "token-b",
    "token",
    "budget",
    "read-only",
    "failing-prompt",
    "model",
    "webhook-receiver",
    "webhook-secret",
    "webhook-timeout",
    "strict",
    "seed",
)
_FLAG = re.compile(r"(?<![\w-])--(" + "|".join(map(re.escape, _OPTIONS)) + r")(?![\w-])")


def plugin_terms(reason: str) -> str:
    """``reason`` with each toapis-conformance flag named as this plugin's option."""
    return _FLAG.sub(r"--conformance-\1", reason)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("toapis-conformance")
    group.addoption(
        "--conformance-base-url", default=None, help="server to check (default: embedded mock)"
    )
    group.addoption("--conformance-token", default=None, help="API key (default: $TOAPIS_API_KEY)")
    group.addoption("--conformance-token-b", default=None, help="second tenant's API key")
    group.addoption("--conformance-budget", type=int, default=None, help="max billable images")
    group.addoption(
        "--conformance-read-only",
        action="store_true",
        help="send no create request and no upload (a remote server needs this or a budget)",
    )
    group.addoption("--conformance-seed", type=int, default=0)
    group.addoption(
        "--conformance-failing-prompt",
        default=None,
        help="a prompt that makes the server fail a task (default: the embedded mock's marker)",
    )
    group.addoption(
        "--conformance-strict",
        action="store_true",
        help="warnings (decided promises, DECISIONS.md) fail too",
    )
    group.addoption("--conformance-max-examples", type=int, default=50)
    group.addoption(
        "--conformance-webhook-receiver",
        default=None,
        metavar="HOST:PORT",
        help="with --conformance-base-url: run a webhook receiver there for the webhook checks "
        "(the server must have http://HOST:PORT/toapis-webhooks as the token's callback URL)",
    )
    group.addoption(
        "--conformance-webhook-secret",
        default=None,
        help="the token's webhook signing secret (default: $TOAPIS_WEBHOOK_SECRET)",
    )
    group.addoption(
        "--conformance-webhook-timeout",
        type=float,
        default=90.0,
        help="seconds to wait for a task's deliveries once it is final (default 90)",
    )
    group.addoption(
        "--conformance-model",
        action="append",
        default=None,
        metavar="NAME",
        help="a model to check (repeatable; default gpt-4o-image)",
    )


@pytest.fixture(scope="session")
def conformance_report(request: pytest.FixtureRequest) -> Iterator[RunReport]:
    option = request.config.getoption
    base_url = option("--conformance-base-url")
    seed, max_examples = option("--conformance-seed"), option("--conformance-max-examples")
    chosen = option("--conformance-model")
    models = select_models(chosen) if chosen else Settings.models
    if base_url:
        token = option("--conformance-token") or os.environ.get("TOAPIS_API_KEY")
        if not token:
            pytest.fail(
                "--conformance-token (or TOAPIS_API_KEY) is required with --conformance-base-url"
            )
        receiver = option("--conformance-webhook-receiver")
        secret = option("--conformance-webhook-secret") or os.environ.get("TOAPIS_WEBHOOK_SECRET")
        if receiver is not None and not secret:
            pytest.fail("--conformance-webhook-receiver needs --conformance-webhook-secret")
        settings = Settings(
            base_url,
            token,
            option("--conformance-token-b"),
            seed=seed,
            max_examples=max_examples,
            budget=option("--conformance-budget"),
            read_only=option("--conformance-read-only"),
            lifecycle_examples=1,
            failing_prompt=option("--conformance-failing-prompt"),
            models=models,
            webhook_receiver=receiver,
            webhook_secret=secret,
            webhook_timeout=option("--conformance-webhook-timeout"),
        )
        source = "--conformance-token" if option("--conformance-token") else "TOAPIS_API_KEY"
        report = run_suite(settings, token_source=source)
        _stop_if_interrupted(report)
        report.strict = option("--conformance-strict")
        request.config.stash[_REPORT] = report
        yield report
        return
    from conformance.embedded import embedded_mock

    with embedded_mock(seed=seed) as server:
        overrides = {"failing_prompt": option("--conformance-failing-prompt")}
        report = run_suite(
            server.settings(
                seed=seed,
                max_examples=max_examples,
                models=models,
                **{k: v for k, v in overrides.items() if v is not None},
            )
        )
        _stop_if_interrupted(report)
        report.strict = option("--conformance-strict")
        request.config.stash[_REPORT] = report
        yield report


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The coverage index of the session's run, when a test asked for ``conformance_report``."""
    report = config.stash.get(_REPORT, None)
    if report is None:
        return
    data = run_coverage(
        report.models,
        report.verdicts,
        Redactor(report.secrets).text,
        selected=report.selected,
    )
    lines = text_lines(data)
    if lines:
        terminalreporter.section("toapis-conformance coverage")
        for line in lines:
            terminalreporter.write_line(line)


def _stop_if_interrupted(report: RunReport) -> None:
    """Ctrl-C stopped the run (conformance.interrupt): the user wants the session to stop too."""
    if report.interrupted:
        raise KeyboardInterrupt


class ConformanceWarning(UserWarning):
    """A check broke only a decided promise (DECISIONS.md): shown, not failed, unless strict."""


def assert_check_passed(report: RunReport, check_id: str, *, strict: bool | None = None) -> None:
    """Fail the test when the check failed; skip it when it could not run. A WARN (a decided
    promise broke) is a ``ConformanceWarning`` unless ``strict`` (default:
    ``--conformance-strict``) makes it a failure too."""
    verdict = next((v for v in report.verdicts if v.check_id == check_id), None)
    if verdict is None:
        pytest.skip(f"{check_id} was not selected")
    if verdict.status is Status.NOT_RUN:
        pytest.skip(plugin_terms(verdict.reason))
    strict = report.strict if strict is None else strict
    if verdict.status is Status.WARN and not strict:
        decisions = sorted({e.decision for e in verdict.evidence if e.decision})
        warnings.warn(
            ConformanceWarning(
                f"{check_id}: WARN ({', '.join(decisions)}, openapi/DECISIONS.md): "
                + "; ".join(e.message for e in verdict.evidence)[:500]
            ),
            stacklevel=2,
        )
        return
    if verdict.status is not Status.PASS:
        redactor = Redactor(report.secrets)
        data = report_data(
            RunReport(report.base_url, report.seed, None, 0, [verdict], {}), redactor
        )
        info = CATALOGUE[check_id]
        lines = [f"{check_id} [{verdict.status.value.upper()}, {info.basis}]: {info.promise}"]
        for item in data["checks"][0]["evidence"]:
            lines.append(item["message"])
            lines += [x["curl"] for x in item["exchanges"]]
        pytest.fail("\n".join(lines), pytrace=False)
