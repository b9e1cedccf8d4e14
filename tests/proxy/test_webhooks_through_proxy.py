"""Task webhooks through toapis-proxy: the mock delivers to ``/__toapis_proxy/webhooks``, the
proxy judges each delivery with the suite's own judges (``conformance.judges.webhooks``) and
forwards it unchanged to a receiver this test runs, whose answer the mock gets. Loopback only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from conformance.defect_table import CATCHERS
from conformance.embedded import embedded_mock
from conformance.judges import webhooks as judge
from conformance.probes.webhooks import CHECKS as PROBE_CHECKS
from conformance.proxy import Finding, Proxy, ProxyConfig, build_proxy, run_in_thread
from conformance.proxy.app import HOP_BY_HOP, WEBHOOK_PATH
from conformance.proxy.report import HTML_NAME, JSON_NAME, JUNIT_NAME
from conformance.redact import Redactor
from conformance.runner import run_suite
from conformance.verdicts import Status
from mock_server import MockConfig
from mock_server import run_in_thread as run_mock
from mock_server.server import bind_socket, serve_in_thread
from mock_server.tasks import FAIL_MARKER
from mock_server.webhooks import WebhookTarget
from tests.proxy.conftest import FAST
from toapis import Client, TaskFailedError, webhooks

TOKEN = "proxy-webhooks-token"
SECRET = "whsec-proxy-test-7d1f"
HOOKS = judge.CHECKS
"""The webhook checks the proxy judges."""


@dataclass
class Arrived:
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    answered: int


@dataclass
class Receiver:
    """The application's own webhook receiver: records what arrives and answers on a script
    (the first delivery of each event ``script[0]``, ...; 204 after it), with a body and a
    header of its own so that the relayed answer can be recognised."""

    script: tuple[int, ...] = ()
    arrived: list[Arrived] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def receive(self, request: Request) -> Response:
        body = await request.body()
        with self._lock:
            n = len(self.arrived)
            status = self.script[n] if n < len(self.script) else 204
            self.arrived.append(
                Arrived(
                    request.url.path,
                    request.url.query,
                    {k.lower(): v for k, v in request.headers.items()},
                    body,
                    status,
                )
            )
        content = b"" if status == 204 else f"app-answer-{n}".encode()
        return Response(content, status_code=status, headers={"x-app-answer": str(n)})

    def acknowledged(self) -> bool:
        with self._lock:
            return any(200 <= a.answered < 300 for a in self.arrived)


@contextmanager
def running_receiver(script: tuple[int, ...] = ()) -> Iterator[Receiver]:
    receiver = Receiver(script)
    app = Starlette(routes=[Route("/{path:path}", receiver.receive, methods=["POST"])])
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    receiver.url = f"http://127.0.0.1:{port}/app/hooks"
    config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="off")
    with serve_in_thread(config, sock, f"test-receiver:{port}"):
        yield receiver


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Hooked:
    base_url: str
    proxy: Proxy
    receiver: Receiver | None
    report_dir: Path
    lines: list[str]

    def client(self) -> Client:
        return Client(token=TOKEN, base_url=self.base_url, poll=FAST)

    def settle(self, deliveries: int) -> None:
        """Wait until the proxy has judged ``deliveries`` deliveries."""
        deadline = time.monotonic() + 15
        while self.proxy.tracker.deliveries < deliveries:
            assert time.monotonic() < deadline, "the deliveries did not come through the proxy"
            time.sleep(0.02)
        self.proxy.tracker.drain()

    def statuses(self) -> dict[str, Status]:
        data = json.loads(Path(self.proxy.write_reports()["json"]).read_text("utf-8"))
        return {c["id"]: Status(c["status"]) for c in data["checks"]}


@contextmanager
def hooked(
    tmp_path: Path,
    defects: Sequence[str] = (),
    *,
    script: tuple[int, ...] = (),
    forward: bool = True,
) -> Iterator[Hooked]:
    """The mock, whose token's callback URL is the proxy's webhook path; the proxy in front of
    it, forwarding deliveries to a receiver of the test's (or answering 200 itself)."""
    port = _free_port()
    config = MockConfig(
        tokens=(TOKEN,),
        seed=0,
        step_per_poll=True,
        defects=tuple(defects),
        webhooks={TOKEN: WebhookTarget(f"http://127.0.0.1:{port}{WEBHOOK_PATH}", SECRET)},
        webhook_retry_scale=0.01,
    )
    lines: list[str] = []

    def emit(finding: Finding, redactor: Redactor) -> None:
        from conformance.proxy.server import finding_line

        lines.append(finding_line(finding, redactor))

    with running_receiver(script) as receiver, run_mock(config, log_level="error") as mock:
        report_dir = tmp_path / "report"
        proxy = build_proxy(
            ProxyConfig(mock.base_url, webhook_forward=receiver.url if forward else None),
            report_dir=report_dir,
            emit=emit,
            webhook_secret=SECRET,
        )
        with run_in_thread(proxy, port=port) as running:
            yield Hooked(running.base_url, proxy, receiver if forward else None, report_dir, lines)


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 15
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_deliveries_are_judged_forwarded_unchanged_and_answered_as_the_application_answers(
    tmp_path: Path,
) -> None:
    with hooked(tmp_path, script=(500,)) as h:
        assert h.receiver is not None
        with h.client() as client:
            done = client.generate_and_wait("A lighthouse at dusk")
        # The application's 500 reached the mock: it delivered again, and the 204 ended it.
        _wait(h.receiver.acknowledged, "the event was not delivered again after the 500")
        h.settle(2)
        statuses = h.statuses()
        seen = h.proxy.tracker.tasks[done.id].deliveries
    arrived = h.receiver.arrived
    assert [a.answered for a in arrived] == [500, 204]
    assert [d.answered for d in seen] == [500, 204]  # what the mock was answered
    for got, judged in zip(arrived, seen, strict=True):
        # Byte for byte what the mock sent (the proxy judged the same bytes), hop headers aside.
        assert got.body == judged.body
        assert {k: v for k, v in got.headers.items() if k not in HOP_BY_HOP} == {
            k: v for k, v in judged.headers.items() if k not in HOP_BY_HOP
        }
        assert got.path == "/app/hooks"
        event = webhooks.verify(got.body, got.headers, SECRET)
        assert event.data is not None
        assert event.data.task_id == done.id
    assert {c: statuses[c] for c in HOOKS} == dict.fromkeys(HOOKS, Status.PASS)
    assert h.lines == []


def test_the_application_answer_is_relayed_as_it_came(tmp_path: Path) -> None:
    """Status, body and the application's own header reach the server (here: a test POST)."""
    with hooked(tmp_path, script=(418,)) as h:
        body = b'{"id":"evt_1","type":"endpoint.test"}'
        stamp = str(int(time.time()))
        headers = {
            "User-Agent": webhooks.USER_AGENT,
            webhooks.ID_HEADER: "evt_1",
            webhooks.TIMESTAMP_HEADER: stamp,
            webhooks.SIGNATURE_HEADER: webhooks.signature_header(SECRET, "evt_1", stamp, body),
            "Content-Type": "application/json",
        }
        answer = httpx.post(
            f"{h.base_url}{WEBHOOK_PATH}/extra?order=7", content=body, headers=headers
        )
        h.settle(1)
        statuses = h.statuses()
    assert answer.status_code == 418
    assert answer.content == b"app-answer-0"
    assert answer.headers["x-app-answer"] == "0"
    assert h.receiver is not None
    (got,) = h.receiver.arrived
    assert (got.path, got.query, got.body) == ("/app/hooks/extra", "order=7", body)
    # A test event is signed and fresh; its body is not documented, so not judged.
    assert statuses[judge.SIGNATURE] is Status.PASS
    assert statuses[judge.FRESH] is Status.PASS
    assert statuses[judge.SCHEMA] is Status.NOT_RUN


def test_without_a_forward_the_proxy_answers_200_and_judges_a_failed_task(tmp_path: Path) -> None:
    with hooked(tmp_path, forward=False) as h:
        with h.client() as client, pytest.raises(TaskFailedError):
            client.generate_and_wait(f"a castle {FAIL_MARKER}")
        h.settle(1)
        time.sleep(0.3)  # a retry (there must be none: the 200 ended it) would come by now
        h.proxy.tracker.drain()
        statuses = h.statuses()
        assert h.proxy.tracker.deliveries == 1
    assert {c: statuses[c] for c in HOOKS} == {
        **dict.fromkeys(HOOKS, Status.PASS),
        judge.ONE_ID: Status.NOT_RUN,  # delivered once: no retry to compare
    }


def test_a_request_callback_url_at_the_proxy_is_judged_too(tmp_path: Path) -> None:
    with hooked(tmp_path) as h:
        callback = f"{h.base_url}{WEBHOOK_PATH}/orders?ref=42"
        with h.client() as client:
            done = client.generate_and_wait(
                "A lighthouse", model="gpt-image-2-vip", callback_url=callback
            )
        h.settle(1)
        statuses = h.statuses()
    assert h.receiver is not None
    (got,) = h.receiver.arrived
    assert (got.path, got.query) == ("/app/hooks/orders", "ref=42")
    assert json.loads(got.body)["data"]["task_id"] == done.id
    assert statuses[judge.MATCHES] is Status.PASS
    assert statuses[judge.DELIVERED] is Status.PASS


WEBHOOK_DEFECTS = (
    "webhook-wrong-signature",
    "webhook-signs-body-only",
    "webhook-stale-timestamp",
    "webhook-status-mismatch",
    "webhook-new-event-id-per-retry",
)


@pytest.mark.parametrize("defect", WEBHOOK_DEFECTS)
def test_a_webhook_defect_fails_the_checks_the_suite_fails(tmp_path: Path, defect: str) -> None:
    with hooked(tmp_path, [defect], script=(500,)) as h:
        assert h.receiver is not None
        with h.client() as client:
            client.generate_and_wait("A lighthouse at dusk")
        _wait(h.receiver.acknowledged, "the event was not delivered again after the 500")
        h.settle(2)
        statuses = h.statuses()
        lines = list(h.lines)
    bad = (Status.FAIL, Status.WARN)
    by_proxy = {c: s for c, s in statuses.items() if c in HOOKS and s in bad}
    # The suite's webhook probe against the same defect, on the checks the proxy judges.
    with embedded_mock(seed=0, defects=[defect]) as server:
        suite = run_suite(server.settings(), only=PROBE_CHECKS)
    by_suite = {v.check_id: v.status for v in suite.verdicts if v.check_id in HOOKS}
    assert by_proxy == {c: s for c, s in by_suite.items() if s in bad}
    assert by_proxy == {c: s for c, s in CATCHERS[defect].items() if c in HOOKS}
    assert by_proxy
    assert all(line.split()[1] in by_proxy for line in lines), lines
    # The others held: the defect is not a flood of false alarms.
    assert {statuses[c] for c in HOOKS if c not in by_proxy} == {Status.PASS}


def test_the_secret_never_appears_in_a_line_or_a_report(tmp_path: Path) -> None:
    """A forged delivery that quotes the secret: a signature finding, the secret masked."""
    with hooked(tmp_path) as h:
        body = json.dumps({"id": "evt_x", "type": "generation.completed", "note": SECRET}).encode()
        stamp = str(int(time.time()))
        headers = {
            "User-Agent": webhooks.USER_AGENT,
            webhooks.ID_HEADER: "evt_x",
            webhooks.TIMESTAMP_HEADER: stamp,
            webhooks.SIGNATURE_HEADER: f"v1={'0' * 64}",
            "X-Echo": SECRET,
        }
        answer = httpx.post(f"{h.base_url}{WEBHOOK_PATH}", content=body, headers=headers)
        h.settle(1)
        statuses = h.statuses()
        h.proxy.write_reports()
        lines = list(h.lines)
    assert answer.status_code == 204  # the application's answer: forged or not, it decides
    assert statuses[judge.SIGNATURE] is Status.FAIL
    assert statuses[judge.SCHEMA] is Status.FAIL
    assert lines
    assert all(SECRET not in line for line in lines)
    for name in (JSON_NAME, HTML_NAME, JUNIT_NAME):
        text = (h.report_dir / name).read_text("utf-8")
        assert SECRET not in text, name
        assert "[REDACTED]" in text, name


def test_the_command_takes_the_webhook_options_and_never_prints_the_secret(
    tmp_path: Path,
) -> None:
    port = _free_port()
    with running_receiver() as receiver:
        command = [
            sys.executable, "-m", "conformance.proxy.cli", "--upstream", "http://127.0.0.1:9",
            "--port", str(port), "--report-dir", str(tmp_path / "r"),
            "--webhook-forward", receiver.url,
        ]  # fmt: skip
        process = subprocess.Popen(
            command,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "TOAPIS_WEBHOOK_SECRET": SECRET},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            body = json.dumps({"id": "evt_y", "type": "generation.failed", "s": SECRET}).encode()
            deadline = time.monotonic() + 30
            while True:
                try:
                    answer = httpx.post(f"{base}{WEBHOOK_PATH}", content=body, timeout=2)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "toapis-proxy did not start"
                    time.sleep(0.1)
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert answer.status_code == 204
    assert [a.body for a in receiver.arrived] == [body]
    assert f"{WEBHOOK_PATH} -> {receiver.url}" in err
    assert "webhooks-signature-valid" in err  # no signature headers at all: a finding
    assert SECRET not in err
    assert SECRET not in (tmp_path / "r" / JSON_NAME).read_text("utf-8")


@pytest.mark.parametrize("value", ["ftp://example.test/hooks", "http://127.0.0.1:1/h?x=1", "nope"])
def test_a_bad_forward_url_is_a_usage_error(value: str) -> None:
    from conformance.proxy.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--upstream", "http://127.0.0.1:9", "--webhook-forward", value])
    assert stopped.value.code == 2


def test_an_application_that_does_not_answer_gets_the_server_a_502(tmp_path: Path) -> None:
    """The server then retries, as after any failed attempt; the report says so."""
    closed = f"http://127.0.0.1:{_free_port()}/hooks"
    proxy = build_proxy(
        ProxyConfig("http://127.0.0.1:9", webhook_forward=closed),
        report_dir=tmp_path / "r",
        emit=None,
        webhook_secret=SECRET,
    )
    with run_in_thread(proxy) as running:
        answer = httpx.post(f"{running.base_url}{WEBHOOK_PATH}", content=b"{}")
        _wait(lambda: proxy.tracker.deliveries == 1, "the delivery was not judged")
        proxy.tracker.drain()
        written = proxy.write_reports()
    assert answer.status_code == 502
    assert "webhook receiver did not answer" in answer.text
    assert proxy.tracker.deliveries_unanswered == 1
    notes = json.loads(Path(written["json"]).read_text("utf-8"))["notes"]
    assert any("1 not answered by --webhook-forward" in note for note in notes), notes
