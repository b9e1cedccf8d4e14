"""Real image files for the requests the suite sends: servers tell uploads apart by content."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def image_bytes(fmt: str, size: tuple[int, int] = (48, 32)) -> bytes:
    """A small, valid image in Pillow format ``fmt`` ("PNG", "JPEG", "WEBP", "GIF")."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 60, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def padded_png(total: int) -> bytes:
    """A valid PNG of exactly ``total`` bytes: a tiny image plus a private ancillary chunk."""
    png = image_bytes("PNG", (8, 8))
    iend = png[-12:]
    head = png[:-12]
    overhead = 12  # length, type, CRC of the padding chunk
    pad = total - len(png) - overhead
    if pad < 0:
        raise ValueError("total is smaller than the smallest PNG")
    data = b"\0" * pad
    chunk = struct.pack(">I", pad) + b"prVt" + data + struct.pack(">I", zlib.crc32(b"prVt" + data))
    return head + chunk + iend
