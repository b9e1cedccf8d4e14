"""The generated request models send exactly what the contract documents.

The request model is the type of the `body` argument of the generated endpoint, and the expected
fields, `n` values and examples come from the contract, so these tests follow it.
"""

from __future__ import annotations

import json
import typing
from typing import Any

import attrs
import httpx
import pytest

import toapis_spec
from tests.client.client_testkit import TOKEN, ClientFactory, endpoint_module

JSON = "application/json"
REQUEST_EXAMPLES = [
    e for e in toapis_spec.examples() if e.kind == "request" and e.media_type == JSON
]


def _request_model(operation_id: str) -> Any:
    model = typing.get_type_hints(endpoint_module(operation_id)._get_kwargs)["body"]
    assert attrs.has(model), f"the body of {operation_id} is {model!r}, not one generated model"
    return model


def _gpt4o_schema() -> dict[str, Any]:
    schema = toapis_spec.operation("createImageGeneration").request_schema(JSON)
    members = schema.get("oneOf", [schema])
    (member,) = [m for m in members if m["properties"]["model"].get("const") == "gpt-4o-image"]
    return dict(member)


def test_the_contract_has_json_request_examples() -> None:
    assert {e.operation_id for e in REQUEST_EXAMPLES} == {"createImageGeneration"}


@pytest.mark.parametrize("example", REQUEST_EXAMPLES, ids=lambda e: f"{e.operation_id}-{e.name}")
def test_documented_request_example_round_trips(example: toapis_spec.Example) -> None:
    model = _request_model(example.operation_id)
    module = endpoint_module(example.operation_id)

    body = model.from_dict(example.value)

    assert body.to_dict() == example.value
    assert module._get_kwargs(body=body)["json"] == example.value


def test_the_request_model_has_every_documented_field() -> None:
    # openapi-python-client reads an anyOf beside `properties` as a union of shapes and drops the
    # properties; scripts/regenerate_client must keep such assertion-only rules away from it.
    model = _request_model("createImageGeneration")
    fields = {name.rstrip("_") for name in attrs.fields_dict(model)} - {"additional_properties"}
    assert fields == set(_gpt4o_schema()["properties"])


@pytest.mark.parametrize("n", _gpt4o_schema()["properties"]["n"]["enum"])
def test_n_is_sent_as_a_json_number(make_client: ClientFactory, n: int) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, json={"error": {"code": "internal_error", "message": "x"}})

    model = _request_model("createImageGeneration")
    body = model(model="gpt-4o-image", prompt="An ancient castle under the starry sky", n=n)
    endpoint_module("createImageGeneration").sync_detailed(client=make_client(handler), body=body)

    (request,) = sent
    assert request.headers["Content-Type"] == JSON
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    payload = json.loads(request.content)
    assert payload["n"] == n
    assert type(payload["n"]) is int


def test_the_default_n_is_the_documented_json_number() -> None:
    model = _request_model("createImageGeneration")
    documented_default = _gpt4o_schema()["properties"]["n"]["default"]

    payload = model(model="gpt-4o-image", prompt="A castle").to_dict()

    assert payload["n"] == documented_default
    assert type(payload["n"]) is int


@pytest.mark.parametrize("quoted", ["1", "2"])
def test_a_quoted_n_is_not_a_valid_request(quoted: str) -> None:
    # The docs call a quoted "1" an error; the model refuses it instead of sending it on.
    model = _request_model("createImageGeneration")
    with pytest.raises(TypeError):
        model.from_dict({"model": "gpt-4o-image", "prompt": "A castle", "n": quoted})
