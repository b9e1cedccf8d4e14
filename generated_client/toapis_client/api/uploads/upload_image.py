from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.image_upload_request import ImageUploadRequest
from ...models.image_upload_response import ImageUploadResponse
from ...models.upload_error_response import UploadErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ImageUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/uploads/images",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ErrorResponse
    | ErrorResponse
    | UploadErrorResponse
    | ImageUploadResponse
    | UploadErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = ImageUploadResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UploadErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> ErrorResponse | UploadErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_upload_unauthorized_response_type_0 = ErrorResponse.from_dict(
                    data
                )

                return componentsschemas_upload_unauthorized_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_upload_unauthorized_response_type_1 = UploadErrorResponse.from_dict(
                data
            )

            return componentsschemas_upload_unauthorized_response_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse
]:
    # A code outside the IANA registry (a proxy's 520, nginx's 499) stays a plain int.
    status_code: HTTPStatus | int
    try:
        status_code = HTTPStatus(response.status_code)
    except ValueError:
        status_code = response.status_code
    # A body outside the contract (unknown enum value, wrong const, invalid JSON, HTML) leaves
    # parsed=None instead of hiding the response. errors.UnexpectedStatus is deliberately not caught.
    parsed: (
        ErrorResponse
        | ErrorResponse
        | UploadErrorResponse
        | ImageUploadResponse
        | UploadErrorResponse
        | None
    )
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
    body: ImageUploadRequest,
) -> Response[
    ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse
]:
    """Upload an image

     Uploads one image as `multipart/form-data` and returns a public URL that can be passed
    straight to `image_urls` (or `mask_url`). Accepted formats are JPEG, PNG, WebP and GIF, at
    most 10 MB. Upload errors use their own envelope (`success: false` plus `message`) and are
    all HTTP 400, including a file that is too large (413 is not used).

    Note that generation documents JPEG, PNG and WebP reference images only: an uploaded GIF
    may be refused when used in `image_urls`.

    Args:
        body (ImageUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse]
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
    body: ImageUploadRequest,
) -> (
    ErrorResponse
    | ErrorResponse
    | UploadErrorResponse
    | ImageUploadResponse
    | UploadErrorResponse
    | None
):
    """Upload an image

     Uploads one image as `multipart/form-data` and returns a public URL that can be passed
    straight to `image_urls` (or `mask_url`). Accepted formats are JPEG, PNG, WebP and GIF, at
    most 10 MB. Upload errors use their own envelope (`success: false` plus `message`) and are
    all HTTP 400, including a file that is too large (413 is not used).

    Note that generation documents JPEG, PNG and WebP reference images only: an uploaded GIF
    may be refused when used in `image_urls`.

    Args:
        body (ImageUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImageUploadRequest,
) -> Response[
    ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse
]:
    """Upload an image

     Uploads one image as `multipart/form-data` and returns a public URL that can be passed
    straight to `image_urls` (or `mask_url`). Accepted formats are JPEG, PNG, WebP and GIF, at
    most 10 MB. Upload errors use their own envelope (`success: false` plus `message`) and are
    all HTTP 400, including a file that is too large (413 is not used).

    Note that generation documents JPEG, PNG and WebP reference images only: an uploaded GIF
    may be refused when used in `image_urls`.

    Args:
        body (ImageUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImageUploadRequest,
) -> (
    ErrorResponse
    | ErrorResponse
    | UploadErrorResponse
    | ImageUploadResponse
    | UploadErrorResponse
    | None
):
    """Upload an image

     Uploads one image as `multipart/form-data` and returns a public URL that can be passed
    straight to `image_urls` (or `mask_url`). Accepted formats are JPEG, PNG, WebP and GIF, at
    most 10 MB. Upload errors use their own envelope (`success: false` plus `message`) and are
    all HTTP 400, including a file that is too large (413 is not used).

    Note that generation documents JPEG, PNG and WebP reference images only: an uploaded GIF
    may be refused when used in `image_urls`.

    Args:
        body (ImageUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ErrorResponse | UploadErrorResponse | ImageUploadResponse | UploadErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
