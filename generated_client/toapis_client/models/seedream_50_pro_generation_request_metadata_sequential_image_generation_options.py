from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions")


@_attrs_define
class Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions:
    """Options of sequential mode.

    Attributes:
        max_images (int | Unset): How many images, 1 to 10.
    """

    max_images: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_images = self.max_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_images is not UNSET:
            field_dict["max_images"] = max_images

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_images = d.pop("max_images", UNSET)

        seedream_50_pro_generation_request_metadata_sequential_image_generation_options = cls(
            max_images=max_images,
        )

        seedream_50_pro_generation_request_metadata_sequential_image_generation_options.additional_properties = d
        return seedream_50_pro_generation_request_metadata_sequential_image_generation_options

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
