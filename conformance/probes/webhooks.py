"""Task webhooks: what a server delivers to a receiver the suite runs (``--webhook-receiver``).

The user configures the receiver's URL (``http://HOST:PORT/toapis-webhooks``, or a tunnel to it)
as the default callback URL of the token the run uses, and passes its signing secret
(``--webhook-secret``); against the embedded mock the suite does both itself. The probe creates a
task (and a failing one, when it knows how to make one), polls them until final, and judges what
arrives: the signature (with ``toapis.webhooks.verify``), the timestamp's freshness, the payload
against the contract's ``WebhookEvent`` and against the task's final state as polled, one event
id across retries (those checks are declared and judged in ``conformance.judges.webhooks``, which
the validating proxy calls too), a retry after a 500, and a 307 that is not followed (the
receiver answers the first delivery of a task 500, the second 307, later ones 204).
"""

from __future__ import annotations

import time
from typing import Any

from conformance.checks import declare
from conformance.judges import webhooks as judge
from conformance.judges.webhooks import DELIVERED, FRESH, MATCHES, ONE_ID, SCHEMA, SIGNATURE
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    evidence,
    not_run_on,
    poll_until_final,
)
from conformance.verdicts import Exchange, NotRun
from conformance.webhook_receiver import Received, WebhookReceiver, parse_address

_WEBHOOKS = "#/webhooks/generationCompleted, #/webhooks/generationFailed"

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


def cost(settings: Settings) -> int:
    """One image (and one for the failing task); nothing when the checks cannot run."""
    if settings.webhook_receiver is None or settings.webhook_secret is None:
        return 0
    return 2 if settings.failing_prompt else 1


def _delivery(record: Received) -> judge.Delivery:
    """A delivery as the judges read it: the server's request, the receiver's answer."""
    host = record.headers.get("host", "receiver")
    return judge.Delivery(
        record.body,
        record.headers,
        record.received_at,
        f"http://{host}{record.path}",
        record.answered,
        record.method,
    )


def _exchange(record: Received) -> Exchange:
    return _delivery(record).exchange()


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
    deliveries = [_delivery(r) for r in records]
    if not judge.judge_delivered(rec, task_id, deliveries, poll, ctx.settings.webhook_timeout):
        for check_id in CHECKS[1:]:
            rec.not_run(check_id, f"no delivery for task {task_id}")
        return
    secret = ctx.settings.webhook_secret or ""
    for index, delivery in enumerate(deliveries):
        judge.judge_delivery(rec, delivery, secret, final, poll, is_first=index == 0)
    judge.judge_event_ids(rec, deliveries)
    _judge_retries(ctx, rec, records)


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
