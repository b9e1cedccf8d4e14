"""Documented boundary values of the create request, one check each.

Schemathesis never happened to send these (measured.md), so each is an explicit case: the values the
docs call invalid must be refused with 400, the error envelope and ``param``; the values the docs
allow at the edge (``n: 1.0``, a prompt of exactly the maximum length) must be accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from conformance.budget import create_cost
from conformance.contract import (
    CREATE,
    Limits,
    limits,
    request_decision,
    request_errors,
    schema_errors,
)
from conformance.images import image_bytes
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    evidence,
    expect_documented,
    poll_until_final,
    require_status,
    uploaded_url,
)
from conformance.verdicts import CheckFailed, Exchange


def _long_prompt(length: int) -> str:
    unit = "a castle under the stars "
    return (unit * (length // len(unit) + 1))[:length]


def _invalid_cases(ctx: Context) -> dict[str, tuple[str, dict[str, Any]]]:
    """check id -> (the field(s) the error may name, "|"-separated, and the request body), for
    the checks that apply to the context's model: a model whose page states no prompt maximum,
    has no `n`, `size` or reference field, leaves the matching checks out."""
    lim = ctx.limits
    base = ctx.valid_body()
    image = "https://example.com/castle.jpg"
    without_prompt = {k: v for k, v in base.items() if k != "prompt"}
    cases: dict[str, tuple[str, dict[str, Any]]] = {
        "validation-rejects-missing-prompt": ("prompt", without_prompt),
        "validation-rejects-empty-prompt": ("prompt", {**base, "prompt": ""}),
    }
    if lim.prompt_max is not None:
        long_prompt = {**base, "prompt": _long_prompt(lim.prompt_max + 1)}
        cases["validation-rejects-prompt-over-limit"] = ("prompt", long_prompt)
    if lim.has_n:
        if lim.n_invalid is not None:
            cases["validation-rejects-n-outside-enum"] = ("n", {**base, "n": lim.n_invalid})
        cases["validation-rejects-n-string"] = ("n", {**base, "n": str(lim.n_default)})
        cases["validation-rejects-n-boolean"] = ("n", {**base, "n": True})
    if lim.size_invalid is not None:
        cases["validation-rejects-undocumented-size"] = ("size", {**base, "size": lim.size_invalid})
    # The model's reference-image field; an error may name it or an alias of it (`image_urls`
    # is normalised to `reference_images` for the gpt-image-2 family).
    field = lim.reference_field
    if field is not None:
        references = "|".join(lim.reference_fields)
        if lim.image_urls_max is not None:
            too_many = {**base, field: [image] * (lim.image_urls_max + 1)}
            cases["validation-rejects-too-many-image-urls"] = (references, too_many)
        data_url = {**base, field: ["data:image/png;base64,iVBORw0KGgo="]}
        cases["validation-rejects-data-url"] = (references, data_url)
        ftp_url = {**base, field: ["ftp://example.com/castle.jpg"]}
        cases["validation-rejects-ftp-url"] = (references, ftp_url)
    return cases


def _names_field(param: Any, fields: str) -> bool:
    """``param`` names a field: ``image_urls``, ``image_urls[5]``, ``image_urls.0`` all do."""
    return isinstance(param, str) and any(
        re.fullmatch(rf"{re.escape(field)}([\[./].*)?", param) is not None
        for field in fields.split("|")
    )


def _decided(body: dict[str, Any]) -> str | None:
    """The decision behind refusing ``body`` when the docs allow it (``x-decisions``), else
    ``None``: accepting a body the docs forbid is a FAIL, one only we forbid a WARN."""
    return None if request_errors(body, "server") else request_decision(body)


def _rejection_probe(check_id: str) -> Probe:
    def run(ctx: Context, rec: Recorder) -> None:
        # Every selected model the check applies to, with the body built from its schema.
        applicable = [
            c for m in ctx.settings.models if check_id in _invalid_cases(c := ctx.for_model(m))
        ]
        if not applicable:
            rec.not_run(check_id, "the docs state no such limit for any selected model (--model)")
        for mctx in applicable:
            _judge_rejection(mctx, rec, check_id)

    def cost(settings: Settings) -> int:
        # Planning happens before a Context exists; the bodies only depend on the contract.
        from conformance.contract import limits

        total = 0
        for model in settings.models:
            lim = limits(model)
            if not _applies(lim, check_id):
                continue
            n = {
                "validation-rejects-n-outside-enum": lim.n_invalid,
                "validation-rejects-n-string": str(lim.n_default),
                "validation-rejects-n-boolean": True,
            }.get(check_id, lim.n_default)
            total += create_cost({"model": model, "n": n})
        return total

    return Probe(check_id, (check_id,), run, cost)


def _applies(lim: Limits, check_id: str) -> bool:
    """Whether ``_invalid_cases`` has ``check_id`` for a model (known before any context)."""
    needs = {
        "validation-rejects-prompt-over-limit": lim.prompt_max is not None,
        "validation-rejects-n-outside-enum": lim.has_n and lim.n_invalid is not None,
        "validation-rejects-n-string": lim.has_n,
        "validation-rejects-n-boolean": lim.has_n,
        "validation-rejects-undocumented-size": lim.size_invalid is not None,
        "validation-rejects-too-many-image-urls": lim.image_urls_max is not None,
        "validation-rejects-data-url": lim.reference_field is not None,
        "validation-rejects-ftp-url": lim.reference_field is not None,
    }
    return needs.get(check_id, True)


def _judge_rejection(ctx: Context, rec: Recorder, check_id: str) -> None:
    field, body = _invalid_cases(ctx)[check_id]
    model = ctx.limits.model
    expected = f"HTTP 400, the ErrorResponse envelope, error.param naming {field!r} ({model})"
    exchange = ctx.client.create(body)
    try:
        data = require_status(exchange, 400, expected)
    except CheckFailed as failed:
        decision = _decided(body)
        if decision is not None:
            rec.warn(check_id, failed.evidence, decision)
        else:
            rec.fail(check_id, failed.evidence)
        return
    problems = schema_errors(CREATE, 400, data)
    param = (
        data.get("error", {}).get("param")
        if isinstance(data, dict) and isinstance(data.get("error"), dict)
        else None
    )
    if problems:
        rec.fail(
            check_id,
            evidence(
                f"the 400 body is not the error envelope: {'; '.join(problems)}",
                expected,
                exchange,
            ),
        )
    elif not _names_field(param, field):
        rec.fail(check_id, evidence(f"error.param is {param!r}, not {field!r}", expected, exchange))
    else:
        rec.ok(check_id)


def _acceptance_probe(
    check_id: str,
    make_body: Callable[[Context], dict[str, Any]],
    applies: Callable[[Limits], bool] = lambda lim: True,
) -> Probe:
    def run(ctx: Context, rec: Recorder) -> None:
        selected = [m for m in ctx.settings.models if applies(limits(m))]
        if not selected:
            rec.not_run(check_id, "the docs state no such value for any selected model (--model)")
        for model in selected:
            mctx = ctx.for_model(model)
            expected = f"HTTP 200 with a Task (the value is allowed by the docs for {model})"
            created = mctx.client.create(make_body(mctx))
            expect_documented(rec, check_id, created, CREATE, 200, expected)

    def cost(settings: Settings) -> int:
        return sum(1 for model in settings.models if applies(limits(model)))

    return Probe(check_id, (check_id,), run, cost)


def _mask_models(ctx: Context, rec: Recorder, check_id: str) -> list[Context]:
    """A context per selected model that has `mask_url`; none: the check is not run."""
    found = [ctx.for_model(m) for m in ctx.settings.models if limits(m).has_mask]
    if not found:
        rec.not_run(check_id, "no selected model (--model) has a `mask_url` in the contract")
    return found


def _mask_cost(settings: Settings) -> int:
    return sum(1 for model in settings.models if limits(model).has_mask)


def run_mask_non_png(ctx: Context, rec: Recorder) -> None:
    for mctx in _mask_models(ctx, rec, "validation-mask-non-png"):
        _mask_non_png(mctx, rec)


def _mask_non_png(ctx: Context, rec: Recorder) -> None:
    check_id = "validation-mask-non-png"
    reference = ctx.client.upload(
        image_bytes("PNG", (64, 64)), filename="reference.png", content_type="image/png"
    )
    mask = ctx.client.upload(
        image_bytes("JPEG", (64, 64)), filename="mask.jpg", content_type="image/jpeg"
    )
    urls = []
    for exchange in (reference, mask):
        url = uploaded_url(exchange)
        if url is None:
            rec.not_run(
                check_id,
                f"uploading the reference and the mask failed ({body_text(exchange, 120)})",
            )
            return
        urls.append(url)
    body = ctx.valid_body(
        image_urls=[urls[0]], mask_url=urls[1], prompt="Add fireworks above the castle"
    )
    _judge_refusal(ctx, rec, check_id, ctx.client.create(body), "a JPEG mask")


def run_mask_without_reference(ctx: Context, rec: Recorder) -> None:
    # The docs ask for a mask "with the same dimensions as the reference image" (DECISIONS.md
    # D-09) but name no error for a mask without one: either documented signal will do.
    check_id = "validation-rejects-mask-without-reference"
    for mctx in _mask_models(ctx, rec, check_id):
        body = mctx.valid_body(mask_url="https://example.com/mask.png")
        created = mctx.client.create(body)
        _judge_refusal(mctx, rec, check_id, created, "a mask without reference")


def _judge_refusal(
    ctx: Context, rec: Recorder, check_id: str, created: Exchange, what: str
) -> None:
    """A documented constraint whose failure signal the docs do not name: a 400 with the error
    envelope at creation, or a task that ends failed, are both right; a completed task is not."""
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
                f"the 400 body is not the error envelope: {'; '.join(problems)}", expected, created
            ),
        )
        return
    if (
        created.response.status != 200
        or not isinstance(task, dict)
        or not isinstance(task.get("id"), str)
    ):
        rec.fail(
            check_id, evidence(f"neither a 400 nor a task: {body_text(created)}", expected, created)
        )
        return
    polls, _ = poll_until_final(ctx, ctx.client, task["id"])
    last = polls[-1].json() if polls else None
    status = last.get("status") if isinstance(last, dict) else None
    if status == "completed":
        rec.fail(
            check_id,
            evidence(f"{what} produced a completed task", expected, created, polls[-1]),
        )
    elif status == "failed":
        rec.ok(check_id)
    else:
        rec.not_run(
            check_id, f"the task did not end within the bound (last: {body_text(polls[-1], 120)})"
        )


PROBES: tuple[Probe, ...] = (
    *(
        _rejection_probe(check_id)
        for check_id in (
            "validation-rejects-missing-prompt",
            "validation-rejects-prompt-over-limit",
            "validation-rejects-n-outside-enum",
            "validation-rejects-n-string",
            "validation-rejects-n-boolean",
            "validation-rejects-undocumented-size",
            "validation-rejects-too-many-image-urls",
            "validation-rejects-data-url",
            "validation-rejects-ftp-url",
            "validation-rejects-empty-prompt",
        )
    ),
    _acceptance_probe(
        "validation-accepts-n-float", lambda ctx: ctx.valid_body(n=1.0), lambda lim: lim.has_n
    ),
    _acceptance_probe(
        "validation-accepts-prompt-at-limit",
        lambda ctx: ctx.valid_body(prompt=_long_prompt(ctx.limits.prompt_max or 0)),
        lambda lim: lim.prompt_max is not None,
    ),
    Probe(
        "validation-mask-non-png",
        ("validation-mask-non-png",),
        run_mask_non_png,
        _mask_cost,
        uploads=True,
    ),
    Probe(
        "validation-rejects-mask-without-reference",
        ("validation-rejects-mask-without-reference",),
        run_mask_without_reference,
        _mask_cost,
    ),
)
