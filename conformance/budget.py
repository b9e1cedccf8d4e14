"""The billing budget: the single place that decides whether a create request may be sent.

Every create request of the suite (behaviour checks and the Schemathesis layer alike) passes through
``Budget.charge`` before it leaves the machine. The charge is the worst case: the request is counted
as if the server accepted it, with ``n`` images when ``n`` is a documented value, 4 (the largest
documented value) when ``n`` is anything else, and 1 (the documented default) when it is absent.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

from toapis_spec import operation

__all__ = ["Budget", "BudgetExhausted", "create_cost", "worst_case_images"]


def _documented_n() -> tuple[int, ...]:
    schema = operation("createImageGeneration").request_schema()
    member = schema["oneOf"][0] if "oneOf" in schema else schema
    return tuple(sorted(member["properties"]["n"]["enum"]))


def _default_n() -> int:
    schema = operation("createImageGeneration").request_schema()
    member = schema["oneOf"][0] if "oneOf" in schema else schema
    return int(member["properties"]["n"].get("default", 1))


def worst_case_images() -> int:
    """The most images one create request can bill when the server honours the documented limits."""
    return max(_documented_n())


def create_cost(body: Any) -> int:
    """Images one create request with this body could bill if the server accepted it."""
    if isinstance(body, bytes | bytearray | str):
        try:
            body = json.loads(body)
        except ValueError:
            return _default_n()
    if not isinstance(body, dict) or "n" not in body:
        return _default_n()
    n = body["n"]
    # JSON Schema's reading: 1.0 is the integer 1, ``true`` is not a number at all.
    if (
        isinstance(n, int | float)
        and not isinstance(n, bool)
        and math.isfinite(n)
        and float(n).is_integer()
        and int(n) in _documented_n()
    ):
        return int(n)
    return worst_case_images()


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
