"""The schema-driven layer: Schemathesis runs every phase and built-in check over the contract.

Phases: examples, coverage, fuzzing, and stateful (through the contract's links); generation is
positive and negative. Two adjustments keep it fair and safe:

- upload parts are drawn from real images (``schemathesis.openapi.media_type``), because the docs
  say uploads are told by content and random bytes are rightly refused;
- every request passes the run's one guard (``conformance.http.SendGuard``) before it is sent, as
  the behaviour checks' do: a create request the budget cannot cover raises ``BudgetExhausted``,
  and one naming a model the contract does not describe (the endpoint serves other models, so
  such a request is not invalid, and it could be billed) or one not selected (``--model``) raises
  ``ModelRefused``; neither leaves the machine. The guard tells a create by its path relative to
  the base URL's, so a gateway mounting the API under a prefix is guarded the same;
- no generated create request carries ``callback_url``: whether one is accepted depends on a
  webhook configured in the console, which no schema can say (DECISIONS.md D-18);
- a positive create request is not called wrongly rejected when the server names a field whose
  image it must fetch (a reachable JPEG, PNG or WebP of at most 10 MB, which no schema can say),
  nor when it answers with a documented business refusal (402 balance, 422 content policy).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import schemathesis
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

import toapis_spec
from conformance.budget import Budget, BudgetExhausted
from conformance.catalogue import CATALOGUE, SCHEMATHESIS_CHECKS
from conformance.contract import (
    CREATE,
    UPLOAD,
    decided_errors,
    fetched_url_fields,
    request_decision,
    request_errors,
    schema_errors,
    served_models,
)
from conformance.control import RunControl
from conformance.http import ModelRefused, Pacer, SendGuard, api_path
from conformance.images import image_bytes
from conformance.judges.media import envelope_problems, other_json_error
from conformance.probes.base import verdict_status
from conformance.verdicts import (
    Evidence,
    Exchange,
    RecordedRequest,
    RecordedResponse,
    Status,
    Verdict,
)
from toapis.envelopes import parse_retry_after
from toapis_spec import DECISIONS_KEY, create_operations, operations

_PHASES = ("examples", "coverage", "fuzzing", "stateful")
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")
_PIL_FORMAT = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP", "image/gif": "GIF"}
# Schemathesis' default acceptable answers to a valid request, plus the documented refusals that
# do not mean "invalid request": 402 (insufficient balance) and 422 (content policy).
_ACCEPTANCE_STATUSES = ("2xx", "3xx", "401", "402", "403", "404", "409", "422", "429", "5xx")


@dataclass
class SchemaRunOptions:
    base_url: str
    token: str | None
    seed: int
    max_examples: int
    budget: Budget
    pacer: Pacer
    request_timeout: float = 30.0
    allow_create: bool = True
    check_ids: tuple[str, ...] = field(default_factory=lambda: tuple(SCHEMATHESIS_CHECKS.values()))
    # --read-only: no upload is generated (nor a create: see allow_create).
    allow_upload: bool = True
    # The run's deadline (--max-time): past it nothing more is sent and the layer stops early.
    control: RunControl | None = None
    # The models selected (--model): a generated create request for another is never sent.
    models: tuple[str, ...] = ("gpt-4o-image",)
    # The run's guard (conformance.http.SendGuard); without one, a guard built from the above.
    guard: SendGuard | None = None


@dataclass
class SchemaRunSummary:
    verdicts: dict[str, Verdict]
    cases: int
    requests: int
    refused_by_budget: int
    duration: float
    notes: list[str]


CALLBACK = "carries a callback_url"


class CallbackRefused(Exception):
    def __init__(self) -> None:
        super().__init__(f"a create request that {CALLBACK} was not sent (D-18)")


def _names_callback(body: bytes | str | None) -> bool:
    try:
        document = json.loads(body or b"")
    except ValueError:
        return False
    return isinstance(document, dict) and "callback_url" in document


_registered = False
_active: dict[str, Any] = {}
_active_lock = threading.Lock()


def _register_once() -> None:
    """Global Schemathesis registrations; they act only while a run of ours is active."""
    global _registered
    if _registered:
        return
    for mime in _IMAGE_TYPES:
        strategy = st.sampled_from(
            [image_bytes(_PIL_FORMAT[mime], dims) for dims in ((16, 16), (40, 24), (24, 40))]
        )
        schemathesis.openapi.media_type(mime, strategy)

    requests.adapters.HTTPAdapter.send = _guarded_send  # type: ignore[method-assign]
    _registered = True


_original_send = requests.adapters.HTTPAdapter.send


def _guarded_send(
    self: requests.adapters.HTTPAdapter,
    request: requests.PreparedRequest,
    *args: Any,
    **kwargs: Any,
) -> requests.Response:
    """Every request Schemathesis sends, including those some checks derive from a case (e.g.
    ``ignored_auth`` resending without the key, on a session of its own), passes here: requests to
    the server under test are paced and every one passes the run's guard (``SendGuard``: budget,
    ``--model``, ``--read-only``) before it leaves the machine. Schemathesis offers no per-run
    transport hook that sees them all, hence the patch of ``HTTPAdapter.send``; it acts only while
    a run of ours is active, and then on every request (the guard tells what is billable)."""
    run = _active.get("run")
    if run is not None:
        control = run["control"]
        if control is not None:
            control.check()  # raises RunStopped: nothing is sent past --max-time
        _admit(run, request)
        run["requests"] += 1
        run["pacer"].wait()
        if control is not None:
            control.check()  # the pacer may have waited past the deadline, or Ctrl-C came
    response = _original_send(self, request, *args, **kwargs)
    if run is None:
        return response
    # A 429 says nothing about the case: wait as Retry-After says (bounded) and send it again.
    for _ in range(_RETRIES_ON_429):
        delay = parse_retry_after(response.headers) if response.status_code == 429 else None
        if delay is None or delay > _MAX_RETRY_AFTER:
            break
        control = run["control"]
        if control is not None:
            control.sleep(delay)  # ends at once on Ctrl-C or --max-time
            control.check()
        else:
            time.sleep(delay)
        _admit(run, request)  # a resent create may bill
        run["requests"] += 1
        run["pacer"].wait()
        response = _original_send(self, request, *args, **kwargs)
    return response


def _admit(run: dict[str, Any], request: requests.PreparedRequest) -> None:
    """The run's guard, with the schema layer's own refusal (``callback_url``, D-18) and counts."""
    guard: SendGuard = run["guard"]
    url, method = request.url or "", request.method or "GET"
    body = request.body if isinstance(request.body, bytes | str) else None
    content_type = str(request.headers.get("Content-Type", ""))
    if guard.create_operation(method, url) is not None and _names_callback(body):
        run["callbacks"] += 1
        raise CallbackRefused()
    try:
        guard.admit(method, url, body, content_type)
    except ModelRefused as refused:
        # The coverage phase builds boundary bodies without the generation hooks.
        run["foreign" if refused.kind == "unknown" else "unselected"] += 1
        raise
    except BudgetExhausted:
        run["refused"] += 1
        raise
    # The models the layer's verdicts rest on: those its sent create requests named.
    run["models"].update(dict.fromkeys(guard.models_sent([_sent(method, url, body, content_type)])))


def _sent(method: str, url: str, body: bytes | str | None, content_type: str) -> Exchange:
    raw = body.encode() if isinstance(body, str) else body
    headers = {"content-type": content_type}
    return Exchange(RecordedRequest(method, url, headers, raw), None)


_RETRIES_ON_429 = 3
_MAX_RETRY_AFTER = 60.0


@contextmanager
def _activate(options: SchemaRunOptions) -> Iterator[dict[str, Any]]:
    guard = options.guard or SendGuard(
        options.base_url,
        options.budget,
        models=options.models,
        read_only=not (options.allow_create or options.allow_upload),
    )
    run = {
        "guard": guard,
        "pacer": options.pacer,
        "base_url": options.base_url.rstrip("/"),
        "requests": 0,
        "refused": 0,
        "foreign": 0,
        "callbacks": 0,
        "unselected": 0,
        "models": {},
        "control": options.control,
    }
    with _active_lock:
        if "run" in _active:
            raise RuntimeError("only one schema-layer run at a time per process")
        _active["run"] = run
    try:
        yield run
    finally:
        with _active_lock:
            _active.pop("run", None)


def _config(options: SchemaRunOptions) -> SchemathesisConfig:
    headers = {"Authorization": f"Bearer {options.token}"} if options.token else {}
    enabled: dict[str, dict[str, Any]] = {
        name: {"enabled": cid in options.check_ids} for name, cid in SCHEMATHESIS_CHECKS.items()
    }
    if "positive_data_acceptance" in enabled:
        enabled["positive_data_acceptance"]["expected-statuses"] = list(_ACCEPTANCE_STATUSES)
    return SchemathesisConfig.from_dict(
        {
            "base-url": options.base_url.rstrip("/"),
            "headers": headers,
            "seed": options.seed,
            "workers": 1,
            "request-timeout": options.request_timeout,
            "color": False,
            "generation": {
                "mode": "all",
                "max-examples": options.max_examples,
                "deterministic": False,
                "database": "none",
            },
            "phases": {name: {"enabled": True} for name in _PHASES},
            "checks": enabled,
        }
    )


def _exchange(interaction: Any) -> Exchange:
    request = interaction.request
    headers = {
        k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in request.headers.items()
    }
    body = request.body
    summary = None
    if body is not None and not _is_text(body):
        summary = f"{len(body)} bytes of binary data"
    recorded = RecordedRequest(request.method, request.uri, headers, body, summary)
    response = interaction.response
    if response is None:
        return Exchange(recorded, None, "no response (network error)")
    rheaders = {
        k.lower(): ", ".join(v) if isinstance(v, list) else str(v)
        for k, v in response.headers.items()
    }
    return Exchange(
        recorded,
        RecordedResponse(response.status_code, rheaders, response.content or b"", response.elapsed),
    )


def _is_text(body: bytes) -> bool:
    if len(body) > 64 * 1024:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _selected_models_only(selected: tuple[str, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The contract with each create operation's request union cut down to the selected
    models, and the create operations left with none (to exclude).

    Schemathesis would otherwise spend most of its cases on models that are never sent; the
    guard still refuses any create for an unselected model, whatever builds it."""
    document = toapis_spec.load()
    schemas = document["components"]["schemas"]
    unused: list[str] = []
    for operation_id, op in toapis_spec.create_operations().items():
        raw = document["paths"][op.path][op.method.lower()]["requestBody"]["content"]
        ref = raw["application/json"]["schema"]["$ref"]
        union = schemas[ref.rsplit("/", 1)[-1]]
        mapping = {m: r for m, r in union["discriminator"]["mapping"].items() if m in selected}
        if not mapping:
            unused.append(operation_id)
            continue
        kept = set(mapping.values())
        union["discriminator"]["mapping"] = mapping
        union["oneOf"] = [member for member in union["oneOf"] if member["$ref"] in kept]
    return document, tuple(unused)


def run_schema_layer(options: SchemaRunOptions) -> SchemaRunSummary:
    _register_once()
    started = time.monotonic()
    document, unused = _selected_models_only(options.models)
    schema: Any = schemathesis.openapi.from_dict(document, config=_config(options))
    notes: list[str] = []
    excluded = list(unused)
    if not options.allow_create:
        excluded += [op for op in toapis_spec.create_operations() if op not in excluded]
        notes.append("create requests were not generated (no budget for a billed server)")
    if not options.allow_upload:
        excluded.append(UPLOAD)
        notes.append("uploads were not generated (--read-only)")
    if excluded:
        schema = schema.exclude(operation_id=excluded)
    models = served_models() & frozenset(options.models)

    def filter_body(ctx: Any, body: Any) -> bool:
        if not isinstance(body, dict):
            return True
        if "callback_url" in body:
            return False
        return not (isinstance(body.get("model"), str) and body["model"] not in models)

    schema.hook(filter_body)

    passed: dict[str, int] = dict.fromkeys(options.check_ids, 0)
    failures: dict[str, list[Evidence]] = {cid: [] for cid in options.check_ids}
    seen_failures: set[tuple[str, str, str]] = set()
    cases = 0
    control = options.control
    with _activate(options) as run:
        stream = from_schema(schema).execute()
        for event in stream:
            if control is not None and control.expired():
                stream.stop()  # the next event is the last one
            if isinstance(event, events.ScenarioFinished):
                cases += len(event.recorder.cases)
                _collect(event, passed, failures, seen_failures)
            elif isinstance(event, events.NonFatalError):
                message = str(getattr(event.info, "message", event.info))
                if "BudgetExhausted" in repr(event.info) or "budget" in message:
                    continue
                refusals = ("RunStopped", "ReadOnlyRefused", "ModelRefused")
                if any(name in repr(event.info) for name in refusals) or "was not sent" in message:
                    continue
                if control is not None and control.expired() and control.stop_reason in message:
                    continue  # Ctrl-C or --max-time: the run's own note says so
                if "CallbackRefused" in repr(event.info) or CALLBACK in message:
                    continue
                message = message.split("\n\nLearn how to define links")[0]  # not our advice
                notes.append(f"{event.label}: {message[:300]}")
            elif isinstance(event, events.FatalError):
                # Schemathesis' own advice to its users (where to learn about links) is not ours.
                text = str(event.exception).split("\n\nLearn how to define links")[0]
                notes.append(f"Schemathesis stopped: {text}")
    verdicts: dict[str, Verdict] = {}
    duration = time.monotonic() - started
    for check_id in options.check_ids:
        if failures[check_id]:
            status, reason = verdict_status(failures[check_id]), ""
        elif passed[check_id]:
            status, reason = Status.PASS, ""
        else:
            status, reason = Status.NOT_RUN, "Schemathesis had no response this check applies to"
        verdicts[check_id] = Verdict(
            check_id,
            status,
            reason,
            failures[check_id][:3],
            passed[check_id],
            duration,
            models=tuple(m for m in options.models if m in run["models"]),
        )
    if run["foreign"]:
        notes.append(
            f"{run['foreign']} generated create request(s) naming a model the contract does not "
            "describe were not sent"
        )
    if run["unselected"]:
        notes.append(
            f"{run['unselected']} generated create request(s) for a model not selected "
            "(--model) were not sent"
        )
    if run["callbacks"]:
        notes.append(
            f"{run['callbacks']} generated create request(s) with a callback_url were not sent "
            "(it needs a webhook configured at the server, D-18)"
        )
    if run["refused"]:
        notes.append(
            f"{run['refused']} generated create request(s) were not sent: budget exhausted"
        )
    return SchemaRunSummary(verdicts, cases, run["requests"], run["refused"], duration, notes)


def _type_blind_multipart(check: str, message: str, interaction: Any) -> bool:
    """A multipart form field is text on the wire: an "integer" ``purpose`` arrives as the string
    "123", which the contract allows, so Schemathesis' claim that a type-mutated form field
    violates the schema is false for multipart bodies and must not fail a correct server."""
    if (
        check != "negative_data_rejection"
        or "violates `type`" not in message
        or interaction is None
    ):
        return False
    headers = interaction.request.headers
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    ctype = ctype[0] if isinstance(ctype, list) and ctype else ctype
    return str(ctype).startswith("multipart/form-data")


def _fetch_refusal(check: str, interaction: Any) -> bool:
    """A 400 to a schema-valid create request that names an image URL field is a documented answer:
    the server fetched (or tried to fetch) the image and found it unreachable, too large or of an
    undocumented format, none of which a schema can rule out."""
    if check != "positive_data_acceptance" or interaction is None or interaction.response is None:
        return False
    if (
        interaction.response.status_code != 400
        or _operation_of(interaction.request.method, _api_path(interaction.request.uri))
        not in create_operations()
    ):
        return False
    try:
        error = json.loads(interaction.response.content or b"")["error"]
    except (ValueError, KeyError, TypeError):
        return False
    return isinstance(error, dict) and error.get("param") in fetched_url_fields()


def _json_error_label(check: str, interaction: Any) -> bool:
    """An error envelope labelled ``application/problem+json`` (or another JSON media type) is
    JSON all the same: the label is not a failure (its body is judged by the envelope,
    ``_envelope_unseen``). A body that is not JSON stays one."""
    if check != "content_type_conformance" or interaction is None:
        return False
    return interaction.response is not None and other_json_error(_exchange(interaction))


def _envelope_unseen(check: str, interaction: Any) -> Evidence | None:
    """Schemathesis validates a body only under a documented media type, so an error envelope
    under ``application/problem+json`` passes its response check unread. It is judged here,
    against the server view, as if it were labelled ``application/json``."""
    if check != "response_schema_conformance" or interaction is None:
        return None
    if interaction.response is None:
        return None
    exchange = _exchange(interaction)
    operation_id = _operation_of(interaction.request.method, _api_path(interaction.request.uri))
    if operation_id is None or not other_json_error(exchange):
        return None
    assert exchange.response is not None
    status = exchange.response.status
    if status not in operations()[operation_id].statuses:
        return None  # an undocumented status is status_code_conformance's to judge
    problems = envelope_problems(exchange, operation_id)
    if not problems:
        return None
    ctype = exchange.response.headers.get("content-type", "")
    return Evidence(
        f"{operation_id} {status} ({ctype}): the body is not the documented error envelope: "
        + "; ".join(problems),
        CATALOGUE["schema-response-schema-conformance"].promise,
        (exchange,),
    )


_NOT_A_FAILURE = "-"


def _rate_limited(interaction: Any) -> bool:
    return (
        interaction is not None
        and interaction.response is not None
        and interaction.response.status_code == 429
    )


def decided_only(check: str, message: str, interaction: Any) -> str | None:
    """The decision behind a failure that breaks only a decided constraint (``x-decisions``),
    ``None`` for one that breaks a documented promise, or ``_NOT_A_FAILURE`` when the docs allow
    what Schemathesis complained about (e.g. a response valid under the server view).

    Schemathesis judges against the contract as written, which is strict about what clients
    send; servers are held to the server view (toapis_spec.server_view)."""
    if interaction is None:
        return None
    request, response = interaction.request, interaction.response
    operation_id = _operation_of(request.method, _api_path(request.uri))
    if operation_id is None:
        return None
    if check == "negative_data_rejection" and operation_id == CREATE:
        try:
            body = json.loads(request.body or b"")
        except ValueError:
            return None
        if request_errors(body, view="server"):
            return None  # the docs forbid it too: a documented promise broke
        return request_decision(body)
    if check == "response_schema_conformance" and response is not None:
        try:
            body = json.loads(response.content or b"")
        except ValueError:
            return None
        status = response.status_code
        if schema_errors(operation_id, status, body):
            return None
        found = decided_errors(operation_id, status, body)
        return found[0].decision if found else _NOT_A_FAILURE
    if check == "response_headers_conformance" and response is not None:
        # Only decided headers may be missing (a 429 without Retry-After, D-11); a malformed one
        # breaks what the docs say, as does a missing documented one.
        missing = _decided_missing_headers(operation_id, response)
        return missing if missing and "Missing" in message else None
    return None


def _api_path(uri: str) -> str:
    """The path of ``uri`` relative to the run's base URL (a gateway may mount the API under a
    prefix: ``/api/v1/images/generations`` is ``/v1/images/generations``)."""
    run = _active.get("run")
    relative = api_path(uri, run["base_url"]) if run is not None else None
    return relative if relative is not None else urlsplit(uri).path


def _operation_of(method: str, path: str) -> str | None:
    for op in operations().values():
        pattern = "^" + re.sub(r"\\\{[^/]+\\\}", "[^/]+", re.escape(op.path)) + "$"
        if op.method == method.upper() and re.match(pattern, path):
            return op.operation_id
    return None


def _decided_missing_headers(operation_id: str, response: Any) -> str | None:
    try:
        headers = operations()[operation_id].response_headers(response.status_code)
    except KeyError:
        return None
    present = {name.lower() for name in response.headers}
    for name, header in headers.items():
        if header.get("required") and name.lower() not in present:
            decided = header.get(DECISIONS_KEY, {}).get("required")
            if not isinstance(decided, str):
                return None
            return decided
    return None


def _collect(
    event: events.ScenarioFinished,
    passed: dict[str, int],
    failures: dict[str, list[Evidence]],
    seen: set[tuple[str, str, str]],
) -> None:
    recorder = event.recorder
    for case_id, checks in recorder.checks.items():
        for node in checks:
            check_id = SCHEMATHESIS_CHECKS.get(node.name)
            if check_id is None or check_id not in passed:
                continue
            info = node.failure_info
            if info is None:
                unseen = _envelope_unseen(node.name, recorder.interactions.get(case_id))
                if unseen is None:
                    passed[check_id] += 1
                elif (check_id, str(event.label or case_id), unseen.message) not in seen:
                    seen.add((check_id, str(event.label or case_id), unseen.message))
                    failures[check_id].append(unseen)
                continue
            failure = info.failure
            interaction = recorder.interactions.get(case_id)
            if (
                _type_blind_multipart(node.name, failure.message, interaction)
                or _fetch_refusal(node.name, interaction)
                or _json_error_label(node.name, interaction)
            ):
                passed[check_id] += 1
                continue
            if _rate_limited(interaction):
                continue  # still 429 after waiting as Retry-After said: nothing to judge
            decision = decided_only(node.name, failure.message, interaction)
            if decision == _NOT_A_FAILURE:
                passed[check_id] += 1
                continue
            key = (check_id, str(event.label or case_id), failure.title)
            if key in seen:
                continue
            seen.add(key)
            interaction = recorder.interactions.get(case_id)
            node_case = recorder.cases.get(case_id)
            label = event.label or (
                node_case.value.operation.label if node_case is not None else ""
            )
            exchanges = (_exchange(interaction),) if interaction is not None else ()
            failures[check_id].append(
                Evidence(
                    f"[{event.phase.value}] {label}: {failure.title}. {failure.message}".strip(),
                    CATALOGUE[check_id].promise,
                    exchanges,
                    decision=decision,
                )
            )
