"""Every 429 the server sends must say when to come back (``Retry-After``).

The check looks at every 429 of the whole run (any probe may meet one) and, in case none came, asks
for one: a request carrying ``X-Mock-Fault: 429``, the fault-injection header of the embedded mock
(any other server ignores an unknown header and answers normally). A server that never answers 429
leaves the check not run.
"""

from __future__ import annotations

from conformance.checks import declare
from conformance.contract import STATUS, schema_errors
from conformance.probes.base import Context, Probe, Recorder, evidence
from conformance.verdicts import Exchange
from toapis.envelopes import parse_retry_after

CHECK = declare(
    "ratelimit-retry-after",
    title="Every 429 answer says when to come back (Retry-After) and carries the error envelope.",
    promise="On 429 the client must wait `Retry-After` (seconds or an HTTP-date). A garbage value "
    "or a body that is not the envelope is a FAIL; a 429 without the header is a WARN (D-11: "
    "the docs say limited responses *may* carry it).",
    source="#/components/responses/SubmitRateLimited, #/components/responses/QueryRateLimited",
    area="envelope",
    quote="On 429, read the `Retry-After` header, sleep that long plus jitter",
    decisions=("D-11",),
)


def _judge(rec: Recorder, exchange: Exchange) -> None:
    assert exchange.response is not None
    header = exchange.response.headers.get("retry-after")
    delay = parse_retry_after(exchange.response.headers)
    body = exchange.json()
    problems = schema_errors(STATUS, 429, body) if body is not None else ["the body is not JSON"]
    expected = "Retry-After (delay-seconds or an HTTP-date) and the error envelope"
    if header is None:
        # The docs say limited responses "may carry" it; requiring it is D-11.
        rec.warn(CHECK, evidence("a 429 without Retry-After", expected, exchange), "D-11")
    rec.expect(
        CHECK,
        (header is None or delay is not None) and not problems,
        lambda: evidence(
            f"429 with Retry-After={header!r}; body problems: {'; '.join(problems) or 'none'}",
            expected,
            exchange,
        ),
    )


def run_ratelimit(ctx: Context, rec: Recorder) -> None:
    ctx.client.get_task("conformance-rate-probe", headers={"X-Mock-Fault": "429"}, retry_429=False)
    seen = [
        e
        for e in list(ctx.journal.exchanges)
        if e.response is not None and e.response.status == 429
    ]
    for exchange in seen:
        _judge(rec, exchange)
    if not seen:
        rec.not_run(CHECK, "the server never answered 429 during the run")


PROBE = Probe("ratelimit", (CHECK,), run_ratelimit)
