"""How long to wait before polling a task again: as the server allows.

``--poll-interval`` set: that, and never less than what the server asked for. Not set (the
default), the delay follows, in order:

1. the last answer's ``Retry-After`` (a server saying when to come back);
2. its rate-limit headers: no request left in the window (``X-RateLimit-Remaining: 0``) means
   waiting until ``X-RateLimit-Reset``, read as seconds from now when small and as a Unix time
   when it is one (the docs give no unit, DECISIONS.md D-11);
3. otherwise the documented polling advice (``DOCUMENTED_INTERVAL``, "poll at least every 5-10 s")
   for a server elsewhere, and ``LOOPBACK_INTERVAL`` for one on this machine, which nobody pays
   for and which answers in microseconds.

``--max-rps`` is enforced for every request by the pacer (``conformance.http.Pacer``) whatever
the delay, so a short delay never sends faster than the user allowed. Every wait is the run's
(``RunControl.sleep``): it ends at once on Ctrl-C, ``--max-time`` or a task past its deadline.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from conformance.http import is_loopback
from conformance.probes.base import Context
from conformance.verdicts import Exchange
from toapis.envelopes import parse_retry_after

__all__ = ["DOCUMENTED_INTERVAL", "LOOPBACK_INTERVAL", "MAX_DELAY", "poll_delay", "wait_to_poll"]

DOCUMENTED_INTERVAL = 5.0  # the docs' polling advice (toapis-api.md 2.5)
LOOPBACK_INTERVAL = 0.2
MAX_DELAY = 60.0  # the docs' cap on a 429 backoff
_UNIX_TIME = 1_000_000_000  # a reset value above this is a Unix time, not seconds


def _rate_limit_wait(headers: Mapping[str, str], now: float) -> float | None:
    remaining, reset = headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset")
    try:
        if remaining is None or int(remaining.strip()) > 0 or reset is None:
            return None
        value = float(reset.strip())
    except ValueError:
        return None
    return max(0.0, value - now if value > _UNIX_TIME else value)


def poll_delay(
    poll_interval: float | None,
    base_url: str,
    last: Exchange | None,
    *,
    now: float | None = None,
) -> float:
    """Seconds to wait before the next poll, after ``last`` (the previous poll's exchange)."""
    headers = last.response.headers if last is not None and last.response is not None else {}
    asked = parse_retry_after(headers)
    if asked is None:
        asked = _rate_limit_wait(headers, time.time() if now is None else now)
    asked = None if asked is None else min(asked, MAX_DELAY)
    if poll_interval is not None:
        return max(poll_interval, asked or 0.0)
    if asked is not None:
        return asked
    return LOOPBACK_INTERVAL if is_loopback(base_url) else DOCUMENTED_INTERVAL


def wait_to_poll(ctx: Context, last: Exchange | None) -> None:
    """Sleep as the server allows before polling again (ends early when the run stops)."""
    ctx.run.sleep(poll_delay(ctx.settings.poll_interval, ctx.settings.base_url, last))
