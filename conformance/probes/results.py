"""Result URLs serve real images with the requested aspect ratio (decoded with Pillow)."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    evidence,
    poll_until_final,
)
from conformance.verdicts import Exchange

CHECK = "results-images-match-request"
# Media types of the formats Pillow names, where they differ from "image/<format>".
_MIME_ALIASES = {"JPEG": {"image/jpeg", "image/jpg", "image/pjpeg"}, "TIFF": {"image/tiff"}}
_TOLERANCE = 0.02  # relative; rounding to whole pixels never moves a ratio further


def _requests(ctx: Context) -> list[dict[str, Any]]:
    """A few requests covering every documented size once (the default among them)."""
    sizes = list(ctx.limits.sizes)
    bodies: list[dict[str, Any]] = [ctx.valid_body()]  # no size: the documented default applies
    n_two = 2 if 2 in ctx.limits.n_values else ctx.limits.n_default
    for index, size in enumerate(s for s in sizes if s != ctx.limits.size_default):
        bodies.append(ctx.valid_body(size=size, n=n_two if index == 0 else 1))
    return bodies


def _cost(settings: Settings) -> int:
    from conformance.contract import limits

    lim = limits()
    return 1 + 2 + (len(lim.sizes) - 2)


def _check_image(ctx: Context, rec: Recorder, size: str, task_poll: Exchange, url: str) -> None:
    fetched = ctx.client.fetch(url)
    expected = f"an image (any format that decodes) with aspect ratio {size}"
    if fetched.response is None or fetched.response.status != 200:
        rec.fail(
            CHECK,
            evidence(
                f"the result URL did not serve the image: {body_text(fetched, 120)}",
                expected,
                task_poll,
                fetched,
            ),
        )
        return
    try:
        with Image.open(io.BytesIO(fetched.response.body)) as image:
            fmt, (width, height) = image.format, image.size
    except Exception as exc:  # Pillow raises several types for undecodable data
        rec.fail(
            CHECK,
            evidence(f"the result is not a decodable image ({exc})", expected, task_poll, fetched),
        )
        return
    a, b = (int(part) for part in size.split(":"))
    ratio_ok = height > 0 and abs((width / height) / (a / b) - 1) <= _TOLERANCE
    ctype = fetched.response.headers.get("content-type", "").split(";")[0].strip().lower()
    # The file name's extension is not judged: the docs promise nothing about result URL names.
    shown = f"{url}: {fmt} {width}x{height} served as {ctype or 'no Content-Type'} for size {size}"
    if not rec.expect(CHECK, ratio_ok, lambda: evidence(shown, expected, task_poll, fetched)):
        return
    labels = _MIME_ALIASES.get(str(fmt), {f"image/{str(fmt).lower()}"})
    if ctype.startswith("image/") and ctype not in labels:
        rec.warn(
            CHECK,
            evidence(
                shown,
                "an image/* Content-Type that names the file's real format",
                task_poll,
                fetched,
            ),
            "D-27",
        )


def run_results(ctx: Context, rec: Recorder) -> None:
    # Every task is created before any is waited for, so the waits overlap: one task duration
    # for the probe, not one per size.
    waiting: list[tuple[str, str]] = []
    for body in _requests(ctx):
        size = body.get("size", ctx.limits.size_default)
        created = ctx.client.create(body)
        task = created.json()
        if (
            created.response is None
            or created.response.status != 200
            or not isinstance(task, dict)
            or not isinstance(task.get("id"), str)
        ):
            rec.not_run(
                CHECK, f"a valid create request was not accepted: {body_text(created, 120)}"
            )
            continue
        waiting.append((size, task["id"]))
    for size, task_id in waiting:
        polls, _ = poll_until_final(ctx, ctx.client, task_id)
        final = polls[-1].json() if polls else None
        if not isinstance(final, dict) or final.get("status") != "completed":
            rec.not_run(CHECK, "no task completed, so no result URL could be fetched")
            continue
        result = final.get("result")
        data = result.get("data") if isinstance(result, dict) else None
        for item in data if isinstance(data, list) else []:
            url = item.get("url") if isinstance(item, dict) else None
            if isinstance(url, str):
                _check_image(ctx, rec, size, polls[-1], url)


PROBE = Probe("results", (CHECK,), run_results, _cost)
