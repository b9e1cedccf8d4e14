"""``--budget`` holds whatever the base URL: counted at a reverse proxy, independently of the suite.

A gateway often mounts the API under a prefix (``http://gateway/api/v1/images/generations``). The
proxy (tests/conformance/prefix_proxy.py) mounts the embedded mock under ``/api`` (or at the root)
and counts the create requests the mock accepted and the images they asked for, per model. Loopback
needs no budget, so every budgeted run passes ``--budget`` explicitly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.embedded import EmbeddedServer, embedded_mock
from tests.conformance.prefix_proxy import ProxyCounts, prefix_proxy

# Checks that create tasks (behaviour and schema layer), so the budget is what stops them.
CREATING = (
    "lifecycle-create-returns-task",
    "validation-rejects-n-outside-enum",
    "validation-rejects-n-string",
    "validation-accepts-n-float",
    "validation-rejects-unknown-model",
    "validation-accepts-prompt-at-limit",
    "results-images-match-request",
    "schema-positive-data-acceptance",
    "schema-negative-data-rejection",
    "schema-not-a-server-error",
)


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with embedded_mock(seed=3) as running:
        yield running


def run_through_proxy(
    server: EmbeddedServer,
    prefix: str,
    budget: int | None,
    models: tuple[str, ...],
    tmp_path: Path,
    only: tuple[str, ...] = CREATING,
    max_examples: int = 3,
) -> tuple[int, ProxyCounts, dict[str, tuple[str, str]]]:
    report = tmp_path / f"report-{prefix.strip('/') or 'root'}-{budget}.json"
    with prefix_proxy(server.base_url, prefix) as (url, counts):
        args = [
            "--base-url",
            url,
            "--token",
            server.token,
            "--token-b",
            server.token_b,
            "--poll-interval",
            "0",
            "--task-timeout",
            "5",
            "--max-examples",
            str(max_examples),
            "--lifecycle-examples",
            "1",
            "--max-time",
            "20",
            "--quiet",
            "--report",
            str(report),
        ]
        for model in models:
            args += ["--model", model]
        for check in only:
            args += ["--only", check]
        if budget is not None:
            args += ["--budget", str(budget)]
        status = main(args)
    data = json.loads(report.read_text(encoding="utf-8"))
    verdicts = {c["id"]: (c["status"], c.get("reason") or "") for c in data["checks"]}
    return status, counts, verdicts


@pytest.mark.parametrize(
    ("prefix", "budget", "models"),
    [
        ("/api", 1, ("gpt-4o-image",)),
        ("/api", 4, ("gpt-image-2",)),
        ("/api", 12, ("gpt-4o-image",)),
        ("/api", 25, ("gpt-image-2", "gpt-4o-image")),
        ("", 3, ("gpt-image-2",)),
        ("", 12, ("gpt-4o-image",)),
    ],
)
def test_accepted_images_never_exceed_the_budget(
    server: EmbeddedServer, tmp_path: Path, prefix: str, budget: int, models: tuple[str, ...]
) -> None:
    status, counts, verdicts = run_through_proxy(server, prefix, budget, models, tmp_path)
    print(f"\nprefix={prefix!r} budget={budget} models={models}: {counts}")
    assert counts.requests > 0  # the run went through the proxy
    assert counts.outside_prefix == 0
    assert counts.accepted_images <= budget, counts
    assert counts.models() <= set(models), counts  # no task for a model not selected
    assert status != 2, verdicts


def test_a_prefix_without_budget_gives_no_false_fail(
    server: EmbeddedServer, tmp_path: Path
) -> None:
    only = (
        *CREATING,
        "schema-response-schema-conformance",
        "schema-status-code-conformance",
        "schema-ensure-resource-availability",
        "tasks-unknown-id-404",
    )
    status, counts, verdicts = run_through_proxy(
        server, "/api", None, ("gpt-4o-image",), tmp_path, only=only, max_examples=5
    )
    failed = {c: v for c, v in verdicts.items() if v[0] in ("fail", "error")}
    assert failed == {}
    assert status == 0
    assert verdicts["schema-positive-data-acceptance"][0] == "pass"
    assert counts.accepted_creates > 0
    assert counts.models() == {"gpt-4o-image"}
