"""``generate`` per model: each model's fields, built through its generated request model, and a
field of another model refused before anything is sent."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import pytest
from PIL import Image

from mock_server import RunningServer
from tests.sdk.sdk_testkit import fake_server, make_client, task_body
from toapis import ConfigurationError

REFERENCE = "https://example.com/castle.jpg"


def _recording() -> tuple[httpx.MockTransport, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> tuple[int, Any]:
        sent.append(json.loads(request.content))
        return 200, task_body("task_img_1", "queued", 0)

    return fake_server(handler), sent


def test_the_application_request_is_sent_as_written() -> None:
    transport, sent = _recording()
    with make_client("http://api.test", transport=transport) as client:
        client.generate(
            "A lighthouse",
            model="gpt-image-2",
            size="3:2",
            resolution="2k",
            response_format="url",
            reference_images=[REFERENCE],
        )
        client.generate("A lighthouse", model="gpt-image-2-vip", quality="medium")
    assert sent == [
        {
            "model": "gpt-image-2",
            "prompt": "A lighthouse",
            "size": "3:2",
            "n": 1,
            "response_format": "url",
            "resolution": "2k",
            "reference_images": [REFERENCE],
        },
        {"model": "gpt-image-2-vip", "prompt": "A lighthouse", "n": 1, "quality": "medium"},
    ]


def test_the_default_model_sends_what_it_sent_before() -> None:
    transport, sent = _recording()
    with make_client("http://api.test", transport=transport) as client:
        client.generate("castle", size="2:3", n=2, image_urls=[REFERENCE])
    assert sent == [
        {
            "model": "gpt-4o-image",
            "prompt": "castle",
            "size": "2:3",
            "n": 2,
            "image_urls": [REFERENCE],
        }
    ]


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        ("gpt-4o-image", "resolution", "2k"),
        ("gpt-4o-image", "reference_images", [REFERENCE]),
        ("gpt-4o-image", "quality", "high"),
        ("gpt-image-2", "callback_url", "https://hooks.example/t"),
        ("gpt-image-2", "seed", 7),
        ("flux-2-pro", "n", 2),
    ],
)
def test_a_field_of_another_model_is_refused_before_sending(
    model: str, field: str, value: Any
) -> None:
    transport, sent = _recording()
    with (
        make_client("http://api.test", transport=transport) as client,
        pytest.raises(ConfigurationError, match=f"{field}: not a field of {model}"),
    ):
        client.generate("castle", model=model, **{field: value})
    assert sent == []


def test_a_model_the_contract_does_not_describe_is_refused() -> None:
    transport, sent = _recording()
    with (
        make_client("http://api.test", transport=transport) as client,
        pytest.raises(ConfigurationError, match="not described by the contract"),
    ):
        client.generate("castle", model="no-such-image-model")
    assert sent == []


@pytest.mark.parametrize(
    ("model", "extra", "pixels"),
    [
        ("gpt-image-2", {"size": "3:2", "resolution": "2k"}, (2048, 1360)),
        ("gpt-image-2", {}, (1024, 1024)),
        ("gpt-image-2-vip", {"size": "9:21", "resolution": "1k", "quality": "low"}, (864, 2016)),
    ],
)
def test_each_model_completes_on_the_mock_with_its_pixel_size(
    mock_server: RunningServer, model: str, extra: dict[str, Any], pixels: tuple[int, int]
) -> None:
    with make_client(mock_server.base_url) as client:
        done = client.generate_and_wait("A lighthouse", model=model, **extra)
        assert done.status == "completed"
        (url,) = done.image_urls
        with httpx.Client() as http:
            content = http.get(url).content
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == pixels
