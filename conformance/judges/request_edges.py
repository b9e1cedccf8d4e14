"""Create requests at and past the edges of what the docs allow, judged from their exchanges.

Declared here, judged here: the probes (``conformance.probes.edges``, ``conformance.probes.masks``)
send the requests and hand each exchange to these functions; the validating proxy can hand them
what it saw. Each function writes to a ``Recorder`` and nothing else.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.checks import declare
from conformance.contract import CREATE, request_decision, request_errors, schema_errors
from conformance.probes.base import Recorder, body_text, evidence
from conformance.verdicts import Exchange

_MASK = "#/components/schemas/Gpt4oImageGenerationRequest/properties/mask_url"
_MEMBERS = "#/components/schemas/ImageGenerationRequest (each model's member schema)"

MASK_SIZE_MISMATCH = declare(
    "validation-rejects-mask-size-mismatch",
    title="A PNG mask of another pixel size than the reference image is refused (400 or a "
    "failed task), never completed.",
    promise="The mask must have the dimensions of the (first) reference image. The docs do not "
    "say how a wrong mask fails, so a 400 with the error envelope or a task that ends `failed` "
    "are both right; a completed task is not.",
    source=f"{_MASK}; the gpt-image-2 members' `mask_url`",
    area="validation",
    quote="mask_url: Size must match the reference image (gpt-4o); Must match the dimensions of "
    "the first reference image (gpt-image-2)",
)
MASK_OVER_LIMIT = declare(
    "validation-rejects-mask-over-limit",
    title="A PNG mask one byte over the model's mask limit is refused (400 or a failed task), "
    "never completed.",
    promise="The mask file may not exceed the limit the page states (`x-max-bytes` of the "
    "model's `mask_url`), although uploads allow larger files; a 400 with the error envelope or "
    "a task that ends `failed` are both right, a completed task is not.",
    source=f"{_MASK}/x-max-bytes",
    area="validation",
    quote="mask_url: Maximum 4MB",
)
MATCHING_MASK = declare(
    "validation-accepts-matching-mask",
    title="A PNG mask of the reference image's pixel size, under the limit, is accepted.",
    promise="An editing request with a reference image and a mask that meets every stated rule "
    "(PNG with an alpha channel, the reference's dimensions, within the size limit) answers 200 "
    "with a Task: without it, the refusals of the other mask checks would prove nothing.",
    source=_MASK,
    area="validation",
    quote="mask_url: Mask image URL (for image editing) - Must be PNG format - Size must match "
    "the reference image",
)
AT_EDGE = declare(
    "validation-accepts-at-edge",
    title="Every stated request limit of each selected model accepts the value at its edge.",
    promise="A value at the edge of a documented limit (the largest and smallest `n`, numeric "
    "options at their minimum and maximum, the most and fewest reference images, the Seedream "
    "total of reference plus generated images) answers 200 with a Task. A refusal of a limit "
    "only a decision states is a WARN naming it.",
    source=_MEMBERS,
    area="validation",
    quote="n: Range: 1-15 (minimum 1, maximum 15); image_urls: Maximum 5 images; The total of "
    "reference images + generated images must be ≤ 15 (and each page's parameter table)",
    decisions=("D-30", "D-34", "D-45", "D-48"),
)
PAST_EDGE = declare(
    "validation-rejects-past-edge",
    title="Every stated request limit of each selected model refuses the value one step past "
    "its edge with 400 and the field in `param`.",
    promise="A value one step past a documented limit (`n` below or above its values, a numeric "
    "option outside its range, one reference image too many or too few, a string outside its "
    "values) is answered 400 with the error envelope and `error.param` naming the field. "
    "Accepting a value only a decision forbids is a WARN naming it.",
    source=_MEMBERS,
    area="validation",
    quote="n: Range: 1-15 (minimum 1, maximum 15); image_urls: Maximum 5 images; 400 example: "
    '`"param": "prompt"`',
    decisions=("D-30", "D-31", "D-32", "D-34", "D-45", "D-48"),
)


def names_field(param: Any, fields: tuple[str, ...]) -> bool:
    """``param`` names one of ``fields`` (dotted paths) or the top-level field holding it:
    ``image_urls``, ``image_urls[5]``, ``metadata`` and ``metadata.topP`` all name
    ``metadata.topP``'s or ``image_urls``' field."""
    if not isinstance(param, str):
        return False
    names = {f for field in fields for f in (field, field.split(".")[0])}
    return any(re.fullmatch(rf"{re.escape(name)}([\[./].*)?", param) for name in names)


def judge_refusal(
    rec: Recorder, check_id: str, created: Exchange, final: Exchange | None, what: str
) -> None:
    """A constraint whose failure signal the docs do not name: a 400 with the error envelope
    at creation, or a task that ends failed (``final``: its last poll, ``None`` when the create
    made no task or the task did not end), are both right; a completed task is not."""
    expected = (
        "HTTP 400 with the error envelope, or a task that ends failed; never a completed task"
    )
    if created.response is None:
        rec.fail(check_id, evidence(f"no response: {created.transport_error}", expected, created))
        return
    task = created.json()
    if created.response.status == 400:
        problems = schema_errors(CREATE, 400, task)
        rec.expect(
            check_id,
            not problems,
            lambda: evidence(
                f"{what}: the 400 body is not the error envelope: {'; '.join(problems)}",
                expected,
                created,
            ),
        )
        return
    if created.response.status != 200 or not isinstance(task, dict):
        rec.fail(
            check_id,
            evidence(f"{what}: neither a 400 nor a task: {body_text(created)}", expected, created),
        )
        return
    last = final.json() if final is not None else None
    status = last.get("status") if isinstance(last, dict) else None
    if status == "completed" and final is not None:
        rec.fail(check_id, evidence(f"{what} produced a completed task", expected, created, final))
    elif status == "failed":
        rec.ok(check_id)
    else:
        shown = body_text(final, 120) if final is not None else "no poll"
        rec.not_run(check_id, f"{what}: the task did not end within the bound (last: {shown})")


def judge_acceptance(
    rec: Recorder,
    check_id: str,
    created: Exchange,
    what: str,
    operation_id: str = CREATE,
    decision: str | None = None,
) -> bool:
    """A request the contract allows answered 200 with a documented Task. A refusal of a value
    only ``decision`` allows (or forbids beyond the docs) is a WARN naming it."""
    expected = f"HTTP 200 with a Task ({what} is allowed)"
    response = created.response
    problems: list[str] = []
    if response is not None and response.status == 200:
        problems = schema_errors(operation_id, 200, created.json())
        if not problems:
            rec.ok(check_id)
            return True
    if response is None:
        message = f"{what}: no response: {created.transport_error}"
    elif problems:
        message = f"{what}: the 200 body is not a documented Task: {'; '.join(problems)}"
    else:
        message = f"{what} was refused: {body_text(created)}"
    found = evidence(message, expected, created)
    if decision is not None and not problems:
        rec.warn(check_id, found, decision)
    else:
        rec.fail(check_id, found)
    return False


def judge_rejection(
    rec: Recorder,
    check_id: str,
    created: Exchange,
    body: dict[str, Any],
    fields: tuple[str, ...],
    what: str,
    operation_id: str = CREATE,
) -> None:
    """A request past a limit answered 400 with the error envelope and ``param`` naming one of
    ``fields``. What only a decision forbids (the docs allow it) is a WARN naming it; a body
    both views allow is no case at all (nothing is recorded)."""
    documented = bool(request_errors(body, "server"))
    decision = None if documented else request_decision(body)
    if not documented and decision is None:
        return
    expected = f"HTTP 400, the error envelope, error.param naming {' or '.join(fields)} ({what})"
    response = created.response
    data = created.json()
    if response is None or response.status != 400:
        shown = (
            f"no response: {created.transport_error}" if response is None else body_text(created)
        )
        found = evidence(f"{what} was not refused with 400: {shown}", expected, created)
    else:
        problems = schema_errors(operation_id, 400, data)
        error = data.get("error") if isinstance(data, dict) else None
        param = error.get("param") if isinstance(error, dict) else None
        if problems:
            message = f"{what}: the 400 body is not the error envelope: {'; '.join(problems)}"
            found = evidence(message, expected, created)
        elif not names_field(param, fields):
            found = evidence(f"{what}: error.param is {param!r}", expected, created)
        else:
            rec.ok(check_id)
            return
    if decision is not None:
        rec.warn(check_id, found, decision)
    else:
        rec.fail(check_id, found)
