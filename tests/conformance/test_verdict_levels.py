"""Two strengths of promise: a broken documented promise FAILs, a broken decided one WARNs.

A WARN keeps the exit status 0 unless ``--strict``; every report format shows the level and the
decision behind it."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console

from conformance.catalogue import CATALOGUE, DECIDED, RENAMED
from conformance.cli import main
from conformance.embedded import embedded_mock
from conformance.redact import Redactor
from conformance.report import print_console, render_junit, report_data
from conformance.runner import run_suite, select_checks
from conformance.verdicts import Status

DECIDED_CHECK = "validation-rejects-mask-without-reference"


def test_every_check_has_a_basis_and_a_quote_or_a_decision() -> None:
    for info in CATALOGUE.values():
        if info.basis == DECIDED:
            assert info.decisions, info.id
        else:
            assert info.quote, info.id


def test_a_decided_promise_warns_and_exits_0_and_strict_makes_it_fail(tmp_path: Path) -> None:
    args = ["--defect", "accept-mask-without-reference", "--only", DECIDED_CHECK]
    assert main([*args, "--report", str(tmp_path / "r.json")]) == 0
    check = json.loads((tmp_path / "r.json").read_text())["checks"][0]
    assert check["status"] == "warn"
    assert check["basis"]["level"] == "decided"
    assert check["evidence"][0]["decision"] == "D-09"
    assert main([*args, "--strict"]) == 1


def test_a_documented_promise_fails() -> None:
    assert main(["--defect", "accept-n-3", "--only", "validation-rejects-n-outside-enum"]) == 1


def test_a_documented_check_warns_when_only_a_decided_constraint_broke() -> None:
    # Tenant isolation is documented (never serve another user's task); that the refusal is a
    # 404 like an unknown task's is D-29: a 403 is a WARN, a served task a FAIL.
    for defect, status in (("foreign-task-403", Status.WARN), ("cross-tenant-read", Status.FAIL)):
        with embedded_mock(defects=[defect]) as server:
            report = run_suite(server.settings(), only=["tasks-tenant-isolation"])
        assert [v.status for v in report.verdicts] == [status], defect


def test_every_format_shows_the_level() -> None:
    with embedded_mock(defects=["accept-mask-without-reference"]) as server:
        report = run_suite(server.settings(), only=[DECIDED_CHECK, "tasks-unknown-id-404"])
    redactor = Redactor([server.token])
    data = report_data(report, redactor)
    buffer = io.StringIO()
    print_console(data, redactor, Console(file=buffer, width=300))
    out = buffer.getvalue()
    assert "WARN" in out
    assert "D-09" in out
    assert "warned: " + DECIDED_CHECK in out
    case = ET.fromstring(render_junit(data, redactor)).find(f"testcase[@name='{DECIDED_CHECK}']")
    assert case is not None
    assert case.find("failure") is None
    assert case.find("properties/property[@name='verdict']").get("value") == "warn"  # type: ignore[union-attr]
    strict = report_data(report, redactor, strict=True)
    case = ET.fromstring(render_junit(strict, redactor)).find(f"testcase[@name='{DECIDED_CHECK}']")
    assert case is not None
    assert case.find("failure") is not None


def test_old_check_ids_still_select_their_check(capsys: pytest.CaptureFixture[str]) -> None:
    for old, new in RENAMED.items():
        assert select_checks(only=[old]) == [new]
    main(["--only", "validation-rejects-prompt-1001", "--list-checks"])
    assert main(["--only", "validation-rejects-prompt-1001"]) == 0
    assert "deprecated" in capsys.readouterr().err


def test_ids_and_titles_take_no_number_the_contract_holds_elsewhere() -> None:
    from conformance.contract import limits

    prompt_max = limits().prompt_max  # the default model states one
    assert prompt_max is not None
    for info in CATALOGUE.values():
        assert str(prompt_max) not in info.id
        assert f"{prompt_max + 1}" not in info.id
    title = CATALOGUE["validation-rejects-prompt-over-limit"].title
    assert str(prompt_max + 1) in title
