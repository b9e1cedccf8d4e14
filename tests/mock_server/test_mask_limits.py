"""The mask limits the mock enforces are each model's, read from the contract (`x-max-bytes`)."""

from __future__ import annotations

import pytest

import toapis_spec
from conformance.images import padded_png
from tests.mock_server.helpers import AUTH_A, CREATE, body, client, image_bytes, upload

SIZE = (64, 64)


def _edit_status(model: str, mask: bytes) -> int:
    with client() as (http, _):
        reference, mask_url = (
            upload(http, data).json()["data"]["url"] for data in (image_bytes("PNG", SIZE), mask)
        )
        edit = body(model=model, image_urls=[reference], mask_url=mask_url)
        return http.post(CREATE, json=edit, headers=AUTH_A).status_code


def _limited() -> list[tuple[str, int]]:
    return [
        (model, limit)
        for model in toapis_spec.canonical_models()
        if (limit := toapis_spec.fetched_max_bytes(model, "mask_url")) is not None
    ]


def test_the_default_model_states_a_mask_limit() -> None:
    assert toapis_spec.canonical_models()[0] in dict(_limited())


@pytest.mark.parametrize(("model", "limit"), _limited())
def test_a_mask_at_the_limit_is_accepted_and_one_byte_more_refused(model: str, limit: int) -> None:
    assert _edit_status(model, padded_png(limit, SIZE)) == 200
    assert _edit_status(model, padded_png(limit + 1, SIZE)) == 400


def test_a_model_whose_page_states_no_mask_limit_takes_a_larger_mask() -> None:
    model = next(
        m
        for m in toapis_spec.canonical_models()
        if "mask_url" in toapis_spec.models()[m].properties
        and toapis_spec.fetched_max_bytes(m, "mask_url") is None
    )
    largest = max(limit for _, limit in _limited())
    assert _edit_status(model, padded_png(largest + 1, SIZE)) == 200
