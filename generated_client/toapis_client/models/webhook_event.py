from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType, check_webhook_event_type

if TYPE_CHECKING:
    from ..models.webhook_task_data import WebhookTaskData


T = TypeVar("T", bound="WebhookEvent")


@_attrs_define
class WebhookEvent:
    """The body of a task webhook (`generation.completed` or `generation.failed`). Its status and
    progress values (`SUCCESS`, `"100%"`) are the webhook page's, not the status API's. The
    docs also name an `endpoint.test` event, whose body they do not describe.

        Attributes:
            id (str): The event id (`evt_...`), the same on every retry of the event (D-39).
            type_ (WebhookEventType): The event type.
            api_version (str): The payload version.
            created_at (int): When the event was created, Unix seconds (D-38).
            data (WebhookTaskData): The task an event is about, in its final state.
    """

    id: str
    type_: WebhookEventType
    api_version: str
    created_at: int
    data: WebhookTaskData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str = self.type_

        api_version = self.api_version

        created_at = self.created_at

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "api_version": api_version,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_task_data import WebhookTaskData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = check_webhook_event_type(d.pop("type"))

        api_version = d.pop("api_version")

        created_at = d.pop("created_at")

        data = WebhookTaskData.from_dict(d.pop("data"))

        webhook_event = cls(
            id=id,
            type_=type_,
            api_version=api_version,
            created_at=created_at,
            data=data,
        )

        webhook_event.additional_properties = d
        return webhook_event

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
