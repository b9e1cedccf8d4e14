"""Every `size` value of every model says what shape its images have.

A value is an aspect ratio (`W:H`), or one the contract explains (`x-non-ratio-sizes`: `auto`,
`match_input_image`, a resolution preset). Where a model has a pixel table (`x-pixels`), it
covers every ratio and every resolution tier, and each entry has the ratio it is filed under:
otherwise the mock would serve an image the suite then calls wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import toapis_spec
from conformance.probes import results

MODELS = toapis_spec.models()
FIXTURE = Path(__file__).with_name("vendor_examples.json")
TOLERANCE = results.RATIO_TOLERANCE


@pytest.mark.parametrize("model", list(MODELS))
def test_every_size_value_is_a_ratio_or_explained(model: str) -> None:
    size = MODELS[model].properties.get("size")
    if size is None:
        return  # no size field: the results keep the source image's shape (D-48)
    explained = toapis_spec.non_ratio_sizes(model)
    for value in size["enum"]:
        assert toapis_spec.ratio_of(value) is not None or value in explained, (
            f"{model}: size {value!r} is neither an aspect ratio nor in x-non-ratio-sizes"
        )
    assert set(explained) <= set(size["enum"]), f"{model}: x-non-ratio-sizes names no value"
    if "default" in size:
        assert size["default"] in size["enum"]


@pytest.mark.parametrize("model", [m for m in MODELS if toapis_spec.pixel_table(m)])
def test_a_pixel_table_covers_every_ratio_at_its_ratio(model: str) -> None:
    table = toapis_spec.pixel_table(model)
    assert table is not None
    ratios = [v for v in MODELS[model].properties["size"]["enum"] if toapis_spec.ratio_of(v)]
    assert sorted(table.sizes) == sorted(ratios), f"{model}: the table and the size enum differ"
    tiers: tuple[str | None, ...] = (None,)
    if table.by is not None:
        field = MODELS[model].field(table.by)
        assert field is not None, f"{model}: x-pixels.by names no field ({table.by})"
        tiers = tuple(field["enum"])
    for ratio, row in table.sizes.items():
        assert set(row) <= set(tiers), f"{model} {ratio}: a tier the field does not allow"
        assert row, f"{model} {ratio}: no pixels at any tier"
        parsed = toapis_spec.ratio_of(ratio)
        assert parsed is not None
        for tier, (width, height) in row.items():
            off = (width / height) / (parsed[0] / parsed[1]) - 1
            assert abs(off) <= TOLERANCE, f"{model} {ratio} {tier}: {width}x{height}"


def test_a_ratio_added_without_pixels_is_caught() -> None:
    """The failure the table test exists for: a ratio in the enum but not in the table."""
    table = toapis_spec.pixel_table("gpt-4o-image")
    assert table is not None
    enum = [*MODELS["gpt-4o-image"].properties["size"]["enum"], "16:9"]
    assert sorted(table.sizes) != sorted(v for v in enum if toapis_spec.ratio_of(v))


def test_every_vendor_page_is_described_by_a_model() -> None:
    pages = json.loads(FIXTURE.read_text(encoding="utf-8"))["source"]["pages"]
    described: set[str] = set()
    for info in MODELS.values():
        meta = info.schema.get("x-model", {})
        described.update([meta.get("page"), *meta.get("also", ())])
    assert len(pages) == 21
    assert set(pages) <= described, sorted(set(pages) - described)


@pytest.mark.parametrize("model", list(MODELS))
def test_every_model_names_its_family_and_page(model: str) -> None:
    meta = MODELS[model].schema.get("x-model", {})
    assert meta.get("family"), model
    assert str(meta.get("page", "")).startswith("images/"), model
