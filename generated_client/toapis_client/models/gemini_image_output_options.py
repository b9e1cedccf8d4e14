from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_image_output_options_mime_type import (
    GeminiImageOutputOptionsMimeType,
    check_gemini_image_output_options_mime_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GeminiImageOutputOptions")


@_attrs_define
class GeminiImageOutputOptions:
    """Output image format.

    Attributes:
        mime_type (GeminiImageOutputOptionsMimeType | Unset):
        compression_quality (int | Unset): Compression quality (JPEG only).
    """

    mime_type: GeminiImageOutputOptionsMimeType | Unset = UNSET
    compression_quality: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mime_type: str | Unset = UNSET
        if not isinstance(self.mime_type, Unset):
            mime_type = self.mime_type

        compression_quality = self.compression_quality

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mime_type is not UNSET:
            field_dict["mimeType"] = mime_type
        if compression_quality is not UNSET:
            field_dict["compressionQuality"] = compression_quality

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _mime_type = d.pop("mimeType", UNSET)
        mime_type: GeminiImageOutputOptionsMimeType | Unset
        if isinstance(_mime_type, Unset):
            mime_type = UNSET
        else:
            mime_type = check_gemini_image_output_options_mime_type(_mime_type)

        compression_quality = d.pop("compressionQuality", UNSET)

        gemini_image_output_options = cls(
            mime_type=mime_type,
            compression_quality=compression_quality,
        )

        gemini_image_output_options.additional_properties = d
        return gemini_image_output_options

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
