"""Checks are declared once, beside the code that judges them, and gathered into the catalogue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conformance.catalogue import AREAS, CATALOGUE, RENAMED
from conformance.checks import DECIDED, DuplicateCheck, declare, declared_in
from conformance.probes import webhooks

# Every id published before the declarations moved beside their code (an id never changes
# meaning once published, so none may disappear; new ones may be added).
PUBLISHED = frozenset(
    {
        "schema-not-a-server-error",
        "schema-status-code-conformance",
        "schema-content-type-conformance",
        "schema-response-headers-conformance",
        "schema-response-schema-conformance",
        "schema-positive-data-acceptance",
        "schema-negative-data-rejection",
        "schema-missing-required-header",
        "schema-ignored-auth",
        "schema-ensure-resource-availability",
        "lifecycle-create-returns-task",
        "lifecycle-progress-monotonic",
        "lifecycle-terminal-final",
        "lifecycle-progress-never-dips",
        "lifecycle-status-order",
        "lifecycle-created-at-stable",
        "lifecycle-completed-result-count",
        "lifecycle-expires-after-lifetime",
        "lifecycle-terminal-within-bound",
        "lifecycle-ids-unique",
        "lifecycle-failed-has-error",
        "results-images-match-request",
        "results-expire-after-ttl",
        "webhooks-delivered",
        "webhooks-signature-valid",
        "webhooks-timestamp-fresh",
        "webhooks-payload-schema",
        "webhooks-payload-matches-task",
        "webhooks-event-id-stable",
        "webhooks-retries-after-non-2xx",
        "webhooks-no-redirects-followed",
        "tasks-unknown-id-404",
        "tasks-tenant-isolation",
        "auth-missing-key-401",
        "auth-wrong-key-401",
        "validation-rejects-missing-prompt",
        "validation-rejects-prompt-over-limit",
        "validation-rejects-n-outside-enum",
        "validation-rejects-n-string",
        "validation-rejects-n-boolean",
        "validation-rejects-undocumented-size",
        "validation-rejects-too-many-image-urls",
        "validation-rejects-data-url",
        "validation-rejects-ftp-url",
        "validation-rejects-empty-prompt",
        "validation-rejects-mask-without-reference",
        "validation-accepts-n-float",
        "validation-rejects-unknown-model",
        "validation-accepts-max-image-urls",
        "validation-accepts-prompt-at-limit",
        "validation-mask-non-png",
        "uploads-accepts-documented-formats",
        "uploads-rejects-non-image",
        "uploads-rejects-oversize",
        "uploads-url-usable-for-generation",
        "ratelimit-retry-after",
    }
)

# Run in a fresh interpreter: count the declare() calls per id while every judging module is
# imported for the first time, and list the catalogue after importing `first` before it.
_FRESH = """
import collections, importlib, json, sys
import conformance.checks as checks
calls = collections.Counter()
class Counting(dict):
    def __setitem__(self, check_id, info):
        calls[check_id] += 1  # declare() stores every call, the same declaration again too
        super().__setitem__(check_id, info)
checks._DECLARED = Counting()
importlib.import_module(sys.argv[1])
from conformance.catalogue import CATALOGUE
print(json.dumps({"calls": calls, "order": list(CATALOGUE)}))
"""


def _fresh(first: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _FRESH, first], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_no_published_id_disappears() -> None:
    assert len(PUBLISHED) == 56
    assert set(CATALOGUE) >= PUBLISHED, sorted(PUBLISHED - set(CATALOGUE))
    assert set(RENAMED.values()) <= set(CATALOGUE)


def test_every_check_is_declared_once_in_a_judging_module() -> None:
    fresh = _fresh("conformance.catalogue")
    calls = fresh["calls"]
    assert isinstance(calls, dict)
    assert {c: n for c, n in calls.items() if n != 1} == {}
    assert set(calls) >= set(CATALOGUE)
    for check_id in CATALOGUE:
        assert declared_in(check_id).startswith(("conformance.judges.", "conformance.probes."))


def test_a_second_declaration_with_another_promise_is_refused() -> None:
    info = CATALOGUE["tasks-unknown-id-404"]

    def again(promise: str) -> str:
        return declare(
            info.id,
            title=info.title,
            promise=promise,
            source=info.source,
            area=info.area,
            layer=info.layer,
            basis=info.basis,
            quote=info.quote,
            decisions=info.decisions,
        )

    # The same declaration again (a module imported under a second name) is the same check.
    assert again(info.promise) == info.id
    with pytest.raises(DuplicateCheck, match="tasks-unknown-id-404"):
        again(info.promise + " Or not.")
    assert CATALOGUE[info.id] == info
    assert declared_in(info.id) == "conformance.probes.security"


def test_a_declaration_without_its_basis_is_refused() -> None:
    with pytest.raises(ValueError, match="needs the doc sentence"):
        declare("test-no-quote", title="t", promise="p", source="s", area="auth")
    with pytest.raises(ValueError, match=r"needs its DECISIONS\.md entry"):
        declare("test-no-decision", title="t", promise="p", source="s", area="auth", basis=DECIDED)


def test_the_order_is_by_area_and_does_not_depend_on_import_order() -> None:
    ranks = [AREAS.index(i.area) if i.area in AREAS else len(AREAS) for i in CATALOGUE.values()]
    assert ranks == sorted(ranks)
    # Within a module, declaration order (not alphabetical).
    assert [c for c in CATALOGUE if c.startswith("webhooks-")] == list(webhooks.CHECKS)
    for first in ("conformance.probes.webhooks", "conformance.probes.validation"):
        assert _fresh(first)["order"] == list(CATALOGUE), first
