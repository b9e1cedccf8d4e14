"""Editing masks at the limits their pages state: the reference's pixel size and the file size.

One probe per run: it uploads a reference image and three PNG masks (one that meets every rule,
one of another pixel size, one a byte over the model's mask limit), then, for each selected model
with a `mask_url`, sends the matching mask first. Only when that is accepted do the refusals of
the wrong masks mean something (a server that refuses every mask would pass them otherwise).
"""

from __future__ import annotations

import io

from PIL import Image

from conformance.budget import create_cost
from conformance.contract import limits
from conformance.images import padded_png
from conformance.judges.request_edges import (
    MASK_OVER_LIMIT,
    MASK_SIZE_MISMATCH,
    MATCHING_MASK,
    judge_acceptance,
    judge_refusal,
)
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    final_poll,
    uploaded_url,
)
from conformance.verdicts import Exchange
from toapis_spec import models

CHECKS = (MATCHING_MASK, MASK_SIZE_MISMATCH, MASK_OVER_LIMIT)
REFERENCE_SIZE = (64, 64)
OTHER_SIZE = (48, 64)
PROMPT = "Repaint the masked sky above the castle (toapis-conformance)"


def mask_png(size: tuple[int, int]) -> bytes:
    """A PNG mask with an alpha channel (the gpt-image-2 pages ask for one): the top half
    transparent (to repaint), the rest opaque."""
    image = Image.new("RGBA", size, (0, 0, 0, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0], size[1] // 2))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def reference_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", REFERENCE_SIZE, (30, 60, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def _mask_models(models_: tuple[str, ...]) -> list[str]:
    return [m for m in models_ if limits(m).has_mask]


def _cost(settings: Settings) -> int:
    total = 0
    for model in _mask_models(settings.models):
        sends = 3 if limits(model).mask_max_bytes is not None else 2
        total += sends * create_cost({"model": model})
    return total


def run(ctx: Context, rec: Recorder) -> None:
    selected = _mask_models(ctx.settings.models)
    if not selected:
        for check_id in CHECKS:
            rec.not_run(check_id, "no selected model (--model) has a `mask_url` in the contract")
        return
    files = {
        "reference": reference_png(),
        "matching": mask_png(REFERENCE_SIZE),
        "mismatched": mask_png(OTHER_SIZE),
    }
    urls: dict[str, str] = {}
    for name, content in files.items():
        exchange = ctx.client.upload(content, filename=f"{name}.png", content_type="image/png")
        url = uploaded_url(exchange)
        if url is None:
            for check_id in CHECKS:
                rec.not_run(
                    check_id, f"uploading the {name} image failed: {body_text(exchange, 120)}"
                )
            return
        urls[name] = url
    large: dict[int, str | None] = {}
    for model in selected:
        mctx = ctx.for_model(model)
        operation_id = models()[model].operation_id

        def create(mask: str, mctx: Context = mctx) -> Exchange:
            body = mctx.valid_body(image_urls=[urls["reference"]], mask_url=mask, prompt=PROMPT)
            return mctx.client.create(body)

        accepted = judge_acceptance(
            rec,
            MATCHING_MASK,
            create(urls["matching"]),
            f"{model}: a PNG mask of the reference's {REFERENCE_SIZE[0]}x{REFERENCE_SIZE[1]} px",
            operation_id,
        )
        if not accepted:
            reason = f"{model} refused a mask that meets every rule: a refusal shows nothing"
            rec.not_run(MASK_SIZE_MISMATCH, reason)
            rec.not_run(MASK_OVER_LIMIT, reason)
            continue
        what = f"{model}: a {OTHER_SIZE[0]}x{OTHER_SIZE[1]} px mask for a 64x64 px reference"
        _refused(mctx, rec, MASK_SIZE_MISMATCH, create(urls["mismatched"]), what)
        limit = mctx.limits.mask_max_bytes
        if limit is None:
            rec.not_run(MASK_OVER_LIMIT, f"the contract states no mask size limit for {model}")
            continue
        if limit not in large:
            content = padded_png(limit + 1, REFERENCE_SIZE)
            exchange = ctx.client.upload(content, filename="large-mask.png")
            large[limit] = uploaded_url(exchange)
            if large[limit] is None:
                rec.not_run(
                    MASK_OVER_LIMIT,
                    f"uploading a {limit + 1}-byte mask failed: {body_text(exchange, 120)}",
                )
        mask = large[limit]
        if mask is not None:
            what = f"{model}: a mask of {limit + 1} bytes (the limit is {limit})"
            _refused(mctx, rec, MASK_OVER_LIMIT, create(mask), what)


def _refused(ctx: Context, rec: Recorder, check_id: str, created: Exchange, what: str) -> None:
    judge_refusal(rec, check_id, created, final_poll(ctx, created), what)


PROBES = (Probe("validation-masks", CHECKS, run, _cost, uploads=True),)
