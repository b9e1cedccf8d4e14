"""``--model``: the checks run per selected model, from that model's schema, and the suite
never creates a task for a model that was not selected."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
import requests

from conformance import schema_layer
from conformance.budget import create_cost, model_worst_case, worst_case_images
from conformance.contract import limits
from conformance.embedded import embedded_mock
from conformance.http import ApiClient
from conformance.probes.base import Settings
from conformance.runner import UsageError, plan, run_suite
from conformance.verdicts import Status
from toapis_spec import models as toapis_models
from toapis_spec.promises import promises


def test_limits_come_from_each_models_schema() -> None:
    assert limits() == limits("gpt-4o-image")
    image2 = limits("gpt-image-2")
    assert (image2.prompt_max, image2.n_values, image2.image_urls_max) == (32_000, (1,), 16)
    assert image2.reference_field == "reference_images"
    assert image2.reference_fields == ("reference_images", "image_urls")
    assert image2.size_invalid not in image2.sizes
    assert image2.has_mask  # its editing mode (D-52)
    assert image2.resolutions == ("1k", "2k", "4k")
    assert image2.resolution_default == "1k"
    assert image2.resolution_field == "resolution"
    seedream = limits("doubao-seedream-4-0")
    assert seedream.n_values == tuple(range(1, 16))
    assert (seedream.n_invalid, seedream.prompt_max, seedream.image_urls_max) == (16, 1000, 10)
    assert seedream.resolution_field == "metadata.resolution"
    assert seedream.resolutions == ("1K", "2K", "4K")
    assert "auto" not in seedream.sizes  # no aspect ratio: never judged as one
    flux = limits("flux-kontext-pro")
    assert (flux.has_n, flux.n_invalid, flux.prompt_max) == (False, None, None)
    gemini = limits("gemini-3-pro-image-preview")
    assert gemini.size_default == "1:1"
    assert not gemini.size_default_documented  # D-44
    edit = limits("grok-imagine-1.0-edit")
    assert edit.required_references
    assert edit.size_invalid is None
    assert limits("nano-banana-pro").canonical == "gemini-3-pro-image-preview"
    assert limits("nano-banana-official").canonical == "gemini-2.5-flash-image-official"
    for name, info in toapis_models().items():  # every alias: its model's limits, its own name
        if info.alias_of is not None:
            alias, model = limits(name), limits(info.alias_of)
            assert alias.canonical == info.alias_of
            assert dataclasses.replace(alias, model=model.model, canonical=None) == model
    with pytest.raises(KeyError):
        limits("no-such-image-model")


def test_the_budget_knows_each_models_worst_case() -> None:
    # gpt-image-2: the docs allow 1 to 10 (D-30), so an invalid n may bill 10; Seedream 15.
    assert model_worst_case("gpt-4o-image") == 4
    assert model_worst_case("gpt-image-2") == 10
    assert model_worst_case("doubao-seedream-4-0") == 15 == worst_case_images()
    # No upper bound in the docs: a body counts as what it asks.
    assert model_worst_case("gemini-3.1-flash-image-preview") is None
    assert create_cost({"model": "gemini-3.1-flash-image-preview", "n": 7}) == 7
    assert create_cost({"model": "gpt-image-2", "n": 2}) == 2
    assert create_cost({"model": "gpt-image-2", "n": "1"}) == 10
    assert create_cost({"model": "gpt-image-2-vip"}) == 1
    assert create_cost({"model": "gpt-4o-image", "n": 3}) == 4
    assert create_cost({"model": "no-such-image-model", "n": 1}) == 15  # unknown: the largest


def test_the_plan_adds_up_every_selected_model() -> None:
    selected = ["results-images-match-request", "validation-rejects-n-outside-enum"]
    one = Settings("https://api.example.invalid", "t", budget=1000)
    both = Settings(
        "https://api.example.invalid", "t", budget=1000, models=("gpt-4o-image", "gpt-image-2")
    )
    costs = {p.name: p.cost(one) for p in plan(one, selected)[0]}
    costs_both = {p.name: p.cost(both) for p in plan(both, selected)[0]}
    assert costs == {"results": 4, "validation-rejects-n-outside-enum": 4}
    # gpt-image-2: the default body and 12 more sizes; n=2 may bill 2 if accepted (D-30).
    assert costs_both == {"results": 4 + 13, "validation-rejects-n-outside-enum": 4 + 2}


def test_an_unknown_model_is_a_usage_error_before_anything_is_sent() -> None:
    settings = Settings("http://127.0.0.1:9", "t", models=("no-such-image-model",))
    with pytest.raises(UsageError, match="no-such-image-model"):
        run_suite(settings)


def _record_sent_models(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The ``model`` of every create request the suite sends from now on (probes and the
    schema layer alike)."""
    models: list[Any] = []
    create = ApiClient.create

    def recording_create(self: ApiClient, body: Any, **kwargs: Any) -> Any:
        models.append(body.get("model") if isinstance(body, dict) else None)
        return create(self, body, **kwargs)

    send = schema_layer._original_send

    def recording_send(adapter: Any, request: requests.PreparedRequest, *a: Any, **k: Any) -> Any:
        if request.method == "POST" and (request.path_url or "").endswith("/images/generations"):
            raw = request.body if isinstance(request.body, bytes | str) else b"null"
            document = json.loads(raw or b"null")
            models.append(document.get("model") if isinstance(document, dict) else None)
        return send(adapter, request, *a, **k)

    monkeypatch.setattr(ApiClient, "create", recording_create)
    monkeypatch.setattr(schema_layer, "_original_send", recording_send)
    return models


def test_a_run_for_gpt_image_2_creates_only_gpt_image_2_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    models = _record_sent_models(monkeypatch)
    checks = [
        "results-images-match-request",
        "validation-rejects-prompt-over-limit",
        "validation-rejects-too-many-image-urls",
        "validation-rejects-n-outside-enum",
        "validation-accepts-prompt-at-limit",
        "schema-positive-data-acceptance",
    ]
    with embedded_mock(seed=0) as server:
        report = run_suite(
            server.settings(seed=0, max_examples=5, models=("gpt-image-2",)), only=checks
        )
    assert {v.check_id: v.status for v in report.verdicts} == dict.fromkeys(checks, Status.PASS)
    # Negative cases may send a `model` that is no string (never a model name to bill).
    named = {model for model in models if isinstance(model, str)}
    assert named == {"gpt-image-2"}


@pytest.mark.parametrize("alias", ["nano-banana-official", "nano-banana-2-lite-official"])
def test_a_run_for_an_alias_sends_the_alias_and_passes_the_checks_its_promise_names(
    monkeypatch: pytest.MonkeyPatch, alias: str
) -> None:
    """`--model <alias>`: the checks the inventory names for the aliases send the alias itself
    (never the model it stands for) and pass a correct server."""
    (promise,) = [p for p in promises() if p.id == "gemini-official-aliases"]
    models = _record_sent_models(monkeypatch)
    with embedded_mock(seed=0) as server:
        report = run_suite(
            server.settings(seed=0, max_examples=5, models=(alias,)), only=promise.checks
        )
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses == dict.fromkeys(promise.checks, Status.PASS), report.verdicts
    assert {model for model in models if isinstance(model, str)} == {alias}


def test_a_wrong_aspect_ratio_fails_with_evidence_naming_the_model() -> None:
    check = "results-images-match-request"
    with embedded_mock(seed=0, defects=["wrong-aspect-ratio"]) as server:
        report = run_suite(
            server.settings(seed=0, models=("gpt-image-2-vip",), task_timeout=5), only=[check]
        )
    (verdict,) = report.verdicts
    assert verdict.status is Status.FAIL
    assert "gpt-image-2-vip" in verdict.evidence[0].message


def test_right_shape_but_other_pixels_is_a_warning_naming_the_decision(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mock_server import images

    exact = images.pixels

    def half(
        size: str,
        model: str = "gpt-4o-image",
        resolution: str | None = None,
        reference: str | None = None,
    ) -> Any:
        width, height = exact(size, model, resolution, reference)
        return width // 2, height // 2

    monkeypatch.setattr(images, "pixels", half)
    check = "results-images-match-request"
    with embedded_mock(seed=0) as server:
        cases = (
            ("gpt-image-2", Status.WARN),  # a table we decided on (D-35)
            ("gpt-4o-image", Status.PASS),  # no stated pixels: only the ratio is judged
            ("gpt-image-2-official", Status.FAIL),  # the page's own size table
            ("doubao-seedream-4-0", Status.PASS),  # no table at all
        )
        for model, expected in cases:
            report = run_suite(
                server.settings(seed=0, models=(model,), task_timeout=5), only=[check]
            )
            (verdict,) = report.verdicts
            assert verdict.status is expected, (model, verdict)
            if expected is Status.WARN:
                assert verdict.evidence[0].decision == "D-35"
