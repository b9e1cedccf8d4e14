"""Result images: real PNGs sized by the task's ``size``, identical for the same task."""

from __future__ import annotations

import functools
import hashlib
import io

from PIL import Image, ImageDraw

# `size` is an aspect ratio in the contract; these are the pixel sizes gpt-4o-image produces for it.
PIXELS: dict[str, tuple[int, int]] = {
    "1:1": (1024, 1024),
    "2:3": (1024, 1536),
    "3:2": (1536, 1024),
}


def pixels(size: str) -> tuple[int, int]:
    return PIXELS.get(size, PIXELS["1:1"])


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
