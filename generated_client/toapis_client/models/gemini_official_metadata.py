from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_official_metadata_resolution import (
    GeminiOfficialMetadataResolution,
    check_gemini_official_metadata_resolution,
)
from ..models.gemini_person_generation import (
    GeminiPersonGeneration,
    check_gemini_person_generation,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gemini_image_output_options import GeminiImageOutputOptions
    from ..models.gemini_official_metadata_thinking_config import (
        GeminiOfficialMetadataThinkingConfig,
    )
    from ..models.gemini_safety_settings_item import GeminiSafetySettingsItem


T = TypeVar("T", bound="GeminiOfficialMetadata")


@_attrs_define
class GeminiOfficialMetadata:
    """Vertex AI native options of the official Gemini 3 channels.

    Attributes:
        temperature (float | Unset): Generation temperature, 0.0 to 2.0.
        top_p (float | Unset): Top-P sampling, 0.0 to 1.0 (default 0.95).
        max_output_tokens (int | Unset): Maximum output tokens (default 32768).
        resolution (GeminiOfficialMetadataResolution | Unset): Output resolution, `1K` (default), `2K` or `4K`. Default:
            '1K'.
        person_generation (GeminiPersonGeneration | Unset): Person generation control.
        image_output_options (GeminiImageOutputOptions | Unset): Output image format.
        thinking_config (GeminiOfficialMetadataThinkingConfig | Unset): Reasoning before generating.
        safety_settings (list[GeminiSafetySettingsItem] | Unset): Content safety filters.
    """

    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET
    max_output_tokens: int | Unset = UNSET
    resolution: GeminiOfficialMetadataResolution | Unset = "1K"
    person_generation: GeminiPersonGeneration | Unset = UNSET
    image_output_options: GeminiImageOutputOptions | Unset = UNSET
    thinking_config: GeminiOfficialMetadataThinkingConfig | Unset = UNSET
    safety_settings: list[GeminiSafetySettingsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        temperature = self.temperature

        top_p = self.top_p

        max_output_tokens = self.max_output_tokens

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        person_generation: str | Unset = UNSET
        if not isinstance(self.person_generation, Unset):
            person_generation = self.person_generation

        image_output_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_output_options, Unset):
            image_output_options = self.image_output_options.to_dict()

        thinking_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thinking_config, Unset):
            thinking_config = self.thinking_config.to_dict()

        safety_settings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.safety_settings, Unset):
            safety_settings = []
            for componentsschemas_gemini_safety_settings_item_data in self.safety_settings:
                componentsschemas_gemini_safety_settings_item = (
                    componentsschemas_gemini_safety_settings_item_data.to_dict()
                )
                safety_settings.append(componentsschemas_gemini_safety_settings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["topP"] = top_p
        if max_output_tokens is not UNSET:
            field_dict["maxOutputTokens"] = max_output_tokens
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if person_generation is not UNSET:
            field_dict["personGeneration"] = person_generation
        if image_output_options is not UNSET:
            field_dict["imageOutputOptions"] = image_output_options
        if thinking_config is not UNSET:
            field_dict["thinkingConfig"] = thinking_config
        if safety_settings is not UNSET:
            field_dict["safetySettings"] = safety_settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gemini_image_output_options import GeminiImageOutputOptions  # noqa: PLC0415
        from ..models.gemini_official_metadata_thinking_config import (
            GeminiOfficialMetadataThinkingConfig,  # noqa: PLC0415
        )
        from ..models.gemini_safety_settings_item import GeminiSafetySettingsItem  # noqa: PLC0415

        d = dict(src_dict)
        temperature = d.pop("temperature", UNSET)

        top_p = d.pop("topP", UNSET)

        max_output_tokens = d.pop("maxOutputTokens", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: GeminiOfficialMetadataResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_gemini_official_metadata_resolution(_resolution)

        _person_generation = d.pop("personGeneration", UNSET)
        person_generation: GeminiPersonGeneration | Unset
        if isinstance(_person_generation, Unset):
            person_generation = UNSET
        else:
            person_generation = check_gemini_person_generation(_person_generation)

        _image_output_options = d.pop("imageOutputOptions", UNSET)
        image_output_options: GeminiImageOutputOptions | Unset
        if isinstance(_image_output_options, Unset):
            image_output_options = UNSET
        else:
            image_output_options = GeminiImageOutputOptions.from_dict(_image_output_options)

        _thinking_config = d.pop("thinkingConfig", UNSET)
        thinking_config: GeminiOfficialMetadataThinkingConfig | Unset
        if isinstance(_thinking_config, Unset):
            thinking_config = UNSET
        else:
            thinking_config = GeminiOfficialMetadataThinkingConfig.from_dict(_thinking_config)

        _safety_settings = d.pop("safetySettings", UNSET)
        safety_settings: list[GeminiSafetySettingsItem] | Unset = UNSET
        if _safety_settings is not UNSET:
            safety_settings = []
            for componentsschemas_gemini_safety_settings_item_data in _safety_settings:
                componentsschemas_gemini_safety_settings_item = GeminiSafetySettingsItem.from_dict(
                    componentsschemas_gemini_safety_settings_item_data
                )

                safety_settings.append(componentsschemas_gemini_safety_settings_item)

        gemini_official_metadata = cls(
            temperature=temperature,
            top_p=top_p,
            max_output_tokens=max_output_tokens,
            resolution=resolution,
            person_generation=person_generation,
            image_output_options=image_output_options,
            thinking_config=thinking_config,
            safety_settings=safety_settings,
        )

        gemini_official_metadata.additional_properties = d
        return gemini_official_metadata

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
