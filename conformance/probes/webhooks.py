"""Task webhooks: what a server delivers to a receiver the suite runs (``--webhook-receiver``).

The user configures the receiver's URL (``http://HOST:PORT/toapis-webhooks``, or a tunnel to it)
as the default callback URL of the token the run uses, and passes its signing secret
(``--webhook-secret``); against the embedded mock the suite does both itself. The probe creates a
task (and a failing one, when it knows how to make one), polls them until final, and judges what
arrives: the signature (with ``toapis.webhooks.verify``), the timestamp's freshness, the payload
against the contract's ``WebhookEvent`` and against the task's final state as polled, one event
id across retries, a retry after a 500, and a 307 that is not followed (the receiver answers the
first delivery of a task 500, the second 307, later ones 204).
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import jsonschema

import toapis_spec
from conformance.checks import declare
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    evidence,
    not_run_on,
    poll_until_final,
)
from conformance.verdicts import (
    Exchange,
    NotRun,
    RecordedRequest,
    RecordedResponse,
)
from conformance.webhook_receiver import Received, WebhookReceiver, parse_address
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
RETRIES = declare(
    "webhooks-retries-after-non-2xx",
    title="A delivery answered with 500 is delivered again.",
    promise="Only a 2xx counts as success: after the receiver answers 500, the event comes again "
    "(about 10 s later, D-41).",
    source=_WEBHOOKS,
    area="webhooks",
    quote="Retries come at about 10 s, 30 s, 2 min, 10 min, 1 h, 6 h and 24 h. Only 2xx "
    "counts as success.",
    decisions=("D-41",),
)
NO_REDIRECTS = declare(
    "webhooks-no-redirects-followed",
    title="A delivery answered with a redirect is not followed, and is delivered again.",
    promise="A 307 from the receiver is a failed attempt: nothing reaches its `Location`, and the "
    "event comes again later.",
    source=_WEBHOOKS,
    area="webhooks",
    quote="ToAPIs gives up on a delivery after a 10 s timeout and does not follow "
    "redirects. Only 2xx counts as success.",
    decisions=("D-41",),
)
CHECKS = (DELIVERED, SIGNATURE, FRESH, SCHEMA, MATCHES, ONE_ID, RETRIES, NO_REDIRECTS)

FRESHNESS = webhooks.DEFAULT_TOLERANCE
_EVENT_SCHEMA = "#/components/schemas/WebhookEvent"
_EXPECTED_TYPE = {"completed": webhooks.COMPLETED, "failed": webhooks.FAILED}
_EXPECTED_STATUS = {"completed": "SUCCESS", "failed": "FAILURE"}


def cost(settings: Settings) -> int:
    """One image (and one for the failing task); nothing when the checks cannot run."""
    if settings.webhook_receiver is None or settings.webhook_secret is None:
        return 0
    return 2 if settings.failing_prompt else 1


@functools.cache
def _event_validator() -> jsonschema.Draft202012Validator:
    document = toapis_spec.load(view="server")
    schema = toapis_spec.inline_refs({"$ref": _EVENT_SCHEMA}, document)
    return jsonschema.Draft202012Validator(schema)


def _exchange(record: Received) -> Exchange:
    """A delivery as the reports show exchanges: the server's request, the receiver's answer."""
    host = record.headers.get("host", "receiver")
    return Exchange(
        RecordedRequest("POST", f"http://{host}{record.path}", dict(record.headers), record.body),
        RecordedResponse(record.answered, {}, b"", 0.0),
    )


def _strip_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def run(ctx: Context, rec: Recorder) -> None:
    settings = ctx.settings
    if settings.webhook_receiver is None or settings.webhook_secret is None:
        raise NotRun(
            "needs --webhook-receiver HOST:PORT and --webhook-secret: configure "
            "http://HOST:PORT/toapis-webhooks as the token's default callback URL on the server"
        )
    host, port = parse_address(settings.webhook_receiver)
    receiver = WebhookReceiver(host, port)
    try:
        with receiver.running():
            _probe(ctx, rec, receiver)
    except OSError as exc:
        raise NotRun(f"the webhook receiver cannot listen on {host}:{port}: {exc}") from None


def _probe(ctx: Context, rec: Recorder, receiver: WebhookReceiver) -> None:
    settings = ctx.settings
    client = ctx.client.with_token(settings.webhook_token) if settings.webhook_token else ctx.client
    prompts = [ctx.valid_body()["prompt"]]
    if settings.failing_prompt:
        prompts.append(settings.failing_prompt)
    finals: dict[str, tuple[dict[str, Any], Exchange]] = {}
    for prompt in prompts:
        created = client.create(ctx.valid_body(prompt=prompt))
        task = created.json()
        if created.response is None or created.response.status != 200 or not isinstance(task, dict):
            for check_id in CHECKS:
                rec.not_run(check_id, f"the create request was refused: HTTP {created.response}")
            return
        task_id = str(task.get("id"))
        try:
            polls, ended = poll_until_final(ctx, client, task_id)
        except NotRun as exc:
            not_run_on(exc, rec)
            return
        if not ended:
            for check_id in CHECKS:
                rec.not_run(check_id, f"task {task_id} did not become final")
            continue
        finals[task_id] = (polls[-1].json(), polls[-1])
    # One wait for all of them (their retries overlap), bounded by --webhook-timeout.
    receiver.wait(
        lambda: ctx.run.expired() or all(_settled(receiver, t) for t in finals),
        settings.webhook_timeout,
    )
    ctx.run.check()  # Ctrl-C or --max-time during the wait: these checks did not finish
    time.sleep(0.05)  # a follower of the 307 arrives right after it: let it be recorded
    for task_id, (final, poll) in finals.items():
        _judge_task(ctx, rec, receiver, task_id, final, poll)
    redirected = [r for r in receiver.records if r.redirected]
    if redirected:
        rec.fail(
            NO_REDIRECTS,
            evidence(
                f"the server followed the receiver's 307: {len(redirected)} request(s) reached "
                "the redirect target",
                "redirects are not followed (a 3xx is a failed attempt, retried later)",
                *(_exchange(r) for r in redirected[:3]),
            ),
        )


def _settled(receiver: WebhookReceiver, task_id: str) -> bool:
    """A delivery of the task was acknowledged (204 here, or 2xx at the redirect target)."""
    return any(200 <= r.answered < 300 for r in receiver.of_task(task_id))


def _judge_task(
    ctx: Context,
    rec: Recorder,
    receiver: WebhookReceiver,
    task_id: str,
    final: dict[str, Any],
    poll: Exchange,
) -> None:
    records = [r for r in receiver.of_task(task_id) if not r.redirected]
    if not records:
        rec.fail(
            DELIVERED,
            evidence(
                f"no webhook arrived for task {task_id} within {ctx.settings.webhook_timeout:g} s "
                "of its final state",
                "a generation.completed or generation.failed event at the token's callback URL",
                poll,
            ),
        )
        for check_id in CHECKS[1:]:
            rec.not_run(check_id, f"no delivery for task {task_id}")
        return
    rec.ok(DELIVERED)
    first = records[0]
    for record in records:
        _judge_delivery(ctx, rec, record, final, poll, is_first=record is first)
    _judge_ids(rec, records)
    _judge_retries(ctx, rec, records)


def _judge_delivery(
    ctx: Context,
    rec: Recorder,
    record: Received,
    final: dict[str, Any],
    poll: Exchange,
    *,
    is_first: bool,
) -> None:
    shown = _exchange(record)
    secret = ctx.settings.webhook_secret or ""
    agent = record.headers.get("user-agent", "")
    try:
        webhooks.verify(record.body, record.headers, secret, tolerance=float("inf"))
    except webhooks.WebhookSignatureError as exc:
        rec.fail(
            SIGNATURE,
            evidence(
                f"the signature does not verify: {exc}",
                "X-ToAPIs-Webhook-Signature: v1=hex HMAC-SHA256(secret, id.timestamp.raw_body)",
                shown,
            ),
        )
    except webhooks.WebhookError:
        rec.ok(SIGNATURE)  # the signature held; what else is wrong is judged below
    else:
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
    _judge_freshness(rec, record, shown, is_first=is_first)
    payload = _payload(record)
    if payload is None:
        rec.fail(SCHEMA, evidence("the body is not a JSON object", "a WebhookEvent", shown))
        return
    problems = sorted(_event_validator().iter_errors(payload), key=lambda e: list(e.path))
    if problems:
        listed = "; ".join(
            f"{'/'.join(map(str, p.absolute_path)) or 'body'}: {p.message}" for p in problems[:3]
        )
        rec.fail(SCHEMA, evidence(listed, f"{_EVENT_SCHEMA} (server view)", shown))
    else:
        rec.ok(SCHEMA)
    _judge_match(rec, payload, final, shown, poll)


def _judge_freshness(rec: Recorder, record: Received, shown: Exchange, *, is_first: bool) -> None:
    stamp = record.headers.get(webhooks.TIMESTAMP_HEADER.lower(), "")
    if not stamp.isdigit():
        rec.fail(FRESH, evidence(f"timestamp {stamp[:40]!r} is not Unix seconds", "D-38", shown))
        return
    age = record.received_at - int(stamp)
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


def _payload(record: Received) -> dict[str, Any] | None:
    try:
        payload = json.loads(record.body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _judge_match(
    rec: Recorder, payload: dict[str, Any], final: dict[str, Any], shown: Exchange, poll: Exchange
) -> None:
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
                shown,
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


def _judge_ids(rec: Recorder, records: list[Received]) -> None:
    if len(records) < 2:
        rec.not_run(ONE_ID, "the event was delivered once: no retry to compare")
        return
    ids = {(_payload(r) or {}).get("id") for r in records} | {r.event_id for r in records}
    if len(ids) == 1:
        rec.ok(ONE_ID)
        return
    rec.fail(
        ONE_ID,
        evidence(
            f"{len(records)} deliveries of one task's event carry {len(ids)} event ids: "
            f"{', '.join(sorted(map(str, ids))[:4])}",
            "every retry repeats the event id (receivers deduplicate by it)",
            *(_exchange(r) for r in records[:3]),
        ),
    )


def _judge_retries(ctx: Context, rec: Recorder, records: list[Received]) -> None:
    for index, record in enumerate(records):
        if 200 <= record.answered < 300:
            break
        check_id = RETRIES if record.answered >= 500 else NO_REDIRECTS
        if index + 1 < len(records):
            rec.ok(check_id)
            continue
        wait = ctx.settings.webhook_timeout
        rec.fail(
            check_id,
            evidence(
                f"the receiver answered HTTP {record.answered} and the event did not come again "
                f"(waited up to {wait:g} s)",
                "only a 2xx counts as success: the event is delivered again (about 10 s, "
                "then 30 s later)",
                _exchange(record),
            ),
        )


PROBE = Probe("webhooks", CHECKS, run, cost=cost)
