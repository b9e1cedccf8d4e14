"""The proxy's judge: follows each task across the exchanges that make it and judges them.

The forwarding path hands every exchange to ``Tracker.submit`` (a queue, never blocking) once the
response is on its way to the application; one worker thread judges them in order, with the
judges the suite's probes use (``conformance.judges``) writing to one ``Recorder``: each request
against the contract's client view, each response against its server view, and each task across
its create and polls (life cycle, result count, expiry, failed tasks), with the result images
fetched once (GET only, never with the application's key) and judged for the asked ratio.
Webhook deliveries the proxy receives (``submit_delivery``) are judged as the suite's webhook
probe judges them (``conformance.judges.webhooks``): signed with ``--webhook-secret``, fresh, a
``WebhookEvent``, one event id across retries, and matching the task's final state as the polls
through the proxy showed it (a delivery that comes before that poll waits for it).
"""

from __future__ import annotations

import json
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from conformance.contract import (
    CREATE,
    STATUS,
    UPLOAD,
    Limits,
    decided_errors,
    documented_statuses,
    limits,
    schema_errors,
)
from conformance.images import decode_displayed
from conformance.judges import app_requests as request_judge
from conformance.judges import echo as echo_judge
from conformance.judges import formats as format_judge
from conformance.judges import images as image_judge
from conformance.judges import task as task_judge
from conformance.judges import timestamps as time_judge
from conformance.judges import urls as url_judge
from conformance.judges import webhooks as webhook_judge
from conformance.judges.request_edges import judge_rejection
from conformance.probes.base import Recorder, evidence
from conformance.proxy.classify import VALIDATION_CHECKS, validation_case
from conformance.redact import Redactor
from conformance.verdicts import Evidence, Exchange, RecordedRequest, RecordedResponse
from toapis_spec import models as contract_models
from toapis_spec import operations

SCHEMA_STATUS = "schema-status-code-conformance"
SCHEMA_CONTENT_TYPE = "schema-content-type-conformance"
SCHEMA_BODY = "schema-response-schema-conformance"
SCHEMA_CHECKS = (SCHEMA_STATUS, SCHEMA_CONTENT_TYPE, SCHEMA_BODY)
CHECKS = (
    request_judge.REQUEST_DOCUMENTED,
    *VALIDATION_CHECKS,
    *SCHEMA_CHECKS,
    *task_judge.CHECKS,
    time_judge.TIMESTAMPS_ORDERED,
    echo_judge.MODEL_ECHO,
    echo_judge.DEFAULTS_APPLIED,
    image_judge.IMAGES_MATCH_REQUEST,
    url_judge.TOP_LEVEL_URL_SERVES_IMAGE,
    url_judge.UPLOAD_URL_SERVES_UPLOAD,
    format_judge.RESULT_FORMAT,
    format_judge.ITEM_FORMAT,
    *webhook_judge.CHECKS,
)
"""Every check the proxy can judge from traffic, in report order."""

NEVER_SEEN = "the traffic through the proxy never exercised this check"
# The documented wait bound (the docs advise giving up after 120 s).
TASK_BOUND = 120.0
# A body kept for judging: larger downloads are forwarded whole but judged by their first bytes.
MAX_KEPT = 32 * 1024 * 1024
# What a long-running proxy remembers: the most recent tasks (older final ones are forgotten),
# and the first events of each task's timeline.
MAX_TASKS = 10_000
MAX_EVENTS = 200
MAX_DELIVERIES = 20
"""Deliveries of one task kept to compare event ids (the documented schedule has 8 attempts)."""


class Cassette(Protocol):
    """What ``conformance.cassette.CassetteWriter`` offers the proxy (``--record``)."""

    def record(self, exchange: Exchange, *, started: float) -> None: ...

    def record_blob(self, url: str, content: bytes, content_type: str) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Seen:
    """One exchange the proxy forwarded (or answered itself under ``--enforce``)."""

    exchange: Exchange
    path: str
    """The request's path, as the application sent it to the proxy (no query)."""
    started: float
    """``time.time()`` when the request arrived."""
    forwarded: bool = True


@dataclass(frozen=True)
class SeenDelivery:
    """One webhook delivery the proxy received (and forwarded to the application, or not)."""

    delivery: webhook_judge.Delivery
    forwarded: bool = True


@dataclass(frozen=True)
class Finding:
    level: str  # "FAIL" | "WARN"
    check_id: str
    task_id: str | None
    message: str


@dataclass
class TrackedTask:
    task_id: str
    model: str | None
    body: dict[str, Any] | None
    """The create request's body; ``None`` for a task whose create the proxy did not see."""
    n: int | None
    snapshots: list[task_judge.Snapshot] = field(default_factory=list)
    final_seen: bool = False
    late_reported: bool = False
    stopped: bool = False
    timeline: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[webhook_judge.Delivery] = field(default_factory=list)
    """The task's webhook deliveries so far (the first ones, for event ids)."""
    unmatched: list[webhook_judge.Delivery] = field(default_factory=list)
    """Deliveries that came before the proxy saw the task final: matched once it does."""


class FindingRecorder(Recorder):
    """A ``Recorder`` that announces each broken promise as it is recorded."""

    def __init__(self, check_ids: tuple[str, ...], announce: Callable[[str, Evidence], None]):
        super().__init__(check_ids)
        self._announce = announce

    def fail(self, check_id: str, evidence: Evidence) -> None:
        before = self.exercised[check_id]
        super().fail(check_id, evidence)
        if self.exercised[check_id] > before:  # not turned into "not run" (a 429)
            self._announce(check_id, evidence)


def _operation_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    found = []
    for op_id, op in operations().items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "([^/]+)", re.escape(op.path))
        found.append((op.method.upper(), re.compile(f"^{pattern}/?$"), op_id))
    return found


def _is_json(headers: dict[str, str]) -> bool:
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    return ctype == "application/json" or ctype.endswith("+json")


def _json(body: bytes | None) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


class Tracker:
    """Judges what the proxy forwards; thread-safe (``submit`` from any thread)."""

    def __init__(
        self,
        *,
        emit: Callable[[Finding, Redactor], None] | None = None,
        fetch: bool = True,
        transport: httpx.BaseTransport | None = None,
        cassette: Cassette | None = None,
        task_bound: float = TASK_BOUND,
        fetch_timeout: float = 30.0,
        extra_judges: Iterable[Callable[[Recorder, Exchange, str], None]] = (),
        webhook_secret: str | None = None,
    ) -> None:
        self._emit = emit
        self.fetch_enabled = fetch
        self._fetcher = httpx.Client(
            transport=transport, timeout=fetch_timeout, follow_redirects=True
        )
        self.cassette = cassette
        self.task_bound = task_bound
        self.extra_judges = tuple(extra_judges)
        self.started_at = time.time()
        self.webhook_secret = webhook_secret
        self.secrets: list[str] = []
        """The tokens seen, in order (the first is the reproducers' ``$TOAPIS_API_KEY``)."""
        # The signing secret is masked wherever it might stand, as the tokens are (after them).
        self._redactor = Redactor([*self.secrets, webhook_secret])
        self.deliveries = 0
        self.deliveries_unanswered = 0
        """Deliveries the application's receiver (``--webhook-forward``) did not answer."""
        self.findings: list[Finding] = []
        self.tasks: dict[str, TrackedTask] = {}
        self.created_ids: dict[str, Exchange] = {}
        self.uploaded_sizes: dict[str, tuple[int, int]] = {}
        self.exchanges = 0
        self.forwarded = 0
        self.refused = 0
        self.images_created = 0
        self._current_task: str | None = None
        self._patterns = _operation_patterns()
        self._create_ops = {info.operation_id for info in contract_models().values()} | {CREATE}
        self.rec = FindingRecorder(CHECKS, self._found)
        self.lock = threading.RLock()
        self._queue: queue.Queue[Seen | SeenDelivery | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="toapis-proxy-judge", daemon=True)
        self._worker.start()

    # -- the forwarding path's side ------------------------------------------------------------

    def submit(self, seen: Seen) -> None:
        self._queue.put(seen)

    def submit_delivery(self, delivery: webhook_judge.Delivery, *, forwarded: bool = True) -> None:
        """A webhook delivery the proxy received, once it has been answered."""
        self._queue.put(SeenDelivery(delivery, forwarded))

    def drain(self) -> None:
        """Wait until every exchange submitted so far is judged."""
        self._queue.join()

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=60)
        self._fetcher.close()
        if self.cassette is not None:
            self.cassette.close()

    @property
    def redactor(self) -> Redactor:
        return self._redactor

    # -- the worker -------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            seen = self._queue.get()
            try:
                if seen is None:
                    return
                with self.lock:
                    if isinstance(seen, SeenDelivery):
                        self._delivery(seen)
                    else:
                        self._handle(seen)
            except Exception as exc:  # a judge bug must not stop the proxy; it is reported
                print(f"toapis-proxy: could not judge an exchange: {exc!r}", file=sys.stderr)
            finally:
                self._queue.task_done()

    def _found(self, check_id: str, found: Evidence) -> None:
        from conformance.catalogue import CATALOGUE

        info = CATALOGUE.get(check_id)
        decision = found.decision or (info.decision if info is not None else None)
        finding = Finding(
            "WARN" if decision else "FAIL",
            check_id,
            self._current_task,
            found.message if not decision else f"{found.message} (decided: {decision})",
        )
        self.findings.append(finding)
        if self._emit is not None:
            self._emit(finding, self._redactor)

    def _learn_token(self, request: RecordedRequest) -> None:
        for name, value in request.headers.items():
            if name.lower() != "authorization":
                continue
            token = value.split(" ", 1)[1].strip() if " " in value else value.strip()
            if token and token not in self.secrets:
                self.secrets.append(token)
                self._redactor = Redactor([*self.secrets, self.webhook_secret])

    def _operation(self, method: str, path: str) -> tuple[str, str | None] | None:
        for op_method, pattern, op_id in self._patterns:
            matched = pattern.match(path)
            if op_method == method.upper() and matched:
                return op_id, matched.group(1) if matched.groups() else None
        return None

    def _handle(self, seen: Seen) -> None:
        exchange = seen.exchange
        self.exchanges += 1
        self.forwarded += seen.forwarded
        self.refused += not seen.forwarded
        self._learn_token(exchange.request)
        self._current_task = None
        if self.cassette is not None:
            self.cassette.record(exchange, started=seen.started)
        found = self._operation(exchange.request.method, seen.path)
        if found is None:
            return  # not an operation of the contract: forwarded, not judged
        op_id, path_id = found
        if op_id in self._create_ops:
            self._create(seen, op_id)
        elif op_id == STATUS and path_id is not None:
            self._current_task = path_id
            self._response(exchange, op_id)
            self._poll(seen, path_id)
        elif op_id == UPLOAD:
            self._response(exchange, op_id)
            self._upload(exchange)
        else:
            self._response(exchange, op_id)
        for judge in self.extra_judges:
            judge(self.rec, exchange, op_id)

    def _response(self, exchange: Exchange, op_id: str) -> None:
        """Each response against the contract's server view: documented status, JSON where
        JSON is documented, and a body its schema allows (a decided constraint: WARN)."""
        response = exchange.response
        if response is None:
            return
        status = response.status
        if status not in documented_statuses(op_id):
            self.rec.fail(
                SCHEMA_STATUS,
                evidence(
                    f"{op_id} answered {status}, which its documentation does not list",
                    f"one of {', '.join(map(str, documented_statuses(op_id)))}",
                    exchange,
                ),
            )
            return
        self.rec.ok(SCHEMA_STATUS)
        if not _is_json(response.headers):
            self.rec.fail(
                SCHEMA_CONTENT_TYPE,
                evidence(
                    f"{op_id} {status} came as "
                    f"{response.headers.get('content-type', 'no Content-Type')}",
                    "application/json",
                    exchange,
                ),
            )
            return
        self.rec.ok(SCHEMA_CONTENT_TYPE)
        body = _json(response.body)
        problems = schema_errors(op_id, status, body)
        if problems:
            self.rec.fail(
                SCHEMA_BODY,
                evidence(
                    f"{op_id} {status}: the body is not documented: {'; '.join(problems)}",
                    f"the documented body of {op_id} {status}",
                    exchange,
                ),
            )
            return
        for decided in decided_errors(op_id, status, body)[:1]:
            self.rec.warn(
                SCHEMA_BODY,
                evidence(
                    f"{op_id} {status}: {decided.problem}",
                    f"the body as DECISIONS.md {decided.decision} reads the docs",
                    exchange,
                ),
                decided.decision,
            )
        self.rec.ok(SCHEMA_BODY)

    def _create(self, seen: Seen, op_id: str) -> None:
        exchange = seen.exchange
        valid = request_judge.judge_create_request(self.rec, exchange)
        if not seen.forwarded:
            return  # refused under --enforce: nothing reached the service
        self._response(exchange, op_id)
        body = exchange.request_json()
        if not isinstance(body, dict):
            return
        if not valid:
            # The service's answer to it, judged as the suite judges its own case of it.
            lim = self._limits(body.get("model"))
            case = validation_case(lim, body) if lim is not None else None
            if case is not None:
                judge_rejection(self.rec, case[0], exchange, body, case[1], "the request")
            return  # the life-cycle promises are about valid requests
        task = task_judge.judge_created(self.rec, exchange, op_id)
        if task is None:
            return
        task_id = str(task["id"])
        self._current_task = task_id
        task_judge.judge_id_unique(self.rec, task_id, self.created_ids.get(task_id), exchange)
        self.created_ids[task_id] = exchange
        model = body.get("model")
        lim = self._limits(model)
        n = body.get("n", lim.n_default if lim is not None else 1)
        tracked = TrackedTask(
            task_id,
            model if isinstance(model, str) else None,
            body,
            n if isinstance(n, int) and not isinstance(n, bool) else None,
        )
        self.tasks[task_id] = tracked
        self._forget_old()
        self.images_created += tracked.n or 0
        self._event(tracked, seen, "create", task)
        self._observe(tracked, exchange, task, seen)

    def _forget_old(self) -> None:
        """Bound what a proxy left on for days holds: the oldest tasks go first."""
        while len(self.tasks) > MAX_TASKS:
            del self.tasks[next(iter(self.tasks))]
        while len(self.created_ids) > MAX_TASKS:
            del self.created_ids[next(iter(self.created_ids))]

    def _limits(self, model: Any) -> Limits | None:
        try:
            return limits(model) if isinstance(model, str) else None
        except KeyError:
            return None

    def _poll(self, seen: Seen, task_id: str) -> None:
        exchange = seen.exchange
        tracked = self.tasks.get(task_id)
        if tracked is None:  # created before the proxy started, or through another route
            tracked = self.tasks[task_id] = TrackedTask(task_id, None, None, None)
            self._forget_old()
        if exchange.response is None or exchange.response.status != 200:
            self._event(tracked, seen, "poll", None)
            return
        task = task_judge.judge_polled(self.rec, exchange)
        self._event(tracked, seen, "poll", task)
        if task is None or tracked.stopped:
            tracked.stopped = True
            return
        self._observe(tracked, exchange, task, seen)

    def _observe(
        self, tracked: TrackedTask, exchange: Exchange, task: dict[str, Any], seen: Seen
    ) -> None:
        terminal = limits().terminal_states
        current = task_judge.Snapshot(exchange, task, seen.started)
        time_judge.judge_timestamps(self.rec, [(exchange, task)])
        if tracked.body is not None:
            echo_judge.judge_model_echo(self.rec, tracked.body, [(exchange, task)])
        if tracked.snapshots:
            task_judge.judge_step(self.rec, tracked.snapshots[-1], current, terminal)
        tracked.snapshots.append(current)
        if len(tracked.snapshots) > 2:  # the first (evidence) and the last (compared next)
            del tracked.snapshots[1:-1]
        first = tracked.snapshots[0]
        if task_judge.is_final(task, terminal) and not tracked.final_seen:
            tracked.final_seen = True
            task_judge.judge_final(
                self.rec,
                first,
                current,
                n=tracked.n,
                ttl=limits().result_ttl_seconds,
                # Only a task seen from its create can be timed.
                within=self.task_bound if tracked.body is not None else None,
            )
            if task.get("status") == "completed":
                self._results(tracked, current)
            for delivery in tracked.unmatched:
                self._match_delivery(tracked, delivery)
            tracked.unmatched.clear()
        elif (
            not tracked.final_seen
            and not tracked.late_reported
            and tracked.body is not None
            and current.seen_at - first.seen_at > self.task_bound
        ):
            tracked.late_reported = True
            task_judge.judge_deadline(self.rec, first, current, self.task_bound)

    def _delivery(self, seen: SeenDelivery) -> None:
        """One webhook delivery, judged as the suite's probe judges one: at once what needs
        nothing else; against the task once the polls have shown it final."""
        delivery = seen.delivery
        self.deliveries += 1
        self.deliveries_unanswered += not seen.forwarded
        task_id = delivery.task_id
        self._current_task = task_id
        tracked = self.tasks.get(task_id) if task_id is not None else None
        if task_id is not None and tracked is None:  # the task's create and polls were not seen
            tracked = self.tasks[task_id] = TrackedTask(task_id, None, None, None)
            self._forget_old()
        if self.webhook_secret is not None:
            webhook_judge.judge_signature(self.rec, delivery, self.webhook_secret)
        else:
            self.rec.not_run(
                webhook_judge.SIGNATURE, "no --webhook-secret: the signatures are not checked"
            )
        is_first = tracked is None or not tracked.deliveries
        webhook_judge.judge_freshness(self.rec, delivery, is_first=is_first)
        payload = webhook_judge.judge_schema(self.rec, delivery)
        if tracked is None or payload is None or not delivery.is_task_event:
            return
        if len(tracked.timeline) < MAX_EVENTS:
            tracked.timeline.append(
                {
                    "t": round(delivery.received_at - self.started_at, 3),
                    "kind": "webhook",
                    "http": delivery.answered,
                    "status": (payload.get("data") or {}).get("status")
                    if isinstance(payload.get("data"), dict)
                    else None,
                    "progress": None,
                    "elapsed_ms": None,
                }
            )
        if tracked.deliveries:
            # Each retry against the first delivery: one finding per retry with another id.
            webhook_judge.judge_event_ids(self.rec, [tracked.deliveries[0], delivery])
        if len(tracked.deliveries) < MAX_DELIVERIES:
            tracked.deliveries.append(delivery)
        if tracked.final_seen:
            self._match_delivery(tracked, delivery)
        elif len(tracked.unmatched) < MAX_DELIVERIES:
            tracked.unmatched.append(delivery)

    def _match_delivery(self, tracked: TrackedTask, delivery: webhook_judge.Delivery) -> None:
        """A delivery of a task the proxy has seen final: it was delivered, and describes it."""
        last = tracked.snapshots[-1]
        self.rec.ok(webhook_judge.DELIVERED)
        webhook_judge.judge_match(self.rec, delivery, last.task, last.exchange)

    def _results(self, tracked: TrackedTask, final: task_judge.Snapshot) -> None:
        check = image_judge.IMAGES_MATCH_REQUEST
        urls = task_judge.result_urls(final.task)
        lim = self._limits(tracked.model)
        if not self.fetch_enabled:
            self.rec.not_run(check, "--no-fetch: result images are not fetched")
            return
        if lim is None or tracked.body is None:
            self.rec.not_run(check, "the task's create request was not seen: no asked ratio")
            return
        images: list[tuple[str, Exchange]] = []
        for url in urls:
            fetched = self._fetch_for(tracked, url)
            images.append((url, fetched))
            image_judge.judge_result_image(
                self.rec, lim, tracked.body, final.exchange, fetched, url
            )
            format_judge.judge_result_format(
                self.rec, lim.model, tracked.body, final.exchange, url, fetched
            )
        format_judge.judge_item_formats(self.rec, final.exchange, final.task, dict(images))
        created = tracked.snapshots[0].exchange
        echo_judge.judge_default_count(self.rec, lim, tracked.body, created, final.exchange)
        echo_judge.judge_default_size(
            self.rec, lim, tracked.body, final.exchange, images, self._reference_size(tracked)
        )
        top = final.task.get("url")
        if isinstance(top, str):
            fetched = dict(images).get(top) or self._fetch_for(tracked, top)
            url_judge.judge_top_level_url(self.rec, lim, tracked.body, final.exchange, top, fetched)

    def _fetch_for(self, tracked: TrackedTask, url: str) -> Exchange:
        fetched = self.fetch(url)
        tracked.timeline.append(
            {
                "t": round(time.time() - self.started_at, 3),
                "kind": "fetch",
                "url": url,
                "http": fetched.response.status if fetched.response else None,
                "bytes": len(fetched.response.body) if fetched.response else 0,
            }
        )
        return fetched

    def _reference_size(self, tracked: TrackedTask) -> tuple[int, int] | None:
        """The displayed size of the task's first reference image, when it is an upload the
        proxy saw (and fetched): no other URL is fetched for it."""
        lim = self._limits(tracked.model)
        if lim is None or tracked.body is None:
            return None
        firsts = echo_judge.references_of(tracked.body, lim)[:1]
        return self.uploaded_sizes.get(firsts[0]) if firsts else None

    def _upload(self, exchange: Exchange) -> None:
        """An upload's URL is fetched once: it must serve the upload (and a recording keeps
        its image, since real URLs expire)."""
        body = exchange.json()
        data = body.get("data") if isinstance(body, dict) else None
        url = data.get("url") if isinstance(data, dict) else None
        ok = exchange.response is not None and exchange.response.status == 200
        if not ok or not isinstance(url, str):
            return
        if not self.fetch_enabled:
            self.rec.not_run(url_judge.UPLOAD_URL_SERVES_UPLOAD, "--no-fetch: URLs are not fetched")
            return
        fetched = self.fetch(url)
        url_judge.judge_upload_url(self.rec, exchange, url, fetched, None)
        if fetched.response is not None and fetched.response.status == 200:
            try:
                _, width, height = decode_displayed(fetched.response.body)
            except Exception:  # not an image: judged above
                return
            self.uploaded_sizes[url] = (width, height)

    def fetch(self, url: str) -> Exchange:
        """One GET of a public URL (a result or an upload), without the application's key."""
        request = RecordedRequest("GET", url, {}, None)
        start = time.perf_counter()
        try:
            response = self._fetcher.get(url)
        except httpx.HTTPError as exc:
            return Exchange(request, None, f"{type(exc).__name__}: {exc}")
        headers = {k.lower(): v for k, v in response.headers.items()}
        fetched = Exchange(
            request,
            RecordedResponse(
                response.status_code, headers, response.content, time.perf_counter() - start
            ),
        )
        if self.cassette is not None and response.status_code == 200:
            self.cassette.record_blob(url, response.content, headers.get("content-type", ""))
        return fetched

    def _event(
        self, tracked: TrackedTask, seen: Seen, kind: str, task: dict[str, Any] | None
    ) -> None:
        response = seen.exchange.response
        if len(tracked.timeline) >= MAX_EVENTS:
            return
        tracked.timeline.append(
            {
                "t": round(seen.started - self.started_at, 3),
                "kind": kind,
                "http": response.status if response is not None else None,
                "status": task.get("status") if task else None,
                "progress": task.get("progress") if task else None,
                "elapsed_ms": round(response.elapsed * 1000, 1) if response else None,
            }
        )

    # -- what the reports read ----------------------------------------------------------------

    def timelines(self) -> list[dict[str, Any]]:
        with self.lock:
            return [
                {
                    "task_id": t.task_id,
                    "model": t.model,
                    "n": t.n,
                    "size": (t.body or {}).get("size"),
                    "created_seen": t.body is not None,
                    "events": [
                        {**e, "url": self._redactor.text(e["url"])} if "url" in e else dict(e)
                        for e in t.timeline
                    ],
                }
                for t in self.tasks.values()
            ]

    def verdict_recorder(self) -> Recorder:
        """A copy of the recorder, with the checks the traffic never reached not run."""
        with self.lock:
            copy = Recorder(self.rec.check_ids)
            copy.exercised = dict(self.rec.exercised)
            copy.failures = {k: list(v) for k, v in self.rec.failures.items()}
            copy.reasons = dict(self.rec.reasons)
        for check_id in copy.check_ids:
            copy.not_run(check_id, NEVER_SEEN)
        return copy
