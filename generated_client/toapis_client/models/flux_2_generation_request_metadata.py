from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flux_2_generation_request_metadata_resolution import (
    Flux2GenerationRequestMetadataResolution,
    check_flux_2_generation_request_metadata_resolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="Flux2GenerationRequestMetadata")


@_attrs_define
class Flux2GenerationRequestMetadata:
    """Further options.

    Attributes:
        resolution (Flux2GenerationRequestMetadataResolution | Unset): `1K` (default) or `2K`. Default: '1K'.
    """

    resolution: Flux2GenerationRequestMetadataResolution | Unset = "1K"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: Flux2GenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_flux_2_generation_request_metadata_resolution(_resolution)

        flux_2_generation_request_metadata = cls(
            resolution=resolution,
        )

        flux_2_generation_request_metadata.additional_properties = d
        return flux_2_generation_request_metadata

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
