"""The response checks on models other than the default: an alias echoed as its model (D-51), and
the size default that changes with reference images (flux-kontext: `match_input_image`)."""

from __future__ import annotations

import pytest

from conformance.embedded import embedded_mock
from conformance.runner import run_suite
from conformance.verdicts import Status

RESPONSE_CHECKS = (
    "echo-model-matches-request",
    "results-defaults-applied",
    "results-top-level-url-serves-image",
    "lifecycle-timestamps-ordered",
    "uploads-url-serves-upload",
)


@pytest.mark.parametrize(
    ("model", "variants"),
    [
        ("nano-banana-pro", ("echo-canonical-model",)),
        ("nano-banana-pro", ()),
        ("nano-banana-official", ("echo-canonical-model",)),
        ("nano-banana-2-official", ()),
        ("flux-kontext-pro", ("exif-rotated-results",)),
    ],
)
def test_the_response_checks_pass_a_correct_server(model: str, variants: tuple[str, ...]) -> None:
    with embedded_mock(seed=0, variants=variants) as server:
        report = run_suite(server.settings(models=(model,)), only=RESPONSE_CHECKS)
    statuses = {v.check_id: (v.status, v.reason) for v in report.verdicts}
    assert {c: s for c, (s, _) in statuses.items()} == dict.fromkeys(
        RESPONSE_CHECKS, Status.PASS
    ), statuses
    assert report.budget_spent <= 4  # one task per check at most, shared where it can be


def test_the_reference_default_is_judged_on_the_reference_the_suite_uploaded() -> None:
    """flux-kontext with a reference and no size: the results must take the reference's ratio;
    a server that ignores it (the default without references, 16:9) is caught."""
    with embedded_mock(seed=0, defects=["wrong-aspect-ratio"]) as server:
        report = run_suite(
            server.settings(models=("flux-kontext-pro",)), only=["results-defaults-applied"]
        )
    (verdict,) = report.verdicts
    assert verdict.status is Status.FAIL
    assert any("match_input_image: aspect ratio 96:64" in e.expected for e in verdict.evidence)
