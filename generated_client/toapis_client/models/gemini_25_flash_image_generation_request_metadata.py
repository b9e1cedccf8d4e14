from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_25_flash_image_generation_request_metadata_orientation import (
    Gemini25FlashImageGenerationRequestMetadataOrientation,
    check_gemini_25_flash_image_generation_request_metadata_orientation,
)
from ..models.gemini_25_flash_image_generation_request_metadata_resolution import (
    Gemini25FlashImageGenerationRequestMetadataResolution,
    check_gemini_25_flash_image_generation_request_metadata_resolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="Gemini25FlashImageGenerationRequestMetadata")


@_attrs_define
class Gemini25FlashImageGenerationRequestMetadata:
    """Further options.

    Attributes:
        resolution (Gemini25FlashImageGenerationRequestMetadataResolution | Unset): Output resolution; `1K` (default) is
            the only value. Default: '1K'.
        orientation (Gemini25FlashImageGenerationRequestMetadataOrientation | Unset): Image orientation, `landscape` or
            `portrait`.
    """

    resolution: Gemini25FlashImageGenerationRequestMetadataResolution | Unset = "1K"
    orientation: Gemini25FlashImageGenerationRequestMetadataOrientation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        orientation: str | Unset = UNSET
        if not isinstance(self.orientation, Unset):
            orientation = self.orientation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if orientation is not UNSET:
            field_dict["orientation"] = orientation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: Gemini25FlashImageGenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_gemini_25_flash_image_generation_request_metadata_resolution(
                _resolution
            )

        _orientation = d.pop("orientation", UNSET)
        orientation: Gemini25FlashImageGenerationRequestMetadataOrientation | Unset
        if isinstance(_orientation, Unset):
            orientation = UNSET
        else:
            orientation = check_gemini_25_flash_image_generation_request_metadata_orientation(
                _orientation
            )

        gemini_25_flash_image_generation_request_metadata = cls(
            resolution=resolution,
            orientation=orientation,
        )

        gemini_25_flash_image_generation_request_metadata.additional_properties = d
        return gemini_25_flash_image_generation_request_metadata

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
