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
from toapis_client import models as generated_models

JSON = "application/json"
REQUEST_EXAMPLES = [
    e for e in toapis_spec.examples() if e.kind == "request" and e.media_type == JSON
]


def _request_models(operation_id: str) -> dict[str, Any]:
    """The generated body model of each ``model`` value of an operation (names one page
    documents together, and aliases, share one model)."""
    body = typing.get_type_hints(endpoint_module(operation_id)._get_kwargs)["body"]
    found: dict[str, Any] = {}
    for model in typing.get_args(body) or (body,):
        assert attrs.has(model), f"a body of {operation_id} is {model!r}, not a generated model"
        hints = typing.get_type_hints(model, localns=vars(generated_models))
        for value in _literal_values(hints["model"]):
            found[value] = model
    return found


def _literal_values(hint: Any) -> list[str]:
    """The strings of a ``Literal`` (possibly behind an alias or inside a union)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Literal:
        return [str(a) for a in args]
    return [value for arg in args for value in _literal_values(arg)]


def _request_model(operation_id: str, model: str = "gpt-4o-image") -> Any:
    return _request_models(operation_id)[model]


def _member_schema(model: str = "gpt-4o-image") -> dict[str, Any]:
    return dict(toapis_spec.request_members()[model])


def _gpt4o_schema() -> dict[str, Any]:
    return _member_schema("gpt-4o-image")


@pytest.mark.parametrize("operation_id", list(toapis_spec.create_operations()))
def test_there_is_one_generated_model_per_contract_model(operation_id: str) -> None:
    names = [n for n, info in toapis_spec.models().items() if info.operation_id == operation_id]
    assert sorted(_request_models(operation_id)) == sorted(names)


def test_the_contract_has_json_request_examples() -> None:
    assert {e.operation_id for e in REQUEST_EXAMPLES} == set(toapis_spec.create_operations())


@pytest.mark.parametrize("example", REQUEST_EXAMPLES, ids=lambda e: f"{e.operation_id}-{e.name}")
def test_documented_request_example_round_trips(example: toapis_spec.Example) -> None:
    model = _request_model(example.operation_id, example.value["model"])
    module = endpoint_module(example.operation_id)

    body = model.from_dict(example.value)

    assert body.to_dict() == example.value
    assert module._get_kwargs(body=body)["json"] == example.value


def test_the_request_model_has_every_documented_field() -> None:
    # openapi-python-client reads an anyOf beside `properties` as a union of shapes and drops the
    # properties; scripts/regenerate_client must keep such assertion-only rules away from it.
    for name, model in _request_models("createImageGeneration").items():
        fields = {f.rstrip("_") for f in attrs.fields_dict(model)} - {"additional_properties"}
        assert fields == set(_member_schema(name)["properties"]), name


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
