"""The structural rules classify each spec pair as the rule table says."""

from __future__ import annotations

import pytest
from compat.rules import CLIENTS, RULES, SERVERS, Side
from compat.structural import compare_documents

from .spec_pairs import PAIRS, SpecPair


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_pair_is_classified(pair: SpecPair) -> None:
    old, new = pair.documents()
    changes = compare_documents(old, new)
    assert {c.rule_id for c in changes} == pair.rules, [str(c) for c in changes]
    assert any(CLIENTS in c.breaks for c in changes) is pair.breaks_clients
    assert any(SERVERS in c.breaks for c in changes) is pair.breaks_servers


def test_identical_contracts_have_no_change() -> None:
    old, _new = PAIRS[0].documents()
    assert compare_documents(old, old) == []


def test_change_names_the_operation_and_schema() -> None:
    old, new = PAIRS[0].documents()
    (change,) = compare_documents(old, new)
    assert change.operation_id == "createImageGeneration"
    assert change.side is Side.REQUEST
    assert change.schema_path.endswith("Gpt4oImageGenerationRequest.n")
    assert change.old == [1, 2, 4]
    assert change.new == [1, 2]


def test_a_shared_schema_change_is_reported_per_operation() -> None:
    pair = next(p for p in PAIRS if p.edit.__name__ == "progress_optional")
    old, new = pair.documents()
    assert {c.operation_id for c in compare_documents(old, new)} == {
        "createImageGeneration",
        "createImageEdit",
        "getImageGenerationTask",
    }


def test_direction_flips_between_request_and_response() -> None:
    """The same edit (an enum value removed) breaks clients in a request, servers in a response."""
    old, new = PAIRS[0].documents()
    new["components"]["schemas"]["TaskStatus"]["enum"].remove("in_progress")
    by_side = {c.side: c.breaks for c in compare_documents(old, new)}
    assert by_side[Side.REQUEST] == {CLIENTS}
    assert by_side[Side.RESPONSE] == {SERVERS}


def test_every_rule_is_documented() -> None:
    from .conftest import REPO

    text = (REPO / "docs" / "compatibility.md").read_text(encoding="utf-8")
    table = (REPO / "docs" / "compatibility-rules.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"`{rule_id}`" in table, rule_id
    assert "compatibility-rules.md" in text
