"""Recordings ("cassettes") of real traffic, that ``toapis-mock --replay DIR`` serves again.

``toapis-proxy --record DIR`` feeds a ``CassetteWriter`` every exchange that passes through it and
every image it fetched; ``Cassette.load(DIR)`` reads it back (``mock_server.replay`` serves it).

The format (version 1): a directory holding

- ``cassette.json``, the index, written once, atomically, when the recording ends::

    {
      "format": "toapis-cassette", "version": 1,
      "upstream": "http://127.0.0.1:4010",      # the base URL the traffic went to
      "recorded_at": 1764800000.25,             # Unix time of the first exchange
      "exchanges": [{
        "seq": 0,                               # arrival order
        "started": 0.0, "duration": 0.004,      # seconds since recorded_at; seconds it took
        "tenant": "tenant-1",                   # who sent it (see below); null: no credentials
        "operation": "createImageGeneration",   # the contract's operationId; null: none
        "method": "POST",
        "path": "/v1/images/generations",       # relative to the upstream's path; null when the
        "url": null,                            #   URL is not under the upstream (then: url)
        "query": [["name", "value"]],
        "request": {"headers": {...}, "body": BODY | null},
        "response": {"status": 200, "headers": {...}, "body": BODY | null} | null,
        "transport_error": null                 # "ReadTimeout: ..." when no response came
      }],
      "tasks": [{                               # each task a create answered, its timeline
        "id": "task_01...", "model": "gpt-4o-image", "operation": "createImageGeneration",
        "tenant": "tenant-1", "create": 0,      # the create's seq
        "request": {...},                       # the create body (JSON)
        "polls": [{"exchange": 3, "offset": 0.52, "status": "in_progress", "progress": 40,
                   "body": {...}}]              # offset: seconds since the create was sent
      }],
      "urls": {"http://.../result.png": "<sha256>"},   # result and upload URLs -> stored bytes
      "blobs": {"<sha256>": {"content_type": "image/png", "size": 1234}}
    }

  where ``BODY`` is ``{"json": VALUE, "sha256": ...}`` (a JSON body), ``{"text": "...", "sha256":
  ...}`` (other UTF-8 text), ``{"blob": "<sha256>", "content_type": ..., "size": ..., "sha256":
  ...}`` (binary: the bytes are in ``blobs/``) or ``{"omitted": "<summary>"}`` (the recorder
  never had the bytes, e.g. a multipart upload the suite summarised). A request body's
  ``sha256`` is its fingerprint: the digest of the bytes sent, after the masking below and with a
  multipart boundary replaced by a fixed one; the replay matches a request by it.
- ``blobs/<sha256>``: binary bodies and the images behind result and upload URLs (real result URLs
  expire, so the images are kept here), named by the SHA-256 of their bytes.

Credentials never reach the directory: the ``Authorization``, ``Proxy-Authorization``,
``X-Api-Key``, ``Cookie`` and ``Set-Cookie`` headers are dropped (and ``Host``, the recorder's
address); a query parameter or JSON body member whose name says key, token, secret or password has
its value replaced by ``[REDACTED]``; every token seen in those places (and every secret given to
the writer, such as a webhook signing secret) is masked wherever else it appears: paths, queries,
headers, bodies (``conformance.redact``). Instead of a token,
an exchange names its tenant: ``tenant-1`` is the first credential seen, ``tenant-2`` the second,
so a replay can still tell one user's requests from another's. Image bytes are stored as sent.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from conformance.http import api_path
from conformance.redact import MASK, Redactor
from conformance.verdicts import Exchange
from toapis_spec import create_operations, operations

FORMAT = "toapis-cassette"
VERSION = 1
INDEX = "cassette.json"
BLOBS = "blobs"
STATUS_OPERATION = "getImageGenerationTask"
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"}
)
# Headers that describe one connection or one encoding of the body, not the exchange.
HOP_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "content-length",
        "content-encoding",
        "te",
        "trailer",
        "upgrade",
        "proxy-connection",
        "host",
    }
)
_SECRET_NAME = re.compile(r"(?i)^(?:.*[_-])?(?:api[_-]?key|key|token|secret|password|passwd)$")
_BOUNDARY = re.compile(r'(?i)boundary="?([^";]+)"?')
_FIRST_BOUNDARY = re.compile(rb"--([0-9A-Za-z'()+_,./:=?-]{1,70})\r\n")
FIXED_BOUNDARY = b"toapis-cassette-boundary"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class CassetteError(Exception):
    """A cassette that cannot be read or written; the message is one line, for the user."""


def is_secret_name(name: str) -> bool:
    """Whether a query parameter or body member of this name holds a credential."""
    return bool(_SECRET_NAME.match(name))


def mask_json(value: Any) -> Any:
    """``value`` with every member named like a credential (``is_secret_name``) masked."""
    if isinstance(value, dict):
        return {
            k: (MASK if is_secret_name(k) and v is not None else mask_json(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_json(v) for v in value]
    return value


def credential(headers: Mapping[str, str]) -> str | None:
    """The credential a request carries (its Authorization or X-Api-Key value), or ``None``."""
    lowered = {k.lower(): v for k, v in headers.items()}
    return lowered.get("authorization") or lowered.get("x-api-key")


def secrets_of(headers: Mapping[str, str], query: str) -> list[str]:
    """The secrets a request shows: its credential header values (the token after a scheme
    such as ``Bearer`` too) and the values of query parameters named like a credential."""
    found: list[str] = []
    for name, value in headers.items():
        if name.lower() in CREDENTIAL_HEADERS - {"set-cookie"} and value:
            found.append(value)
            _, _, token = value.partition(" ")
            if token.strip():
                found.append(token.strip())
    found += [v for k, v in parse_qsl(query, keep_blank_values=True) if is_secret_name(k) and v]
    return [s for s in found if len(s) >= 4]  # shorter ones would mask ordinary words


class Tenants:
    """Names credentials by order of first appearance (``tenant-1``, ``tenant-2`` ...), so that
    a recording never holds one and a replay still tells one user from another (thread-safe)."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}
        self._lock = threading.Lock()

    def label(self, value: str | None) -> str | None:
        if value is None:
            return None
        with self._lock:
            if value not in self._labels:
                self._labels[value] = f"tenant-{len(self._labels) + 1}"
            return self._labels[value]


def _mask_bytes(content: bytes, redactor: Redactor) -> bytes:
    for secret in sorted(redactor.secrets, key=len, reverse=True):
        content = content.replace(secret.encode(), MASK.encode())
    return content


def fingerprint(content: bytes, content_type: str) -> str:
    """The SHA-256 a request body is matched by: its bytes (already masked), with a multipart
    boundary (random per request) replaced by a fixed one, whether the Content-Type names it
    or only the body's first line shows it (a multipart body sent under another type)."""
    match = _BOUNDARY.search(content_type)
    boundary = match.group(1).encode() if match else None
    first = _FIRST_BOUNDARY.match(content)
    if boundary is None and first is not None:
        boundary = first.group(1)
    if boundary:
        content = content.replace(boundary, FIXED_BOUNDARY)
    return hashlib.sha256(content).hexdigest()


def masked_body(content: bytes, content_type: str, redactor: Redactor) -> bytes:
    """A request or response body as a cassette keeps it: credential-named JSON members
    masked, known secrets masked wherever they stand."""
    content = _mask_bytes(content, redactor) if redactor.secrets else content
    parsed = _json(content)
    if isinstance(parsed, dict | list) and mask_json(parsed) != parsed:
        return json.dumps(mask_json(parsed), ensure_ascii=False, separators=(",", ":")).encode()
    return content


def masked_query(query: str, redactor: Redactor) -> list[tuple[str, str]]:
    return [
        (k, MASK if is_secret_name(k) and v else redactor.text(v))
        for k, v in parse_qsl(query, keep_blank_values=True)
    ]


def _json(content: bytes) -> Any:
    """``content`` as JSON (an object or an array), or ``None``."""
    if content.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        value = json.loads(content)
    except ValueError:
        return None
    return value if isinstance(value, dict | list) else None


def _content_type(headers: Mapping[str, str]) -> str:
    return next((v for k, v in headers.items() if k.lower() == "content-type"), "")


@dataclass(frozen=True)
class Route:
    """The contract's operations by method and path template (``{task_id}`` matches one
    segment), to tell which operation a recorded or replayed request is."""

    patterns: tuple[tuple[str, re.Pattern[str], str], ...]

    @classmethod
    def of_contract(cls) -> Route:
        found = []
        for op_id, op in operations().items():
            regex = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.path))
            found.append((op.method, re.compile(f"^{regex}$"), op_id))
        # Literal paths before templated ones (/v1/images/edits is not a task id).
        found.sort(key=lambda entry: entry[1].pattern.count("(?P<"))
        return cls(tuple(found))

    def match(self, method: str, path: str) -> tuple[str, dict[str, str]] | None:
        for verb, pattern, op_id in self.patterns:
            matched = pattern.match(path)
            if matched and verb == method.upper():
                return op_id, matched.groupdict()
        return None


class CassetteWriter:
    """Records exchanges and images into ``directory`` (see the module doc); thread-safe.

    ``upstream`` is the base URL the traffic goes to (paths are kept relative to it);
    ``secrets`` are further strings to mask (a webhook signing secret); ``listen`` the address
    the requests were sent to when that is not the upstream (a proxy's own: their paths are
    then the paths relative to the upstream; without it, an address is taken for one when a
    request to it names an operation of the contract). Images are written as they come
    (``blobs/``); the index once, at ``close()``, atomically, when every credential the
    recording saw is known and can be masked everywhere (paths, queries, bodies, headers)."""

    def __init__(
        self,
        directory: Path,
        upstream: str,
        *,
        secrets: Iterable[str] = (),
        listen: str | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.upstream = upstream.rstrip("/")
        # Where the application sent its requests when that is not the upstream (a proxy's own
        # address): their paths are the paths relative to the upstream. Without it, an origin
        # is taken for one when a request to it names an operation of the contract.
        self._listening = {_origin_of(listen)} if listen else set()
        self._secrets = [s for s in secrets if s]
        self._exchanges: list[tuple[float, Exchange]] = []
        self._urls: dict[str, str] = {}
        self._blobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._closed = False
        try:
            (self.directory / BLOBS).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CassetteError(f"cannot write a cassette in {self.directory}: {exc}") from None

    def record(self, exchange: Exchange, *, started: float) -> None:
        """One exchange; ``started`` is the Unix time its request arrived."""
        with self._lock:
            if self._closed:
                raise CassetteError("this cassette is closed")
            self._exchanges.append((started, exchange))

    def record_blob(self, url: str, content: bytes, content_type: str) -> None:
        """The bytes ``url`` (a result or an upload URL) served: kept, since the URL expires."""
        sha = self._write_blob(content, content_type)
        with self._lock:
            self._urls[url] = sha

    def _write_blob(self, content: bytes, content_type: str) -> str:
        sha = hashlib.sha256(content).hexdigest()
        path = self.directory / BLOBS / sha
        with self._lock:
            known = sha in self._blobs
            self._blobs[sha] = {"content_type": content_type or None, "size": len(content)}
        if not known and not path.exists():
            _atomic_write(path, content)
        return sha

    def __enter__(self) -> CassetteWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Write the index (once; later calls do nothing)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            recorded = sorted(enumerate(self._exchanges), key=lambda e: (e[1][0], e[0]))
        secrets = list(self._secrets)
        for _, (_, exchange) in recorded:
            request = exchange.request
            secrets += secrets_of(request.headers, urlsplit(request.url).query)
        redactor = Redactor(secrets)
        tenants = Tenants()
        route = contract_routes()
        for _, (_, exchange) in recorded:
            url = exchange.request.url
            if api_path(url, self.upstream) is None and route.match(
                exchange.request.method, urlsplit(url).path
            ):
                self._listening.add(_origin_of(url))
        origin = recorded[0][1][0] if recorded else 0.0
        entries = [
            self._entry(seq, started - origin, exchange, redactor, tenants, route)
            for seq, (_, (started, exchange)) in enumerate(recorded)
        ]
        index = {
            "format": FORMAT,
            "version": VERSION,
            "upstream": redactor.text(self.upstream),
            "recorded_at": origin,
            "exchanges": entries,
            "tasks": _timelines(entries),
            "urls": {redactor.text(u): sha for u, sha in sorted(self._urls.items())},
            "blobs": dict(sorted(self._blobs.items())),
        }
        text = json.dumps(index, ensure_ascii=False, indent=1)
        _atomic_write(self.directory / INDEX, text.encode())

    def _entry(
        self,
        seq: int,
        started: float,
        exchange: Exchange,
        redactor: Redactor,
        tenants: Tenants,
        route: Route,
    ) -> dict[str, Any]:
        request, response = exchange.request, exchange.response
        parts = urlsplit(request.url)
        path = api_path(request.url, self.upstream)
        if path is None and _origin_of(request.url) in self._listening:
            path = parts.path or "/"
        matched = route.match(request.method, path) if path is not None else None
        entry: dict[str, Any] = {
            "seq": seq,
            "started": round(started, 6),
            "duration": round(response.elapsed, 6) if response is not None else None,
            "tenant": tenants.label(credential(request.headers)),
            "operation": matched[0] if matched else None,
            "method": request.method.upper(),
            "path": redactor.text(path) if path is not None else None,
            "url": None if path is not None else redactor.text(request.url.split("?")[0]),
            "query": masked_query(parts.query, redactor),
            "request": {
                "headers": _headers(request.headers, redactor),
                "body": self._body(
                    request.body,
                    _content_type(request.headers),
                    redactor,
                    summary=request.body_summary,
                ),
            },
            "response": None,
            "transport_error": (
                redactor.text(exchange.transport_error) if exchange.transport_error else None
            ),
        }
        if response is not None:
            content_type = response.headers.get("content-type", "")
            body = self._body(response.body, content_type, redactor)
            entry["response"] = {
                "status": response.status,
                "headers": _headers(response.headers, redactor),
                "body": body,
            }
            if (
                request.method.upper() == "GET"
                and response.status == 200
                and body is not None
                and "blob" in body
            ):
                # The image a result or upload URL served, by the URL the upstream handed out.
                url = request.url if path is None else self.upstream + path
                url += f"?{parts.query}" if path is not None and parts.query else ""
                with self._lock:
                    self._urls.setdefault(url, body["blob"])
        return entry

    def _body(
        self,
        content: bytes | None,
        content_type: str,
        redactor: Redactor,
        *,
        summary: str | None = None,
    ) -> dict[str, Any] | None:
        if content is None:
            return {"omitted": redactor.text(summary)} if summary else None
        if not content:
            return None
        masked = masked_body(content, content_type, redactor)
        digest = fingerprint(masked, content_type)
        parsed = _json(masked)
        if parsed is not None:
            return {"json": parsed, "sha256": digest}
        try:
            text = masked.decode("utf-8")
        except UnicodeDecodeError:
            sha = self._write_blob(masked, content_type)
            return {
                "blob": sha,
                "content_type": content_type or None,
                "size": len(masked),
                "sha256": digest,
            }
        return {"text": text, "sha256": digest}


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _headers(headers: Mapping[str, str], redactor: Redactor) -> dict[str, str]:
    return {
        k.lower(): redactor.text(v)
        for k, v in headers.items()
        if k.lower() not in CREDENTIAL_HEADERS and k.lower() not in HOP_HEADERS
    }


def _atomic_write(path: Path, content: bytes) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        raise CassetteError(f"cannot write {path}: {exc}") from None


def _timelines(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each task a create answered, with every poll of it by the same tenant, in order."""
    creates = set(create_operations())
    tasks: dict[str, dict[str, Any]] = {}
    for entry in entries:
        response = entry["response"]
        body = (response or {}).get("body") or {}
        value = body.get("json")
        if not (
            entry["operation"] in creates
            and response is not None
            and 200 <= response["status"] < 300
            and isinstance(value, dict)
            and isinstance(value.get("id"), str)
        ):
            continue
        request_body = (entry["request"]["body"] or {}).get("json")
        model = request_body.get("model") if isinstance(request_body, dict) else None
        tasks.setdefault(
            value["id"],
            {
                "id": value["id"],
                "model": model if isinstance(model, str) else value.get("model"),
                "operation": entry["operation"],
                "tenant": entry["tenant"],
                "create": entry["seq"],
                "request": request_body,
                "polls": [],
                "_started": entry["started"],
            },
        )
    for entry in entries:
        task_id = _status_task_id(entry)
        task = tasks.get(task_id) if task_id is not None else None
        response = entry["response"]
        if task is None or response is None or entry["tenant"] != task["tenant"]:
            continue
        value = ((response.get("body") or {}).get("json")) if response["status"] == 200 else None
        if not isinstance(value, dict) or entry["started"] < task["_started"]:
            continue
        task["polls"].append(
            {
                "exchange": entry["seq"],
                "offset": round(entry["started"] - task["_started"], 6),
                "status": value.get("status"),
                "progress": value.get("progress"),
                "body": value,
            }
        )
    for task in tasks.values():
        del task["_started"]
    return list(tasks.values())


def _status_task_id(entry: Mapping[str, Any]) -> str | None:
    if entry["operation"] != STATUS_OPERATION or entry["path"] is None:
        return None
    matched = contract_routes().match(entry["method"], entry["path"])
    return task_id_of(matched[1]) if matched is not None else None


def task_id_of(params: Mapping[str, str]) -> str:
    """The task id of the status operation's path parameters (percent-decoded)."""
    return unquote(next(iter(params.values()), ""))


@functools.cache
def contract_routes() -> Route:
    return Route.of_contract()


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """One recorded body (see the module doc): ``kind`` is json, text, blob or omitted."""

    kind: str
    value: Any = None
    sha256: str | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class Recorded:
    """One exchange of a cassette."""

    seq: int
    started: float
    duration: float | None
    tenant: str | None
    operation: str | None
    method: str
    path: str | None
    url: str | None
    query: tuple[tuple[str, str], ...]
    request_headers: Mapping[str, str]
    request_body: Body | None
    status: int | None
    response_headers: Mapping[str, str]
    response_body: Body | None
    transport_error: str | None


@dataclass(frozen=True)
class Poll:
    exchange: int
    offset: float
    status: Any
    progress: Any
    body: Any


@dataclass(frozen=True)
class Timeline:
    id: str
    model: str | None
    operation: str | None
    tenant: str | None
    create: int
    request: Any
    polls: tuple[Poll, ...]


@dataclass(frozen=True)
class Cassette:
    """A cassette read back (``Cassette.load``)."""

    directory: Path
    upstream: str
    recorded_at: float
    exchanges: tuple[Recorded, ...]
    tasks: Mapping[str, Timeline]
    urls: Mapping[str, str]
    blobs: Mapping[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path | str) -> Cassette:
        """Read and check ``directory``; ``CassetteError`` (one line) when it is missing,
        corrupt, of another version, or lacks a stored image it names."""
        directory = Path(directory)
        index_path = directory / INDEX
        if not directory.is_dir():
            raise CassetteError(f"no cassette at {directory}: not a directory")
        try:
            raw = index_path.read_bytes()
        except FileNotFoundError:
            raise CassetteError(
                f"no cassette at {directory}: {INDEX} is missing (was the recording closed?)"
            ) from None
        except OSError as exc:
            raise CassetteError(f"cannot read {index_path}: {exc.strerror}") from None
        try:
            index = json.loads(raw)
        except ValueError as exc:
            raise CassetteError(f"{index_path} is not valid JSON ({exc})") from None
        if not isinstance(index, dict) or index.get("format") != FORMAT:
            raise CassetteError(f"{index_path} is not a toapis cassette (no format: {FORMAT})")
        if index.get("version") != VERSION:
            raise CassetteError(
                f"{index_path} is a version {index.get('version')!r} cassette; "
                f"this toapis reads version {VERSION}"
            )
        try:
            return cls._parse(directory, index)
        except CassetteError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CassetteError(f"{index_path} is corrupt: {type(exc).__name__}: {exc}") from None

    @classmethod
    def _parse(cls, directory: Path, index: dict[str, Any]) -> Cassette:
        blobs: dict[str, str | None] = {}
        for sha, info in dict(index["blobs"]).items():
            if not _SHA256.fullmatch(sha):
                raise CassetteError(f"{directory / INDEX} is corrupt: blob name {sha[:80]!r}")
            path = directory / BLOBS / sha
            try:
                content = path.read_bytes()
            except OSError:
                raise CassetteError(f"the cassette lacks the stored file {path}") from None
            if hashlib.sha256(content).hexdigest() != sha:
                raise CassetteError(f"{path} is corrupt: its bytes do not match its name")
            blobs[sha] = info.get("content_type")
        exchanges = tuple(_recorded(e, blobs) for e in index["exchanges"])
        for number, entry in enumerate(exchanges):
            if entry.seq != number:
                raise CassetteError(
                    f"{directory / INDEX} is corrupt: exchange {number} out of order"
                )
        tasks: dict[str, Timeline] = {}
        for task in index["tasks"]:
            polls = tuple(
                Poll(
                    int(p["exchange"]),
                    float(p["offset"]),
                    p.get("status"),
                    p.get("progress"),
                    p["body"],
                )
                for p in task["polls"]
            )
            create = int(task["create"])
            if not 0 <= create < len(exchanges):
                raise CassetteError(f"{directory / INDEX} is corrupt: task {task['id']!r}")
            tasks[str(task["id"])] = Timeline(
                str(task["id"]),
                task.get("model"),
                task.get("operation"),
                task.get("tenant"),
                create,
                task.get("request"),
                polls,
            )
        urls = {str(u): str(sha) for u, sha in dict(index["urls"]).items()}
        missing = sorted(sha for sha in urls.values() if sha not in blobs)
        if missing:
            raise CassetteError(f"{directory / INDEX} is corrupt: unknown blob {missing[0]}")
        return cls(
            directory,
            str(index["upstream"]),
            float(index["recorded_at"]),
            exchanges,
            tasks,
            urls,
            blobs,
        )

    def blob(self, sha: str) -> bytes:
        return (self.directory / BLOBS / sha).read_bytes()


def _body_of(node: Any, blobs: Mapping[str, str | None]) -> Body | None:
    if node is None:
        return None
    if not isinstance(node, dict):
        raise TypeError(f"a body is an object, not {type(node).__name__}")
    if "json" in node:
        return Body("json", node["json"], node.get("sha256"))
    if "text" in node:
        return Body("text", str(node["text"]), node.get("sha256"))
    if "blob" in node:
        if node["blob"] not in blobs:
            raise CassetteError(f"the cassette lacks the stored file blobs/{node['blob']}")
        return Body("blob", node["blob"], node.get("sha256"), node.get("content_type"))
    if "omitted" in node:
        return Body("omitted", node["omitted"])
    raise ValueError(f"unknown body kind {sorted(node)}")


def _recorded(node: dict[str, Any], blobs: Mapping[str, str | None]) -> Recorded:
    response = node.get("response")
    return Recorded(
        seq=int(node["seq"]),
        started=float(node["started"]),
        duration=node.get("duration"),
        tenant=node.get("tenant"),
        operation=node.get("operation"),
        method=str(node["method"]).upper(),
        path=node.get("path"),
        url=node.get("url"),
        query=tuple((str(k), str(v)) for k, v in node.get("query") or ()),
        request_headers=dict(node["request"]["headers"]),
        request_body=_body_of(node["request"].get("body"), blobs),
        status=int(response["status"]) if response is not None else None,
        response_headers=dict(response["headers"]) if response is not None else {},
        response_body=_body_of(response.get("body"), blobs) if response is not None else None,
        transport_error=node.get("transport_error"),
    )
