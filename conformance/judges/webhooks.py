"""Task webhook deliveries, judged one at a time: signature, freshness, payload, its match with
the task, one event id across retries.

Declared here, judged here: the suite's webhook probe (``conformance.probes.webhooks``, with the
receiver it runs) and the validating proxy (``conformance.proxy``, which receives deliveries at
``/__toapis_proxy/webhooks`` and forwards them to the application) both hand these functions what
arrived (a ``Delivery``: raw body, headers, arrival time) with the signing secret and the task as
its polls showed it, and get the same check ids and verdict levels. The signature is verified by
``toapis.webhooks.verify``, the client's own verification.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import jsonschema

import toapis_spec
from conformance.checks import declare
from conformance.probes.base import Recorder, evidence
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from toapis import webhooks

_WEBHOOKS = "#/webhooks/generationCompleted, #/webhooks/generationFailed"

DELIVERED = declare(
    "webhooks-delivered",
    title="A task that becomes final sends its event to the token's callback URL.",
    promise="Once a task is completed or failed, a `generation.completed` or `generation.failed` "
    "event is POSTed to the callback URL (the suite's receiver, configured as the token's "
    "default URL: D-42), within `--webhook-timeout` of the final state.",
    source=_WEBHOOKS,
    area="webhooks",
    quote="Events: `generation.completed`, `generation.failed`, `endpoint.test`. Delivery is "
    "at least once",
    decisions=("D-42",),
)
SIGNATURE = declare(
    "webhooks-signature-valid",
    title="Every delivery is signed with the token's secret over id, timestamp and raw body.",
    promise="`X-ToAPIs-Webhook-Signature` holds a `v1=` HMAC-SHA256 of `id.timestamp.raw_body` "
    "that `toapis.webhooks.verify` accepts with the secret as given (D-37), with the documented "
    "`User-Agent`.",
    source=_WEBHOOKS,
    area="webhooks",
    quote='The signature is HMAC-SHA256(secret, `event_id + "." + timestamp + "." + '
    "raw_body`); headers `User-Agent: ToAPIs-Webhook/1.0`, `X-ToAPIs-Webhook-Id`, "
    "`X-ToAPIs-Webhook-Timestamp`, `X-ToAPIs-Webhook-Signature: v1=<hex>[,v1=<prev-hex>]`",
    decisions=("D-37", "D-40"),
)
FRESH = declare(
    "webhooks-timestamp-fresh",
    title="A delivery's signed timestamp is within 5 minutes of its arrival.",
    promise="Receivers reject deliveries older than 5 minutes, so the first delivery of an event "
    "must carry a fresh timestamp (Unix seconds, D-38). A stale retry is a WARN (D-39: each "
    "retry is signed afresh).",
    source=_WEBHOOKS,
    area="webhooks",
    quote="Receivers should reject first deliveries more than 5 minutes old.",
    decisions=("D-38", "D-39"),
)
SCHEMA = declare(
    "webhooks-payload-schema",
    title="Every delivery's body is a `WebhookEvent` as documented.",
    promise="The body matches the contract's `WebhookEvent` (server view): `id`, `type`, "
    "`api_version`, `created_at` and `data` with `task_id`, `status` `SUCCESS`/`FAILURE`, "
    "`result` or `error`.",
    source="#/components/schemas/WebhookEvent",
    area="webhooks",
    quote='Payload: `{id:"evt_...", type, api_version:"v1", created_at, data:{task_id, '
    'client_business_id, task_type, model, status:"SUCCESS"|"FAILURE", progress:"100%", '
    "result|null, error:null|{code,message}, submitted_at, finished_at}}`",
    decisions=("D-38",),
)
MATCHES = declare(
    "webhooks-payload-matches-task",
    title="The event describes the task's final state as the status API shows it.",
    promise="`type` and `data.status` agree with the polled final status (completed: "
    "`generation.completed`/`SUCCESS`, failed: `generation.failed`/`FAILURE`), `data.task_id` "
    "and `data.model` are the task's, the result URLs are the polled ones (query strings "
    "aside), a failed task's event carries `data.error`.",
    source=_WEBHOOKS,
    area="webhooks",
    quote="Events `generation.completed`, `generation.failed`; data: {task_id, model, "
    'status:"SUCCESS"|"FAILURE", result:{type:"image",data:[{url}]}|null, '
    'error:null|{code:"generation_failed",message}}',
)
ONE_ID = declare(
    "webhooks-event-id-stable",
    title="Every retry of an event carries the same event id.",
    promise="Deliveries are at least once and receivers deduplicate by event id, so all "
    "deliveries of one task's event carry one id, in the header and the body.",
    source=_WEBHOOKS,
    area="webhooks",
    quote="Delivery is at least once; deduplicate by event `id`.",
    decisions=("D-39",),
)
CHECKS = (DELIVERED, SIGNATURE, FRESH, SCHEMA, MATCHES, ONE_ID)
"""Every check this module judges, in catalogue order."""

FRESHNESS = webhooks.DEFAULT_TOLERANCE
EVENT_SCHEMA = "#/components/schemas/WebhookEvent"
_EXPECTED_TYPE = {"completed": webhooks.COMPLETED, "failed": webhooks.FAILED}
_EXPECTED_STATUS = {"completed": "SUCCESS", "failed": "FAILURE"}
_TASK_EVENTS = frozenset({webhooks.COMPLETED, webhooks.FAILED})


@dataclass(frozen=True)
class Delivery:
    """One webhook request as it arrived: exactly the bytes and headers the server sent."""

    body: bytes
    headers: Mapping[str, str]
    """Names in lower case."""
    received_at: float
    """Unix seconds, the receiving machine's clock."""
    url: str = "http://receiver/"
    """Where it arrived (shown in the evidence)."""
    answered: int | None = None
    """What the receiver answered (the application's answer, behind the proxy)."""
    method: str = "POST"

    @property
    def event_id(self) -> str | None:
        return self.headers.get(webhooks.ID_HEADER.lower())

    @functools.cached_property
    def payload(self) -> dict[str, Any] | None:
        """The body as a JSON object, or ``None``."""
        try:
            payload = json.loads(self.body)
        except ValueError:
            return None
        return payload if isinstance(payload, dict) else None

    @property
    def task_id(self) -> str | None:
        """``data.task_id`` of the body, when it names one."""
        data = (self.payload or {}).get("data")
        task_id = data.get("task_id") if isinstance(data, dict) else None
        return task_id if isinstance(task_id, str) else None

    @property
    def is_task_event(self) -> bool:
        """A ``generation.*`` event (not ``endpoint.test``, whose body the docs do not give)."""
        return (self.payload or {}).get("type") != webhooks.ENDPOINT_TEST

    def exchange(self) -> Exchange:
        """The delivery as the reports show exchanges: the server's request, the answer."""
        return Exchange(
            RecordedRequest(self.method, self.url, dict(self.headers), self.body),
            RecordedResponse(self.answered or 0, {}, b"", 0.0),
        )


@functools.cache
def _event_validator() -> jsonschema.Draft202012Validator:
    document = toapis_spec.load(view="server")
    schema = toapis_spec.inline_refs({"$ref": EVENT_SCHEMA}, document)
    return jsonschema.Draft202012Validator(schema)


def _strip_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def judge_delivered(
    rec: Recorder, task_id: str, deliveries: list[Delivery], poll: Exchange, waited: float
) -> bool:
    """A final task's event arrived (``waited``: how long after the final state was waited)."""
    if deliveries:
        rec.ok(DELIVERED)
        return True
    rec.fail(
        DELIVERED,
        evidence(
            f"no webhook arrived for task {task_id} within {waited:g} s of its final state",
            "a generation.completed or generation.failed event at the token's callback URL",
            poll,
        ),
    )
    return False


def judge_delivery(
    rec: Recorder,
    delivery: Delivery,
    secret: str | None,
    final: dict[str, Any] | None,
    poll: Exchange | None,
    *,
    is_first: bool,
) -> None:
    """Every check of one delivery: its signature (when the secret is known), its freshness, its
    payload's schema and (when the task's final state is known) its match with the task."""
    if secret is not None:
        judge_signature(rec, delivery, secret)
    judge_freshness(rec, delivery, is_first=is_first)
    payload = judge_schema(rec, delivery)
    if payload is not None and final is not None and poll is not None:
        judge_match(rec, delivery, final, poll)


def judge_signature(rec: Recorder, delivery: Delivery, secret: str) -> None:
    shown = delivery.exchange()
    agent = delivery.headers.get("user-agent", "")
    try:
        webhooks.verify(delivery.body, delivery.headers, secret, tolerance=float("inf"))
    except webhooks.WebhookSignatureError as exc:
        rec.fail(
            SIGNATURE,
            evidence(
                f"the signature does not verify: {exc}",
                "X-ToAPIs-Webhook-Signature: v1=hex HMAC-SHA256(secret, id.timestamp.raw_body)",
                shown,
            ),
        )
        return
    except webhooks.WebhookError:
        pass  # the signature held; what else is wrong is judged by the other checks
    if agent != webhooks.USER_AGENT:
        rec.fail(
            SIGNATURE,
            evidence(
                f"User-Agent is {agent!r}",
                f"User-Agent: {webhooks.USER_AGENT} with the signed headers",
                shown,
            ),
        )
    else:
        rec.ok(SIGNATURE)


def judge_freshness(rec: Recorder, delivery: Delivery, *, is_first: bool) -> None:
    """The signed timestamp within 5 minutes of the arrival: a FAIL for the first delivery of an
    event, a WARN (D-39) for a retry."""
    shown = delivery.exchange()
    stamp = delivery.headers.get(webhooks.TIMESTAMP_HEADER.lower(), "")
    if not stamp.isdigit():
        rec.fail(FRESH, evidence(f"timestamp {stamp[:40]!r} is not Unix seconds", "D-38", shown))
        return
    age = delivery.received_at - int(stamp)
    if abs(age) <= FRESHNESS:
        rec.ok(FRESH)
        return
    found = evidence(
        f"the delivery arrived {age:.0f} s after its timestamp"
        if age > 0
        else f"the timestamp is {-age:.0f} s in the future",
        f"signed within {FRESHNESS:g} s of its arrival (receivers reject older deliveries)",
        shown,
    )
    if is_first:
        rec.fail(FRESH, found)
    else:
        rec.warn(FRESH, found, "D-39")  # a retry signed afresh is our reading


def judge_schema(rec: Recorder, delivery: Delivery) -> dict[str, Any] | None:
    """The body against the contract's ``WebhookEvent``; returns it when it is a JSON object.
    An ``endpoint.test`` event is not judged (the docs do not describe its body)."""
    shown = delivery.exchange()
    payload = delivery.payload
    if payload is None:
        rec.fail(SCHEMA, evidence("the body is not a JSON object", "a WebhookEvent", shown))
        return None
    if not delivery.is_task_event:
        return payload
    problems = sorted(_event_validator().iter_errors(payload), key=lambda e: list(e.path))
    if problems:
        listed = "; ".join(
            f"{'/'.join(map(str, p.absolute_path)) or 'body'}: {p.message}" for p in problems[:3]
        )
        rec.fail(SCHEMA, evidence(listed, f"{EVENT_SCHEMA} (server view)", shown))
    else:
        rec.ok(SCHEMA)
    return payload


def judge_match(rec: Recorder, delivery: Delivery, final: dict[str, Any], poll: Exchange) -> None:
    """The event against the task's final state as its poll (``poll``) showed it."""
    payload = delivery.payload or {}
    raw_data = payload.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    state = str(final.get("status"))
    wrong: list[str] = []
    if payload.get("type") != _EXPECTED_TYPE.get(state):
        wrong.append(f"type {payload.get('type')!r} for a {state} task")
    if data.get("status") != _EXPECTED_STATUS.get(state):
        wrong.append(f"data.status {data.get('status')!r} for a {state} task")
    if data.get("task_id") != final.get("id"):
        wrong.append(f"data.task_id {data.get('task_id')!r}, the task is {final.get('id')!r}")
    if "model" in data and data.get("model") != final.get("model"):
        wrong.append(f"data.model {data.get('model')!r}, the task's is {final.get('model')!r}")
    if state == "completed":
        polled = _urls(final.get("result"))
        sent = _urls(data.get("result"))
        if polled is not None and sent != polled:
            wrong.append(f"result URLs {sent} differ from the polled {polled}")
    if state == "failed" and not isinstance(data.get("error"), dict):
        wrong.append("a failed task's event has no data.error")
    if wrong:
        rec.fail(
            MATCHES,
            evidence(
                "; ".join(wrong),
                "the event describes the task's final state as the status API shows it",
                delivery.exchange(),
                poll,
            ),
        )
    else:
        rec.ok(MATCHES)


def _urls(result: Any) -> list[str] | None:
    items = result.get("data") if isinstance(result, dict) else None
    if not isinstance(items, list):
        return None
    return [_strip_query(str(i.get("url"))) for i in items if isinstance(i, dict) and "url" in i]


def judge_event_ids(rec: Recorder, deliveries: Iterable[Delivery]) -> bool:
    """All deliveries of one task's event carry one id, in the header and the body. Returns
    whether there was a retry to compare (else the check is left not run)."""
    records = list(deliveries)
    if len(records) < 2:
        rec.not_run(ONE_ID, "the event was delivered once: no retry to compare")
        return False
    ids = {(d.payload or {}).get("id") for d in records} | {d.event_id for d in records}
    if len(ids) == 1:
        rec.ok(ONE_ID)
        return True
    rec.fail(
        ONE_ID,
        evidence(
            f"{len(records)} deliveries of one task's event carry {len(ids)} event ids: "
            f"{', '.join(sorted(map(str, ids))[:4])}",
            "every retry repeats the event id (receivers deduplicate by it)",
            *(d.exchange() for d in records[:3]),
        ),
    )
    return True
