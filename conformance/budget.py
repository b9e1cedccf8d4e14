"""The billing budget: the single place that decides whether a create request may be sent.

Every create request of the suite (behaviour checks and the Schemathesis layer alike) passes through
``Budget.charge`` before it leaves the machine. The charge is the worst case: the request is counted
as if the server accepted it, with ``n`` images when ``n`` is a value the docs allow for the model
the body names, the largest such value when ``n`` is anything else, and the model's documented
default when it is absent. The values come from each model's request schema in the contract's
server view (what the docs allow a server to honour: 1, 2 or 4 for ``gpt-4o-image``, 1 to 10 for
the gpt-image-2 family, D-30). A body without ``model`` is the docs' default model
(``gpt-4o-image``, the contract's first); a body naming a model the contract does not describe
is counted like the most expensive model.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from typing import Any

from toapis_spec import request_members

__all__ = ["Budget", "BudgetExhausted", "create_cost", "model_worst_case", "worst_case_images"]


@functools.cache
def _documented_n() -> dict[str, tuple[int, ...]]:
    """The ``n`` values the docs allow per model (the server view of each member schema)."""
    return {
        model: tuple(sorted(int(v) for v in member["properties"]["n"]["enum"]))
        for model, member in request_members(view="server").items()
    }


@functools.cache
def _default_n() -> dict[str, int]:
    return {
        model: int(member["properties"]["n"].get("default", 1))
        for model, member in request_members().items()
    }


def _default_model() -> str:
    return next(iter(_default_n()))


def model_worst_case(model: str) -> int:
    """The most images one create request for ``model`` can bill (an unknown model: the most
    any model can)."""
    values = _documented_n().get(model)
    return max(values) if values else worst_case_images()


def worst_case_images() -> int:
    """The most images one create request can bill when the server honours the documented
    limits, whatever model it names."""
    return max(max(values) for values in _documented_n().values())


def create_cost(body: Any) -> int:
    """Images one create request with this body could bill if the server accepted it."""
    if isinstance(body, bytes | bytearray | str):
        try:
            body = json.loads(body)
        except ValueError:
            return _default_n()[_default_model()]
    if not isinstance(body, dict):
        return _default_n()[_default_model()]
    # No `model`: the docs give `gpt-4o-image` as its default, the contract's first model.
    model = body.get("model", _default_model())
    if not isinstance(model, str) or model not in _documented_n():
        return worst_case_images()
    if "n" not in body:
        return _default_n()[model]
    n = body["n"]
    # JSON Schema's reading: 1.0 is the integer 1, ``true`` is not a number at all.
    if (
        isinstance(n, int | float)
        and not isinstance(n, bool)
        and math.isfinite(n)
        and float(n).is_integer()
        and int(n) in _documented_n()[model]
    ):
        return int(n)
    return model_worst_case(model)


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
