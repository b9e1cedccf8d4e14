from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.uploaded_image import UploadedImage


T = TypeVar("T", bound="ImageUploadResponse")


@_attrs_define
class ImageUploadResponse:
    """
    Attributes:
        success (bool):
        data (UploadedImage):
        message (str | Unset): Empty on success (present in every example, not listed as a field).
    """

    success: bool
    data: UploadedImage
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        data = self.data.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "data": data,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.uploaded_image import UploadedImage  # noqa: PLC0415

        d = dict(src_dict)
        success = d.pop("success")

        data = UploadedImage.from_dict(d.pop("data"))

        message = d.pop("message", UNSET)

        image_upload_response = cls(
            success=success,
            data=data,
            message=message,
        )

        image_upload_response.additional_properties = d
        return image_upload_response

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
