from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.flux_2_generation_request import Flux2GenerationRequest
from ...models.flux_kontext_generation_request import FluxKontextGenerationRequest
from ...models.gemini_3_pro_image_generation_request import (
    Gemini3ProImageGenerationRequest,
)
from ...models.gemini_3_pro_image_official_generation_request import (
    Gemini3ProImageOfficialGenerationRequest,
)
from ...models.gemini_25_flash_image_generation_request import (
    Gemini25FlashImageGenerationRequest,
)
from ...models.gemini_25_flash_image_official_generation_request import (
    Gemini25FlashImageOfficialGenerationRequest,
)
from ...models.gemini_31_flash_image_generation_request import (
    Gemini31FlashImageGenerationRequest,
)
from ...models.gemini_31_flash_image_official_generation_request import (
    Gemini31FlashImageOfficialGenerationRequest,
)
from ...models.gpt_4o_image_generation_request import Gpt4OImageGenerationRequest
from ...models.gpt_image_2_generation_request import GptImage2GenerationRequest
from ...models.gpt_image_2_official_generation_request import (
    GptImage2OfficialGenerationRequest,
)
from ...models.gpt_image_2_vip_generation_request import GptImage2VipGenerationRequest
from ...models.grok_image_generation_request import GrokImageGenerationRequest
from ...models.grok_imagine_10_generation_request import GrokImagine10GenerationRequest
from ...models.seedream_40_generation_request import Seedream40GenerationRequest
from ...models.seedream_45_generation_request import Seedream45GenerationRequest
from ...models.seedream_50_generation_request import Seedream50GenerationRequest
from ...models.seedream_50_pro_generation_request import Seedream50ProGenerationRequest
from ...models.task import Task
from ...models.vidu_image_generation_request import ViduImageGenerationRequest
from ...models.vidu_q2_fast_generation_request import ViduQ2FastGenerationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: Flux2GenerationRequest
    | FluxKontextGenerationRequest
    | Gemini25FlashImageGenerationRequest
    | Gemini25FlashImageOfficialGenerationRequest
    | Gemini31FlashImageGenerationRequest
    | Gemini31FlashImageOfficialGenerationRequest
    | Gemini3ProImageGenerationRequest
    | Gemini3ProImageOfficialGenerationRequest
    | Gpt4OImageGenerationRequest
    | GptImage2GenerationRequest
    | GptImage2OfficialGenerationRequest
    | GptImage2VipGenerationRequest
    | GrokImageGenerationRequest
    | GrokImagine10GenerationRequest
    | Seedream40GenerationRequest
    | Seedream45GenerationRequest
    | Seedream50GenerationRequest
    | Seedream50ProGenerationRequest
    | ViduImageGenerationRequest
    | ViduQ2FastGenerationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/images/generations",
    }

    if isinstance(body, Gpt4OImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GptImage2GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GptImage2VipGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GptImage2OfficialGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini3ProImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini31FlashImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini25FlashImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini3ProImageOfficialGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini31FlashImageOfficialGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Gemini25FlashImageOfficialGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Seedream40GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Seedream45GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Seedream50GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Seedream50ProGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, Flux2GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, FluxKontextGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GrokImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GrokImagine10GenerationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, ViduImageGenerationRequest):
        _kwargs["json"] = body.to_dict()
    else:
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
    body: Flux2GenerationRequest
    | FluxKontextGenerationRequest
    | Gemini25FlashImageGenerationRequest
    | Gemini25FlashImageOfficialGenerationRequest
    | Gemini31FlashImageGenerationRequest
    | Gemini31FlashImageOfficialGenerationRequest
    | Gemini3ProImageGenerationRequest
    | Gemini3ProImageOfficialGenerationRequest
    | Gpt4OImageGenerationRequest
    | GptImage2GenerationRequest
    | GptImage2OfficialGenerationRequest
    | GptImage2VipGenerationRequest
    | GrokImageGenerationRequest
    | GrokImagine10GenerationRequest
    | Seedream40GenerationRequest
    | Seedream45GenerationRequest
    | Seedream50GenerationRequest
    | Seedream50ProGenerationRequest
    | ViduImageGenerationRequest
    | ViduQ2FastGenerationRequest,
) -> Response[ErrorResponse | Task]:
    """Create an image generation task

     Creates an asynchronous generation task and returns it at once. The cost of `n` images is
    deducted when the task is created.

    For `gpt-4o-image` the request supports text-to-image (prompt only), image-to-image
    (`image_urls`) and editing (`image_urls` plus a PNG `mask_url` of the same dimensions as the
    reference image). The prompt holds at most 1000 characters; `size` is an aspect ratio
    (`1:1`, `2:3` or `3:2`); `n` is the JSON number 1, 2 or 4 (a quoted `"1"` is an error);
    at most 5 reference images, each a public `http(s)` URL of a JPEG, PNG or WebP image of at most
    10 MB. Base64 data and `data:` URLs are no longer accepted.

    For `gpt-image-2` and `gpt-image-2-vip` the prompt holds at most 32,000 characters; `size`
    is one of 13 aspect ratios (default `1:1`) and `resolution` is `1k` (default), `2k` or `4k`;
    one image per request; reference images go in `reference_images` (or its alias
    `image_urls`, not both). `gpt-image-2-vip` adds `quality` (`low`, `medium` or `high`,
    default `medium`) and a per-request webhook `callback_url`. Every model answers with the
    same `Task`.

    Args:
        body (Flux2GenerationRequest | FluxKontextGenerationRequest |
            Gemini25FlashImageGenerationRequest | Gemini25FlashImageOfficialGenerationRequest |
            Gemini31FlashImageGenerationRequest | Gemini31FlashImageOfficialGenerationRequest |
            Gemini3ProImageGenerationRequest | Gemini3ProImageOfficialGenerationRequest |
            Gpt4OImageGenerationRequest | GptImage2GenerationRequest |
            GptImage2OfficialGenerationRequest | GptImage2VipGenerationRequest |
            GrokImageGenerationRequest | GrokImagine10GenerationRequest | Seedream40GenerationRequest
            | Seedream45GenerationRequest | Seedream50GenerationRequest |
            Seedream50ProGenerationRequest | ViduImageGenerationRequest |
            ViduQ2FastGenerationRequest): The body of `POST /v1/images/generations`. The endpoint
            serves every image model and the
            `model` field selects the request schema. This contract covers `gpt-4o-image`, `gpt-
            image-2`
            and `gpt-image-2-vip`; another model is added as one more member of `oneOf` and one more
            `mapping` entry. Every model answers with the same `Task`.

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
    body: Flux2GenerationRequest
    | FluxKontextGenerationRequest
    | Gemini25FlashImageGenerationRequest
    | Gemini25FlashImageOfficialGenerationRequest
    | Gemini31FlashImageGenerationRequest
    | Gemini31FlashImageOfficialGenerationRequest
    | Gemini3ProImageGenerationRequest
    | Gemini3ProImageOfficialGenerationRequest
    | Gpt4OImageGenerationRequest
    | GptImage2GenerationRequest
    | GptImage2OfficialGenerationRequest
    | GptImage2VipGenerationRequest
    | GrokImageGenerationRequest
    | GrokImagine10GenerationRequest
    | Seedream40GenerationRequest
    | Seedream45GenerationRequest
    | Seedream50GenerationRequest
    | Seedream50ProGenerationRequest
    | ViduImageGenerationRequest
    | ViduQ2FastGenerationRequest,
) -> ErrorResponse | Task | None:
    """Create an image generation task

     Creates an asynchronous generation task and returns it at once. The cost of `n` images is
    deducted when the task is created.

    For `gpt-4o-image` the request supports text-to-image (prompt only), image-to-image
    (`image_urls`) and editing (`image_urls` plus a PNG `mask_url` of the same dimensions as the
    reference image). The prompt holds at most 1000 characters; `size` is an aspect ratio
    (`1:1`, `2:3` or `3:2`); `n` is the JSON number 1, 2 or 4 (a quoted `"1"` is an error);
    at most 5 reference images, each a public `http(s)` URL of a JPEG, PNG or WebP image of at most
    10 MB. Base64 data and `data:` URLs are no longer accepted.

    For `gpt-image-2` and `gpt-image-2-vip` the prompt holds at most 32,000 characters; `size`
    is one of 13 aspect ratios (default `1:1`) and `resolution` is `1k` (default), `2k` or `4k`;
    one image per request; reference images go in `reference_images` (or its alias
    `image_urls`, not both). `gpt-image-2-vip` adds `quality` (`low`, `medium` or `high`,
    default `medium`) and a per-request webhook `callback_url`. Every model answers with the
    same `Task`.

    Args:
        body (Flux2GenerationRequest | FluxKontextGenerationRequest |
            Gemini25FlashImageGenerationRequest | Gemini25FlashImageOfficialGenerationRequest |
            Gemini31FlashImageGenerationRequest | Gemini31FlashImageOfficialGenerationRequest |
            Gemini3ProImageGenerationRequest | Gemini3ProImageOfficialGenerationRequest |
            Gpt4OImageGenerationRequest | GptImage2GenerationRequest |
            GptImage2OfficialGenerationRequest | GptImage2VipGenerationRequest |
            GrokImageGenerationRequest | GrokImagine10GenerationRequest | Seedream40GenerationRequest
            | Seedream45GenerationRequest | Seedream50GenerationRequest |
            Seedream50ProGenerationRequest | ViduImageGenerationRequest |
            ViduQ2FastGenerationRequest): The body of `POST /v1/images/generations`. The endpoint
            serves every image model and the
            `model` field selects the request schema. This contract covers `gpt-4o-image`, `gpt-
            image-2`
            and `gpt-image-2-vip`; another model is added as one more member of `oneOf` and one more
            `mapping` entry. Every model answers with the same `Task`.

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
    body: Flux2GenerationRequest
    | FluxKontextGenerationRequest
    | Gemini25FlashImageGenerationRequest
    | Gemini25FlashImageOfficialGenerationRequest
    | Gemini31FlashImageGenerationRequest
    | Gemini31FlashImageOfficialGenerationRequest
    | Gemini3ProImageGenerationRequest
    | Gemini3ProImageOfficialGenerationRequest
    | Gpt4OImageGenerationRequest
    | GptImage2GenerationRequest
    | GptImage2OfficialGenerationRequest
    | GptImage2VipGenerationRequest
    | GrokImageGenerationRequest
    | GrokImagine10GenerationRequest
    | Seedream40GenerationRequest
    | Seedream45GenerationRequest
    | Seedream50GenerationRequest
    | Seedream50ProGenerationRequest
    | ViduImageGenerationRequest
    | ViduQ2FastGenerationRequest,
) -> Response[ErrorResponse | Task]:
    """Create an image generation task

     Creates an asynchronous generation task and returns it at once. The cost of `n` images is
    deducted when the task is created.

    For `gpt-4o-image` the request supports text-to-image (prompt only), image-to-image
    (`image_urls`) and editing (`image_urls` plus a PNG `mask_url` of the same dimensions as the
    reference image). The prompt holds at most 1000 characters; `size` is an aspect ratio
    (`1:1`, `2:3` or `3:2`); `n` is the JSON number 1, 2 or 4 (a quoted `"1"` is an error);
    at most 5 reference images, each a public `http(s)` URL of a JPEG, PNG or WebP image of at most
    10 MB. Base64 data and `data:` URLs are no longer accepted.

    For `gpt-image-2` and `gpt-image-2-vip` the prompt holds at most 32,000 characters; `size`
    is one of 13 aspect ratios (default `1:1`) and `resolution` is `1k` (default), `2k` or `4k`;
    one image per request; reference images go in `reference_images` (or its alias
    `image_urls`, not both). `gpt-image-2-vip` adds `quality` (`low`, `medium` or `high`,
    default `medium`) and a per-request webhook `callback_url`. Every model answers with the
    same `Task`.

    Args:
        body (Flux2GenerationRequest | FluxKontextGenerationRequest |
            Gemini25FlashImageGenerationRequest | Gemini25FlashImageOfficialGenerationRequest |
            Gemini31FlashImageGenerationRequest | Gemini31FlashImageOfficialGenerationRequest |
            Gemini3ProImageGenerationRequest | Gemini3ProImageOfficialGenerationRequest |
            Gpt4OImageGenerationRequest | GptImage2GenerationRequest |
            GptImage2OfficialGenerationRequest | GptImage2VipGenerationRequest |
            GrokImageGenerationRequest | GrokImagine10GenerationRequest | Seedream40GenerationRequest
            | Seedream45GenerationRequest | Seedream50GenerationRequest |
            Seedream50ProGenerationRequest | ViduImageGenerationRequest |
            ViduQ2FastGenerationRequest): The body of `POST /v1/images/generations`. The endpoint
            serves every image model and the
            `model` field selects the request schema. This contract covers `gpt-4o-image`, `gpt-
            image-2`
            and `gpt-image-2-vip`; another model is added as one more member of `oneOf` and one more
            `mapping` entry. Every model answers with the same `Task`.

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
    body: Flux2GenerationRequest
    | FluxKontextGenerationRequest
    | Gemini25FlashImageGenerationRequest
    | Gemini25FlashImageOfficialGenerationRequest
    | Gemini31FlashImageGenerationRequest
    | Gemini31FlashImageOfficialGenerationRequest
    | Gemini3ProImageGenerationRequest
    | Gemini3ProImageOfficialGenerationRequest
    | Gpt4OImageGenerationRequest
    | GptImage2GenerationRequest
    | GptImage2OfficialGenerationRequest
    | GptImage2VipGenerationRequest
    | GrokImageGenerationRequest
    | GrokImagine10GenerationRequest
    | Seedream40GenerationRequest
    | Seedream45GenerationRequest
    | Seedream50GenerationRequest
    | Seedream50ProGenerationRequest
    | ViduImageGenerationRequest
    | ViduQ2FastGenerationRequest,
) -> ErrorResponse | Task | None:
    """Create an image generation task

     Creates an asynchronous generation task and returns it at once. The cost of `n` images is
    deducted when the task is created.

    For `gpt-4o-image` the request supports text-to-image (prompt only), image-to-image
    (`image_urls`) and editing (`image_urls` plus a PNG `mask_url` of the same dimensions as the
    reference image). The prompt holds at most 1000 characters; `size` is an aspect ratio
    (`1:1`, `2:3` or `3:2`); `n` is the JSON number 1, 2 or 4 (a quoted `"1"` is an error);
    at most 5 reference images, each a public `http(s)` URL of a JPEG, PNG or WebP image of at most
    10 MB. Base64 data and `data:` URLs are no longer accepted.

    For `gpt-image-2` and `gpt-image-2-vip` the prompt holds at most 32,000 characters; `size`
    is one of 13 aspect ratios (default `1:1`) and `resolution` is `1k` (default), `2k` or `4k`;
    one image per request; reference images go in `reference_images` (or its alias
    `image_urls`, not both). `gpt-image-2-vip` adds `quality` (`low`, `medium` or `high`,
    default `medium`) and a per-request webhook `callback_url`. Every model answers with the
    same `Task`.

    Args:
        body (Flux2GenerationRequest | FluxKontextGenerationRequest |
            Gemini25FlashImageGenerationRequest | Gemini25FlashImageOfficialGenerationRequest |
            Gemini31FlashImageGenerationRequest | Gemini31FlashImageOfficialGenerationRequest |
            Gemini3ProImageGenerationRequest | Gemini3ProImageOfficialGenerationRequest |
            Gpt4OImageGenerationRequest | GptImage2GenerationRequest |
            GptImage2OfficialGenerationRequest | GptImage2VipGenerationRequest |
            GrokImageGenerationRequest | GrokImagine10GenerationRequest | Seedream40GenerationRequest
            | Seedream45GenerationRequest | Seedream50GenerationRequest |
            Seedream50ProGenerationRequest | ViduImageGenerationRequest |
            ViduQ2FastGenerationRequest): The body of `POST /v1/images/generations`. The endpoint
            serves every image model and the
            `model` field selects the request schema. This contract covers `gpt-4o-image`, `gpt-
            image-2`
            and `gpt-image-2-vip`; another model is added as one more member of `oneOf` and one more
            `mapping` entry. Every model answers with the same `Task`.

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
