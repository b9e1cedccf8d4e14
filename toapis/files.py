"""Local files: reading images to upload, and naming and writing downloaded results safely.

Downloaded files are named only from the task id and the image index, never from a name or path
the server sent, and the task id itself is reduced to a safe character set, so that no answer can
make the client write outside the chosen directory.
"""

from __future__ import annotations

import mimetypes
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from toapis.errors import ConfigurationError

# Result and upload formats the contract documents (uploads: JPEG, PNG, WebP, GIF).
_EXTENSION_BY_MIME = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
}
_KNOWN_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_MAX_STEM = 80
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


@dataclass(frozen=True)
class UploadSource:
    """An image ready to upload: its bytes, a file name and a declared media type."""

    content: bytes
    file_name: str
    mime_type: str


def read_upload_source(
    source: str | os.PathLike[str] | bytes, *, file_name: str | None = None
) -> UploadSource:
    """Read a path (or take bytes) once, so that a retried upload sends the same content."""
    if isinstance(source, bytes):
        name = file_name or "image"
        content = source
    else:
        path = Path(source)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"cannot read image {str(path)!r}: {exc.strerror}") from None
        name = file_name or path.name
    if not content:
        raise ConfigurationError("the image to upload is empty")
    # The service detects the format from the content; the declared type is only a courtesy.
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return UploadSource(content=content, file_name=name, mime_type=mime)


def safe_stem(task_id: str) -> str:
    """A file-name stem derived from a server-provided task id that cannot leave a directory."""
    stem = _UNSAFE.sub("_", task_id).strip("_-")[:_MAX_STEM]
    return stem or "task"


def result_extension(url: str, content_type: str | None) -> str:
    """The extension of a result image: from its media type, else from its URL, else ``.img``."""
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in _EXTENSION_BY_MIME:
            return _EXTENSION_BY_MIME[mime]
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in _KNOWN_EXTENSIONS:
        return ".jpg" if suffix == ".jpeg" else suffix
    return ".img"


def result_path(directory: Path, task_id: str, index: int, extension: str) -> Path:
    """``<directory>/<task id>_<index><ext>``, checked to stay inside ``directory``."""
    path = directory / f"{safe_stem(task_id)}_{index}{extension}"
    if path.resolve().parent != directory.resolve():
        raise ConfigurationError(f"refusing to write outside {directory}")  # unreachable by design
    return path


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same directory, so a crash leaves no half image.

    The file is created with mode 0666 less the umask, like any file a user saves (a
    ``tempfile.mkstemp`` file would stay 0600, readable by its owner only).
    """
    fd, tmp = _create_part_file(path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_part_file(directory: Path) -> tuple[int, str]:
    """A new, exclusively created temporary file in ``directory``, mode 0666 less the umask."""
    for _ in range(100):
        tmp = os.path.join(directory, f".toapis-{secrets.token_hex(8)}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {directory}")  # 2**64 names
