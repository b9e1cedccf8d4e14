from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vidu_q2_fast_generation_request_metadata_resolution import (
    ViduQ2FastGenerationRequestMetadataResolution,
    check_vidu_q2_fast_generation_request_metadata_resolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ViduQ2FastGenerationRequestMetadata")


@_attrs_define
class ViduQ2FastGenerationRequestMetadata:
    """Further options.

    Attributes:
        resolution (ViduQ2FastGenerationRequestMetadataResolution | Unset): `1K` (default and only value). Default:
            '1K'.
        watermark (bool | Unset): Add a watermark (default false).
    """

    resolution: ViduQ2FastGenerationRequestMetadataResolution | Unset = "1K"
    watermark: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        watermark = self.watermark

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if watermark is not UNSET:
            field_dict["watermark"] = watermark

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: ViduQ2FastGenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_vidu_q2_fast_generation_request_metadata_resolution(_resolution)

        watermark = d.pop("watermark", UNSET)

        vidu_q2_fast_generation_request_metadata = cls(
            resolution=resolution,
            watermark=watermark,
        )

        vidu_q2_fast_generation_request_metadata.additional_properties = d
        return vidu_q2_fast_generation_request_metadata

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
