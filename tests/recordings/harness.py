"""Record the conformance suite's run against the embedded mock into a cassette, and run the
suite against a replay of it (``mock_server.replay``), all on loopback.

Recording goes through ``toapis-proxy`` (``conformance.proxy``) in front of the embedded mock,
as a user would record real traffic. ``THROUGH_JOURNAL`` switches to the fallback used before the
proxy existed: the suite's own exchanges (its journal, plus every request of the schema layer)
fed to ``CassetteWriter`` directly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import requests

from conformance import schema_layer
from conformance.cassette import Cassette, CassetteWriter
from conformance.embedded import EmbeddedServer, embedded_mock
from conformance.probes.base import Settings
from conformance.progress import NullObserver
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from mock_server.replay import RunningReplay, VirtualClock, replay_in_thread

SEED = 11
# Checks a replay cannot decide the way the recording did: webhooks are the server's own
# requests to the suite's receiver, which no cassette of the suite's traffic holds (nor could a
# replay sign new ones with the secret the recording never kept).
LIVE_ONLY_PREFIXES = ("webhooks-",)


class Seen(NullObserver):
    """Every credential the suite sent (to prove none reached the cassette), and, recording
    through the journal, every exchange fed to the writer."""

    def __init__(self, writer: CassetteWriter | None) -> None:
        self.writer = writer
        self.credentials: set[str] = set()

    def exchange(self, exchange: Exchange, source: str | None) -> None:
        for name, value in exchange.request.headers.items():
            if name.lower() == "authorization":
                self.credentials.add(value.partition(" ")[2] or value)
        if self.writer is not None:
            elapsed = exchange.response.elapsed if exchange.response is not None else 0.0
            self.writer.record(exchange, started=time.time() - elapsed)


@contextmanager
def _schema_layer_recorded(seen: Seen) -> Iterator[None]:
    """Schemathesis sends with ``requests``, past the journal: see those too."""
    original = schema_layer._original_send

    def send(adapter: Any, request: requests.PreparedRequest, *a: Any, **kw: Any) -> Any:
        started = time.time()
        response = original(adapter, request, *a, **kw)
        body = request.body.encode() if isinstance(request.body, str) else request.body
        exchange = Exchange(
            RecordedRequest(
                request.method or "GET",
                request.url or "",
                {k: v if isinstance(v, str) else v.decode() for k, v in request.headers.items()},
                body if isinstance(body, bytes) else None,
            ),
            RecordedResponse(
                response.status_code,
                {k.lower(): v for k, v in response.headers.items()},
                response.content,
                time.time() - started,
            ),
        )
        seen.exchange(exchange, "schema")
        return response

    schema_layer._original_send = send  # type: ignore[assignment]
    try:
        yield
    finally:
        schema_layer._original_send = original


@dataclass
class Recording:
    directory: Path
    report: RunReport
    credentials: set[str]
    secrets: tuple[str, ...]
    through: str


def settings_for(server: EmbeddedServer, **overrides: Any) -> Settings:
    return server.settings(seed=SEED, jobs=1, **overrides)


def record(directory: Path, *, through_proxy: bool = True) -> Recording:
    """Run the whole suite (fixed seed, one probe at a time) against the embedded mock and
    record it into ``directory``."""
    with embedded_mock(seed=SEED) as server:
        if through_proxy:
            from conformance.proxy.app import ProxyConfig
            from conformance.proxy.server import build_proxy, run_in_thread

            writer = CassetteWriter(directory, server.base_url)
            seen = Seen(None)
            proxy = build_proxy(ProxyConfig(upstream=server.base_url), cassette=writer, emit=None)
            with run_in_thread(proxy) as running, _schema_layer_recorded(seen):
                settings = settings_for(server, base_url=running.base_url)
                report = run_suite(settings, observer=seen)
        else:
            writer = CassetteWriter(directory, server.base_url)
            seen = Seen(writer)
            with _schema_layer_recorded(seen):
                report = run_suite(settings_for(server), observer=seen)
            writer.close()
        secrets = tuple(s for s in (server.webhook_secret,) if s)
    return Recording(
        directory, report, seen.credentials, secrets, "proxy" if through_proxy else "journal"
    )


@contextmanager
def replaying(directory: Path, speed: float) -> Iterator[tuple[RunningReplay, VirtualClock]]:
    cassette = Cassette.load(directory)
    clock = VirtualClock(cassette.recorded_at, speed)
    with replay_in_thread(cassette, clock) as running:
        yield running, clock


def replay_suite(directory: Path, speed: float) -> RunReport:
    """The same run (seed, settings, tokens) against a replay of the cassette; no webhook
    receiver (a replay sends no webhooks)."""
    from conformance.embedded import TOKEN_A, TOKEN_B
    from mock_server.tasks import FAIL_MARKER

    with replaying(directory, speed) as (running, clock):
        base = Settings(
            running.base_url,
            TOKEN_A,
            TOKEN_B,
            poll_interval=0.0,
            task_timeout=10.0,
            advance_clock=clock.advance,
            failing_prompt=FAIL_MARKER,
        )
        return run_suite(replace(base, seed=SEED, jobs=1))
