"""The billing budget, and the worst case of one create request.

Every create request of the suite (behaviour checks and the Schemathesis layer alike) passes the one
guard of the HTTP layer (``conformance.http.SendGuard``), which charges ``Budget`` before anything
leaves the machine. The charge is the worst case, read from the contract's billable create
operations (``toapis_spec.create_operations``: the operations whose JSON body is chosen by a
``model`` discriminator) in their server view, which holds what the docs allow a server to honour
(1, 2 or 4 images for ``gpt-4o-image``; 1 to 10 for the gpt-image-2 family, D-30):

- the model is the one the body names; a body naming none (or one that is not JSON) is the docs'
  default model, the operation's first;
- ``n`` counts as itself when it is a value the docs allow for that model, as the largest such value
  when it is anything else (a string, ``true``, a value out of range: a lenient server may still
  honour it), and as the model's documented default when it is absent; a model without an ``n``
  field makes one image per request;
- a model the contract does not describe counts as the largest ``n`` any model allows when the body
  has an ``n``, and as the largest documented default when it has none.

Nothing is released: a create the server refused may still have been billed.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qs

from toapis_spec import create_operations, models

__all__ = [
    "Budget",
    "BudgetExhausted",
    "CreateBody",
    "body_cost",
    "create_cost",
    "default_model",
    "model_worst_case",
    "operation_models",
    "read_create_body",
    "worst_case_images",
]

DEFAULT_OPERATION = "createImageGeneration"


@dataclass(frozen=True)
class _NField:
    values: tuple[int, ...] | None
    """The values the docs allow; ``None``: the docs put no upper bound on ``n``."""
    default: int


def _n_field(member: Mapping[str, Any]) -> _NField:
    """The ``n`` values a model's (server-view) schema allows, and its default."""
    prop = member.get("properties", {}).get("n")
    if not isinstance(prop, dict):
        return _NField((1,), 1)  # no `n`: one image per request
    if "enum" in prop:
        values = sorted(
            int(v) for v in prop["enum"] if isinstance(v, int | float) and not isinstance(v, bool)
        )
    else:
        low = math.ceil(prop.get("minimum", 1))
        if "exclusiveMinimum" in prop:
            low = max(low, math.floor(prop["exclusiveMinimum"]) + 1)
        if "maximum" in prop:
            high = math.floor(prop["maximum"])
        elif "exclusiveMaximum" in prop:
            high = math.ceil(prop["exclusiveMaximum"]) - 1
        else:
            return _NField(None, int(prop.get("default", max(1, low))))
        values = list(range(max(1, low), high + 1))
    if not values:
        raise ValueError("the contract allows no value of `n`")
    return _NField(tuple(values), int(prop.get("default", values[0])))


@functools.cache
def _models(operation_id: str) -> dict[str, _NField]:
    """Each model a billable create operation describes (contract order), with its ``n``."""
    return {
        name: _n_field(info.schema)
        for name, info in models(view="server").items()
        if info.operation_id == operation_id
    }


def operation_models(operation_id: str = DEFAULT_OPERATION) -> tuple[str, ...]:
    """The models a billable create operation describes, in contract order."""
    return tuple(_models(operation_id))


def default_model(operation_id: str = DEFAULT_OPERATION) -> str:
    """The model a body naming none is billed as: the docs' default, the operation's first."""
    return next(iter(_models(operation_id)))


def model_worst_case(model: str, operation_id: str = DEFAULT_OPERATION) -> int | None:
    """The most images one create request for ``model`` can bill (an unknown model: the most
    any model's documented bound allows); ``None`` when the docs put no bound on its ``n``."""
    found = _models(operation_id).get(model)
    if found is None:
        return worst_case_images()
    return max(found.values) if found.values is not None else None


@functools.cache
def worst_case_images() -> int:
    """The most images one create request can bill when the server honours the documented
    bounds, whatever model and billable operation it names (models whose ``n`` the docs leave
    unbounded are counted by the ``n`` a body gives them)."""
    return max(
        max(field.values)
        for op_id in create_operations()
        for field in _models(op_id).values()
        if field.values is not None
    )


@functools.cache
def _largest_default() -> int:
    return max(field.default for op_id in create_operations() for field in _models(op_id).values())


class _Fields(dict[str, Any]):
    """A JSON object that remembers every value of a repeated key (servers differ on which wins)."""

    repeated: dict[str, list[Any]]


def _object(pairs: list[tuple[str, Any]]) -> _Fields:
    found = _Fields(pairs)
    found.repeated = {}
    for key, value in pairs:
        found.repeated.setdefault(key, []).append(value)
    return found


@dataclass(frozen=True)
class CreateBody:
    """What a billable create request's body asks for, read as a lenient server might."""

    models: tuple[str, ...]
    """Every model the body may select (a body naming none: the operation's first model)."""
    n_values: tuple[Any, ...]
    """Every value the body gives ``n`` (none: absent)."""
    named: bool
    """Whether the body names a model itself (as opposed to getting the default)."""


def read_create_body(
    body: Any, content_type: str = "", operation_id: str = DEFAULT_OPERATION
) -> CreateBody:
    """The models and ``n`` values a create body asks for. JSON is read with every value of a
    repeated key; form bodies (a server may parse those too) by their fields; anything else is a
    body without a recognisable model."""
    fields: dict[str, list[Any]] = {}
    if isinstance(body, Mapping):
        fields = {key: [value] for key, value in body.items()}
    elif isinstance(body, bytes | bytearray | str):
        raw = body.encode() if isinstance(body, str) else bytes(body)
        fields = _json_fields(raw) or _form_fields(raw, content_type)
    models = tuple(m for m in fields.get("model", ()) if isinstance(m, str))
    return CreateBody(
        models or (default_model(operation_id),), tuple(fields.get("n", ())), bool(models)
    )


def _json_fields(raw: bytes) -> dict[str, list[Any]]:
    try:
        document = json.loads(raw, object_pairs_hook=_object)
    except (ValueError, RecursionError):
        return {}
    return document.repeated if isinstance(document, _Fields) else {}


def _form_fields(raw: bytes, content_type: str) -> dict[str, list[Any]]:
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        try:
            parsed = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
        except ValueError:
            return {}
        return {key: list(values) for key, values in parsed.items()}
    if kind == "multipart/form-data":
        message = BytesParser().parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace") + raw
        )
        fields: dict[str, list[Any]] = {}
        for part in message.walk() if message.is_multipart() else ():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                fields.setdefault(name, []).append(payload.decode("utf-8", "replace"))
        return fields
    return {}


def _lenient_n(n: Any) -> int:
    """The most images a lenient server could read from ``n``: ``"3"`` as 3, ``2.5`` as 3,
    ``true`` as 1; anything that is no number as none asked (the default)."""
    if isinstance(n, str):
        try:
            n = float(n.strip())
        except ValueError:
            return 0
    if isinstance(n, bool):
        return int(n)
    if isinstance(n, int | float) and math.isfinite(n):
        return max(0, math.ceil(n))
    return 0


def _n_cost(n: Any, field: _NField) -> int:
    if field.values is None:  # unbounded: whatever the body asks for
        return max(field.default, _lenient_n(n))
    # JSON Schema's reading: 1.0 is the integer 1, ``true`` is not a number at all.
    if (
        isinstance(n, int | float)
        and not isinstance(n, bool)
        and math.isfinite(n)
        and float(n).is_integer()
        and int(n) in field.values
    ):
        return int(n)
    return max(field.values)


def body_cost(body: CreateBody, operation_id: str = DEFAULT_OPERATION) -> int:
    """Images a create request asking for ``body`` could bill if the server accepted it."""
    known = _models(operation_id)
    costs = []
    for model in body.models:
        field = known.get(model)
        if field is None:
            asked = max((_lenient_n(n) for n in body.n_values), default=0)
            costs.append(max(worst_case_images(), asked) if body.n_values else _largest_default())
        elif not body.n_values:
            costs.append(field.default)
        else:
            costs.append(max(_n_cost(n, field) for n in body.n_values))
    return max(costs)


def create_cost(body: Any, content_type: str = "", operation_id: str = DEFAULT_OPERATION) -> int:
    """Images one create request with this body could bill if the server accepted it."""
    return body_cost(read_create_body(body, content_type, operation_id), operation_id)


class BudgetExhausted(Exception):
    def __init__(self, cost: int, remaining: int) -> None:
        super().__init__(
            f"a create request that could bill {cost} image(s) was not sent: "
            f"{remaining} image(s) of the budget left"
        )
        self.cost = cost
        self.remaining = remaining


class Budget:
    """Images that may still be billed. ``limit=None`` means unlimited (loopback targets)."""

    def __init__(self, limit: int | None, *, parent: Budget | None = None) -> None:
        if limit is not None and limit < 0:
            raise ValueError("the budget cannot be negative")
        self.limit = limit
        self.spent = 0
        self.refused = 0
        self.parent = parent
        self._lock = threading.Lock()

    def share(self, limit: int | None) -> Budget:
        """At most ``limit`` images of this budget, for one part of the run: what it spends is
        charged here too, so parts running at the same time cannot take what another planned."""
        return Budget(limit, parent=self)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.spent

    def can_afford(self, cost: int) -> bool:
        remaining = self.remaining
        return remaining is None or cost <= remaining

    def charge(self, cost: int) -> None:
        """Reserve ``cost`` images or raise ``BudgetExhausted`` (then nothing may be sent)."""
        with self._lock:
            remaining = self.remaining
            if remaining is not None and cost > remaining:
                self.refused += 1
                raise BudgetExhausted(cost, remaining)
            if self.parent is not None:
                try:
                    self.parent.charge(cost)
                except BudgetExhausted:
                    self.refused += 1
                    raise
            self.spent += cost
