from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.seedream_45_generation_request_metadata_resolution import (
    Seedream45GenerationRequestMetadataResolution,
    check_seedream_45_generation_request_metadata_resolution,
)
from ..models.seedream_optimize_prompt_options_type_1 import (
    SeedreamOptimizePromptOptionsType1,
    check_seedream_optimize_prompt_options_type_1,
)
from ..models.seedream_sequential_mode import (
    SeedreamSequentialMode,
    check_seedream_sequential_mode,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seedream_optimize_prompt_options_type_0 import (
        SeedreamOptimizePromptOptionsType0,
    )
    from ..models.seedream_sequential_options_15 import SeedreamSequentialOptions15


T = TypeVar("T", bound="Seedream45GenerationRequestMetadata")


@_attrs_define
class Seedream45GenerationRequestMetadata:
    """Seedream options.

    Attributes:
        resolution (Seedream45GenerationRequestMetadataResolution | Unset): `2K` (default) or `4K`. Reference sizes at
            `1:1`: 2048x2048, 4096x4096. Default: '2K'.
        optimize_prompt_options (SeedreamOptimizePromptOptionsType0 | SeedreamOptimizePromptOptionsType1 | Unset):
            Prompt optimisation: `{mode: standard|fast}`. The page's own advanced example sends the
            mode as a plain string (`"standard"`): both forms are accepted (DECISIONS.md D-50).
        sequential_image_generation (SeedreamSequentialMode | Unset): `disabled` (default: one image) or `auto`
            (several); set to `auto` when `n` > 1.
        sequential_image_generation_options (SeedreamSequentialOptions15 | Unset): Options of sequential mode.
        watermark (bool | Unset): Add a watermark (default true). Default: True.
    """

    resolution: Seedream45GenerationRequestMetadataResolution | Unset = "2K"
    optimize_prompt_options: (
        SeedreamOptimizePromptOptionsType0 | SeedreamOptimizePromptOptionsType1 | Unset
    ) = UNSET
    sequential_image_generation: SeedreamSequentialMode | Unset = UNSET
    sequential_image_generation_options: SeedreamSequentialOptions15 | Unset = UNSET
    watermark: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.seedream_optimize_prompt_options_type_0 import (
            SeedreamOptimizePromptOptionsType0,  # noqa: PLC0415
        )

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        optimize_prompt_options: dict[str, Any] | str | Unset
        if isinstance(self.optimize_prompt_options, Unset):
            optimize_prompt_options = UNSET
        elif isinstance(self.optimize_prompt_options, SeedreamOptimizePromptOptionsType0):
            optimize_prompt_options = self.optimize_prompt_options.to_dict()
        else:
            optimize_prompt_options = self.optimize_prompt_options

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
        if optimize_prompt_options is not UNSET:
            field_dict["optimize_prompt_options"] = optimize_prompt_options
        if sequential_image_generation is not UNSET:
            field_dict["sequential_image_generation"] = sequential_image_generation
        if sequential_image_generation_options is not UNSET:
            field_dict["sequential_image_generation_options"] = sequential_image_generation_options
        if watermark is not UNSET:
            field_dict["watermark"] = watermark

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seedream_optimize_prompt_options_type_0 import (
            SeedreamOptimizePromptOptionsType0,  # noqa: PLC0415
        )
        from ..models.seedream_sequential_options_15 import SeedreamSequentialOptions15  # noqa: PLC0415

        d = dict(src_dict)
        _resolution = d.pop("resolution", UNSET)
        resolution: Seedream45GenerationRequestMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_seedream_45_generation_request_metadata_resolution(_resolution)

        def _parse_optimize_prompt_options(
            data: object,
        ) -> SeedreamOptimizePromptOptionsType0 | SeedreamOptimizePromptOptionsType1 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_seedream_optimize_prompt_options_type_0 = (
                    SeedreamOptimizePromptOptionsType0.from_dict(data)
                )

                return componentsschemas_seedream_optimize_prompt_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            componentsschemas_seedream_optimize_prompt_options_type_1 = (
                check_seedream_optimize_prompt_options_type_1(data)
            )

            return componentsschemas_seedream_optimize_prompt_options_type_1

        optimize_prompt_options = _parse_optimize_prompt_options(
            d.pop("optimize_prompt_options", UNSET)
        )

        _sequential_image_generation = d.pop("sequential_image_generation", UNSET)
        sequential_image_generation: SeedreamSequentialMode | Unset
        if isinstance(_sequential_image_generation, Unset):
            sequential_image_generation = UNSET
        else:
            sequential_image_generation = check_seedream_sequential_mode(
                _sequential_image_generation
            )

        _sequential_image_generation_options = d.pop("sequential_image_generation_options", UNSET)
        sequential_image_generation_options: SeedreamSequentialOptions15 | Unset
        if isinstance(_sequential_image_generation_options, Unset):
            sequential_image_generation_options = UNSET
        else:
            sequential_image_generation_options = SeedreamSequentialOptions15.from_dict(
                _sequential_image_generation_options
            )

        watermark = d.pop("watermark", UNSET)

        seedream_45_generation_request_metadata = cls(
            resolution=resolution,
            optimize_prompt_options=optimize_prompt_options,
            sequential_image_generation=sequential_image_generation,
            sequential_image_generation_options=sequential_image_generation_options,
            watermark=watermark,
        )

        seedream_45_generation_request_metadata.additional_properties = d
        return seedream_45_generation_request_metadata

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
