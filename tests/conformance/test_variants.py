"""The suite never fails a server that does only what the docs allow (the false-alarm matrix).

Each legal variant of the mock alone, and every compatible variant at once: no FAIL, no ERROR,
and exactly the WARNs the matrix expects (each names its decision)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.embedded import embedded_mock
from conformance.runner import run_suite
from conformance.variant_table import EXPECTED_WARNINGS, expected_warnings, markdown_table
from conformance.verdicts import Status
from mock_server.variants import PROFILES, VARIANTS, compatible_set

ROOT = Path(__file__).resolve().parents[2]
PROFILE_SETS = {profile.variants: name for name, profile in PROFILES.items()}
MATRIX = [(name,) for name in VARIANTS] + [compatible_set(), *PROFILE_SETS]


def _label(variants: tuple[str, ...]) -> str:
    if variants in PROFILE_SETS:
        return PROFILE_SETS[variants]
    return variants[0] if len(variants) == 1 else f"all-{len(variants)}-compatible"


@pytest.mark.parametrize("variants", MATRIX, ids=_label)
def test_no_false_alarm_on_a_legal_variant(variants: tuple[str, ...]) -> None:
    with embedded_mock(seed=0, variants=variants) as server:
        report = run_suite(server.settings(seed=0, max_examples=25))
    wrong = {
        v.check_id: [e.message[:300] for e in v.evidence] or v.reason
        for v in report.verdicts
        if v.status in (Status.FAIL, Status.ERROR)
    }
    assert not wrong, wrong
    warned = {v.check_id for v in report.verdicts if v.status is Status.WARN}
    if len(variants) == 1:
        assert warned == expected_warnings(variants)
    else:
        assert warned <= expected_warnings(variants)
    for verdict in report.verdicts:
        if verdict.status is Status.WARN:
            assert all(e.decision for e in verdict.evidence), verdict.check_id


def test_the_matrix_names_only_known_variants() -> None:
    assert set(EXPECTED_WARNINGS) <= set(VARIANTS)


def test_docs_variants_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "variants.md").read_text(encoding="utf-8") == markdown_table()
