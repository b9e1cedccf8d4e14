"""Every stated limit of each selected model's create request, at its edge and one step past.

The limits come from the contract (``conformance.edges``); the judging from
``conformance.judges.request_edges``. Reference images are the server's own uploads, so that
nothing but their number can make a server refuse them.

Budget: an accepted request is billed, and a lenient server may bill a refused one too (the
budget counts its worst case, ``conformance.budget``). Under ``--budget`` each probe takes its
cases cheapest first while they fit in the budget; a case left out is not run, with its cost
named in the run's notes (``n`` at 15 bills 15 images).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from conformance.budget import create_cost
from conformance.contract import limits
from conformance.edges import Edge, model_edges, set_value
from conformance.images import image_bytes
from conformance.judges.request_edges import (
    AT_EDGE,
    PAST_EDGE,
    judge_acceptance,
    judge_rejection,
)
from conformance.probes.base import Context, Probe, Recorder, Settings, body_text, uploaded_url
from toapis_spec import models

PROMPT = "A lighthouse on a cliff at dawn (toapis-conformance, a limit at its edge)"


@dataclass(frozen=True)
class Case:
    edge: Edge
    value: Any
    """The field's value, or for a reference list the number of images."""
    cost: int
    past: bool

    @property
    def what(self) -> str:
        shown = f"{self.value} image(s)" if self.edge.count else repr(self.value)
        return f"{self.edge.label} = {shown}"


def _placeholder_body(edge: Edge, value: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"model": edge.model}
    for name, fixed in edge.given.items():
        body = set_value(body, name, fixed)
    return set_value(
        body, edge.field, ["https://example.com/i.png"] * value if edge.count else value
    )


def _all_cases(settings: Settings, past: bool) -> list[Case]:
    return [
        Case(edge, value, create_cost(_placeholder_body(edge, value)), past)
        for model in settings.models
        for edge in model_edges(model)
        if (value := edge.past if past else edge.at) is not None
    ]


def cases(settings: Settings, past: bool) -> tuple[list[Case], list[Case]]:
    """The cases of the selected models (at the edges, or past them), and those the budget
    leaves out. Under ``--budget`` the cases of both checks are taken together, cheapest first
    (at the edge before past it), while their total fits; without one, all of them."""
    found = _all_cases(settings, past)
    if settings.budget is None:
        return found, []
    together = sorted(
        (
            (case.cost, side, index)
            for side in (False, True)
            for index, case in enumerate(_all_cases(settings, side))
        ),
    )
    kept: set[tuple[bool, int]] = set()
    total = 0
    for cost, side, index in together:
        if total + cost <= settings.budget:
            kept.add((side, index))
            total += cost
    chosen = [c for i, c in enumerate(found) if (past, i) in kept]
    return chosen, [c for i, c in enumerate(found) if (past, i) not in kept]


def _references(ctx: Context, rec: Recorder, check_id: str, count: int) -> list[str] | None:
    """``count`` distinct uploads of this server, or ``None`` (the reason recorded)."""
    urls: list[str] = []
    for index in range(count):
        uploaded = ctx.client.upload(
            image_bytes("PNG", (32 + index, 32)), filename=f"edge-reference-{index}.png"
        )
        url = uploaded_url(uploaded)
        if url is None:
            rec.not_run(check_id, f"uploading reference images failed: {body_text(uploaded, 120)}")
            return None
        urls.append(url)
    return urls


def _body(ctx: Context, case: Case, urls: list[str]) -> dict[str, Any]:
    edge = case.edge
    body = ctx.valid_body(prompt=PROMPT)
    for name, fixed in edge.given.items():
        body = set_value(body, name, fixed)
    value = case.value
    if edge.count:
        value = [urls[i % len(urls)] for i in range(case.value)]
        # One reference field at a time: a list and its alias together are refused (D-33).
        for other in ctx.limits.reference_fields:
            if other != edge.field:
                body.pop(other, None)
    return set_value(body, edge.field, value)


def _probe(check_id: str, past: bool) -> Probe:
    def run(ctx: Context, rec: Recorder) -> None:
        chosen, left = cases(ctx.settings, past)
        if left:
            shown = "; ".join(f"{case.what} (may bill {case.cost})" for case in left)
            rec.note(
                f"{check_id}: {len(left)} case(s) not run, cheaper edge cases took "
                f"--budget {ctx.settings.budget} first: {shown}"
            )
        if not chosen:
            reason = (
                "the contract states no such limit for any selected model (--model)"
                if not left
                else f"every case may bill more than --budget {ctx.settings.budget} allows"
            )
            rec.not_run(check_id, reason)
            return
        # The server's own uploads: as many distinct ones as the largest list at an edge.
        wanted = max((c.value for c in chosen if c.edge.count), default=0)
        needs_reference = any(limits(m).required_references for m in ctx.settings.models)
        urls = _references(ctx, rec, check_id, max(wanted, int(needs_reference)))
        if urls is None:
            chosen = [c for c in chosen if not c.edge.count]
            urls = []
        elif urls:
            ctx = replace(ctx, reference_url=urls[0])
        for case in chosen:
            _send(ctx.for_model(case.edge.model), rec, check_id, case, urls, past)

    def cost(settings: Settings) -> int:
        return sum(case.cost for case in cases(settings, past)[0])

    return Probe(check_id, (check_id,), run, cost, uploads=True)


def _send(
    ctx: Context, rec: Recorder, check_id: str, case: Case, urls: list[str], past: bool
) -> None:
    body = _body(ctx, case, urls)
    operation_id = models()[case.edge.model].operation_id
    created = ctx.client.create(body)
    if not past:
        judge_acceptance(rec, check_id, created, case.what, operation_id, case.edge.decision)
        return
    fields = (case.edge.field, *case.edge.given)
    if case.edge.count:
        fields += ctx.limits.reference_fields
    judge_rejection(rec, check_id, created, body, fields, case.what, operation_id)


PROBES = (_probe(AT_EDGE, past=False), _probe(PAST_EDGE, past=True))
