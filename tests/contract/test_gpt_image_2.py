"""The gpt-image-2 family in the contract: what a client may send, what the docs allow a server,
and the pixel table the mock and the suite read instead of restating it."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

import toapis_spec

MODELS = ("gpt-image-2", "gpt-image-2-vip")
RATIOS = ("1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2")
# What a real open-source application sends (the example request).
APPLICATION_BODY: dict[str, Any] = {
    "model": "gpt-image-2",
    "prompt": "A lighthouse on a cliff at dawn",
    "size": "3:2",
    "n": 1,
    "response_format": "url",
    "resolution": "2k",
    "reference_images": ["https://example.com/castle.jpg"],
}


def _validator(view: str) -> jsonschema.Draft202012Validator:
    schema = toapis_spec.operation("createImageGeneration", view=view).request_schema()
    return jsonschema.Draft202012Validator(schema)


def _valid(body: dict[str, Any], view: str = "client") -> bool:
    return _validator(view).is_valid(body)


def test_the_application_request_and_its_vip_fallback_are_valid() -> None:
    assert _valid(APPLICATION_BODY)
    assert _valid({**APPLICATION_BODY, "model": "gpt-image-2-vip", "quality": "medium"})


@pytest.mark.parametrize("model", MODELS)
def test_every_documented_ratio_and_resolution_is_valid(model: str) -> None:
    for ratio in (*RATIOS, "21:9", "9:21"):
        for resolution in ("1k", "2k", "4k"):
            assert _valid({"model": model, "prompt": "x", "size": ratio, "resolution": resolution})


@pytest.mark.parametrize(
    ("change", "documented"),
    [
        ({"prompt": "a" * 32_001}, False),
        ({"size": "7:5"}, False),
        ({"resolution": "8k"}, False),
        ({"n": 0}, False),
        ({"n": "1"}, False),
        ({"reference_images": ["ftp://example.com/a.png"]}, False),
        ({"image_urls": ["data:image/png;base64,AAAA"]}, False),
        # Refused as written, allowed by the docs (x-decisions): the suite's WARN cases.
        ({"n": 2}, True),
        ({"resolution": "2K"}, True),
        ({"response_format": "b64_json"}, True),
        ({"reference_images": ["https://example.com/a.png"] * 17}, True),
        ({"image_urls": ["https://example.com/a.png"]}, True),  # beside reference_images
        ({"prompt": ""}, True),
    ],
)
def test_invalid_values_and_whether_the_docs_allow_them(
    change: dict[str, Any], documented: bool
) -> None:
    body = {**APPLICATION_BODY, **change}
    assert not _valid(body)
    assert _valid(body, view="server") is documented


def test_the_alias_alone_is_valid_and_callback_url_is_vip_only() -> None:
    alias = {k: v for k, v in APPLICATION_BODY.items() if k != "reference_images"}
    assert _valid({**alias, "image_urls": ["https://example.com/castle.jpg"]})
    vip = {**APPLICATION_BODY, "model": "gpt-image-2-vip"}
    assert _valid({**vip, "quality": "high", "callback_url": "https://hooks.example/t?id=1"})
    assert not _valid({**vip, "quality": "ultra"})
    assert not _valid({**vip, "callback_url": "ftp://hooks.example/"})
    # `quality` is gpt-image-2's too (its editing page, D-52), with the same values.
    assert not _valid({**APPLICATION_BODY, "quality": "ultra"})
    # Fields of another model are unknown fields here (D-10), not errors.
    assert _valid({**APPLICATION_BODY, "callback_url": "ftp://hooks.example/"})


@pytest.mark.parametrize("model", MODELS)
def test_the_pixel_table_covers_every_size_and_resolution_with_its_ratio(model: str) -> None:
    table = toapis_spec.pixel_table(model)
    assert table is not None
    assert table.by == "resolution"
    assert table.decision == "D-35"
    member = toapis_spec.request_members()[model]
    sizes = member["properties"]["size"]["enum"]
    resolutions = member["properties"]["resolution"]["enum"]
    assert set(table.sizes) == set(sizes)
    for size in sizes:
        a, b = (int(part) for part in size.split(":"))
        for resolution in resolutions:
            found = table.pixels(size, resolution)
            assert found is not None, (size, resolution)
            width, height = found
            assert abs((width / height) / (a / b) - 1) <= 0.02, (size, resolution, found)
    assert table.pixels("1:1", "4k") == (2880, 2880)
    assert table.pixels("21:9", "1k") == (2016, 864)


def test_gpt_4o_pixels_are_the_mocks_not_a_promise() -> None:
    table = toapis_spec.pixel_table("gpt-4o-image")
    assert table is not None
    assert not table.promised
    assert table.by is None
    assert table.pixels("2:3") == (1024, 1536)
    assert toapis_spec.pixel_table("no-such-model") is None
