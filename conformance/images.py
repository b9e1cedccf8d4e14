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


def padded_png(total: int, size: tuple[int, int] = (8, 8)) -> bytes:
    """A valid PNG of exactly ``total`` bytes: an image of ``size`` pixels (tiny by default)
    plus a private ancillary chunk."""
    png = image_bytes("PNG", size)
    iend = png[-12:]
    head = png[:-12]
    overhead = 12  # length, type, CRC of the padding chunk
    pad = total - len(png) - overhead
    if pad < 0:
        raise ValueError("total is smaller than the smallest PNG")
    data = b"\0" * pad
    chunk = struct.pack(">I", pad) + b"prVt" + data + struct.pack(">I", zlib.crc32(b"prVt" + data))
    return head + chunk + iend


# EXIF orientations that turn the stored image a quarter turn (transpose, rotate 90 CW,
# transverse, rotate 90 CCW): the image displays with its width and height swapped.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
EXIF_ORIENTATION = 0x0112


def displayed_size(image: Image.Image) -> tuple[int, int]:
    """Width and height of ``image`` as viewers (and every client) display it: its EXIF
    orientation applied. A stored 600x800 image tagged "rotate 90" displays as 800x600."""
    width, height = image.size
    try:
        orientation = image.getexif().get(EXIF_ORIENTATION)
    except Exception:  # a broken EXIF block: the pixels as stored are what shows
        orientation = None
    return (height, width) if orientation in _QUARTER_TURNS else (width, height)


def decode_displayed(content: bytes) -> tuple[str, int, int]:
    """The format and displayed size of an image file; Pillow's error when it does not decode."""
    with Image.open(io.BytesIO(content)) as image:
        width, height = displayed_size(image)
        return str(image.format), width, height
