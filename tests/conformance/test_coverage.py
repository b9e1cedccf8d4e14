"""The coverage index (conformance.coverage): which documented promises a run exercised, per model,
and every report format carrying it.

The counts are judged on a hand-written inventory (the project's is being filled); the reports on
a real run against the embedded mock with a small selection of checks.
"""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from conformance import coverage
from conformance.coverage import (
    EXERCISED,
    NOT_CHECKABLE,
    NOT_EXERCISED,
    NOT_SELECTED,
    OTHER_MODELS,
    coverage_index,
    html_section,
    junit_cases,
    run_coverage,
    text_lines,
)
from conformance.embedded import embedded_mock
from conformance.redact import Redactor
from conformance.report import print_console, render_html, render_json, render_junit, report_data
from conformance.runner import RunReport, run_suite
from conformance.verdicts import Evidence, Status, Verdict
from toapis_spec.promises import Promise, promises

pytest_plugins = ["pytester"]

GPT = "gpt-4o-image"
GEMINI = "gemini-2.5-flash-image-preview"
ALIAS = "nano-banana"  # a documented alias of GEMINI
GPT_PAGE = "images/gpt-4o/generation.mdx"
GEMINI_PAGE = "images/gemini-2.5-flash/generation.mdx"
TOKEN = "sk-coverage-secret-123456"

INVENTORY = f"""
reasons:
  meaning: Says what a field is for.
promises:
  - id: gpt-mask-png
    pages: [{GPT_PAGE}]
    context: body.mask_url
    topic: format
    statements: ["Must be PNG format <b>&amp;</b>"]
    checks: [validation-mask-non-png]
  - id: gpt-n-enum
    pages: [{GPT_PAGE}]
    context: body.n
    topic: limit
    statements: ["One of 1, 2, 4"]
    checks: [validation-rejects-n-outside-enum]
  - id: gpt-isolation
    pages: [{GPT_PAGE}]
    context: auth
    topic: auth
    statements: [Tasks are private to their key]
    checks: [tasks-tenant-isolation]
  - id: gpt-oversize
    pages: [{GPT_PAGE}]
    context: upload
    topic: limit
    statements: [At most 10 MB]
    checks: [uploads-rejects-oversize]
  - id: gpt-crashed
    pages: [{GPT_PAGE}]
    context: body.prompt
    topic: request
    statements: [prompt is required]
    checks: [validation-rejects-missing-prompt]
  - id: gpt-partly
    pages: [{GPT_PAGE}]
    context: body.image_urls
    topic: limit
    statements: [Up to 5 images]
    checks: [validation-rejects-too-many-image-urls, validation-accepts-max-image-urls]
    reason: The images' content is not judged.
  - id: gpt-style
    pages: [{GPT_PAGE}]
    context: body.style
    topic: description
    statements: [The style of the picture]
    reason: meaning
  - id: gemini-style
    pages: [{GEMINI_PAGE}]
    context: body.style
    topic: description
    statements: [The style of the picture]
    reason: meaning
  - id: gemini-mask-png
    pages: [{GEMINI_PAGE}]
    context: body.mask_url
    topic: format
    statements: [Must be PNG]
    checks: [validation-mask-non-png]
  - id: gemini-billing
    pages: [{GEMINI_PAGE}]
    context: pricing
    topic: billing
    statements: [Billed per image]
    reason: Billing is not exposed.
  - id: status-unknown-404
    pages: [tasks/image-status.mdx]
    context: responses.404
    topic: status
    statements: [Task not found]
    checks: [tasks-unknown-id-404]
"""

VERDICTS = [
    Verdict("validation-mask-non-png", Status.PASS, exercised=1),
    Verdict(
        "validation-rejects-n-outside-enum",
        Status.WARN,
        evidence=[Evidence("accepted n=3", "400", decision="D-01")],
        exercised=1,
    ),
    Verdict("tasks-tenant-isolation", Status.NOT_RUN, f"needs a second tenant ({TOKEN})"),
    Verdict("validation-rejects-missing-prompt", Status.ERROR, "the suite crashed in probe 'v'"),
    Verdict("validation-rejects-too-many-image-urls", Status.NOT_RUN, "--read-only"),
    Verdict("tasks-unknown-id-404", Status.FAIL, evidence=[Evidence("200", "404")], exercised=1),
]


@pytest.fixture
def inventory(tmp_path: Path) -> tuple[Promise, ...]:
    (tmp_path / "promises.yaml").write_text(textwrap.dedent(INVENTORY), encoding="utf-8")
    return promises(tmp_path)


def test_counts_per_model_and_overall(inventory: tuple[Promise, ...]) -> None:
    index = coverage_index([GPT, ALIAS], VERDICTS, inventory)
    gpt, gemini = index.models
    assert (gpt.model, gpt.label) == (GPT, GPT)
    assert gpt.promises == (
        "gpt-mask-png",
        "gpt-n-enum",
        "gpt-isolation",
        "gpt-oversize",
        "gpt-crashed",
        "gpt-partly",
        "gpt-style",
        "status-unknown-404",
    )
    # PASS, WARN and FAIL exercise a promise; NOT_RUN, ERROR and an unselected check do not.
    assert gpt.exercised == ("gpt-mask-png", "gpt-n-enum", "status-unknown-404")
    assert len(gpt.checkable) == 7
    assert gpt.line() == "exercised 3 of 7 checkable promises (8 in all)"
    # An alias counts its canonical model's promises; the API-wide one counts for every model.
    assert (gemini.model, gemini.label) == (ALIAS, f"{ALIAS} ({GEMINI})")
    assert gemini.promises == (
        "gemini-style",
        "gemini-mask-png",
        "gemini-billing",
        "status-unknown-404",
    )
    assert gemini.line() == "exercised 2 of 2 checkable promises (4 in all)"
    # Overall: each promise once, the API-wide one too.
    assert index.overall.model is None
    assert len(index.overall.promises) == 11
    assert index.overall.line() == "exercised 4 of 8 checkable promises (11 in all)"


def test_why_a_promise_was_not_exercised(inventory: tuple[Promise, ...]) -> None:
    index = coverage_index([GPT], VERDICTS, inventory)
    judged = index.promises
    assert judged["gpt-isolation"].state == NOT_EXERCISED
    assert judged["gpt-isolation"].cause == "not run"
    assert judged["gpt-isolation"].why == f"tasks-tenant-isolation: needs a second tenant ({TOKEN})"
    assert (judged["gpt-oversize"].cause, judged["gpt-oversize"].why) == (
        NOT_SELECTED,
        NOT_SELECTED,
    )
    assert judged["gpt-crashed"].cause == "error"
    assert judged["gpt-crashed"].why == (
        "validation-rejects-missing-prompt: error: the suite crashed in probe 'v'"
    )
    # One check not run, the other not selected: both said.
    assert judged["gpt-partly"].why == (
        "validation-rejects-too-many-image-urls: --read-only; "
        f"validation-accepts-max-image-urls: {NOT_SELECTED}"
    )
    assert judged["gpt-partly"].checks == {
        "validation-rejects-too-many-image-urls": "not_run",
        "validation-accepts-max-image-urls": "unselected",
    }
    assert judged["gpt-style"].state == NOT_CHECKABLE
    assert judged["gpt-style"].why == "Says what a field is for."
    assert judged["gpt-mask-png"].state == EXERCISED
    assert index.causes() == {"not run": 2, "error": 1, NOT_SELECTED: 1}
    # Only the promises of the selected models are counted: gemini's are not in this run.
    assert "gemini-style" not in judged


def test_a_check_counts_only_for_the_models_it_rested_on(inventory: tuple[Promise, ...]) -> None:
    """Two models; the mask check judged gpt-4o-image only, the 404 check rested on no model
    (model-independent) and so counts for both."""
    verdicts = [
        Verdict("validation-mask-non-png", Status.PASS, exercised=1, models=(GPT,)),
        Verdict("tasks-unknown-id-404", Status.PASS, exercised=1),
    ]
    index = coverage_index([GPT, ALIAS], verdicts, inventory)
    gpt, gemini = index.models
    assert gpt.exercised == ("gpt-mask-png", "status-unknown-404")
    # gemini-mask-png names the same check, but it never judged gemini.
    assert gemini.exercised == ("status-unknown-404",)
    assert gemini.line() == "exercised 1 of 2 checkable promises (4 in all)"
    mine = index.per_model[ALIAS]["gemini-mask-png"]
    assert (mine.state, mine.cause) == (NOT_EXERCISED, OTHER_MODELS)
    assert mine.why == (
        "its checks ran for other models only: validation-mask-non-png (gpt-4o-image)"
    )
    assert index.promises["gemini-mask-png"].models == {ALIAS: NOT_EXERCISED}
    assert index.causes()[OTHER_MODELS] == 1
    # The 404 promise applies to both and was exercised for both.
    assert index.promises["status-unknown-404"].models == {GPT: EXERCISED, ALIAS: EXERCISED}

    # An API-wide promise whose check rested on one model is not the run's until every model's.
    verdicts[1] = Verdict("tasks-unknown-id-404", Status.FAIL, exercised=1, models=(GPT,))
    index = coverage_index([GPT, ALIAS], verdicts, inventory)
    status = index.promises["status-unknown-404"]
    assert (status.state, status.cause) == (NOT_EXERCISED, OTHER_MODELS)
    assert status.why == (
        "exercised for gpt-4o-image; not for nano-banana: its checks ran for other models "
        "only: tasks-unknown-id-404 (gpt-4o-image)"
    )
    assert "status-unknown-404" in index.models[0].exercised
    assert "status-unknown-404" not in index.overall.exercised
    # A verdict naming the canonical model counts for the alias that selected it.
    index = coverage_index(
        [ALIAS],
        [Verdict("validation-mask-non-png", Status.PASS, exercised=1, models=(GEMINI,))],
        inventory,
    )
    assert "gemini-mask-png" in index.models[0].exercised


def test_the_json_report_carries_each_verdicts_models(inventory: tuple[Promise, ...]) -> None:
    report = _report((GPT, ALIAS))
    report.verdicts[0] = Verdict("validation-mask-non-png", Status.PASS, exercised=1, models=(GPT,))
    redactor = Redactor([TOKEN])
    data = json.loads(render_json(report_data(report, redactor, inventory=inventory), redactor))
    models = {check["id"]: check["models"] for check in data["checks"]}
    assert models["validation-mask-non-png"] == [GPT]
    assert models["tasks-unknown-id-404"] == []
    gpt, gemini = data["coverage"]["models"]
    assert "gpt-mask-png" in gpt["ids"][EXERCISED]
    assert gemini["ids"][NOT_EXERCISED] == ["gemini-mask-png"]
    assert data["coverage"]["promises"]["gemini-mask-png"]["models"] == {ALIAS: NOT_EXERCISED}
    assert data["coverage"]["not_exercised"][OTHER_MODELS] == 1


def test_not_checkable_promises_are_counted_by_reason(inventory: tuple[Promise, ...]) -> None:
    index = coverage_index([GPT, GEMINI], VERDICTS, inventory)
    assert index.reasons() == {"Says what a field is for.": 2, "Billing is not exposed.": 1}


def test_a_run_without_a_check_of_the_inventory_exercises_nothing(
    inventory: tuple[Promise, ...],
) -> None:
    index = coverage_index(
        [GPT], [Verdict("auth-missing-key-401", Status.PASS, exercised=1)], inventory
    )
    assert index.overall.exercised == ()
    assert index.causes() == {NOT_SELECTED: 7}


def test_a_selected_check_without_a_verdict_is_not_called_unselected(
    inventory: tuple[Promise, ...],
) -> None:
    selected = {v.check_id for v in VERDICTS} | {"uploads-rejects-oversize"}
    index = coverage_index([GPT], VERDICTS, inventory, selected)
    oversize = index.promises["gpt-oversize"]
    assert (oversize.cause, oversize.why) == (
        "no verdict",
        "uploads-rejects-oversize: selected, but no probe of the run judged it",
    )
    # validation-accepts-max-image-urls was left out by the selection: still "not selected".
    assert index.promises["gpt-partly"].why.endswith(f"max-image-urls: {NOT_SELECTED}")


def test_a_check_the_suite_does_not_have_is_named(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        f"promises:\n  - id: x\n    pages: [{GPT_PAGE}]\n    context: c\n    topic: limit\n"
        "    statements: [s]\n    checks: [no-such-check]\n",
        encoding="utf-8",
    )
    index = coverage_index([GPT], [], promises(tmp_path))
    assert index.promises["x"].why == "no-such-check: no check of this suite has this id"
    assert index.causes() == {"unknown check": 1}


def test_an_unreadable_inventory_is_said_never_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.yaml").write_text("promises: [\n", encoding="utf-8")
    monkeypatch.setattr(coverage, "promises", lambda: promises(tmp_path))
    data = run_coverage([GPT], VERDICTS)
    assert data is not None
    assert "cannot be read" in data["error"]
    assert "bad.yaml" in data["error"]
    assert text_lines(data) == [f"coverage: not available ({data['error']})"]
    assert "not available" in junit_cases(data)[0][2]
    assert "cannot be read" in html_section(data)
    # A report made by hand around a few verdicts names no model: no index, nothing shown.
    assert run_coverage((), VERDICTS) is None
    assert text_lines(None) == []
    assert html_section(None) == ""
    assert junit_cases(None) == []


def _report(models: tuple[str, ...]) -> RunReport:
    return RunReport(
        "http://127.0.0.1:9", 0, None, 0, list(VERDICTS), {}, secrets=(TOKEN,), models=models
    )


def test_every_report_format_carries_the_index(inventory: tuple[Promise, ...]) -> None:
    redactor = Redactor([TOKEN])
    data = report_data(_report((GPT, ALIAS)), redactor, inventory=inventory)

    # JSON: per-model counts and the promise ids by state; the run's reasons are redacted.
    coverage = json.loads(render_json(data, redactor))["coverage"]
    gpt, gemini = coverage["models"]
    assert (gpt["exercised"], gpt["checkable"], gpt["promises"]) == (3, 7, 8)
    assert gpt["ids"][NOT_CHECKABLE] == ["gpt-style"]
    assert gemini["label"] == f"{ALIAS} ({GEMINI})"
    assert coverage["overall"]["ids"][EXERCISED] == [
        "gpt-mask-png",
        "gpt-n-enum",
        "gemini-mask-png",
        "status-unknown-404",
    ]
    assert coverage["not_exercised"] == {"not run": 2, "error": 1, NOT_SELECTED: 1}
    assert coverage["not_checkable"][0] == {"reason": "Says what a field is for.", "promises": 2}
    isolation = coverage["promises"]["gpt-isolation"]
    assert isolation["why"] == "tasks-tenant-isolation: needs a second tenant ([REDACTED])"
    assert isolation["statements"] == ["Tasks are private to their key"]
    assert coverage["promises"]["gpt-partly"]["reason"] == "The images' content is not judged."

    # Console: a line per model, the overall line, the causes.
    out = StringIO()
    print_console(data, redactor, Console(file=out, width=200, highlight=False))
    text = out.getvalue()
    assert re.search(r"  gpt-4o-image\s+exercised 3 of 7 checkable promises \(8 in all\)", text)
    assert re.search(
        r"  nano-banana \(gemini-2.5-flash-image-preview\)\s+exercised 2 of 2 checkable", text
    )
    assert re.search(
        r"  all selected models\s+exercised 4 of 8 checkable promises \(11 in all\)", text
    )
    assert "4 checkable promise(s) not exercised: 2 not run, 1 error, 1 not selected" in text
    assert "3 promise(s) no check can enforce, for 2 reason(s)" in text
    assert TOKEN not in text

    # JUnit: suite properties, and a passed case per model and for the run.
    suite = ET.fromstring(render_junit(data, redactor))
    properties = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert properties["coverage[gpt-4o-image].exercised"] == "3"
    assert properties["coverage[gpt-4o-image].checkable"] == "7"
    assert properties["coverage[nano-banana].promises"] == "4"
    assert properties["coverage[all].exercised"] == "4"
    assert suite[0].tag == "properties"  # JUnit's schema: properties before the cases
    case = suite.find("testcase[@name='coverage[gpt-4o-image]']")
    assert case is not None
    assert case.get("classname") == "conformance.coverage"
    assert [child.tag for child in case] == ["system-out"]  # passed: no failure, error or skip
    out_text = case.findtext("system-out") or ""
    assert "exercised 3 of 7 checkable promises (8 in all)" in out_text
    assert "not exercised: gpt-isolation, gpt-oversize, gpt-crashed, gpt-partly" in out_text
    assert suite.get("tests") == str(len(VERDICTS) + 3)
    # Low coverage never fails: the failures are the checks' own (one FAIL here).
    assert suite.get("failures") == "1"

    # HTML: the table, then expandable lists with quotes and reasons, escaped once.
    page = render_html(data, redactor)
    section = page[page.index("<section id='coverage-index'>") :]
    section = section[: section.index("</section>")]
    assert "<td>gpt-4o-image</td><td>3</td><td>7</td><td>8</td>" in section
    assert (
        "<tr class=overall><td>all selected models</td><td>4</td><td>8</td><td>11</td>" in section
    )
    assert "<summary>Exercised (4)</summary>" in section
    assert "<summary>Checkable, not exercised (4): 2 not run, 1 error, 1 not selected" in section
    assert "<summary>Says what a field is for. (2)</summary>" in section
    assert "<blockquote>Must be PNG format &lt;b&gt;&amp;amp;&lt;/b&gt;</blockquote>" in section
    assert "needs a second tenant ([REDACTED])" in section
    assert "not covered by its checks: The images&#x27; content is not judged." in section
    assert "<a href='#check-validation-mask-non-png'>" in section
    assert TOKEN not in page


@pytest.fixture(scope="module")
def mock_run() -> RunReport:
    with embedded_mock(seed=0) as server:
        return run_suite(
            server.settings(seed=0, max_examples=5, poll_interval=0, task_timeout=2),
            only=["tasks-unknown-id-404", "auth-missing-key-401"],
        )


def test_a_run_against_the_mock_reports_its_models_and_index(
    mock_run: RunReport, inventory: tuple[Promise, ...]
) -> None:
    assert mock_run.models == (GPT,)
    data = report_data(mock_run, Redactor(mock_run.secrets), inventory=inventory)
    coverage = data["coverage"]
    (gpt,) = coverage["models"]
    # Of gpt-4o-image's checkable promises only the API-wide 404 was selected, and it ran.
    assert gpt["ids"][EXERCISED] == ["status-unknown-404"]
    assert gpt["line"] == "exercised 1 of 7 checkable promises (8 in all)"
    assert coverage["not_exercised"] == {NOT_SELECTED: 6}


def test_the_projects_inventory_indexes_a_real_run(mock_run: RunReport) -> None:
    """With the inventory as it stands: every exercised promise names a check that ran."""
    data = report_data(mock_run, Redactor(mock_run.secrets))
    coverage = data["coverage"]
    assert "error" not in coverage, coverage
    ran = {v.check_id for v in mock_run.verdicts if v.status in (Status.PASS, Status.FAIL)}
    for pid in coverage["overall"]["ids"][EXERCISED]:
        assert ran & set(coverage["promises"][pid]["checks"]), pid
    row = coverage["models"][0]
    assert row["promises"] == sum(len(ids) for ids in row["ids"].values())


# A probe that judges the first selected model only; one that judges every model's tasks (the
# run's journal); one that sends no create.
FIRST_ONLY = "lifecycle-ids-unique"
EVERY_MODEL = "echo-model-matches-request"
NO_CREATE = "auth-missing-key-401"


def test_a_run_records_the_models_each_verdict_rests_on() -> None:
    with embedded_mock(seed=0) as server:
        report = run_suite(
            server.settings(
                seed=0, max_examples=3, poll_interval=0, task_timeout=2, models=(GPT, ALIAS)
            ),
            only=[FIRST_ONLY, EVERY_MODEL, NO_CREATE],
        )
    rests = {v.check_id: (v.status, v.models) for v in report.verdicts}
    assert rests == {
        FIRST_ONLY: (Status.PASS, (GPT,)),
        EVERY_MODEL: (Status.PASS, (GPT, ALIAS)),
        NO_CREATE: (Status.PASS, ()),
    }
    data = report_data(report, Redactor(report.secrets))
    gpt, alias = data["coverage"]["models"]
    # What the first model's check exercised is not the alias's.
    only_gpt = set(gpt["ids"][EXERCISED]) - set(alias["ids"][EXERCISED])
    assert only_gpt, "the life-cycle check exercised nothing for gpt-4o-image alone"
    for pid in only_gpt & set(alias["ids"][NOT_EXERCISED]):
        assert data["coverage"]["promises"][pid]["cause"] == OTHER_MODELS


@pytest.fixture(scope="module")
def default_run() -> RunReport:
    with embedded_mock(seed=0) as server:
        return run_suite(server.settings(seed=0, max_examples=5))


def test_the_default_run_exercises_every_checkable_promise_of_its_model(
    default_run: RunReport,
) -> None:
    coverage = report_data(default_run, Redactor(default_run.secrets))["coverage"]
    (gpt,) = coverage["models"]
    assert gpt["model"] == GPT
    assert gpt["ids"][NOT_EXERCISED] == [], {
        pid: coverage["promises"][pid]["why"] for pid in gpt["ids"][NOT_EXERCISED]
    }
    assert gpt["exercised"] == gpt["checkable"] > 0


PLUGIN_CONFTEST = """
import conformance.pytest_plugin as plugin

_real = plugin.run_suite


def pytest_configure(config):
    # A small selection keeps the session short; the fixture and the summary are the real ones.
    plugin.run_suite = lambda settings, **kw: _real(settings, only=["tasks-unknown-id-404"], **kw)


def pytest_unconfigure(config):
    plugin.run_suite = _real
"""


def test_the_plugins_terminal_summary_shows_the_index(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(PLUGIN_CONFTEST)
    pytester.makepyfile(
        """
        from conformance.pytest_plugin import assert_check_passed

        def test_conformance(conformance_report):
            assert_check_passed(conformance_report, "tasks-unknown-id-404")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.re_match_lines(
        [
            r".*toapis-conformance coverage.*",
            r"coverage of the documented promises \(openapi/promises\):",
            r"  gpt-4o-image\s+exercised \d+ of \d+ checkable promises \(\d+ in all\)",
            r"  all selected models\s+exercised \d+ of \d+ checkable promises \(\d+ in all\)",
        ]
    )


def test_a_session_without_the_suite_shows_no_index(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert "toapis-conformance coverage" not in result.stdout.str()
