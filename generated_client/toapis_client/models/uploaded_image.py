from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.uploaded_image_mime_type import (
    UploadedImageMimeType,
    check_uploaded_image_mime_type,
)

T = TypeVar("T", bound="UploadedImage")


@_attrs_define
class UploadedImage:
    """
    Attributes:
        id (str): Upload record id.
        url (str): A public `http://` or `https://` URL (scheme in any letter case, a non-empty host, no space
            or ASCII control character). Deliberately not `format: uri`, which is ASCII-only and would
            reject internationalised host names that the service accepts (DECISIONS.md D-06). The
            pattern spells its character classes out instead of using `\\s`, whose meaning differs
            between regular expression dialects (ECMA-262, Python, RE2).
        mime_type (UploadedImageMimeType): The detected image type.
        size (int): Size of the stored file in bytes (at most 10 MB).
    """

    id: str
    url: str
    mime_type: UploadedImageMimeType
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        mime_type: str = self.mime_type

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "mime_type": mime_type,
                "size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        mime_type = check_uploaded_image_mime_type(d.pop("mime_type"))

        size = d.pop("size")

        uploaded_image = cls(
            id=id,
            url=url,
            mime_type=mime_type,
            size=size,
        )

        uploaded_image.additional_properties = d
        return uploaded_image

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
