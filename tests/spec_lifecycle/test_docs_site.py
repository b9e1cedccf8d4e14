"""The documentation site, built from the contract and looked at in a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docsite import build

import toapis_spec

from .conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_docs"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(
            "Chromium is not installed: run `apt-get update && apt-get install -y chromium` "
            "(the docs are tested in /usr/bin/chromium, driven by Playwright)"
        )
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def _text(browser: object, url: str, screenshot: str | None = None) -> str:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        if screenshot:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / screenshot), full_page=False)
        return str(page.inner_text("body"))
    finally:
        page.close()


def test_api_reference_renders_every_operation_and_error(browser: object, base_url: str) -> None:
    operations = toapis_spec.operations()
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(f"{base_url}/api.html", wait_until="load")
        page.get_by_text("Search", exact=False).first.wait_for(timeout=30_000)  # hydrated
        # The reference renders a tag's operations once the tag is opened in the navigation, and
        # each operation section as it scrolls into view: open every tag of the contract, scroll.
        sections: dict[str, str] = {}
        for tag in toapis_spec.load().get("tags", []):
            page.get_by_text(tag["name"], exact=True).first.click()
            for _ in range(20):
                page.mouse.move(640, 400)
                for op_id in operations.keys() - sections.keys():
                    found = page.locator(f"[data-section-id$='/{op_id.lower()}']")
                    if found.count():
                        found.first.scroll_into_view_if_needed()
                        page.wait_for_timeout(250)
                        text = str(found.first.inner_text())
                        if text.strip():  # an empty placeholder until rendered
                            sections[op_id] = text
                if len(sections) == len(operations):
                    break
                page.mouse.wheel(0, 1500)
                page.wait_for_timeout(250)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "docs-api.png"))
    finally:
        page.close()
    assert sections.keys() == operations.keys(), "operations missing from the rendered reference"
    for op_id, op in operations.items():
        assert op.spec["summary"] in sections[op_id], op_id
        for status in op.statuses:
            if status >= 400:
                assert str(status) in sections[op_id], (op_id, status)
    assert (ARTIFACTS / "docs-api.png").stat().st_size > 10_000


def test_catalogue_page_lists_every_check(browser: object, base_url: str) -> None:
    text = _text(browser, f"{base_url}/conformance.html", screenshot="docs-conformance.png")
    catalogue = build.load_catalogue()
    for check in catalogue.values():
        assert check.id in text
        promise = " ".join(check.promise.replace("`", "").split())
        assert promise[:60] in " ".join(text.split()), check.id


def test_index_links_every_page(browser: object, base_url: str) -> None:
    text = _text(browser, f"{base_url}/index.html", screenshot="docs-index.png")
    for title in ("API reference", "Conformance checks", "Decisions", "Compatibility rules"):
        assert title in text
    decisions = _text(browser, f"{base_url}/decisions.html")
    assert "D-10" in decisions


def test_api_page_is_self_contained(site: Path) -> None:
    html = (site / "api.html").read_text(encoding="utf-8")
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_missing_catalogue_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "conformance.catalogue", None)  # import now raises
    with pytest.raises(build.BuildError, match="catalogue is not importable"):
        build.build_site(REPO, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_docs_sources_are_up_to_date() -> None:
    stale = build.generate_sources(REPO / "docs", check=True)
    assert stale == [], "run python scripts/build_docs"
