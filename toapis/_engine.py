"""What the sync and async clients share: settings, retry and polling decisions, answer reading.

The decisions are written once, without I/O (``Retrier``, ``Poller``); ``Client`` and
``AsyncClient`` only run the loops around them with blocking or awaiting calls. The generated
client (``toapis_client``) sends the requests; nothing here edits or subclasses it.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import logging
import os
import pkgutil
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from typing import Any, Protocol

import attrs
import httpx
import jsonschema

import toapis_client.api
import toapis_client.models
import toapis_spec
from toapis.clock import Clock, SystemClock
from toapis.envelopes import error_from_response, parse_retry_after, read_json
from toapis.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    InvalidRequestError,
    MalformedResponseError,
    TaskFailedError,
    TaskTimeoutError,
)
from toapis.policies import PollPolicy, RetryPolicy
from toapis.tasks import GenerationTask
from toapis_client import AuthenticatedClient
from toapis_client.models import ImageUploadResponse, Task

logger = logging.getLogger("toapis")

TOKEN_ENV = "TOAPIS_API_KEY"
CREATE = "createImageGeneration"
GET = "getImageGenerationTask"
UPLOAD = "uploadImage"
DOWNLOAD = "downloadResult"

# Failures after which repeating an idempotent request (status query, upload, download) is safe.
IDEMPOTENT_RETRY_ERRORS: tuple[type[httpx.RequestError], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
# Failures that prove the request never reached the service: the connection was never set up.
# A create request is retried only after these (see Client.generate for why).
NOT_SENT_ERRORS: tuple[type[httpx.RequestError], ...] = (httpx.ConnectError, httpx.ConnectTimeout)


class _StatusAnswer(Protocol):
    """Both ``httpx.Response`` and the generated ``Response`` have these."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...


@cache
def default_base_url() -> str:
    """The production server of the contract (``servers[0]``); a token is still required."""
    return str(toapis_spec.load()["servers"][0]["url"])


@cache
def user_agent() -> str:
    # Third-party reports say requests without a User-Agent were refused with 403.
    try:
        version = metadata.version("toapis-contract")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"toapis-python/{version}"


class _Secret:
    """Holds the API key so that no repr, log record or ``vars()`` dump shows it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    """Everything a client needs, resolved once at construction."""

    base_url: str
    token: _Secret
    retry: RetryPolicy
    poll: PollPolicy
    clock: Clock
    rng: random.Random
    timeout: httpx.Timeout
    headers: Mapping[str, str]

    def redact(self, text: str) -> str:
        secret = self.token.reveal()
        return text.replace(secret, "<redacted>") if secret and secret in text else text


def resolve_settings(
    *,
    token: str | None,
    base_url: str | None,
    retry: RetryPolicy | None,
    poll: PollPolicy | None,
    clock: Clock | None,
    seed: int | None,
    timeout: float | httpx.Timeout | None,
    headers: Mapping[str, str] | None,
) -> Settings:
    key = token if token else os.environ.get(TOKEN_ENV, "")
    if not key.strip():
        raise ConfigurationError(
            f"no API key: pass token=... or set the {TOKEN_ENV} environment variable"
        )
    if any(c.isspace() for c in key):
        raise ConfigurationError("the API key contains white space; check how it was copied")
    url = (base_url or default_base_url()).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")
    if timeout is None:
        timeout = httpx.Timeout(30.0, connect=10.0)
    elif not isinstance(timeout, httpx.Timeout):
        timeout = httpx.Timeout(timeout)
    return Settings(
        base_url=url,
        token=_Secret(key.strip()),
        retry=retry or RetryPolicy(),
        poll=poll or PollPolicy(),
        clock=clock or SystemClock(),
        rng=random.Random(seed),
        timeout=timeout,
        headers={"User-Agent": user_agent(), **(headers or {})},
    )


def generated_client(settings: Settings, transport: Any) -> AuthenticatedClient:
    """The generated low-level client, configured from the settings."""
    httpx_args: dict[str, Any] = {}
    if transport is not None:
        httpx_args["transport"] = transport
    return AuthenticatedClient(
        base_url=settings.base_url,
        token=settings.token.reveal(),
        timeout=settings.timeout,
        headers=dict(settings.headers),
        httpx_args=httpx_args,
    )


def task_id_of(task: str | GenerationTask) -> str:
    task_id = task.id if isinstance(task, GenerationTask) else task
    if not isinstance(task_id, str) or not task_id:
        raise ConfigurationError("a task id must be a non-empty string")
    return task_id


def connection_error(
    settings: Settings, operation: str, exc: httpx.RequestError
) -> APIConnectionError:
    # Built from the text only: the httpx exception holds the request, whose headers hold the key.
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    detail = settings.redact(str(exc)) or type(exc).__name__
    return cls(f"{operation}: {type(exc).__name__}: {detail}", operation=operation)


class Retrier:
    """Decides, after each attempt of one request, whether to retry it and after how long."""

    def __init__(
        self,
        settings: Settings,
        operation: str,
        *,
        retry_errors: tuple[type[httpx.RequestError], ...],
        retry_server_errors: bool,
    ) -> None:
        self._settings = settings
        self._operation = operation
        self._retry_errors = retry_errors
        self._retry_server_errors = retry_server_errors
        self.retries = 0

    def after_exception(self, exc: httpx.RequestError) -> float:
        """The delay before the next attempt; raises the client's error when not retrying."""
        if isinstance(exc, self._retry_errors) and self.retries < self._settings.retry.max_retries:
            delay = self._settings.retry.backoff(self.retries, self._settings.rng)
            return self._count(type(exc).__name__, delay)
        raise connection_error(self._settings, self._operation, exc) from None

    def after_response(self, answer: _StatusAnswer) -> float | None:
        """The delay before the next attempt, or ``None`` to hand this answer to the caller."""
        status = int(answer.status_code)
        policy = self._settings.retry
        if self.retries >= policy.max_retries:
            return None
        if status == 429:
            retry_after = parse_retry_after(answer.headers)
            if retry_after is not None and retry_after > policy.max_retry_after:
                return None
            delay = policy.after_rate_limit(retry_after, self.retries, self._settings.rng)
            return self._count("HTTP 429", delay)
        if self._retry_server_errors and 500 <= status <= 599:
            delay = policy.backoff(self.retries, self._settings.rng)
            return self._count(f"HTTP {status}", delay)
        return None

    def _count(self, reason: str, delay: float) -> float:
        self.retries += 1
        logger.info(
            "%s: retry %d of %d after %s, in %.2f s",
            self._operation,
            self.retries,
            self._settings.retry.max_retries,
            reason,
            delay,
        )
        return delay


def status_error(settings: Settings, operation: str, answer: Any) -> APIStatusError:
    """The typed exception for an HTTP error answer."""
    return error_from_response(
        operation=operation,
        status_code=int(answer.status_code),
        content=answer.content,
        headers=answer.headers,
        redact=settings.redact,
    )


def task_from_answer(settings: Settings, operation: str, answer: Any) -> GenerationTask:
    """The task in a create or status answer, or the typed error it stands for."""
    status = int(answer.status_code)
    if not 200 <= status <= 299:
        raise status_error(settings, operation, answer)
    body = read_json(answer.content)
    parsed = getattr(answer, "parsed", None)  # an httpx.Response has none
    parsed = parsed if isinstance(parsed, Task) else None
    task = GenerationTask.from_body(body, parsed) if isinstance(body, dict) else None
    if task is None:
        text = settings.redact(answer.content.decode("utf-8", errors="replace"))
        raise MalformedResponseError(
            f"{operation}: HTTP {status} without a task id and status: {text[:200]!r}",
            operation=operation,
            status_code=status,
            body=text,
        )
    return task


def url_from_upload(settings: Settings, answer: Any) -> str:
    """The public URL in an upload answer, or the typed error it stands for."""
    status = int(answer.status_code)
    if not 200 <= status <= 299:
        raise status_error(settings, UPLOAD, answer)
    if isinstance(answer.parsed, ImageUploadResponse):
        return str(answer.parsed.data.url)
    body = read_json(answer.content)
    text = settings.redact(answer.content.decode("utf-8", errors="replace"))
    if isinstance(body, dict) and body.get("success") is False:
        # Some ToAPIs calls report business failures as HTTP 200 with success=false.
        message = body.get("message")
        raise InvalidRequestError(
            settings.redact(message) if isinstance(message, str) else "upload refused",
            status_code=status,
            operation=UPLOAD,
            param="file",
            body=text,
        )
    data = body.get("data") if isinstance(body, dict) else None
    if isinstance(data, dict) and isinstance(data.get("url"), str):
        return str(data["url"])
    raise MalformedResponseError(
        f"{UPLOAD}: HTTP {status} without data.url: {text[:200]!r}",
        operation=UPLOAD,
        status_code=status,
        body=text,
    )


class Poller:
    """Decides when to query a task next, and when to stop, following the documented advice.

    Per query: ``next_sleep()`` (raises TaskTimeoutError once the deadline has passed), then
    ``after_answer`` or ``after_exception``, which return the final task or ``None`` to go on.
    """

    def __init__(
        self,
        settings: Settings,
        task_id: str,
        *,
        timeout: float | None,
        on_update: Callable[[GenerationTask], None] | None,
    ) -> None:
        self._settings = settings
        self._policy = settings.poll if timeout is None else replace(settings.poll, timeout=timeout)
        self._task_id = task_id
        self._on_update = on_update
        self._deadline = settings.clock.monotonic() + self._policy.timeout
        self._delay = self._policy.initial_delay
        self._must_wait_full = False
        self._factor = 1.0
        self._failures = 0
        self._queried_at_deadline = False
        self.last: GenerationTask | None = None

    def next_sleep(self) -> float:
        remaining = self._deadline - self._settings.clock.monotonic()
        if remaining <= 0 and self._queried_at_deadline:
            raise self._timeout()
        if self._delay >= remaining:
            if self._must_wait_full:
                raise self._timeout(
                    f"the service asked to wait {self._delay:.1f} s (429 Retry-After)"
                )
            self._queried_at_deadline = True  # one last look exactly at the deadline
            return max(0.0, remaining)
        return self._delay

    def after_exception(self, exc: httpx.RequestError) -> None:
        if not isinstance(exc, IDEMPOTENT_RETRY_ERRORS):
            raise connection_error(self._settings, GET, exc) from None
        self._failed(lambda: connection_error(self._settings, GET, exc), type(exc).__name__)

    def after_answer(self, answer: Any) -> GenerationTask | None:
        status = int(answer.status_code)
        if status == 429:
            retry_after = parse_retry_after(answer.headers)
            # Documented advice: sleep Retry-After plus jitter and double the interval (cap 60 s).
            self._factor *= 2.0
            self._delay = self._settings.retry.after_rate_limit(retry_after, 0, self._settings.rng)
            self._must_wait_full = retry_after is not None
            logger.info(
                "%s %s: rate limited, next query in %.2f s", GET, self._task_id, self._delay
            )
            return None
        if 500 <= status <= 599:
            self._failed(lambda: status_error(self._settings, GET, answer), f"HTTP {status}")
            return None
        task = task_from_answer(self._settings, GET, answer)  # raises for every other error status
        self._failures = 0
        self.last = task
        if self._on_update is not None:
            self._on_update(task)
        if task.is_failed:
            raise TaskFailedError(task)
        if task.is_final:
            return task
        self._delay = self._policy.interval(self._factor, self._settings.rng)
        self._must_wait_full = False
        return None

    def _failed(self, error: Callable[[], Exception], reason: str) -> None:
        self._failures += 1
        if self._failures > self._settings.retry.max_retries:
            raise error()
        self._delay = self._settings.retry.backoff(self._failures - 1, self._settings.rng)
        self._must_wait_full = False
        logger.info(
            "%s %s: query failed (%s), %d of %d retries, next in %.2f s",
            GET,
            self._task_id,
            reason,
            self._failures,
            self._settings.retry.max_retries,
            self._delay,
        )

    def _timeout(self, reason: str = "") -> TaskTimeoutError:
        return TaskTimeoutError(
            self._task_id, timeout=self._policy.timeout, last_task=self.last, reason=reason
        )


# -- create requests -------------------------------------------------------------------------
#
# Everything about a model comes from the contract (``toapis_spec.models()``): its operation and
# path, its fields and where its resolution tier goes. Nothing here names a model or a field of
# one, so a model added to the contract is usable as soon as the client is regenerated.


def contract_model(name: str | None) -> toapis_spec.Model:
    """The contract's description of the model ``name`` (``None``: the contract's first model,
    the tools' default); a ``ConfigurationError`` for a name the contract does not describe."""
    described = toapis_spec.models()
    if name is None:
        return next(iter(described.values()))
    info = described.get(name)
    if info is None:
        raise ConfigurationError(
            f"model {name!r} is not described by the contract; use one of {', '.join(described)}"
        )
    return info


def _class_key(name: str) -> str:
    # The generator spells titles its own way (``Gpt4oImage...`` becomes ``Gpt4OImage...``).
    return re.sub(r"[^0-9a-z]", "", name.lower())


@cache
def request_class(model: str) -> type[Any] | None:
    """The generated request model of ``model``: the class named after its member schema's
    ``title``, or ``None`` when the generated client has none."""
    title = contract_model(model).schema.get("title")
    if not isinstance(title, str):
        return None
    wanted = _class_key(title)
    for name in toapis_client.models.__all__:
        cls = getattr(toapis_client.models, name)
        if _class_key(name) == wanted and attrs.has(cls) and "model" in attrs.fields_dict(cls):
            return cls
    return None


@cache
def endpoint_module(operation_id: str) -> Any:
    """The generated module of an operation: ``toapis_client.api.<tag>.<operation_id in snake
    case>``, with ``sync_detailed`` and ``asyncio_detailed``."""
    module = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()
    for package in pkgutil.iter_modules(toapis_client.api.__path__):
        name = f"{toapis_client.api.__name__}.{package.name}.{module}"
        if package.ispkg and importlib.util.find_spec(name) is not None:
            return importlib.import_module(name)
    raise ConfigurationError(
        f"the generated client has no module for {operation_id}; "
        "regenerate it: python scripts/regenerate_client"
    )


@dataclass(frozen=True)
class CreateRequest:
    """One create request, ready to send: the model, its JSON body and, when one carries that
    body unchanged, the generated request model (``typed``)."""

    model: toapis_spec.Model
    body: Mapping[str, Any]
    typed: Any | None

    @property
    def operation_id(self) -> str:
        return self.model.operation_id

    @property
    def method(self) -> str:
        return toapis_spec.operation(self.model.operation_id).method

    @property
    def path(self) -> str:
        return self.model.path

    @property
    def endpoint(self) -> Any:
        """The generated module of the model's create operation."""
        return endpoint_module(self.model.operation_id)


def _fields_of(schema: Mapping[str, Any], prefix: str) -> list[str]:
    return [f"{prefix}{name}" for name in schema.get("properties", {}) if name not in TOP_FIXED]


TOP_FIXED = ("model", "prompt")


def _put(node: dict[str, Any], path: list[str], value: Any, given_as: str) -> None:
    """Set ``value`` at ``path`` (nested objects created, mappings merged key by key)."""
    head, rest = path[0], path[1:]
    if rest:
        child = node.setdefault(head, {})
        if not isinstance(child, dict):
            raise ConfigurationError(f"{given_as}: {head} is given as a value and as an object")
        _put(child, rest, value, given_as)
    elif isinstance(value, Mapping):
        child = node.setdefault(head, {})
        if not isinstance(child, dict):
            raise ConfigurationError(f"{given_as}: {head} is given as a value and as an object")
        for key, item in value.items():
            _put(child, [str(key)], item, given_as)
    elif head in node and node[head] != value:
        raise ConfigurationError(f"{given_as}: given twice ({node[head]!r} and {value!r})")
    elif isinstance(value, (list, tuple)):
        node[head] = list(value)
    else:
        node[head] = value


def _unknown(schema: Mapping[str, Any], body: Mapping[str, Any], prefix: str) -> list[str]:
    """The dotted names in ``body`` the object ``schema`` has no property for."""
    props = schema.get("properties")
    if not isinstance(props, Mapping) or schema.get("additionalProperties") not in (None, False):
        return []
    wrong: list[str] = []
    for key, value in body.items():
        if key not in props:
            wrong.append(f"{prefix}{key}")
        elif isinstance(value, Mapping):
            wrong.extend(_unknown(props[key], value, f"{prefix}{key}."))
    return wrong


def request_body(
    model: str | None,
    prompt: str,
    fields: Mapping[str, Any],
    extra_body: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON body of a create request for ``model`` with the ``fields`` given.

    ``None`` values are not sent. A key may be dotted (``metadata.resolution``) and a mapping
    value fills the nested object (``metadata={"resolution": "2K"}``); ``resolution`` goes where
    the model takes it (``resolution`` or ``metadata.resolution``, read from the contract). A
    field the model's schema does not have is a ``ConfigurationError`` before anything is sent;
    values are not judged here (see ``validation_problem``). ``n`` not given: the model's
    default ``n``, when it has one. ``extra_body`` adds top-level fields beyond the documented
    ones, unchecked.
    """
    info = contract_model(model)
    body: dict[str, Any] = {"model": info.name, "prompt": prompt}
    count = info.field("n")
    if fields.get("n") is None and count is not None and "default" in count:
        body["n"] = count["default"]  # what is billed is always said, not left to the service
    for key, value in fields.items():
        if value is None:
            continue
        dotted = info.resolution_field if key == "resolution" and info.resolution_field else key
        _put(body, dotted.split("."), value, key)
    wrong = _unknown(info.schema, body, "")
    if wrong:
        parent, _, _ = wrong[0].rpartition(".")
        schema = info.field(parent) if parent else info.schema
        known = _fields_of(schema or {}, f"{parent}." if parent else "")
        raise ConfigurationError(
            f"{', '.join(wrong)}: not a field of {info.name} (its fields: {', '.join(known)})"
        )
    if extra_body:
        body.update(extra_body)
    return body


@cache
def _validator(model: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(dict(contract_model(model).schema))


@dataclass(frozen=True)
class Problem:
    """Why a request body is invalid for a model: the field (dotted) and the validator's word."""

    field: str
    message: str
    allowed: tuple[Any, ...] | None = None
    """The values the field allows, when the problem is a value outside them."""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def validation_problem(model: str, body: Mapping[str, Any]) -> Problem | None:
    """What makes ``body`` invalid for ``model`` by the contract's client view (the field's
    dotted name first: ``metadata.resolution: '9K' is not one of ...``), or ``None``."""
    error = jsonschema.exceptions.best_match(_validator(model).iter_errors(body))
    if error is None:
        return None
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "required" and isinstance(error.validator_value, list):
        missing = next((name for name in error.validator_value if name not in error.instance), "")
        where = f"{where}.{missing}" if where else str(missing)
    allowed = (
        tuple(error.validator_value)
        if error.validator == "enum" and isinstance(error.validator_value, list)
        else None
    )
    return Problem(where or "body", error.message, allowed)


def typed_request(model: str, body: Mapping[str, Any]) -> Any | None:
    """The generated request model of ``model`` holding ``body``, when it gives back exactly
    that body; ``None`` when the generated client has no class for the model or a value is
    outside its choices (the body is then sent as written, and the service judges it)."""
    cls = request_class(model)
    if cls is None:
        logger.debug("%s: no generated request model; the body is sent as written", model)
        return None
    try:
        typed = cls.from_dict(copy.deepcopy(dict(body)))
        same = typed.to_dict() == body
    except (TypeError, ValueError, KeyError, AttributeError):
        same = False
    return typed if same else None


def create_request(
    model: str | None,
    prompt: str,
    fields: Mapping[str, Any],
    extra_body: Mapping[str, Any] | None = None,
) -> CreateRequest:
    """``request_body`` with the model's operation and generated request model."""
    info = contract_model(model)
    body = request_body(info.name, prompt, fields, extra_body)
    return CreateRequest(info, body, typed_request(info.name, body))
