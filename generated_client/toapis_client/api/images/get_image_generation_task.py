from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.task import Task
from ...types import Response


def _get_kwargs(
    task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/images/generations/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Task | None:
    if response.status_code == 200:
        response_200 = Task.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

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
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | Task]:
    """Get an image generation task

     Returns the current state of a task. The life cycle is `queued` → `in_progress` →
    `completed` or `failed`; `completed` and `failed` are final. `progress` (0-100) never
    decreases. A completed task carries `completed_at`, `expires_at` (`completed_at` + 86400:
    result URLs are valid for 24 hours) and `result.data[].url`, one entry per requested image.
    A failed task carries `error` and no result, and is still answered with HTTP 200.

    Tasks are scoped to the user who owns the API key: another user's task is answered exactly
    like a task that does not exist (404).

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Task]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | Task | None:
    """Get an image generation task

     Returns the current state of a task. The life cycle is `queued` → `in_progress` →
    `completed` or `failed`; `completed` and `failed` are final. `progress` (0-100) never
    decreases. A completed task carries `completed_at`, `expires_at` (`completed_at` + 86400:
    result URLs are valid for 24 hours) and `result.data[].url`, one entry per requested image.
    A failed task carries `error` and no result, and is still answered with HTTP 200.

    Tasks are scoped to the user who owns the API key: another user's task is answered exactly
    like a task that does not exist (404).

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Task
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | Task]:
    """Get an image generation task

     Returns the current state of a task. The life cycle is `queued` → `in_progress` →
    `completed` or `failed`; `completed` and `failed` are final. `progress` (0-100) never
    decreases. A completed task carries `completed_at`, `expires_at` (`completed_at` + 86400:
    result URLs are valid for 24 hours) and `result.data[].url`, one entry per requested image.
    A failed task carries `error` and no result, and is still answered with HTTP 200.

    Tasks are scoped to the user who owns the API key: another user's task is answered exactly
    like a task that does not exist (404).

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Task]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | Task | None:
    """Get an image generation task

     Returns the current state of a task. The life cycle is `queued` → `in_progress` →
    `completed` or `failed`; `completed` and `failed` are final. `progress` (0-100) never
    decreases. A completed task carries `completed_at`, `expires_at` (`completed_at` + 86400:
    result URLs are valid for 24 hours) and `result.data[].url`, one entry per requested image.
    A failed task carries `error` and no result, and is still answered with HTTP 200.

    Tasks are scoped to the user who owns the API key: another user's task is answered exactly
    like a task that does not exist (404).

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Task
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
        )
    ).parsed
