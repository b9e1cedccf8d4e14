"""Everything one mock server instance holds: configuration, compiled validators, stores."""

from __future__ import annotations

import hashlib
import random
import secrets
from pathlib import Path

from mock_server.config import MockConfig
from mock_server.defects import DEFECTS
from mock_server.persistence import StateDir
from mock_server.ratelimit import RateLimiter
from mock_server.tasks import FailureDraw, Lifecycle, Task, TaskIds, TaskStore
from mock_server.uploads import Upload, UploadStore
from mock_server.validation import RequestValidator
from mock_server.variants import SCHEMA_PATCHES, task_id


def tenant_of(token: str) -> str:
    """The tenant a token belongs to. Stored and compared instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()[:20]


class MockState:
    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.defects = frozenset(config.defects)
        self.clock = config.clock
        self.tenants = {token: tenant_of(token) for token in config.tokens}
        patches = [DEFECTS[name].schema_patch for name in config.defects]
        self.variants = frozenset(config.variants)
        patches += [SCHEMA_PATCHES.get(name) for name in config.variants]
        self.validator = RequestValidator(patch for patch in patches if patch is not None)
        self.lifecycle = Lifecycle(
            duration=config.task_duration,
            step_per_poll=config.step_per_poll,
            never_finishes="never-finishes" in self.defects,
            variants=self.variants,
        )
        rate_limits = config.rate_limits or "documented-rate-limits" in self.variants
        self.limiter = RateLimiter() if rate_limits else None
        self.state_dir = StateDir(Path(config.state_dir)) if config.state_dir is not None else None
        boot = self.state_dir.next_boot() if self.state_dir is not None else 0
        # Without an explicit seed, a secret of this process: nothing can be derived from runs.
        self.seed = config.seed if config.seed is not None else secrets.randbits(64)
        # Result images derive from (image_seed, task id): unseeded task ids are random already,
        # and images must not change when a restart with --state-dir draws a new secret.
        self.image_seed = config.seed if config.seed is not None else 0
        self.task_ids = TaskIds(config.seed, boot)
        self.failures = FailureDraw(self.seed, boot, config.failure_rate)
        # Seeded upload ids only when asked for (see `next_upload_id`).
        self.upload_ids = (
            random.Random(f"upload-ids/{config.seed}/{boot}") if config.seed is not None else None
        )
        self.fault_draw = random.Random(f"faults/{self.seed}/{boot}")
        # Variants (mock_server.variants): their own draws, so the ones above stay as they were.
        self.variant_ids = random.Random(f"variant-ids/{self.seed}/{boot}")
        self.variant_draw = random.Random(f"variant-draw/{self.seed}/{boot}")
        self.random_429_draw = random.Random(f"random-429/{self.seed}/{boot}")
        # documented-url-shape: generated file name -> (task id, image index).
        self.generated_names: dict[str, tuple[str, int]] = {}
        # progress-dips-briefly: task id -> (time, progress) of its last status answer.
        self.last_polls: dict[str, tuple[float, int]] = {}
        in_memory = self.state_dir is None
        self.tasks = TaskStore(
            config.max_tasks if in_memory else None, config.max_task_bytes if in_memory else None
        )
        self.uploads = UploadStore(
            self.state_dir.uploads_dir if self.state_dir is not None else None,
            max_count=config.max_uploads,
            max_bytes=config.max_upload_bytes,
        )
        # Final tasks never change, so their JSON is rendered once, unless a defect makes it vary.
        varying_defects = {
            "finished-task-changes",
            "created-at-changes",
            "finished-task-status-changes",
            "finished-result-count-changes",
        }
        self.cache_final_bodies = not (
            self.defects & varying_defects or self.variants & {"signed-result-urls", "extra-fields"}
        )
        if self.state_dir is not None:
            for task in self.state_dir.load_tasks():
                self.tasks.add(task)
            for upload in self.state_dir.load_uploads():
                self.uploads.restore(upload)

    def save_task(self, task: Task) -> None:
        if self.state_dir is not None:
            self.state_dir.save_task(task)

    def save_upload(self, upload: Upload) -> None:
        if self.state_dir is not None:
            self.state_dir.save_upload(upload)

    def next_task_id(self, now: float) -> str:
        """The id of a new task: the default form, or the one an id variant prescribes."""
        if self.variants & {"ulid-ids", "hex-ids"}:
            bits = (
                self.variant_ids.getrandbits(128)
                if self.config.seed is not None
                else secrets.randbits(128)
            )
            variant_id = task_id(self.variants, bits, now)
            if variant_id is not None:
                return variant_id
        return self.task_ids.next()

    def next_upload_id(self) -> str:
        """Upload URLs are public by design: without an explicit seed their ids are unguessable."""
        rng = self.upload_ids
        return f"upload_{rng.getrandbits(64) if rng is not None else secrets.randbits(64):016x}"

    def close(self) -> None:
        if self.state_dir is not None:
            self.state_dir.close()
