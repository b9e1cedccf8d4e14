"""``--plan``: the worst case per check and the budget that runs them all, with nothing sent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.embedded import EmbeddedServer, embedded_mock
from tests.conformance.prefix_proxy import prefix_proxy
from tests.conformance.test_budget_proxy import run_through_proxy

BEHAVIOUR = (
    "lifecycle-create-returns-task",
    "validation-rejects-n-outside-enum",
    "validation-rejects-n-string",
    "validation-accepts-n-float",
    "validation-rejects-unknown-model",
    "results-images-match-request",
)


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with embedded_mock(seed=5) as running:
        yield running


def _planned_budget(out: str) -> int:
    found = re.search(r"--budget (\d+) runs every selected behaviour check", out)
    assert found, out
    return int(found.group(1))


def test_plan_sends_nothing_and_names_each_check(
    server: EmbeddedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with prefix_proxy(server.base_url, "/api") as (url, counts):
        status = main(["--base-url", url, "--token", server.token, "--plan"])
    out = capsys.readouterr().out
    assert status == 0
    assert counts.requests == 0
    assert "validation-rejects-n-outside-enum" in out
    assert "schema-positive-data-acceptance" in out
    assert "budget-bound" in out
    assert _planned_budget(out) > 0


def test_plan_grows_with_the_models_selected(capsys: pytest.CaptureFixture[str]) -> None:
    only = [arg for check in BEHAVIOUR for arg in ("--only", check)]
    main(["--plan", "--base-url", "https://api.example.invalid", *only])
    one = _planned_budget(capsys.readouterr().out)
    main(
        [
            "--plan",
            "--base-url",
            "https://api.example.invalid",
            "--model",
            "gpt-4o-image",
            "--model",
            "gpt-image-2",
            *only,
        ]
    )
    two = _planned_budget(capsys.readouterr().out)
    assert 0 < one < two


def test_the_planned_budget_runs_every_check_and_holds(
    server: EmbeddedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only = [arg for check in BEHAVIOUR for arg in ("--only", check)]
    models = ("gpt-4o-image", "gpt-image-2")
    selection = [arg for model in models for arg in ("--model", model)]
    main(
        [
            "--plan",
            "--base-url",
            "http://127.0.0.1:9/api",
            "--token-b",
            "b",
            "--lifecycle-examples",
            "1",
            *selection,
            *only,
        ]
    )
    budget = _planned_budget(capsys.readouterr().out)
    _, counts, verdicts = run_through_proxy(server, "/api", budget, models, tmp_path, BEHAVIOUR)
    assert {c: v for c, v in verdicts.items() if "budget" in v[1]} == {}
    assert counts.accepted_images <= budget
    assert counts.models() <= set(models)
