from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus, check_task_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_error import TaskError
    from ..models.task_metadata import TaskMetadata
    from ..models.task_result import TaskResult


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """An image generation task (`object: generation.task`). Which fields are present depends on
    `status`: `result`, `completed_at` and `expires_at` only once `completed`; `error` only once
    `failed`.

        Attributes:
            id (str): Opaque task id; use it as `task_id` when polling.
            object_ (Literal['generation.task']): Always `generation.task`.
            model (str): The model that serves the task.
            status (TaskStatus): `queued` and `in_progress` are transient; `completed` and `failed` are final and never
                change (DECISIONS.md D-02 on `submitted` and `pending`).
            progress (int): Completion percentage, 0-100. It never decreases; a completed task has 100.
            created_at (int): When the task was created (Unix time, seconds). It never changes.
            client_business_id (None | str | Unset): The caller's own reference, echoed when it was supplied at creation (cn
                docs); absent
                or null otherwise (DECISIONS.md D-21).
            completed_at (int | None | Unset): When the task completed (Unix time, seconds). Only on completed tasks; absent
                or null
                otherwise (DECISIONS.md D-20, D-21).
            expires_at (int | None | Unset): When the result URLs expire (Unix time, seconds): `completed_at` + 86400. Only
                on
                completed tasks; absent or null otherwise (DECISIONS.md D-21).
            url (None | str | Unset): The first generated image, at the top level. Documented by the en status page but in
                no
                example; prefer `result.data[].url` (DECISIONS.md D-03). Only on completed tasks;
                absent or null otherwise (DECISIONS.md D-21).
            result (None | TaskResult | Unset): The generated images. Only on completed tasks.
            error (None | TaskError | Unset): Why the task failed. Only on failed tasks.
            metadata (TaskMetadata | Unset): Task metadata (an empty object for `gpt-4o-image`).
    """

    id: str
    object_: Literal["generation.task"]
    model: str
    status: TaskStatus
    progress: int
    created_at: int
    client_business_id: None | str | Unset = UNSET
    completed_at: int | None | Unset = UNSET
    expires_at: int | None | Unset = UNSET
    url: None | str | Unset = UNSET
    result: None | TaskResult | Unset = UNSET
    error: None | TaskError | Unset = UNSET
    metadata: TaskMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_error import TaskError  # noqa: PLC0415
        from ..models.task_result import TaskResult  # noqa: PLC0415

        id = self.id

        object_ = self.object_

        model = self.model

        status: str = self.status

        progress = self.progress

        created_at = self.created_at

        client_business_id: None | str | Unset
        if isinstance(self.client_business_id, Unset):
            client_business_id = UNSET
        else:
            client_business_id = self.client_business_id

        completed_at: int | None | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

        expires_at: int | None | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

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
        elif isinstance(self.error, TaskError):
            error = self.error.to_dict()
        else:
            error = self.error

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "model": model,
                "status": status,
                "progress": progress,
                "created_at": created_at,
            }
        )
        if client_business_id is not UNSET:
            field_dict["client_business_id"] = client_business_id
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if url is not UNSET:
            field_dict["url"] = url
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_error import TaskError  # noqa: PLC0415
        from ..models.task_metadata import TaskMetadata  # noqa: PLC0415
        from ..models.task_result import TaskResult  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["generation.task"], d.pop("object"))
        if object_ != "generation.task":
            raise ValueError(f"object must match const 'generation.task', got '{object_}'")

        model = d.pop("model")

        status = check_task_status(d.pop("status"))

        progress = d.pop("progress")

        created_at = d.pop("created_at")

        def _parse_client_business_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_business_id = _parse_client_business_id(d.pop("client_business_id", UNSET))

        def _parse_completed_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_expires_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

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

        def _parse_error(data: object) -> None | TaskError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = TaskError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskError | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: TaskMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TaskMetadata.from_dict(_metadata)

        task = cls(
            id=id,
            object_=object_,
            model=model,
            status=status,
            progress=progress,
            created_at=created_at,
            client_business_id=client_business_id,
            completed_at=completed_at,
            expires_at=expires_at,
            url=url,
            result=result,
            error=error,
            metadata=metadata,
        )

        task.additional_properties = d
        return task

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
