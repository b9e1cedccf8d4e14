"""The HTML report of a real run, looked at in Debian's Chromium (driven by Playwright).

The data comes from a run against the embedded mock with a defect switched on (a real failure),
plus one hand-made WARN check carrying the fields of the decided-promise format (``basis``,
``decision``, ``strict``, ``reproduce``) and a body built to break a careless page: markup, an
already escaped entity, and a long unbroken token.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance.catalogue import CATALOGUE
from conformance.embedded import embedded_mock
from conformance.redact import Redactor
from conformance.report import render_html, report_data
from conformance.report_html import anchor, inline_markdown, source_html, unescape_pointer
from conformance.runner import run_suite

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WARN_ID = "validation-rejects-empty-prompt-example"
# The check that catches the mock's `accept-n-3` defect (its id before and after a rename).
(FAILING,) = [
    c for c in ("validation-rejects-n-outside-enum", "validation-rejects-n-3") if c in CATALOGUE
]
POINTER = "#/paths/~1v1~1images~1generations/post/responses/200"
TRICKY_BODY = '{"note": "<b>not bold</b> &amp; kept", "blob": "' + "A" * 1500 + '"}'


def _warn_check() -> dict[str, Any]:
    exchange = {
        "request": {
            "method": "POST",
            "url": "http://127.0.0.1:9/v1/images/generations?" + "q=" * 300,
            "headers": {"content-type": "application/json"},
            "body": '{"model": "gpt-4o-image", "prompt": ""}',
        },
        "curl": "curl -sS -X POST http://127.0.0.1:9/v1/images/generations -d '" + "x" * 800 + "'",
        "response": {
            "status": 200,
            "headers": {"content-type": "application/json"},
            "body": TRICKY_BODY,
            "elapsed_ms": 1.5,
        },
    }
    return {
        "id": WARN_ID,
        "status": "warn",
        "title": "An empty `prompt` is rejected with **400**.",
        "promise": "The docs require `prompt`; D-14 reads that as **non-empty**, "
        'so `""` is refused.',
        "source": POINTER,
        "layer": "behaviour",
        "area": "validation",
        "reason": "",
        "observations": 1,
        "basis": {
            "level": "decided",
            "quote": "`prompt` (string, required): the image description",
            "decisions": ["D-14"],
        },
        "evidence": [
            {
                "message": "expected HTTP 400, got HTTP 200",
                "expected": "HTTP 400 with `error.param` naming `prompt`",
                "exchanges": [exchange],
                "decision": "D-14",
            }
        ],
    }


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with embedded_mock(seed=0, defects=["accept-n-3"]) as server:
        report = run_suite(
            server.settings(seed=0, max_examples=5, poll_interval=0, task_timeout=2),
            only=[FAILING, "tasks-unknown-id-404"],
        )
        redactor = Redactor([server.token, server.token_b])
    data = report_data(report, redactor)
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses == {FAILING: "fail", "tasks-unknown-id-404": "pass"}, statuses
    data["checks"].append(_warn_check())
    data["counts"]["warn"] = 1
    data["strict"] = False
    data["reproduce"] = {"mock_command": "toapis-mock --defect accept-n-3 --port 4010"}
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_html(data, redactor), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            "Chromium is not installed: run `apt-get update && apt-get install -y chromium` "
            "(the report is tested in /usr/bin/chromium, driven by Playwright)"
        )
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1000, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any, report_page: Path) -> Iterator[Any]:
    tab = browser.new_page()
    try:
        tab.goto(report_page.as_uri(), wait_until="load")
        yield tab
    finally:
        tab.close()


def test_summary_links_scroll_to_each_failure_and_warning(page: Any) -> None:
    links = page.locator("nav#summary a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [f"#{anchor(FAILING)}", f"#{anchor(WARN_ID)}"]  # failures first
    summary = page.inner_text("nav#summary")
    assert "1 failure(s), 1 warning(s)" in summary
    assert "D-14" in summary
    for href in reversed(hrefs):
        page.click(f"nav#summary a[href='{href}']")
        page.wait_for_function(f"location.hash === '{href}'")
        box = page.evaluate(
            "id => { const r = document.getElementById(id).getBoundingClientRect();"
            " return [r.top, window.innerHeight, document.querySelector(':target').id]; }",
            href[1:],
        )
        top, height, target = box
        assert target == href[1:]
        assert -2 <= top < height / 2, (href, top)  # at the top of the window


def test_nothing_overflows_sideways_at_1000_px(page: Any) -> None:
    page.set_viewport_size({"width": 1000, "height": 800})
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    too_wide = page.evaluate(
        """() => {
          const limit = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > limit + 0.5
                          || el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            .map(el => el.tagName + '.' + el.className);
        }"""
    )
    assert too_wide == []


def test_markdown_is_rendered_and_pointers_unescaped(page: Any) -> None:
    promises = [str(t) for t in page.locator(".promise").all_inner_texts()]
    titles = [str(t) for t in page.locator(".check h3").all_inner_texts()]
    assert promises
    assert not any("`" in text for text in promises + titles), promises + titles
    assert not any("**" in text for text in promises + titles)
    warn = page.locator(f"#{anchor(WARN_ID)}")
    assert warn.locator(".promise strong").inner_text() == "non-empty"
    assert warn.locator(".promise code").first.inner_text() == "prompt"
    body = str(page.inner_text("body"))
    assert "POST /v1/images/generations → responses → 200" in body
    assert "~1" not in body
    assert warn.locator("code.pointer").get_attribute("title") == POINTER


def test_bodies_are_shown_literally_once(page: Any) -> None:
    shown = page.locator(f"#{anchor(WARN_ID)} pre.body.response").inner_text()
    assert shown == TRICKY_BODY
    assert page.locator(f"#{anchor(WARN_ID)} pre.body b").count() == 0  # not parsed as markup


def test_warn_rows_are_amber_with_their_decision(page: Any) -> None:
    background = "el => getComputedStyle(el).backgroundColor"
    warn = page.locator(f"#{anchor(WARN_ID)}")
    fail = page.locator(f"#{anchor(FAILING)}")
    warn_colour = warn.evaluate(background)
    assert warn_colour == "rgb(255, 248, 230)"
    assert warn_colour != fail.evaluate(background)
    assert warn.locator(".badge").first.inner_text() == "WARN"
    assert "decision D-14" in warn.locator(".evidence").inner_text()
    assert "decided promise" in warn.locator(".basis").inner_text()
    assert "D-14" in warn.locator(".basis").inner_text()
    header = str(page.inner_text("body"))
    assert "toapis-mock --defect accept-n-3 --port 4010" in header
    assert "not strict" in header


def test_screenshot_of_the_report(page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "conformance-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_data_without_the_new_fields_still_renders(report_page: Path) -> None:
    """A report of the older format: no basis, decision, strict, reproduce or warn count."""
    data: dict[str, Any] = {
        "base_url": "http://127.0.0.1:1",
        "seed": 0,
        "budget": {"limit": None, "spent": 0},
        "duration_s": 0.1,
        "counts": {"pass": 0, "fail": 1, "not_run": 0, "error": 0},
        "notes": [],
        "checks": [copy.deepcopy(_warn_check())],
    }
    check = data["checks"][0]
    check["status"] = "fail"
    del check["basis"]
    del check["evidence"][0]["decision"]
    text = render_html(data, Redactor())
    assert f"href='#{anchor(WARN_ID)}'" in text
    assert "decision D-14" not in text
    assert "&amp;amp;" in text  # `&amp;` of the body, escaped once: shown as `&amp;`
    assert "&amp;amp;amp;" not in text


def test_inline_markdown_escapes_before_it_marks_up() -> None:
    assert inline_markdown("`<key>` and **<b>**") == (
        "<code>&lt;key&gt;</code> and <strong>&lt;b&gt;</strong>"
    )
    assert inline_markdown("`**not bold**`") == "<code>**not bold**</code>"
    assert unescape_pointer("#/components/schemas/A~0B~1C") == "components → schemas → A~B/C"
    assert "~1" not in re.sub("<[^>]*>", "", source_html(POINTER))


def test_the_page_never_masks_the_suites_own_words() -> None:
    """The data is redacted field by field; the page adds no pass that would alter ids, titles or
    promises (a key such as the test token "image" is masked only where it was sent or echoed)."""
    check = _warn_check()
    check["evidence"][0]["exchanges"][0]["response"]["body"] = "echo [REDACTED]"
    data: dict[str, Any] = {"counts": {}, "checks": [check], "notes": []}
    text = render_html(data, Redactor(["image", check["id"]]))
    assert check["id"] in text
    assert "echo [REDACTED]" in text
