"""What an application sends, judged against the contract's client view (the validating proxy).

The suite sends only requests it built from the contract; the validating proxy
(``conformance.proxy``) forwards what an application sends, so it judges requests too: a body
the docs forbid is a FAIL (it would be refused, or billed and wrong), one only our decisions
forbid (``x-decisions``) a WARN naming the decision. ``explain`` names the field at fault as
the documented 400 does, for ``toapis-proxy --enforce``.
"""

from __future__ import annotations

import functools
from typing import Any

from conformance.checks import declare
from conformance.contract import request_decision, request_errors
from conformance.probes.base import Recorder, evidence
from conformance.verdicts import Exchange
from mock_server.validation import Invalid, RequestValidator

REQUEST_DOCUMENTED = declare(
    "requests-body-documented",
    title="Every create request the application sends is one the docs allow.",
    promise="A create request body is valid under its model's request schema: what the docs "
    "forbid would be refused with 400 `invalid_request` (a FAIL; `toapis-proxy --enforce` "
    "refuses it before the service sees it); what only a decision of ours forbids is a WARN. "
    "Judged by the validating proxy on an application's traffic.",
    source="#/paths/~1v1~1images~1generations/post/requestBody",
    area="validation",
    quote="400 | `invalid_request` | Invalid request parameters",
)


@functools.cache
def _validator() -> RequestValidator:
    return RequestValidator()


def explain(body: Any) -> Invalid | None:
    """Why the contract as written refuses ``body``, naming the field at fault as the documented
    400 does (``param``); ``None`` for a body it allows. Compiled once (a few microseconds a
    body), so ``--enforce`` can afford it on the forwarding path."""
    return _validator().validate(body)


def judge_create_request(rec: Recorder, exchange: Exchange) -> bool:
    """Whether the create request of ``exchange`` is one the contract allows (client view);
    a violation is recorded with the field at fault."""
    body = exchange.request_json()
    if body is None:
        rec.fail(
            REQUEST_DOCUMENTED,
            evidence(
                "the create request body is not JSON",
                "a JSON object (#/components/schemas/ImageGenerationRequest)",
                exchange,
            ),
        )
        return False
    # The compiled validator says "valid" in microseconds; why not is jsonschema's answer.
    strict = [] if explain(body) is None else request_errors(body, "client")
    if not strict:
        rec.ok(REQUEST_DOCUMENTED)
        return True
    documented = request_errors(body, "server")
    named = explain(body)
    reason = (
        f"{named.message} (param {named.param!r})"
        if named is not None
        else "; ".join(_short(p) for p in (documented or strict))
    )
    found = evidence(
        f"the application sent a body the {'docs' if documented else 'contract'} forbid: " + reason,
        "a body valid under its model's request schema",
        exchange,
    )
    decision = None if documented else request_decision(body)
    if decision is not None:
        rec.warn(REQUEST_DOCUMENTED, found, decision)
    else:
        rec.fail(REQUEST_DOCUMENTED, found)
    return False


def _short(problem: str) -> str:
    return problem if len(problem) <= 160 else problem[:157] + "..."
