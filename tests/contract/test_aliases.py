"""The model aliases the vendor pages state are the contract's aliases (DECISIONS.md D-51).

The statements come from openapi/promises/vendor_statements.json (what scripts/extract_promises
read from the pages), so an alias a page adds shows up here as a missing one.
"""

from __future__ import annotations

import json
import re

import pytest

import toapis_spec
from toapis_spec.promises import PROMISES_DIR

STATEMENTS = PROMISES_DIR / "vendor_statements.json"
# "Model alias: nano-banana", "Nano Banana 2 aliases: nano-banana-2-lite-official and
# nano-banana-2-official": the names after the colon, separated by commas or "and".
ALIAS_STATEMENT = re.compile(r"\balias(?:es)?:\s*(?P<names>.+)$", re.IGNORECASE)
NAME = re.compile(r"[a-z0-9][a-z0-9.-]*[a-z0-9]")


def stated_aliases() -> list[tuple[str, str]]:
    """Every (page, alias name) the vendor pages state."""
    found: list[tuple[str, str]] = []
    for statement in json.loads(STATEMENTS.read_text(encoding="utf-8"))["statements"]:
        match = ALIAS_STATEMENT.search(statement["text"])
        if match is None:
            continue
        names = [n for n in NAME.findall(match["names"]) if n != "and"]
        assert names, f"an alias statement naming no model: {statement}"
        found += [(statement["page"], name) for name in names]
    return found


def test_the_pages_state_the_aliases_we_know_of() -> None:
    # A guard on the parsing above: the six aliases of the five Gemini pages.
    assert sorted(name for _, name in stated_aliases()) == [
        "nano-banana",
        "nano-banana-2-lite-official",
        "nano-banana-2-official",
        "nano-banana-official",
        "nano-banana-pro",
        "nano-banana-pro-official",
    ]


@pytest.mark.parametrize("view", ["client", "server"])
@pytest.mark.parametrize(("page", "alias"), stated_aliases(), ids=lambda v: str(v))
def test_every_stated_alias_is_an_alias_of_its_pages_model(
    page: str, alias: str, view: str
) -> None:
    models = toapis_spec.models(view=view)
    assert alias in models, f"{page} states the alias {alias!r}; the contract has no such model"
    info = models[alias]
    assert info.alias_of is not None, f"{alias!r} is a model of its own, not an alias"
    canonical = models[info.alias_of]
    assert canonical.page == page
    assert canonical.alias_of is None
    # One schema: everything the model takes, the alias takes.
    assert info.schema == canonical.schema
    assert alias in info.schema["properties"]["model"]["enum"]


def test_every_alias_of_the_contract_is_stated_by_a_page() -> None:
    stated = {name for _, name in stated_aliases()}
    declared = {name for name, info in toapis_spec.models().items() if info.alias_of}
    assert declared <= stated, f"aliases no page states: {sorted(declared - stated)}"
