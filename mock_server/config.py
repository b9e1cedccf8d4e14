"""Settings of one mock server instance (see ``toapis-mock --help`` for the same in words)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mock_server.clock import Clock, SystemClock
from mock_server.tasks import FAIL_MARKER
from mock_server.webhooks import WebhookTarget

DEFAULT_TOKEN = "mock-token"
FAULT_KINDS = ("500", "429", "slow", "drop")


@dataclass(frozen=True)
class MockConfig:
    tokens: tuple[str, ...] = (DEFAULT_TOKEN,)
    """Accepted bearer tokens; each token is its own tenant."""
    seed: int | None = None
    """Every random choice (ids, images, random failures, random faults) derives from it.

    ``None`` (the default): a fresh secret per process, and task and upload ids drawn from
    ``secrets``, so file URLs (public by design) cannot be guessed. An explicit seed (``0``
    included) makes runs reproducible, and so the ids, and the file URLs, predictable.
    """
    task_duration: float = 0.0
    """Seconds from queued to final; 0 = final at the first poll after creation."""
    step_per_poll: bool = False
    """Each status poll advances the task one step (queued, 25, 50, 75, final) whatever the time."""
    failure_rate: float = 0.0
    """Probability that a task ends ``failed`` (seeded)."""
    defects: tuple[str, ...] = ()
    """Names from ``mock_server.defects.DEFECTS`` to switch on (deprecated aliases are replaced
    by their current names)."""
    variants: tuple[str, ...] = ()
    """Names from ``mock_server.variants.VARIANTS`` (legal behaviours) to switch on; a name
    from ``mock_server.variants.PROFILES`` (``observed-service``) is replaced by its variants."""
    fail_marker: str = FAIL_MARKER
    """A prompt containing it always ends ``failed`` (``mock_server.tasks.FAIL_MARKER``)."""
    public_url: str | None = None
    """Base URL written into result and upload URLs; default: the local address of the
    connection (``http://127.0.0.1:4010``), never the client's ``Host`` header."""
    state_dir: Path | str | None = None
    """Persist tasks (SQLite) and uploads (files) there so they survive a restart."""
    rate_limits: bool = False
    """Per-tenant token buckets with the documented default-group limits."""
    faults: Mapping[str, float] = field(default_factory=dict)
    """Random fault injection: kind (500, 429, slow, drop) -> probability per API request."""
    slow_seconds: float = 3.0
    """How long the ``slow`` fault delays a request."""
    max_tasks: int = 200_000
    """In-memory mode only: beyond this many tasks, the oldest finished ones are evicted."""
    max_task_bytes: int = 256 * 1024 * 1024
    """In-memory mode only: above this many bytes of tasks (records and cached bodies, as
    estimated by ``mock_server.tasks.task_bytes``), the oldest finished ones are evicted."""
    max_uploads: int = 1_000
    """In-memory mode only: above this many uploads, the oldest are evicted."""
    max_upload_bytes: int = 512 * 1024 * 1024
    """In-memory mode only: above this many stored upload bytes, the oldest uploads are evicted."""
    webhooks: Mapping[str, WebhookTarget] = field(default_factory=dict)
    """Task webhooks per token: its default callback URL and signing secret(s)
    (``mock_server.webhooks``). A token without one answers ``callback_url`` with
    ``400 webhook_not_configured``."""
    webhook_retry_scale: float = 1.0
    """Multiplies the documented retry delays (10 s, 30 s, ... 24 h); tests use e.g. 0.01."""
    clock: Clock = field(default_factory=SystemClock, compare=False)
    """Where time comes from; tests pass a ``ManualClock``."""

    def __post_init__(self) -> None:
        if not self.tokens:
            raise ValueError("at least one token must be accepted")
        if any(not token or any(c.isspace() for c in token) for token in self.tokens):
            raise ValueError("tokens must be non-empty and contain no white space")
        if self.task_duration < 0:
            raise ValueError("task_duration must be >= 0")
        if not 0.0 <= self.failure_rate <= 1.0:
            raise ValueError("failure_rate must be between 0 and 1")
        for kind, rate in self.faults.items():
            if kind not in FAULT_KINDS:
                raise ValueError(f"unknown fault {kind!r}; known: {', '.join(FAULT_KINDS)}")
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"fault rate for {kind!r} must be between 0 and 1")
        from mock_server.defects import DEFECT_ALIASES, DEFECTS  # late: imports the contract
        from mock_server.variants import check_variants, expand_profiles

        canonical = tuple(DEFECT_ALIASES.get(name, name) for name in self.defects)
        if canonical != tuple(self.defects):
            object.__setattr__(self, "defects", canonical)
        unknown = [name for name in self.defects if name not in DEFECTS]
        if unknown:
            raise ValueError(
                f"unknown defect(s) {', '.join(unknown)}; see toapis-mock --list-defects"
            )
        variants = expand_profiles(self.variants)  # a profile name stands for its variants
        if variants != tuple(self.variants):
            object.__setattr__(self, "variants", variants)
        check_variants(self.variants)
        if not self.fail_marker:
            raise ValueError("fail_marker must not be empty")
        if self.public_url is not None and not self.public_url.startswith(("http://", "https://")):
            raise ValueError("public_url must start with http:// or https://")
        strangers = [token for token in self.webhooks if token not in self.tokens]
        if strangers:
            raise ValueError(f"{len(strangers)} webhook token(s) are not accepted tokens")
        if not self.webhook_retry_scale >= 0:
            raise ValueError("webhook_retry_scale must be >= 0")
