"""Image uploads: a streaming multipart reader with a hard size limit, type sniffing, the store."""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import anyio.to_thread
from PIL import Image
from python_multipart.multipart import MultipartParser, parse_options_header

# (magic bytes at offset 0, extra check, MIME type, file extension)
_JPEG = (b"\xff\xd8\xff", "image/jpeg", "jpg")
_PNG = (b"\x89PNG\r\n\x1a\n", "image/png", "png")
_GIF87 = (b"GIF87a", "image/gif", "gif")
_GIF89 = (b"GIF89a", "image/gif", "gif")
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
_BY_NAME = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}
# Form fields other than the file are tiny (`purpose`); anything bigger is not a valid upload.
MAX_FIELD_BYTES = 64 * 1024
UPLOAD_ID = re.compile(r"upload_[0-9a-f]{16}")
UPLOAD_NAME = re.compile(r"(upload_[0-9a-f]{16})\.(jpg|png|webp|gif)")


def sniff(head: bytes) -> str | None:
    """The image type told by the first bytes of a file, or None if it is none of ours."""
    for magic, mime, _ in (_JPEG, _PNG, _GIF87, _GIF89):
        if head.startswith(magic):
            return mime
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


# Pillow's name of each format, to open an upload only as the type its first bytes claim.
_PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
# Decoding happens off the event loop, one image at a time: the transient memory of a decode
# (up to 4 bytes per pixel below Pillow's decompression-bomb limit) is never multiplied.
_DECODING = anyio.CapacityLimiter(1)


async def verified_type(data: bytes) -> str | None:
    """The image type of ``data`` if its first bytes name one of ours *and* it decodes as that."""
    mime_type = sniff(data[:16])
    if mime_type is None:
        return None
    size = await anyio.to_thread.run_sync(decoded_size, data, mime_type, limiter=_DECODING)
    return mime_type if size is not None else None


def decoded_size(data: bytes, mime_type: str) -> tuple[int, int] | None:
    """(width, height) if ``data`` decodes as ``mime_type``; None if it does not.

    Pillow's decompression-bomb limit (``Image.MAX_IMAGE_PIXELS``) is kept and applied strictly:
    an image declaring more pixels is refused from its header, before anything is decoded (Pillow
    itself only warns below twice the limit).
    """
    try:
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[mime_type]]) as image:
            width, height = image.size
            limit = Image.MAX_IMAGE_PIXELS
            if width < 1 or height < 1 or (limit is not None and width * height > limit):
                return None
            image.load()  # the first frame, whole: a truncated or corrupt body fails here
            return width, height
    except Exception:  # Pillow raises many types (OSError, SyntaxError, ValueError, bomb errors)
        return None


def type_from_name(filename: str | None) -> str | None:
    if not filename or "." not in filename:
        return None
    return _BY_NAME.get(filename.rsplit(".", 1)[1].lower())


class UploadRejected(Exception):
    """The multipart body cannot become an upload; ``reason`` is missing|too_large|malformed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ReceivedFile:
    data: bytes
    filename: str | None


async def read_file_part(
    content_type: str, chunks: AsyncIterator[bytes], limit: int | None
) -> ReceivedFile:
    """Read the ``file`` part of a multipart body, never holding more than ``limit`` bytes of it.

    Reading stops as soon as the file exceeds ``limit`` (``UploadRejected("too_large")``): the
    rest of the body is never read, so a 1 GB upload costs 10 MB of memory at most.
    (python-multipart's streaming parser does the framing; Starlette's form parser would spool
    the whole file before any limit could apply.)
    """
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRejected("malformed")

    state = _PartState()
    try:
        parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": state.begin,
                "on_header_field": state.header_field,
                "on_header_value": state.header_value,
                "on_header_end": state.header_end,
                "on_headers_finished": state.headers_finished,
                "on_part_data": state.data,
                "on_part_end": state.end,
            },
        )
    except Exception as exc:  # e.g. FormParserError: a boundary longer than 256 characters
        raise UploadRejected("malformed") from exc
    file_limit = limit if limit is not None else float("inf")
    body_limit = file_limit + MAX_FIELD_BYTES + 64 * 1024  # the file, small fields and framing
    received = 0
    try:
        async for chunk in chunks:
            received += len(chunk)
            parser.write(chunk)
            if state.file_size > file_limit or received > body_limit:
                raise UploadRejected("too_large")
            if state.field_overflow:
                raise UploadRejected("malformed")
        parser.finalize()
    except UploadRejected:
        raise
    except Exception as exc:  # python-multipart raises several error types on bad framing
        raise UploadRejected("malformed") from exc
    if state.file is None or not state.file_complete:
        raise UploadRejected("missing")
    return ReceivedFile(bytes(state.file), state.filename)


@dataclass
class _PartState:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    header_name: bytearray = field(default_factory=bytearray)
    header_value_: bytearray = field(default_factory=bytearray)
    in_file: bool = False
    file: bytearray | None = None
    file_complete: bool = False
    file_size: int = 0
    filename: str | None = None
    other_bytes: int = 0
    field_overflow: bool = False

    def begin(self) -> None:
        self.headers = {}
        self.in_file = False

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value_ += data[start:end]

    def header_end(self) -> None:
        self.headers[bytes(self.header_name).lower()] = bytes(self.header_value_)
        self.header_name.clear()
        self.header_value_.clear()

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        if options.get(b"name") == b"file" and self.file is None:
            self.in_file = True
            self.file = bytearray()
            raw_name = options.get(b"filename")
            self.filename = raw_name.decode("utf-8", "replace") if raw_name else None

    def data(self, data: bytes, start: int, end: int) -> None:
        if self.in_file and self.file is not None:
            self.file_size += end - start
            self.file += data[start:end]
        else:
            self.other_bytes += end - start
            self.field_overflow = self.other_bytes > MAX_FIELD_BYTES

    def end(self) -> None:
        if self.in_file:
            self.file_complete = True
        self.in_file = False


@dataclass
class Upload:
    id: str
    tenant: str
    mime_type: str
    size: int
    created: float
    base_url: str
    data: bytes | None = None
    """The bytes in memory mode; None when they live in the state directory."""

    @property
    def name(self) -> str:
        return f"{self.id}.{EXTENSIONS[self.mime_type]}"

    @property
    def url(self) -> str:
        return f"{self.base_url}/files/uploads/{self.name}"


class UploadStore:
    """Uploaded files: in memory (bounded by count and bytes) or on disk under the state dir."""

    def __init__(self, directory: Path | None, max_count: int, max_bytes: int) -> None:
        self.directory = directory
        self.max_count = max_count
        self.max_bytes = max_bytes
        self._uploads: OrderedDict[str, Upload] = OrderedDict()
        self._bytes = 0
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)

    def __len__(self) -> int:
        return len(self._uploads)

    def add(self, upload: Upload, data: bytes) -> None:
        if self.directory is not None:
            path = self._path(upload.id)
            temporary = path.with_suffix(".part")
            temporary.write_bytes(data)
            temporary.replace(path)  # atomic: a crash never leaves half a file under the real name
            upload.data = None
        else:
            upload.data = data
            self._bytes += len(data)
            while self._uploads and (
                len(self._uploads) >= self.max_count or self._bytes > self.max_bytes
            ):
                _, oldest = self._uploads.popitem(last=False)
                self._bytes -= oldest.size
        self._uploads[upload.id] = upload

    def restore(self, upload: Upload) -> None:
        if self.directory is not None and self._path(upload.id).is_file():
            self._uploads[upload.id] = upload

    def get(self, upload_id: str) -> Upload | None:
        return self._uploads.get(upload_id)

    def read(self, upload: Upload) -> bytes:
        if upload.data is not None:
            return upload.data
        return self._path(upload.id).read_bytes()

    def dimensions(self, upload: Upload) -> tuple[int, int] | None:
        try:
            data = self.read(upload)
            with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[upload.mime_type]]) as image:
                return image.size
        except Exception:
            return None

    def _path(self, upload_id: str) -> Path:
        # Ids are generated by the server and checked against this pattern: no path traversal.
        if not UPLOAD_ID.fullmatch(upload_id) or self.directory is None:
            raise ValueError(f"not an upload id: {upload_id!r}")
        return self.directory / upload_id
