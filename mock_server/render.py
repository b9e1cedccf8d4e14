"""The JSON shape of a task (``#/components/schemas/Task``), with the rendering defects."""

from __future__ import annotations

from typing import Any

from mock_server.tasks import COMPLETED, FAILED, FAILURE_CODE, IN_PROGRESS, Task

OBJECT = "generation.task"


def render_task(task: Task, now: float, defects: frozenset[str]) -> dict[str, Any]:
    body: dict[str, Any] = {"id": task.id}
    if task.client_business_id is not None:
        body["client_business_id"] = task.client_business_id
    progress = task.progress
    if "progress-goes-backwards" in defects and task.status == IN_PROGRESS:
        progress = 100 - progress
    body.update(
        object=OBJECT,
        model=task.model,
        status=task.status,
        progress=progress,
        created_at=int(now) if "created-at-changes" in defects else task.created_at,
    )
    if task.status == COMPLETED and task.completed_at is not None:
        lifetime = 3_600 if "expires-at-wrong" in defects else None
        body["completed_at"] = task.completed_at
        body["expires_at"] = (
            task.completed_at + lifetime if lifetime is not None else task.expires_at
        )
        if "completed-without-result" not in defects:
            count = task.n + 1 if "result-count-mismatch" in defects else task.n
            urls = [task.result_url(index) for index in range(count)]
            if "finished-task-changes" in defects:
                urls = [f"{url}?v={task.finished_polls}" for url in urls]
            # DECISION D-03: the top-level `url` keeps clients of the en reading working.
            body["url"] = urls[0]
            body["result"] = {"type": "image", "data": [{"url": url} for url in urls]}
    elif task.status == FAILED:
        body["error"] = {"code": FAILURE_CODE, "message": task.failure_message}
    body["metadata"] = {}
    return body
