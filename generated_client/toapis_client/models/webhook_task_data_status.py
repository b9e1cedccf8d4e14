from typing import Literal

WebhookTaskDataStatus = Literal["FAILURE", "SUCCESS"]

WEBHOOK_TASK_DATA_STATUS_VALUES: set[WebhookTaskDataStatus] = {
    "FAILURE",
    "SUCCESS",
}


def check_webhook_task_data_status(value: str) -> WebhookTaskDataStatus:
    if value in WEBHOOK_TASK_DATA_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_TASK_DATA_STATUS_VALUES!r}"
    )
