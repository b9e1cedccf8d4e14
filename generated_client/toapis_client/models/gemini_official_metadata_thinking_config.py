from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_official_metadata_thinking_config_thinking_level import (
    GeminiOfficialMetadataThinkingConfigThinkingLevel,
    check_gemini_official_metadata_thinking_config_thinking_level,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GeminiOfficialMetadataThinkingConfig")


@_attrs_define
class GeminiOfficialMetadataThinkingConfig:
    """Reasoning before generating.

    Attributes:
        thinking_budget (int | Unset): Thinking token budget, 0 to 24576.
        thinking_level (GeminiOfficialMetadataThinkingConfigThinkingLevel | Unset):
    """

    thinking_budget: int | Unset = UNSET
    thinking_level: GeminiOfficialMetadataThinkingConfigThinkingLevel | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        thinking_budget = self.thinking_budget

        thinking_level: str | Unset = UNSET
        if not isinstance(self.thinking_level, Unset):
            thinking_level = self.thinking_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if thinking_budget is not UNSET:
            field_dict["thinkingBudget"] = thinking_budget
        if thinking_level is not UNSET:
            field_dict["thinkingLevel"] = thinking_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        thinking_budget = d.pop("thinkingBudget", UNSET)

        _thinking_level = d.pop("thinkingLevel", UNSET)
        thinking_level: GeminiOfficialMetadataThinkingConfigThinkingLevel | Unset
        if isinstance(_thinking_level, Unset):
            thinking_level = UNSET
        else:
            thinking_level = check_gemini_official_metadata_thinking_config_thinking_level(
                _thinking_level
            )

        gemini_official_metadata_thinking_config = cls(
            thinking_budget=thinking_budget,
            thinking_level=thinking_level,
        )

        gemini_official_metadata_thinking_config.additional_properties = d
        return gemini_official_metadata_thinking_config

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
