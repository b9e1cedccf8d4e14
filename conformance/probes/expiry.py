"""Result URLs stop serving once the task's `expires_at` has passed (the docs: valid 24 hours).

Seeing that takes a day of waiting on any real server, so the check runs only when the suite can
move the server's clock (the embedded mock); elsewhere it is reported as not run, with the reason.
"""

from __future__ import annotations

from conformance.checks import declare
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    evidence,
    poll_until_final,
)

CHECK = declare(
    "results-expire-after-ttl",
    title="Result URLs stop serving the image once `expires_at` has passed.",
    promise="Generated image URLs are valid for the documented lifetime (`expires_at`); once "
    "expired, the image cannot be fetched. Needs the server's clock moved forward: the embedded "
    "mock only.",
    source="#/components/schemas/Task/properties/expires_at",
    area="results",
    quote="Once expired, the image cannot be fetched; a new task is needed.",
)
EXPECTED = "after `expires_at` the result URL no longer serves the image (a 4xx answer)"
# Past expires_at by more than any rounding of whole seconds.
_MARGIN_SECONDS = 2


def _cost(settings: Settings) -> int:
    return 1 if settings.advance_clock is not None else 0


def run_expiry(ctx: Context, rec: Recorder) -> None:
    advance = ctx.settings.advance_clock
    if advance is None:
        rec.not_run(
            CHECK,
            "needs the server's clock moved 24 h forward; only the embedded mock allows that",
        )
        return
    created = ctx.client.create(ctx.valid_body())
    task = created.json()
    if not isinstance(task, dict) or not isinstance(task.get("id"), str):
        rec.not_run(CHECK, f"a valid create request was not accepted: {body_text(created, 120)}")
        return
    polls, _ = poll_until_final(ctx, ctx.client, task["id"])
    final = polls[-1].json() if polls else None
    result = final.get("result") if isinstance(final, dict) else None
    data = result.get("data") if isinstance(result, dict) else None
    url = (
        data[0].get("url")
        if isinstance(data, list) and data and isinstance(data[0], dict)
        else None
    )
    completed_at, expires_at = (
        (final.get("completed_at"), final.get("expires_at"))
        if isinstance(final, dict)
        else (None, None)
    )
    if not (isinstance(url, str) and isinstance(completed_at, int) and isinstance(expires_at, int)):
        rec.not_run(CHECK, "no task completed with a result URL and its expiry time")
        return
    before = ctx.client.fetch(url)
    if before.response is None or before.response.status != 200:
        rec.not_run(CHECK, "the result URL did not serve the image even before it expired")
        return
    advance(max(expires_at - completed_at, 0) + _MARGIN_SECONDS)
    after = ctx.client.fetch(url)
    served = after.response is not None and after.response.status < 400
    rec.expect(
        CHECK,
        not served,
        lambda: evidence(
            f"the result URL still answers {body_text(after, 80)} after expires_at ({expires_at})",
            EXPECTED,
            polls[-1],
            after,
        ),
    )


PROBE = Probe("expiry", (CHECK,), run_expiry, _cost)
