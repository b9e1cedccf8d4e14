"""Ctrl-C stops a run at once and still reports it (conformance.interrupt).

In-process: ``CTRL_C.press()`` is what the first SIGINT does. As real processes: the console
scripts are started in a session of their own (a process started in the background by a
non-interactive shell ignores SIGINT, see shared/reference/measured.md) and sent SIGINT.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.embedded import embedded_mock
from conformance.interrupt import CTRL_C, EXIT_INTERRUPTED, INTERRUPTED
from conformance.progress import NullObserver
from conformance.verdicts import Exchange, Status

BIN = Path(sys.executable).parent


class _Clock(NullObserver):
    """When each of the probes' exchanges came back."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def exchange(self, exchange: Exchange, source: str | None) -> None:
        self.times.append(time.monotonic())


@pytest.fixture
def listening() -> Iterator[None]:
    with CTRL_C.listening():  # forgets the press afterwards
        yield


@pytest.mark.parametrize("jobs", [1, 4])
def test_a_press_stops_every_probe_and_the_schema_layer_at_once(jobs: int, listening: None) -> None:
    from conformance.runner import run_suite

    clock = _Clock()
    pressed: list[float] = []

    def press() -> None:
        pressed.append(time.monotonic())
        CTRL_C.press()

    # Tasks never finish: without the stop, the waiting probes would poll for 60 s each.
    with embedded_mock(defects=["never-finishes"]) as server:
        settings = server.settings(task_timeout=60.0, poll_interval=0.2, jobs=jobs)
        timer = threading.Timer(2.5, press)
        timer.start()
        started = time.monotonic()
        try:
            report = run_suite(settings, observer=clock)
        finally:
            timer.cancel()
        ended = time.monotonic()
    assert pressed, f"the run ended before the press, in {ended - started:.1f} s"
    assert ended - pressed[0] < 3.0, ended - pressed[0]
    # In-flight requests may still come back; nothing is sent afterwards.
    assert not [t for t in clock.times if t > pressed[0] + 1.0]
    assert report.interrupted
    interrupted = [v for v in report.verdicts if v.reason == INTERRUPTED]
    assert interrupted
    assert all(v.status is Status.NOT_RUN for v in interrupted)
    assert "lifecycle-terminal-within-bound" in {v.check_id for v in interrupted}
    assert any(note.startswith("interrupted (Ctrl-C)") for note in report.notes)


def test_a_press_before_the_run_leaves_every_check_not_run(listening: None) -> None:
    from conformance.runner import run_suite, select_checks

    CTRL_C.press()
    with embedded_mock() as server:
        report = run_suite(server.settings())
    assert report.interrupted
    assert [v.check_id for v in report.verdicts] == select_checks()
    assert {(v.status, v.reason) for v in report.verdicts} == {(Status.NOT_RUN, INTERRUPTED)}


def _interrupt(args: list[str], after: float, cwd: Path) -> tuple[int, str, float]:
    """Start ``args`` in a session of its own, send SIGINT after ``after`` s; (exit, output,
    seconds from the signal to the exit)."""
    process = subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"still running 60 s after SIGINT:\n{output[-3000:]}")
    return process.returncode, output, time.monotonic() - sent


@pytest.mark.parametrize(
    ("after", "jobs"),
    [(1.0, "8"), (3.0, "8"), (7.0, "8"), (3.0, "1")],
    ids=["1s", "3s", "7s", "3s-jobs-1"],
)
def test_sigint_writes_the_reports_prints_the_summary_and_exits_130(
    after: float, jobs: str, tmp_path: Path
) -> None:
    report, junit = tmp_path / "report.json", tmp_path / "report.xml"
    # The embedded mock with tasks that never finish: the run cannot end on its own in time.
    args = [
        str(BIN / "toapis-conformance"),
        "--defect",
        "never-finishes",
        "--task-timeout",
        "60",
        "--jobs",
        jobs,
        "--report",
        str(report),
        "--junit-xml",
        str(junit),
    ]
    code, output, seconds = _interrupt(args, after, tmp_path)
    assert code == EXIT_INTERRUPTED, output[-3000:]
    assert seconds < 10, seconds
    assert "Traceback" not in output, output[-3000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    reasons = [c["reason"] for c in data["checks"] if c["status"] == "not_run"]
    assert INTERRUPTED in reasons
    assert data["interrupted"] is True
    ET.parse(junit)  # well-formed
    assert "not run" in output
    assert "interrupted (Ctrl-C)" in output


def test_the_mock_stops_on_sigint_with_exit_0(tmp_path: Path) -> None:
    code, output, seconds = _interrupt(
        [str(BIN / "toapis-mock"), "--port", "0", "--log-level", "warning"], 3.0, tmp_path
    )
    assert "listening on" in output, output
    assert code == 0, output
    assert "Traceback" not in output, output
    assert seconds < 5
