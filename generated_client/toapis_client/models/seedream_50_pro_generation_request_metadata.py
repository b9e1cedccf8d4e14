from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.seedream_50_pro_generation_request_metadata_resolution import (
    Seedream50ProGenerationRequestMetadataResolution,
    check_seedream_50_pro_generation_request_metadata_resolution,
)
from ..models.seedream_sequential_mode import (
    SeedreamSequentialMode,
    check_seedream_sequential_mode,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seedream_50_pro_generation_request_metadata_sequential_image_generation_options import (
        Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions,
    )


T = TypeVar("T", bound="Seedream50ProGenerationRequestMetadata")


@_attrs_define
class Seedream50ProGenerationRequestMetadata:
    """Seedream options.

    Attributes:
        resolution (Seedream50ProGenerationRequestMetadataResolution | Unset): `1K` or `2K` (default). Default: '2K'.
        sequential_image_generation (SeedreamSequentialMode | Unset): `disabled` (default: one image) or `auto`
            (several); set to `auto` when `n` > 1.
        sequential_image_generation_options (Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions |
            Unset): Options of sequential mode.
        watermark (bool | Unset): Add a watermark (default false). Default: False.
    """

    resolution: Seedream50ProGenerationRequestMetadataResolution | Unset = "2K"
    sequential_image_generation: SeedreamSequentialMode | Unset = UNSET
    sequential_image_generation_options: (
        Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions | Unset
    ) = UNSET
    watermark: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        sequential_image_generation: str | Unset = UNSET
        if not isinstance(self.sequential_image_generation, Unset):
            sequential_image_generation = self.sequential_image_generation

        sequential_image_generation_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sequential_image_generation_options, Unset):
            sequential_image_generation_options = self.sequential_image_generation_options.to_dict()

        watermark = self.watermark

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if sequential_image_generation is not UNSET:
            field_dict["sequential_image_generation"] = sequential_image_generation
        if sequential_image_generation_options is not UNSET:
            field_dict["sequential_image_generation_options"] = sequential_image_generation_options
        if watermark is not UNSET:
            field_dict["watermark"] = watermark

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seedream_50_pro_generation_request_metadata_sequential_image_generation_options import (
            Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: Seedream50ProGenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_seedream_50_pro_generation_request_metadata_resolution(_resolution)

        _sequential_image_generation = d.pop("sequential_image_generation", UNSET)
        sequential_image_generation: SeedreamSequentialMode | Unset
        if isinstance(_sequential_image_generation, Unset):
            sequential_image_generation = UNSET
        else:
            sequential_image_generation = check_seedream_sequential_mode(
                _sequential_image_generation
            )

        _sequential_image_generation_options = d.pop("sequential_image_generation_options", UNSET)
        sequential_image_generation_options: (
            Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions | Unset
        )
        if isinstance(_sequential_image_generation_options, Unset):
            sequential_image_generation_options = UNSET
        else:
            sequential_image_generation_options = (
                Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions.from_dict(
                    _sequential_image_generation_options
                )
            )

        watermark = d.pop("watermark", UNSET)

        seedream_50_pro_generation_request_metadata = cls(
            resolution=resolution,
            sequential_image_generation=sequential_image_generation,
            sequential_image_generation_options=sequential_image_generation_options,
            watermark=watermark,
        )

        seedream_50_pro_generation_request_metadata.additional_properties = d
        return seedream_50_pro_generation_request_metadata

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
