"""The documentation site, built from the contract and looked at in a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from docsite import build, models

import toapis_spec
from conformance.contract import families

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
    from playwright.sync_api import Error as PlaywrightError

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
                        try:
                            found.first.scroll_into_view_if_needed()
                            page.wait_for_timeout(250)
                            text = str(found.first.inner_text())
                        except PlaywrightError:  # re-rendered under us: the next round finds it
                            continue
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
    for title in (
        "API reference",
        "Conformance checks",
        "Decisions",
        "Compatibility rules",
        "Models",
    ):
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


def _sections(markdown: str, level: str) -> dict[str, str]:
    """The sections of ``markdown`` under headings ``{level} ...`name``` by name, in order."""
    parts = re.split(rf"^{level} (?:Family )?`([^`]+)`$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_models_page_lists_every_model_under_its_family() -> None:
    page = (REPO / "docs" / "models.md").read_text(encoding="utf-8")
    by_family = _sections(page, "##")
    assert list(by_family) == list(families()), "families missing or out of contract order"
    for family, names in families().items():
        assert list(_sections(by_family[family], "###")) == list(names), family
    for name, info in toapis_spec.models().items():
        entry = _sections(by_family[info.family], "###")[info.alias_of or name]
        if info.alias_of:
            assert re.search(rf"^\| Aliases \|.*`{re.escape(name)}`", entry, re.MULTILINE), name
        op = toapis_spec.operation(info.operation_id)
        assert f"`{op.method} {op.path}`" in entry, name
        assert f"`{info.page}`" in entry, name
        for decision in models.decision_locations(info.schema):
            assert f"[{decision}](../openapi/DECISIONS.md)" in entry, (name, decision)


def test_models_page_reads_a_model_added_to_the_contract(tmp_path: Path) -> None:
    """Nothing on the page is written by hand: a model only a copy of the contract describes
    (its family, alias, limits and a decision) is listed, with what its schema says."""
    document = toapis_spec.load()
    schemas = document["components"]["schemas"]
    schemas["AcmeDocsRequest"] = {
        "x-model": {"family": "acme", "page": "images/acme/generation.mdx", "aliases": ["acme-x"]},
        "type": "object",
        "required": ["model", "prompt"],
        "properties": {
            "model": {"type": "string", "enum": ["acme-image-1", "acme-x"]},
            "prompt": {"type": "string", "minLength": 1, "maxLength": 321},
            "size": {
                "type": "string",
                "enum": ["1:1", "3:1", "auto"],
                "default": "3:1",
                "x-non-ratio-sizes": {"auto": "whatever the server likes"},
                "x-decisions": {"default": "D-44"},
            },
            "n": {"type": "integer", "minimum": 1, "maximum": 3, "default": 2},
        },
    }
    union = schemas["ImageGenerationRequest"]
    union["oneOf"].append({"$ref": "#/components/schemas/AcmeDocsRequest"})
    for name in ("acme-image-1", "acme-x"):
        union["discriminator"]["mapping"][name] = "#/components/schemas/AcmeDocsRequest"
    package = tmp_path / "toapis_spec"
    shutil.copytree(REPO / "openapi" / "toapis_spec", package)
    with open(package / "openapi.yaml", "w", encoding="utf-8") as handle:
        yaml.safe_dump(document, handle, sort_keys=False, allow_unicode=True)
    code = (
        "import sys; from pathlib import Path; from docsite.models import models_markdown\n"
        "sys.stdout.write(models_markdown(Path(sys.argv[1]), lambda d: 'D.md#' + d))\n"
    )
    paths = [str(tmp_path), str(REPO / "scripts"), str(REPO)]
    shown = subprocess.run(
        [sys.executable, "-c", code, str(REPO / "openapi" / "DECISIONS.md")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
    )
    assert shown.returncode == 0, shown.stderr
    entry = _sections(_sections(shown.stdout, "##")["acme"], "###")["acme-image-1"]
    assert "| Aliases | `acme-x` |" in entry
    assert "| Prompt | at most 321 characters |" in entry
    assert "| `n` | `1` to `3`, default `2` |" in entry
    assert "`1:1`, `3:1`; also `auto` (whatever the server likes)" in entry
    assert "| Default size | `3:1`, not documented (decided: [D-44](D.md#D-44)) |" in entry


def test_models_page_refuses_a_decision_missing_from_decisions_md(tmp_path: Path) -> None:
    decisions = tmp_path / "DECISIONS.md"
    decisions.write_text("| D-14 | Empty prompt | ... |\n", encoding="utf-8")
    with pytest.raises(models.ModelsPageError, match=r"cites D-\d+, which the table"):
        models.models_markdown(decisions, lambda d: d)


def test_decision_locations_name_the_field_and_keyword() -> None:
    schema = {
        "x-decisions": {"if": "D-09", "required": {"progress": "D-07"}},
        "properties": {
            "size": {"default": "1:1", "x-decisions": {"default": "D-44"}},
            "image_urls": {"items": {"anyOf": [{"x-decisions": {"pattern": "D-06"}}]}},
            "metadata": {
                "properties": {"resolution": {"x-decisions": {"enum": {"decision": "D-32"}}}}
            },
        },
    }
    assert models.decision_locations(schema) == {
        "D-06": {"image_urls[]": ["`pattern`"]},
        "D-07": {"": ["`required` `progress`"]},
        "D-09": {"": ["`if`"]},
        "D-32": {"metadata.resolution": ["`enum`"]},
        "D-44": {"size": ["`default`"]},
    }


def test_models_page_links_decisions_to_their_rows(site: Path) -> None:
    page = (site / "models.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<tr id="(d-\d+)">', (site / "decisions.html").read_text("utf-8")))
    links = set(re.findall(r'href="decisions\.html#(d-\d+)"', page))
    assert links, "the models page links no decision"
    assert links <= anchors, f"links to rows decisions.html lacks: {sorted(links - anchors)}"


def test_models_page_renders_every_model(browser: object, base_url: str) -> None:
    text = _text(browser, f"{base_url}/models.html", screenshot="docs-models.png")
    for family in families():
        assert f"Family {family}" in text, family
    for name in toapis_spec.models():
        assert name in text, name
