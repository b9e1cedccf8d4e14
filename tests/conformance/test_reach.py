"""What a suite that sends only valid models and polls slowly could not see: each kind of bug has
a defect switch of the mock that only its own check catches."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from conformance.embedded import TOKEN_A, TOKEN_B, embedded_mock
from conformance.judges.formats import not_run_on_the_default_mock
from conformance.probes.base import Settings
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Status
from mock_server import MockConfig, run_in_thread


def _not_passed(report: RunReport) -> dict[str, Status]:
    """The checks that did not pass, but those with no case on the run (not run, as on the clean
    mock: conformance.judges.formats)."""
    idle = not_run_on_the_default_mock(report.models)
    return {
        v.check_id: v.status
        for v in report.verdicts
        if v.status is not Status.PASS and not (v.check_id in idle and v.status is Status.NOT_RUN)
    }


@pytest.mark.parametrize(
    ("defect", "check", "status"),
    [
        ("ignores-model", "validation-rejects-unknown-model", Status.WARN),
        ("refuses-max-reference-images", "validation-accepts-max-image-urls", Status.FAIL),
    ],
)
def test_only_the_new_check_sees_the_defect(defect: str, check: str, status: Status) -> None:
    with embedded_mock(defects=[defect]) as server:
        report = run_suite(server.settings(max_examples=20))
    assert _not_passed(report) == {check: status, **ALSO_CAUGHT_BY.get(defect, {})}


# The generic probe of every limit at its edge (conformance.probes.edges) sees it as well.
ALSO_CAUGHT_BY = {"refuses-max-reference-images": {"validation-accepts-at-edge": Status.FAIL}}


def _real_time_run(defects: Iterable[str], only: list[str], **settings: object) -> RunReport:
    config = MockConfig(
        tokens=(TOKEN_A, TOKEN_B), seed=0, task_duration=2.0, defects=tuple(defects)
    )
    with run_in_thread(config) as server:
        return run_suite(
            Settings(
                server.base_url,
                TOKEN_A,
                TOKEN_B,
                poll_interval=1.0,
                task_timeout=20,
                lifecycle_examples=1,
                **settings,  # type: ignore[arg-type]
            ),
            only=only,
        )


def test_a_brief_dip_of_progress_is_seen_only_by_polling_fast() -> None:
    report = _real_time_run(
        ["progress-dips-briefly"], ["lifecycle-progress-monotonic", "lifecycle-progress-never-dips"]
    )
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses == {
        "lifecycle-progress-monotonic": Status.PASS,
        "lifecycle-progress-never-dips": Status.FAIL,
    }


def test_the_fast_poller_never_exceeds_max_rps() -> None:
    report = _real_time_run([], ["lifecycle-progress-never-dips"], max_rps=4.0)
    assert [v.status for v in report.verdicts] == [Status.PASS]
    verdict = report.verdicts[0]
    # 2 s of task at 4 requests per second at most (plus the create): a handful of polls.
    assert verdict.exercised <= 12


def test_failed_tasks_are_judged_on_any_server_told_how_to_fail_one() -> None:
    marker = "please end this task failed"
    config = MockConfig(
        tokens=(TOKEN_A, TOKEN_B),
        seed=0,
        step_per_poll=True,
        fail_marker=marker,
        defects=("failed-task-without-error",),
    )
    check = "lifecycle-failed-has-error"
    with run_in_thread(config) as server:
        base = Settings(server.base_url, TOKEN_A, TOKEN_B, poll_interval=0, task_timeout=5)
        without = run_suite(base, only=[check])
        told = run_suite(
            Settings(
                server.base_url,
                TOKEN_A,
                TOKEN_B,
                poll_interval=0,
                task_timeout=5,
                failing_prompt=marker,
            ),
            only=[check],
        )
    assert [v.status for v in without.verdicts] == [Status.NOT_RUN]
    assert "--failing-prompt" in without.verdicts[0].reason
    assert [v.status for v in told.verdicts] == [Status.FAIL]
