"""The mock serves result files in the format the request asks (its model's ``x-result-format``
field, or that field's default), names them by it unless ``format-blind-result-names``, and
takes reference images in the formats a page lists (``refuse-unlisted-reference-formats``
refuses the others)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mock_server.helpers import (
    AUTH_A,
    CREATE,
    InProcessClient,
    body,
    client,
    image_bytes,
    image_format,
    upload,
)
from toapis_spec import ResultFormat, canonical_models, reference_formats, result_format


def _format_model() -> tuple[str, ResultFormat]:
    """A model whose format field applies to every request (no reference needed)."""
    for model in canonical_models():
        found = result_format(model)
        if found is not None and not found.with_any_of and found.default is not None:
            return model, found
    raise AssertionError("no model has a result-format field with a default")


def _set(request: dict[str, Any], dotted: str, value: str) -> dict[str, Any]:
    node = request
    *heads, leaf = dotted.split(".")
    for head in heads:
        node = node.setdefault(head, {})
    node[leaf] = value
    return request


def _first_result(http: InProcessClient, request: dict[str, Any]) -> Any:
    task_id = http.post(CREATE, json=request, headers=AUTH_A).json()["id"]
    task = http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
    item = task["result"]["data"][0]
    return item, http.get(item["url"])


@pytest.mark.parametrize(
    ("blind", "suffix"), [((), ".jpg"), (("format-blind-result-names",), ".png")]
)
def test_an_asked_format_is_served_whatever_the_name(blind: tuple[str, ...], suffix: str) -> None:
    model, found = _format_model()
    jpeg = next(value for value, media in found.formats.items() if media == "image/jpeg")
    with client(variants=(*blind, "result-item-extras")) as (http, _):
        request = _set(body(model=model), found.field, jpeg)
        item, image = _first_result(http, request)
    assert item["url"].endswith(suffix)
    assert image.headers["content-type"] == "image/jpeg"
    assert image_format(image.content) == "JPEG"
    assert item["output_format"] == "jpeg"


def test_the_default_format_beats_the_servers_own_choice() -> None:
    model, found = _format_model()
    assert found.default is not None
    with client(variants=("webp-results",)) as (http, _):
        _, image = _first_result(http, body(model=model))
    assert image_format(image.content) == found.formats[found.default].split("/")[1].upper()


def test_a_model_without_a_format_field_keeps_the_servers_choice() -> None:
    with client(variants=("webp-results",)) as (http, _):
        item, image = _first_result(http, body())
    assert item["url"].endswith(".webp")
    assert image_format(image.content) == "WEBP"


def test_unlisted_reference_formats_are_refused_only_by_the_variant() -> None:
    unlisted = next(
        m
        for m in canonical_models()
        if (r := reference_formats(m)) is not None and "image/webp" not in r[1]
    )
    for variants, status in (((), 200), (("refuse-unlisted-reference-formats",), 400)):
        with client(variants=variants) as (http, _):
            url = upload(http, image_bytes("WEBP"), "reference.webp").json()["data"]["url"]
            answer = http.post(CREATE, json=body(model=unlisted, image_urls=[url]), headers=AUTH_A)
            assert answer.status_code == status, answer.text
            if status == 400:
                assert answer.json()["error"]["param"] == "image_urls"
            listed = upload(http, image_bytes("JPEG"), "reference.jpg").json()["data"]["url"]
            accepted = http.post(
                CREATE, json=body(model=unlisted, image_urls=[listed]), headers=AUTH_A
            )
            assert accepted.status_code == 200, accepted.text
