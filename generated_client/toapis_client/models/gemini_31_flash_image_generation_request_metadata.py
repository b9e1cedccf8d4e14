from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_31_flash_image_generation_request_metadata_resolution import (
    Gemini31FlashImageGenerationRequestMetadataResolution,
    check_gemini_31_flash_image_generation_request_metadata_resolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="Gemini31FlashImageGenerationRequestMetadata")


@_attrs_define
class Gemini31FlashImageGenerationRequestMetadata:
    """Further options.

    Attributes:
        resolution (Gemini31FlashImageGenerationRequestMetadataResolution | Unset): Output resolution: `0.5K` (~512 px),
            `1K` (default), `2K` or `4K`. Default: '1K'.
        google_search (bool | Unset): Ground the generation on a web text search first (default false). Default: False.
        google_image_search (bool | Unset): Also search for reference images (default false); needs `google_search`.
            Default: False.
    """

    resolution: Gemini31FlashImageGenerationRequestMetadataResolution | Unset = "1K"
    google_search: bool | Unset = False
    google_image_search: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        google_search = self.google_search

        google_image_search = self.google_image_search

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if google_search is not UNSET:
            field_dict["google_search"] = google_search
        if google_image_search is not UNSET:
            field_dict["google_image_search"] = google_image_search

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: Gemini31FlashImageGenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_gemini_31_flash_image_generation_request_metadata_resolution(
                _resolution
            )

        google_search = d.pop("google_search", UNSET)

        google_image_search = d.pop("google_image_search", UNSET)

        gemini_31_flash_image_generation_request_metadata = cls(
            resolution=resolution,
            google_search=google_search,
            google_image_search=google_image_search,
        )

        gemini_31_flash_image_generation_request_metadata.additional_properties = d
        return gemini_31_flash_image_generation_request_metadata

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
