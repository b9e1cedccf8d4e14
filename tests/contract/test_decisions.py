"""The contract marks our decisions where they stand, and the two views differ exactly there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema

import toapis_spec
from toapis_spec import DECISIONS_KEY, decision_on_path, server_view

DECISIONS = Path(toapis_spec.__file__).resolve().parents[1] / "DECISIONS.md"


def _documented_ids() -> set[str]:
    return set(re.findall(r"^\| (D-\d\d) \|", DECISIONS.read_text(encoding="utf-8"), re.M))


def test_every_decision_the_contract_cites_is_recorded() -> None:
    used = toapis_spec.decisions_used()
    assert used, "the contract marks no decision"
    assert used <= _documented_ids()


def _strip_marks(node: Any) -> Any:
    if isinstance(node, list):
        return [_strip_marks(item) for item in node]
    if isinstance(node, dict):
        return {k: _strip_marks(v) for k, v in node.items() if k != DECISIONS_KEY}
    return node


def test_the_views_differ_only_where_a_decision_is_marked() -> None:
    client = toapis_spec.load()
    server = toapis_spec.load(view="server")
    assert server != client
    # Without any x-decisions, the server view of the contract is the contract itself.
    unmarked = _strip_marks(client)
    assert server_view(unmarked) == unmarked


def test_server_view_removes_widens_and_trims_required() -> None:
    schema = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {
            "a": {"type": "string", "minLength": 1, DECISIONS_KEY: {"minLength": "D-14"}},
            "b": {
                "enum": ["x"],
                DECISIONS_KEY: {"enum": {"decision": "D-02", "documented": ["x", "y"]}},
            },
        },
        DECISIONS_KEY: {"required": {"b": "D-07"}},
    }
    view = server_view(schema)
    assert view["required"] == ["a"]
    assert "minLength" not in view["properties"]["a"]
    assert view["properties"]["b"]["enum"] == ["x", "y"]


def _decision(schema: dict[str, Any], body: Any) -> set[str | None]:
    validator = jsonschema.Draft202012Validator(schema)
    return {
        decision_on_path(schema, e.absolute_schema_path, e.instance)
        for e in validator.iter_errors(body)
    }


def test_each_marked_constraint_is_found_behind_its_error() -> None:
    task = toapis_spec.operation("getImageGenerationTask").response_schema(200)
    base = {"id": "t", "object": "generation.task", "model": "m", "created_at": 1}
    assert _decision(task, {**base, "status": "queued"}) == {"D-07"}  # no progress
    assert _decision(task, {**base, "status": "submitted", "progress": 0}) == {"D-02"}
    assert _decision(task, {**base, "status": "queued", "progress": "x"}) == {None}  # documented
    request = toapis_spec.operation("createImageGeneration").request_schema()["oneOf"][0]
    ok = {"model": "gpt-4o-image", "prompt": "castle"}
    assert _decision(request, {**ok, "prompt": ""}) == {"D-14"}
    assert _decision(request, {**ok, "mask_url": "https://example.com/m.png"}) == {"D-09"}
    assert _decision(request, {**ok, "n": 3}) == {None}


def test_absent_and_null_are_the_same_where_d21_says_so() -> None:
    task = toapis_spec.operation("getImageGenerationTask").response_schema(200)
    queued = {
        "id": "t",
        "object": "generation.task",
        "model": "m",
        "status": "queued",
        "progress": 0,
        "created_at": 1,
        "client_business_id": None,
        "completed_at": None,
        "expires_at": None,
        "url": None,
        "result": None,
        "error": None,
    }
    assert list(jsonschema.Draft202012Validator(task).iter_errors(queued)) == []
    completed = {**queued, "status": "completed", "progress": 100, "completed_at": None}
    assert list(jsonschema.Draft202012Validator(task).iter_errors(completed))  # needs its time
