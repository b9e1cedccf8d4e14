"""Result images: real PNGs sized by the task's model, ``size`` and ``resolution``, identical for
the same task."""

from __future__ import annotations

import functools
import hashlib
import io

from PIL import Image, ImageDraw

import toapis_spec


@functools.cache
def _table(model: str) -> toapis_spec.PixelTable | None:
    return toapis_spec.pixel_table(model)


def pixels(
    size: str, model: str = "gpt-4o-image", resolution: str | None = None
) -> tuple[int, int]:
    """Width and height of a result image: the contract's table for the model (``x-pixels``),
    whose first size is the documented default; a size or resolution the table does not hold
    (a defect let it through) falls back to that default."""
    table = _table(model) or _table("gpt-4o-image")
    assert table is not None, "the contract has no pixel table for gpt-4o-image"
    row = table.sizes.get(size) or next(iter(table.sizes.values()))
    key = resolution if table.by is not None else None
    found = row.get(key)
    return found if found is not None else next(iter(row.values()))


@functools.lru_cache(maxsize=64)
def render(seed: int, task_id: str, index: int, width: int, height: int, fmt: str = "PNG") -> bytes:
    """A flat background with a centred block, colours derived from (seed, task, index).

    Flat areas keep the encoded file at a few kilobytes and the encoding at a few milliseconds.
    """
    digest = hashlib.sha256(f"{seed}/{task_id}/{index}".encode()).digest()
    background = (digest[0], digest[1], digest[2])
    block = (255 - digest[0], 255 - digest[1], 255 - digest[2])
    image = Image.new("RGB", (width, height), background)
    ImageDraw.Draw(image).rectangle(
        (width // 4, height // 4, 3 * width // 4 - 1, 3 * height // 4 - 1), fill=block
    )
    out = io.BytesIO()
    if fmt == "PNG":
        image.save(out, format="PNG", compress_level=6)
    else:
        image.save(out, format=fmt, quality=80)
    return out.getvalue()
