"""Build ``site/`` from the contract.

- ``site/api.html``: the API reference, one self-contained page, by Redocly CLI (pinned in
  package.json) from openapi/openapi.yaml.
- ``site/conformance.html``: every conformance check and the promise it enforces, from
  ``conformance.catalogue.CATALOGUE``.
- ``site/decisions.html``: openapi/DECISIONS.md, how the contract reads the docs' contradictions.
- ``site/compatibility.html``: the compatibility rules of scripts/check_compat and whom each breaks.
- ``site/models.html``: every model of the contract by family, with its limits and the decisions
  marked in its request schema (``docsite.models``).
- ``site/index.html``: links to the pages.

The markdown sources of the generated pages are written to ``docs/`` first (reviewable in a diff);
``--check`` fails when they are stale.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from compat.rules import RULES
from markdown_it import MarkdownIt

from docsite.models import ModelsPageError, models_markdown
from docsite.promises import promises_markdown

__all__ = ["BuildError", "build_site", "catalogue_markdown", "models_page", "rules_markdown"]

TOOLS_ROOT = Path(__file__).resolve().parents[2]  # where node_modules and the scripts live
REDOCLY = TOOLS_ROOT / "node_modules" / ".bin" / "redocly"


class BuildError(Exception):
    """The site cannot be built; the message says what is missing and how to get it."""


def _cell(text: object) -> str:
    # Table cells are single-line markdown: keep the text, drop the line breaks and escape pipes.
    return " ".join(str(text).split()).replace("|", "\\|")


def load_catalogue() -> Mapping[str, Any]:
    try:
        from conformance.catalogue import CATALOGUE
    except ImportError as exc:
        raise BuildError(
            f"the conformance catalogue is not importable ({exc}); the catalogue page needs "
            "`conformance.catalogue.CATALOGUE` (pip install -e .)"
        ) from None
    if not CATALOGUE:
        raise BuildError(
            "conformance.catalogue.CATALOGUE is empty: refusing to render an empty page"
        )
    return CATALOGUE


def catalogue_markdown(catalogue: Mapping[str, Any]) -> str:
    from conformance.catalogue import basis_counts

    counts = basis_counts()
    lines = [
        "# Conformance checks",
        "",
        "Every check of the conformance suite (`toapis-conformance`), the promise it enforces and",
        "its basis. Generated from `conformance.catalogue.CATALOGUE` by `scripts/build_docs`; do",
        "not edit by hand.",
        "",
        "**Basis.** `documented`: a sentence of the docs says it (quoted); a broken promise is a",
        "**FAIL**. `decided`: an entry of `openapi/DECISIONS.md` reads it into the docs; a broken",
        "promise is a **WARN** (exit status 0 unless `--strict`). A documented check also gives a",
        "WARN when what broke is a decided constraint of the contract (`x-decisions`); the",
        "decisions it may cite are listed.",
        "",
        f"{len(catalogue)} checks: {counts['documented']} documented, {counts['decided']} decided.",
        "",
        "| Check id | What it checks | Promise | Basis | Source | Layer | Area |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for check in catalogue.values():
        if check.basis == "decided":
            basis = "decided: " + ", ".join(check.decisions)
        else:
            basis = f"documented: “{check.quote}”" if check.quote else "documented"
            if check.decisions:
                basis += " (WARN on " + ", ".join(check.decisions) + ")"
        lines.append(
            f"| `{_cell(check.id)}` | {_cell(check.title)} | {_cell(check.promise)} | "
            f"{_cell(basis)} | {_cell(check.source)} | {_cell(check.layer)} | {_cell(check.area)} |"
        )
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    lines = [
        "# Compatibility rules",
        "",
        "The rules of `scripts/check_compat` and whom each change breaks, depending on whether it",
        "sits in a request or in a response. Generated from `scripts/compat/rules.py` by",
        "`scripts/build_docs`; the reasoning is in `docs/compatibility.md`.",
        "",
        "| Rule | Change | In a request, breaks | In a response, breaks |",
        "| --- | --- | --- | --- |",
    ]
    for rule in RULES.values():
        lines.append(
            f"| `{rule.id}` | {_cell(rule.title)} | {' and '.join(sorted(rule.on_request)) or '-'} "
            f"| {' and '.join(sorted(rule.on_response)) or '-'} |"
        )
    return "\n".join(lines) + "\n"


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1b1b1b; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }}
th {{ background: #f3f3f3; }}
code {{ background: #f5f5f5; padding: 0 0.2rem; }}
nav a {{ margin-right: 1rem; }}
</style></head>
<body><nav><a href="index.html">Index</a><a href="api.html">API reference</a>
<a href="conformance.html">Conformance checks</a><a href="decisions.html">Decisions</a>
<a href="compatibility.html">Compatibility rules</a><a href="models.html">Models</a></nav>
<main>
{body}
</main></body></html>
"""


def _render(markdown: str, title: str) -> str:
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return _PAGE.format(title=html.escape(title), body=body)


def models_page(decisions: Path, *, site: bool) -> str:
    """The models page: for ``docs/models.md`` (decisions link to DECISIONS.md) or for the site
    (each decision links to its row of ``decisions.html``)."""
    if not decisions.is_file():
        raise BuildError(f"{decisions} is missing: the models page cites its decisions")
    try:
        if site:
            return models_markdown(decisions, lambda d: f"decisions.html#{d.lower()}")
        return models_markdown(decisions, lambda d: "../openapi/DECISIONS.md")
    except ModelsPageError as exc:
        raise BuildError(str(exc)) from None


def promises_page(root: Path, *, site: bool) -> str:
    """docs/promises.md (``site``: for the site, checks linking to the conformance page)."""
    from toapis_spec.promises import InventoryError

    fixture = root / "openapi" / "promises" / "vendor_statements.json"
    if not fixture.is_file():
        raise BuildError(f"{fixture} is missing: run scripts/extract_promises")
    try:
        if site:
            return promises_markdown(fixture, lambda c: "conformance.html")
        return promises_markdown(fixture, lambda c: "catalogue.md")
    except InventoryError as exc:
        raise BuildError(f"the promise inventory cannot be read: {exc}") from None


_DECISION_ROW = re.compile(r"<tr>\n<td>(D-\d+)</td>")


def _anchor_decisions(page: str) -> str:
    """Give each row of the decision table an id (``d-44``) that the models page links to."""
    return _DECISION_ROW.sub(
        lambda m: f'<tr id="{m.group(1).lower()}">\n<td>{m.group(1)}</td>', page
    )


def generate_sources(docs_dir: Path, *, check: bool = False) -> list[str]:
    """Write docs/catalogue.md, docs/compatibility-rules.md and docs/models.md; with ``check``,
    list stale ones."""
    decisions = docs_dir.parent / "openapi" / "DECISIONS.md"
    wanted = {
        docs_dir / "catalogue.md": catalogue_markdown(load_catalogue()),
        docs_dir / "compatibility-rules.md": rules_markdown(),
        docs_dir / "models.md": models_page(decisions, site=False),
        docs_dir / "promises.md": promises_page(docs_dir.parent, site=False),
    }
    stale = [
        str(path)
        for path, text in wanted.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    if not check:
        docs_dir.mkdir(parents=True, exist_ok=True)
        for path, text in wanted.items():
            path.write_text(text, encoding="utf-8")
    return stale


def build_site(root: Path, out: Path) -> list[Path]:
    """Build every page into ``out`` from the contract under ``root``; return the pages."""
    contract = root / "openapi" / "openapi.yaml"
    decisions = root / "openapi" / "DECISIONS.md"
    if not REDOCLY.is_file():
        raise BuildError(
            f"{REDOCLY} is missing: run `npm ci` in {TOOLS_ROOT} (Redocly CLI is "
            "pinned in package.json)"
        )
    if not decisions.is_file():
        raise BuildError(f"{decisions} is missing: the decisions page renders it")
    catalogue = load_catalogue()  # before writing anything: a missing catalogue changes nothing
    models = models_page(decisions, site=True)
    out.mkdir(parents=True, exist_ok=True)
    api = out / "api.html"
    built = subprocess.run(
        [str(REDOCLY), "build-docs", str(contract), "-o", str(api), "--inlineBundle"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0 or not api.is_file():
        raise BuildError(f"redocly build-docs failed:\n{built.stdout}\n{built.stderr}")
    pages = {
        "conformance.html": _render(catalogue_markdown(catalogue), "Conformance checks"),
        "decisions.html": _anchor_decisions(
            _render(decisions.read_text(encoding="utf-8"), "Decisions")
        ),
        "compatibility.html": _render(rules_markdown(), "Compatibility rules"),
        "models.html": _render(models, "Models"),
        "promises.html": _render(promises_page(root, site=True), "Promises"),
    }
    title = html.escape(_contract_title(contract))
    index_md = "\n".join(
        [
            f"# {title}",
            "",
            "Documentation built from the contract `openapi/openapi.yaml` by `scripts/build_docs`.",
            "",
            "- [API reference](api.html): every operation, schema, example and error.",
            "- [Conformance checks](conformance.html): what `toapis-conformance` verifies, why.",
            "- [Decisions](decisions.html): how the contract reads the docs' contradictions.",
            "- [Compatibility rules](compatibility.html): which contract changes break whom.",
            "- [Models](models.html): every model by family, its limits and decisions.",
            "- [Promises](promises.html): every statement of the vendor pages and its checks.",
            "",
        ]
    )
    pages["index.html"] = _render(index_md, title)
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    return [api, *(out / name for name in pages)]


def _contract_title(contract: Path) -> str:
    import yaml

    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    return str(document.get("info", {}).get("title", "API documentation"))
