"""One running proxy: its judge, its app and its reports, in a thread (tests, benchmarks) or
as the command (``conformance.proxy.cli``)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.types import ASGIApp

from conformance.proxy.app import ProxyConfig, create_app
from conformance.proxy.report import write_reports
from conformance.proxy.tracker import TASK_BOUND, Cassette, Finding, Tracker
from conformance.redact import Redactor


def finding_line(finding: Finding, redactor: Redactor) -> str:
    """One line per finding: level, check id, task id and the evidence, tokens masked."""
    task = finding.task_id or "-"
    message = " ".join(finding.message.split())
    if len(message) > 240:
        message = message[:237] + "..."
    return redactor.text(f"{finding.level} {finding.check_id} task={task} {message}")


def print_finding(finding: Finding, redactor: Redactor) -> None:
    print(finding_line(finding, redactor), file=sys.stderr, flush=True)


@dataclass
class Proxy:
    config: ProxyConfig
    tracker: Tracker
    report_dir: Path | None
    app: ASGIApp

    def write_reports(self) -> dict[str, Any]:
        if self.report_dir is None:
            return {"error": "no --report-dir: no reports are written"}
        return write_reports(self.tracker, self.config.upstream, self.report_dir)

    def close(self) -> dict[str, Any]:
        """Judge what is left, write the reports, stop the judge."""
        self.tracker.drain()
        written = self.write_reports()
        self.tracker.close()
        return written


def build_proxy(
    config: ProxyConfig,
    *,
    report_dir: Path | None = None,
    fetch: bool = True,
    cassette: Cassette | None = None,
    emit: Callable[[Finding, Redactor], None] | None = print_finding,
    fetch_transport: httpx.BaseTransport | None = None,
    task_bound: float | None = None,
    webhook_secret: str | None = None,
) -> Proxy:
    """``webhook_secret``: the token's signing secret, to check the webhook deliveries the proxy
    receives (kept out of ``config``, which is shown; masked in every line and report)."""
    tracker = Tracker(
        emit=emit,
        fetch=fetch,
        transport=fetch_transport,
        cassette=cassette,
        task_bound=task_bound if task_bound is not None else TASK_BOUND,
        webhook_secret=webhook_secret,
    )
    holder: list[Proxy] = []
    app = create_app(config, tracker, on_report=lambda: holder[0].write_reports())
    proxy = Proxy(config, tracker, report_dir, app)
    holder.append(proxy)
    return proxy


@dataclass(frozen=True)
class RunningProxy:
    base_url: str
    proxy: Proxy


@contextlib.contextmanager
def run_in_thread(proxy: Proxy, host: str = "127.0.0.1", port: int = 0) -> Iterator[RunningProxy]:
    """Serve ``proxy`` on loopback in a thread until the block ends, then close it (reports
    written)."""
    import uvicorn

    from mock_server.server import bind_socket, serve_in_thread, uvicorn_options

    sock = bind_socket(host, port)
    bound = sock.getsockname()[1]
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "on"}
    options.update(uvicorn_options())
    config = uvicorn.Config(proxy.app, **options)
    try:
        with serve_in_thread(config, sock, f"toapis-proxy:{bound}"):
            yield RunningProxy(f"http://{host}:{bound}", proxy)
    finally:
        proxy.close()
