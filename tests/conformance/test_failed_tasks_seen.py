"""Without a way to make a task fail (no --failing-prompt), the failed tasks a run happens to see
are judged all the same, and the report says how many there were."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from conformance.probes.base import Settings
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Status

TOKEN = "failed-tasks-seen"
CHECK = "lifecycle-failed-has-error"


@contextmanager
def _failing_mock(defects: tuple[str, ...] = ()) -> Iterator[str]:
    """A mock whose tasks fail at random (seeded), one in two."""
    from mock_server import MockConfig, run_in_thread

    config = MockConfig(
        tokens=(TOKEN,), seed=3, step_per_poll=True, failure_rate=0.5, defects=defects
    )
    with run_in_thread(config, host="127.0.0.1", port=0, log_level="error") as server:
        yield server.base_url


def _run(base_url: str) -> RunReport:
    settings = Settings(
        base_url, TOKEN, seed=0, poll_interval=0, task_timeout=5, lifecycle_examples=3
    )
    assert settings.failing_prompt is None
    # The life cycle makes the tasks; the failed-task check only reads what the run saw.
    return run_suite(settings, only=["lifecycle-progress-monotonic", CHECK])


@pytest.mark.parametrize(
    ("defects", "status"), [((), Status.PASS), (("failed-task-without-error",), Status.FAIL)]
)
def test_failed_tasks_are_judged_without_a_failing_prompt(
    defects: tuple[str, ...], status: Status
) -> None:
    with _failing_mock(defects) as base_url:
        report = _run(base_url)
    verdict = next(v for v in report.verdicts if v.check_id == CHECK)
    assert verdict.status is status, verdict
    (note,) = [n for n in report.notes if n.startswith(CHECK)]
    assert "no way to make a task fail was given (--failing-prompt)" in note
    assert f"judged the {verdict.exercised} failed task(s) the run saw" in note


def test_without_any_failed_task_the_check_says_why_it_did_not_run() -> None:
    from conformance.embedded import embedded_mock

    with embedded_mock(seed=0) as server:
        report = run_suite(server.settings(failing_prompt=None), only=[CHECK])
    (verdict,) = report.verdicts
    assert verdict.status is Status.NOT_RUN
    assert "no way to make a task fail was given (--failing-prompt)" in verdict.reason
