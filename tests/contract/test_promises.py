"""The promise inventory (openapi/promises/) against the vendor pages' statements and the catalogue.

openapi/promises/vendor_statements.json is what scripts/extract_promises read from the vendor pages;
every statement there must sit in an inventory entry, and every entry must name the checks that
enforce it or say why none can.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conformance.catalogue import CATALOGUE
from toapis_spec import models
from toapis_spec.promises import (
    PROMISES_DIR,
    InventoryError,
    Promise,
    covering,
    models_of,
    promises,
)

STATEMENTS = PROMISES_DIR / "vendor_statements.json"


def _statements() -> list[dict[str, str]]:
    return list(json.loads(STATEMENTS.read_text(encoding="utf-8"))["statements"])


def test_every_statement_of_the_pages_is_in_the_inventory() -> None:
    inventory = promises()
    missing = [
        f"{s['page']} [{s['context']}] {s['text']}"
        for s in _statements()
        if covering(s["page"], s["context"], s["text"], inventory) is None
    ]
    assert not missing, f"{len(missing)} statements have no inventory entry:\n" + "\n".join(
        missing[:40]
    )


def test_every_promise_has_a_check_or_a_stated_reason() -> None:
    bare = [p.id for p in promises() if not p.checks and not p.reason]
    assert not bare, f"promises with neither a check nor a reason: {bare}"


def test_every_named_check_exists() -> None:
    unknown = sorted({(p.id, c) for p in promises() for c in p.checks if c not in CATALOGUE})
    assert not unknown, f"promises name checks the catalogue does not have: {unknown}"


def test_every_quoted_statement_is_on_one_of_its_pages() -> None:
    said = {(s["context"], s["text"], s["page"]) for s in _statements()}
    invented = [
        f"{p.id}: {text!r}"
        for p in promises()
        for text in p.statements
        if not any(c == p.context and t == text and p.on_page(page) for c, t, page in said)
    ]
    assert not invented, "statements no page of theirs says:\n" + "\n".join(invented[:40])


def test_every_model_page_of_the_contract_was_read() -> None:
    pages = set(json.loads(STATEMENTS.read_text(encoding="utf-8"))["source"]["pages"])
    unread = {m.page for m in models(view="server").values()} - pages
    assert not unread, f"contract pages missing from the statements fixture: {unread}"


def test_every_model_has_promises() -> None:
    counts: Counter[str] = Counter()
    for promise in promises():
        counts.update(models_of(promise))
    canonical = [m.name for m in models(view="server").values() if m.alias_of is None]
    assert all(counts[m] > 0 for m in canonical), {m: counts[m] for m in canonical}


def test_a_broken_inventory_is_refused_with_the_place(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "promises:\n  - id: x\n    pages: [p]\n    context: c\n    topic: nonsense\n"
        "    statements: [s]\n    reason: r\n",
        encoding="utf-8",
    )
    with pytest.raises(InventoryError, match=r"a\.yaml promise 'x': topic 'nonsense'"):
        promises(tmp_path)


def test_shared_reasons_are_resolved(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("reasons:\n  meaning: Says what a field means.\n", "utf-8")
    (tmp_path / "b.yaml").write_text(
        "promises:\n  - id: x\n    pages: ['images/*/*.mdx']\n    context: body.prompt\n"
        "    topic: description\n    statements: [s]\n    reason: meaning\n",
        encoding="utf-8",
    )
    (entry,) = promises(tmp_path)
    assert isinstance(entry, Promise)
    assert entry.reason == "Says what a field means."
    assert entry.on_page("images/gpt-4o/generation.mdx")
    assert not entry.on_page("uploads/images.mdx")
