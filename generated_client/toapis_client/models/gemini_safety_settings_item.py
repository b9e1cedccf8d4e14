from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gemini_safety_settings_item_category import (
    GeminiSafetySettingsItemCategory,
    check_gemini_safety_settings_item_category,
)
from ..models.gemini_safety_settings_item_threshold import (
    GeminiSafetySettingsItemThreshold,
    check_gemini_safety_settings_item_threshold,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GeminiSafetySettingsItem")


@_attrs_define
class GeminiSafetySettingsItem:
    """
    Attributes:
        category (GeminiSafetySettingsItemCategory | Unset):
        threshold (GeminiSafetySettingsItemThreshold | Unset):
    """

    category: GeminiSafetySettingsItemCategory | Unset = UNSET
    threshold: GeminiSafetySettingsItemThreshold | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category

        threshold: str | Unset = UNSET
        if not isinstance(self.threshold, Unset):
            threshold = self.threshold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _category = d.pop("category", UNSET)
        category: GeminiSafetySettingsItemCategory | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = check_gemini_safety_settings_item_category(_category)

        _threshold = d.pop("threshold", UNSET)
        threshold: GeminiSafetySettingsItemThreshold | Unset
        if isinstance(_threshold, Unset):
            threshold = UNSET
        else:
            threshold = check_gemini_safety_settings_item_threshold(_threshold)

        gemini_safety_settings_item = cls(
            category=category,
            threshold=threshold,
        )

        gemini_safety_settings_item.additional_properties = d
        return gemini_safety_settings_item

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
