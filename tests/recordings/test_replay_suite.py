"""Record -> replay -> the suite passes: the suite, run with the same seed and settings against
``toapis-mock --replay`` of a recording of its own run, reaches the verdicts it reached live."""

from __future__ import annotations

from pathlib import Path

from conformance.cassette import Cassette
from conformance.judges.formats import not_run_on_the_default_mock
from conformance.verdicts import Status, Verdict
from tests.recordings.harness import LIVE_ONLY_PREFIXES, Recording, record, replay_suite
from toapis_spec import create_operations

EXPIRY = "results-expire-after-ttl"


def _compare(recording: Recording, replayed: list[Verdict], *, expiry_may_not_run: bool) -> None:
    live = {v.check_id: v for v in recording.report.verdicts}
    assert live
    # Checks with no case on the default run (conformance.judges.formats) are not run, live too.
    idle = not_run_on_the_default_mock()
    not_passed = [
        (v.check_id, v.status, v.reason)
        for v in live.values()
        if v.status != "pass" and not (v.check_id in idle and v.status == "not_run")
    ]
    assert not not_passed
    assert [v.check_id for v in replayed] == list(live)
    for verdict in replayed:
        if verdict.check_id.startswith(LIVE_ONLY_PREFIXES):
            assert verdict.status is Status.NOT_RUN, verdict
        elif verdict.check_id == EXPIRY and expiry_may_not_run:
            assert verdict.status in (Status.PASS, Status.NOT_RUN), verdict
        else:
            detail = [e.message for e in verdict.evidence[:2]]
            assert verdict.status is live[verdict.check_id].status, (verdict, detail)


def test_a_run_recorded_through_the_proxy_replays_with_the_same_verdicts(
    recorded: Recording,
) -> None:
    # The proxy fetches a result image when it judges the task, after the fact: the expiry
    # probe may have moved the embedded mock's clock a day on by then (the image then was never
    # stored, and the replayed check is not run: never a failure).
    _compare(recorded, replay_suite(recorded.directory, speed=10).verdicts, expiry_may_not_run=True)


def test_a_run_recorded_from_the_suites_own_exchanges_replays_too(tmp_path: Path) -> None:
    recording = record(tmp_path / "journal", through_proxy=False)
    _compare(
        recording, replay_suite(recording.directory, speed=3).verdicts, expiry_may_not_run=False
    )


def test_each_recorded_task_has_its_timeline(recorded: Recording) -> None:
    cassette = Cassette.load(recorded.directory)
    assert cassette.tasks, "the recording holds no task"
    with_polls = [t for t in cassette.tasks.values() if t.polls]
    assert len(with_polls) >= 10
    for task in with_polls:
        assert [p.offset for p in task.polls] == sorted(p.offset for p in task.polls)
        assert cassette.exchanges[task.create].operation in create_operations()
    assert sum(t.polls[-1].status == "completed" for t in with_polls) >= 10
