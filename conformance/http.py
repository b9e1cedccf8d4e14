"""The one HTTP layer every behaviour check uses.

It records every exchange (for evidence and for checks that look at the whole run, such as 429
handling), paces requests to the user's ``--max-rps``, honours ``Retry-After``, and turns transport
failures (timeouts, resets, refused connections) into recorded exchanges instead of exceptions, so a
misbehaving server fails checks rather than crashing the suite.

``SendGuard`` is the one gate every request of a run passes before it is sent, whoever built it
(``ApiClient`` here, Schemathesis in ``conformance.schema_layer``): it tells a billable create (or
an upload) by its path relative to the base URL's path (``http://gateway/api`` +
``/v1/images/generations``), for every billable create operation of the contract, and refuses
without sending one that ``--read-only`` forbids, one for a model not selected (``--model``) or
not described by the contract, and one whose worst case the budget cannot cover.
"""

from __future__ import annotations

import ipaddress
import json
import math
import posixpath
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from conformance.budget import Budget, body_cost, operation_models, read_create_body
from conformance.control import RunControl
from conformance.verdicts import Exchange, NotRun, RecordedRequest, RecordedResponse
from toapis.envelopes import parse_retry_after
from toapis_spec import create_operations, operation
from toapis_spec import models as contract_models

CREATE_PATH = operation("createImageGeneration").path
STATUS_PATH = operation("getImageGenerationTask").path
UPLOAD_PATH = operation("uploadImage").path
USER_AGENT = "toapis-conformance/0.1"
MAX_BODY_KEPT = 64 * 1024


class Pacer:
    """Never more than ``max_rps`` requests in any one-second window, across every client and
    thread sharing it.

    Grants are handed out one at a time (the lock is held while waiting, so their order and times
    are real): each is at least ``1/max_rps`` after the previous one, and at most
    ``floor(max_rps)`` (at least 1) fall within any window of one second plus ``MARGIN``. The
    margin absorbs the time between a grant and the request's bytes leaving this process, so the
    bound holds where the server counts, not only where the suite does; it costs about 5% of the
    rate."""

    MARGIN = 0.05

    def __init__(self, max_rps: float | None) -> None:
        self.max_rps = max_rps
        self.interval = 1.0 / max_rps if max_rps else 0.0
        self._per_window = max(1, math.floor(max_rps)) if max_rps else 0
        self._grants: deque[float] = deque()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def stop(self) -> None:
        """The run stopped (Ctrl-C): every waiter returns at once (the caller's
        ``RunControl.check()`` then refuses to send)."""
        self._stopped.set()

    def wait(self) -> None:
        if not self.interval or self._stopped.is_set():
            return
        window = 1.0 + self.MARGIN
        with self._lock:
            while True:
                now = time.monotonic()
                while self._grants and self._grants[0] <= now - window:
                    self._grants.popleft()
                earliest = now
                if self._grants:
                    earliest = max(earliest, self._grants[-1] + self.interval)
                if len(self._grants) >= self._per_window:
                    earliest = max(earliest, self._grants[0] + window)
                if earliest <= now:
                    self._grants.append(now)
                    return
                if self._stopped.wait(earliest - now):
                    return


JournalListener = Callable[[Exchange, "str | None"], None]


class Journal:
    """Every exchange of the run, in order (thread-safe).

    ``source`` names who sent an exchange (a probe); listeners (the progress display) see each
    exchange as it is added. Read ``snapshot()`` rather than ``exchanges`` while others write."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self.listeners: list[JournalListener] = []
        self._lock = threading.Lock()

    def add(self, exchange: Exchange, source: str | None = None) -> None:
        with self._lock:
            self.exchanges.append(exchange)
        for listener in list(self.listeners):
            listener(exchange, source)

    def snapshot(self) -> list[Exchange]:
        with self._lock:
            return list(self.exchanges)


class ProbeJournal(Journal):
    """One probe's own exchanges, each also added to the run's journal under the probe's name."""

    def __init__(self, parent: Journal, source: str) -> None:
        super().__init__()
        self.parent = parent
        self.source = source

    def add(self, exchange: Exchange, source: str | None = None) -> None:
        super().add(exchange, source or self.source)
        self.parent.add(exchange, source or self.source)


class ReadOnlyRefused(NotRun):
    """``--read-only``: a create or an upload was about to be sent; nothing was."""


class ModelRefused(NotRun):
    """A create request for a model not selected (``--model``) or one the contract does not
    describe was about to be sent; nothing was. ``kind`` is "unselected" or "unknown"."""

    def __init__(self, model: str, kind: str) -> None:
        what = (
            "a model not selected (--model)"
            if kind == "unselected"
            else "a model the contract does not describe"
        )
        super().__init__(f"a create request for {what} ({model[:40]!r}) was not sent")
        self.model = model
        self.kind = kind


# The one create request naming a model the contract does not describe that the suite sends on
# purpose (``validation-rejects-unknown-model``, conformance.probes.reach.unknown_model_name): a
# name no server can have. Every other unknown model is refused.
DELIBERATE_UNKNOWN_MODEL = re.compile(r"toapis-conformance-no-such-model--?\d+-[0-9a-f]{12}")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _normal_path(path: str) -> str:
    """A request path as a lenient server or gateway may route it: percent-decoded, repeated
    and trailing slashes and dot segments removed, case folded."""
    for _ in range(3):  # a gateway may decode once more than the server
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    path = posixpath.normpath("/" + re.sub(r"/+", "/", path))
    return path.rstrip("/").casefold() or "/"


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def api_path(url: str, base_url: str) -> str | None:
    """The path of ``url`` relative to ``base_url``'s path (``/v1/images/generations`` for
    ``http://h/api/v1/images/generations`` under ``http://h/api``), or ``None`` when ``url`` is
    not under ``base_url``."""
    if _origin(url) != _origin(base_url):
        return None
    base = urlsplit(base_url).path.rstrip("/")
    path = urlsplit(url).path
    if base and not (path == base or path.startswith(base + "/")):
        return None
    return path[len(base) :] or "/"


class SendGuard:
    """The one gate every request of a run passes before it is sent (see the module doc).

    A request is a billable create when its method is not a safe one (a lenient server may
    create on PUT too) and its path, relative to the base URL's path, is the path of one of the
    contract's billable create operations (``toapis_spec.create_operations``); normalised as a
    lenient router may (``/V1//images/generations/``), and also when the path merely ends with
    one (a route outside the base path that a gateway still serves). Each such request is
    charged its worst case at send time, every attempt, and nothing is released.
    """

    def __init__(
        self,
        base_url: str,
        budget: Budget,
        *,
        models: Iterable[str] | None = None,
        read_only: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.budget = budget
        self.creates = {_normal_path(op.path): op_id for op_id, op in create_operations().items()}
        # None: every model the contract describes (the suite's own runs always pass --model).
        self.models = frozenset(
            models
            if models is not None
            else (m for op_id in self.creates.values() for m in operation_models(op_id))
        )
        self.read_only = read_only
        self.upload = _normal_path(UPLOAD_PATH)

    def with_budget(self, budget: Budget) -> SendGuard:
        """This guard, charging ``budget`` instead (a share of the run's budget)."""
        clone = SendGuard.__new__(SendGuard)
        clone.__dict__.update(self.__dict__)
        clone.budget = budget
        return clone

    def create_operation(self, method: str, url: str) -> str | None:
        """The billable create operation a request to ``url`` may be, or ``None``."""
        if method.upper() in _SAFE_METHODS:
            return None
        relative = api_path(url, self.base_url)
        path = _normal_path(relative if relative is not None else urlsplit(url).path)
        if path in self.creates:
            return self.creates[path]
        full = _normal_path(urlsplit(url).path)
        return next((op for p, op in self.creates.items() if full.endswith(p)), None)

    def is_upload(self, method: str, url: str) -> bool:
        relative = api_path(url, self.base_url)
        path = _normal_path(relative if relative is not None else urlsplit(url).path)
        return method.upper() not in _SAFE_METHODS and (
            path == self.upload or _normal_path(urlsplit(url).path).endswith(self.upload)
        )

    def models_sent(self, exchanges: Iterable[Exchange]) -> tuple[str, ...]:
        """The selected models the create requests among ``exchanges`` named, in the order
        first sent. A body naming none, or a deliberately unknown model, is no model's; nor is
        a create refused for its credentials (401, 403): what it judged was the key."""
        found: dict[str, None] = {}
        for exchange in exchanges:
            request = exchange.request
            op_id = self.create_operation(request.method, request.url)
            if op_id is None or (exchange.response and exchange.response.status in (401, 403)):
                continue
            content_type = next(
                (v for k, v in request.headers.items() if k.lower() == "content-type"), ""
            )
            asked = read_create_body(request.body, content_type, op_id)
            if asked.named:  # a body naming no model is no model's either
                found.update(dict.fromkeys(m for m in asked.models if m in self.models))
        return tuple(found)

    def admit(self, method: str, url: str, body: Any, content_type: str = "") -> int:
        """Let one request go, or raise (nothing sent): ``ReadOnlyRefused``, ``ModelRefused``,
        ``BudgetExhausted``. Returns the images charged (0 for anything but a create)."""
        op_id = self.create_operation(method, url)
        if op_id is None:
            if self.read_only and self.is_upload(method, url):
                raise ReadOnlyRefused("--read-only: sends an upload")
            return 0
        if self.read_only:
            raise ReadOnlyRefused("--read-only: sends a create request")
        asked = read_create_body(body, content_type, op_id)
        described = operation_models(op_id)
        for model in asked.models:
            if model not in described:
                if not DELIBERATE_UNKNOWN_MODEL.fullmatch(model):
                    raise ModelRefused(model, "unknown")
            elif model not in self.models:
                raise ModelRefused(model, "unselected")
        cost = body_cost(asked, op_id)
        # The enforcement point of the budget: raises BudgetExhausted and nothing is sent.
        self.budget.charge(cost)
        return cost


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine: ``localhost`` or a loopback address (127.0.0.0/8, ::1).

    A host name that merely starts with "127." (``127.example.com``) can resolve anywhere, so
    only literal addresses count: this decides whether creates may be sent without --budget."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _summarise_body(body: bytes | None, content_type: str) -> str | None:
    if body is None:
        return None
    if content_type.startswith("multipart/"):
        return None  # set by the caller, who knows the fields
    if len(body) > MAX_BODY_KEPT:
        return f"{len(body)} bytes"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return f"{len(body)} bytes of binary data"
    return None


class ApiClient:
    """A client of one tenant (one token) of the server under test."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        budget: Budget,
        pacer: Pacer,
        journal: Journal,
        timeout: float = 30.0,
        max_retry_after: float = 60.0,
        retries_on_429: int = 2,
        transport: httpx.BaseTransport | None = None,
        control: RunControl | None = None,
        read_only: bool = False,
        models: Iterable[str] | None = None,
        guard: SendGuard | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.control = control or RunControl()
        # Every request passes the run's one guard (budget, --model, --read-only) before it is
        # sent; without one given, a guard of this client's own.
        self.guard = guard or SendGuard(base_url, budget, models=models, read_only=read_only)
        self.read_only = self.guard.read_only
        self.token = token
        self.budget = self.guard.budget
        self.pacer = pacer
        self.journal = journal
        self.max_retry_after = max_retry_after
        self.retries_on_429 = retries_on_429
        self._http = httpx.Client(
            timeout=timeout, follow_redirects=False, transport=transport, trust_env=False
        )

    def close(self) -> None:
        self._http.close()

    def with_token(self, token: str | None) -> ApiClient:
        """A client sharing this one's budget, pacing and journal but speaking as another key."""
        clone = ApiClient.__new__(ApiClient)
        clone.__dict__.update(self.__dict__)
        clone.token = token
        return clone

    def with_journal(self, journal: Journal) -> ApiClient:
        """A client sharing everything with this one but recording into ``journal``."""
        clone = ApiClient.__new__(ApiClient)
        clone.__dict__.update(self.__dict__)
        clone.journal = journal
        return clone

    # -- the operations of the contract ------------------------------------------------------

    def create(self, body: Any, *, token: str | bool | None = True, **kw: Any) -> Exchange:
        """POST ``body`` to the create operation serving its model (``/v1/images/edits`` for
        the editing models); a body naming no model of the contract goes to the first one."""
        model = body.get("model") if isinstance(body, dict) else None
        info = contract_models().get(model) if isinstance(model, str) else None
        path = info.path if info is not None else CREATE_PATH
        return self.request("POST", path, json_body=body, token=token, **kw)

    def get_task(self, task_id: str, *, token: str | bool | None = True, **kw: Any) -> Exchange:
        from urllib.parse import quote

        path = STATUS_PATH.replace("{task_id}", quote(task_id, safe=""))
        return self.request("GET", path, token=token, **kw)

    def upload(
        self,
        content: bytes,
        *,
        filename: str = "image.png",
        content_type: str = "image/png",
        token: str | bool | None = True,
        **kw: Any,
    ) -> Exchange:
        files = {"file": (filename, content, content_type)}
        return self.request("POST", UPLOAD_PATH, files=files, token=token, **kw)

    def fetch(self, url: str) -> Exchange:
        """GET a public URL (a result or an upload) without the API key: it must not leak."""
        # Redirects are followed: a result URL may answer 302 to a CDN (nothing forbids it).
        return self.request("GET", url, token=False, absolute=True, follow_redirects=True)

    # -- the single send path ---------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        token: str | bool | None = True,
        absolute: bool = False,
        retry_429: bool = True,
        follow_redirects: bool = False,
    ) -> Exchange:
        url = path if absolute else self.base_url + path
        send_headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        bearer = self.token if token is True else (None if token is False else token)
        if bearer is not None:
            send_headers["Authorization"] = f"Bearer {bearer}"
        if json_body is not None:
            content = json.dumps(json_body, ensure_ascii=False).encode()
            send_headers["Content-Type"] = "application/json"
        send_headers.update(headers or {})
        content_type = next((v for k, v in send_headers.items() if k.lower() == "content-type"), "")
        if files is not None:
            content_type = "multipart/form-data"  # a file field, never a model or an n
        attempts = 0
        while True:
            self.control.check()  # --max-time: no new request once the run deadline has passed
            # Every attempt (a resent create may bill too): raises and nothing is sent.
            self.guard.admit(method, url, content, content_type)
            exchange = self._send_once(
                method, url, send_headers, content, files, follow_redirects=follow_redirects
            )
            self.journal.add(exchange)
            response = exchange.response
            if not (retry_429 and response is not None and response.status == 429):
                return exchange
            delay = parse_retry_after(response.headers)
            if attempts >= self.retries_on_429 or delay is None or delay > self.max_retry_after:
                return exchange
            attempts += 1
            self.control.sleep(delay)

    def _send_once(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        content: bytes | None,
        files: Mapping[str, tuple[str, bytes, str]] | None,
        *,
        follow_redirects: bool = False,
    ) -> Exchange:
        self.pacer.wait()
        self.control.check()  # the pacer may have waited past the run deadline
        summary = _summarise_body(content, headers.get("Content-Type", ""))
        started = time.monotonic()
        try:
            request = self._http.build_request(
                method, url, headers=headers, content=content, files=files
            )
            body = content
            if files is not None:
                body = None
                summary = "multipart:" + ",".join(
                    f"{name}=@{fname};type={ctype}" for name, (fname, _, ctype) in files.items()
                )
            recorded = RecordedRequest(
                method, str(request.url), dict(request.headers), body, summary
            )
            response = self._http.send(request, follow_redirects=follow_redirects)
            raw = response.read()
        except httpx.HTTPError as exc:
            recorded = RecordedRequest(method, url, dict(headers), content, summary)
            kind = type(exc).__name__
            return Exchange(recorded, None, f"{kind}: {exc}" if str(exc) else kind)
        return Exchange(
            recorded,
            RecordedResponse(
                response.status_code,
                {k.lower(): v for k, v in response.headers.items()},
                raw,
                time.monotonic() - started,
            ),
        )
