"""Result images, judged from the download of a result URL: decodable, of the asked ratio.

Declared here, judged here: the suite's results probe fetches each result URL and calls
``judge_result_image``; the validating proxy does the same with the download it made (or saw).
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from conformance.checks import declare
from conformance.contract import Limits, limits
from conformance.images import displayed_size
from conformance.probes.base import Recorder, body_text, evidence
from conformance.verdicts import Exchange
from toapis_spec import pixel_table, ratio_of

_LIM = limits()

IMAGES_MATCH_REQUEST = declare(
    "results-images-match-request",
    title="Result URLs serve decodable images with the requested aspect ratio.",
    promise="Each `result.data[].url` serves (after any redirect) an image in any format that "
    "decodes, whose aspect ratio as it displays (EXIF orientation applied) is the requested "
    f"`size` (default {_LIM.size_default}). An `image/*` Content-Type naming another format "
    "is a WARN (D-27).",
    source="#/components/schemas/Gpt4oImageSize, #/components/schemas/ResultImage",
    area="results",
    quote="size: An aspect ratio, not pixels: `1:1` (square), `2:3` (portrait), `3:2` (landscape)",
    decisions=("D-27",),
)
CHECK = IMAGES_MATCH_REQUEST

# Media types of the formats Pillow names, where they differ from "image/<format>".
_MIME_ALIASES = {"JPEG": {"image/jpeg", "image/jpg", "image/pjpeg"}, "TIFF": {"image/tiff"}}
# Relative; rounding to whole pixels, and the vendor's own reference tables (1792x1024 for
# 16:9), never move a ratio further.
RATIO_TOLERANCE = 0.02


def judge_result_image(
    rec: Recorder,
    lim: Limits,
    body: dict[str, Any],
    task_poll: Exchange,
    fetched: Exchange,
    url: str,
) -> None:
    """``fetched``: the GET of ``url``, one of the result URLs ``task_poll`` showed for a task
    created with ``body`` (a request for ``lim.model``)."""
    size = body.get("size", lim.size_default)
    ratio = ratio_of(size) if isinstance(size, str) else None
    resolution = lim.resolution_of(body)
    shape = f"with aspect ratio {size}" if ratio is not None else "(no ratio was asked)"
    expected = f"an image (any format that decodes) {shape} ({lim.model})"
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
            # As it displays: a file stored turned, with its EXIF orientation, shows upright.
            fmt, (width, height) = image.format, displayed_size(image)
    except Exception as exc:  # Pillow raises several types for undecodable data
        rec.fail(
            CHECK,
            evidence(f"the result is not a decodable image ({exc})", expected, task_poll, fetched),
        )
        return
    ratio_ok = ratio is None or (
        height > 0 and abs((width / height) / (ratio[0] / ratio[1]) - 1) <= RATIO_TOLERANCE
    )
    ctype = fetched.response.headers.get("content-type", "").split(";")[0].strip().lower()
    # The file name's extension is not judged: the docs promise nothing about result URL names.
    asked = f"{lim.model} size {size}" + (f" resolution {resolution}" if resolution else "")
    shown = f"{url}: {fmt} {width}x{height} served as {ctype or 'no Content-Type'} for {asked}"
    if not rec.expect(CHECK, ratio_ok, lambda: evidence(shown, expected, task_poll, fetched)):
        return
    # The exact pixel size, where the contract gives one as a promise (x-pixels; D-35).
    table = pixel_table(lim.model)
    promised = (
        table.pixels(str(size), resolution if table.by else None)
        if table is not None and table.promised and ratio is not None
        else None
    )
    if table is not None and promised is not None and (width, height) != promised:
        pixels = evidence(shown, f"{promised[0]}x{promised[1]} pixels", task_poll, fetched)
        if table.decision is None:  # the page's own size table: a documented promise
            rec.fail(CHECK, pixels)
        else:
            rec.warn(CHECK, pixels, table.decision)
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
