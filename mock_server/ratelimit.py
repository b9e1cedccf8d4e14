"""Per-tenant token buckets for task submission and task queries (documented default group).

The docs give three numbers per category: requests per minute, per second, and a 10-second burst.
Reading used here (the usual "rate + burst" token bucket, as in nginx ``limit_req`` or Envoy):
one bucket per tenant and category that holds ``burst`` tokens and refills at ``per_second``
tokens per second. ``per_minute`` is the same long-run rate (per_second * 60 in every documented
group), so it needs no bucket of its own. A request takes one token; a request refused with 429
takes none. Headers: ``X-RateLimit-Limit`` is the bucket size, ``-Remaining`` the whole tokens left,
``-Reset`` the seconds until the bucket is full again (DECISIONS.md D-11 leaves the unit open),
``Retry-After`` the whole seconds until one token is back.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import toapis_spec

SUBMIT = "async_submit"
QUERY = "async_query"


@dataclass(frozen=True)
class Limit:
    per_minute: int
    per_second: float
    burst: int


def _documented(operation_id: str) -> tuple[str, Limit]:
    """The documented `default` group's bucket of an operation (its ``x-rate-limit``)."""
    spec = toapis_spec.operation(operation_id).spec["x-rate-limit"]
    limit = Limit(
        per_minute=int(spec["per_minute"]),
        per_second=float(spec["per_second"]),
        burst=int(spec["burst_per_10s"]),
    )
    return str(spec["category"]), limit


DEFAULT_LIMITS = dict(
    _documented(operation_id)
    for operation_id in ("createImageGeneration", "getImageGenerationTask")
)
assert set(DEFAULT_LIMITS) == {SUBMIT, QUERY}, "the contract names other limiter categories"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    category: str
    limit: int
    remaining: int
    reset: int
    retry_after: int

    def headers(self, *, with_retry_after: bool = True) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
            "X-RateLimit-Category": self.category,
        }
        if not self.allowed and with_retry_after:
            headers["Retry-After"] = str(self.retry_after)
        return headers


class _Bucket:
    __slots__ = ("tokens", "updated")

    def __init__(self, tokens: float, updated: float) -> None:
        self.tokens = tokens
        self.updated = updated


class RateLimiter:
    def __init__(self, limits: dict[str, Limit] | None = None) -> None:
        self.limits = limits or DEFAULT_LIMITS
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, tenant: str, category: str, now: float) -> Decision:
        limit = self.limits[category]
        with self._lock:
            bucket = self._buckets.get((tenant, category))
            if bucket is None:
                bucket = self._buckets[(tenant, category)] = _Bucket(float(limit.burst), now)
            elapsed = max(0.0, now - bucket.updated)
            bucket.tokens = min(float(limit.burst), bucket.tokens + elapsed * limit.per_second)
            bucket.updated = now
            allowed = bucket.tokens >= 1.0
            if allowed:
                bucket.tokens -= 1.0
            missing_for_one = max(0.0, 1.0 - bucket.tokens)
            return Decision(
                allowed=allowed,
                category=category,
                limit=limit.burst,
                remaining=int(bucket.tokens),
                reset=math.ceil((limit.burst - bucket.tokens) / limit.per_second),
                retry_after=max(1, math.ceil(missing_for_one / limit.per_second)),
            )
