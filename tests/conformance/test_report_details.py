"""Small promises of the reports and messages (issue 18, item 5)."""

from __future__ import annotations

import pytest

from conformance.embedded import embedded_mock
from conformance.report_html import render_page

pytest_plugins = ["pytester"]


def test_the_html_summary_lists_the_checks_not_run_with_their_reasons() -> None:
    check = {"id": "tasks-tenant-isolation", "status": "not_run", "evidence": []}
    data = {
        "base_url": "http://127.0.0.1:1",
        "seed": 0,
        "budget": {"limit": None, "spent": 0},
        "duration_s": 1.0,
        "layer_seconds": {},
        "counts": {"pass": 0, "fail": 0, "warn": 0, "not_run": 1, "error": 0},
        "notes": [],
        "checks": [{**check, "reason": "needs a second tenant: pass --token-b"}],
    }
    page = render_page(data)
    summary = page[page.index("<nav id='summary'>") : page.index("</nav>")]
    assert "Not run: 1 check(s)" in summary
    assert "tasks-tenant-isolation" in summary
    assert "needs a second tenant: pass --token-b" in summary


def test_a_refused_key_from_the_environment_is_named_as_such(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conformance.cli import main

    monkeypatch.setenv("TOAPIS_API_KEY", "not-a-key-of-this-server")
    with embedded_mock() as server:
        code = main(["--base-url", server.base_url, "--quiet"])
    out = capsys.readouterr().out
    assert code == 2
    assert "the token given by TOAPIS_API_KEY" in out
    assert "--token" not in out


def test_the_plugin_names_its_own_options_in_skip_reasons() -> None:
    from conformance.pytest_plugin import plugin_terms

    assert plugin_terms("needs a second tenant: pass --token-b") == (
        "needs a second tenant: pass --conformance-token-b"
    )
    assert plugin_terms("a non-loopback server needs --budget; or --read-only") == (
        "a non-loopback server needs --conformance-budget; or --conformance-read-only"
    )
    assert plugin_terms("pass --failing-prompt with a prompt") == (
        "pass --conformance-failing-prompt with a prompt"
    )
    assert plugin_terms("--max-time 4 s reached") == "--max-time 4 s reached"  # no such option


def test_the_plugin_has_webhook_options(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess("--help")
    for option in (
        "--conformance-webhook-receiver",
        "--conformance-webhook-secret",
        "--conformance-webhook-timeout",
    ):
        result.stdout.fnmatch_lines([f"*{option}*"])


def test_schemathesis_advice_on_links_is_not_shown() -> None:
    """With create requests excluded (no budget), Schemathesis' stateful phase finds no usable
    link and ends its message with its own documentation link: not shown to our users."""
    from conformance.budget import Budget
    from conformance.http import Pacer
    from conformance.schema_layer import SchemaRunOptions, run_schema_layer

    with embedded_mock() as server:
        summary = run_schema_layer(
            SchemaRunOptions(
                base_url=server.base_url,
                token=server.token,
                seed=0,
                max_examples=2,
                budget=Budget(0),
                pacer=Pacer(None),
                allow_create=False,
            )
        )
    assert summary.notes
    assert not [note for note in summary.notes if "Learn how to define links" in note]
    assert not [note for note in summary.notes if "schemathesis.readthedocs" in note]
