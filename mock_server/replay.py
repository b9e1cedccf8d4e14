"""``toapis-mock --replay DIR``: serve a recording (``conformance.cassette``) on a virtual clock.

What a request gets, in this order:

1. A poll of a recorded task (``GET /v1/images/generations/{id}``) by the tenant that created it:
   the entry of the task's timeline for the time elapsed since its create on the virtual clock (the
   last poll recorded at or before that offset; the first one before it). The clock runs at
   ``speed`` times real time (``--speed 10``: ten times faster) and starts at the recording's own
   start, so the same polls see the same progression (queued, in_progress, completed).
2. A request the cassette holds: the same tenant (credentials are named by order of first
   appearance, ``tenant-1``, ``tenant-2``..., as in the recording: the token itself never matters),
   method, path, query and body (its fingerprint, ``conformance.cassette.fingerprint``): the Nth
   such request gets the Nth recorded answer. A create answered so starts its task's timeline.
   Bodies the recording never had (``omitted``) match any body of the same request.
3. A result or upload URL: the stored image (``blobs/``), until the task's ``expires_at`` on the
   virtual clock, then 404 as the mock answers.
4. Anything else: the documented envelopes: 401 for an API operation sent without credentials,
   404 for a task id the cassette never saw, 400 "not in the cassette" for any other request
   (never a 500).

URLs are rewritten both ways: in answers, a URL under the recorded upstream points at this server
(same path), and an image URL outside it at ``/blobs/<sha256>/<url id>``; in requests, those URLs
are turned back into the recorded ones before matching (a create naming an upload URL this
server handed out matches the recorded create that named the original).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from conformance.cassette import (
    STATUS_OPERATION,
    Body,
    Cassette,
    Recorded,
    Timeline,
    contract_routes,
    credential,
    fingerprint,
    masked_body,
    masked_query,
    secrets_of,
    task_id_of,
)
from conformance.http import api_path
from conformance.redact import Redactor
from mock_server import contract, errors
from mock_server.app import _bound_url
from toapis_spec import create_operations

BLOB_PREFIX = "/blobs/"
_BLOB_PATH = re.compile(r"/blobs/([0-9a-f]{64})/([0-9a-f]{16})")
# Headers of a recorded answer that describe the recording's connection, not the answer.
_NOT_REPLAYED = frozenset({"date", "server", "content-length", "content-type"})
NOT_HELD = "not in the cassette"
# Offsets are recorded to the microsecond: a poll that far short of one still sees it (Unix
# times in floats are only that precise anyway).
OFFSET_RESOLUTION = 1e-6
# No recorded body is larger (the API refuses uploads past 10 MB): past this, a request body is
# not read on.
MAX_BODY = 64 * 1024 * 1024
_UNAUTHORIZED = {
    contract.CREATE: "unauthorized_create",
    contract.EDIT: "unauthorized_create",
    contract.GET_TASK: "unauthorized_status",
    contract.UPLOAD: "unauthorized_upload",
}


class Clock(Protocol):
    def now(self) -> float: ...


class VirtualClock:
    """The replay's time: starts at ``start`` (the recording's first exchange) and runs
    ``speed`` times faster than real time; ``advance`` jumps it forward (the suite's expiry
    check moves it a day)."""

    def __init__(self, start: float, speed: float = 1.0) -> None:
        if not speed > 0:
            raise ValueError("--speed must be a positive number")
        self.speed = speed
        self._start = start
        self._began = time.monotonic()
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._start + self._offset + (time.monotonic() - self._began) * self.speed

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock never goes backwards")
        with self._lock:
            self._offset += seconds


def url_id(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:16]


Key = tuple[str | None, str, str, tuple[tuple[str, str], ...]]


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    content: bytes
    media_type: str | None


class Replay:
    """The state of one replay: which recorded answers were given, when each task began."""

    def __init__(self, cassette: Cassette, clock: Clock) -> None:
        self.cassette = cassette
        self.clock = clock
        self.upstream = cassette.upstream.rstrip("/")
        self.routes = contract_routes()
        self.creates = frozenset(create_operations())
        self._labels: dict[str, str] = {}
        self._lock = threading.Lock()
        self._exact: dict[tuple[Key, str | None], list[Recorded]] = defaultdict(list)
        self._loose: dict[Key, list[Recorded]] = defaultdict(list)
        for entry in cassette.exchanges:
            key = self._recorded_key(entry)
            body = entry.request_body
            if body is not None and body.kind == "omitted":
                self._loose[key].append(entry)
            else:
                self._exact[(key, body.sha256 if body is not None else None)].append(entry)
        self._used: dict[object, int] = defaultdict(int)
        self._tenants = sorted(
            {e.tenant for e in cassette.exchanges if e.tenant is not None},
            key=lambda t: (len(t), t),
        )
        self._started: dict[str, float] = {}
        self._secrets: set[str] = set()
        self._redactor = Redactor()
        # Image URLs outside the upstream, by the id in their /blobs/ path.
        self._blob_urls = {
            url_id(u): u for u in cassette.urls if api_path(u, self.upstream) is None
        }
        self._expiry = _result_expiry(cassette)

    # -- matching --------------------------------------------------------------------------

    def _recorded_key(self, entry: Recorded) -> Key:
        where = entry.path if entry.path is not None else (entry.url or "")
        return (entry.tenant, entry.method, where, entry.query)

    def tenant(self, value: str | None, request: Key, sha: str | None) -> str | None:
        """The recorded tenant a credential speaks as. A credential seen before keeps its
        tenant; a new one takes the first recorded tenant not yet taken that holds an answer
        to this, its first request (else the first one not yet taken, else a tenant the
        recording never saw): so a replay whose run skips a user (no webhooks) still matches
        the next ones, whatever the tokens themselves are."""
        if value is None:
            return None
        with self._lock:
            if value in self._labels:
                return self._labels[value]
            taken = set(self._labels.values())
            free = [t for t in self._tenants if t not in taken]
            _, method, where, query = request
            chosen = next(
                (t for t in free if self._left((t, method, where, query), sha)),
                free[0] if free else f"unrecorded-{len(self._labels) + 1}",
            )
            self._labels[value] = chosen
            return chosen

    def redactor(self, secrets: list[str]) -> Redactor:
        """Masks every credential seen so far, as the recording masked every one it saw."""
        with self._lock:
            if not set(secrets) <= self._secrets:
                self._secrets.update(secrets)
                self._redactor = Redactor(sorted(self._secrets))
            return self._redactor

    def _left(self, key: Key, sha: str | None) -> bool:
        exact = self._exact.get((key, sha), [])
        loose = self._loose.get(key, [])
        return self._used[(key, sha)] < len(exact) or self._used[key] < len(loose)

    def take(self, key: Key, sha: str | None) -> Recorded | None:
        """The next recorded answer to this request, if one is left."""
        with self._lock:
            return self._next((key, sha), self._exact.get((key, sha), [])) or self._next(
                key, self._loose.get(key, [])
            )

    def _next(self, slot: object, entries: list[Recorded]) -> Recorded | None:
        used = self._used[slot]
        if used >= len(entries):
            return None
        self._used[slot] = used + 1
        return entries[used]

    # -- URL rewriting ---------------------------------------------------------------------

    def outward(self, value: str, base: str) -> str:
        """A recorded URL as this server hands it out."""
        if not value.startswith(("http://", "https://")):
            return value
        relative = api_path(value, self.upstream)
        if relative is not None:
            query = urlsplit(value).query
            return f"{base}{relative}" + (f"?{query}" if query else "")
        sha = self.cassette.urls.get(value)
        if sha is not None:
            return f"{base}{BLOB_PREFIX}{sha}/{url_id(value)}"
        return value

    def inward(self, text: str, base: str) -> str:
        """A request's text with this server's URLs turned back into the recorded ones."""
        if base not in text:
            return text

        def blob(match: re.Match[str]) -> str:
            return self._blob_urls.get(match.group(2), match.group(0))

        text = re.sub(re.escape(base) + _BLOB_PATH.pattern, blob, text)
        return re.sub(re.escape(base) + r"(?=[/?#\"'\s,\]]|$)", self.upstream, text)

    def rewrite_json(self, value: Any, base: str) -> Any:
        if isinstance(value, str):
            return self.outward(value, base)
        if isinstance(value, dict):
            return {k: self.rewrite_json(v, base) for k, v in value.items()}
        if isinstance(value, list):
            return [self.rewrite_json(v, base) for v in value]
        return value

    # -- answers ---------------------------------------------------------------------------

    def render(self, entry: Recorded, base: str) -> _Answer:
        if entry.status is None:
            message = f"the recording got no answer here ({entry.transport_error})"
            return _json(502, errors.invalid_request(message, None))
        headers = {
            k: self.outward(v, base) if k == "location" else v
            for k, v in entry.response_headers.items()
            if k not in _NOT_REPLAYED
        }
        media_type = entry.response_headers.get("content-type")
        return _Answer(entry.status, headers, self.body(entry.response_body, base), media_type)

    def body(self, body: Body | None, base: str) -> bytes:
        if body is None or body.kind == "omitted":
            return b""
        if body.kind == "json":
            rewritten = self.rewrite_json(body.value, base)
            return json.dumps(rewritten, ensure_ascii=False, separators=(",", ":")).encode()
        if body.kind == "text":
            text = str(body.value).replace(self.upstream, base)
            return text.encode()
        return self.cassette.blob(str(body.value))

    def poll(self, timeline: Timeline, base: str) -> _Answer:
        now = self.clock.now()
        with self._lock:
            started = self._started.setdefault(timeline.id, now - timeline.polls[0].offset)
        elapsed = now - started
        chosen = timeline.polls[0]
        for poll in timeline.polls:
            if poll.offset <= elapsed + OFFSET_RESOLUTION:
                chosen = poll
        entry = self.cassette.exchanges[chosen.exchange]
        answer = self.render(entry, base)
        content = json.dumps(
            self.rewrite_json(chosen.body, base), ensure_ascii=False, separators=(",", ":")
        ).encode()
        return _Answer(200, answer.headers, content, answer.media_type)

    def created(self, entry: Recorded) -> None:
        """A recorded create was answered: its task's timeline starts now."""
        body = entry.response_body
        value = body.value if body is not None and body.kind == "json" else None
        if entry.operation in self.creates and isinstance(value, dict):
            task_id = value.get("id")
            if isinstance(task_id, str) and task_id in self.cassette.tasks:
                with self._lock:
                    self._started.setdefault(task_id, self.clock.now())

    def image(self, url: str) -> _Answer | None:
        """The stored image behind a recorded result or upload URL, unless it has expired."""
        sha = self.cassette.urls.get(url)
        if sha is None:
            return None
        expires_at = self._expiry.get(url)
        if expires_at is not None and self.clock.now() >= expires_at:
            return _json(404, errors.FILE_NOT_FOUND)
        return _Answer(200, {}, self.cassette.blob(sha), self.cassette.blobs.get(sha))

    async def handle(self, request: Request) -> Response:
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    message = f"a body over {MAX_BODY} bytes is {NOT_HELD}"
                    answer = _json(413, errors.invalid_request(message, None))
                    answer.headers["connection"] = "close"
                    return _response(answer)
                chunks.append(chunk)
        except ClientDisconnect:
            return Response(status_code=400)
        return _response(self.answer(request, b"".join(chunks)))

    def answer(self, request: Request, raw: bytes) -> _Answer:
        base = _bound_url(request)
        method, path = request.method.upper(), _raw_path(request)
        headers = dict(request.headers)
        matched = self.routes.match(method, path)
        operation = matched[0] if matched else None
        redactor = self.redactor(secrets_of(headers, request.url.query))
        query = tuple(masked_query(self.inward(request.url.query, base), redactor))
        content_type = headers.get("content-type", "")
        where = redactor.text(path)
        original = f"{self.upstream}{path}" + (f"?{request.url.query}" if request.url.query else "")
        blob = _BLOB_PATH.fullmatch(path)
        if blob is not None:  # an image URL outside the upstream, as recorded
            if blob.group(2) not in self._blob_urls:
                return _json(404, _not_found(f"{path}: {NOT_HELD}"))
            original = self._blob_urls[blob.group(2)]
            where = original.split("?")[0]
            query = tuple(masked_query(urlsplit(original).query, redactor))
        sha = None
        if raw:
            try:
                inward = self.inward(raw.decode("utf-8"), base).encode()
            except UnicodeDecodeError:
                inward = raw
            sha = fingerprint(masked_body(inward, content_type, redactor), content_type)
        tenant = self.tenant(credential(headers), (None, method, where, query), sha)
        if matched is not None and operation == STATUS_OPERATION:
            timeline = self.cassette.tasks.get(task_id_of(matched[1]))
            if timeline is not None and timeline.polls and tenant == timeline.tenant:
                return self.poll(timeline, base)
        entry = self.take((tenant, method, where, query), sha)
        if entry is None and tenant is not None and operation is None:
            entry = self.take((None, method, where, query), sha)  # files need no credentials
        if entry is not None:
            self.created(entry)
            return self.render(entry, base)
        if method == "GET":
            image = self.image(original)
            if image is not None:
                return image
        if operation is not None and tenant is None:
            return _json(401, errors.body(_UNAUTHORIZED.get(operation, "unauthorized_status")))
        if operation == STATUS_OPERATION:
            return _json(404, errors.body("not_found"))
        message = f"{method} {path}: this request is {NOT_HELD} (replayed from a recording)"
        if operation == contract.UPLOAD:
            return _json(400, errors.upload_error(message))
        if operation is None and method == "GET":
            return _json(404, _not_found(message))
        return _json(400, errors.invalid_request(message, None))


def _response(answer: _Answer) -> Response:
    return Response(
        answer.content, answer.status, headers=answer.headers, media_type=answer.media_type
    )


def _raw_path(request: Request) -> str:
    """The path as sent (percent-encoding kept), as the recording has it."""
    raw = request.scope.get("raw_path")
    return raw.decode("latin-1").split("?")[0] if isinstance(raw, bytes) else request.url.path


def _not_found(message: str) -> dict[str, Any]:
    return {"error": {**errors.FILE_NOT_FOUND["error"], "message": message}}


def _json(status: int, body: Any) -> _Answer:
    return _Answer(status, {}, json.dumps(body).encode(), "application/json")


def _result_expiry(cassette: Cassette) -> dict[str, float]:
    """Each result URL of a recorded task, with the task's ``expires_at``."""
    expiry: dict[str, float] = {}
    for timeline in cassette.tasks.values():
        for poll in timeline.polls:
            body = poll.body
            if not isinstance(body, dict) or not isinstance(body.get("expires_at"), int | float):
                continue
            result = body.get("result")
            data = result.get("data") if isinstance(result, dict) else None
            for item in data if isinstance(data, list) else ():
                url = item.get("url") if isinstance(item, dict) else None
                if isinstance(url, str):
                    expiry[url] = float(body["expires_at"])
    return expiry


def create_replay_app(cassette: Cassette, clock: Clock) -> Starlette:
    replay = Replay(cassette, clock)
    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    app = Starlette(routes=[Route("/{path:path}", replay.handle, methods=methods)])
    app.state.replay = replay
    return app


@dataclass(frozen=True)
class RunningReplay:
    base_url: str
    replay: Replay


@contextmanager
def replay_in_thread(
    cassette: Cassette, clock: Clock, host: str = "127.0.0.1", port: int = 0
) -> Iterator[RunningReplay]:
    """Serve ``cassette`` on ``host:port`` (0: a free port) until the ``with`` block ends."""
    import uvicorn

    from mock_server.server import bind_socket, serve_in_thread, uvicorn_options

    app = create_replay_app(cassette, clock)
    sock = bind_socket(host, port)
    base_url = f"http://{host}:{sock.getsockname()[1]}"
    config = uvicorn.Config(app, log_level="error", access_log=False, **uvicorn_options())
    with serve_in_thread(config, sock, f"toapis-mock-replay:{sock.getsockname()[1]}"):
        yield RunningReplay(base_url, app.state.replay)


def describe(cassette: Cassette) -> Mapping[str, int]:
    return {"exchanges": len(cassette.exchanges), "tasks": len(cassette.tasks)}


def serve(args: Any) -> int:
    """``toapis-mock --replay DIR``: exit 2 (one line) for a cassette that cannot be read or a
    bad ``--speed``, 4 when the address cannot be bound, 0 on Ctrl-C."""
    import errno
    import sys

    import uvicorn

    from conformance.cassette import CassetteError
    from mock_server.server import bind_socket, uvicorn_options

    mock_only = [
        flag
        for flag, value in (
            ("--defect", args.defect),
            ("--variant", args.variant),
            ("--fault", args.fault),
            ("--state-dir", args.state_dir),
            ("--rate-limits", args.rate_limits),
            ("--webhook", args.webhook or args.webhook_config),
            ("--task-duration", args.task_duration),
            ("--step-per-poll", args.step_per_poll),
            ("--failure-rate", args.failure_rate),
        )
        if value
    ]
    if mock_only:
        print(
            f"toapis-mock: --replay serves the recording as it was: {', '.join(mock_only)} "
            "only apply to the mock",
            file=sys.stderr,
        )
        return 2
    if not args.speed > 0:
        print(f"toapis-mock: --speed must be positive, not {args.speed:g}", file=sys.stderr)
        return 2
    try:
        cassette = Cassette.load(args.replay)
    except CassetteError as exc:
        print(f"toapis-mock: --replay: {exc}", file=sys.stderr)
        return 2
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc})"
        print(f"toapis-mock: port {args.port} on {args.host} {reason}", file=sys.stderr)
        return 4
    host = f"[{args.host}]" if ":" in args.host else args.host
    counts = describe(cassette)
    print(
        f"toapis-mock replaying {args.replay} ({counts['exchanges']} exchanges, "
        f"{counts['tasks']} tasks, speed {args.speed:g}x) on "
        f"http://{host}:{sock.getsockname()[1]}",
        file=sys.stderr,
    )
    clock = VirtualClock(cassette.recorded_at, args.speed)
    server = uvicorn.Server(
        uvicorn.Config(
            create_replay_app(cassette, clock),
            log_level=args.log_level,
            access_log=args.log_level == "debug",
            **uvicorn_options(args.header_timeout, args.limit_concurrency),
        )
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0 if server.started else 1
