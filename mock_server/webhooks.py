"""Task webhooks: per-token targets, the events a final task sends, and their delivery.

As documented (``webhooks/task-webhooks``): each token may have a default callback URL and a
signing secret; a request whose model declares ``callback_url`` may name another path and query on
the same scheme, host and port (D-18, D-34). When one of the token's tasks becomes final, a
``generation.completed`` or ``generation.failed`` event is POSTed to its URL, signed
``v1=HMAC-SHA256(secret, id.timestamp.body)`` (and ``v1=`` with the previous secret during a
rotation), at least once: every non-2xx answer, timeout (10 s) or redirect (never followed) is
retried after about 10 s, 30 s, 2 min, 10 min, 1 h, 6 h and 24 h (times ``retry_scale``, so tests
compress them as they compress tasks). Each retry carries the same event id and a fresh, freshly
signed timestamp (D-32).

Tasks advance lazily (when polled, D-22); so that a webhook comes even if nobody polls, a ticker
advances the watched tasks by the clock (time mode). In step-per-poll mode a task becomes final
at its final poll, and the webhook follows it. Delivery never blocks a request and never crashes
the mock: a receiver that refuses, hangs or answers garbage only costs retries. Memory is bounded
(``MAX_WATCHED`` tasks waiting to finish, ``MAX_DELIVERIES`` events being delivered).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import ipaddress
import json
import logging
import random
import secrets
from collections import OrderedDict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import orjson

from toapis import webhooks as signing

if TYPE_CHECKING:
    from mock_server.state import MockState
    from mock_server.tasks import Task

log = logging.getLogger("toapis-mock.webhooks")

RETRY_DELAYS: tuple[float, ...] = (10.0, 30.0, 120.0, 600.0, 3600.0, 21600.0, 86400.0)
"""Seconds between one failed attempt and the next (D-34): the documented schedule."""
DELIVERY_TIMEOUT = 10.0
"""The documented 10 s: an attempt that takes longer has failed."""
TICK_SECONDS = 0.02
"""How often the ticker looks at watched tasks (time mode)."""
MAX_WATCHED = 10_000
MAX_DELIVERIES = 1_000
MAX_ATTEMPT_LOG = 1_000
STALE_SECONDS = 600
"""The ``webhook-stale-timestamp`` defect signs a timestamp this old (the docs' bound is 300)."""
API_VERSION = "v1"
NOT_CONFIGURED = "webhook_not_configured"


@dataclass(frozen=True)
class WebhookTarget:
    """One token's webhook settings: default URL, signing secret, and the previous secret while
    a rotation is under way (deliveries then carry both signatures, D-33)."""

    url: str
    secret: str
    previous_secret: str | None = None

    def __post_init__(self) -> None:
        problem = url_problem(self.url)
        if problem is not None:
            raise ValueError(f"webhook URL {self.url!r}: {problem}")
        if not self.secret:
            raise ValueError("a webhook secret must not be empty")
        if self.previous_secret == "":
            raise ValueError("a previous webhook secret must not be empty")

    @property
    def secrets(self) -> tuple[str, ...]:
        """Signing keys, current first (D-33)."""
        return (
            (self.secret,) if self.previous_secret is None else (self.secret, self.previous_secret)
        )


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a default callback URL: HTTPS, or HTTP to a loopback address (D-35)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"not a URL ({exc})"
    del port
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return "must be an absolute http(s) URL"
    if parts.scheme == "http" and not _loopback(host):
        return "must be HTTPS (plain HTTP only to a loopback address: 127.0.0.0/8, ::1, localhost)"
    return None


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_origin(url: str, default: str) -> bool:
    """Whether ``url`` differs from ``default`` at most in path and query (the documented rule)."""
    try:
        a, b = urlsplit(url), urlsplit(default)
        return (a.scheme.lower(), a.hostname, _port(a.scheme, a.port)) == (
            b.scheme.lower(),
            b.hostname,
            _port(b.scheme, b.port),
        ) and not a.fragment
    except ValueError:
        return False


def _port(scheme: str, port: int | None) -> int | None:
    return port if port is not None else {"http": 80, "https": 443}.get(scheme.lower())


def not_configured_body() -> dict[str, Any]:
    """The documented refusal of ``callback_url`` for a token without a webhook."""
    return {
        "error": {
            "code": NOT_CONFIGURED,
            "message": "Webhooks are not configured for this token: set a default callback URL "
            "and a signing secret first.",
            "param": "callback_url",
            "type": "invalid_request_error",
        }
    }


def parse_assignment(value: str, what: str) -> tuple[str, str]:
    """``TOKEN=VALUE`` (the CLI's form) as a pair; ``ValueError`` naming ``what`` otherwise."""
    token, sep, rest = value.partition("=")
    if not sep or not token or not rest:
        raise ValueError(f"{what} expects TOKEN=VALUE, got {value!r}")
    return token, rest


def load_config_file(path: Path) -> dict[str, WebhookTarget]:
    """``{"TOKEN": {"url": ..., "secret": ..., "previous_secret": ...}}`` from a JSON file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read webhook config {path}: {exc}") from None
    if not isinstance(raw, dict):
        raise ValueError(f"webhook config {path}: expected an object of TOKEN -> settings")
    targets: dict[str, WebhookTarget] = {}
    for token, entry in raw.items():
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("url", "secret")
        ):
            raise ValueError(f"webhook config {path}: {token!r} needs string url and secret")
        previous = entry.get("previous_secret")
        if previous is not None and not isinstance(previous, str):
            raise ValueError(f"webhook config {path}: {token!r} previous_secret must be a string")
        targets[str(token)] = WebhookTarget(entry["url"], entry["secret"], previous)
    return targets


@dataclass
class Delivery:
    """One event on its way: the task it is about, where it goes, how it went so far."""

    task_id: str
    event_type: str
    url: str
    target: WebhookTarget
    payload: dict[str, Any]
    attempts: int = 0


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt met (kept for tests and debugging, bounded)."""

    event_id: str
    task_id: str
    url: str
    status: int | None
    error: str | None = None


@dataclass
class _Watched:
    task: Task
    url: str
    target: WebhookTarget


@dataclass
class WebhookDispatcher:
    state: MockState
    targets: Mapping[str, WebhookTarget]
    """Tenant -> target."""
    retry_scale: float = 1.0
    timeout: float = DELIVERY_TIMEOUT
    attempts: deque[Attempt] = field(default_factory=lambda: deque(maxlen=MAX_ATTEMPT_LOG))
    _watched: OrderedDict[str, _Watched] = field(default_factory=OrderedDict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _ticker: asyncio.Task[None] | None = None
    transport: httpx.AsyncBaseTransport | None = None
    """Where attempts go (default: the network); tests put an ``httpx.MockTransport`` here."""
    _client: httpx.AsyncClient | None = None
    _ids: random.Random | None = None

    def __post_init__(self) -> None:
        seed = self.state.config.seed
        self._ids = random.Random(f"webhook-ids/{seed}") if seed is not None else None

    # -- what the routes call ----------------------------------------------------------------

    def target(self, tenant: str) -> WebhookTarget | None:
        return self.targets.get(tenant)

    def task_created(self, task: Task, callback_url: str | None) -> None:
        """Watch a new task of a tenant with a webhook target (no-op for the others)."""
        target = self.targets.get(task.tenant)
        if target is None:
            return
        while len(self._watched) >= MAX_WATCHED:
            dropped, _ = self._watched.popitem(last=False)
            log.warning("webhooks: too many unfinished tasks watched; %s dropped", dropped)
        self._watched[task.id] = _Watched(task, callback_url or target.url, target)
        if task.final:
            self.task_final(task)
        elif not self.state.lifecycle.step_per_poll:
            self._ensure_ticker()

    def task_final(self, task: Task) -> None:
        """A watched task has become final: send its event (called by the status route too)."""
        watched = self._watched.pop(task.id, None)
        if watched is None:
            return
        if sum(1 for t in self._tasks if not t.done()) >= MAX_DELIVERIES:
            log.warning("webhooks: %d deliveries under way; %s not sent", MAX_DELIVERIES, task.id)
            return
        delivery = Delivery(
            task.id,
            signing.FAILED if task.status == "failed" else signing.COMPLETED,
            watched.url,
            watched.target,
            self.event(task),
        )
        self._spawn(self._deliver(delivery))

    # -- the event ---------------------------------------------------------------------------

    def new_event_id(self) -> str:
        bits = self._ids.getrandbits(96) if self._ids is not None else secrets.randbits(96)
        return f"evt_{bits:024x}"

    def event(self, task: Task) -> dict[str, Any]:
        """The documented payload of a final task, with its result URLs as the status API
        shows them."""
        from mock_server.render import render_task

        state = self.state
        now = state.clock.now()
        shown = render_task(task, now, frozenset(), state.variants, random.Random(task.id))
        failed = task.status == "failed"
        if "webhook-status-mismatch" in state.defects:
            failed = not failed  # the defect: data.status says the opposite of the task
        result = shown.get("result")
        urls = [item["url"] for item in result["data"]] if isinstance(result, dict) else []
        error = shown.get("error")
        return {
            "id": self.new_event_id(),
            "type": signing.FAILED if task.status == "failed" else signing.COMPLETED,
            "api_version": API_VERSION,
            "created_at": int(now),
            "data": {
                "task_id": task.id,
                "client_business_id": task.client_business_id,
                "task_type": "image",
                "model": task.model,
                "status": "FAILURE" if failed else "SUCCESS",
                "progress": "100%",
                "result": {"type": "image", "data": [{"url": u} for u in urls]} if urls else None,
                "error": (
                    {
                        "code": str(error.get("code", "generation_failed")),
                        "message": error["message"],
                    }
                    if isinstance(error, dict) and isinstance(error.get("message"), str)
                    else None
                ),
                "submitted_at": task.created_at,
                "finished_at": task.completed_at if task.completed_at is not None else int(now),
            },
        }

    def sign(self, delivery: Delivery, body: bytes) -> dict[str, str]:
        """The headers of one attempt: fresh timestamp, signatures, as the defects shape them."""
        defects = self.state.defects
        event_id = str(delivery.payload["id"])
        now = int(self.state.clock.now())
        stamp = str(now - STALE_SECONDS if "webhook-stale-timestamp" in defects else now)
        keys = delivery.target.secrets
        if "webhook-signs-body-only" in defects:
            header = ",".join(
                f"v1={hmac.new(k.encode(), body, hashlib.sha256).hexdigest()}" for k in keys
            )
        elif "webhook-wrong-signature" in defects:
            # The defect: the key is derived from the secret (its SHA-256) instead of being it.
            derived = [hashlib.sha256(k.encode()).digest() for k in keys]
            header = signing.signature_header(derived, event_id, stamp, body)
        else:
            header = signing.signature_header(list(keys), event_id, stamp, body)
        return {
            "Content-Type": "application/json",
            "User-Agent": signing.USER_AGENT,
            signing.ID_HEADER: event_id,
            signing.TIMESTAMP_HEADER: stamp,
            signing.SIGNATURE_HEADER: header,
        }

    # -- delivery ----------------------------------------------------------------------------

    async def _deliver(self, delivery: Delivery) -> None:
        defects = self.state.defects
        schedule = () if "webhook-no-retry" in defects else RETRY_DELAYS
        for attempt in range(len(schedule) + 1):
            if attempt and "webhook-new-event-id-per-retry" in defects:
                delivery.payload = {**delivery.payload, "id": self.new_event_id()}
            delivery.attempts += 1
            if await self._attempt(delivery):
                return
            if attempt < len(schedule):
                await asyncio.sleep(schedule[attempt] * self.retry_scale)
        log.info("webhooks: gave up on %s after %d attempts", delivery.task_id, delivery.attempts)

    async def _attempt(self, delivery: Delivery) -> bool:
        body = orjson.dumps(delivery.payload)
        headers = self.sign(delivery, body)
        event_id = headers[signing.ID_HEADER]
        status: int | None = None
        error: str | None = None
        try:
            response = await self.client().post(delivery.url, content=body, headers=headers)
            status = response.status_code
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # a receiver must never crash the mock
            error = f"unexpected {type(exc).__name__}: {exc}"
        self.attempts.append(Attempt(event_id, delivery.task_id, delivery.url, status, error))
        return status is not None and 200 <= status < 300

    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            follow = "webhook-follows-redirects" in self.state.defects
            self._client = httpx.AsyncClient(
                timeout=self.timeout,
                follow_redirects=follow,
                trust_env=False,
                transport=self.transport,
            )
        return self._client

    # -- the ticker (time mode) ------------------------------------------------------------

    def _ensure_ticker(self) -> None:
        if self._ticker is None or self._ticker.done():
            self._ticker = self._spawn(self._tick())

    async def _tick(self) -> None:
        state = self.state
        while self._watched:
            now = state.clock.now()
            for task_id, watched in list(self._watched.items()):
                task = watched.task
                due = now >= task.created + state.lifecycle.duration
                # A task never polled is still queued (the life cycle counts polls): once its
                # time is up, the ticker looks at it as the first poll would.
                if (
                    not task.final
                    and due
                    and state.lifecycle.advance(task, now, polled=task.polls == 0)
                ):
                    state.save_task(task)
                if task.final and task_id in self._watched:
                    self.task_final(task)
            await asyncio.sleep(TICK_SECONDS)

    def _spawn(self, coroutine: Any) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def aclose(self) -> None:
        """Stop every delivery and the ticker (the server is shutting down)."""
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def idle(self, timeout: float) -> bool:
        """Wait until no delivery is under way (tests); False if ``timeout`` passed first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while any(not t.done() for t in self._tasks if t is not self._ticker) or self._watched:
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True
