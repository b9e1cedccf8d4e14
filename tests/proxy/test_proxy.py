"""toapis-proxy in front of the embedded mock: real client traffic passes unchanged, and the
proxy judges it with the suite's own checks (same ids, same verdict levels). Loopback only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from conformance.defect_table import CATCHERS
from conformance.embedded import embedded_mock
from conformance.judges.app_requests import REQUEST_DOCUMENTED
from conformance.proxy import CHECKS
from conformance.proxy.report import HTML_NAME, JSON_NAME, JUNIT_NAME
from conformance.runner import run_suite
from conformance.verdicts import Status
from tests.conformance.prefix_proxy import prefix_proxy
from tests.proxy.conftest import CLI_FAST, Proxied, ProxiedFactory, png
from toapis.cli import main as toapis_main

LIFECYCLE = (
    "lifecycle-create-returns-task",
    "lifecycle-progress-monotonic",
    "lifecycle-terminal-final",
    "lifecycle-status-order",
    "lifecycle-created-at-stable",
    "lifecycle-completed-result-count",
    "lifecycle-expires-after-lifetime",
    "lifecycle-terminal-within-bound",
)


def image_to_image(proxied: Proxied, tmp_path: Path) -> tuple[dict[str, object], list[Path]]:
    """The docs' image-to-image workflow with the client: upload, create with the upload URL
    as the reference, wait, download. Returns the final task's body and the saved files."""
    with proxied.client() as client:
        reference = client.upload(png())
        task = client.generate_and_wait(
            "Transform this image into an ancient castle under the starry sky",
            size="3:2",
            n=2,
            image_urls=[reference],
        )
        paths = client.download(task, tmp_path / "images")
    return dict(task.raw), paths


def test_the_image_to_image_workflow_passes_unchanged_with_no_finding(
    proxied: ProxiedFactory, tmp_path: Path
) -> None:
    with proxied() as p:
        task, paths = image_to_image(p, tmp_path)
        # What the application gets is what the upstream says.
        task_path = f"/v1/images/generations/{task['id']}"
        auth = {"Authorization": f"Bearer {p.server.token}"}
        through = httpx.get(f"{p.base_url}{task_path}", headers=auth)
        direct = httpx.get(f"{p.server.base_url}{task_path}", headers=auth)
        assert through.content == direct.content
        assert through.json() == task
        assert through.headers["content-type"] == direct.headers["content-type"]
        report = p.report()
    assert len(paths) == 2
    for path in paths:
        with Image.open(path) as image:
            assert abs(image.width / image.height - 1.5) < 0.02
    assert report["findings"] == []
    assert p.lines == []
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    for check in (*LIFECYCLE, "results-images-match-request", REQUEST_DOCUMENTED):
        assert statuses[check] == "pass", (check, statuses[check])
    assert {c["status"] for c in report["checks"]} <= {"pass", "not_run"}
    (timeline,) = report["timelines"]
    assert timeline["task_id"] == task["id"]
    kinds = [event["kind"] for event in timeline["events"]]
    assert kinds[0] == "create"
    assert kinds.count("fetch") == 2
    assert [e["status"] for e in timeline["events"] if e["kind"] == "poll"][-1] == "completed"


def test_the_toapis_command_passes_through_with_no_finding(
    proxied: ProxiedFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "ref.png"
    reference.write_bytes(png())
    with proxied() as p:
        monkeypatch.setenv("TOAPIS_API_KEY", p.server.token)
        argv = [
            "image", "An ancient castle", "--size", "3:2", "-n", "2", "--reference",
            str(reference), "--out", str(tmp_path / "out"), "--base-url", p.base_url,
            "--quiet", *CLI_FAST,
        ]  # fmt: skip
        assert toapis_main(argv) == 0
        report = p.report()
    assert len(list((tmp_path / "out").iterdir())) == 2
    assert report["findings"] == []
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["results-images-match-request"] == "pass"
    assert statuses["lifecycle-completed-result-count"] == "pass"


def _suite_ids(defect: str) -> dict[str, Status]:
    """What the defect table says the suite fails (or warns) for ``defect``, among the checks
    the proxy judges."""
    return {c: s for c, s in CATCHERS[defect].items() if c in CHECKS}


def _as_the_suite_judges(p: Proxied, defect: str) -> None:
    """What the proxy fails (or warns), the suite fails too against the same defect, at the same
    level (among the checks the proxy's traffic exercised, the application's own request check
    aside); and the proxy fails every check the defect table lists among those it judges."""
    statuses = p.statuses()
    exercised = {c for c, s in statuses.items() if s != Status.NOT_RUN} - {REQUEST_DOCUMENTED}
    with embedded_mock(seed=0, defects=[defect]) as server:
        suite = run_suite(
            server.settings(
                seed=0, max_examples=10, poll_interval=0, task_timeout=2, lifecycle_examples=3
            ),
            only=sorted(exercised),
        )
    by_suite = {v.check_id: v.status for v in suite.verdicts}
    bad = (Status.FAIL, Status.WARN)
    proxy_failing = {c: s for c, s in statuses.items() if s in bad and c in exercised}
    suite_failing = {c: s for c, s in by_suite.items() if s in bad}
    # No false alarm: every check the proxy fails, the suite fails too, at the same level (the
    # suite may fail more: its own traffic exercises promises this traffic did not, such as
    # the default `n` of a request that names none).
    assert {c: suite_failing.get(c) for c in proxy_failing} == proxy_failing
    expected = _suite_ids(defect)
    assert expected
    assert {c: proxy_failing.get(c) for c in expected} == expected


@pytest.mark.parametrize(
    "defect", ["progress-goes-backwards", "finished-task-status-changes", "result-count-mismatch"]
)
def test_life_cycle_defects_fail_the_checks_the_suite_fails(
    proxied: ProxiedFactory, defect: str
) -> None:
    with proxied([defect]) as p:
        with p.client() as client:
            # The defaults (no n, no size), as the suite's own tasks ask.
            task = client.generate_and_wait("A lighthouse on a cliff at dawn")
            client.get_task(task.id)  # the application looks once more at a final task
        failing = p.failing()
        _as_the_suite_judges(p, defect)
    assert all(line.split()[1] in failing for line in p.lines)


def test_a_result_image_of_the_wrong_ratio_fails_as_in_the_suite(
    proxied: ProxiedFactory,
) -> None:
    defect = "wrong-aspect-ratio"
    with proxied([defect]) as p:
        with p.client() as client:
            client.generate_and_wait("A lighthouse on a cliff at dawn", size="3:2")
        _as_the_suite_judges(p, defect)
    assert any(line.startswith("FAIL results-images-match-request task=task_") for line in p.lines)


@pytest.mark.parametrize(
    ("defect", "status"), [((), Status.PASS), (("output-format-ignored",), Status.FAIL)]
)
def test_a_result_file_in_another_format_than_asked_fails_as_in_the_suite(
    proxied: ProxiedFactory, defect: tuple[str, ...], status: Status
) -> None:
    from toapis_spec import result_format

    found = result_format("gpt-image-2-official")
    assert found is not None
    other = next(value for value in found.formats if value != found.default)
    with proxied(list(defect)) as p:
        with p.client() as client:
            client.generate_and_wait(
                "A lighthouse on a cliff at dawn",
                model="gpt-image-2-official",
                size="1:1",
                extra_body={found.field: other},
            )
        assert p.statuses()["results-format-as-requested"] == status
    if defect:
        assert status == CATCHERS[defect[0]]["results-format-as-requested"]


@pytest.mark.parametrize("defect", ["accept-long-prompt", "error-as-string", "accept-n-3"])
def test_validation_and_envelope_defects_fail_the_checks_the_suite_fails(
    proxied: ProxiedFactory, defect: str
) -> None:
    headers_body: dict[str, object] = {
        "accept-long-prompt": {"prompt": "a castle " * 200},
        "error-as-string": {"prompt": "a castle " * 200},
        "accept-n-3": {"prompt": "a castle", "n": 3},
    }[defect]  # type: ignore[assignment]
    with proxied([defect]) as p:
        answer = httpx.post(
            f"{p.base_url}/v1/images/generations",
            json={"model": "gpt-4o-image", **headers_body},
            headers={"Authorization": f"Bearer {p.server.token}"},
        )
        assert answer.status_code in (200, 400)
        failing = p.failing()
    # The application's own mistake is reported under its own check; the server's answer to it
    # under the suite's ids for the same case.
    assert failing.pop(REQUEST_DOCUMENTED) == Status.FAIL
    expected = _suite_ids(defect)
    case = {"accept-n-3": "validation-rejects-n-outside-enum"}.get(
        defect, "validation-rejects-prompt-over-limit"
    )
    assert case in expected
    assert failing == {c: s for c, s in expected.items() if c in (case, *_SCHEMA)}


_SCHEMA = ("schema-response-schema-conformance", "schema-content-type-conformance")


def test_enforce_answers_a_bad_request_itself_and_forwards_nothing(
    proxied: ProxiedFactory,
) -> None:
    # The gateway in front of the mock counts what reaches the upstream.
    with (
        embedded_mock(seed=0) as server,
        prefix_proxy(server.base_url, "/api") as (url, counts),
        proxied(enforce=True, upstream=url) as p,
    ):
        p.server = server
        answer = httpx.post(
            f"{p.base_url}/v1/images/generations",
            json={"model": "gpt-4o-image", "prompt": "a castle", "n": 3},
            headers={"Authorization": f"Bearer {p.server.token}"},
        )
        good = httpx.post(
            f"{p.base_url}/v1/images/generations",
            json={"model": "gpt-4o-image", "prompt": "a castle"},
            headers={"Authorization": f"Bearer {p.server.token}"},
        )
        report = p.report()
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["param"] == "n"
    assert error["code"] == "invalid_request"
    assert good.status_code == 200
    # Only the valid create reached the upstream.
    assert counts.requests == 1
    assert counts.accepted_creates == 1
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses[REQUEST_DOCUMENTED] == "fail"
    assert "1 refused by --enforce" in report["notes"][0]


def test_an_upstream_with_a_path_prefix(proxied: ProxiedFactory, tmp_path: Path) -> None:
    with (
        embedded_mock(seed=0) as server,
        prefix_proxy(server.base_url, "/api") as (url, counts),
        proxied(upstream=url) as p,
    ):
        p.server = server  # the mock behind the gateway holds the tokens
        with p.client() as client:
            task = client.generate_and_wait("A lighthouse on a cliff at dawn", n=2)
        report = p.report()
    assert task.status == "completed"
    assert len(task.image_urls) == 2
    assert counts.accepted_creates == 1
    assert counts.outside_prefix == 0
    assert report["findings"] == []
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["lifecycle-completed-result-count"] == "pass"


def test_tokens_are_masked_in_every_output(proxied: ProxiedFactory, tmp_path: Path) -> None:
    with proxied(["progress-goes-backwards"]) as p:
        token = p.server.token
        with p.client() as client:
            client.generate_and_wait(f"A lighthouse for {token}", n=1)
        p.report()
        lines = list(p.lines)
    assert lines
    outputs = [p.report_dir / name for name in (JSON_NAME, HTML_NAME, JUNIT_NAME)]
    for path in outputs:
        text = path.read_text("utf-8")
        assert token not in text, path
    data = json.loads(outputs[0].read_text("utf-8"))
    shown = json.dumps(data["checks"])
    assert "[REDACTED]" in shown
    assert all(token not in line for line in lines)


def test_the_command_writes_its_reports_on_sigterm_and_exits_0(tmp_path: Path) -> None:
    with embedded_mock(seed=0) as server:
        sock_port = _free_port()
        command = [
            sys.executable, "-m", "conformance.proxy.cli", "--upstream", server.base_url,
            "--port", str(sock_port), "--report-dir", str(tmp_path / "r"),
        ]  # fmt: skip
        process = subprocess.Popen(
            command,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        base = f"http://127.0.0.1:{sock_port}"
        try:
            _wait_up(base)
            created = httpx.post(
                f"{base}/v1/images/generations",
                json={"model": "gpt-4o-image", "prompt": "a castle"},
                headers={"Authorization": f"Bearer {server.token}"},
            )
            assert created.status_code == 200
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert server.token not in err
    data = json.loads((tmp_path / "r" / JSON_NAME).read_text("utf-8"))
    assert data["tool"] == "toapis-proxy"
    assert (tmp_path / "r" / HTML_NAME).read_text("utf-8").count('id="timelines"') == 1


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/v1/images/generations/x", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("toapis-proxy did not start")


def test_record_writes_a_cassette_without_the_token(tmp_path: Path) -> None:
    from conformance.cassette import Cassette, CassetteWriter
    from conformance.proxy import ProxyConfig, build_proxy, run_in_thread
    from tests.proxy.conftest import FAST
    from toapis import Client

    directory = tmp_path / "cassette"
    with embedded_mock(seed=0) as server:
        writer = CassetteWriter(directory, server.base_url)
        proxy = build_proxy(ProxyConfig(server.base_url), cassette=writer, emit=None)
        with (
            run_in_thread(proxy) as running,
            Client(token=server.token, base_url=running.base_url, poll=FAST) as client,
        ):
            reference = client.upload(png())
            client.generate_and_wait("An ancient castle", size="3:2", image_urls=[reference])
    recorded = Cassette.load(directory)
    assert len(recorded.tasks) == 1
    assert len(recorded.urls) >= 2  # the upload URL and the result URL, each with its image
    files = [path for path in directory.rglob("*") if path.is_file()]
    assert len([f for f in files if f.parent.name == "blobs"]) >= 2  # the upload and the result
    for path in files:
        assert server.token.encode() not in path.read_bytes(), path
