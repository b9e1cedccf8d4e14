"""Every defect switch of the mock is caught, by the checks the table says."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.catalogue import CATALOGUE
from conformance.defect_table import CATCHERS, MODELS, markdown_table
from conformance.embedded import embedded_mock
from conformance.runner import run_suite
from mock_server.defects import DEFECTS

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_names_every_defect_and_only_known_checks() -> None:
    assert set(CATCHERS) == set(DEFECTS)
    for checks in CATCHERS.values():
        assert set(checks) <= set(CATALOGUE)


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_defect_is_caught_by_its_checks(defect: str) -> None:
    catchers = CATCHERS[defect]
    assert catchers, f"{defect} is caught by no check"
    # A defect the default model cannot show runs with the model the table names.
    models = {"models": MODELS[defect]} if defect in MODELS else {}
    with embedded_mock(seed=0, defects=[defect]) as server:
        report = run_suite(
            server.settings(
                seed=0,
                max_examples=10,
                poll_interval=0,
                task_timeout=2,
                lifecycle_examples=3,
                **models,
            ),
            only=catchers,
        )
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses == dict(catchers), statuses


def test_docs_defects_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "defects.md").read_text(encoding="utf-8") == markdown_table()
