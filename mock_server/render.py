"""The JSON shape of a task (``#/components/schemas/Task``), with the rendering defects."""

from __future__ import annotations

import hashlib
import random
from typing import Any

import toapis_spec
from mock_server.tasks import (
    COMPLETED,
    FAILED,
    FAILURE_CODE,
    IN_PROGRESS,
    QUEUED,
    RANDOM_FAILURE_MESSAGE,
    Task,
)
from mock_server.variants import (
    RESULT_FORMATS,
    billing_fields,
    documented_result_name,
    queued_name,
    request_id,
    result_extension,
)

OBJECT = "generation.task"
# Fields a state may not have; null-for-absent sends them as null (DECISIONS.md D-21).
_STATE_FIELDS = ("completed_at", "expires_at", "url", "result", "error")


_EXTENSIONS = {media_type: ext for ext, (_, media_type) in RESULT_FORMATS.items()}


def served_extension(task: Task, variants: frozenset[str]) -> str:
    """The extension (a key of ``RESULT_FORMATS``) of the format a task's result files are in:
    the one its request asked (``Task.output_format``), else the one the variants choose."""
    asked = _EXTENSIONS.get(task.output_format) if task.output_format else None
    return asked or result_extension(variants)


def result_path(task: Task, index: int, variants: frozenset[str], version: int | None) -> str:
    """The path (from the base URL) of one result image, in the shape the variants choose.

    ``version`` is set by the ``finished-task-changes`` defect: a path that changes per poll."""
    ext = result_extension(variants) if "format-blind-result-names" in variants else None
    ext = ext or served_extension(task, variants)
    step = f"v{version}/" if version is not None else ""
    if "documented-url-shape" in variants and task.completed_at is not None:
        return f"/generated/{step}{documented_result_name(task.id, index, task.completed_at)}.{ext}"
    if "files-host-paths" in variants and task.completed_at is not None:
        name = documented_result_name(task.id, index, task.completed_at)
        return f"/images/{task.id}/{step}{name}.{ext}"
    return f"/files/generated/{task.id}/{step}{index}.{ext}"


def render_task(
    task: Task,
    now: float,
    defects: frozenset[str],
    variants: frozenset[str] = frozenset(),
    rng: random.Random | None = None,
) -> dict[str, Any]:
    """The task as JSON. ``rng`` draws what changes per response (signatures, request ids)."""
    rng = rng or random.Random(hashlib.sha256(f"{task.id}/{now}".encode()).digest())
    body: dict[str, Any] = {"id": task.id}
    if task.client_business_id is not None:
        body["client_business_id"] = task.client_business_id
    elif "null-for-absent" in variants:
        body["client_business_id"] = None
    status = task.status
    if (
        status == COMPLETED
        and task.finished_polls >= 1
        and "finished-task-status-changes" in defects
    ):
        status = FAILED
    progress = task.progress
    if "progress-goes-backwards" in defects and status == IN_PROGRESS:
        progress = 100 - progress
    shown_status = queued_name(variants) if status == QUEUED else status
    body.update(
        object=OBJECT,
        model=_echoed_model(task.model, defects, variants),
        status=shown_status,
        progress=progress,
        created_at=int(now) if "created-at-changes" in defects else task.created_at,
    )
    extra = "extra-fields" in variants
    if status == COMPLETED and task.completed_at is not None:
        lifetime = 3_600 if "expires-at-wrong" in defects else None
        body["completed_at"] = task.completed_at
        body["expires_at"] = (
            task.completed_at + lifetime if lifetime is not None else task.expires_at
        )
        if "completed-without-result" not in defects:
            count = task.n + 1 if "result-count-mismatch" in defects else task.n
            if "finished-result-count-changes" in defects:
                count += task.finished_polls
            version = task.finished_polls if "finished-task-changes" in defects else None
            paths = [result_path(task, index, variants, version) for index in range(count)]
            urls = [f"{task.base_url}{path}" for path in paths]
            if "signed-result-urls" in variants:
                urls = [
                    f"{url}?sig={rng.getrandbits(64):016x}&exp={body['expires_at']}" for url in urls
                ]
            # DECISION D-03: the top-level `url` keeps clients of the en reading working.
            if "no-top-level-url" not in variants:
                body["url"] = urls[0]
            if "top-level-url-broken" in defects:  # one past the last image: no such file
                body["url"] = f"{task.base_url}{result_path(task, count, variants, version)}"
            items: list[dict[str, Any]] = [{"url": url} for url in urls]
            if "result-item-extras" in variants:
                output_format = RESULT_FORMATS[served_extension(task, variants)][0].lower()
                for item in items:
                    item.update(size=task.size, output_format=output_format)
            if "result-item-format-wrong" in defects:  # names a format the files are not in
                served = RESULT_FORMATS[served_extension(task, variants)][0].lower()
                for item in items:
                    item["output_format"] = "jpeg" if served == "png" else "png"
            if extra:
                for index, item in enumerate(items):
                    item["index"] = index
            result: dict[str, Any] = {"type": "image", "data": items}
            if extra:
                result["count"] = len(items)
            body["result"] = result
    elif status == FAILED:
        if "failed-with-finish-time" in variants and task.completed_at is not None:
            body["completed_at"] = task.completed_at
        if "failed-task-without-error" not in defects:
            message = task.failure_message or RANDOM_FAILURE_MESSAGE
            error: dict[str, Any] = {"code": FAILURE_CODE, "message": message}
            if extra:
                error["retryable"] = False
            body["error"] = error
    if "null-for-absent" in variants:
        for name in _STATE_FIELDS:
            if name == "url" and "no-top-level-url" in variants:
                continue
            body.setdefault(name, None)
    if "no-metadata" not in variants:
        body["metadata"] = {"source": "toapis-mock"} if extra else {}
    if "billing-fields" in variants:
        reason = (task.failure_message or RANDOM_FAILURE_MESSAGE) if status == FAILED else None
        body.update(billing_fields(task.id, task.n, status, reason))
    if extra:
        body["request_id"] = request_id(rng)
    if "created-at-in-ms" in defects:
        body["created_at"] *= 1000
    return body


def _echoed_model(model: str, defects: frozenset[str], variants: frozenset[str]) -> str:
    if "echo-other-model" in defects:
        return other_model(model)
    info = toapis_spec.models().get(model)
    if "echo-canonical-model" in variants and info is not None and info.alias_of is not None:
        return info.alias_of
    return model


def other_model(model: str) -> str:
    """A model of the contract that is neither ``model`` nor one of its aliases (the
    ``echo-other-model`` defect): the next one in contract order."""
    known = toapis_spec.models()
    info = known.get(model)
    canonical = (info.alias_of or model) if info is not None else model
    names = [name for name, other in known.items() if other.alias_of is None]
    start = names.index(canonical) + 1 if canonical in names else 0
    return next(name for name in (*names[start:], *names) if name != canonical)
