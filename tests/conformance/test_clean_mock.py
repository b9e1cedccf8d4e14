"""The embedded mock, with no defect switched on, passes every check, the same way each time."""

from __future__ import annotations

import pytest

from conformance.catalogue import CATALOGUE
from conformance.cli import main
from conformance.embedded import embedded_mock
from conformance.runner import run_suite
from conformance.verdicts import Status


def test_the_default_cli_run_passes_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for check_id in CATALOGUE:
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
    assert all(status is Status.PASS for _, status, _ in runs[0])
