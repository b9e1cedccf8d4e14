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
from conformance.checks import DECIDED, declare
from conformance.contract import (
    CREATE,
    Limits,
    limits,
    request_decision,
    request_errors,
    schema_errors,
)
from conformance.images import image_bytes
from conformance.judges.request_edges import judge_refusal
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    evidence,
    expect_documented,
    final_poll,
    require_status,
    uploaded_url,
)
from conformance.verdicts import CheckFailed, Exchange

_REQUEST = "#/components/schemas/Gpt4oImageGenerationRequest"
_LIM = limits()
# The default model (the contract's first) has every limit these titles quote.
assert _LIM.prompt_max is not None
assert _LIM.image_urls_max is not None
_PROMPT_MAX: int = _LIM.prompt_max
_URLS_MAX: int = _LIM.image_urls_max


def _values(values: tuple[object, ...]) -> str:
    shown = [f"`{v}`" for v in values]
    return ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]


def _invalid(slug: str, what: str, field: str, source: str, quote: str) -> str:
    return declare(
        f"validation-rejects-{slug}",
        title=f"A create request with {what} is rejected with 400 and `param` {field!r}.",
        promise=(
            f"{what[0].upper()}{what[1:]} violates the documented request rules; the server "
            f"answers 400 with the error envelope and `error.param` naming `{field}`."
        ),
        source=source,
        area="validation",
        quote=quote,
    )


MISSING_PROMPT = _invalid(
    "missing-prompt",
    "no `prompt`",
    "prompt",
    f"{_REQUEST}/required",
    "prompt: required; 400 example: \"The 'prompt' field is required.\"",
)
PROMPT_OVER_LIMIT = _invalid(
    "prompt-over-limit",
    f"a prompt of {_PROMPT_MAX + 1} characters (one over the limit)",
    "prompt",
    f"{_REQUEST}/properties/prompt",
    "prompt: Max 1000 characters",
)
N_OUTSIDE_ENUM = _invalid(
    "n-outside-enum",
    f"`n: {_LIM.n_invalid}` (allowed: {_values(_LIM.n_values)})",
    "n",
    f"{_REQUEST}/properties/n",
    "n: Allowed 1, 2, 4",
)
N_STRING = _invalid(
    "n-string",
    f'the string `n: "{_LIM.n_default}"`',
    "n",
    f"{_REQUEST}/properties/n",
    'n: Must be a JSON number; the docs say a quoted "1" causes an error',
)
N_BOOLEAN = _invalid(
    "n-boolean",
    "`n: true`",
    "n",
    f"{_REQUEST}/properties/n",
    "n: integer; Must be a JSON number",
)
UNDOCUMENTED_SIZE = _invalid(
    "undocumented-size",
    f'`size: "{_LIM.size_invalid}"` (allowed: {_values(_LIM.sizes)})',
    "size",
    "#/components/schemas/Gpt4oImageSize",
    "size: Enum `1:1`, `2:3`, `3:2`",
)
TOO_MANY_IMAGE_URLS = _invalid(
    "too-many-image-urls",
    f"{_URLS_MAX + 1} `image_urls` (one over the limit)",
    "image_urls",
    f"{_REQUEST}/properties/image_urls",
    "image_urls: Max 5 images",
)
DATA_URL = _invalid(
    "data-url",
    "a `data:` URL in `image_urls`",
    "image_urls",
    "#/components/schemas/ImageUrl",
    "Each must be a public http:// or https:// URL (base64 no longer supported)",
)
FTP_URL = _invalid(
    "ftp-url",
    "an `ftp://` URL in `image_urls`",
    "image_urls",
    "#/components/schemas/ImageUrl",
    "Each must be a public http:// or https:// URL",
)
EMPTY_PROMPT = declare(
    "validation-rejects-empty-prompt",
    title="A create request with an empty prompt is refused (400 naming `prompt`).",
    promise="An empty prompt asks for nothing; the documented 400 is the natural answer. The docs "
    f"say only that the prompt is required and at most {_PROMPT_MAX} characters, so accepting "
    "one is a WARN.",
    source=f"{_REQUEST}/properties/prompt (x-decisions: minLength)",
    area="validation",
    basis=DECIDED,
    decisions=("D-14",),
)
MASK_WITHOUT_REFERENCE = declare(
    "validation-rejects-mask-without-reference",
    title="A create request with `mask_url` but no `image_urls` never produces a completed task.",
    promise="The mask must match the dimensions of the reference image, so a mask without a "
    "reference cannot be honoured. The docs name no error for it: a 400 with the error "
    "envelope, or a task that ends failed, are both accepted.",
    source=f"{_REQUEST} (if mask_url then image_urls; DECISIONS.md D-09)",
    area="validation",
    basis=DECIDED,
    decisions=("D-09",),
)
N_FLOAT = declare(
    "validation-accepts-n-float",
    title="`n: 1.0` (a valid JSON integer) is accepted.",
    promise=f"`n` is the JSON number {_values(_LIM.n_values)}; JSON Schema counts 1.0 as the "
    "integer 1.",
    source=f"{_REQUEST}/properties/n",
    area="validation",
    basis=DECIDED,
    decisions=("D-15",),
)
PROMPT_AT_LIMIT = declare(
    "validation-accepts-prompt-at-limit",
    title="A prompt of exactly the maximum length is accepted.",
    promise=f"The prompt holds at most {_PROMPT_MAX} characters, so that many are allowed.",
    source=f"{_REQUEST}/properties/prompt",
    area="validation",
    quote="prompt: Max 1000 characters",
)
MASK_NON_PNG = declare(
    "validation-mask-non-png",
    title="A non-PNG `mask_url` is refused (400 or a failed task), never completed.",
    promise="The mask must be a PNG. The docs do not say how a wrong mask fails, so either a 400 "
    "or a failed task is accepted; a completed task is not.",
    source=f"{_REQUEST}/properties/mask_url",
    area="validation",
    quote="mask_url: Must be PNG",
)


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
        MISSING_PROMPT: ("prompt", without_prompt),
        EMPTY_PROMPT: ("prompt", {**base, "prompt": ""}),
    }
    if lim.prompt_max is not None:
        long_prompt = {**base, "prompt": _long_prompt(lim.prompt_max + 1)}
        cases[PROMPT_OVER_LIMIT] = ("prompt", long_prompt)
    if lim.has_n:
        if lim.n_invalid is not None:
            cases[N_OUTSIDE_ENUM] = ("n", {**base, "n": lim.n_invalid})
        cases[N_STRING] = ("n", {**base, "n": str(lim.n_default)})
        cases[N_BOOLEAN] = ("n", {**base, "n": True})
    if lim.size_invalid is not None:
        cases[UNDOCUMENTED_SIZE] = ("size", {**base, "size": lim.size_invalid})
    # The model's reference-image field; an error may name it or an alias of it (`image_urls`
    # is normalised to `reference_images` for the gpt-image-2 family).
    field = lim.reference_field
    if field is not None:
        references = "|".join(lim.reference_fields)
        if lim.image_urls_max is not None:
            too_many = {**base, field: [image] * (lim.image_urls_max + 1)}
            cases[TOO_MANY_IMAGE_URLS] = (references, too_many)
        data_url = {**base, field: ["data:image/png;base64,iVBORw0KGgo="]}
        cases[DATA_URL] = (references, data_url)
        ftp_url = {**base, field: ["ftp://example.com/castle.jpg"]}
        cases[FTP_URL] = (references, ftp_url)
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
                N_OUTSIDE_ENUM: lim.n_invalid,
                N_STRING: str(lim.n_default),
                N_BOOLEAN: True,
            }.get(check_id, lim.n_default)
            total += create_cost({"model": model, "n": n})
        return total

    return Probe(check_id, (check_id,), run, cost)


def _applies(lim: Limits, check_id: str) -> bool:
    """Whether ``_invalid_cases`` has ``check_id`` for a model (known before any context)."""
    needs = {
        PROMPT_OVER_LIMIT: lim.prompt_max is not None,
        N_OUTSIDE_ENUM: lim.has_n and lim.n_invalid is not None,
        N_STRING: lim.has_n,
        N_BOOLEAN: lim.has_n,
        UNDOCUMENTED_SIZE: lim.size_invalid is not None,
        TOO_MANY_IMAGE_URLS: lim.image_urls_max is not None,
        DATA_URL: lim.reference_field is not None,
        FTP_URL: lim.reference_field is not None,
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
    for mctx in _mask_models(ctx, rec, MASK_NON_PNG):
        _mask_non_png(mctx, rec)


def _mask_non_png(ctx: Context, rec: Recorder) -> None:
    check_id = MASK_NON_PNG
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
    check_id = MASK_WITHOUT_REFERENCE
    for mctx in _mask_models(ctx, rec, check_id):
        body = mctx.valid_body(mask_url="https://example.com/mask.png")
        created = mctx.client.create(body)
        _judge_refusal(mctx, rec, check_id, created, "a mask without reference")


def _judge_refusal(
    ctx: Context, rec: Recorder, check_id: str, created: Exchange, what: str
) -> None:
    """A documented constraint whose failure signal the docs do not name: a 400 with the error
    envelope at creation, or a task that ends failed, are both right; a completed task is not."""
    judge_refusal(rec, check_id, created, final_poll(ctx, created), what)


PROBES: tuple[Probe, ...] = (
    *(
        _rejection_probe(check_id)
        for check_id in (
            MISSING_PROMPT,
            PROMPT_OVER_LIMIT,
            N_OUTSIDE_ENUM,
            N_STRING,
            N_BOOLEAN,
            UNDOCUMENTED_SIZE,
            TOO_MANY_IMAGE_URLS,
            DATA_URL,
            FTP_URL,
            EMPTY_PROMPT,
        )
    ),
    _acceptance_probe(N_FLOAT, lambda ctx: ctx.valid_body(n=1.0), lambda lim: lim.has_n),
    _acceptance_probe(
        PROMPT_AT_LIMIT,
        lambda ctx: ctx.valid_body(prompt=_long_prompt(ctx.limits.prompt_max or 0)),
        lambda lim: lim.prompt_max is not None,
    ),
    Probe(
        MASK_NON_PNG,
        (MASK_NON_PNG,),
        run_mask_non_png,
        _mask_cost,
        uploads=True,
    ),
    Probe(
        MASK_WITHOUT_REFERENCE,
        (MASK_WITHOUT_REFERENCE,),
        run_mask_without_reference,
        _mask_cost,
    ),
)
