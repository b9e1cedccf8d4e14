"""Everything one mock server instance holds: configuration, compiled validators, stores."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from mock_server.config import MockConfig
from mock_server.defects import DEFECTS
from mock_server.persistence import StateDir
from mock_server.ratelimit import RateLimiter
from mock_server.tasks import FailureDraw, Lifecycle, Task, TaskIds, TaskStore
from mock_server.uploads import Upload, UploadStore
from mock_server.validation import RequestValidator


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
        self.validator = RequestValidator(patch for patch in patches if patch is not None)
        self.lifecycle = Lifecycle(
            duration=config.task_duration,
            step_per_poll=config.step_per_poll,
            never_finishes="never-finishes" in self.defects,
        )
        self.limiter = RateLimiter() if config.rate_limits else None
        self.state_dir = StateDir(Path(config.state_dir)) if config.state_dir is not None else None
        boot = self.state_dir.next_boot() if self.state_dir is not None else 0
        self.task_ids = TaskIds(config.seed, boot)
        self.failures = FailureDraw(config.seed, boot, config.failure_rate)
        self.upload_ids = random.Random(f"upload-ids/{config.seed}/{boot}")
        self.fault_draw = random.Random(f"faults/{config.seed}/{boot}")
        self.tasks = TaskStore(None if self.state_dir is not None else config.max_tasks)
        self.uploads = UploadStore(
            self.state_dir.uploads_dir if self.state_dir is not None else None,
            max_count=config.max_uploads,
            max_bytes=config.max_upload_bytes,
        )
        # Final tasks never change, so their JSON is rendered once, unless a defect makes it vary.
        self.cache_final_bodies = not (
            self.defects & {"finished-task-changes", "created-at-changes"}
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

    def next_upload_id(self) -> str:
        return f"upload_{self.upload_ids.getrandbits(64):016x}"

    def close(self) -> None:
        if self.state_dir is not None:
            self.state_dir.close()
