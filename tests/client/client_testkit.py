"""Helpers shared by the generated client's tests.

The tests reach the generated code through the contract (operation ids, examples), never through a
hand-written list of modules or models, so a change of the contract changes what they check.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx

import toapis_client.api
import toapis_spec
from toapis_client import AuthenticatedClient

# Never contacted: every request of these tests is answered by an httpx.MockTransport.
BASE_URL = "http://127.0.0.1:9"
TOKEN = "sk-test-token"

Handler = Callable[[httpx.Request], httpx.Response]
ClientFactory = Callable[..., AuthenticatedClient]


def module_name(operation_id: str) -> str:
    """openapi-python-client's module name for an operation id (createImageGeneration -> ...)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def endpoint_module(operation_id: str) -> ModuleType:
    """The generated endpoint module of ``operation_id``, wherever its tag put it."""
    wanted = module_name(operation_id)
    for info in pkgutil.walk_packages(toapis_client.api.__path__, "toapis_client.api."):
        if info.name.rsplit(".", 1)[-1] == wanted:
            return importlib.import_module(info.name)
    raise LookupError(f"the generated client has no module for operation {operation_id!r}")


def documented_response(operation_id: str, status: int, name: str) -> dict[str, Any]:
    """A copy of the body of one named response example of the contract."""
    for example in toapis_spec.examples():
        if (example.operation_id, example.kind, example.status, example.name) == (
            operation_id,
            "response",
            status,
            name,
        ):
            value: dict[str, Any] = copy.deepcopy(example.value)
            return value
    raise LookupError(f"the contract has no {status} example {name!r} for {operation_id}")
