"""A validating proxy in front of the embedded mock, everything on loopback."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from conformance.embedded import EmbeddedServer, embedded_mock
from conformance.proxy import Finding, ProxyConfig, RunningProxy, build_proxy, run_in_thread
from conformance.redact import Redactor
from conformance.verdicts import Status
from toapis import Client, PollPolicy

FAST = PollPolicy(initial_delay=0, interval_min=0.01, interval_max=0.02, timeout=30)
CLI_FAST = ["--initial-delay", "0", "--poll-interval", "0.01"]


@dataclass
class Proxied:
    server: EmbeddedServer
    running: RunningProxy
    report_dir: Path
    lines: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.running.base_url

    def client(self) -> Client:
        return Client(token=self.server.token, base_url=self.base_url, poll=FAST)

    def report(self) -> dict[str, Any]:
        """The reports as ``GET /__toapis_proxy/report`` writes them (JSON read back)."""
        answer = httpx.get(f"{self.base_url}/__toapis_proxy/report", timeout=60)
        assert answer.status_code == 200, answer.text
        import json

        data: dict[str, Any] = json.loads(Path(answer.json()["json"]).read_text("utf-8"))
        return data

    def statuses(self) -> dict[str, Status]:
        return {c["id"]: Status(c["status"]) for c in self.report()["checks"]}

    def failing(self) -> dict[str, Status]:
        return {k: v for k, v in self.statuses().items() if v in (Status.FAIL, Status.WARN)}


ProxiedFactory = Callable[..., AbstractContextManager[Proxied]]


@pytest.fixture
def proxied(tmp_path: Path) -> ProxiedFactory:
    @contextmanager
    def start(
        defects: Sequence[str] = (), *, enforce: bool = False, upstream: str | None = None
    ) -> Iterator[Proxied]:
        with embedded_mock(seed=0, defects=defects) as server:
            lines: list[str] = []
            report_dir = tmp_path / "report"

            def emit(finding: Finding, redactor: Redactor) -> None:
                from conformance.proxy.server import finding_line

                lines.append(finding_line(finding, redactor))

            proxy = build_proxy(
                ProxyConfig(upstream or server.base_url, enforce=enforce),
                report_dir=report_dir,
                emit=emit,
            )
            with run_in_thread(proxy) as running:
                yield Proxied(server, running, report_dir, lines)

    return start


def png(width: int = 64, height: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()
