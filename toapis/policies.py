"""How long the client waits: retry backoff and task polling, as the ToAPIs docs advise.

The numbers are the documented advice (contract ``info.description``): wait about 5 s before the
first poll, poll every 5-10 s with random jitter, give up after 120 s; on 429 sleep ``Retry-After``
plus jitter and double the polling interval, capped at 60 s. Every value is a field so that tests
against the mock, and callers with other needs, can change it.

Randomness (jitter) comes from a ``random.Random`` the client owns, seeded when the caller asks,
so a run can be replayed exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from toapis.errors import ConfigurationError


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of one request after 429, 5xx or a connection error (see ``Client`` for which)."""

    max_retries: int = 3
    """Extra attempts after the first one; 0 disables retrying."""
    backoff_initial: float = 0.5
    """Delay before the first retry (before jitter); it doubles on each further retry."""
    backoff_max: float = 8.0
    """Upper bound of the exponential delay."""
    retry_after_jitter: float = 1.0
    """Up to this many seconds are added to ``Retry-After`` so that clients do not retry in step."""
    max_retry_after: float = 60.0
    """A longer ``Retry-After`` is not waited for: the RateLimitError is raised at once."""

    def __post_init__(self) -> None:
        _require(self.max_retries >= 0, "max_retries must be >= 0")
        _require(self.backoff_initial >= 0, "backoff_initial must be >= 0")
        _require(self.backoff_max >= self.backoff_initial, "backoff_max must be >= backoff_initial")
        _require(self.retry_after_jitter >= 0, "retry_after_jitter must be >= 0")
        _require(self.max_retry_after >= 0, "max_retry_after must be >= 0")

    def backoff(self, retry_number: int, rng: random.Random) -> float:
        """Delay before retry ``retry_number`` (0-based): exponential, with "equal jitter"."""
        ceiling = min(self.backoff_max, self.backoff_initial * 2.0**retry_number)
        return ceiling * rng.uniform(0.5, 1.0)

    def after_rate_limit(
        self, retry_after: float | None, retry_number: int, rng: random.Random
    ) -> float:
        """Delay after a 429: ``Retry-After`` plus jitter, or the backoff when there is none."""
        if retry_after is None:
            return self.backoff(retry_number, rng)
        return retry_after + rng.uniform(0.0, self.retry_after_jitter)


@dataclass(frozen=True)
class PollPolicy:
    """Waiting for a task to become final (``Client.wait``)."""

    initial_delay: float = 5.0
    """Wait before the first status query (tasks typically take 5-30 s)."""
    interval_min: float = 5.0
    interval_max: float = 10.0
    """Each later wait is drawn from [interval_min, interval_max], times the 429 backoff factor."""
    interval_cap: float = 60.0
    """Doubling after 429 answers never makes a polling interval longer than this."""
    timeout: float = 120.0
    """Overall deadline from the start of ``wait``; then TaskTimeoutError is raised."""

    def __post_init__(self) -> None:
        _require(self.initial_delay >= 0, "initial_delay must be >= 0")
        _require(self.interval_min >= 0, "interval_min must be >= 0")
        _require(self.interval_max >= self.interval_min, "interval_max must be >= interval_min")
        _require(self.interval_cap >= self.interval_min, "interval_cap must be >= interval_min")
        _require(self.timeout > 0, "timeout must be > 0")

    def interval(self, factor: float, rng: random.Random) -> float:
        """The next polling interval; ``factor`` doubles after each 429."""
        return min(self.interval_cap, rng.uniform(self.interval_min, self.interval_max) * factor)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ConfigurationError(message)
