"""docs/promises.md: every promise of the inventory, with its checks or reason, and the counts."""

from __future__ import annotations

from docsite import build

from toapis_spec.promises import promises

from .conftest import REPO


def test_the_page_lists_every_promise_with_its_checks_or_reason() -> None:
    page = build.promises_page(REPO, site=False)
    for promise in promises():
        row = next((line for line in page.splitlines() if f"`{promise.id}` (" in line), None)
        assert row is not None, f"{promise.id} is not on the page"
        for check in promise.checks:
            assert f"[`{check}`](catalogue.md)" in row, (promise.id, check)
        if promise.reason:
            assert promise.reason.split()[0] in row
    assert f"**{len(promises())} promises**" in page
