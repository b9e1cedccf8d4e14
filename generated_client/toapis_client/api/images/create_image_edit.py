from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.grok_imagine_10_edit_request import GrokImagine10EditRequest
from ...models.task import Task
from ...types import Response


def _get_kwargs(
    *,
    body: GrokImagine10EditRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/images/edits",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Task | None:
    if response.status_code == 200:
        response_200 = Task.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | Task]:
    # A code outside the IANA registry (a proxy's 520, nginx's 499) stays a plain int.
    status_code: HTTPStatus | int
    try:
        status_code = HTTPStatus(response.status_code)
    except ValueError:
        status_code = response.status_code
    # A body outside the contract (unknown enum value, wrong const, invalid JSON, HTML) leaves
    # parsed=None instead of hiding the response. errors.UnexpectedStatus is deliberately not caught.
    parsed: ErrorResponse | Task | None
    try:
        parsed = _parse_response(client=client, response=response)
    except (AttributeError, KeyError, TypeError, ValueError):
        parsed = None
    return Response(
        status_code=status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GrokImagine10EditRequest,
) -> Response[ErrorResponse | Task]:
    """Create an image editing task

     Creates an asynchronous editing task for the editing models (`grok-imagine-1.0-edit`):
    the source images go in `image_urls` (at least one). Answered, polled and billed exactly
    as `createImageGeneration`: the same `Task`, polled with `getImageGenerationTask`.

    Args:
        body (GrokImagine10EditRequest): `grok-imagine-1.0-edit`: edits the source images
            (`image_urls`, at least one) as the
            prompt says; 1 to 10 images ("recommended range", DECISIONS.md D-48). The page documents
            no `size`: results keep the source image's aspect ratio (D-48).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Task]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: GrokImagine10EditRequest,
) -> ErrorResponse | Task | None:
    """Create an image editing task

     Creates an asynchronous editing task for the editing models (`grok-imagine-1.0-edit`):
    the source images go in `image_urls` (at least one). Answered, polled and billed exactly
    as `createImageGeneration`: the same `Task`, polled with `getImageGenerationTask`.

    Args:
        body (GrokImagine10EditRequest): `grok-imagine-1.0-edit`: edits the source images
            (`image_urls`, at least one) as the
            prompt says; 1 to 10 images ("recommended range", DECISIONS.md D-48). The page documents
            no `size`: results keep the source image's aspect ratio (D-48).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Task
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: GrokImagine10EditRequest,
) -> Response[ErrorResponse | Task]:
    """Create an image editing task

     Creates an asynchronous editing task for the editing models (`grok-imagine-1.0-edit`):
    the source images go in `image_urls` (at least one). Answered, polled and billed exactly
    as `createImageGeneration`: the same `Task`, polled with `getImageGenerationTask`.

    Args:
        body (GrokImagine10EditRequest): `grok-imagine-1.0-edit`: edits the source images
            (`image_urls`, at least one) as the
            prompt says; 1 to 10 images ("recommended range", DECISIONS.md D-48). The page documents
            no `size`: results keep the source image's aspect ratio (D-48).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Task]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: GrokImagine10EditRequest,
) -> ErrorResponse | Task | None:
    """Create an image editing task

     Creates an asynchronous editing task for the editing models (`grok-imagine-1.0-edit`):
    the source images go in `image_urls` (at least one). Answered, polled and billed exactly
    as `createImageGeneration`: the same `Task`, polled with `getImageGenerationTask`.

    Args:
        body (GrokImagine10EditRequest): `grok-imagine-1.0-edit`: edits the source images
            (`image_urls`, at least one) as the
            prompt says; 1 to 10 images ("recommended range", DECISIONS.md D-48). The page documents
            no `size`: results keep the source image's aspect ratio (D-48).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Task
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
