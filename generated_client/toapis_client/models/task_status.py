from typing import Literal

TaskStatus = Literal["completed", "failed", "in_progress", "queued"]

TASK_STATUS_VALUES: set[TaskStatus] = {
    "completed",
    "failed",
    "in_progress",
    "queued",
}


def check_task_status(value: str) -> TaskStatus:
    if value in TASK_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TASK_STATUS_VALUES!r}")
