"""How a run is executed: probes in a pool, the shared pacer and budget, the deadlines, output."""

from __future__ import annotations

import io
import json
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from rich.console import Console
from rich.text import Text

from conformance.budget import Budget, BudgetExhausted
from conformance.catalogue import CATALOGUE
from conformance.cli import main
from conformance.control import ANOTHER_TASK_PASSED_DEADLINE
from conformance.embedded import embedded_mock
from conformance.http import Pacer
from conformance.judges.formats import not_run_on_the_default_mock
from conformance.probes.base import Settings
from conformance.progress import LineProgress, LiveProgress
from conformance.redact import Redactor
from conformance.report import print_console, report_data
from conformance.runner import RunReport, run_suite
from conformance.verdicts import (
    Evidence,
    Exchange,
    RecordedRequest,
    RecordedResponse,
    Status,
    Verdict,
)
from tests.conformance.fake_api import FakeState, create_fake_app, serve_fake
from tests.conformance.test_budget import CountingServer

BEHAVIOUR = [c for c, info in CATALOGUE.items() if info.layer == "behaviour"]
WAITING = [
    "lifecycle-terminal-within-bound",
    "results-images-match-request",
    "uploads-url-usable-for-generation",
    "validation-rejects-mask-without-reference",
    "results-expire-after-ttl",
]


def _max_in_any_second(times: list[float]) -> int:
    times = sorted(times)
    return max(
        (sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times)), default=0
    )


# -- same verdicts, whatever the pool ------------------------------------------------------------


def test_a_concurrent_run_reaches_the_same_verdicts_as_the_sequential_one() -> None:
    runs = []
    for jobs in (1, 8):
        with embedded_mock(seed=3) as server:
            report = run_suite(server.settings(seed=3, max_examples=10, jobs=jobs))
        runs.append({v.check_id: v.status for v in report.verdicts})
    assert runs[0] == runs[1]
    assert set(runs[0]) == set(CATALOGUE)
    idle = not_run_on_the_default_mock()  # no case on the default run
    assert all(
        status is (Status.NOT_RUN if check in idle else Status.PASS)
        for check, status in runs[1].items()
    ), runs[1]


def test_probes_really_overlap_their_waits() -> None:
    """Against tasks that take a while, the pool pays about one wait, the sequence one per probe."""
    from mock_server import MockConfig, run_in_thread

    waits = [
        "results-images-match-request",
        "uploads-url-usable-for-generation",
        "lifecycle-terminal-within-bound",
    ]
    seconds = {}
    for jobs in (1, 8):
        config = MockConfig(tokens=("a", "b"), task_duration=2)
        with run_in_thread(config, log_level="error") as server:
            started = time.monotonic()
            settings = Settings(
                server.base_url, "a", "b", poll_interval=0.25, jobs=jobs, lifecycle_examples=1
            )
            report = run_suite(settings, only=waits)
            seconds[jobs] = time.monotonic() - started
        assert {v.status for v in report.verdicts} == {Status.PASS}
    # Three probes, each waiting at least one task duration of 2 s: in order, >= 6 s.
    assert seconds[1] >= 6.0, seconds
    assert seconds[8] < seconds[1] - 2.5, seconds


# -- the pacer and the budget hold under concurrency ---------------------------------------------


def test_the_pacer_never_lets_more_than_max_rps_through_in_any_second() -> None:
    pacer = Pacer(5)
    sent: list[float] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(3):
            pacer.wait()
            with lock:
                sent.append(time.monotonic())

    threads = [threading.Thread(target=hammer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 18
    assert _max_in_any_second(sent) <= 5


def test_a_fractional_max_rps_is_never_exceeded_either() -> None:
    pacer = Pacer(2.5)  # at most 2 requests in any second: 3 would be over 2.5
    sent = []
    for _ in range(6):
        pacer.wait()
        sent.append(time.monotonic())
    assert _max_in_any_second(sent) <= 2


class _Timed(CountingServer):
    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.times.append(time.monotonic())
        return super()._handle(request)


def test_max_rps_holds_for_a_whole_concurrent_run_where_the_server_counts() -> None:
    server = _Timed()
    settings = Settings(
        "http://127.0.0.1:9", "token-a", max_rps=8, jobs=8, poll_interval=0, max_examples=3
    )
    checks = ["auth-missing-key-401", "tasks-unknown-id-404", *BEHAVIOUR[-12:]]
    run_suite(settings, only=checks, transport=httpx.MockTransport(server))
    assert len(server.times) > 30  # enough requests to fill many windows
    assert _max_in_any_second(server.times) <= 8


@contextmanager
def _timed_fake() -> Iterator[tuple[str, list[float]]]:
    """The fake API behind a wrapper that notes when each request arrives."""
    state = FakeState()
    inner = create_fake_app(state)
    arrivals: list[float] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            arrivals.append(time.monotonic())
        await inner(scope, receive, send)

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    state.base_url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    try:
        yield state.base_url, arrivals
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_max_rps_holds_with_the_schema_layer_running_beside_the_probes() -> None:
    with _timed_fake() as (url, arrivals):
        settings = Settings(url, "token-a", max_rps=20, jobs=8, poll_interval=0, max_examples=3)
        checks = ["schema-not-a-server-error", "tasks-unknown-id-404", "auth-missing-key-401"]
        report = run_suite(settings, only=checks)
    assert {v.status for v in report.verdicts} == {Status.PASS}
    assert len(arrivals) > 60
    assert _max_in_any_second(arrivals) <= 20


def test_the_budget_is_never_overspent_by_concurrent_charges() -> None:
    budget = Budget(50)
    share = budget.share(20)
    charged: list[int] = []
    lock = threading.Lock()

    def spend(which: Budget, seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(40):
            cost = rng.choice((1, 2, 4))
            try:
                which.charge(cost)
            except BudgetExhausted:
                continue
            with lock:
                charged.append(cost)

    threads = [
        threading.Thread(target=spend, args=(share if i % 2 else budget, i)) for i in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(charged) == budget.spent <= 50
    assert share.spent <= 20
    assert budget.spent >= 47  # it was spent, not refused for nothing


@pytest.mark.parametrize("limit", [0, 3, 9, 17])
def test_a_concurrent_run_never_bills_one_image_over_the_budget(limit: int) -> None:
    server = CountingServer()
    settings = Settings(
        "https://api.example.invalid",
        "token-a",
        "token-b",
        budget=limit,
        jobs=8,
        poll_interval=0,
        task_timeout=1,
        max_examples=3,
        lifecycle_examples=2,
    )
    report = run_suite(settings, only=BEHAVIOUR, transport=httpx.MockTransport(server))
    assert server.billed <= limit
    assert report.budget_spent <= limit


# -- the task deadline and --max-time ------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 8])
def test_a_task_that_never_finishes_costs_the_run_one_deadline(jobs: int) -> None:
    timeout = 3.0
    with embedded_mock(defects=["never-finishes"]) as server:
        started = time.monotonic()
        report = run_suite(
            server.settings(task_timeout=timeout, poll_interval=0.2, jobs=jobs), only=WAITING
        )
        seconds = time.monotonic() - started
    # Sequentially the five waiting probes would take at least 5 x 3 s.
    assert seconds < 2 * timeout + 4, seconds
    verdicts = {v.check_id: v for v in report.verdicts}
    bound = verdicts["lifecycle-terminal-within-bound"]
    assert bound.status is Status.FAIL
    assert len(bound.evidence) == 1
    assert "after 3 s" in bound.evidence[0].message
    if jobs == 1:  # in order, every later wait gives up at once
        gave_up = [v.check_id for v in report.verdicts if v.reason == ANOTHER_TASK_PASSED_DEADLINE]
        assert {"results-images-match-request", "uploads-url-usable-for-generation"} <= set(
            gave_up
        ), {v.check_id: v.reason for v in report.verdicts}


def test_max_time_ends_the_run_and_the_report_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    started = time.monotonic()
    code = main(
        [
            "--defect",
            "never-finishes",
            "--task-timeout",
            "60",
            "--max-time",
            "4",
            "--max-examples",
            "5",
            "--report",
            str(path),
        ]
    )
    assert time.monotonic() - started < 20
    data = json.loads(path.read_text())
    reasons = {c["id"]: c["reason"] for c in data["checks"] if c["status"] == "not_run"}
    assert "lifecycle-terminal-within-bound" in reasons
    assert all(r.startswith("--max-time 4 s reached") for r in reasons.values()), reasons
    assert code in (0, 1)  # the checks that did finish decide


def test_past_max_time_no_new_request_is_started() -> None:
    server = CountingServer()
    arrivals: list[float] = []

    def slow(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())  # before the server's own lock: when it was sent
        time.sleep(0.05)
        return server(request)

    settings = Settings(
        "http://127.0.0.1:9", "token-a", jobs=4, poll_interval=0, max_time=1.5, max_examples=200
    )
    started = time.monotonic()
    report = run_suite(settings, only=BEHAVIOUR, transport=httpx.MockTransport(slow))
    assert max(arrivals) <= started + 1.5 + 0.02
    unfinished = [v for v in report.verdicts if v.reason.startswith("--max-time 1.5 s")]
    assert unfinished
    assert all(v.status is Status.NOT_RUN for v in unfinished)
    assert any("did not finish" in note for note in report.notes)


# -- what the user sees ---------------------------------------------------------------------------


def test_off_a_terminal_each_check_is_streamed_as_one_line_as_it_finishes() -> None:
    out = io.StringIO()
    console = Console(file=out, soft_wrap=True, highlight=False, width=80)
    seen_during_run: list[str] = []
    progress = LineProgress(console)
    original = progress.probe_finished

    def spy(name: str) -> None:
        original(name)
        seen_during_run.append(out.getvalue())

    progress.probe_finished = spy  # type: ignore[method-assign]
    with serve_fake() as (url, _):
        report = run_suite(
            Settings(url, "token-a", poll_interval=0, jobs=4),
            only=["tasks-unknown-id-404", "validation-mask-non-png", "auth-wrong-key-401"],
            observer=progress,
        )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("toapis-conformance against http://127.0.0.1:")
    assert sorted(lines[1:]) == sorted(
        [
            "FAIL     validation-mask-non-png",
            "PASS     tasks-unknown-id-404",
            "PASS     auth-wrong-key-401",
        ]
    )
    # Streamed: the first probe's line was out before the last probe ended.
    assert any(len(text.splitlines()) > 1 for text in seen_during_run[:-1])
    assert len(report.verdicts) == 3


def test_a_json_body_in_the_evidence_stays_one_line_off_a_terminal() -> None:
    body = json.dumps(
        {"id": "task_img_" + "a" * 30, "status": "completed", "result": {"data": [1, 2]}},
        indent=2,
    ).encode()
    request = RecordedRequest(
        "POST", "http://127.0.0.1:9/v1/images/generations", {}, b'{\n  "prompt": "x"\n}'
    )
    exchange = Exchange(request, RecordedResponse(200, {}, body, 0.01))
    verdict = Verdict(
        "validation-mask-non-png", Status.FAIL, evidence=[Evidence("accepted", "400", (exchange,))]
    )
    data = report_data(RunReport("http://127.0.0.1:9", 0, None, 0, [verdict], {}), Redactor([]))
    out = io.StringIO()
    print_console(data, Redactor([]), Console(file=out, soft_wrap=True, width=80))
    lines = out.getvalue().splitlines()
    response_line = next(line for line in lines if line.startswith("    < 200 "))
    assert response_line == "    < 200 " + body.decode().replace("\n", "\\n")
    assert '      {\\n  "prompt": "x"\\n}' in lines  # the request body too
    assert "failed: validation-mask-non-png" in lines


def test_the_cli_streams_unwrapped_lines_into_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_fake() as (url, _):
        code = main(
            [
                "--base-url",
                url,
                "--token",
                "token-a",
                "--poll-interval",
                "0",
                "--only",
                "validation-mask-non-png,tasks-unknown-id-404",
            ]
        )
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert "PASS     tasks-unknown-id-404" in lines  # streamed, and not repeated at the end
    assert lines.count("FAIL     validation-mask-non-png") == 2  # streamed, then with evidence
    request_body = next(line for line in lines if line.startswith('      {"model"'))
    assert len(request_body) > 80
    assert request_body.endswith("}")
    assert "failed: validation-mask-non-png" in lines


def test_quiet_prints_only_the_failures_and_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve_fake() as (url, _):
        main(
            [
                "--base-url",
                url,
                "--token",
                "token-a",
                "--quiet",
                "--poll-interval",
                "0",
                "--only",
                "validation-mask-non-png,tasks-unknown-id-404",
            ]
        )
    out = capsys.readouterr().out
    assert "tasks-unknown-id-404" not in out
    assert "FAIL     validation-mask-non-png" in out
    assert "1 passed, 1 failed" in out


def test_on_a_terminal_the_live_display_shows_checks_tasks_and_the_budget() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    progress = LiveProgress(console)
    snapshots: list[list[str]] = []
    original = progress.exchange
    original_check = progress.check_finished

    def spy(exchange: Exchange, source: str | None) -> None:
        original(exchange, source)
        snapshots.append(progress.lines())

    # What the display shows after each check, too: the two checks may finish after the last
    # exchange, in either order.
    def spy_check(verdict: Verdict) -> None:
        original_check(verdict)
        snapshots.append(progress.lines())

    progress.exchange = spy  # type: ignore[method-assign]
    progress.check_finished = spy_check  # type: ignore[method-assign]
    with embedded_mock() as server:
        run_suite(
            server.settings(jobs=4),
            only=["results-images-match-request", "tasks-unknown-id-404"],
            observer=progress,
        )
    assert not progress.live.is_started
    shown = "\n".join(Text.from_markup(line).plain for lines in snapshots for line in lines)
    assert "checks 0/2" in shown
    assert "checks 1/2" in shown
    assert "tasks in flight: 1 (1 queued)" in shown or "tasks in flight: 1 (1 in_progress)" in shown
    assert "waiting longest on: task task_img_" in shown
    assert "images billed 1 of unlimited" in shown
    assert "\x1b[" in out.getvalue()  # it was drawn on the (forced) terminal
