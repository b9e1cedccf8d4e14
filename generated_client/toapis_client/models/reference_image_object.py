from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReferenceImageObject")


@_attrs_define
class ReferenceImageObject:
    """A reference image as the object form `{url}` (D-49).

    Attributes:
        url (str): A public `http://` or `https://` URL (scheme in any letter case, a non-empty host, no space
            or ASCII control character). Deliberately not `format: uri`, which is ASCII-only and would
            reject internationalised host names that the service accepts (DECISIONS.md D-06). The
            pattern spells its character classes out instead of using `\\s`, whose meaning differs
            between regular expression dialects (ECMA-262, Python, RE2).
    """

    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        reference_image_object = cls(
            url=url,
        )

        reference_image_object.additional_properties = d
        return reference_image_object

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
