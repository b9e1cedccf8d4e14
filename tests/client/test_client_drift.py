"""The client stays usable when the real service answers outside its contract.

The `*_detailed` calls must hand back every response (status code, headers, raw content) without
raising; `parsed` is the documented model when the body still matches it and None otherwise.
Only `raise_on_unexpected_status=True` raises, and only for an undocumented status code.
"""

from __future__ import annotations

import asyncio
import io
import json
from http import HTTPStatus
from typing import Any

import httpx
import pytest

from tests.client.client_testkit import TOKEN, ClientFactory, endpoint_module
from toapis_client import errors
from toapis_client.api.images import create_image_generation, get_image_generation_task
from toapis_client.api.uploads import upload_image
from toapis_client.models import Gpt4OImageGenerationRequest, ImageUploadRequest, Task
from toapis_client.types import File

HTML_GATEWAY_PAGE = b"<html><body><h1>504 Gateway Time-out</h1></body></html>"


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers or {})


def _answer(response: httpx.Response) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        return response

    return handler


@pytest.mark.parametrize("status", ["pending", "submitted", "cancelled", 3, None])
def test_unknown_task_status_keeps_the_response(
    make_client: ClientFactory, in_progress_task: dict[str, Any], status: object
) -> None:
    body = {**in_progress_task, "status": status}
    client = make_client(_answer(_json(200, body, {"X-RateLimit-Remaining": "49"})))

    response = get_image_generation_task.sync_detailed("img_1", client=client)

    assert response.status_code == HTTPStatus.OK
    assert response.parsed is None
    assert json.loads(response.content) == body
    assert response.headers["X-RateLimit-Remaining"] == "49"
    assert get_image_generation_task.sync("img_1", client=client) is None


def test_unknown_fields_are_kept(
    make_client: ClientFactory, in_progress_task: dict[str, Any]
) -> None:
    extra = {"eta_seconds": 12, "queue": {"position": 3}}
    client = make_client(_answer(_json(200, {**in_progress_task, **extra})))

    parsed = get_image_generation_task.sync_detailed("img_1", client=client).parsed

    assert isinstance(parsed, Task)
    assert parsed.status == in_progress_task["status"]
    assert parsed.additional_properties == extra
    assert parsed.to_dict() == {**in_progress_task, **extra}


def test_a_different_object_type_is_not_taken_for_a_task(
    make_client: ClientFactory, in_progress_task: dict[str, Any]
) -> None:
    body = {**in_progress_task, "object": "video.generation.task"}
    client = make_client(_answer(_json(200, body)))

    response = get_image_generation_task.sync_detailed("img_1", client=client)

    assert response.status_code == 200
    assert response.parsed is None
    assert json.loads(response.content) == body


@pytest.mark.parametrize("code", [520, 499, 561])
def test_a_status_code_outside_the_iana_registry_is_returned_as_an_int(
    make_client: ClientFactory, code: int
) -> None:
    body = b"error code: 520"
    client = make_client(_answer(httpx.Response(code, content=body, headers={"CF-RAY": "abc"})))

    response = get_image_generation_task.sync_detailed("img_1", client=client)

    assert response.status_code == code
    assert type(response.status_code) is int
    assert response.content == body
    assert response.headers["CF-RAY"] == "abc"
    assert response.parsed is None
    assert get_image_generation_task.sync("img_1", client=client) is None


@pytest.mark.parametrize("code", [520, 499])
def test_raise_on_unexpected_status_still_raises_on_an_undocumented_code(
    make_client: ClientFactory, code: int
) -> None:
    client = make_client(
        _answer(httpx.Response(code, content=b"upstream gone")), raise_on_unexpected_status=True
    )

    with pytest.raises(errors.UnexpectedStatus) as raised:
        get_image_generation_task.sync_detailed("img_1", client=client)

    assert raised.value.status_code == code
    assert raised.value.content == b"upstream gone"


def test_an_html_gateway_page_on_504_is_returned_raw(make_client: ClientFactory) -> None:
    page = httpx.Response(504, content=HTML_GATEWAY_PAGE, headers={"Content-Type": "text/html"})
    client = make_client(_answer(page))

    response = get_image_generation_task.sync_detailed("img_1", client=client)

    assert response.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert response.content == HTML_GATEWAY_PAGE
    assert response.headers["Content-Type"] == "text/html"
    assert response.parsed is None


@pytest.mark.parametrize("raise_on_unexpected_status", [False, True])
@pytest.mark.parametrize(
    ("code", "content"),
    [
        (200, b'{"id": "img_1", "object": "generation.task",'),
        (200, b""),
        (200, b"[]"),
        (404, HTML_GATEWAY_PAGE),
        (500, b"Internal Server Error"),
    ],
    ids=["truncated-json", "empty-body", "json-array", "html-on-404", "text-on-500"],
)
def test_a_documented_code_with_a_body_outside_the_contract_gives_parsed_none(
    make_client: ClientFactory, code: int, content: bytes, raise_on_unexpected_status: bool
) -> None:
    # The code is documented, so even a strict client returns the response instead of raising.
    client = make_client(
        _answer(httpx.Response(code, content=content)),
        raise_on_unexpected_status=raise_on_unexpected_status,
    )

    response = get_image_generation_task.sync_detailed("img_1", client=client)

    assert response.status_code == code
    assert response.content == content
    assert response.parsed is None


def test_create_tolerates_drift_too(make_client: ClientFactory) -> None:
    created = endpoint_module("createImageGeneration")
    assert created is create_image_generation
    body = {
        "id": "task_1",
        "object": "generation.task",
        "model": "gpt-4o-image",
        "status": "submitted",
        "progress": 0,
        "created_at": 1703884800,
    }
    client = make_client(_answer(_json(200, body)))
    request = Gpt4OImageGenerationRequest(model="gpt-4o-image", prompt="A castle")

    response = create_image_generation.sync_detailed(client=client, body=request)

    assert response.parsed is None
    assert json.loads(response.content) == body
    assert create_image_generation.sync(client=client, body=request) is None


def test_upload_tolerates_an_undocumented_code(make_client: ClientFactory) -> None:
    client = make_client(_answer(httpx.Response(413, content=b"<html>Too Large</html>")))
    upload = ImageUploadRequest(
        file=File(payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"), file_name="a.png")
    )

    response = upload_image.sync_detailed(client=client, body=upload)

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.parsed is None


def test_the_async_calls_tolerate_drift_like_the_sync_ones(
    make_client: ClientFactory, in_progress_task: dict[str, Any]
) -> None:
    answers = iter(
        [
            _json(200, {**in_progress_task, "status": "pending"}),
            httpx.Response(520, content=b"origin error"),
            _json(200, {**in_progress_task, "eta_seconds": 5}),
        ]
    )
    client = make_client(lambda request: next(answers))

    async def poll_three_times() -> list[Any]:
        results = []
        for _ in range(3):
            results.append(await get_image_generation_task.asyncio_detailed("img_1", client=client))
        await client.get_async_httpx_client().aclose()
        return results

    drifted, proxy_error, extended = asyncio.run(poll_three_times())

    assert (drifted.status_code, drifted.parsed) == (200, None)
    assert (proxy_error.status_code, proxy_error.parsed) == (520, None)
    assert isinstance(extended.parsed, Task)
    assert extended.parsed.additional_properties == {"eta_seconds": 5}
