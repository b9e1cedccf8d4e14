"""Result images: real PNGs sized by the task's model, ``size`` and ``resolution``, identical for
the same task."""

from __future__ import annotations

import functools
import hashlib
import io
import math
from typing import Any

from PIL import Image, ImageDraw

import toapis_spec


@functools.cache
def _table(model: str) -> toapis_spec.PixelTable | None:
    return toapis_spec.pixel_table(model)


# Where a page states no pixel sizes, results are about one megapixel at the asked ratio: the
# docs promise only the ratio (D-46), and small images keep the mock fast.
_BASE_EDGE = 1024
_FALLBACK = (1024, 1024)


def at_ratio(width: int, height: int) -> tuple[int, int]:
    """About ``_BASE_EDGE``² pixels with the aspect ratio ``width:height``."""
    scale = math.sqrt(width / height)
    return max(1, round(_BASE_EDGE * scale)), max(1, round(_BASE_EDGE / scale))


def pixels(
    size: str,
    model: str = "gpt-4o-image",
    resolution: str | None = None,
    reference: str | None = None,
) -> tuple[int, int]:
    """Width and height of a result image.

    The contract's table for the model (``x-pixels``) where it has one (a size or tier the table
    does not hold, let through by a defect, falls back to its first entry); else the ratio the
    ``size`` names; a ``size`` that names none (``auto``, ``match_input_image``, absent) takes
    the first reference image's shape (``reference``, ``WxH``) or, without one, a square."""
    table = _table(model)
    ratio = toapis_spec.ratio_of(size)
    if table is not None and (ratio is not None or size in table.sizes):
        row = table.sizes.get(size) or next(iter(table.sizes.values()))
        found = row.get(resolution if table.by is not None else None)
        return found if found is not None else next(iter(row.values()))
    if ratio is not None:
        return at_ratio(*ratio)
    if reference is not None:
        width, _, height = reference.partition("x")
        return at_ratio(int(width), int(height))
    return _FALLBACK


# EXIF orientation 6: the stored image is displayed turned 90 degrees clockwise.
EXIF_ORIENTATION, ROTATE_90_CW = 0x0112, 6


@functools.lru_cache(maxsize=64)
def render(
    seed: int,
    task_id: str,
    index: int,
    width: int,
    height: int,
    fmt: str = "PNG",
    turned: bool = False,
) -> bytes:
    """A flat background with a centred block, colours derived from (seed, task, index).

    Flat areas keep the encoded file at a few kilobytes and the encoding at a few milliseconds.
    ``turned`` (the ``exif-rotated-results`` variant) stores the image a quarter turn
    anticlockwise, ``height`` x ``width``, tagged to be displayed turned back: it shows as
    ``width`` x ``height``.
    """
    digest = hashlib.sha256(f"{seed}/{task_id}/{index}".encode()).digest()
    background = (digest[0], digest[1], digest[2])
    block = (255 - digest[0], 255 - digest[1], 255 - digest[2])
    image = Image.new("RGB", (width, height), background)
    ImageDraw.Draw(image).rectangle(
        (width // 4, height // 4, 3 * width // 4 - 1, 3 * height // 4 - 1), fill=block
    )
    options: dict[str, Any] = {"compress_level": 6} if fmt == "PNG" else {"quality": 80}
    if turned:
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = ROTATE_90_CW
        options["exif"] = exif
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def half_size(data: bytes) -> bytes:
    """An image file at half its width and height (at least 1x1), in its own format."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format or "PNG"
        small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
        out = io.BytesIO()
        small.save(out, format=fmt)
        return out.getvalue()
