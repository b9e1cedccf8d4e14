"""scripts/check_compat as CI runs it: exit codes, counterexample, JSON and JUnit reports."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from .conftest import REPO
from .spec_pairs import optional_response_field, prompt_limit_500

SCRIPT = REPO / "scripts" / "check_compat"
CONTRACT = REPO / "openapi" / "openapi.yaml"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _edited(tmp_path: Path, edit: object) -> Path:
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    edit(document)  # type: ignore[operator]
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_breaking_change_fails_with_counterexample_and_reports(tmp_path: Path) -> None:
    head = _edited(tmp_path, prompt_limit_500)
    report, junit = tmp_path / "out" / "compat.json", tmp_path / "out" / "compat.xml"
    done = _run(
        "--base",
        str(CONTRACT),
        "--head",
        str(head),
        "--json",
        str(report),
        "--junit-xml",
        str(junit),
        "--max-examples",
        "50",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[max-length-decreased]" in done.stdout
    assert "COUNTEREXAMPLE" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["exit_code"] == 1
    assert data["breaking"]["clients"] >= 2
    (found,) = [p for p in data["properties"] if p["counterexample"] is not None]
    assert len(found["counterexample"]["prompt"]) > 500
    suite = ET.parse(junit).getroot()
    assert suite.tag == "testsuite"
    assert int(suite.get("failures", "0")) >= 2
    assert suite.find("testcase/failure[@type='max-length-decreased']") is not None


def test_compatible_change_passes(tmp_path: Path) -> None:
    head = _edited(tmp_path, optional_response_field)
    done = _run("--base", str(CONTRACT), "--head", str(head), "--max-examples", "30")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[property-added]" in done.stdout
    assert "COUNTEREXAMPLE" not in done.stdout


def test_unknown_base_is_a_clear_error(tmp_path: Path) -> None:
    report = tmp_path / "compat.json"
    done = _run("--base", "no-such-ref-or-file", "--json", str(report))
    assert done.returncode == 2
    assert "neither a file nor a git ref" in done.stderr
    assert not report.exists()


def test_base_that_is_not_openapi_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.yaml"
    bogus.write_text("just: a mapping\n", encoding="utf-8")
    done = _run("--base", str(bogus))
    assert done.returncode == 2
    assert "not an OpenAPI document" in done.stderr


def test_rule_table_lists_every_rule() -> None:
    from compat.rules import RULES

    done = _run("--list-rules")
    assert done.returncode == 0
    for rule_id in RULES:
        assert rule_id in done.stdout
