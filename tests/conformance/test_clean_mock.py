"""The embedded mock, with no defect switched on, passes every check, the same way each time."""

from __future__ import annotations

import pytest

from conformance.catalogue import CATALOGUE
from conformance.cli import main
from conformance.embedded import embedded_mock
from conformance.judges.formats import not_run_on_the_default_mock
from conformance.runner import run_suite
from conformance.verdicts import Status

# Checks the default run gives nothing to judge (its model's request names no result format, the
# mock's result items carry no `output_format`): reported not run with their reason;
# tests/conformance/test_formats.py runs them on the models and variants they apply to.
NOT_FOR_THE_DEFAULT_MODEL = not_run_on_the_default_mock()


def test_the_default_cli_run_passes_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for check_id in CATALOGUE:
        if check_id in NOT_FOR_THE_DEFAULT_MODEL:
            assert f"NOT_RUN  {check_id}" in out, check_id
        else:
            assert f"PASS     {check_id}" in out, check_id


def test_the_same_seed_gives_the_same_result() -> None:
    behaviour = [c for c, info in CATALOGUE.items() if info.layer == "behaviour"]
    runs = []
    for _ in range(2):
        with embedded_mock(seed=7) as server:
            report = run_suite(
                server.settings(seed=7, poll_interval=0, task_timeout=10),
                only=behaviour,
            )
        runs.append([(v.check_id, v.status, v.exercised) for v in report.verdicts])
    assert runs[0] == runs[1]
    assert all(
        status is (Status.NOT_RUN if check in NOT_FOR_THE_DEFAULT_MODEL else Status.PASS)
        for check, status, _ in runs[0]
    )
