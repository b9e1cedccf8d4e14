"""What a suite that sends only valid models and slow polls cannot see (each its own check).

- ``validation-rejects-unknown-model``: a model name no server can serve (derived from the run's
  seed and a random part) must be refused; a server that serves any model bills something the
  caller never asked for. A correct server bills nothing for it; the planner still counts it.
- ``validation-accepts-max-image-urls``: the largest documented number of references, each one
  of the server's own uploads (so it can certainly fetch them), is accepted. A 400 naming
  ``image_urls`` is a refusal here, not a fetch failure.
- ``lifecycle-progress-never-dips``: on one task, polled as fast as the documented query rate
  allows (never faster than ``--max-rps``) while it is not final, progress never decreases. With
  the docs' 5-10 s advice a dip shorter than the interval is never seen.
"""

from __future__ import annotations

import random
import time
from functools import partial
from typing import Any

from conformance.checks import DECIDED, declare
from conformance.contract import CREATE, limits, query_rate_per_second
from conformance.images import image_bytes
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    body_text,
    created_task_id,
    evidence,
    expect_documented,
    uploaded_url,
)

_REQUEST = "#/components/schemas/Gpt4oImageGenerationRequest"
_URLS_MAX = limits().image_urls_max

UNKNOWN_MODEL = declare(
    "validation-rejects-unknown-model",
    title="A create request naming a model no server serves is refused (4xx), never billed.",
    promise="The `model` field picks the model; a name that cannot exist (derived from the run) "
    "is refused. A server that accepts any model bills something nobody asked for. The docs "
    "name no error for it, so accepting one is a WARN.",
    source="#/paths/~1v1~1images~1generations/post (requestBody discriminator: model)",
    area="validation",
    basis=DECIDED,
    decisions=("D-28",),
)
MAX_REFERENCES = declare(
    "validation-accepts-max-image-urls",
    title="The largest documented number of reference images is accepted.",
    promise=f"Up to {_URLS_MAX} `image_urls` are allowed: that many of the server's own "
    "uploads (which it can certainly fetch) are accepted.",
    source=f"{_REQUEST}/properties/image_urls",
    area="validation",
    quote="image_urls: Max 5 images",
)
NEVER_DIPS = declare(
    "lifecycle-progress-never-dips",
    title="A task's progress never decreases, even between polls moments apart.",
    promise="On one task polled as fast as the documented query rate allows (never faster than "
    "--max-rps) while it is not final, `progress` never decreases: a dip shorter than the "
    "docs' 5-10 s polling interval is invisible to `lifecycle-progress-monotonic`.",
    source="#/components/schemas/Task/properties/progress, "
    "#/paths/~1v1~1images~1generations~1{task_id}/get (x-rate-limit)",
    area="lifecycle",
    quote="progress: integer 0-100 (a completion percentage); query rate, default group: "
    "50 per second",
)


def unknown_model_name(seed: int) -> str:
    """A model name no server can have: it names the suite and carries a random part."""
    return f"toapis-conformance-no-such-model-{seed}-{random.SystemRandom().getrandbits(48):012x}"


def run_unknown_model(ctx: Context, rec: Recorder) -> None:
    body = ctx.valid_body(model=unknown_model_name(ctx.settings.seed))
    created = ctx.client.create(body)
    expected = "a 4xx refusal (no task is created for a model no server serves)"
    response = created.response
    if response is None:
        rec.fail(
            UNKNOWN_MODEL, evidence(f"no response: {created.transport_error}", expected, created)
        )
        return
    rec.expect(
        UNKNOWN_MODEL,
        400 <= response.status < 500,
        lambda: evidence(
            f"a create request naming the model {body['model']!r} was answered "
            f"{body_text(created)}",
            expected,
            created,
        ),
    )


def run_max_references(ctx: Context, rec: Recorder) -> None:
    # One selected model is enough (the uploads are the cost): the first whose page states a
    # reference-image maximum.
    stated = [m for m in ctx.settings.models if ctx.for_model(m).limits.image_urls_max]
    if not stated:
        rec.not_run(
            MAX_REFERENCES, "the docs state no reference-image maximum for any selected model"
        )
        return
    ctx = ctx.for_model(stated[0])
    count, field = ctx.limits.image_urls_max, ctx.limits.reference_field
    assert count is not None
    assert field is not None
    urls: list[str] = []
    for index in range(count):
        uploaded = ctx.client.upload(
            image_bytes("PNG", (32 + index, 32)), filename=f"reference-{index}.png"
        )
        url = uploaded_url(uploaded)
        if url is None:
            rec.not_run(
                MAX_REFERENCES, f"uploading the reference images failed: {body_text(uploaded, 120)}"
            )
            return
        urls.append(url)
    # `field` is `reference_images` for the gpt-image-2 family.
    created = ctx.client.create(
        ctx.valid_body(**{field: urls}, prompt="Blend these into one castle")
    )
    expected = f"HTTP 200 with a Task for {count} {field}, each an upload of this server"
    expect_documented(rec, MAX_REFERENCES, created, CREATE, 200, expected)


def run_never_dips(ctx: Context, rec: Recorder) -> None:
    task_id = created_task_id(rec, NEVER_DIPS, ctx.client.create(ctx.valid_body()))
    if task_id is None:
        return
    rate = query_rate_per_second()
    if ctx.settings.max_rps:
        rate = min(rate, ctx.settings.max_rps)
    interval = 1.0 / rate
    deadline = time.monotonic() + ctx.settings.task_timeout
    previous: tuple[Any, Any] | None = None
    while time.monotonic() < deadline:
        exchange = ctx.client.get_task(task_id)
        data = exchange.json()
        if (
            exchange.response is None
            or exchange.response.status != 200
            or not isinstance(data, dict)
        ):
            rec.not_run(NEVER_DIPS, f"the task could not be read: {body_text(exchange, 120)}")
            return
        progress = data.get("progress")
        if isinstance(progress, int) and previous is not None and isinstance(previous[0], int):
            rec.expect(
                NEVER_DIPS,
                progress >= previous[0],
                partial(
                    evidence,
                    f"progress went from {previous[0]} to {progress} between two polls "
                    f"{interval:.2f} s apart",
                    "progress never decreases",
                    previous[1],
                    exchange,
                ),
            )
        previous = (progress, exchange)
        if data.get("status") in ctx.limits.terminal_states:
            break
        ctx.run.sleep(interval)  # ends at once on Ctrl-C or --max-time
    if not rec.exercised[NEVER_DIPS]:
        rec.not_run(NEVER_DIPS, "the task was final at its first poll: no two polls to compare")


PROBES = (
    Probe(UNKNOWN_MODEL, (UNKNOWN_MODEL,), run_unknown_model, lambda s: 1),
    Probe(MAX_REFERENCES, (MAX_REFERENCES,), run_max_references, lambda s: 1, uploads=True),
    Probe(NEVER_DIPS, (NEVER_DIPS,), run_never_dips, lambda s: 1),
)
