"""A tolerant view of a generation task, for code that must keep polling when the service drifts.

The generated model (``toapis_client.models.Task``) follows the contract strictly: a status outside
the documented enum, such as the ``submitted`` or ``pending`` that older docs and third-party
reports show, makes it unreadable. Polling must survive that (an unknown status is simply "not
final yet"), so ``GenerationTask`` reads only the few fields the client acts on, keeps the whole
body in ``raw`` (with the undocumented ``billing`` and ``usage`` the real service adds) and the
strict model in ``model`` when the body matches the contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toapis_client.models import Task

# Final states per the contract (TaskStatus: "completed and failed are final and never change").
COMPLETED = "completed"
FAILED = "failed"
FINAL_STATUSES = frozenset({COMPLETED, FAILED})


@dataclass(frozen=True)
class TaskFailure:
    """The ``error`` of a failed task."""

    code: str | None
    message: str


@dataclass(frozen=True)
class GenerationTask:
    """One state of a task as the service reported it."""

    id: str
    status: str
    progress: int
    image_urls: tuple[str, ...] = ()
    """``result.data[].url`` of a completed task (or the top-level ``url`` if only that is sent)."""
    error: TaskFailure | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The body exactly as received."""
    model: Task | None = field(default=None, repr=False, compare=False)
    """The generated model, when the body matches the contract."""

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_completed(self) -> bool:
        return self.status == COMPLETED

    @property
    def is_failed(self) -> bool:
        return self.status == FAILED

    @classmethod
    def from_body(cls, body: Mapping[str, Any], model: Task | None = None) -> GenerationTask | None:
        """The view of a task body, or ``None`` when it has no usable ``id`` and ``status``."""
        task_id = body.get("id")
        status = body.get("status")
        if not isinstance(task_id, str) or not task_id or not isinstance(status, str):
            return None
        progress = body.get("progress")
        if not isinstance(progress, int) or isinstance(progress, bool):
            progress = 100 if status == COMPLETED else 0
        return cls(
            id=task_id,
            status=status,
            progress=max(0, min(100, progress)),
            image_urls=_image_urls(body),
            error=_failure(body.get("error"), body.get("fail_reason")),
            raw=body,
            model=model,
        )


def _image_urls(body: Mapping[str, Any]) -> tuple[str, ...]:
    result = body.get("result")
    urls: list[str] = []
    if isinstance(result, dict) and isinstance(result.get("data"), list):
        urls = [
            item["url"]
            for item in result["data"]
            if isinstance(item, dict) and isinstance(item.get("url"), str)
        ]
    # The en status page documents a top-level `url` that no example carries (DECISIONS.md D-03).
    if not urls and isinstance(body.get("url"), str):
        urls = [body["url"]]
    return tuple(urls)


def _failure(error: object, fail_reason: object = None) -> TaskFailure | None:
    """The task's ``error``; the real service also sends the text as ``fail_reason`` (seen by
    third-party clients, undocumented), used when ``error`` has no message or is missing."""
    reason = fail_reason if isinstance(fail_reason, str) and fail_reason else None
    if isinstance(error, dict):
        code = error.get("code")
        message = error.get("message")
        return TaskFailure(
            code=str(code) if code is not None else None,
            message=message if isinstance(message, str) and message else reason or "",
        )
    if isinstance(error, str):  # seen in third-party code
        return TaskFailure(code=None, message=error)
    if reason is not None:
        return TaskFailure(code=None, message=reason)
    return None
