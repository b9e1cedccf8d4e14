"""Uploads: typed by content, 10 MB enforced while streaming, usable as references and masks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from mock_server import contract
from tests.mock_server.helpers import (
    AUTH_A,
    CREATE,
    UPLOAD,
    body,
    client,
    dimensions,
    image_bytes,
    upload,
)

LIMIT = 10 * 1024 * 1024
UNSUPPORTED = contract.example("uploadImage", 400, "unsupportedType")
TOO_LARGE = contract.example("uploadImage", 400, "fileTooLarge")


@pytest.mark.parametrize(
    ("fmt", "mime", "name"),
    [
        ("JPEG", "image/jpeg", "photo.png"),
        ("PNG", "image/png", "photo.jpg"),
        ("WEBP", "image/webp", "noextension"),
        ("GIF", "image/gif", "image.webp"),
    ],
)
def test_type_is_told_by_content_not_by_name(fmt: str, mime: str, name: str) -> None:
    data = image_bytes(fmt)
    with client() as (http, _):
        response = upload(http, data, name=name)
        assert response.status_code == 200
        uploaded = response.json()
        assert uploaded["success"] is True
        assert uploaded["message"] == ""
        assert uploaded["data"]["mime_type"] == mime
        assert uploaded["data"]["size"] == len(data)
        assert uploaded["data"]["id"].startswith("upload_")
        served = http.get(uploaded["data"]["url"])
        assert served.status_code == 200
        assert served.headers["content-type"] == mime
        assert served.content == data


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        b"%PDF-1.7\n",
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
        b"\x89PNX\r\n\x1a\n" + b"0" * 9,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_unsupported_content_is_the_documented_400(data: bytes) -> None:
    with client() as (http, _):
        response = upload(http, data, name="image.png")
        assert response.status_code == 400
        assert response.json() == UNSUPPORTED
        assert len(http.state.uploads) == 0


def test_exactly_10_mb_is_accepted_and_one_byte_more_is_refused() -> None:
    png = image_bytes("PNG")
    at_limit = png + b"\0" * (LIMIT - len(png))
    with client() as (http, _):
        accepted = upload(http, at_limit)
        assert accepted.status_code == 200
        assert accepted.json()["data"]["size"] == LIMIT
        refused = upload(http, at_limit + b"\0")
        assert refused.status_code == 400
        assert refused.json() == TOO_LARGE
        assert len(http.state.uploads) == 1


def test_a_1_gb_upload_is_refused_without_being_read() -> None:
    chunk = b"\0" * (256 * 1024)
    sent = 0
    boundary = "mockboundary"

    async def one_gigabyte() -> AsyncIterator[bytes]:
        nonlocal sent
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        yield head + image_bytes("PNG")
        for _ in range(4096):  # 4096 * 256 KiB = 1 GiB
            sent += len(chunk)
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    with client() as (http, _):
        response = http.post(
            UPLOAD,
            content=one_gigabyte(),
            headers={**AUTH_A, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert response.status_code == 400
        assert response.json() == TOO_LARGE
        # Reading stopped right after the limit: at most one chunk beyond 10 MB was pulled.
        assert sent <= LIMIT + 2 * len(chunk)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"files": {"image": ("a.png", image_bytes("PNG"))}}, "field 'file'"),
        ({"data": {"purpose": "generation"}, "files": {"other": ("x", b"1")}}, "field 'file'"),
        ({"content": b"not multipart", "headers": {"Content-Type": "image/png"}}, "multipart"),
        (
            {"content": b"--x\r\nbroken", "headers": {"Content-Type": "multipart/form-data"}},
            "multipart",
        ),
        ({"json": {"file": "aGVsbG8="}}, "multipart"),
    ],
)
def test_missing_or_malformed_multipart_is_a_400_in_the_upload_envelope(
    kwargs: dict[str, object], fragment: str
) -> None:
    with client() as (http, _):
        headers = {**AUTH_A, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
        response = http.post(UPLOAD, headers=headers, **kwargs)
        assert response.status_code == 400
        answer = response.json()
        assert answer["success"] is False
        assert fragment in answer["message"]


def test_purpose_field_is_accepted_beside_the_file() -> None:
    with client() as (http, _):
        response = http.post(
            UPLOAD,
            data={"purpose": "generation"},
            files={"file": ("a.jpg", image_bytes("JPEG"), "image/jpeg")},
            headers=AUTH_A,
        )
        assert response.status_code == 200


def test_file_part_without_its_own_content_type_is_accepted() -> None:
    data = image_bytes("PNG")
    raw = (
        b'--b1\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'
        + data
        + b"\r\n--b1--\r\n"
    )
    with client() as (http, _):
        response = http.post(
            UPLOAD,
            content=raw,
            headers={**AUTH_A, "Content-Type": "multipart/form-data; boundary=b1"},
        )
        assert response.status_code == 200
        assert response.json()["data"]["size"] == len(data)


# -- uploads as references --------------------------------------------------------------------


def _url(http: object, data: bytes) -> str:
    return str(upload(http, data).json()["data"]["url"])  # type: ignore[arg-type]


def test_an_upload_url_is_accepted_in_image_urls() -> None:
    with client() as (http, _):
        reference = _url(http, image_bytes("JPEG"))
        response = http.post(CREATE, json=body(image_urls=[reference]), headers=AUTH_A)
        assert response.status_code == 200


def test_an_uploaded_gif_is_refused_as_a_reference() -> None:
    with client() as (http, _):
        reference = _url(http, image_bytes("GIF"))
        response = http.post(CREATE, json=body(image_urls=[reference]), headers=AUTH_A)
        assert response.status_code == 400
        assert response.json()["error"]["param"] == "image_urls"


def test_an_unknown_upload_url_of_this_server_is_refused() -> None:
    with client() as (http, _):
        ghost = "http://testserver/files/uploads/upload_0123456789abcdef.png"
        response = http.post(CREATE, json=body(image_urls=[ghost]), headers=AUTH_A)
        assert response.status_code == 400
        assert response.json()["error"]["param"] == "image_urls"


@pytest.mark.parametrize(
    ("mask", "accepted"),
    [
        (image_bytes("PNG", (64, 48)), True),
        (image_bytes("PNG", (48, 64)), False),
        (image_bytes("JPEG", (64, 48)), False),
        (image_bytes("WEBP", (64, 48)), False),
    ],
)
def test_mask_must_be_a_png_of_the_reference_dimensions(mask: bytes, accepted: bool) -> None:
    with client() as (http, _):
        reference = _url(http, image_bytes("JPEG", (64, 48)))
        mask_url = _url(http, mask)
        response = http.post(
            CREATE, json=body(image_urls=[reference], mask_url=mask_url), headers=AUTH_A
        )
        if accepted:
            assert response.status_code == 200
        else:
            assert response.status_code == 400
            assert response.json()["error"]["param"] == "mask_url"


def test_mask_over_4_mb_is_refused() -> None:
    png = image_bytes("PNG", (64, 48))
    big = png + b"\0" * (4 * 1024 * 1024 + 1 - len(png))
    with client() as (http, _):
        reference = _url(http, image_bytes("PNG", (64, 48)))
        response = http.post(
            CREATE, json=body(image_urls=[reference], mask_url=_url(http, big)), headers=AUTH_A
        )
        assert response.status_code == 400
        assert response.json()["error"]["param"] == "mask_url"
        assert dimensions(big) == (64, 48)  # a real PNG of the right size, only too heavy


def test_oversized_upload_over_a_real_socket_is_answered_400() -> None:
    """Through uvicorn too, the server answers as soon as the limit is passed."""
    from mock_server import MockConfig, run_in_thread

    data = image_bytes("PNG") + b"\0" * (LIMIT + 1)
    with run_in_thread(MockConfig(tokens=("token-a",))) as server:
        response = httpx.post(
            f"{server.base_url}{UPLOAD}",
            files={"file": ("a.png", data)},
            headers=AUTH_A,
            timeout=30,
        )
        assert response.status_code == 400
        assert response.json() == TOO_LARGE
