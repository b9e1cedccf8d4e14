"""Every documented example fits the generated models exactly, in both directions.

A response example is parsed by the operation's own generated ``_parse_response`` (strict: it raises
on a body outside the contract), so the model under test is the one the contract declares for that
status. Then ``from_dict(value).to_dict() == value``: nothing is lost, renamed or added.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import httpx
import pytest

import toapis_spec
from tests.client.client_testkit import BASE_URL, endpoint_module
from toapis_client import Client

RESPONSE_EXAMPLES = [e for e in toapis_spec.examples() if e.kind == "response"]


def _example_id(example: toapis_spec.Example) -> str:
    return f"{example.operation_id}-{example.status}-{example.name}"


def test_the_contract_has_response_examples_for_every_operation() -> None:
    # Guards the parametrised test below against silently checking nothing.
    with_examples = {e.operation_id for e in RESPONSE_EXAMPLES}
    assert with_examples == set(toapis_spec.operations())


@pytest.mark.parametrize("operation_id", sorted(toapis_spec.operations()))
def test_every_operation_has_a_generated_endpoint(operation_id: str) -> None:
    module = endpoint_module(operation_id)
    for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, function)), f"{module.__name__} lacks {function}"


@pytest.mark.parametrize("example", RESPONSE_EXAMPLES, ids=_example_id)
def test_documented_response_example_round_trips(example: toapis_spec.Example) -> None:
    assert example.media_type == "application/json", "only JSON bodies are modelled"
    assert example.status is not None
    module = endpoint_module(example.operation_id)
    response = httpx.Response(
        example.status,
        content=json.dumps(example.value).encode(),
        headers={"Content-Type": example.media_type},
        request=httpx.Request("GET", BASE_URL),
    )

    parsed = module._parse_response(client=Client(base_url=BASE_URL), response=response)

    assert parsed is not None, f"status {example.status} of {example.operation_id} is not modelled"
    assert attrs.has(type(parsed)), f"parsed into {type(parsed)!r}, not a generated model"
    assert parsed.to_dict() == example.value
    rebuilt: Any = type(parsed).from_dict(example.value)
    assert rebuilt.to_dict() == example.value
    assert rebuilt == parsed
