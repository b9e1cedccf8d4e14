from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_task_data_status import (
    WebhookTaskDataStatus,
    check_webhook_task_data_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_result import TaskResult
    from ..models.webhook_task_error import WebhookTaskError


T = TypeVar("T", bound="WebhookTaskData")


@_attrs_define
class WebhookTaskData:
    """The task an event is about, in its final state.

    Attributes:
        task_id (str): The task's id, as the create answer gave it (opaque, D-01).
        status (WebhookTaskDataStatus): `SUCCESS` (completed) or `FAILURE` (failed).
        client_business_id (None | str | Unset): The `client_business_id` given at creation, or null.
        task_type (str | Unset): `image` for image tasks (`video` for video tasks).
        model (str | Unset): The model of the task.
        progress (str | Unset): Always `"100%"` in the docs' payload (a string).
        result (None | TaskResult | Unset): The result images of a completed task; null when it failed.
        error (None | Unset | WebhookTaskError): Why the task failed; null when it completed.
        submitted_at (int | Unset): When the task was created, Unix seconds (D-38).
        finished_at (int | Unset): When the task became final, Unix seconds (D-38).
    """

    task_id: str
    status: WebhookTaskDataStatus
    client_business_id: None | str | Unset = UNSET
    task_type: str | Unset = UNSET
    model: str | Unset = UNSET
    progress: str | Unset = UNSET
    result: None | TaskResult | Unset = UNSET
    error: None | Unset | WebhookTaskError = UNSET
    submitted_at: int | Unset = UNSET
    finished_at: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_result import TaskResult  # noqa: PLC0415
        from ..models.webhook_task_error import WebhookTaskError  # noqa: PLC0415

        task_id = self.task_id

        status: str = self.status

        client_business_id: None | str | Unset
        if isinstance(self.client_business_id, Unset):
            client_business_id = UNSET
        else:
            client_business_id = self.client_business_id

        task_type = self.task_type

        model = self.model

        progress = self.progress

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, TaskResult):
            result = self.result.to_dict()
        else:
            result = self.result

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, WebhookTaskError):
            error = self.error.to_dict()
        else:
            error = self.error

        submitted_at = self.submitted_at

        finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
            }
        )
        if client_business_id is not UNSET:
            field_dict["client_business_id"] = client_business_id
        if task_type is not UNSET:
            field_dict["task_type"] = task_type
        if model is not UNSET:
            field_dict["model"] = model
        if progress is not UNSET:
            field_dict["progress"] = progress
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_result import TaskResult  # noqa: PLC0415
        from ..models.webhook_task_error import WebhookTaskError  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        status = check_webhook_task_data_status(d.pop("status"))

        def _parse_client_business_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_business_id = _parse_client_business_id(d.pop("client_business_id", UNSET))

        task_type = d.pop("task_type", UNSET)

        model = d.pop("model", UNSET)

        progress = d.pop("progress", UNSET)

        def _parse_result(data: object) -> None | TaskResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = TaskResult.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskResult | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_error(data: object) -> None | Unset | WebhookTaskError:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = WebhookTaskError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WebhookTaskError, data)

        error = _parse_error(d.pop("error", UNSET))

        submitted_at = d.pop("submitted_at", UNSET)

        finished_at = d.pop("finished_at", UNSET)

        webhook_task_data = cls(
            task_id=task_id,
            status=status,
            client_business_id=client_business_id,
            task_type=task_type,
            model=model,
            progress=progress,
            result=result,
            error=error,
            submitted_at=submitted_at,
            finished_at=finished_at,
        )

        webhook_task_data.additional_properties = d
        return webhook_task_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
