"""The embedded mock: what ``toapis-conformance`` tests when no ``--base-url`` is given."""

from __future__ import annotations

import hashlib
import shlex
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from conformance.probes.base import Settings
from conformance.webhook_receiver import PATH as WEBHOOK_PATH
from mock_server.tasks import FAIL_MARKER

TOKEN_A = "embedded-tenant-a"
TOKEN_B = "embedded-tenant-b"
# The tenant whose tasks send webhooks, to the suite's receiver (conformance.webhook_receiver):
# its own, so the other probes' tasks (and the schema layer's hundreds) send none.
TOKEN_WEBHOOKS = "embedded-tenant-webhooks"
# The documented retry delays (10 s, 30 s, ...) times this: 0.1 s, 0.3 s...
WEBHOOK_RETRY_SCALE = 0.01
WEBHOOK_TIMEOUT = 5.0
# The embedded mock advances a task one step per poll: no waiting between polls, and a task that
# is not final after a few seconds never will be.
TASK_TIMEOUT = 10.0
# Variants that make the step-per-poll timing above wrong for a run (mock_server.variants).
SLOW_POLL_INTERVAL = 1.0  # slow-tasks: 30 s of real time, polled about once a second
SLOW_TASK_TIMEOUT = 120.0  # the documented bound (D-22)
# Variants that add waiting (Retry-After sleeps, per-request latency) to every task's polls.
WAITING_VARIANTS = frozenset(
    {"random-429", "http-date-retry-after", "documented-rate-limits", "latency"}
)
WAITING_TASK_TIMEOUT = 30.0


class ShiftableClock:
    """Real time plus an offset that only grows: lets the suite see what a server does a day
    later (expired results) without waiting a day, which only an embedded server allows."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock never goes backwards")
        with self._lock:
            self._offset += seconds


@dataclass(frozen=True)
class EmbeddedServer:
    base_url: str
    token: str
    token_b: str
    advance_clock: Callable[[float], None]
    mock_command: str = ""
    """The ``toapis-mock`` command line that starts the same mock on the same port."""
    variants: tuple[str, ...] = ()
    """The mock's legal variants (``mock_server.variants``)."""
    webhook_receiver: str | None = None
    """``HOST:PORT`` the mock delivers ``TOKEN_WEBHOOKS``'s webhooks to (the suite listens)."""
    webhook_secret: str | None = None

    def settings(self, **overrides: Any) -> Settings:
        """Run settings for this server: both tenants, its clock, and polling that fits its
        variants (no pause between polls unless its tasks take real time)."""
        poll_interval, task_timeout = 0.0, TASK_TIMEOUT
        if "slow-tasks" in self.variants:
            poll_interval, task_timeout = SLOW_POLL_INTERVAL, SLOW_TASK_TIMEOUT
        elif WAITING_VARIANTS & set(self.variants):
            task_timeout = WAITING_TASK_TIMEOUT
        base = Settings(
            self.base_url,
            self.token,
            self.token_b,
            poll_interval=poll_interval,
            task_timeout=task_timeout,
            advance_clock=self.advance_clock,
            failing_prompt=FAIL_MARKER,
            webhook_receiver=self.webhook_receiver,
            webhook_secret=self.webhook_secret,
            webhook_token=TOKEN_WEBHOOKS if self.webhook_receiver else None,
            webhook_timeout=WEBHOOK_TIMEOUT,
        )
        return replace(base, **overrides)


@contextmanager
def embedded_mock(
    seed: int = 0, defects: Sequence[str] = (), variants: Sequence[str] = ()
) -> Iterator[EmbeddedServer]:
    """Start the mock on a free loopback port; tasks advance one step per poll (deterministic)
    unless a timing variant says otherwise."""
    from mock_server import MockConfig, run_in_thread

    clock = ShiftableClock()
    from mock_server.webhooks import WebhookTarget

    receiver = f"127.0.0.1:{_free_port()}"
    secret = hashlib.sha256(f"embedded-webhooks/{seed}".encode()).hexdigest()
    config = MockConfig(
        tokens=(TOKEN_A, TOKEN_B, TOKEN_WEBHOOKS),
        webhooks={TOKEN_WEBHOOKS: WebhookTarget(f"http://{receiver}{WEBHOOK_PATH}", secret)},
        webhook_retry_scale=WEBHOOK_RETRY_SCALE,
        seed=seed,
        step_per_poll=True,
        defects=tuple(defects),
        variants=tuple(variants),
        clock=clock,
    )
    # Fuzzing sends malformed requests on purpose: uvicorn's warnings about them are not news.
    with run_in_thread(config, host="127.0.0.1", port=0, log_level="error") as server:
        port = urlsplit(server.base_url).port
        command = mock_command(port or 4010, seed, defects, variants)
        yield EmbeddedServer(
            server.base_url,
            TOKEN_A,
            TOKEN_B,
            clock.advance,
            command,
            tuple(config.variants),
            webhook_receiver=receiver,
            webhook_secret=secret,
        )


def _free_port() -> int:
    """A loopback port free now, for the receiver the webhook probe starts later (the mock must
    know its URL from the start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mock_command(
    port: int, seed: int, defects: Sequence[str] = (), variants: Sequence[str] = ()
) -> str:
    """The command line of a ``toapis-mock`` that behaves as the embedded one does (the
    embedded one ends with the run, and the reproducers of its report point at its port)."""
    parts = ["toapis-mock", "--port", str(port), "--seed", str(seed), "--step-per-poll"]
    parts += ["--token", TOKEN_A, "--token", TOKEN_B]
    for name in defects:
        parts += ["--defect", name]
    for name in variants:
        parts += ["--variant", name]
    env = f"TOAPIS_API_KEY={TOKEN_A} TOAPIS_API_KEY_B={TOKEN_B}"
    return f"{shlex.join(parts)}   # then: export {env}"
