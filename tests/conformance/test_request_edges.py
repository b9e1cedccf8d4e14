"""The edges of every request limit come from the contract: each value at an edge is one the
contract allows, each value past it one it forbids, for every model; the budget takes the
cheapest cases first."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.contract import limits, request_errors
from conformance.edges import Edge, model_edges, set_value
from conformance.judges.request_edges import (
    AT_EDGE,
    PAST_EDGE,
    judge_acceptance,
    judge_rejection,
)
from conformance.probes.base import Recorder, Settings
from conformance.probes.edges import cases
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse, Status
from toapis_spec import canonical_models, models

EVERY_EDGE = [edge for model in canonical_models() for edge in model_edges(model)]


def _body(edge: Edge, value: Any) -> dict[str, Any]:
    lim = limits(edge.model)
    body: dict[str, Any] = {"model": edge.model, "prompt": "A castle"}
    if lim.required_references and lim.reference_field is not None:
        body[lim.reference_field] = ["https://example.com/castle.png"]
    for name, fixed in edge.given.items():
        body = set_value(body, name, fixed)
    if edge.count:
        value = [f"https://example.com/{i}.png" for i in range(value)]
    return set_value(body, edge.field, value)


@pytest.mark.parametrize("edge", EVERY_EDGE, ids=lambda e: e.label)
def test_at_the_edge_is_allowed_and_past_it_is_not(edge: Edge) -> None:
    if edge.at is not None:
        assert request_errors(_body(edge, edge.at), "client") == []
    assert request_errors(_body(edge, edge.past), "client") != []


def test_every_model_has_edges_and_the_default_model_the_documented_ones() -> None:
    assert all(model_edges(model) for model in canonical_models())
    default = limits()
    found = {(e.field, e.keyword): (e.at, e.past) for e in model_edges(default.model)}
    assert found[("n", "enum")] == (max(default.n_values), max(default.n_values) + 1)
    assert found[("image_urls", "maxItems")] == (
        default.image_urls_max,
        (default.image_urls_max or 0) + 1,
    )


def test_the_seedream_total_rule_is_probed_once_at_its_cheapest_condition() -> None:
    seedream = next(m for m in canonical_models() if models()[m].family == "seedream")
    conditional = [e for e in model_edges(seedream) if e.given]
    assert len(conditional) == 1
    (edge,) = conditional
    n = min(edge.given.values())
    # The total of reference and generated images is at the edge, and one past it.
    total = edge.at + n
    assert edge.past + n == total + 1


def test_a_budget_takes_the_cheapest_cases_and_names_the_rest() -> None:
    everything = Settings("http://127.0.0.1:1", "t", models=tuple(canonical_models()))
    unlimited, none_left = cases(everything, past=False)
    assert none_left == []
    budget = 40
    kept, left = cases(
        Settings("http://127.0.0.1:1", "t", budget=budget, models=everything.models), past=False
    )
    assert sum(c.cost for c in kept) <= budget
    assert left
    assert len(kept) + len(left) == len(unlimited)
    assert max(c.cost for c in kept) <= min(c.cost for c in left)
    assert max(c.cost for c in left) == max(c.cost for c in unlimited)  # n at its maximum


# -- the judges, on recorded exchanges --------------------------------------------------------


def _exchange(status: int, body: Any) -> Exchange:
    request = RecordedRequest("POST", "http://127.0.0.1/v1/images/generations", {}, b"{}")
    content = json.dumps(body).encode()
    return Exchange(
        request, RecordedResponse(status, {"content-type": "application/json"}, content, 0.0)
    )


def _verdict(recorder: Recorder, check_id: str) -> tuple[Status, str | None]:
    verdict = recorder.verdicts(0.0)[check_id]
    return verdict.status, verdict.evidence[0].decision if verdict.evidence else None


TASK = {
    "id": "task_1",
    "object": "generation.task",
    "model": "gpt-4o-image",
    "status": "queued",
    "progress": 0,
    "created_at": 1780000000,
}


def test_accepting_past_a_documented_edge_fails() -> None:
    rec = Recorder((PAST_EDGE,))
    body = {"model": "gpt-4o-image", "prompt": "A castle", "n": 5}
    judge_rejection(rec, PAST_EDGE, _exchange(200, TASK), body, ("n",), "n = 5")
    assert _verdict(rec, PAST_EDGE) == (Status.FAIL, None)


def test_accepting_past_a_decided_edge_warns_with_its_decision() -> None:
    # A value only a decision forbids: the docs (the server view) allow it.
    edge = next(
        e
        for m in canonical_models()
        for e in model_edges(m)
        if not request_errors(_body(e, e.past), "server")
    )
    assert edge.decision is not None
    rec = Recorder((PAST_EDGE,))
    body = _body(edge, edge.past)
    judge_rejection(rec, PAST_EDGE, _exchange(200, TASK), body, (edge.field,), edge.label)
    assert _verdict(rec, PAST_EDGE) == (Status.WARN, edge.decision)


def test_a_refusal_naming_the_enclosing_field_is_right() -> None:
    rec = Recorder((PAST_EDGE,))
    edge = next(e for m in canonical_models() for e in model_edges(m) if "." in e.field)
    error = {
        "error": {"code": "invalid_request", "message": "no", "param": edge.field.split(".")[0]}
    }
    judge_rejection(
        rec, PAST_EDGE, _exchange(400, error), _body(edge, edge.past), (edge.field,), "x"
    )
    assert _verdict(rec, PAST_EDGE) == (Status.PASS, None)
    wrong = {"error": {"code": "invalid_request", "message": "no", "param": "prompt"}}
    judge_rejection(
        rec, PAST_EDGE, _exchange(400, wrong), _body(edge, edge.past), (edge.field,), "x"
    )
    assert _verdict(rec, PAST_EDGE)[0] is Status.FAIL


def test_refusing_at_a_decided_edge_warns_and_at_a_documented_one_fails() -> None:
    error = {"error": {"code": "invalid_request", "message": "no", "param": "n"}}
    rec = Recorder((AT_EDGE,))
    judge_acceptance(rec, AT_EDGE, _exchange(400, error), "n = 4")
    assert _verdict(rec, AT_EDGE) == (Status.FAIL, None)
    rec = Recorder((AT_EDGE,))
    judge_acceptance(rec, AT_EDGE, _exchange(400, error), "16 images", decision="D-34")
    assert _verdict(rec, AT_EDGE) == (Status.WARN, "D-34")
